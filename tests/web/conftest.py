"""The bot and its staff panel in one process: the real dispatcher, the real aiohttp server."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest_asyncio
from aiohttp import web

from bot.app import shutdown
from bot.web import start_web
from tests.conftest import BotHarness, harness_for, make_settings, private_answers

STAFF_ID = 5_559_999
LINK = re.compile(r"https?://\S+/panel/entrar/[\w-]+")


@dataclass
class Panel:
    """The running bot (driven through its dispatcher) and the panel's address."""

    bot: BotHarness
    url: str
    runner: web.AppRunner

    @property
    def services(self):
        return self.bot.services

    async def link_from_telegram(self, user_id: int = STAFF_ID) -> str:
        """Send /panel on Telegram as ``user_id``; return the sign-in link the bot sent."""
        (sent,) = await self.bot.say("/panel", user_id=user_id)
        found = LINK.search(sent.text)
        assert found, sent.text
        return found.group(0)


async def start_panel(tmp_path: Path, database_url: str, **overrides) -> Panel:
    """Start the bot on the fake Bot API and the panel on a free port."""
    settings = make_settings(
        tmp_path,
        database_url,
        staff_telegram_ids=[STAFF_ID],
        knowledge_poll_seconds=0.2,
        **overrides,
    )
    application, harness = await harness_for(
        settings, deliver_notifications=False, answers=private_answers()
    )
    runner, port = await start_web(harness.services, "127.0.0.1", 0)
    url = f"http://127.0.0.1:{port}"
    settings.public_base_url = url  # links the bot sends point at this server
    panel = Panel(harness, url, runner)
    panel.application = application  # type: ignore[attr-defined]
    return panel


async def stop_panel(panel: Panel) -> None:
    """Stop the panel and the bot; fail if a handler raised."""
    await panel.runner.cleanup()
    application = panel.application  # type: ignore[attr-defined]
    await shutdown(application)
    await application.shutdown()
    assert not panel.bot.errors, f"a handler raised: {panel.bot.errors!r}"


@pytest_asyncio.fixture
async def panel(tmp_path: Path, database_url: str) -> AsyncIterator[Panel]:
    """The bot with one staff member and the panel, on SQLite and on PostgreSQL."""
    running = await start_panel(tmp_path, database_url)
    try:
        yield running
    finally:
        await stop_panel(running)
