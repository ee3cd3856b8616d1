"""Application wiring: one ``build_application`` for production and tests, explicit startup."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import logging
import signal
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError
from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseUpdateProcessor,
    ContextTypes,
    Defaults,
)
from telegram.request import BaseRequest

from bot.config import Settings
from bot.context import AppContext, Services, build_services
from bot.services.knowledge import start_reloader
from bot.services.notices import NoticeButtons
from bot.services.notifications import Blocked, RetryLater, Undeliverable, Unreachable
from handlers import register_handlers
from handlers.callbacks import NOTICE_ACTIONS

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Shown in Telegram's command menu, per language; the aliases in the other language also work.
COMMAND_MENU = {
    "es": [
        ("start", "Menú principal"),
        ("temas", "Ver los temas y sus preguntas"),
        ("plan", "Compromisos de los planes de acción y su estado"),
        ("seguimientos", "Compromisos que usted sigue"),
        ("proponer", "Registrar una necesidad o propuesta"),
        ("mis_propuestas", "Sus propuestas y su estado"),
        ("necesidades", "Necesidades publicadas: verlas y apoyarlas"),
        ("estadisticas", "Estadísticas públicas del asistente"),
        ("solicitud", "Preparar una solicitud de información pública"),
        ("mis_solicitudes", "Sus solicitudes de información y sus plazos"),
        ("mis_datos", "Ver los datos que se guardan de usted"),
        ("ayuda", "Cómo usar el asistente"),
        ("idioma", "Cambiar el idioma"),
        ("privacidad", "Qué datos se guardan y para qué"),
    ],
    "en": [
        ("start", "Main menu"),
        ("topics", "Browse the topics and their questions"),
        ("plan", "Action-plan commitments and their status"),
        ("following", "Commitments you follow"),
        ("propose", "Log a need or proposal"),
        ("my_proposals", "Your proposals and their status"),
        ("needs", "Published needs: see and support them"),
        ("statistics", "The assistant's public statistics"),
        ("request", "Prepare a public-information request"),
        ("my_requests", "Your information requests and their deadlines"),
        ("my_data", "See the data kept about you"),
        ("help", "How to use the assistant"),
        ("language", "Change the language"),
        ("privacy", "What data is kept and why"),
    ],
}


class OneAtATimePerCitizen(BaseUpdateProcessor):
    """Handle updates concurrently across people, but one person's updates in arrival order.

    Each flow step is also checked in the database (a step only advances from the step it
    expects), so correctness does not rest on this; it keeps a person's quick taps from racing
    each other in one process, and it is explicit rather than PTB's default.
    """

    def __init__(self, max_concurrent_updates: int = 32) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run ``coroutine`` after every earlier update of the same person."""
        key = None
        if isinstance(update, Update):
            if update.effective_user is not None:
                key = update.effective_user.id
            elif update.effective_chat is not None:
                key = update.effective_chat.id
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                await coroutine
        finally:
            if not lock.locked() and self._locks.get(key) is lock:
                del self._locks[key]  # nobody waits: keep memory bounded

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


# Added to the menu of each staff member's chat (BotCommandScopeChat), per language.
STAFF_COMMAND_MENU = {
    "es": [
        ("pendientes", "Propuestas abiertas, vencidas primero"),
        ("ver", "Ver una propuesta: /ver CÓDIGO"),
        ("responder", "Responder: /responder CÓDIGO texto"),
        ("aceptar", "Aceptar: /aceptar CÓDIGO [mensaje]"),
        ("derivar", "Derivar: /derivar CÓDIGO institución"),
        ("descartar", "Descartar: /descartar CÓDIGO motivo"),
        ("nota", "Nota interna: /nota CÓDIGO texto"),
        ("preguntas", "Preguntas enviadas al equipo"),
        ("contestar", "Contestar: /contestar P-1234 texto"),
    ],
    "en": [
        ("pending", "Open proposals, overdue first"),
        ("view", "View a proposal: /view CODE"),
        ("respond", "Respond: /respond CODE text"),
        ("accept", "Accept: /accept CODE [message]"),
        ("refer", "Refer: /refer CODE institution"),
        ("dismiss", "Dismiss: /dismiss CODE reason"),
        ("note", "Internal note: /note CODE text"),
        ("questions", "Questions sent to the team"),
        ("answer", "Answer: /answer P-1234 text"),
    ],
}


async def set_command_menus(application: Application, staff_ids: list[int]) -> None:
    """The command menu per language, and for each staff member's chat the staff commands too."""
    for language, commands in COMMAND_MENU.items():
        await application.bot.set_my_commands(
            [BotCommand(name, description) for name, description in commands],
            language_code=language,
        )
    await application.bot.set_my_commands(
        [BotCommand(name, description) for name, description in COMMAND_MENU["es"]]
    )
    for staff_id in staff_ids:
        scope = BotCommandScopeChat(staff_id)
        for language in ("es", "en"):
            commands = COMMAND_MENU[language] + STAFF_COMMAND_MENU[language]
            await application.bot.set_my_commands(
                [BotCommand(name, description) for name, description in commands],
                scope=scope,
                language_code=language,
            )
        await application.bot.set_my_commands(
            [
                BotCommand(name, description)
                for name, description in COMMAND_MENU["es"] + STAFF_COMMAND_MENU["es"]
            ],
            scope=scope,
        )


def build_application(
    settings: Settings,
    request: BaseRequest | None = None,
    *,
    get_updates_request: BaseRequest | None = None,
    services: Services | None = None,
    rate_limiter: bool = True,
) -> Application:
    """Build the Telegram application with every handler registered."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .context_types(ContextTypes(context=AppContext))
        .concurrent_updates(OneAtATimePerCitizen())
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(get_updates_request or request)
    if rate_limiter:
        # PTB types the builder by the rate limiter's arguments; ours takes none per call.
        limiter = AIORateLimiter(overall_max_rate=settings.telegram_max_rate, max_retries=3)
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    application = builder.build()
    application.bot_data["services"] = services or build_services(settings)
    register_handlers(application)
    return application


def telegram_sender(application: Application) -> Callable[..., Awaitable[object]]:
    """Send outbox messages through the bot.

    With the rate limiter in place a 429 first pauses every request for as long as Telegram
    asks (AIORateLimiter's own retries); only when those run out does RetryAfter reach the
    outbox, which then reschedules the row for that long.
    """

    async def send(chat_id: int, text: str, buttons: NoticeButtons | None = None) -> object:
        markup = None
        if buttons:
            markup = InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            label, callback_data=NOTICE_ACTIONS[action.name].build(*action.values)
                        )
                        for label, action in row
                    ]
                    for row in buttons
                ]
            )
        try:
            # The outbox hands over one part at a time (it splits long notices and records
            # each part sent), so a part fits one message.
            return await application.bot.send_message(chat_id, text, reply_markup=markup)
        except RetryAfter as error:
            wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
            raise RetryLater(seconds) from error
        except Forbidden as error:
            raise Blocked(str(error)) from error
        except BadRequest as error:
            raise Undeliverable(str(error)) from error
        except TelegramError as error:  # network errors, timeouts, 5xx
            raise Unreachable(str(error)) from error

    return send


async def startup(application: Application, *, deliver_notifications: bool = True) -> None:
    """Prepare everything the bot needs before it takes updates (tests call this too).

    ``deliver_notifications`` starts the outbox worker; tests that drive delivery rounds by
    hand turn it off.
    """
    services: Services = application.bot_data["services"]
    await services.db.upgrade()
    if (budget := await services.db.connection_budget()) is not None:
        logger.log(*budget)
    await with_backoff(
        lambda: set_command_menus(application, services.settings.staff_telegram_ids),
        services.settings,
        "setMyCommands",
    )
    application.bot_data["writer_task"] = asyncio.create_task(
        services.questions.run_writer(), name="question-log-writer"
    )
    application.bot_data["maintenance_task"] = asyncio.create_task(
        maintain(services), name="maintenance"
    )
    application.bot_data["knowledge_task"] = await start_reloader(
        services.knowledge, services.settings.knowledge_poll_seconds
    )
    if deliver_notifications:
        send = telegram_sender(application)
        application.bot_data["outbox_task"] = asyncio.create_task(
            services.outbox.run(send, services.settings.outbox_poll_seconds),
            name="notification-outbox",
        )


def freeze_startup_heap() -> None:
    """Keep what startup loaded (the knowledge index above all) out of the cyclic collector.

    A full collection walks every tracked object: with the index loaded that is a pause of
    tens of milliseconds in the middle of some update's reply. Frozen objects are still freed
    by reference counting; only the objects made after this point are walked. (A knowledge edit
    builds a new index that is walked like any other until the next restart.)
    """
    gc.collect()
    gc.freeze()


MAINTENANCE_SECONDS = 600.0
OUTBOX_STOP_SECONDS = 10.0  # a send in flight gets this long to finish at shutdown


async def maintain(services: Services) -> None:
    """Every ten minutes: expire abandoned proposal and request drafts, unsent question drafts."""
    while True:
        try:
            expired = await services.proposals.expire_drafts()
            expired += await services.requests.expire_drafts()
            purged = await services.questions.purge_drafts()
            if expired or purged:
                logger.info("expired %d flow drafts, %d question drafts", expired, purged)
        except Exception:
            logger.exception("maintenance round failed")
        await asyncio.sleep(MAINTENANCE_SECONDS)


async def shutdown(application: Application) -> None:
    """Release what ``startup`` acquired."""
    services: Services = application.bot_data["services"]
    # The outbox finishes the message in flight and leaves no row leased.
    outbox: asyncio.Task[None] | None = application.bot_data.pop("outbox_task", None)
    if outbox is not None:
        await services.outbox.stop(OUTBOX_STOP_SECONDS, outbox)
    for name in ("maintenance_task", "knowledge_task"):
        task: asyncio.Task[None] | None = application.bot_data.pop(name, None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    writer: asyncio.Task[None] | None = application.bot_data.pop("writer_task", None)
    if writer is not None:
        services.questions.stop()
        await writer
    await services.questions.flush()
    await services.flood.close()
    await services.db.dispose()


class StartupFailed(Exception):
    """The bot cannot start; the message is the one line to show the operator."""


def startup_problem(error: BaseException, settings: Settings) -> str | None:
    """One clear line for a startup failure the operator can fix, or None for a real bug."""
    if isinstance(error, StartupFailed):
        return str(error)
    database = settings.resolved_database_url
    with contextlib.suppress(Exception):
        from sqlalchemy.engine import make_url

        database = make_url(database).render_as_string(hide_password=True)
    if isinstance(error, DBAPIError):
        reason = str(error.orig).splitlines()[0] if error.orig else type(error).__name__
        return f"Cannot open the database {database}: {reason}. Check DATABASE_URL."
    if isinstance(error, PermissionError | FileNotFoundError | NotADirectoryError):
        where = error.filename or settings.data_dir
        return (
            f"Cannot write to {where}: {error.strerror}. "
            "DATA_DIR must be a folder the bot can write to."
        )
    if isinstance(error, OSError):  # connection refused, unknown host
        return f"Cannot reach the database {database}: {error.strerror or error}. Is it running?"
    if isinstance(error, InvalidToken):
        return "Telegram refused TELEGRAM_BOT_TOKEN; copy it again from @BotFather."
    return None


async def with_backoff(call: Callable[[], Awaitable[T]], settings: Settings, what: str) -> T:
    """Run one startup call to the Bot API, waiting 1, 2, 4… s between tries while unreachable.

    Network errors, timeouts and 5xx answers are retried up to ``STARTUP_ATTEMPTS`` times (a
    429 waits as long as Telegram asks); then :class:`StartupFailed` carries the one line to
    show. A refused token is not retried: it will not get better.
    """
    attempts = settings.startup_attempts
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except InvalidToken:
            raise
        except (NetworkError, RetryAfter) as error:
            if attempt == attempts:
                raise StartupFailed(
                    f"Cannot reach the Bot API at {settings.telegram_api_base_url} after "
                    f"{attempts} tries ({what}: {type(error).__name__}). Check the network or "
                    "TELEGRAM_API_BASE_URL."
                ) from error
            delay = min(60.0, 2.0 ** (attempt - 1))
            if isinstance(error, RetryAfter):
                wait = error.retry_after
                delay = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
            logger.warning(
                "Bot API unreachable (%s: %s); try %d of %d again in %.0f s",
                what,
                type(error).__name__,
                attempt,
                attempts,
                delay,
            )
            await asyncio.sleep(delay)
    raise AssertionError("unreachable: STARTUP_ATTEMPTS is at least 1")


async def initialize_with_backoff(application: Application) -> None:
    """Reach the Bot API (getMe), waiting 1, 2, 4… s between tries while it is unreachable."""
    await with_backoff(application.initialize, application.bot_data["services"].settings, "getMe")


async def serve_polling(settings: Settings, services: Services | None = None) -> None:
    """Serve Telegram by long polling until SIGINT or SIGTERM, then shut down cleanly."""
    application = build_application(settings, services=services)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    # The database first (nothing works without it), then the Bot API, which may take a while.
    await application.bot_data["services"].db.upgrade()
    await initialize_with_backoff(application)
    async with application:
        await startup(application)
        from bot.web import start_web

        services = application.bot_data["services"]
        web_runner, port = await start_web(services, settings.web_host, settings.web_port)
        logger.info("staff panel on http://%s:%d/panel/", settings.web_host, port)
        freeze_startup_heap()
        assert application.updater is not None
        await application.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        await application.start()
        me = application.bot.username
        logger.info("serving Telegram as @%s; stop with Ctrl+C", me)
        await stop.wait()
        logger.info("stopping")
        await application.updater.stop()
        await application.stop()
        await web_runner.cleanup()
        await shutdown(application)
