"""Action plans on Telegram: browsing, cards, following, history, free-text commitments."""

from __future__ import annotations

import pytest

from tests.factories import OTHER_CITIZEN_ID


def data(call, prefix: str) -> list[str]:
    return [d for _, d in call.buttons if d.startswith(prefix)]


def edits(calls):
    return [c for c in calls if c.method in ("editMessageText", "sendMessage")]


async def test_plans_lead_to_commitments_and_a_full_card_with_back_navigation(bot):
    (plans,) = await bot.say("/plan")
    assert "Planes de acción" in plans.text
    assert data(plans, "pl:") == ["pl:paga-1:0", "pl:paga-2:0", "pl:paga-3:0"]
    (plan,) = edits(await bot.press("pl:paga-1:0"))
    assert "2019–2022" in plan.text
    assert "10 de 10" in plan.text
    assert len(data(plan, "c:")) == 6 and data(plan, "pl:paga-1:1"), "paged, six a page"
    assert "pls" in data(plan, "pls")
    (card,) = edits(await bot.press("c:paga-1-c03"))
    assert "Plataforma de Información Abierta de Contratación Pública" in card.text
    assert "SERCOP" in card.text
    assert "Fundación Ciudadanía y Desarrollo" in card.text
    assert "Resultados tempranos (MRI): <b>sobresalientes</b>" in card.text
    assert "Cumplimiento (escala del MRI): <b>sin información verificada</b>" in card.text
    assert "Escala: no iniciado" in card.text, "a one-line legend of the scale"
    assert "Al 2023" in card.text and "opengovpartnership.org" in card.text
    assert data(card, "fl:") == ["fl:paga-1-c03"]
    assert data(card, "ph:") == ["ph:paga-1-c03"]
    assert "pl:paga-1:0" in data(card, "pl:")


async def test_a_commitment_without_verified_data_says_so(bot):
    (card,) = edits(await bot.press("c:paga-2-ec0020"))
    assert "Institución responsable: sin información verificada" in card.text
    assert "Número no verificado" in card.text


async def test_the_second_plan_says_how_many_commitments_are_known(bot):
    (plan,) = edits(await bot.press("pl:paga-2:0"))
    assert "8 de 15" in plan.text


async def test_following_unfollowing_and_the_following_list(bot):
    calls = await bot.press("fl:paga-1-c07")
    (ack,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "le avisaré" in ack.params["text"]
    (markup,) = [c for c in calls if c.method == "editMessageReplyMarkup"]
    assert [d for _, d in markup.buttons if d.startswith("uf:")] == ["uf:paga-1-c07"]
    again = await bot.press("fl:paga-1-c07")
    (ack_again,) = [c for c in again if c.method == "answerCallbackQuery"]
    assert "Ya sigue" in ack_again.params["text"]
    (listing,) = await bot.say("/seguimientos")
    assert "Cocreación del Plan Nacional" in listing.text
    assert data(listing, "uf:") == ["uf:paga-1-c07"]
    await bot.press("uf:paga-1-c07")
    (empty,) = await bot.say("/seguimientos")
    assert "Todavía no sigue ningún compromiso" in empty.text


async def test_history_lists_staff_updates_newest_first(bot):
    (empty,) = edits(await bot.press("ph:paga-1-c09"))
    assert "aún no ha registrado" in empty.text
    plans = bot.services.plans
    await plans.record_update("paga-1-c09", "limited", "Primer avance", "https://e.org/1", "ana")
    await plans.record_update(
        "paga-1-c09", "substantial", "Casi listo <b>", "https://e.org/2", "ana"
    )
    (history,) = edits(await bot.press("ph:paga-1-c09"))
    assert history.text.index("Sustancial") < history.text.index("Limitado")
    assert "Casi listo &lt;b&gt;" in history.text, "staff notes are escaped"
    (card,) = edits(await bot.press("c:paga-1-c09"))
    assert "<b>Sustancial</b> ▰▰▰▱" in card.text
    assert "Actualización del equipo: Casi listo &lt;b&gt;" in card.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "compromiso 3 del primer plan",
            "Plataforma de Información Abierta de Contratación Pública",
        ),
        ("como va lo de la pesca", "Transparencia pesquera"),
        ("q compromisos tiene el sercop", "Contratación Pública"),
        (
            "que compromisos tuvieron resultados sobresalientes",
            "resultados tempranos «sobresalientes»",
        ),
        ("compromiso 12 del primer plan", "No encuentro el compromiso número 12"),
        ("que compromisos se cumplieron", "No hay datos verificados del nivel de cumplimiento"),
    ],
)
async def test_free_text_reaches_commitments(bot, question, expected):
    (reply,) = await bot.say(question)
    assert expected in reply.text


async def test_a_listed_match_offers_a_button_per_commitment(bot):
    (reply,) = await bot.say("que compromisos tuvieron resultados sobresalientes")
    assert sorted(data(reply, "c:")) == ["c:paga-1-c03", "c:paga-1-c07"]


@pytest.mark.parametrize("forged", ["c:no-existe", "pl:nada:0", "fl:no-existe", "ph:no-existe"])
async def test_forged_plan_buttons_expire(bot, forged):
    calls = await bot.press(forged)
    (ack,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "ya no es válido" in ack.params["text"]


async def test_following_is_per_citizen(bot):
    await bot.press("fl:paga-1-c03")
    (other,) = await bot.say("/seguimientos", user_id=OTHER_CITIZEN_ID)
    assert "Todavía no sigue" in other.text


async def test_a_question_comparing_two_plans_commitments_offers_both(bot):
    (reply,) = await bot.say(
        "en qué se parecen el compromiso de pesca del segundo plan y el de compras públicas del "
        "primero?"
    )
    assert sorted(data(reply, "c:")) == ["c:paga-1-c03", "c:paga-2-ec0020"]
    # Two plans named without a commitment for each is no comparison of commitments.
    (counts,) = await bot.say("¿cuántos compromisos tuvo el primer plan y cuántos el segundo?")
    assert not data(counts, "c:")
