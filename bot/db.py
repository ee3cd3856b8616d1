"""The async database: engine, sessions and schema migrations (Alembic)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
from alembic import command
from alembic.config import Config
from sqlalchemy import Select, Table, event, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Two-key advisory locks never clash with the one-key (chat id) locks of bot.services.updates.
MIGRATION_LOCK = {"a": 0x4741, "b": 1}


def alembic_config(url: str | None = None) -> Config:
    """Return an Alembic configuration that needs no alembic.ini on disk."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


# A connection that failed or broke; with asyncpg's own errors (DriverPool has no SQLAlchemy
# around it) for a server that went away, is restarting or is full.
_UNREACHABLE = (
    OSError,
    TimeoutError,
    InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
)


def is_unreachable(error: BaseException | None) -> bool:
    """Whether ``error`` (or what caused it) says the database cannot be reached right now.

    Connection refused, timeouts, a dropped connection, a locked SQLite file — as opposed to
    the database refusing one row or statement.
    """
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, _UNREACHABLE):
            return True
        if isinstance(error, OperationalError):
            return "constraint" not in str(error).lower()
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


PING_IDLE_SECONDS = 10.0
DEFAULT_POOL_SIZE = 20  # Settings.database_pool_size
MIN_POOL_SIZE = 4
# How long a session waits for a connection when all of its share are in use, before it fails.
SESSION_WAIT_SECONDS = 30.0


@dataclass(frozen=True)
class PoolBudget:
    """How one process's PostgreSQL connections (``DATABASE_POOL_SIZE``) are shared out.

    Three pools, never more than ``total`` connections open together, and each waits for one
    of its own to come free instead of opening more:

    * ``claims``: the webhook inbox's, one per update being handled (it holds the chat's lock
      for the handling's transaction), so also how many updates a replica handles at once;
    * ``statements``: one short statement each (a delivery stored, a per-update read, a
      reply's record), straight to asyncpg: a few connections serve hundreds a second;
    * ``sessions``: SQLAlchemy's, for everything else (a handler's writes, the outbox, the
      question log, the panel).

    They are apart so that none waits for another's: an update being handled holds its claim
    while its handlers read and write on the other two. Polling needs no claims: there the
    sessions get that share too.
    """

    total: int = DEFAULT_POOL_SIZE

    def __post_init__(self) -> None:
        if self.total < MIN_POOL_SIZE:
            raise ValueError(f"a pool of {self.total} is too small: {MIN_POOL_SIZE} at least")

    @property
    def claims(self) -> int:
        """Connections for the updates being handled (webhook mode)."""
        return max(1, self.total // 3)

    @property
    def statements(self) -> int:
        """Connections for the short statements straight to asyncpg."""
        return max(1, self.total // 4)

    @property
    def sessions(self) -> int:
        """Connections for SQLAlchemy's sessions."""
        return self.total - self.claims - self.statements

    def describe(self, claims: bool = True) -> str:
        """The shares in words, for the startup log (``claims``: as in :class:`Database`)."""
        if not claims:
            sessions = self.total - self.statements
            return f"{self.statements} for short statements, {sessions} for sessions"
        return (
            f"{self.claims} for updates being handled, {self.statements} for short statements,"
            f" {self.sessions} for sessions"
        )


def ping_when_idle(engine: AsyncEngine, idle: float = PING_IDLE_SECONDS) -> None:
    """Check a pooled connection before use only when it sat idle for ``idle`` seconds.

    SQLAlchemy's ``pool_pre_ping`` checks at every checkout, and on asyncpg a check is three
    round trips (BEGIN, an empty statement, ROLLBACK): more than the update's own work. A
    connection in steady use is known to work; one that sat idle may have been cut (a database
    restart, a proxy's timeout) and is replaced before anyone uses it.
    """
    pool = engine.sync_engine.pool

    def checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < idle:
            return
        try:
            dbapi_connection.ping()
        except Exception as error:  # the pool discards it and connects afresh
            raise DisconnectionError() from error

    event.listen(pool, "checkin", checkin)
    event.listen(pool, "checkout", checkout)


async def _reset(connection: asyncpg.Connection) -> None:
    # asyncpg's default reset is a round trip at every release (RESET ALL, UNLISTEN…); these
    # connections change no session state, so only an open transaction needs undoing.
    if connection.is_in_transaction():
        await connection.execute("ROLLBACK")


class DriverPool:
    """asyncpg connections without SQLAlchemy, for the few statements every update runs.

    SQLAlchemy's checkout, compilation cache and result layers cost more CPU than such a
    statement itself. Connections are checked like the engine's (:func:`ping_when_idle`): only
    after sitting idle; the pool opens on first use (it needs the running loop). ``init`` runs
    on each new connection (to prepare the statements its users run by name, say).
    """

    def __init__(
        self,
        url: str,
        max_size: int,
        init: Callable[[asyncpg.Connection], Awaitable[None]] | None = None,
        name: str = "asistente",
        settings: Mapping[str, str] | None = None,
    ) -> None:
        """``settings``: server settings of every connection (sent at connect, no statement)."""
        self.dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
        self.max_size = max_size
        self.name = name  # application_name: pg_stat_activity tells the pools apart
        self.settings = dict(settings or {})
        self._init = init
        self._pool: asyncpg.Pool | None = None
        self._opening: asyncio.Lock | None = None
        self._last_used: dict[int, float] = {}

    async def _open(self) -> asyncpg.Pool:
        self._opening = self._opening or asyncio.Lock()
        async with self._opening:
            if self._pool is None:
                # At most max_size connections: past that, acquire waits for one to come free.
                self._pool = await asyncpg.create_pool(
                    self.dsn,
                    min_size=1,
                    max_size=self.max_size,
                    reset=_reset,
                    init=self._init,
                    server_settings={"application_name": self.name, **self.settings},
                )
            return self._pool

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        """A pooled connection, outside any transaction unless the caller begins one."""
        pool = self._pool or await self._open()
        for attempt in (1, 2):
            async with pool.acquire() as connection:
                key = connection.get_server_pid()
                idle = time.monotonic() - self._last_used.get(key, time.monotonic())
                if idle > PING_IDLE_SECONDS and attempt == 1:
                    try:  # idle a while: a proxy or a restart may have cut it
                        await connection.execute("SELECT 1")
                    except (OSError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError):
                        connection.terminate()  # the pool connects afresh
                        continue
                try:
                    yield connection
                finally:
                    self._last_used[key] = time.monotonic()
                return

    async def close(self) -> None:
        """Close every connection."""
        if self._pool is not None:
            await self._pool.close()
            self._pool = None


class Database:
    """One engine and its session factory."""

    def __init__(
        self,
        url: str,
        *,
        echo: bool = False,
        pool_size: int = DEFAULT_POOL_SIZE,
        claims: bool = True,
    ) -> None:
        """``pool_size``: the most PostgreSQL connections this process opens (see
        :class:`PoolBudget`); ``claims``: whether the webhook inbox takes its share (without
        it, polling, the sessions do).
        """
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.pools = PoolBudget(pool_size)
        self.claims = claims
        sessions = self.pools.sessions + (0 if claims else self.pools.claims)
        options: dict[str, Any] = {"echo": echo}
        if not self.is_sqlite:
            # A fixed share: when every connection is in use a checkout waits for one (up to
            # SESSION_WAIT_SECONDS) instead of opening more; no overflow opened and closed at
            # each checkout either (a few ms apiece).
            options.update(
                pool_size=sessions,
                max_overflow=0,
                pool_timeout=SESSION_WAIT_SECONDS,
                connect_args={"server_settings": {"application_name": "asistente:sessions"}},
            )
        self.engine: AsyncEngine = create_async_engine(url, **options)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _enable_sqlite_pragmas)
        else:
            ping_when_idle(self.engine)
        # One statement that needs no transaction (a read, an insert that stands alone): on
        # PostgreSQL a transaction costs a BEGIN and a COMMIT round trip of its own.
        self.autocommit: AsyncEngine = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self.sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self._file = parsed.database if self.is_sqlite and parsed.database != ":memory:" else None
        self._reader: sqlite3.Connection | None = None
        self._compiled: dict[int, tuple[Select[Any], str, tuple[str, ...]]] = {}
        self.driver = (
            None
            if self.is_sqlite
            else DriverPool(url, self.pools.statements, name="asistente:statements")
        )

    def insert(self, table: Table) -> Any:
        """An INSERT for this database's dialect (both know ``on_conflict_do_nothing``)."""
        return sqlite_insert(table) if self.is_sqlite else pg_insert(table)

    async def read_first(
        self, statement: Select[Any], params: Mapping[str, Any]
    ) -> tuple[Any, ...] | None:
        """Return the first row of a small read by index (plain columns), or None.

        The per-update reads go here: on SQLite a point read by index takes ~10 µs in this
        thread, a tenth of handing it to aiosqlite's thread and back, so it runs on a
        connection of its own in autocommit (every statement sees what is committed now) that
        never waits for a lock: when the file is busy it goes through the pool instead. On
        PostgreSQL it is one statement straight to asyncpg (:class:`DriverPool`), outside any
        transaction. Result values are as the driver returns them (no type conversion: read
        ints and strings).
        """
        rows = await self.read(statement, params, limit=1)
        return rows[0] if rows else None

    async def read(
        self, statement: Select[Any], params: Mapping[str, Any], *, limit: int | None = None
    ) -> list[tuple[Any, ...]]:
        """Return the rows of a small read by index (see :meth:`read_first`)."""
        if self._file is not None:
            with contextlib.suppress(sqlite3.OperationalError):
                sql, names = self._compile(statement)
                cursor = self._sqlite_reader().execute(sql, [params[n] for n in names])
                found = cursor.fetchmany(limit) if limit else cursor.fetchall()
                cursor.close()
                return [tuple(row) for row in found]
        if self.driver is not None:
            sql, names = self._compile(statement)
            async with self.driver.connection() as raw:
                records = await raw.fetch(sql, *[params[n] for n in names])
            return [tuple(row) for row in (records[:limit] if limit else records)]
        async with self.autocommit.connect() as connection:
            result = await connection.execute(statement, dict(params))
            rows = result.fetchmany(limit) if limit else result.fetchall()
        return [tuple(row) for row in rows]

    async def first_row(self, sql: str, *args: Any) -> tuple[Any, ...] | None:
        """PostgreSQL only: run one statement that stands alone (autocommit); its first row.

        For the few per-update statements SQLAlchemy cannot say as cheaply; the caller passes
        values as the driver takes them (naive UTC datetimes, as the columns hold them).
        """
        if self.driver is None:
            raise RuntimeError("first_row needs PostgreSQL")
        async with self.driver.connection() as raw:
            row = await raw.fetchrow(sql, *args)
        return None if row is None else tuple(row)

    def _compile(self, statement: Select[Any]) -> tuple[str, tuple[str, ...]]:
        known = self._compiled.get(id(statement))
        if known is None or known[0] is not statement:
            compiled = statement.compile(dialect=self.engine.dialect)
            known = (statement, compiled.string, tuple(compiled.positiontup or ()))
            self._compiled[id(statement)] = known
        return known[1], known[2]

    def _sqlite_reader(self) -> sqlite3.Connection:
        if self._reader is None:
            assert self._file is not None
            # timeout=0: a busy file raises at once (the caller falls back) instead of
            # blocking the event loop; query_only: this connection can never write.
            reader = sqlite3.connect(self._file, timeout=0, isolation_level=None)
            reader.execute("PRAGMA query_only=ON")
            self._reader = reader
        return self._reader

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """Open a session; commit is the caller's job, rollback happens on error."""
        async with self.sessions() as session:
            yield session

    async def upgrade(self) -> None:
        """Apply every pending migration, once even when several replicas start together."""

        def run(connection: Connection) -> None:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

        async with self.engine.begin() as connection:
            if not self.is_sqlite:
                # The others wait here, then find nothing left to do; released at commit.
                await connection.execute(
                    text("SELECT pg_advisory_xact_lock(:a, :b)"), MIGRATION_LOCK
                )
            await connection.run_sync(run)

    async def connection_budget(self) -> tuple[int, str] | None:
        """What this process may open against what the server allows: a log level and line.

        None on SQLite. A warning when the server's free connections (``max_connections``
        less those kept for superusers and those open now) are fewer than this process may
        open: then a replica, the panel or a migration may be refused one.
        """
        if self.is_sqlite:
            return None
        async with self.autocommit.connect() as connection:
            row = (
                await connection.execute(
                    text(
                        "SELECT current_setting('max_connections')::int,"
                        " current_setting('superuser_reserved_connections')::int,"
                        " (SELECT count(*) FROM pg_stat_activity"
                        " WHERE backend_type = 'client backend')"
                    )
                )
            ).one()
        allowed, reserved, open_now = (int(value) for value in row)
        line = (
            f"PostgreSQL: this process opens at most {self.pools.total} connections"
            f" (DATABASE_POOL_SIZE: {self.pools.describe(self.claims)}), each pool waiting when"
            f" its share is in use; the server allows {allowed} (max_connections, {reserved} kept"
            f" for superusers), {open_now} open now"
        )
        if open_now + self.pools.total > allowed - reserved:
            return logging.WARNING, line + (
                ": not enough left for this process; lower DATABASE_POOL_SIZE (replicas × pool"
                " ≤ max_connections − headroom) or raise max_connections"
            )
        return logging.INFO, line

    async def dispose(self) -> None:
        """Close every pooled connection."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self.driver is not None:
            await self.driver.close()
        await self.engine.dispose()
