"""The webhook, health and metrics endpoints in one process: the real dispatcher behind the route.

Telegram's calls arrive over real HTTP; the bot's replies go to the fake Bot API.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web
from sqlalchemy import text

from bot.app import shutdown
from bot.cli import main as cli_main
from bot.logs import JsonFormatter
from bot.services.updates import UpdateInbox
from bot.serving import ALLOWED_UPDATES, WebhookDispatcher, webhook_problem
from bot.web import start_web
from bot.web.webhook import MAX_BODY, SECRET_HEADER, WebhookRoute
from tests.conftest import BotHarness, harness_for, make_settings
from tests.factories import message

SECRET = "s3cret_token-for-tests"
PATH = "/telegram/hook"


@dataclass
class Hook:
    bot: BotHarness
    dispatcher: WebhookDispatcher
    url: str
    runner: web.AppRunner
    http: aiohttp.ClientSession

    async def post(self, body: bytes | dict, secret: str | None = SECRET) -> int:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers[SECRET_HEADER] = secret
        payload = io.BytesIO(data) if len(data) > 65536 else data
        async with self.http.post(self.url + PATH, data=payload, headers=headers) as response:
            return response.status

    async def settle(self) -> None:
        """Wait for the updates handled in the background."""
        for _ in range(200):
            if not self.dispatcher._tasks:
                return
            await asyncio.sleep(0.01)
        raise AssertionError("updates still being handled")

    def replies(self) -> list:
        return self.bot.api.sent("sendMessage")


async def stored(hook: Hook) -> int:
    """How many deliveries the database holds."""
    async with hook.bot.services.db.engine.connect() as connection:
        return (await connection.execute(text("SELECT count(*) FROM telegram_update"))).scalar_one()


@pytest_asyncio.fixture
async def hook(tmp_path: Path, database_url: str) -> AsyncIterator[Hook]:
    settings = make_settings(tmp_path, database_url, metrics_token=None)
    application, harness = await harness_for(settings, deliver_notifications=False)
    inbox = UpdateInbox(harness.services.db)
    dispatcher = WebhookDispatcher(application, harness.services, inbox)
    runner, port = await start_web(
        harness.services, "127.0.0.1", 0, webhook=WebhookRoute(PATH, SECRET, dispatcher)
    )
    http = aiohttp.ClientSession()
    try:
        yield Hook(harness, dispatcher, f"http://127.0.0.1:{port}", runner, http)
    finally:
        await http.close()
        await runner.cleanup()
        await inbox.dispose()
        await shutdown(application)
        await application.shutdown()


async def test_a_delivery_is_answered_once_even_when_telegram_retries_it(hook: Hook):
    update = message("que es el gobierno abierto")
    assert await hook.post(update) == 200
    assert await hook.post(update) == 200  # Telegram thought the first one failed
    await hook.settle()
    (reply,) = hook.replies()
    assert "¿Qué es el gobierno abierto?" in reply.text


@pytest.mark.parametrize("secret", [None, "", "wrong", SECRET + "x", SECRET.upper()])
async def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_processed(hook: Hook, secret):
    assert await hook.post(message("que es el gobierno abierto"), secret=secret) == 403
    await hook.settle()
    assert hook.replies() == []
    assert await stored(hook) == 0


@pytest.mark.parametrize(
    "body",
    [
        b"x" * (MAX_BODY + 1),
        json.dumps({"update_id": 1, "message": {"text": "a" * MAX_BODY}}).encode(),
        b"not json at all",
        b"",
        b"\x00\x01\xff",
        b"[1, 2, 3]",
        b'{"message": {"text": "no update id"}}',
        b'{"update_id": "7"}',
    ],
    ids=["huge", "huge-json", "not-json", "empty", "binary", "array", "no-id", "string-id"],
)
async def test_a_huge_or_malformed_body_is_refused_and_nothing_is_processed(hook: Hook, body):
    assert await hook.post(body) == 400
    await hook.settle()
    assert hook.replies() == []
    assert await stored(hook) == 0


async def test_a_huge_chunked_body_without_a_length_is_refused(hook: Hook):
    async def chunks():
        for _ in range(20):
            yield b" " * 65536
        yield b'{"update_id": 5}'

    headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    async with hook.http.post(hook.url + PATH, data=chunks(), headers=headers) as response:
        assert response.status == 400
    assert await stored(hook) == 0


async def test_while_shutting_down_deliveries_get_503_so_telegram_retries_elsewhere(hook: Hook):
    await hook.dispatcher.drain()
    assert await hook.post(message("que es el gobierno abierto")) == 503
    assert hook.replies() == []
    async with hook.http.get(hook.url + "/readyz") as response:
        assert response.status == 503


async def test_the_webhook_takes_only_post(hook: Hook):
    async with hook.http.get(hook.url + PATH, headers={SECRET_HEADER: SECRET}) as response:
        assert response.status == 405


async def test_health_and_readiness(hook: Hook):
    async with hook.http.get(hook.url + "/healthz") as response:
        assert response.status == 200
    async with hook.http.get(hook.url + "/readyz") as response:
        body = await response.json()
        assert response.status == 200, body
        assert body["checks"] == {
            "database": True,
            "migrations": True,
            "knowledge": True,
            "accepting": True,
        }


async def test_readiness_is_503_when_migrations_are_not_applied(tmp_path: Path):
    from bot.context import build_services
    from tests.conftest import shared_answers

    settings = make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    services = build_services(settings, answers=shared_answers())
    runner, port = await start_web(services, "127.0.0.1", 0)
    try:
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{port}/readyz") as response,
        ):
            body = await response.json()
        assert response.status == 503
        assert body["checks"]["migrations"] is False
    finally:
        await runner.cleanup()
        await services.db.dispose()


async def test_metrics_count_updates_duplicates_latency_and_database_state(hook: Hook):
    update = message("que es el gobierno abierto")
    await hook.post(update)
    await hook.post(update)
    await hook.settle()
    async with hook.http.get(hook.url + "/metrics") as response:
        assert response.status == 200
        assert response.content_type == "text/plain"
        text = await response.text()
    assert 'bot_updates_total{type="message"} 1.0' in text
    assert "bot_updates_duplicate_total 1.0" in text
    assert "bot_update_handling_seconds_count 1.0" in text
    assert 'bot_outbox_notifications{status="undeliverable"} 0.0' in text
    assert "bot_knowledge_base_entries" in text
    assert "bot_knowledge_base_version 0.0" in text


async def test_metrics_token_when_set(tmp_path: Path, sqlite_url: str):
    settings = make_settings(tmp_path, sqlite_url, metrics_token="m-token")
    application, harness = await harness_for(settings, deliver_notifications=False)
    runner, port = await start_web(harness.services, "127.0.0.1", 0)
    url = f"http://127.0.0.1:{port}/metrics"
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(url) as response:
                assert response.status == 401
            async with http.get(url, headers={"Authorization": "Bearer nope"}) as response:
                assert response.status == 401
            async with http.get(url, headers={"Authorization": "Bearer m-token"}) as response:
                assert response.status == 200
    finally:
        await runner.cleanup()
        await shutdown(application)
        await application.shutdown()


async def test_json_logs_carry_ids_and_timings_never_the_citizens_text(
    hook: Hook, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO)
    update = message("mi cédula es 1712345678 y me llamo Ciudadana, ¿qué es la LOTAIP?")
    await hook.post(update)
    await hook.settle()
    lines = [JsonFormatter().format(record) for record in caplog.records]
    handled = [json.loads(line) for line in lines if "update handled" in line]
    assert handled and handled[0]["update_id"] == update["update_id"]
    assert handled[0]["handler"] == "text" and isinstance(handled[0]["latency_ms"], int)
    everything = "\n".join(lines)
    assert "1712345678" not in everything and "Ciudadana" not in everything


def test_webhook_mode_needs_a_secret_and_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    settings = make_settings(tmp_path, "", telegram_webhook_url="https://bot.example.org/tg")
    assert "TELEGRAM_WEBHOOK_SECRET" in (webhook_problem(settings) or "")
    bad = make_settings(
        tmp_path,
        "",
        telegram_webhook_url="https://bot.example.org/tg",
        telegram_webhook_secret="has spaces!",
    )
    assert "A-Z a-z 0-9" in (webhook_problem(bad) or "")
    good = make_settings(
        tmp_path, "", telegram_webhook_url="https://x.org/tg", telegram_webhook_secret=SECRET
    )
    assert webhook_problem(good) is None
    assert webhook_problem(make_settings(tmp_path, "")) is None  # long polling, the default

    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:ABC")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/tg")
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    assert cli_main([]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "TELEGRAM_WEBHOOK_SECRET" in err


def test_only_the_updates_the_bot_handles_are_asked_for():
    assert ALLOWED_UPDATES == ["message", "callback_query", "my_chat_member"]
