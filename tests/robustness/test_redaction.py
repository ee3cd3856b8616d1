"""Erasure leaves no e-mail, phone, cédula or given contact in anything kept for statistics."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import Proposal, ProposalPublication, QuestionLog, StaffQuestion
from bot.services.redaction import is_cedula, redact, redact_folded
from knowledge.normalize import fold
from tests.factories import CITIZEN_ID, callback
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Me llamo Ana Pérez y quiero saber", "Me llamo (nombre) y quiero saber"),
        (
            "mi nombre es María de los Ángeles Toapanta, vivo en Quito",
            "mi nombre es (nombre), vivo en Quito",
        ),
        (
            "Buenas, soy Juan Carlos Torres. ¿Qué es la LOTAIP?",
            "Buenas, soy (nombre). ¿Qué es la LOTAIP?",
        ),
        ("my name is John Smith and I live in Cuenca", "my name is (nombre) and I live in Cuenca"),
        ("soy O'Brien", "soy (nombre)"),
        # Not names: a role, a place, a demonym, a past tense, capitals throughout, an office.
        ("soy profesora en Riobamba", None),
        ("Soy de Quito y trabajo en Ambato", None),
        ("Soy Ecuatoriana y quiero participar", None),
        ("Me llamó la atención el plan de acción", None),
        ("SOY DE QUITO", None),
        ("el Ministerio de Salud no responde", None),
    ],
)
def test_names_typed_after_an_opener_are_redacted_and_other_words_are_not(text, expected):
    assert redact(text) == (expected or text)


def test_telegram_names_are_redacted_as_whole_words_only():
    text = "Rosa Quishpe (@rosaq_uio) pregunta: ¿la semana próxima hay rosas en la feria?"
    names = ("Rosa", "Quishpe", "rosaq_uio")
    assert redact(text, names=names) == (
        "(nombre) (nombre) ((nombre)) pregunta: ¿la semana próxima hay rosas en la feria?"
    )
    assert redact_folded(fold(text), names=names) == (
        "nombre nombre nombre pregunta la semana proxima hay rosas en la feria"
    )


async def test_erasure_takes_out_typed_names_and_the_telegram_names_of_the_citizen(bot):
    person = {
        "id": CITIZEN_ID,
        "is_bot": False,
        "first_name": "Rosa",
        "last_name": "Quishpe",
        "username": "rosaq_uio",
        "language_code": "es",
    }
    (_answer,) = await bot.say("Hola, me llamo Rosa Elena Quishpe, ¿qué es la LOTAIP?")
    (fallback,) = await bot.say("rosa quishpe aqui: cuando abren las inscripciones para el bono")
    await bot.press(data(fallback, "sq:")[0])
    code = await log_a_need(
        bot,
        "Necesito que publiquen los contratos del mercado; lo pide Rosa Quishpe, @rosaq_uio en "
        "Telegram, soy profesora del barrio",
    )
    # Staff published it as a need and missed the name (no opener before it).
    await bot.services.needs.publish(
        code, "Que publiquen los contratos del mercado, pide Rosa Quishpe", "equipo:test"
    )
    await bot.services.questions.flush()
    async with bot.services.db.session() as session:
        logged = [q.normalized for q in await session.exec(select(QuestionLog))]
    assert any(text.startswith("hola me llamo nombre que es la lotaip") for text in logged)
    assert not any("elena" in text for text in logged), "a typed name is out of the log at once"

    await bot.say("/borrar_mis_datos")
    press = callback("del:yes")
    press["callback_query"]["from"] = person  # the handler sees the names in the update only
    await bot.send(press)

    async with bot.services.db.session() as session:
        kept = [p.text for p in await session.exec(select(Proposal))]
        kept += [q.text for q in await session.exec(select(StaffQuestion))]
        kept += [q.normalized for q in await session.exec(select(QuestionLog))]
        for publication in await session.exec(select(ProposalPublication)):
            kept += [publication.public_text, publication.redacted_text]
    everything = "\n".join(kept).casefold()
    assert "que publiquen los contratos del mercado, pide (nombre)" in everything
    for detail in ("rosa", "quishpe", "rosaq_uio", "elena"):
        assert detail not in everything, f"{detail!r} survived erasure in: {everything}"
    assert "publiquen los contratos del mercado" in everything, "the need itself is kept"
    assert "soy profesora del barrio" in everything, "and words that are no name"
    assert "cuando abren las inscripciones" in everything
