"""What a replica taking an update again must not send twice: the replies on record."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace
from typing import Any

from telegram.request import BaseRequest, RequestData
from telegram.request._requestparameter import RequestParameter

from bot.db import Database
from bot.services.updates import UpdateInbox
from bot.serving import ReplayingRequest, WebhookDispatcher, _Handling, _handling

URL = "http://bot.api.test/bot123:T/"


class Telegram(BaseRequest):
    """Accepts every call; notes what was on record for the update when each call went out."""

    def __init__(self, inbox: UpdateInbox) -> None:
        self.inbox = inbox
        self.on_record_at_call: list[list[int]] = []

    @property
    def read_timeout(self) -> float:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        self.on_record_at_call.append(sorted(await self.inbox.replies(1)))
        result = {"message_id": len(self.on_record_at_call), "chat": {"id": 5}}
        return 200, json.dumps({"ok": True, "result": result}).encode()


async def send(request: ReplayingRequest) -> None:
    data = RequestData(
        [RequestParameter("chat_id", 5, None), RequestParameter("text", "hola", None)]
    )
    await request.do_request(URL + "sendMessage", "POST", data)


async def test_each_reply_is_on_record_before_the_updates_next_call_goes_out(database_url: str):
    db = Database(database_url)
    await db.upgrade()
    inbox = UpdateInbox(db)
    telegram = Telegram(inbox)
    request = ReplayingRequest(telegram, inbox)
    token = _handling.set(_Handling(1, {}))
    try:
        for _ in range(3):
            await send(request)
    finally:
        _handling.reset(token)
    assert telegram.on_record_at_call == [[], [0], [0, 1]]
    await inbox.dispose()
    await db.dispose()


async def test_an_update_cut_off_at_shutdown_keeps_what_it_had_sent_on_record(
    database_url: str,
):
    db = Database(database_url)
    await db.upgrade()
    inbox = UpdateInbox(db)
    telegram = Telegram(inbox)
    request = ReplayingRequest(telegram, inbox)

    stuck = asyncio.Event()

    async def process_update(update: object) -> None:  # replies, then never finishes
        await send(request)
        stuck.set()
        await asyncio.Event().wait()

    application = SimpleNamespace(bot=None, process_update=process_update)
    dispatcher = WebhookDispatcher(application, SimpleNamespace(), inbox)  # type: ignore[arg-type]
    update = {
        "update_id": 1,
        "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}},
    }
    await inbox.accept(1, 5, json.dumps(update))
    task = asyncio.create_task(dispatcher._handle(1, 5, 0.0, "text", (update, json.dumps(update))))
    await asyncio.wait_for(stuck.wait(), 5)
    task.cancel()  # what drain() does to an update still in hand after its 20 s
    await asyncio.gather(task, return_exceptions=True)
    assert sorted(await inbox.replies(1)) == [0], "the first reply is not sent again on retake"
    (pending,) = await inbox.stale(older_than=-1)
    assert pending.update_id == 1, "the update is taken again"
    await inbox.dispose()
    await db.dispose()


class CommitFails(UpdateInbox):
    """Runs the update, then cannot mark it handled (the connection broke at the commit)."""

    async def handle(self, update_id: int, chat_id: int | None, work: Any, payload: Any = None):
        await work("{}")
        raise ConnectionError("connection lost at COMMIT")


async def test_an_update_whose_commit_failed_keeps_what_it_had_sent_on_record(database_url: str):
    db = Database(database_url)
    await db.upgrade()
    inbox = CommitFails(db)
    request = ReplayingRequest(Telegram(inbox), inbox)

    async def process_update(update: object) -> None:
        await send(request)

    application = SimpleNamespace(bot=None, process_update=process_update)
    dispatcher = WebhookDispatcher(application, SimpleNamespace(), inbox)  # type: ignore[arg-type]
    update = {
        "update_id": 1,
        "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}},
    }
    await dispatcher._handle(1, 5, 0.0, "text", (update, json.dumps(update)))
    assert sorted(await inbox.replies(1)) == [0], "a retake replays the reply, not sends it"
    await inbox.dispose()
    await db.dispose()
