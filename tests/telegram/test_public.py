"""/estadisticas and /necesidades on Telegram, through the real dispatcher."""

from __future__ import annotations

from sqlmodel import select

from bot.models import Notification
from tests.factories import CITIZEN_ID, OTHER_CITIZEN_ID, message
from tests.public import factories as make


def alerts(calls) -> list[str]:
    return [c.params.get("text", "") for c in calls if c.method == "answerCallbackQuery"]


def messages(calls):
    return [c for c in calls if c.method in ("sendMessage", "editMessageText")]


async def publish(bot, text: str, **kwargs) -> str:
    proposal = await make.proposal(bot.services, text=text, **kwargs)
    await bot.services.needs.publish(proposal.code, text, "equipo:test")
    return proposal.code


async def test_statistics_send_the_key_figures_and_a_png_chart(bot):
    await make.questions(bot.services, 3, "answer", "lotaip-que-es")
    await make.questions(bot.services, 1, "fallback")
    calls = await bot.send(message("/estadisticas"))
    (text,) = messages(calls)
    assert "Preguntas recibidas: <b>4</b>" in text.text
    assert "Respondidas directamente: <b>75 %</b>" in text.text
    assert "Mediana de días hasta la primera respuesta: <b>sin dato</b>" in text.text
    assert [c.ok for c in calls if c.method == "sendPhoto"] == [True]
    (upload,) = [u for u in bot.api.uploads if u[0] == "sendPhoto"]
    assert upload[3].startswith(b"\x89PNG\r\n\x1a\n")
    assert len(upload[3]) > 5_000
    english = messages(await bot.say("/statistics", language_code="en"))
    assert "Questions received: <b>4</b>" in english[0].text


async def test_needs_browse_by_category_and_province_and_open_one(bot):
    code = await publish(bot, "Más información sobre el presupuesto participativo de Loja",
                         province="Loja", category="participacion")  # fmt: skip
    await publish(bot, "Datos de contratación pública en formato abierto, por favor")
    (intro,) = await bot.say("/necesidades")
    assert "Publicadas: <b>2</b>" in intro.text
    assert [d for _, d in intro.buttons] == ["nl:a:1", "nb:cat", "nb:prov"]
    (provinces,) = messages(await bot.press("nb:prov"))
    assert ("Loja", "nl:p11:1") in provinces.buttons
    (listing,) = messages(await bot.press("nl:p11:1"))
    assert "Loja" in listing.text and "1 en total" in listing.text
    assert [d for _, d in listing.buttons] == [f"nd:{code}"]
    (categories,) = messages(await bot.press("nb:cat"))
    assert ("Participación ciudadana", "nl:c2:1") in categories.buttons
    (by_category,) = messages(await bot.press("nl:c2:1"))
    assert "Participación ciudadana" in by_category.text
    (card,) = messages(await bot.press(f"nd:{code}"))
    assert "presupuesto participativo de Loja" in card.text
    assert "Estado: <b>Recibida</b>" in card.text
    assert f"/necesidades {code}" in card.text  # how to share it
    assert card.buttons == [("👍 Apoyar", f"nsu:{code}")]
    (direct,) = await bot.say(f"/necesidades {code.lower().replace('-', ' ')}")
    assert "presupuesto participativo de Loja" in direct.text


async def test_needs_are_paged_five_at_a_time(bot):
    for n in range(7):
        await publish(bot, f"Necesidad número {n} sobre transparencia municipal en la ciudad")
    (first,) = messages(await bot.press("nl:a:1"))
    assert "Página 1 de 2" in first.text
    assert len([d for _, d in first.buttons if d.startswith("nd:")]) == 5
    assert ("Siguiente ▶️", "nl:a:2") in first.buttons
    (second,) = messages(await bot.press("nl:a:2"))
    assert len([d for _, d in second.buttons if d.startswith("nd:")]) == 2


async def test_support_counts_once_and_the_supporter_hears_of_status_changes(bot):
    author = await bot.services.citizens.identify(CITIZEN_ID, CITIZEN_ID)
    code = await publish(bot, "Que publiquen las actas del concejo cantonal cada mes",
                         citizen_id=author.id)  # fmt: skip
    assert "Gracias" in alerts(await bot.press(f"nsu:{code}", user_id=OTHER_CITIZEN_ID))[0]
    assert "Ya apoyó" in alerts(await bot.press(f"nsu:{code}", user_id=OTHER_CITIZEN_ID))[0]
    assert "no se puede apoyar" in alerts(await bot.press(f"nsu:{code}", user_id=CITIZEN_ID))[0]
    need = await bot.services.needs.need(code)
    assert need.supports == 1
    proposal = await bot.services.proposal_queue.detail(code)
    await bot.services.lifecycle.transition(
        proposal.row.proposal.id, "respondida", "equipo:test", public_message="Se publicarán."
    )
    supporter = await bot.services.citizens.identify(OTHER_CITIZEN_ID, OTHER_CITIZEN_ID)
    async with bot.services.db.session() as session:
        told = list(
            await session.exec(select(Notification).where(Notification.citizen_id == supporter.id))
        )
    assert len(told) == 1 and code in told[0].text


async def test_bad_codes_and_forged_buttons_get_a_clear_reply(bot):
    (unknown,) = await bot.say("/necesidades <b>GA-XXXX</b>")
    assert "No encuentro una necesidad publicada" in unknown.text
    assert "&lt;b&gt;" in unknown.text  # the citizen's text, escaped
    (missing,) = await bot.say("/necesidades GA-2222-22")
    assert "No encuentro" in missing.text
    assert "ya no es válido" in alerts(await bot.press("nl:p99:1"))[0]
    assert "ya no es válido" in alerts(await bot.press("nd:GA-2222-22"))[0]
    assert "no se puede apoyar" in alerts(await bot.press("nsu:GA-2222-22"))[0]
    (empty,) = messages(await bot.press("nl:a:999"))
    assert "No hay necesidades publicadas" in empty.text


async def test_a_needs_list_shows_where_a_text_was_cut_and_english_shares_with_needs(bot):
    text = "Datos de contratación pública en formato abierto, por favor, cada mes"
    code = await publish(bot, text)
    (listing,) = messages(await bot.press("nl:a:1"))
    ((label, _),) = listing.buttons
    assert label == f"{code} · 👍 0 · {text[:40]}…", "a cut text says so"
    (card,) = messages(await bot.press(f"nd:{code}", language_code="en"))
    assert f"anyone who sends /needs {code} will see it" in card.text
