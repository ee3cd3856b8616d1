"""The real bot process, long polling a fake Bot API server on 127.0.0.1.

One citizen's session end to end, a restart, and the data still there afterwards.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.factories import MEDIA, callback, mention, message
from tests.fakes.bot_api import Call
from tests.fakes.server import FakeBotApiServer

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
ENGLISH_CITIZEN = 5_550_101
FLOODER = 5_550_102


async def start_bot(server: FakeBotApiServer, data_dir: Path) -> asyncio.subprocess.Process:
    """Start ``python -m bot`` pointed at the fake server; wait until it polls."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(
        TELEGRAM_BOT_TOKEN="123456:E2E-TOKEN",
        TELEGRAM_API_BASE_URL=server.base_url,
        DATA_DIR=str(data_dir),
        PSEUDONYM_SECRET="e2e-secret-of-at-least-thirty-two-bytes",
        FLOOD_MAX_MESSAGES="30",
        OUTBOX_POLL_SECONDS="0.2",
        LOG_LEVEL="WARNING",
        WEB_PORT="0",  # the staff panel, served beside the bot, on any free port
    )
    before = len(server.api.sent("setMyCommands"))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=REPO, env=env, stderr=asyncio.subprocess.PIPE
    )
    await wait_until(lambda: len(server.api.sent("setMyCommands")) >= before + 3, process)
    return process


async def wait_until(
    condition: Callable[[], bool], process: asyncio.subprocess.Process, seconds: float = 60
) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if process.returncode is not None:
            stderr = await process.stderr.read() if process.stderr else b""
            raise AssertionError(f"bot exited with {process.returncode}: {stderr.decode()[-2000:]}")
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the bot")
        await asyncio.sleep(0.02)


async def exchange(
    server: FakeBotApiServer,
    process: asyncio.subprocess.Process,
    update: dict,
    expect: int = 1,
    methods: tuple[str, ...] = ("sendMessage", "editMessageText"),
) -> list[Call]:
    """Send an update; return the first ``expect`` calls of ``methods`` it caused."""
    before = len(server.api.calls)
    server.push_update(update)

    def got() -> list[Call]:
        return [c for c in server.api.calls[before:] if c.method in methods]

    await wait_until(lambda: len(got()) >= expect, process)
    return got()[:expect]


async def stop_bot(process: asyncio.subprocess.Process) -> int:
    process.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(process.wait(), timeout=20)


def data_of(call: Call, prefix: str) -> list[str]:
    return [d for _, d in call.buttons if d.startswith(prefix)]


async def test_a_citizen_session_end_to_end_and_a_restart(tmp_path: Path):
    server = FakeBotApiServer()
    await server.start()
    process = await start_bot(server, tmp_path / "data")
    try:
        (welcome,) = await exchange(server, process, message("/start"))
        assert "Asistente de Gobierno Abierto Ecuador" in welcome.text

        (answer,) = await exchange(server, process, message("q es el gobierno abierto"))
        assert "Fuente" in answer.text
        (thanks,) = await exchange(
            server, process, callback(data_of(answer, "fb:")[0]), methods=("answerCallbackQuery",)
        )
        assert "Gracias" in thanks.params["text"]

        (close,) = await exchange(server, process, message("participacion"))
        picked = data_of(close, "pk:")[0]
        (chosen,) = await exchange(server, process, callback(picked))
        assert "Fuente" in chosen.text

        (fallback,) = await exchange(
            server, process, message("quien vigila los contratos de los hospitales en mi ciudad")
        )
        (sent,) = await exchange(server, process, callback(data_of(fallback, "sq:")[0]))
        assert "llegó al equipo" in sent.text

        await exchange(server, process, message("/temas"))
        (page2,) = await exchange(server, process, callback("tp:1"))
        assert data_of(page2, "tl:")

        (media,) = await exchange(server, process, message(None, extra=MEDIA["sticker"]))
        assert "solo entiendo mensajes de texto" in media.text

        (escaped,) = await exchange(server, process, message("<i>hola</i> & <ogp> que es"))
        assert escaped.text
        (too_long,) = await exchange(server, process, message("a" * 5000))
        assert "muy largo" in too_long.text

        (forged,) = await exchange(
            server, process, callback("pk:1:ga-que-es' OR 1=1"), methods=("answerCallbackQuery",)
        )
        assert "ya no es válido" in forged.params["text"]

        (group,) = await exchange(
            server, process, mention("que es el gobierno abierto", server.api.username)
        )
        assert "gobierno abierto" in group.text.lower()

        await exchange(server, process, message("/language", user_id=ENGLISH_CITIZEN))
        await exchange(server, process, callback("lang:en", user_id=ENGLISH_CITIZEN))
        (answer_en,) = await exchange(
            server, process, message("what is open government", user_id=ENGLISH_CITIZEN)
        )
        assert "Source" in answer_en.text

        replies = await exchange(
            server,
            process,
            message("que es el gobierno abierto", user_id=FLOODER),
            expect=1,
        )
        for _ in range(30):
            server.push_update(message("que es el gobierno abierto", user_id=FLOODER))
        await wait_until(
            lambda: any("muchos mensajes" in c.text for c in server.api.sent()), process
        )
        assert replies
    finally:
        code = await stop_bot(process)
    assert code == 0, "the bot shuts down cleanly on SIGTERM"

    process = await start_bot(server, tmp_path / "data")
    try:
        (welcome_en,) = await exchange(server, process, message("/start", user_id=ENGLISH_CITIZEN))
        assert "Open Government Assistant" in welcome_en.text, "the language survived the restart"
        (plans,) = await exchange(server, process, message("/plan"))
        assert "pl:paga-1:0" in data_of(plans, "pl:")
    finally:
        assert await stop_bot(process) == 0
        await server.stop()
    assert not [c for c in server.api.calls if c.method == "sendMessage" and not c.text]
    assert await pending_staff_questions(tmp_path / "data") == [
        "quien vigila los contratos de los hospitales en mi ciudad"
    ]


async def pending_staff_questions(data_dir: Path) -> list[str]:
    from bot.db import Database
    from bot.services.questions import QuestionService

    db = Database(f"sqlite+aiosqlite:///{data_dir / 'asistente.db'}")
    try:
        return [q.text for q in await QuestionService(db).pending()]
    finally:
        await db.dispose()


async def test_a_follower_is_notified_when_staff_record_an_update(tmp_path: Path):
    server = FakeBotApiServer()
    await server.start()
    process = await start_bot(server, tmp_path / "data")
    try:
        (card,) = await exchange(server, process, message("compromiso 3 del primer plan"))
        assert data_of(card, "fl:") == ["fl:paga-1-c03"]
        await exchange(server, process, callback("fl:paga-1-c03"), methods=("answerCallbackQuery",))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
        env["DATA_DIR"] = str(tmp_path / "data")
        staff = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "plan", "update", "paga-1-c03", "--status", "complete",
            "--note", "La plataforma publica todos los procesos", "--source",
            "https://example.org/evidencia", cwd=REPO, env=env, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        output, _ = await staff.communicate()
        assert staff.returncode == 0 and b"1 follower will be notified" in output
        await wait_until(lambda: any("Novedad" in c.text for c in server.api.delivered()), process)
        (notice,) = [c for c in server.api.delivered() if "Novedad" in c.text]
        assert "Completo" in notice.text and "La plataforma publica" in notice.text
    finally:
        assert await stop_bot(process) == 0
        await server.stop()


async def test_a_proposal_flow_survives_a_restart_of_the_bot_process(tmp_path: Path):
    server = FakeBotApiServer()
    await server.start()
    process = await start_bot(server, tmp_path / "data")
    try:
        (consent,) = await exchange(server, process, message("/proponer"))
        assert "LOPDP" in consent.text
        await exchange(server, process, callback("pp:ok"))
        (prompt,) = await exchange(server, process, callback("pp:cat:otro"))
        assert "Paso 2 de 4" in prompt.text
    finally:
        assert await stop_bot(process) == 0
    process = await start_bot(server, tmp_path / "data")
    try:
        need = "Quiero que publiquen los gastos de la junta parroquial cada mes en internet"
        (province,) = await exchange(server, process, message(need))
        assert "Paso 3 de 4" in province.text, "the new process continued the flow"
        await exchange(server, process, callback("pp:prov:skip"))
        (summary,) = await exchange(server, process, callback("pp:skip"))
        assert need in summary.text
        (sent,) = await exchange(server, process, callback("pp:send"))
        assert "Su código de seguimiento es" in sent.text
    finally:
        assert await stop_bot(process) == 0
        await server.stop()
