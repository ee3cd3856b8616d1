"""A bot with one staff member and no background outbox worker, for the robustness tests."""

from __future__ import annotations

from pathlib import Path

import pytest_asyncio

from bot.app import shutdown
from tests.conftest import harness_for, make_settings

STAFF_ID = 5_559_999


@pytest_asyncio.fixture
async def bot(tmp_path: Path, database_url: str):
    settings = make_settings(
        tmp_path, database_url, staff_telegram_ids=[STAFF_ID], flood_max_messages=200
    )
    application, harness = await harness_for(settings, deliver_notifications=False)
    try:
        yield harness
    finally:
        await shutdown(application)
        await application.shutdown()
    assert not harness.errors, harness.errors
