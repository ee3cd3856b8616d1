"""The Telegram webhook route: check the secret, refuse bad bodies, hand the update over, 200.

The route knows nothing of Telegram's library: it hands the parsed JSON to a :class:`Receiver`
(``bot.serving.WebhookDispatcher``), which stores it and handles it in the background.
"""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import dataclass
from typing import Any, Protocol

from aiohttp import web

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024  # Telegram's updates are far smaller; anything bigger is not from it


class Receiver(Protocol):
    """Where accepted updates go."""

    @property
    def accepting(self) -> bool:
        """False while shutting down: the route answers 503 and Telegram retries elsewhere."""
        ...

    async def receive(self, update: dict[str, Any], raw: str | None = None) -> None:
        """Store the update (a repeat is ignored) and schedule its handling.

        ``raw`` is the JSON text the update was parsed from, when it is UTF-8 (stored as is).
        """
        ...


@dataclass(frozen=True)
class WebhookRoute:
    """Where the webhook listens and what it checks."""

    path: str
    secret: str
    receiver: Receiver


def add_webhook(app: web.Application, route: WebhookRoute) -> None:
    """Serve ``route.path`` (POST only) on ``app``."""
    expected = route.secret.encode()

    async def webhook(request: web.Request) -> web.StreamResponse:
        if not route.receiver.accepting:
            return web.Response(status=503, text="shutting down")
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            logger.warning("webhook call refused: wrong or missing secret token")
            return web.Response(status=403, text="forbidden")
        if request.content_length is not None and request.content_length > MAX_BODY:
            return web.Response(status=400, text="body too large")
        body = await request.content.read(MAX_BODY + 1)  # chunked bodies have no length
        if len(body) > MAX_BODY:
            return web.Response(status=400, text="body too large")
        try:
            raw: str | None = body.decode()
        except UnicodeDecodeError:  # JSON may also come as UTF-16 or UTF-32
            raw = None
        try:
            update = json.loads(raw if raw is not None else body)
        except ValueError:
            return web.Response(status=400, text="not JSON")
        if not isinstance(update, dict) or type(update.get("update_id")) is not int:
            return web.Response(status=400, text="not a Telegram update")
        await route.receiver.receive(update, raw)
        return web.Response(status=200)

    app.router.add_post(route.path, webhook)
