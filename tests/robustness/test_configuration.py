"""Configuration mistakes stop the real process with one clear line, never a traceback."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.config import Settings
from tests.conftest import POSTGRES_URL
from tests.fakes.bot_api import BotApiError
from tests.fakes.server import FakeBotApiServer

REPO = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_bot(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "PSEUDONYM_", "DATABASE_", "STAFF_", "OUTBOX_"))
    }
    environment.update(
        TELEGRAM_BOT_TOKEN="123456:TEST-TOKEN",
        TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{closed_port()}/bot",
        DATA_DIR=str(tmp_path / "data"),
        STARTUP_ATTEMPTS="2",
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=120,
    )


def only_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"PSEUDONYM_SECRET": "corta"}, "PSEUDONYM_SECRET must be at least 32 bytes"),
        ({"STAFF_TELEGRAM_IDS": "1234, ana"}, "STAFF_TELEGRAM_IDS must be Telegram user ids"),
        ({"OUTBOX_POLL_SECONDS": "0"}, "OUTBOX_POLL_SECONDS Input should be greater than"),
        ({"REVIEW_DEADLINE_DAYS": "-3"}, "REVIEW_DEADLINE_DAYS Input should be greater than"),
        ({"DATABASE_URL": "mysql://localhost/x"}, "DATABASE_URL must be a postgresql+asyncpg"),
    ],
)
def test_a_wrong_setting_is_one_line_naming_it(tmp_path, env, expected):
    result = run_bot(tmp_path, **env)
    assert result.returncode == 2
    assert result.stderr.startswith("Configuration error: ") and expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "corta" not in result.stderr, "the secret itself is never printed"


def test_a_data_dir_that_cannot_be_written_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    line = only_line(run_bot(tmp_path, DATA_DIR=str(blocker / "data")))
    assert line.startswith("Cannot write to") and "DATA_DIR must be a folder" in line


def test_an_unreachable_bot_api_is_retried_then_one_line(tmp_path):
    result = run_bot(tmp_path, STARTUP_ATTEMPTS="2")
    line = only_line(result)
    assert line.startswith("Cannot reach the Bot API at http://127.0.0.1:") and "2 tries" in line
    assert "try 1 of 2 again in 1 s" in result.stderr, "it waited before giving up"


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="TEST_DATABASE_URL is not set (no PostgreSQL)")
def test_a_missing_database_is_one_line(tmp_path):
    missing = POSTGRES_URL.rsplit("/", 1)[0] + "/no_such_database_for_this_test"
    line = only_line(run_bot(tmp_path, DATABASE_URL=missing))
    assert line.startswith("Cannot open the database") and "does not exist" in line


def test_a_database_nobody_listens_on_is_one_line(tmp_path):
    url = f"postgresql+asyncpg://postgres@127.0.0.1:{closed_port()}/x"
    line = only_line(run_bot(tmp_path, DATABASE_URL=url))
    assert line.startswith("Cannot reach the database") and "Is it running?" in line


def test_an_empty_pseudonym_secret_generates_and_keeps_a_key(tmp_path):
    settings = Settings(_env_file=None, pseudonym_secret="", data_dir=tmp_path)  # type: ignore[call-arg]
    key = settings.pseudonym_key
    assert len(key) >= 32 and key != b""
    assert (tmp_path / "pseudonym.key").read_bytes().strip() == key
    again = Settings(_env_file=None, pseudonym_secret="", data_dir=tmp_path)  # type: ignore[call-arg]
    assert again.pseudonym_key == key, "kept across restarts"


WEBHOOK = {
    "TELEGRAM_WEBHOOK_URL": "https://bot.example.test/tg/hook",
    "TELEGRAM_WEBHOOK_SECRET": "robustness-webhook-secret",
}


def test_webhook_mode_retries_an_unreachable_bot_api_then_says_so_in_one_line(tmp_path):
    result = run_bot(tmp_path, STARTUP_ATTEMPTS="2", WEB_PORT="0", **WEBHOOK)
    line = only_line(result)
    assert line.startswith("Cannot reach the Bot API at http://127.0.0.1:") and "2 tries" in line
    assert "getMe" in line
    assert "try 1 of 2 again in 1 s" in result.stderr, "it waited before giving up"


async def test_webhook_mode_rides_out_a_bot_api_that_fails_each_startup_call_once(tmp_path):
    # getMe, setMyCommands and setWebhook each fail once (502, 500, 504), as when the Bot API
    # or the proxy in front of it is restarting; the replica must still come up.
    api = FakeBotApiServer()
    api.api.fail_next("getMe", BotApiError(502, "Bad Gateway"))
    api.api.fail_next("setMyCommands", BotApiError(500, "Internal Server Error"))
    api.api.fail_next("setWebhook", BotApiError(504, "Gateway Timeout"))
    await api.start()
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "PSEUDONYM_", "DATABASE_", "STAFF_"))
    }
    environment.update(
        TELEGRAM_BOT_TOKEN="123456:TEST-TOKEN",
        TELEGRAM_API_BASE_URL=api.base_url,
        DATA_DIR=str(tmp_path / "data"),
        STARTUP_ATTEMPTS="3",
        WEB_PORT="0",
        **WEBHOOK,
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=environment,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not api.api.webhook and process.returncode is None:
            assert time.monotonic() < deadline, "the webhook was never registered"
            await asyncio.sleep(0.05)
        assert api.api.webhook.get("url") == WEBHOOK["TELEGRAM_WEBHOOK_URL"]
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
        await api.stop()
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log, log
    for what in ("getMe: NetworkError", "setMyCommands: NetworkError", "setWebhook: NetworkError"):
        assert f"Bot API unreachable ({what}); try 1 of 3" in log, log
    refused = [c.method for c in api.api.calls if not c.ok]
    assert refused == ["getMe", "setMyCommands", "setWebhook"], "each was tried again once"
