"""Browser tests: the same running bot and panel as the HTTP tests, on SQLite only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from tests.web.conftest import Panel, start_panel, stop_panel


@pytest_asyncio.fixture
async def panel(tmp_path: Path, sqlite_url: str) -> AsyncIterator[Panel]:
    """The bot with one staff member and the panel (the browser is the slow part)."""
    running = await start_panel(tmp_path, sqlite_url)
    try:
        yield running
    finally:
        await stop_panel(running)
