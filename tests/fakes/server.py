"""The fake Bot API over HTTP on 127.0.0.1, for running the real bot process against it.

Requests arrive as PTB's HTTPXRequest sends them: form fields (multipart with files), structured
values JSON-encoded. Long polling is honoured: getUpdates waits for an update up to its timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from typing import Any

from aiohttp import web

from tests.fakes.bot_api import FakeBotApi

STRUCTURED = {
    "reply_markup",
    "commands",
    "entities",
    "allowed_updates",
    "reply_parameters",
    "link_preview_options",
    "scope",
}


class FakeBotApiServer:
    """Serve a :class:`FakeBotApi` at ``http://127.0.0.1:PORT/bot<token>/<method>``."""

    def __init__(self, api: FakeBotApi | None = None) -> None:
        self.api = api or FakeBotApi()
        self._new_update = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0
        # Calls this says to hold are never answered (nor recorded): a reply stuck in flight,
        # until release() ends them with a 502.
        self.hold: Callable[[str, dict[str, Any]], bool] | None = None
        self.holding = asyncio.Event()
        self._released = asyncio.Event()

    @property
    def base_url(self) -> str:
        """The value for TELEGRAM_API_BASE_URL."""
        return f"http://127.0.0.1:{self.port}/bot"

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue an update and wake a waiting getUpdates."""
        self.api.push_update(update)
        self._new_update.set()

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = {}
        if request.content_type == "application/json":
            params = await request.json()
        elif request.can_read_body:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, str):
                    params[key] = json.loads(value) if key in STRUCTURED else value
                else:
                    params[key] = getattr(value, "filename", "file")
        params.update({k: v for k, v in request.query.items() if k not in params})
        if method == "getUpdates" and not self.api.pending_updates:
            timeout = min(float(params.get("timeout") or 0), 2.0)
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), timeout)
        if self.hold is not None and self.hold(method, params):
            self.holding.set()
            await self._released.wait()
            return web.Response(status=502, text="held")
        status, body = self.api.handle(method, params)
        return web.json_response(body, status=status)

    def release(self) -> None:
        """Stop holding calls; the held ones end with a 502 that nobody will read."""
        self.hold = None
        self._released.set()

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
