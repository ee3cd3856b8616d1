"""Shared fixtures: settings on a temporary data folder, databases, and the bot harness."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine
from telegram import Update
from telegram.ext import Application

from bot.app import build_application, shutdown, startup
from bot.config import Settings
from bot.context import AppContext, build_services
from bot.services.answers import AnswerService, load_answer_service
from tests.fakes import bot_api as fakes
from tests.fakes.bot_api import Call, FakeBotApi
from tests.fakes.request import FakeRequest


def _worker_database(url: str) -> str:
    """Under pytest-xdist each worker gets a database of its own (``test_gw0``, ``test_gw1``…),
    since tests start from an empty schema; a plain run uses TEST_DATABASE_URL itself."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


POSTGRES_URL = _worker_database(os.environ.get("TEST_DATABASE_URL", ""))


async def _create_database_if_missing(url: str) -> None:
    import asyncpg

    target = make_url(url)
    # Connect to the database TEST_DATABASE_URL names, which exists, to create this worker's.
    server = make_url(os.environ["TEST_DATABASE_URL"]).set(drivername="postgresql")
    connection = await asyncpg.connect(server.render_as_string(hide_password=False))
    try:
        name = target.database
        if not await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


def pytest_sessionstart(session: pytest.Session) -> None:
    if POSTGRES_URL and os.environ.get("TEST_DATABASE_URL") != POSTGRES_URL:
        asyncio.run(_create_database_if_missing(POSTGRES_URL))


_answers: AnswerService | None = None


def shared_answers() -> AnswerService:
    """The shipped knowledge base, indexed once per test session."""
    global _answers
    if _answers is None:
        _answers = load_answer_service()
    return _answers


def probe_verdict(probe: dict[str, Any]) -> str:
    """How the shipped assistant does on one probe written for a test (``{q, id}`` or
    ``{q, commitments}``), judged as the golden sets are: "right", "choices_right", "wrong"…"""
    from bot.devtools.quality import GoldenItem, judge, outcome_of

    item = GoldenItem(
        probe["q"], True, entry=probe.get("id"), commitments=tuple(probe.get("commitments", ()))
    )
    return judge(item, outcome_of(shared_answers().answer(probe["q"])))


def edited_lexicon(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the shipped lexicon with ``old`` (its first occurrence) replaced by ``new``."""
    from knowledge.lexicon import LEXICON_PATH

    edited = tmp_path / "lexicon.yaml"
    edited.write_text(LEXICON_PATH.read_text(encoding="utf-8").replace(old, new, 1), "utf-8")
    return edited


async def reset_postgres(url: str) -> None:
    """Start from an empty public schema (the test database is ours alone)."""
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgres",
            marks=[
                pytest.mark.postgres,
                pytest.mark.skipif(
                    not POSTGRES_URL, reason="TEST_DATABASE_URL is not set (no PostgreSQL)"
                ),
            ],
        ),
    ]
)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: SQLite always, PostgreSQL when TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    await reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database, for tests where the engine makes no difference."""
    return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"


def make_settings(tmp_path: Path, database_url: str, **overrides: Any) -> Settings:
    """Settings isolated from the developer's environment and .env file."""
    values: dict[str, Any] = {
        "telegram_bot_token": "123456:TEST-TOKEN",
        "database_url": database_url,
        "data_dir": tmp_path / "data",
        "pseudonym_secret": "test-secret-of-at-least-32-bytes-long",
        "staff_telegram_ids": [],
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


class BotHarness:
    """Drive the real application with raw updates and read what it sent."""

    def __init__(self, application: Application, api: FakeBotApi) -> None:
        self.app = application
        self.api = api
        self.errors: list[BaseException] = []

    async def send(self, raw_update: dict[str, Any]) -> list[Call]:
        """Process one raw update; return the calls the bot made for it."""
        before = len(self.api.calls)
        await self.app.process_update(Update.de_json(raw_update, self.app.bot))
        return self.api.calls[before:]

    async def say(self, text: str, **kwargs: Any) -> list[Call]:
        """The citizen sends ``text`` in their private chat; return the bot's messages."""
        from tests.factories import message

        calls = await self.send(message(text, **kwargs))
        return [c for c in calls if c.method in ("sendMessage", "editMessageText")]

    async def press(self, data: str, **kwargs: Any) -> list[Call]:
        """The citizen presses a button with ``data``; return every call it caused."""
        from tests.factories import callback

        return await self.send(callback(data, **kwargs))

    @property
    def services(self) -> Any:
        return self.app.bot_data["services"]


# Every harness a test builds, checked after the test (see fail_on_handler_errors).
_harnesses: list[BotHarness] = []


@pytest.fixture(autouse=True)
def fail_on_handler_errors() -> Any:
    """Fail any test in which a handler raised, or the fake Bot API refused a call.

    A test that provokes an error on purpose asserts it and clears ``harness.errors``; a refusal
    a test asks for (``fail_next``, a blocked chat) is marked and allowed.
    """
    _harnesses.clear()
    fakes.CREATED.clear()
    yield
    raised = [error for harness in _harnesses for error in harness.errors]
    refused = [call for api in fakes.CREATED for call in api.refused()]
    fakes.CREATED.clear()
    _harnesses.clear()
    assert not raised, f"a handler raised: {raised!r}"
    assert not refused, f"the fake Bot API refused calls no test asked to fail: {refused!r}"


async def harness_for(
    settings: Settings,
    *,
    deliver_notifications: bool = True,
    answers: AnswerService | None = None,
) -> tuple[Application, BotHarness]:
    """Build and start an application on the fake Bot API; the caller shuts it down.

    Tests that edit the knowledge base pass their own ``answers``, so the shared one stays as
    shipped.
    """
    api = FakeBotApi()
    services = build_services(settings, answers=answers or shared_answers())
    application = build_application(
        settings, request=FakeRequest(api), services=services, rate_limiter=False
    )
    harness = BotHarness(application, api)
    _harnesses.append(harness)

    async def fail_on_error(update: object, context: AppContext) -> None:
        assert context.error is not None
        harness.errors.append(context.error)

    application.add_error_handler(fail_on_error)
    await application.initialize()
    await startup(application, deliver_notifications=deliver_notifications)
    return application, harness


@pytest_asyncio.fixture
async def bot(tmp_path: Path, database_url: str) -> AsyncIterator[BotHarness]:
    """The assistant on a fresh database, driven through Application.process_update."""
    application, harness = await harness_for(make_settings(tmp_path, database_url))
    try:
        yield harness
    finally:
        await shutdown(application)
        await application.shutdown()
    assert not harness.errors, f"a handler raised: {harness.errors!r}"


def private_answers() -> AnswerService:
    """An answer service of its own (sharing the built index) for tests that edit the base."""
    shared = shared_answers()
    return AnswerService(shared.kb, shared.index)
