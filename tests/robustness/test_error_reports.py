"""Handler errors are logged without personal data; a database outage gets a clear reply."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import asyncpg

from bot.app import shutdown
from bot.db import Database
from tests.conftest import harness_for, make_settings
from tests.factories import message


async def test_an_error_log_names_the_update_and_handler_but_no_personal_data(
    tmp_path: Path, sqlite_url, caplog
):
    application, bot = await harness_for(make_settings(tmp_path, sqlite_url))
    try:

        def broken(*args, **kwargs):
            raise RuntimeError("could not store 'mi correo es ana@correo.ec'")

        bot.services.questions.record = broken
        caplog.set_level(logging.ERROR, logger="handlers.fallbacks")
        raw = message("mi correo es ana@correo.ec, soy Ana Pérez")
        raw["message"]["from"]["username"] = "ana_perez_ec"
        calls = await bot.send(raw)
        assert next(c.text for c in calls if c.method == "sendMessage").startswith("Lo siento")
        bot.errors.clear()
        (record,) = [r for r in caplog.records if r.name == "handlers.fallbacks"]
        logged = record.getMessage() + (record.exc_text or "")
        assert record.exc_info is None, "no traceback text: exception messages quote data"
        assert f"update {raw['update_id']}" in logged and "(private chat)" in logged
        assert "answer_question" in logged and "RuntimeError" in logged
        for personal in ("ana@correo.ec", "Ana Pérez", "Ciudadana", "ana_perez_ec", "5550001"):
            assert personal not in logged
    finally:
        await shutdown(application)
        await application.shutdown()


async def test_while_the_database_is_down_a_new_citizen_is_told_it_is_briefly_unavailable(
    tmp_path: Path, sqlite_url
):
    application, bot = await harness_for(make_settings(tmp_path, sqlite_url))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    down = Database(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/gone")
    working = bot.services.citizens.db
    try:
        bot.services.citizens.db = down
        replies = await bot.say("hola, que es el gobierno abierto", user_id=5_770_001)
        assert [r.text for r in replies] == [
            "El servicio no está disponible por un momento. Por favor, escriba de nuevo en unos "
            "minutos."
        ]
        assert [c.method for c in bot.api.calls[-1:]] == ["sendMessage"], "told once"
    finally:
        bot.services.citizens.db = working
        await down.dispose()
        await shutdown(application)
        await application.shutdown()


async def test_a_database_connection_lost_mid_update_is_told_as_briefly_unavailable(
    tmp_path: Path, sqlite_url
):
    application, bot = await harness_for(make_settings(tmp_path, sqlite_url))

    async def lost(*args: object) -> None:  # what asyncpg raises when PostgreSQL went away
        raise asyncpg.ConnectionDoesNotExistError(
            "connection was closed in the middle of operation"
        )

    try:
        bot.services.citizens.identify = lost  # type: ignore[method-assign]
        replies = await bot.say("que es el gobierno abierto", user_id=5_770_002)
        assert [r.text for r in replies] == [
            "El servicio no está disponible por un momento. Por favor, escriba de nuevo en unos "
            "minutos."
        ]
    finally:
        await shutdown(application)
        await application.shutdown()
