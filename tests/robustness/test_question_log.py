"""One row the database refuses never stops the question log for everyone else."""

from __future__ import annotations

import logging

from sqlmodel import select

from bot.models import QuestionLog
from bot.services.answers import Reply
from bot.services.questions import QuestionService
from tests.factories import OTHER_CITIZEN_ID
from tests.robustness.conftest import STAFF_ID
from tests.telegram.test_proposals import data

ERASED_ELSEWHERE = 987_654  # a citizen id another process erased a moment ago


async def test_a_refused_row_is_set_aside_and_everyone_else_keeps_working(bot, caplog):
    (answer,) = await bot.say("que es el gobierno abierto", user_id=OTHER_CITIZEN_ID)
    questions = bot.services.questions
    reply = bot.services.answers.answer("mi secreto: ana@correo.ec")
    questions.record(ERASED_ELSEWHERE, "mi secreto: ana@correo.ec", reply)
    caplog.set_level(logging.WARNING, logger="bot.services.questions")
    (feedback,) = [d for d in data(answer, "fb:") if d.endswith(":1")]
    calls = await bot.press(feedback, user_id=OTHER_CITIZEN_ID)
    assert "Gracias" in calls[0].params.get("text", ""), "👍 still works"
    (fallback,) = await bot.say("cuando abren las inscripciones para el bono")
    await bot.press(data(fallback, "sq:")[0])
    (queue,) = await bot.say("/preguntas", user_id=STAFF_ID)
    assert "cuando abren las inscripciones" in queue.text, "the staff queue still fills"
    assert [c for c in await bot.say("/mis_datos") if c.method == "sendMessage"]
    assert questions.refused >= 1 and not questions._logs, "set aside, not retried for ever"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "refused" in logged and "ana@correo.ec" not in logged and "secreto" not in logged
    async with bot.services.db.session() as session:
        kept = list(await session.exec(select(QuestionLog.citizen_id)))
    assert ERASED_ELSEWHERE not in kept and len(kept) >= 2


async def test_the_queue_is_capped_while_the_database_is_away(sqlite_url):
    from bot.db import Database

    service = QuestionService(Database(sqlite_url), max_queued=5)
    reply = Reply(decision="fallback", language="es")
    for _ in range(8):
        service.record(None, "una pregunta", reply)
    assert len(service._logs) == 5 and service.dropped == 3
    await service.db.dispose()
