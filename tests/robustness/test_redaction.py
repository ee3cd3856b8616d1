"""Erasure leaves no e-mail, phone, cédula or given contact in anything kept for statistics."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import Proposal, QuestionLog, StaffQuestion
from bot.services.redaction import is_cedula, redact, redact_folded
from knowledge.normalize import fold
from tests.telegram.test_proposals import data, log_a_need

IDENTIFYING = ("ana.perez@correo.ec", "0991234567", "099 123 4567", "1710034065", "vecina")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("escríbame a Ana.Perez@correo.ec hoy", "escríbame a (correo) hoy"),
        ("mi celular es 099 123 4567", "mi celular es (teléfono)"),
        ("llame al +593 99 123 4567", "llame al (teléfono)"),
        ("o al (02) 250-1234 en Quito", "o al (teléfono) en Quito"),
        ("mi cédula es 1710034065", "mi cédula es (cédula)"),
        ("cédula 171003406-5", "cédula (cédula)"),
        # Figures are not people: years, amounts, counts and ten digits that are no cédula stay.
        ("en 2024 gastaron 1.500.000 dólares en 24 obras", None),
        ("el expediente 1234567890 sigue abierto", None),
    ],
)
def test_the_redaction_rules(text, expected):
    assert redact(text) == (expected or text)


def test_the_rules_work_on_the_folded_question_log_and_on_known_contacts():
    assert is_cedula("1710034065") and not is_cedula("1234567890")
    folded = fold("Soy Vecina, llámeme al 099-123-4567 o escriba a vecina@correo.ec")
    assert redact_folded(folded, ["vecina@correo.ec"]) == (
        "soy vecina llameme al telefono o escriba a contacto"
    )


async def test_erasure_redacts_every_kept_text(bot):
    (_logged,) = await bot.say("mi correo es ana.perez@correo.ec y mi celular 099 123 4567")
    (fallback,) = await bot.say("cuando abren las inscripciones para el bono")
    await bot.press(data(fallback, "sq:")[0])
    await log_a_need(
        bot,
        "Necesito que publiquen los contratos; escríbanme a vecina@correo.ec o al 0991234567, "
        "mi cédula es 1710034065",
    )
    await bot.say("/borrar_mis_datos")
    await bot.press("del:yes")
    async with bot.services.db.session() as session:
        kept = [p.text for p in await session.exec(select(Proposal))]
        kept += [q.text for q in await session.exec(select(StaffQuestion))]
        kept += [q.normalized for q in await session.exec(select(QuestionLog))]
    assert len(kept) >= 4
    everything = "\n".join(kept).casefold()
    for detail in (*IDENTIFYING, "correo ec", "perez", "123 4567"):
        assert detail not in everything, f"{detail!r} survived erasure in: {everything}"
    assert "publiquen los contratos" in everything, "the need itself is kept"
    assert "cuando abren las inscripciones" in everything, "and so is the question"
