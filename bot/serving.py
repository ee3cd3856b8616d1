"""Webhook mode: Telegram posts updates to the bot's own web server; any replica takes any update.

``WebhookDispatcher`` is what the web route (``bot.web.webhook``) hands each update to: it stores
the update in the database (:class:`bot.services.updates.UpdateInbox`, a retry stops there) and
handles it in the background through the same PTB ``Application`` and handlers as long polling.
``serve_webhook`` runs it all until SIGTERM, then drains: 503 to new deliveries, in-flight updates
finished, the question log flushed.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import logging
import re
import signal
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram._utils.types import ODVInput
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot.app import (
    build_application,
    freeze_startup_heap,
    initialize_with_backoff,
    shutdown,
    startup,
    with_backoff,
)
from bot.bot_api import AiohttpRequest
from bot.config import Settings
from bot.context import Services
from bot.services.updates import Reply, UpdateInbox
from bot.web import start_web
from bot.web.webhook import WebhookRoute

logger = logging.getLogger(__name__)

# What the handlers act on: messages, buttons, and being blocked or unblocked (my_chat_member);
# edited messages are deliberately ignored.
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
SWEEP_SECONDS = 2.0
STALE_SECONDS = 5.0  # a receiver that took an update this long ago and never finished died
PURGE_SECONDS = 3600.0
DRAIN_SECONDS = 20.0
_CALLBACK_PREFIX = re.compile(r"[a-z]{1,8}")


def chat_of(update: dict[str, Any]) -> int | None:
    """The chat an update belongs to (the user for buttons on inline messages), if any."""
    for key, value in update.items():
        if key == "update_id" or not isinstance(value, dict):
            continue
        chat = value.get("chat") or (value.get("message") or {}).get("chat")
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return int(chat["id"])
        sender = value.get("from")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return int(sender["id"])
    return None


def route_of(update: dict[str, Any]) -> str:
    """Which kind of handler an update goes to, for logs: never any of the citizen's text."""
    if isinstance(message := update.get("message"), dict):
        text = message.get("text")
        if isinstance(text, str):
            return "command" if text.startswith("/") else "text"
        return "media"
    if isinstance(query := update.get("callback_query"), dict):
        prefix = str(query.get("data") or "").split(":", 1)[0]
        return f"button:{prefix}" if _CALLBACK_PREFIX.fullmatch(prefix) else "button"
    return next((key for key in update if key != "update_id"), "other")


# Bot API methods that show the citizen something: recorded per update, never made twice.
_VISIBLE = ("send", "edit", "answer", "delete", "copy", "forward")


@dataclass
class _Handling:
    """The update whose handlers are running in this task, and what an earlier try sent."""

    update_id: int
    recorded: dict[int, Reply]
    position: int = 0
    # The last call Telegram accepted, not on record yet: (position, method, chat, its answer).
    unrecorded: tuple[int, str, str | None, bytes] | None = None

    async def record(self, inbox: UpdateInbox) -> None:
        """Put the last accepted call on record (committed at once), if it is not yet."""
        if self.unrecorded is None:
            return
        position, method, chat_id, answer = self.unrecorded
        self.unrecorded = None
        # Read only now: most updates are marked handled before any record is needed.
        try:
            result = json.dumps(_kept(json.loads(answer)["result"]))
        except (ValueError, KeyError, TypeError):
            result = "true"
        try:
            await inbox.record_reply(self.update_id, position, method, chat_id, result)
        except Exception:  # the reply went out; only a retake could repeat it
            logger.warning("reply sent but not recorded", extra={"update_id": self.update_id})


_handling: contextvars.ContextVar[_Handling | None] = contextvars.ContextVar(
    "handling", default=None
)


def _kept(result: object) -> object:
    """What a handler may use of Telegram's answer: a message's ids, never its text or names."""
    if isinstance(result, dict) and "message_id" in result:
        chat = result.get("chat") or {}
        return {
            "message_id": result["message_id"],
            "date": result.get("date", 0),
            "chat": {"id": chat.get("id"), "type": chat.get("type", "private")},
        }
    return result if isinstance(result, bool) else True


class ReplayingRequest(BaseRequest):
    """Record each visible Bot API call of an update once Telegram accepted it; replay on retake.

    A replica killed mid-update leaves it unhandled, and another replica runs its handlers
    again. Their calls are then matched, in order, against what the first try recorded: a call
    with the same method and chat is answered from the record instead of being made again (the
    citizen does not get the same reply twice).

    An accepted call is put on record just before the update's next visible call goes out, and
    not at all when the update is marked handled first: most updates make one call, and marking
    them handled makes a record moot (a handled update is never taken again). So a reply costs
    no database round trip of its own. What still can repeat: a call Telegram accepted before
    the kill while its update had not yet made its next call or been marked handled (for a
    one-reply update, the moment between the reply and the commit), and a call the second try
    makes differently (the handlers saw a state the first try moved).
    """

    def __init__(self, inner: BaseRequest, inbox: UpdateInbox) -> None:
        self.inner = inner
        self.inbox = inbox

    @property
    def read_timeout(self) -> float | None:
        """The wrapped request's default read timeout."""
        return self.inner.read_timeout

    async def initialize(self) -> None:
        """Open the wrapped request's connections."""
        await self.inner.initialize()

    async def shutdown(self) -> None:
        """Close the wrapped request's connections."""
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make the call, or answer it from the record of an earlier try of this update."""
        handling = _handling.get()
        endpoint = url.rsplit("/", 1)[-1]
        if handling is None or not endpoint.startswith(_VISIBLE):
            return await self.inner.do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout,
                pool_timeout,
            )  # fmt: skip
        # The call before this one goes on record first: the kill that would lose it comes
        # after this call is made, if at all.
        await handling.record(self.inbox)
        # Positions count accepted calls only: a refused one (a 429 retried) is not recorded.
        position = handling.position
        chat = request_data.parameters.get("chat_id") if request_data is not None else None
        chat_id = None if chat is None else str(chat)
        done = handling.recorded.get(position)
        if done is not None and done.method == endpoint and done.chat_id == chat_id:
            handling.position += 1
            logger.info(
                "reply already sent by an earlier try; not sent again",
                extra={"update_id": handling.update_id, "method": endpoint},
            )
            return 200, json.dumps({"ok": True, "result": json.loads(done.result)}).encode()
        status, payload = await self.inner.do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if 200 <= status < 300:
            handling.position += 1
            handling.unrecorded = (position, endpoint, chat_id, payload)
        return status, payload


class WebhookDispatcher:
    """Take updates from the web route; store each once, handle it in the background."""

    def __init__(self, application: Application, services: Services, inbox: UpdateInbox) -> None:
        self.application = application
        self.services = services
        self.inbox = inbox
        self._accepting = True
        self._tasks: dict[int, asyncio.Task[None]] = {}

    @property
    def accepting(self) -> bool:
        """False once shutdown began."""
        return self._accepting

    async def receive(self, update: dict[str, Any], raw: str | None = None) -> None:
        """Store the update; a new one is handled in the background, a repeat is dropped.

        ``raw`` is the JSON text it was parsed from, stored as it came (not encoded again).
        """
        started = time.perf_counter()
        update_id = int(update["update_id"])
        chat_id = chat_of(update)
        metrics = self.services.metrics
        payload = raw if raw is not None else json.dumps(update)
        if not await self.inbox.accept(update_id, chat_id, payload):
            metrics.duplicates.inc()
            logger.info("duplicate delivery ignored", extra={"update_id": update_id})
            return
        metrics.updates.labels(metrics.update_type(update)).inc()
        self._spawn(update_id, chat_id, started, route_of(update), (update, payload))

    def _spawn(
        self,
        update_id: int,
        chat_id: int | None,
        started: float,
        route: str,
        received: tuple[dict[str, Any], str] | None = None,
    ) -> None:
        if update_id in self._tasks:
            return
        task = asyncio.create_task(self._handle(update_id, chat_id, started, route, received))
        self._tasks[update_id] = task
        task.add_done_callback(lambda _: self._tasks.pop(update_id, None))

    async def _handle(
        self,
        update_id: int,
        chat_id: int | None,
        started: float,
        route: str,
        received: tuple[dict[str, Any], str] | None = None,
    ) -> None:
        handling = _Handling(update_id, {})

        async def work(payload: str) -> None:
            # The receiver has the update parsed already; a retake parses the stored text.
            data = received[0] if received is not None else json.loads(payload)
            update = Update.de_json(data, self.application.bot)
            # Only a retake (the sweep) can find replies of an earlier try.
            if route == "retry":
                handling.recorded = await self.inbox.replies(update_id)
            token = _handling.set(handling)
            try:
                await self.application.process_update(update)
            except asyncio.CancelledError:
                # Cut off (shutdown): the update is taken again, so what went out is recorded.
                await handling.record(self.inbox)
                raise
            finally:
                _handling.reset(token)

        try:
            payload = received[1] if received is not None else None
            handled = await self.inbox.handle(update_id, chat_id, work, payload)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("update could not be handled", extra={"update_id": update_id})
            # Not marked handled (the commit failed, say): it is taken again, so what went out
            # goes on record now, on another connection, if the database lets it.
            await handling.record(self.inbox)
            return
        latency = time.perf_counter() - started
        if handled:
            self.services.metrics.latency.observe(latency)
        logger.info(
            "update handled" if handled else "update already handled elsewhere",
            extra={"update_id": update_id, "handler": route, "latency_ms": round(latency * 1000)},
        )

    async def sweep(self) -> None:
        """Forever: take updates whose receiver died before handling them; purge old rows."""
        last_purge = 0.0
        while True:
            try:
                for pending in await self.inbox.stale(STALE_SECONDS):
                    self._spawn(pending.update_id, pending.chat_id, time.perf_counter(), "retry")
                if time.monotonic() - last_purge > PURGE_SECONDS:
                    last_purge = time.monotonic()
                    await self.inbox.purge()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("update sweep failed; trying again shortly")
            await asyncio.sleep(SWEEP_SECONDS)

    async def drain(self, seconds: float = DRAIN_SECONDS) -> None:
        """Refuse new deliveries (503) and wait for the updates in hand to finish."""
        self._accepting = False
        tasks = list(self._tasks.values())
        if tasks:
            logger.info("finishing %d updates in hand", len(tasks))
            _, late = await asyncio.wait(tasks, timeout=seconds)
            for task in late:  # rolled back: the row stays unhandled, another replica takes it
                task.cancel()
            if late:
                await asyncio.wait(late)


def webhook_problem(settings: Settings) -> str | None:
    """Why webhook mode cannot start with these settings, in one line; None when it can."""
    if not settings.telegram_webhook_url:
        return None
    if settings.telegram_webhook_secret is None:
        return (
            "TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not: refusing to accept "
            "unauthenticated webhook calls (set a long random secret of A-Z a-z 0-9 _ -)."
        )
    secret = settings.telegram_webhook_secret.get_secret_value()
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
        return (
            "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z a-z 0-9 _ - (Telegram's rule)."
        )
    parts = urlsplit(settings.telegram_webhook_url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return "TELEGRAM_WEBHOOK_URL must be a full URL, e.g. https://bot.example.org/telegram"
    return None


async def serve_webhook(settings: Settings, services: Services) -> None:
    """Serve Telegram by webhook until SIGINT or SIGTERM, then drain and shut down cleanly."""
    problem = webhook_problem(settings)
    if problem is not None:
        raise ValueError(problem)
    assert settings.telegram_webhook_secret is not None
    secret = settings.telegram_webhook_secret.get_secret_value()
    inbox = UpdateInbox(services.db)
    request = ReplayingRequest(AiohttpRequest(connection_pool_size=256), inbox)
    application = build_application(settings, request=request, services=services)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    # As in polling: the database first, then the Bot API, retried while it is unreachable
    # (getMe here, setMyCommands in startup, setWebhook below).
    await services.db.upgrade()
    try:
        await initialize_with_backoff(application)
    except BaseException:
        await request.shutdown()  # the session it opened, which would warn when collected
        await inbox.dispose()
        raise
    async with application:
        await startup(application)
        dispatcher = WebhookDispatcher(application, services, inbox)
        path = urlsplit(settings.telegram_webhook_url).path or "/"
        runner, port = await start_web(
            services,
            settings.web_host,
            settings.web_port,
            webhook=WebhookRoute(path, secret, dispatcher),
        )
        # Every replica registers the same webhook: Telegram's setWebhook is idempotent, and
        # updates waiting at Telegram are kept (drop_pending_updates=False).
        try:
            await with_backoff(
                lambda: application.bot.set_webhook(
                    settings.telegram_webhook_url,
                    secret_token=secret,
                    allowed_updates=ALLOWED_UPDATES,
                    drop_pending_updates=False,
                ),
                settings,
                "setWebhook",
            )
        except BaseException:
            await runner.cleanup()
            await inbox.dispose()
            await shutdown(application)
            raise
        freeze_startup_heap()
        sweeper = asyncio.create_task(dispatcher.sweep(), name="update-sweep")
        logger.info("webhook on http://%s:%d%s", settings.web_host, port, path)
        await stop.wait()
        logger.info("stopping: refusing new deliveries, finishing the ones in hand")
        sweeper.cancel()  # first, so it takes nothing new while the rest drains
        with contextlib.suppress(asyncio.CancelledError):
            await sweeper
        await dispatcher.drain()
        await runner.cleanup()
        await inbox.dispose()
        await shutdown(application)
