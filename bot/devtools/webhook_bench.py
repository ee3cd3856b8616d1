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
* the same over the burst alone, and the throughput that CPU allows: a replica uses one core at
  most, and everything shares the machine's cores. Other work on the machine moves updates/s
  from run to run; the ceiling shows what the code itself allows. Printed with how many cores
  the rest of the machine (other programs, PostgreSQL's shared background processes, the
  kernel) kept busy meanwhile, from ``/proc/stat``: a run where that is not near 0 measured the
  machine's other work as much as the replicas;
* the load generator on uvloop, as the replicas are, and as cheap as it can be: its CPU is the
  benchmark's, not serving's (Telegram and the proxy are elsewhere in production), yet it takes
  the same cores. It posts pre-encoded updates over kept-alive connections and its fake Bot API
  reads only a request's length and a reply's chat (:class:`_HttpMessages`), not aiohttp's
  client and server: 0.4 → 0.14 ms of CPU per update. Both replica counts get the same one.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import resource
import signal
import socket
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import aiohttp
import asyncpg
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
POST_TIMEOUT = 60.0


_HEAD_END = b"\r\n\r\n"
_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)
_CHAT_ID = re.compile(rb'(?:^|&|")chat_id(?:=|":\s*)(-?\d+)')  # a form's or a JSON body's
_GET_ME = json.dumps(
    {"id": 7_000_000_001, "is_bot": True, "first_name": "Bench", "username": "b"}
).encode()


def _http_response(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (
        len(body),
        body,
    )


class _HttpMessages(asyncio.Protocol):
    """HTTP/1.1 messages with a Content-Length over one kept-alive connection, parsed minimally.

    What the load generator runs per update is a cost of the benchmark, not of serving (in
    production Telegram and the proxy are elsewhere): no headers parsed beyond the length, no
    objects built for them. Each complete message goes to :meth:`message` with its head and body.
    """

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self._buffer = b""
        self.closed = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(None)

    def data_received(self, data: bytes) -> None:
        buffer = self._buffer + data if self._buffer else data
        while (head_end := buffer.find(_HEAD_END)) >= 0:
            length = _LENGTH.search(buffer, 0, head_end + 2)
            end = head_end + 4 + (int(length.group(1)) if length else 0)
            if len(buffer) < end:
                break
            self.message(buffer[:head_end], buffer[head_end + 4 : end])
            buffer = buffer[end:]
        self._buffer = buffer

    def message(self, head: bytes, body: bytes) -> None:
        raise NotImplementedError


@dataclass
class FakeTelegram:
    """Just enough of the Bot API for the bot to start and reply; records when replies land.

    A bare HTTP/1.1 server (:class:`_HttpMessages`): the replicas' client keeps its connections
    alive and sends one request at a time on each, with a length; a reply's chat is read off the
    body (JSON, or a form) without decoding the rest.
    """

    replies: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    port: int = 0
    _server: asyncio.Server | None = None
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def answer(self, head: bytes, body: bytes) -> bytes:
        """The Bot API's answer to one request."""
        method = head[: head.find(b" HTTP/")].rsplit(b"/", 1)[-1]
        result = b"true"
        if method == b"sendMessage":
            found = _CHAT_ID.search(body)
            chat = int(found.group(1)) if found else 0
            self.replies[chat].append(time.perf_counter())
            result = b'{"message_id":%d,"date":%d,"chat":{"id":%d,"type":"private"},"text":"-"}' % (
                next(self._ids),
                int(time.time()),
                chat,
            )
        elif method == b"getMe":
            result = _GET_ME
        return _http_response(b'{"ok":true,"result":%s}' % result)

    async def start(self) -> None:
        telegram = self

        class Connection(_HttpMessages):
            def message(self, head: bytes, body: bytes) -> None:
                assert self.transport is not None
                self.transport.write(telegram.answer(head, body))

        self._server = await asyncio.get_running_loop().create_server(Connection, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


class _Delivery(_HttpMessages):
    """One kept-alive connection to a replica's webhook: one POST at a time, its status back."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: asyncio.Future[int] | None = None

    def message(self, head: bytes, body: bytes) -> None:
        if self.waiting is not None and not self.waiting.done():
            self.waiting.set_result(int(head[9:12]))

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        if self.waiting is not None and not self.waiting.done():
            self.waiting.set_exception(ConnectionError("the replica closed the connection"))


class Deliveries:
    """Post pre-encoded updates to the replicas' webhooks over kept-alive connections.

    Playing Telegram costs the benchmark's own CPU on the machine the replicas share, so each
    request is written as bytes in one go, the JSON encoded once, the answer's status read and
    nothing else. Idle connections are reused (each replica gets as many as were in flight).
    """

    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self._idle: dict[int, list[_Delivery]] = {port: [] for port in ports}
        self._head = (
            f"POST {HOOK} HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
            f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\nContent-Length: %d\r\n\r\n"
        ).encode()

    async def post(self, port: int, body: bytes) -> int:
        """Post ``body`` to the replica on ``port``; its HTTP status."""
        idle = self._idle[port]
        loop = asyncio.get_running_loop()
        while idle:
            connection = idle.pop()
            if not connection.closed.done():
                break
        else:
            _, connection = await loop.create_connection(_Delivery, "127.0.0.1", port)
        assert connection.transport is not None
        connection.waiting = loop.create_future()
        connection.transport.write(self._head % (port, len(body)) + body)
        # A replica that never answers fails the run (the connection closes) instead of
        # hanging it; a timer costs less than wait_for's task.
        timer = loop.call_later(POST_TIMEOUT, connection.transport.close)
        try:
            status = await connection.waiting
        finally:
            timer.cancel()
        idle.append(connection)
        return status

    def close(self) -> None:
        """Close every idle connection."""
        for idle in self._idle.values():
            for connection in idle:
                if connection.transport is not None:
                    connection.transport.close()
            idle.clear()


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


def _connections_to(pid: int, port: int) -> int:
    """How many TCP connections process ``pid`` has open to ``port`` (PostgreSQL's), from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            link = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    count = 0
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            # fields[2] is the remote address:port in hex, [3] the state (01: established)
            if fields[9] in inodes and fields[3] == "01" and int(fields[2][-4:], 16) == port:
                count += 1
    return count


@dataclass
class _ConnectionPeaks:
    """The most PostgreSQL connections seen at once: to the database, and of each replica.

    The total is PostgreSQL's own count (``pg_stat_activity``, this sampler's connection
    left out); each replica's, its sockets to PostgreSQL's port (``/proc``). The total is
    sampled every ``every`` seconds while the benchmark runs, each replica's every
    ``every_replica``: reading ``/proc/PID/net/tcp`` walks the kernel's whole TCP table (about
    4.5 ms of CPU here however few sockets there are, 9 ms a replica with ``tcp6``), which at
    ten samples a second was 0.1 ms of the load generator's CPU per update for each replica.
    Pools keep their connections, so a second apart still finds each replica's peak. Each peak
    is its own: they need not add up.
    """

    total: int = 0
    replicas: list[int] = field(default_factory=list)
    # By application_name (each replica names its pools), all replicas together.
    pools: dict[str, int] = field(default_factory=dict)

    async def sample(
        self,
        url: str,
        processes: list[asyncio.subprocess.Process],
        every: float = 0.1,
        every_replica: float = 1.0,
    ) -> None:
        parsed = make_url(url)
        port = parsed.port or 5432
        connection = await asyncpg.connect(
            parsed.set(drivername="postgresql").render_as_string(False)
        )
        self.replicas = [0] * len(processes)
        scanned = -every_replica
        try:
            while True:
                rows = await connection.fetch(
                    "SELECT application_name, count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    " GROUP BY application_name"
                )
                self.total = max(self.total, sum(int(count) for _, count in rows))
                for name, count in rows:
                    self.pools[name or "?"] = max(self.pools.get(name or "?", 0), int(count))
                if time.monotonic() - scanned >= every_replica:
                    scanned = time.monotonic()
                    self.scan_replicas(processes, port)
                await asyncio.sleep(every)
        finally:
            await connection.close()

    def scan_replicas(self, processes: list[asyncio.subprocess.Process], port: int) -> None:
        """Each replica's sockets to PostgreSQL now, kept where it is its most so far."""
        for n, process in enumerate(processes):
            with contextlib.suppress(OSError):
                found = _connections_to(process.pid, port)
                self.replicas[n] = max(self.replicas[n], found)


def _machine_busy() -> float:
    """CPU seconds every core of this machine spent busy since boot (not idle, not iowait)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / TICKS


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


async def _on_server(url: str, *statements: str) -> None:
    """Run statements on the server of ``url``, outside any database of the benchmark's."""
    admin = create_async_engine(
        make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    async with admin.connect() as connection:
        for statement in statements:
            await connection.execute(text(statement))
    await admin.dispose()


async def _fresh_database(url: str, name: str) -> str:
    """Create (again) a scratch database next to the one in ``url``; return its URL."""
    await _on_server(
        url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'
    )
    return make_url(url).set(database=name).render_as_string(hide_password=False)


async def _stop(processes: list[asyncio.subprocess.Process]) -> None:
    """SIGTERM each replica (they drain and exit); SIGKILL one that is still there after 30 s."""
    for process in processes:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
            await process.wait()


@dataclass(frozen=True)
class _Counters:
    """CPU seconds so far of each replica, of this process, of each PostgreSQL backend.

    And of the whole machine, when it was read: what the rest (other programs, PostgreSQL's
    shared background processes, the kernel) took from the same cores.
    """

    replicas: list[float]
    load: float
    database: dict[int, float]
    machine: float = 0.0
    at: float = 0.0

    @staticmethod
    async def read(processes: list[asyncio.subprocess.Process], url: str) -> _Counters:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return _Counters(
            [_cpu_seconds(p.pid) for p in processes],
            usage.ru_utime + usage.ru_stime,
            await _backend_cpu(url),
            _machine_busy(),
            time.perf_counter(),
        )

    def since(self, earlier: _Counters) -> tuple[list[float], float, float | None]:
        """CPU seconds since ``earlier``: each replica's, this process's, PostgreSQL's."""
        replicas = [now - then for now, then in zip(self.replicas, earlier.replicas, strict=True)]
        database = (
            sum(c - earlier.database.get(pid, 0.0) for pid, c in self.database.items())
            if self.database
            else None
        )
        return replicas, self.load - earlier.load, database

    def others(self, earlier: _Counters) -> float:
        """Cores the rest of the machine kept busy since ``earlier``, on average."""
        replicas, load, database = self.since(earlier)
        ours = sum(replicas) + load + (database or 0.0)
        return max(self.machine - earlier.machine - ours, 0.0) / max(self.at - earlier.at, 1e-9)


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
    # The same three over the burst alone (replicas, load generator, PostgreSQL): at full load,
    # what bounds the throughput.
    burst_cpu: tuple[list[float], float, float | None]
    burst: int
    burst_others: float  # cores the rest of the machine kept busy during the burst
    load_average: float  # of this machine over the last minute, read at the end
    # The most PostgreSQL connections open at once: in all, and of each replica.
    connections: int = 0
    replica_connections: list[int] = field(default_factory=list)
    pool_connections: dict[str, int] = field(default_factory=dict)  # by application_name

    def per_update(self, seconds: float | None) -> str:
        """CPU ms per update, the figure that does not depend on what else runs."""
        return "?" if seconds is None else f"{1000 * seconds / max(self.updates, 1):.2f}"


async def _bench(database_url: str, replicas: int, burst: int, rate: float, seconds: float) -> Run:
    telegram = FakeTelegram()
    await telegram.start()
    name = f"bench_webhook_{os.getpid()}"
    url = await _fresh_database(database_url, name)
    ports = [_free_port() for _ in range(replicas)]
    processes = []
    # The replicas' own settings, but DATABASE_POOL_SIZE passes: the pool is a knob to measure.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "DATABASE_")) or k == "DATABASE_POOL_SIZE"
    }
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
    deliveries = Deliveries(ports)
    peaks = _ConnectionPeaks()
    sampler: asyncio.Task[None] | None = None
    try:
        async with aiohttp.ClientSession() as http:
            for port, process in zip(ports, processes, strict=True):
                await _wait_ready(http, port, process)
        sampler = asyncio.create_task(peaks.sample(url, processes))
        turn = itertools.count()
        sent_at: dict[int, float] = {}
        ids = itertools.count(1)
        citizens = itertools.count(9_000_000)
        # The update as Telegram sends it, its text encoded once per question.
        templates = [
            (
                '{"update_id":%d,"message":{"message_id":%d,"date":%d,'
                '"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,'
                '"first_name":"C","language_code":"es"},"text":' + json.dumps(question) + "}}"
            ).encode()
            for question in QUESTIONS
        ]

        async def deliver() -> None:
            update_id, chat = next(ids), next(citizens)
            body = templates[update_id % len(templates)] % (
                update_id,
                update_id,
                int(time.time()),
                chat,
                chat,
            )
            port = ports[next(turn) % len(ports)]
            sent_at[chat] = time.perf_counter()
            status = await deliveries.post(port, body)
            assert status == 200, status

        before = await _Counters.read(processes, url)
        # Warm-up: first requests open connections and fill caches.
        await asyncio.gather(*(deliver() for _ in range(20)))
        await _settle(telegram, sent_at, 15)
        warm = set(sent_at)

        # Throughput: a burst, 64 deliveries in flight at a time.
        burst_from = await _Counters.read(processes, url)
        started = time.perf_counter()
        queue = iter(range(burst))

        async def sender() -> None:
            for _ in queue:
                await deliver()

        await asyncio.gather(*(sender() for _ in range(64)))
        await _settle(telegram, sent_at, 30)
        burst_to = await _Counters.read(processes, url)
        burst_cpu = burst_to.since(burst_from)
        burst_others = burst_to.others(burst_from)
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
        cpu, load_cpu, database_cpu = (await _Counters.read(processes, url)).since(before)
        if peaks.replicas:  # once more, after the CPU was counted: the pools at their fullest
            peaks.scan_replicas(processes, make_url(url).port or 5432)
    finally:  # a failed run leaves no replica running, no scratch database behind
        if sampler is not None:
            sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sampler
        deliveries.close()
        await _stop(processes)
        await telegram.stop()
        await _on_server(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
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
        burst_cpu=burst_cpu,
        burst=len(burst_chats),
        burst_others=burst_others,
        load_average=os.getloadavg()[0],
        connections=peaks.total,
        replica_connections=peaks.replicas,
        pool_connections=peaks.pools,
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


def _ceiling(run: Run) -> float:
    """Updates/s the burst's CPU per update allows.

    A replica uses one core at most, and the replicas, the load generator and PostgreSQL share
    the machine's cores.
    """
    replicas, load, database = run.burst_cpu
    per_replicas = 1000 * sum(replicas) / max(run.burst, 1)
    per_load = 1000 * load / max(run.burst, 1)
    postgres = 0.0 if database is None else 1000 * database / max(run.burst, 1)
    return min(
        1000 * len(replicas) / per_replicas,
        1000 * (os.cpu_count() or 1) / (per_replicas + per_load + postgres),
    )


def main(
    database_url: str,
    replica_counts: list[int],
    burst: int = 1000,
    rate: float = 200.0,
    rounds: int = 1,
) -> tuple[str, bool]:
    """Run the benchmark for each replica count; return the report and whether targets were met.

    With ``rounds`` over 1 the counts run again and again, in turn forwards and backwards
    (1, 2, then 2, 1, …): other work on the machine comes and goes over a run's minute, and
    alternating spreads it over both counts; the ratio is then the median of the rounds'.
    """
    if not database_url.startswith("postgresql"):
        return "bench webhook needs DATABASE_URL on PostgreSQL (replicas share it)", False
    from bot.cli import run_served

    # The load generator plays Telegram and the proxy, which in production are not on the
    # replicas' machine: on the replicas' own loop (uvloop) it takes less of the shared cores.
    order = [replica_counts if n % 2 == 0 else replica_counts[::-1] for n in range(rounds)]
    by_round: list[dict[int, Run]] = [
        {count: run_served(_bench(database_url, count, burst, rate, 3.0)) for count in counts}
        for counts in order
    ]
    runs = [
        (number, round_runs[count])
        for number, round_runs in enumerate(by_round, 1)
        for count in replica_counts
    ]
    lines = [
        f"Webhook benchmark: {burst} updates in a burst (64 in flight), then {rate:.0f}/s for 3 s;"
        f" {os.cpu_count()} cores shared by the load generator, the replicas and PostgreSQL."
        + (f" {rounds} rounds, in turn {order[0]} and {order[1]}." if rounds > 1 else ""),
        "",
        "round  replicas  updates/s  p50 ms  p99 ms  (at /s)  lost  dup  CPU s per replica"
        "   load CPU s  PostgreSQL CPU s",
    ]
    for number, run in runs:
        cpu = " ".join(f"{c:5.1f}" for c in run.cpu)
        lines.append(
            f"{number:5d}  {run.replicas:8d}  {run.throughput:9.0f}  {run.p50_ms:6.1f}"
            f"  {run.p99_ms:6.1f}  {run.rate:7.0f}  {run.lost:4d}  {run.duplicated:3d}"
            f"  {cpu:18s}  {run.load_cpu:9.1f}"
            f"  {'?' if run.database_cpu is None else f'{run.database_cpu:.1f}':>16}"
        )
    lines += [
        "",
        "round  CPU ms per update   replicas  load generator  PostgreSQL"
        "   (load average at the end)",
    ]
    for number, run in runs:
        lines.append(
            f"{number:5d}  {run.replicas:8d} replica(s)  {run.per_update(sum(run.cpu)):>8}"
            f"  {run.per_update(run.load_cpu):>14}  {run.per_update(run.database_cpu):>10}"
            f"   ({run.load_average:.2f})"
        )
    lines += [
        "",
        "round  the burst alone, CPU ms per update: replicas  load generator  PostgreSQL"
        "  → CPU-bound ceiling updates/s   (cores busy with other work)",
    ]
    for number, run in runs:
        replicas, load, database = run.burst_cpu
        per = [1000 * seconds / max(run.burst, 1) for seconds in (sum(replicas), load)]
        postgres = None if database is None else 1000 * database / max(run.burst, 1)
        lines.append(
            f"{number:5d}  {run.replicas:8d} replica(s)  {per[0]:24.2f}  {per[1]:14.2f}"
            f"  {'?' if postgres is None else f'{postgres:.2f}':>10}  {_ceiling(run):11.0f}"
            f"   ({run.burst_others:.2f})"
        )
    lines += [
        "",
        "round  PostgreSQL connections, most at once: in all (pg_stat_activity)  per replica"
        "  by pool (application_name, all replicas)",
    ]
    for number, run in runs:
        each = " ".join(str(n) for n in run.replica_connections)
        pools = " ".join(f"{name} {n}" for name, n in sorted(run.pool_connections.items()))
        lines.append(
            f"{number:5d}  {run.replicas:8d} replica(s)  {run.connections:33d}  {each:11s}  {pools}"
        )
    met = all(run.lost == 0 and run.duplicated == 0 for _, run in runs)
    if sorted(replica_counts) == [1, 2]:
        pairs = [(r[1], r[2]) for r in by_round if r[1].throughput]
        ratios = [two.throughput / one.throughput for one, two in pairs]
        ceilings = [_ceiling(two) / _ceiling(one) for one, two in pairs]
        if ratios:
            shown = " / ".join(f"{ratio:.2f}" for ratio in ratios)
            lines.append(
                f"\ntwo replicas / one: {shown}×"
                + (f", median {statistics.median(ratios):.2f}×" if len(ratios) > 1 else "")
                + " (target ≥ 1.3×); their CPU-bound ceilings: "
                + " / ".join(f"{ceiling:.2f}" for ceiling in ceilings)
                + "×"
                + (f", median {statistics.median(ceilings):.2f}×" if len(ceilings) > 1 else "")
            )
    return "\n".join(lines), met
