"""Services on a fresh database, without Telegram: what the statistics and open data read."""

from __future__ import annotations

from pathlib import Path

import pytest_asyncio

from bot.context import build_services
from tests.conftest import make_settings, shared_answers


@pytest_asyncio.fixture
async def services(tmp_path: Path, database_url: str):
    """The services of one process on an empty, migrated database (SQLite and PostgreSQL)."""
    built = build_services(make_settings(tmp_path, database_url), shared_answers())
    await built.db.upgrade()
    try:
        yield built
    finally:
        await built.db.dispose()
