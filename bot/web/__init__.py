"""The aiohttp server: the staff panel under /panel/, the public pages, static files, health and
metrics, webhook.

One factory, :func:`build_web_app`, used by ``python -m bot`` (beside the Telegram bot or the
terminal chat) and by the tests. Shared objects travel in typed ``web.AppKey``s.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp_session import setup as setup_sessions
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from bot.render.dates import format_moment
from bot.services.knowledge import start_reloader
from bot.services.panel_auth import SESSION_IDLE
from bot.web.health import add_health
from bot.web.webhook import WebhookRoute, add_webhook

if TYPE_CHECKING:
    from bot.context import Services

HERE = Path(__file__).parent
SERVICES: web.AppKey[Services] = web.AppKey("services")
SESSION_COOKIE = "panel_session"


@jinja2.pass_context
def _format_moment(
    context: jinja2.runtime.Context, value: dt.datetime | dt.date | str | None
) -> str:
    """A moment as people read it, in the page's language and Ecuador's time."""
    if isinstance(value, str):  # a stored ISO date (a commitment status's "as of")
        value = dt.date.fromisoformat(value) if value else None
    return format_moment(value, "en" if context.get("lang") == "en" else "es")


SECURITY_HEADERS = {
    # Only our own CSS; no script runs at all, inline or not; the panel is never framed.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'; "
        "base-uri 'none'"
    ),
    # A sign-in link carries its token in the path: never send it on to another site.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


async def _secure_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith("/panel/"):
        response.headers.setdefault("Cache-Control", "no-store")  # pages show personal data


def build_web_app(
    services: Services, *, run_background: bool = False, webhook: WebhookRoute | None = None
) -> web.Application:
    """Build the web application; ``run_background`` also runs what the bot's startup would.

    Beside the Telegram bot, ``bot.app.startup`` already migrates the database and runs the
    question-log writer and the knowledge reloader. Alone (no token, or tests), the web app
    does it in its own ``cleanup_ctx``. ``webhook`` adds Telegram's webhook route.
    """
    from bot.web.panel import build_panel_app
    from bot.web.public import add_public_routes, not_found_page

    app = web.Application(client_max_size=2 * 1024 * 1024)
    app[SERVICES] = services
    settings = services.settings
    setup_sessions(
        app,
        EncryptedCookieStorage(
            settings.panel_key,
            cookie_name=SESSION_COOKIE,
            max_age=int(SESSION_IDLE.total_seconds()),
            httponly=True,
            samesite="Lax",
            secure=settings.secure_cookies,
            path="/",
        ),
    )
    app.middlewares.append(not_found_page)  # after the session middleware, which it needs
    app.on_response_prepare.append(_secure_headers)
    if run_background:
        app.cleanup_ctx.append(_background(services))

    async def root(request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound("/panel/")

    app.router.add_get("/", root)
    if webhook is not None:
        add_webhook(app, webhook)
        add_health(app, services, lambda: webhook.receiver.accepting)
    else:
        add_health(app, services)
    app.router.add_static("/static/", HERE / "static", name="static")
    add_public_routes(app, services)
    panel = build_panel_app(services)
    for each in (app, panel):
        aiohttp_jinja2.setup(
            each,
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=jinja2.select_autoescape(default=True),
            filters={"when": _format_moment},
        )
    app.add_subapp("/panel/", panel)
    return app


def _background(
    services: Services,
) -> Callable[[web.Application], AsyncIterator[None]]:
    async def context(app: web.Application) -> AsyncIterator[None]:
        await services.db.upgrade()
        writer = asyncio.create_task(services.questions.run_writer(), name="question-log-writer")
        reloader = await start_reloader(
            services.knowledge, services.settings.knowledge_poll_seconds
        )
        yield
        reloader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reloader
        services.questions.stop()
        await writer

    return context


async def start_web(
    services: Services,
    host: str,
    port: int,
    *,
    run_background: bool = False,
    webhook: WebhookRoute | None = None,
) -> tuple[web.AppRunner, int]:
    """Serve the web app on ``host:port`` (0: a free port); return the runner and the port."""
    runner = web.AppRunner(
        build_web_app(services, run_background=run_background, webhook=webhook),
        # Let in-flight requests finish on shutdown, briefly.
        shutdown_timeout=5.0,
    )
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    server = site._server
    sockets = getattr(server, "sockets", None) or []
    bound = sockets[0].getsockname()[1] if sockets else port
    return runner, bound
