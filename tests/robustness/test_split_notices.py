"""A notice in several parts whose second part fails is retried from that part, not resent whole."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from bot.app import telegram_sender
from bot.models import Notification, utcnow
from bot.services.notices import RequestReminderNotice
from tests.factories import CITIZEN_ID
from tests.fakes.bot_api import BotApiError
from tests.robustness.conftest import STAFF_ID
from tests.telegram.test_proposals import data

FAILURES = {
    "server error": BotApiError(500, "Internal Server Error: restart"),
    "flood wait": BotApiError(429, "Too Many Requests: retry after 3", retry_after=3),
}


def second_part_fails_once(bot, error: BotApiError):
    """The real Telegram sender, with Telegram refusing the second message to the citizen."""
    send = telegram_sender(bot.app)
    handed = 0

    async def sender(chat_id: int, text: str, *buttons: object) -> object:
        nonlocal handed
        handed += chat_id == CITIZEN_ID
        if chat_id == CITIZEN_ID and handed == 2:
            bot.api.fail_next("sendMessage", error)
        return await send(chat_id, text, *buttons)

    return sender


async def deliver_until_done(bot, send) -> None:
    moment = utcnow()
    for _ in range(3):  # the failed round, then the retry once its wait has passed
        await bot.services.outbox.deliver_due(send, now=moment)
        moment += dt.timedelta(minutes=5)
    async with bot.services.db.session() as session:
        rows = list(await session.exec(select(Notification)))
    assert rows and all(row.status == "sent" for row in rows), [r.last_error for r in rows]


def received(bot, chat_id: int) -> list[str]:
    return [c.text for c in bot.api.delivered() if int(c.params["chat_id"]) == chat_id]


@pytest.mark.parametrize("failure", FAILURES, ids=list(FAILURES))
async def test_a_long_staff_answer_whose_second_part_fails_arrives_once_in_order(bot, failure):
    (fallback,) = await bot.say("cuando abren las inscripciones para el bono")
    await bot.press(data(fallback, "sq:")[0])
    (queue,) = await bot.say("/preguntas", user_id=STAFF_ID)
    question_id = int(data(queue, "qkb:")[0].split(":")[1])
    # Within the 3,500 characters staff may write, but emoji count two for Telegram (UTF-16):
    # more than one message.
    answer = "\n".join(f"{n}. 📄📎📌🗂 lleve copia 📄📎📌" for n in range(1, 131))
    assert len(answer) <= 3500 and len(answer.encode("utf-16-le")) // 2 > 4096
    await bot.say(f"/contestar {question_id} {answer}", user_id=STAFF_ID)
    before = len(received(bot, CITIZEN_ID))

    await deliver_until_done(bot, second_part_fails_once(bot, FAILURES[failure]))

    parts = received(bot, CITIZEN_ID)[before:]
    assert len(parts) >= 2, "the answer was long enough to need parts"
    assert len(parts) == len(set(parts)), "no part arrived twice"
    assert "Respuesta del equipo" in parts[0] and "130. 📄" in parts[-1], "in order"
    refused = [c for c in bot.api.sent() if not c.ok]
    assert len(refused) == 1 and refused[0].text == parts[1], "the refused part was sent again"


async def test_the_buttons_stay_under_the_last_part_after_a_retry(bot):
    await bot.say("/start")  # the citizen exists and has a chat
    citizen = await bot.services.citizens.identify(CITIZEN_ID, CITIZEN_ID)
    notice = RequestReminderNotice(
        language="es",
        request_id=7,
        institution="Ministerio de Prueba " * 250,  # a name long enough to need two messages
        subject="contratos de obra pública",
        submitted_on=dt.date(2026, 11, 2),
        deadline=dt.date(2026, 11, 12),
        can_extend=True,
    )
    async with bot.services.db.session() as session:
        bot.services.outbox.enqueue(session, citizen.id, "test:long-reminder", notice)
        await session.commit()
    before = len(bot.api.calls)

    await deliver_until_done(bot, second_part_fails_once(bot, FAILURES["server error"]))

    reminder = [c for c in bot.api.calls[before:] if c.ok and c.method == "sendMessage"]
    assert len(reminder) >= 2 and len({c.text for c in reminder}) == len(reminder)
    assert "¿Le respondieron?" in reminder[0].text and "Ministerio de Prueba" in reminder[1].text
    assert all(not c.buttons for c in reminder[:-1]), "no buttons before the last part"
    assert len(reminder[-1].buttons) == 4, "the four answers under the last part"
