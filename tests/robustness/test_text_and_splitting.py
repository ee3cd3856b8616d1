"""Bytes PostgreSQL refuses, HTML-aware splitting, and long staff answers that still arrive."""

from __future__ import annotations

import html
import json
import re

import pytest
from sqlmodel import select

from bot.app import telegram_sender
from bot.models import Notification, Proposal
from bot.render.html import split_html
from tests.factories import CITIZEN_ID
from tests.fakes.bot_api import html_text_length
from tests.robustness.conftest import STAFF_ID
from tests.telegram.test_proposals import NEED, data, log_a_need, texts
from tests.web.helpers import reach_the_contact_step


def visible(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@pytest.mark.parametrize(
    "text",
    [
        "&amp;" * 4000,  # within Telegram's limit once parsed: one message
        "&amp;" * 9000,
        "<b>" + "palabra " * 1200 + "</b>",
        '<a href="https://example.ec/?a=1&amp;b=2">' + "x" * 9000 + "</a>",
        "<i>cursiva &lt;no es etiqueta&gt;</i>\n\n" * 400,
        "😀" * 5000,
        "<b>título</b>\n" + "\n".join(f"• línea {n} con <i>algo</i> &amp; más" for n in range(900)),
    ],
)
def test_every_part_of_a_split_message_is_html_telegram_accepts(text):
    parts = split_html(text)
    for part in parts:
        assert html_text_length(part) <= 4096  # the fake Bot API's checker: raises if malformed
    squeezed = "".join("".join(visible(p).split()) for p in parts)
    assert squeezed == "".join(visible(text).split()), "nothing lost, nothing added"
    if text == "&amp;" * 4000:
        assert len(parts) == 1


async def test_a_proposal_of_ampersands_keeps_its_buttons_and_can_be_read(bot):
    code = await log_a_need(bot, "y" + "&" * 1999)  # a need must have a letter in it
    assert bot.api.sent() and all(c.ok for c in bot.api.sent()), "Telegram accepted every part"
    summaries = [c for c in bot.api.sent() if "pp:send" in [d for _, d in c.buttons]]
    assert summaries, "the summary kept its Send/Edit buttons"
    status = await bot.say(f"/estado {code}")
    assert status and all(c.ok for c in status)
    assert sum(visible(c.text).count("&") for c in status) >= 1999
    view = await bot.say(f"/ver {code}", user_id=STAFF_ID)
    assert view and all(c.ok for c in view)
    assert data(view[-1], "st:"), "staff buttons on the last part"


async def test_nul_bytes_and_lone_surrogates_are_cleaned_before_they_are_stored(bot):
    replies = await bot.say("que es el gobierno\x00 abierto\ud800")
    assert replies and all(c.ok for c in replies)
    code = await log_a_need(bot, NEED.replace(" que ", " que\x00 ") + " \ud83d")
    (exported,) = [c for c in await bot.say("/mis_datos") if c.method == "sendMessage"]
    assert "Propuestas: 1" in exported.text
    (_, _, _, content) = bot.api.uploads[-1]
    export = json.loads(content)
    (proposal,) = export["proposals"]
    assert "\x00" not in proposal["text"] and proposal["code"] == code
    assert export["questions"][0]["question"].startswith("que es el gobierno")
    async with bot.services.db.session() as session:
        (stored,) = list(await session.exec(select(Proposal)))
    assert "\x00" not in stored.text and "\ud83d" not in stored.text


async def test_a_contact_with_a_nul_byte_does_not_break_the_flow(bot):
    await reach_the_contact_step(bot, NEED)
    (summary,) = await bot.say("vecina\x00@correo.ec")
    assert "vecina@correo.ec" in summary.text


async def test_a_long_staff_answer_is_refused_clearly_and_a_long_one_that_fits_arrives(bot):
    code = await log_a_need(bot)
    (refused,) = await bot.say(f"/responder {code} " + "palabra " * 600, user_id=STAFF_ID)
    assert "el máximo es 3.500" in refused.text and "no se guardó nada" in refused.text
    answer = "Respuesta & detalle " * 170  # 3,400 characters, 170 ampersands
    (done,) = await bot.say(f"/responder {code} {answer}", user_id=STAFF_ID)
    assert "Aviso en cola para 1 persona;" in done.text
    report = await bot.services.outbox.deliver_due(telegram_sender(bot.app))
    assert report.sent >= 1 and report.undeliverable == 0
    to_citizen = [c for c in bot.api.sent() if int(c.params["chat_id"]) == CITIZEN_ID]
    assert all(c.ok for c in to_citizen)
    async with bot.services.db.session() as session:
        notices = list(await session.exec(select(Notification)))
    assert notices and all(n.status == "sent" for n in notices)
    (view,) = texts(await bot.say(f"/ver {code}", user_id=STAFF_ID))
    assert "Avisos: 1 entregado, 0 en cola, 0 no entregados." in view


async def test_a_long_answer_to_a_queued_question_is_refused_clearly(bot):
    (fallback,) = await bot.say("cuando abren las inscripciones para el bono")
    await bot.press(data(fallback, "sq:")[0])
    (queue,) = await bot.say("/preguntas", user_id=STAFF_ID)
    question_id = int(data(queue, "qkb:")[0].split(":")[1])
    (refused,) = await bot.say(f"/contestar {question_id} " + "x" * 4000, user_id=STAFF_ID)
    assert "tiene 4.000 caracteres; el máximo es 3.500" in refused.text
    (done,) = await bot.say(f"/contestar {question_id} " + "y & " * 800, user_id=STAFF_ID)
    assert "Respondí al ciudadano" in done.text
    await bot.services.outbox.deliver_due(telegram_sender(bot.app))
    answers = [c for c in bot.api.sent() if "Respuesta del equipo" in c.text]
    assert answers and all(c.ok for c in answers)
