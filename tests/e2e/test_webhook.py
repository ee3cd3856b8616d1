"""Two replica processes on one PostgreSQL, fed by webhook, round-robin and concurrently.

The test plays Telegram and the load balancer: it posts each update to the next replica (a
refused or failed delivery is retried on the other, as Telegram retries), sometimes to both at
once (a duplicate delivery, a double tap). The replicas' replies go to one fake Bot API.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.web.webhook import SECRET_HEADER
from tests.conftest import POSTGRES_URL, reset_postgres
from tests.factories import callback, message
from tests.fakes.server import FakeBotApiServer

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.postgres,
    # Two replica processes each load the knowledge base: on a busy 2-core machine that alone
    # can take a minute, so these tests get more than the suite's default 120 s.
    pytest.mark.timeout(300),
    pytest.mark.skipif(not POSTGRES_URL, reason="TEST_DATABASE_URL is not set (no PostgreSQL)"),
]

REPO = Path(__file__).resolve().parents[2]
SECRET = "e2e-webhook-secret"
HOOK_PATH = "/tg/e2e-hook"
CODE = re.compile(r"GA-[A-Z2-9]{4}-[A-Z2-9]{2}")
REPLIES = ("sendMessage", "editMessageText")
# The scale: 200 citizens asking (180, then 20 while a replica is down), 40 proposal
# flows, 100 followers of a commitment (about a minute on two shared cores).
ASKING, FLOWS, FOLLOWERS = 180, 40, 100
FOLLOWED = ("editMessageReplyMarkup",)  # the card's button turns into "Dejar de seguir"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Replica:
    """One ``python -m bot`` process serving the webhook on its own port."""

    name: str
    api: FakeBotApiServer
    data_dir: Path
    port: int = field(default_factory=free_port)
    process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self, http: aiohttp.ClientSession) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
        env.update(
            TELEGRAM_BOT_TOKEN="123456:E2E-TOKEN",
            TELEGRAM_API_BASE_URL=self.api.base_url,
            TELEGRAM_WEBHOOK_URL=f"https://bot.example.test{HOOK_PATH}",
            TELEGRAM_WEBHOOK_SECRET=SECRET,
            DATABASE_URL=POSTGRES_URL,
            DATA_DIR=str(self.data_dir),
            PSEUDONYM_SECRET="e2e-secret-of-at-least-thirty-two-bytes",
            PANEL_SECRET="e2e-panel-secret",
            FLOOD_MAX_MESSAGES="1000",
            OUTBOX_POLL_SECONDS="0.2",
            LOG_LEVEL=os.environ.get("E2E_LOG_LEVEL", "WARNING"),
            LOG_FORMAT="json",
            WEB_PORT=str(self.port),
        )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with (self.data_dir / "stderr.log").open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=REPO, env=env, stderr=log
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.returncode is not None:
                err = (self.data_dir / "stderr.log").read_text()[-2000:]
                raise AssertionError(f"{self.name} exited: {err}")

            try:
                async with http.get(self.url + "/readyz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
        raise AssertionError(f"{self.name} never became ready")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), timeout=30)


class Telegram:
    """Delivers updates round-robin to the replicas; retries a failed delivery elsewhere."""

    def __init__(self, replicas: list[Replica], http: aiohttp.ClientSession, api: Any) -> None:
        self.replicas = replicas
        self.http = http
        self.api = api
        self.turn = itertools.count()
        self.accepted: dict[int, str] = {}  # update_id → replica that answered 200 first

    async def post(self, replica: Replica, update: dict) -> int:
        try:
            async with self.http.post(
                replica.url + HOOK_PATH, json=update, headers={SECRET_HEADER: SECRET}
            ) as response:
                return response.status
        except aiohttp.ClientError:
            return 0  # connection refused or reset: the replica is down

    async def deliver(self, update: dict, replica: int | None = None) -> None:
        """Deliver until some replica answers 200, starting at ``replica`` or the next in turn."""
        start = next(self.turn) if replica is None else replica
        for attempt in range(60):
            target = self.replicas[(start + attempt) % len(self.replicas)]
            if await self.post(target, update) == 200:
                self.accepted.setdefault(update["update_id"], target.name)
                return
            await asyncio.sleep(0.1 if attempt else 0)
        raise AssertionError(f"update {update['update_id']} was never accepted")

    async def deliver_to_all(self, update: dict) -> None:
        """The same update to every replica at once (Telegram retrying a slow delivery)."""
        await asyncio.gather(*(self.deliver(update, i) for i in range(len(self.replicas))))

    def replies_to(self, chat_id: int, methods: tuple[str, ...] = REPLIES) -> list:
        return [
            c
            for c in self.api.calls
            if c.method in methods and str(c.params.get("chat_id")) == str(chat_id)
        ]

    async def wait(self, condition: Callable[[], bool], seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                engine = create_async_engine(POSTGRES_URL)
                async with engine.connect() as connection:
                    rows = (
                        await connection.execute(
                            text(
                                "SELECT update_id, chat_id, received_at FROM telegram_update"
                                " WHERE handled_at IS NULL"
                            )
                        )
                    ).all()
                await engine.dispose()
                raise AssertionError(f"timed out waiting for the replicas; unhandled: {rows}")
            await asyncio.sleep(0.02)

    async def exchange(
        self, chat_id: int, update: dict, expect: int = 1, methods: tuple[str, ...] = REPLIES
    ) -> list:
        """Deliver one update and wait for its ``expect`` replies (a person waits too)."""
        before = len(self.replies_to(chat_id, methods))
        await self.deliver(update)
        try:
            await self.wait(lambda: len(self.replies_to(chat_id, methods)) >= before + expect)
        except AssertionError as error:
            calls = [
                (c.method, c.ok, c.text[:40])
                for c in self.api.calls
                if str(c.params.get("chat_id")) == str(chat_id)
            ]
            where = self.accepted.get(update["update_id"])
            raise AssertionError(
                f"{error}; update {update['update_id']} at {where}; {calls}"
            ) from None
        return self.replies_to(chat_id, methods)[before:]


def reply_to_bot(text: str, user_id: int) -> dict:
    """A typed answer to the bot's prompt (force_reply makes clients send it as a reply)."""
    bot_message = {
        "message_id": 1,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": {"id": 7_000_000_001, "is_bot": True, "first_name": "Asistente"},
        "text": "…",
    }
    return message(text, user_id=user_id, extra={"reply_to_message": bot_message})


NEEDS = [
    "Necesito que el municipio publique los contratos de obra pública de mi barrio en línea",
    "Quisiera que las escuelas rurales tengan internet para hacer tareas con los niños",
    "Pido un canal para denunciar cobros indebidos en los trámites del registro civil",
    "Las juntas parroquiales deberían rendir cuentas de su presupuesto cada seis meses",
]


async def propose(tg: Telegram, user_id: int, need: str) -> str:
    """A citizen's whole proposal flow, each step on the next replica; a double tap at the end."""
    await tg.exchange(user_id, message("/proponer", user_id=user_id))
    await tg.exchange(user_id, callback("pp:ok", user_id=user_id))
    await tg.exchange(user_id, callback("pp:cat:transparencia", user_id=user_id))
    await tg.exchange(user_id, reply_to_bot(need, user_id))
    await tg.exchange(user_id, callback("pp:prov:18", user_id=user_id))
    await tg.exchange(user_id, reply_to_bot("vecina@correo.ec", user_id))
    before = len(tg.replies_to(user_id))
    # The double tap: two presses of "Enviar", one at each replica, at the same moment.
    await asyncio.gather(
        tg.deliver(callback("pp:send", user_id=user_id), 0),
        tg.deliver(callback("pp:send", user_id=user_id), 1),
    )
    await tg.wait(lambda: len(tg.replies_to(user_id)) >= before + 2)
    sent = " ".join(c.text for c in tg.replies_to(user_id)[before:])
    if "Su código" not in sent:  # similar needs were offered first: "mine is different"
        await tg.exchange(user_id, callback("pp:distinct", user_id=user_id))
        replies = await tg.exchange(user_id, callback("pp:send", user_id=user_id))
        sent = " ".join(c.text for c in replies)
    found = CODE.search(sent)
    assert found, sent
    return found.group(0)


async def chats(sql: str) -> set[int]:
    engine = create_async_engine(POSTGRES_URL)
    try:
        async with engine.connect() as connection:
            return {row[0] for row in await connection.execute(text(sql))}
    finally:
        await engine.dispose()


async def count(sql: str) -> int:
    engine = create_async_engine(POSTGRES_URL)
    try:
        async with engine.connect() as connection:
            return int((await connection.execute(text(sql))).scalar_one())
    finally:
        await engine.dispose()


async def test_two_replicas_answer_every_update_exactly_once(tmp_path: Path):
    await reset_postgres(POSTGRES_URL)
    api_server = FakeBotApiServer()
    await api_server.start()
    api = api_server.api
    replicas = [Replica(name, api_server, tmp_path / name) for name in ("a", "b")]
    http = aiohttp.ClientSession()
    try:
        # Both start together: the migrations run once, under the advisory lock.
        await asyncio.gather(*(r.start(http) for r in replicas))
        assert api.webhook["url"] == f"https://bot.example.test{HOOK_PATH}"
        assert api.webhook["secret_token"] == SECRET
        assert api.webhook["allowed_updates"] == ["message", "callback_query", "my_chat_member"]
        assert str(api.webhook["drop_pending_updates"]).lower() == "false"
        tg = Telegram(replicas, http, api)

        # Citizens asking, all at once; a fifth of the questions delivered to both replicas.
        citizens = [6_000_000 + i for i in range(ASKING)]
        questions = [message("que es el gobierno abierto", user_id=c) for c in citizens]
        proposers = [6_100_000 + i for i in range(FLOWS)]

        async def ask(i: int, update: dict) -> None:
            await (tg.deliver_to_all(update) if i % 5 == 0 else tg.deliver(update))

        asking = asyncio.gather(*(ask(i, q) for i, q in enumerate(questions)))
        flows = asyncio.gather(
            *(
                propose(tg, user, NEEDS[i % len(NEEDS)] + f" (caso {i})")
                for i, user in enumerate(proposers)
            )
        )
        await asking

        # Replica b dies mid-run (SIGKILL), with flows under way; Telegram retries on a.
        await asyncio.sleep(0.3)
        replicas[1].kill()
        await replicas[1].process.wait()
        # What b had in hand: taken by b, and not committed as handled when it died.
        unhandled = await chats("SELECT chat_id FROM telegram_update WHERE handled_at IS NULL")
        taken_by_b = {
            u["message"]["chat"]["id"] for u in questions if tg.accepted.get(u["update_id"]) == "b"
        }
        in_flight = unhandled & taken_by_b
        late = [message("¿qué es la LOTAIP?", user_id=6_200_000 + i) for i in range(20)]
        await asyncio.gather(*(tg.deliver(u) for u in late))
        await replicas[1].start(http)  # and comes back
        codes = await flows

        # Every question answered: the ones b had taken but not finished are redone by a.
        everyone = citizens + [6_200_000 + i for i in range(20)]
        await tg.wait(lambda: all(tg.replies_to(c) for c in everyone), seconds=120)
        answers = Counter(
            int(c.params["chat_id"])
            for c in api.calls
            if c.method == "sendMessage" and int(c.params["chat_id"]) in set(everyone)
        )
        twice = {chat for chat, n in answers.items() if n > 1}
        # Only an update b was handling when it was killed may be answered twice (its reply may
        # have left before the crash, and a cannot know): every other one exactly once.
        assert twice <= in_flight, (twice, in_flight)
        print(f"SIGKILL: {len(in_flight)} updates in hand, {len(twice)} of them answered twice")
        assert set(answers) == set(everyone), "an update was lost"

        # Proposals: one per flow despite the double taps, codes unique.
        assert len(codes) == len(set(codes)) == len(proposers)
        assert await count("SELECT count(*) FROM proposal") == len(proposers)
        assert await count("SELECT count(DISTINCT code) FROM proposal") == len(proposers)

        # A commitment update, then its followers notified once each, by two outbox workers.
        followers = [6_300_000 + i for i in range(FOLLOWERS)]
        await asyncio.gather(
            *(
                tg.exchange(f, callback("fl:paga-1-c03", user_id=f), methods=FOLLOWED)
                for f in followers
            )
        )
        before = {f: len(tg.replies_to(f, ("sendMessage",))) for f in followers}
        env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
        env.update(DATABASE_URL=POSTGRES_URL, DATA_DIR=str(tmp_path / "cli"))
        update_cli = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "plan", "update", "paga-1-c03", "--status", "limited",
            "--note", "Avance registrado en la prueba", "--source", "https://example.org/evidencia",
            cwd=REPO, env=env, stdout=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        assert await update_cli.wait() == 0
        await tg.wait(
            lambda: all(len(tg.replies_to(f, ("sendMessage",))) > before[f] for f in followers)
        )
        await asyncio.sleep(1.0)  # would a second worker send any of them again?
        notified = Counter(
            f for f in followers for _ in tg.replies_to(f, ("sendMessage",))[before[f] :]
        )
        assert set(notified.values()) == {1}, notified
        assert await count("SELECT count(*) FROM notification WHERE status = 'sent'") >= len(
            followers
        )

        # SIGTERM with updates in hand: they are finished, the process exits cleanly, and
        # deliveries meanwhile go to the other replica.
        last = [message("¿qué es la LOTAIP?", user_id=6_400_000 + i) for i in range(10)]
        await asyncio.gather(*(tg.deliver(u, 0) for u in last))
        assert await replicas[0].stop() == 0
        await tg.deliver(message("hola", user_id=6_400_100))
        assert tg.accepted[max(tg.accepted)] == "b"
        await tg.wait(lambda: all(tg.replies_to(6_400_000 + i) for i in range(10)))
        await tg.wait(lambda: bool(tg.replies_to(6_400_100)))

        # Nothing left unhandled, and no texts kept once handled. A reply leaves just before its
        # update's commit, so the last one may need a moment; far less than the sweep's 5 s,
        # which would otherwise take a stuck update again and hide it.
        unhandled = "SELECT count(*) FROM telegram_update WHERE handled_at IS NULL"
        for _ in range(20):
            if await count(unhandled) == 0:
                break
            await asyncio.sleep(0.05)
        assert await count(unhandled) == 0
        assert await count("SELECT count(*) FROM telegram_update WHERE payload IS NOT NULL") == 0
        assert await count("SELECT count(*) FROM alembic_version") == 1
    finally:
        for replica in replicas:
            if replica.process is not None and replica.process.returncode is None:
                assert await replica.stop() == 0
        await http.close()
        await api_server.stop()


async def test_a_replica_killed_mid_update_does_not_repeat_what_it_had_sent(tmp_path: Path):
    """SIGKILL after the button's answer went out, before the update finished: the replica that
    takes the update again sends only what had not gone out yet."""
    await reset_postgres(POSTGRES_URL)
    api_server = FakeBotApiServer()
    await api_server.start()
    api = api_server.api
    first, second = (Replica(name, api_server, tmp_path / name) for name in ("a", "b"))
    http = aiohttp.ClientSession()
    citizen = 6_500_000
    try:
        await first.start(http)
        tg = Telegram([first, second], http, api)
        # The press is answered (answerCallbackQuery), then its card's button is changed: that
        # second call never comes back, and the replica is killed while waiting for it.
        api_server.hold = lambda method, _: method == "editMessageReplyMarkup"
        press = callback("fl:paga-1-c03", user_id=citizen)
        await tg.deliver(press, 0)
        await asyncio.wait_for(api_server.holding.wait(), 30)
        recorded = f"SELECT count(*) FROM update_reply WHERE update_id = {press['update_id']}"
        assert await count(recorded) == 1, "the answer Telegram accepted is on record"
        first.kill()
        await first.process.wait()
        api_server.release()
        await second.start(http)  # its sweep takes the unhandled update again

        await tg.wait(lambda: len(tg.replies_to(citizen, FOLLOWED)) == 1, seconds=30)
        answers = [
            c
            for c in api.calls
            if c.method == "answerCallbackQuery"
            and c.params.get("callback_query_id") == press["callback_query"]["id"]
        ]
        assert len(answers) == 1, "the press was not answered a second time"
        assert await count("SELECT count(*) FROM telegram_update WHERE handled_at IS NULL") == 0
        assert await count("SELECT count(*) FROM commitment_follow") == 1
    finally:
        for replica in (first, second):
            if replica.process is not None and replica.process.returncode is None:
                assert await replica.stop() == 0
        await http.close()
        await api_server.stop()
