"""``python -m bot bench webhook``: real replica processes fed by webhook, one and two of them.

The benchmark plays Telegram and the load balancer. It starts a minimal Bot API on 127.0.0.1
(replies are recorded with the time they arrive), starts N ``python -m bot`` processes in webhook
mode on a fresh PostgreSQL database, and posts updates round-robin:

* throughput: a burst of updates from distinct citizens, many at once → updates/s until the last
  reply;
* latency: a steady rate (200 updates/s by default) → p50/p99 from posting an update to its reply;
* lost (no reply) and duplicated (more than one reply) over both;
* the replicas' rate limiter off (TELEGRAM_MAX_RATE=0): this measures serving, not Telegram's
  limit of about 30 messages a second;
* CPU seconds of each replica, of this load generator and of the PostgreSQL backends serving the
  scratch database (when PostgreSQL runs on this machine; its shared background processes are
  not counted), and each per update: the figure that holds when other work shares the cores,
  printed with the load average;
* the load generator on uvloop, as the replicas are.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import resource
import signal
import socket
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

REPO = Path(__file__).resolve().parents[2]
SECRET = "bench-webhook-secret"
HOOK = "/tg/bench"
QUESTIONS = [
    "que es el gobierno abierto",
    "¿qué es la LOTAIP?",
    "como hago una solicitud de acceso a la informacion",
    "que es el plan de accion de gobierno abierto",
]
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class FakeTelegram:
    """Just enough of the Bot API for the bot to start and reply; records when replies land."""

    replies: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    port: int = 0
    _runner: web.AppRunner | None = None
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        form = await request.post() if request.can_read_body else {}
        result: Any = True
        if method == "getMe":
            result = {"id": 7_000_000_001, "is_bot": True, "first_name": "Bench", "username": "b"}
        elif method == "sendMessage":
            chat = int(str(form.get("chat_id")))
            self.replies[chat].append(time.perf_counter())
            result = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": chat, "type": "private"},
                "text": "…",
            }
        return web.json_response({"ok": True, "result": result})

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self.handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        assert site._server is not None
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _backend_cpu(url: str) -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend connected to ``url``'s database (this machine)."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            pids: list[int] = list(
                (
                    await connection.execute(
                        text(
                            "SELECT pid FROM pg_stat_activity"
                            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        )
                    )
                ).scalars()
            )
            found: dict[int, float] = {}
            for pid in pids:
                try:
                    found[int(pid)] = _cpu_seconds(int(pid))
                except OSError:  # PostgreSQL on another machine, or the backend just left
                    continue
            return found
    finally:
        await engine.dispose()


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


async def _fresh_database(url: str, name: str) -> str:
    """Create (again) a scratch database next to the one in ``url``; return its URL."""
    server = make_url(url)
    admin = create_async_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


@dataclass
class Run:
    """The figures of one replica count."""

    replicas: int
    throughput: float
    p50_ms: float
    p99_ms: float
    rate: float
    lost: int
    duplicated: int
    cpu: list[float]
    load_cpu: float
    database_cpu: float | None
    updates: int  # every update posted while CPU was counted (warm-up, burst, steady rate)
    load_average: float  # of this machine over the last minute, read at the end

    def per_update(self, seconds: float | None) -> str:
        """CPU ms per update, the figure that does not depend on what else runs."""
        return "?" if seconds is None else f"{1000 * seconds / max(self.updates, 1):.2f}"


async def _bench(database_url: str, replicas: int, burst: int, rate: float, seconds: float) -> Run:
    telegram = FakeTelegram()
    await telegram.start()
    url = await _fresh_database(database_url, f"bench_webhook_{os.getpid()}")
    ports = [_free_port() for _ in range(replicas)]
    processes = []
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    for port in ports:
        env.update(
            TELEGRAM_BOT_TOKEN="123456:BENCH",
            TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{telegram.port}/bot",
            TELEGRAM_WEBHOOK_URL=f"https://bench.example{HOOK}",
            TELEGRAM_WEBHOOK_SECRET=SECRET,
            DATABASE_URL=url,
            DATA_DIR=f"/tmp/bench-webhook-{os.getpid()}",
            PSEUDONYM_SECRET="bench-secret-of-at-least-thirty-two-bytes",
            PANEL_SECRET="bench",
            FLOOD_MAX_MESSAGES="10000",  # the most the settings accept
            TELEGRAM_MAX_RATE="0",  # the bot's own capacity, not Telegram's 30 messages/s
            LOG_LEVEL="WARNING",
            WEB_PORT=str(port),
        )
        processes.append(
            await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", cwd=REPO, env=env)
        )
    connector = aiohttp.TCPConnector(limit=256)
    async with aiohttp.ClientSession(connector=connector) as http:
        for port, process in zip(ports, processes, strict=True):
            await _wait_ready(http, port, process)
        turn = itertools.count()
        sent_at: dict[int, float] = {}
        ids = itertools.count(1)
        citizens = itertools.count(9_000_000)

        async def deliver() -> None:
            update_id, chat = next(ids), next(citizens)
            update = {
                "update_id": update_id,
                "message": {
                    "message_id": update_id,
                    "date": int(time.time()),
                    "chat": {"id": chat, "type": "private"},
                    "from": {"id": chat, "is_bot": False, "first_name": "C", "language_code": "es"},
                    "text": QUESTIONS[update_id % len(QUESTIONS)],
                },
            }
            port = ports[next(turn) % len(ports)]
            sent_at[chat] = time.perf_counter()
            async with http.post(
                f"http://127.0.0.1:{port}{HOOK}",
                json=update,
                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
            ) as response:
                assert response.status == 200, response.status

        cpu_before = [_cpu_seconds(p.pid) for p in processes]
        database_before = await _backend_cpu(url)
        load_before = resource.getrusage(resource.RUSAGE_SELF)
        # Warm-up: first requests open connections and fill caches.
        await asyncio.gather(*(deliver() for _ in range(20)))
        await _settle(telegram, sent_at, 15)
        warm = set(sent_at)

        # Throughput: a burst, 64 deliveries in flight at a time.
        started = time.perf_counter()
        queue = iter(range(burst))

        async def sender() -> None:
            for _ in queue:
                await deliver()

        await asyncio.gather(*(sender() for _ in range(64)))
        await _settle(telegram, sent_at, 30)
        burst_chats = [c for c in sent_at if c not in warm]
        last = max((telegram.replies[c][0] for c in burst_chats if telegram.replies[c]), default=0)
        throughput = len(burst_chats) / (last - started) if last else 0.0

        # Latency at a steady rate.
        paced_from = len(sent_at)
        tasks = []
        begin = time.perf_counter()
        for n in range(int(rate * seconds)):
            delay = begin + n / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(deliver()))
        await asyncio.gather(*tasks)
        achieved = len(tasks) / (time.perf_counter() - begin)
        await _settle(telegram, sent_at, 30)
        paced = list(sent_at)[paced_from:]
        latencies = sorted(
            (telegram.replies[c][0] - sent_at[c]) * 1000 for c in paced if telegram.replies[c]
        )
        cpu = [_cpu_seconds(p.pid) - b for p, b in zip(processes, cpu_before, strict=True)]
        database_after = await _backend_cpu(url)
        database_cpu = (
            sum(c - database_before.get(pid, 0.0) for pid, c in database_after.items())
            if database_after
            else None
        )
        load_after = resource.getrusage(resource.RUSAGE_SELF)
        load_cpu = (load_after.ru_utime + load_after.ru_stime) - (
            load_before.ru_utime + load_before.ru_stime
        )
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        await asyncio.wait_for(process.wait(), 30)
    await telegram.stop()
    measured = [c for c in sent_at if c not in warm]
    return Run(
        replicas=replicas,
        throughput=throughput,
        p50_ms=statistics.median(latencies) if latencies else float("nan"),
        p99_ms=latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan"),
        rate=achieved,
        lost=sum(1 for c in measured if not telegram.replies[c]),
        duplicated=sum(1 for c in measured if len(telegram.replies[c]) > 1),
        cpu=cpu,
        load_cpu=load_cpu,
        database_cpu=database_cpu,
        updates=len(sent_at),
        load_average=os.getloadavg()[0],
    )


async def _wait_ready(
    http: aiohttp.ClientSession, port: int, process: asyncio.subprocess.Process
) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.returncode is not None:
            raise RuntimeError(f"the replica on port {port} exited ({process.returncode})")
        try:
            async with http.get(f"http://127.0.0.1:{port}/readyz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError(f"the replica on port {port} never became ready")


async def _settle(telegram: FakeTelegram, sent_at: dict[int, float], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while any(not telegram.replies[c] for c in sent_at):
        if time.monotonic() > deadline:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)  # would anything be answered twice?


def main(
    database_url: str, replica_counts: list[int], burst: int = 1000, rate: float = 200.0
) -> tuple[str, bool]:
    """Run the benchmark for each replica count; return the report and whether targets were met."""
    if not database_url.startswith("postgresql"):
        return "bench webhook needs DATABASE_URL on PostgreSQL (replicas share it)", False
    from bot.cli import run_served

    # The load generator plays Telegram and the proxy, which in production are not on the
    # replicas' machine: on the replicas' own loop (uvloop) it takes less of the shared cores.
    runs = [run_served(_bench(database_url, n, burst, rate, 3.0)) for n in replica_counts]
    lines = [
        f"Webhook benchmark: {burst} updates in a burst (64 in flight), then {rate:.0f}/s for 3 s;"
        f" {os.cpu_count()} cores shared by the load generator, the replicas and PostgreSQL.",
        "",
        "replicas  updates/s  p50 ms  p99 ms  (at /s)  lost  dup  CPU s per replica"
        "   load CPU s  PostgreSQL CPU s",
    ]
    for run in runs:
        cpu = " ".join(f"{c:5.1f}" for c in run.cpu)
        lines.append(
            f"{run.replicas:8d}  {run.throughput:9.0f}  {run.p50_ms:6.1f}  {run.p99_ms:6.1f}"
            f"  {run.rate:7.0f}  {run.lost:4d}  {run.duplicated:3d}  {cpu:18s}  {run.load_cpu:9.1f}"
            f"  {'?' if run.database_cpu is None else f'{run.database_cpu:.1f}':>16}"
        )
    lines += [
        "",
        "CPU ms per update   replicas  load generator  PostgreSQL   (load average at the end)",
    ]
    for run in runs:
        lines.append(
            f"{run.replicas:8d} replica(s)  {run.per_update(sum(run.cpu)):>8}"
            f"  {run.per_update(run.load_cpu):>14}  {run.per_update(run.database_cpu):>10}"
            f"   ({run.load_average:.2f})"
        )
    met = all(run.lost == 0 and run.duplicated == 0 for run in runs)
    if len(runs) == 2 and runs[0].throughput:
        ratio = runs[1].throughput / runs[0].throughput
        lines.append(f"\ntwo replicas / one: {ratio:.2f}× (target ≥ 1.3×)")
    return "\n".join(lines), met
