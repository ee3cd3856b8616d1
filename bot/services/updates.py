"""Webhook deliveries in the database: each update handled once, one chat's updates in order.

Any replica may receive any update, and Telegram retries a delivery it thinks failed. So a
delivery is first stored by ``update_id`` (a repeat finds the row and stops there), and only
then answered 200. Handling happens in one transaction of its own connection that

1. waits for the chat's advisory lock (``pg_advisory_xact_lock(chat_id)``): updates of one chat
   run one at a time across every replica, different chats at once;
2. marks the update's row handled with its payload cleared (no text stays), unless it is handled
   already, in the same statement (an UPDATE, which locks the row; a retake's claim, which needs
   the payload back, locks it with ``FOR UPDATE SKIP LOCKED`` first);
3. runs the handlers, then commits: only then does anybody else see the mark.

On PostgreSQL these statements go straight to asyncpg on a small pool of the inbox's own: they
run for every update, and SQLAlchemy's layers cost more CPU than the statements themselves. The
transaction's BEGIN travels with the claim (one round trip, the statement prepared once per
connection), then the COMMIT, which does not wait for the disk (see ``_BEGIN`` for why nothing
is lost).

A replica killed mid-update rolls that transaction back: the row stays unhandled and any replica's
sweep (:meth:`UpdateInbox.stale`) takes it again. Rows are kept a day, then purged.

On SQLite (one process) the locks are per process only, which is all one process needs.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import asyncpg
from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col

from bot.db import Database, DriverPool
from bot.models import TelegramUpdate, UpdateReply, utcnow

logger = logging.getLogger(__name__)

KEEP = dt.timedelta(days=1)
TABLE = TelegramUpdate.__table__  # type: ignore[attr-defined]
REPLIES = UpdateReply.__table__  # type: ignore[attr-defined]


# The chat's lock, the row's and the mark in one statement. Whichever lock PostgreSQL takes
# first, an update runs only while its transaction holds both: the row lock (SKIP LOCKED: handled
# elsewhere right now) and the chat's advisory lock (the chat's other updates wait). A row lock
# sees the row's latest committed version, so an update handled meanwhile is found handled. The
# row is marked handled (payload cleared) in the same statement, inside the handling's
# transaction: nobody sees the mark before the COMMIT that follows the handlers, and a replica
# killed before it rolls the mark back with the rest (the row stays unhandled, its payload kept).
_CLAIM_WHERE = (
    "telegram_update.update_id = {id} AND telegram_update.handled_at IS NULL"
    " AND telegram_update.payload IS NOT NULL FOR UPDATE OF telegram_update SKIP LOCKED"
)
_CHAT_LOCK = "(SELECT pg_advisory_xact_lock({chat})) AS chat_lock, "
_CLAIM_AND_MARK = (
    "UPDATE telegram_update SET handled_at = {now}, payload = NULL FROM"
    " (SELECT telegram_update.update_id, telegram_update.payload FROM {lock}telegram_update"
    " WHERE " + _CLAIM_WHERE + ") AS claimed"
    " WHERE telegram_update.update_id = claimed.update_id RETURNING claimed.payload"
)
# The receiver's claim, which needs no payload back: a plain UPDATE of the row, the chat's lock
# taken in its last condition. PostgreSQL checks the cheap conditions first (the function's cost
# is the highest), so the lock is taken only for a row found unhandled, and an UPDATE locks the
# row itself: no row lock of its own to write to the WAL first, no join (the statement above
# locks the row, then updates it: two tuple writes). Any other claim of the same update holds
# the same chat's lock, so it cannot be holding the row meanwhile: SKIP LOCKED has nothing to
# skip. While it waits for the lock, the row may be marked by a claim that then commits: the
# UPDATE then re-reads the row's latest version and finds it handled (READ COMMITTED's recheck),
# so an update is still taken once.
_CLAIM_CHAT_AND_MARK = (
    "UPDATE telegram_update SET handled_at = $3, payload = NULL"
    " WHERE update_id = $1 AND handled_at IS NULL AND payload IS NOT NULL"
    " AND pg_advisory_xact_lock($2) IS NOT NULL"
)
# The claims of every update, prepared once on each of the inbox's connections (planned once,
# not at every update: a third of PostgreSQL's CPU per update). They run as EXECUTE inside a
# simple query, so BEGIN travels with the claim: one round trip; the status says whether the
# row was taken ("UPDATE 1"). A retake, which has only the id, gets the payload back from
# _CLAIM_AND_MARK instead.
_PREPARED = {
    "claim_chat_update (bigint, bigint, timestamp)": _CLAIM_CHAT_AND_MARK,
    "claim_update (bigint, timestamp)": _CLAIM_AND_MARK.format(now="$2", lock="", id="$1"),
}
_PREPARE = "; ".join(f"PREPARE {name} AS {body}" for name, body in _PREPARED.items())
# The handling's commit does not wait for the disk: synchronous_commit is off on the inbox's
# own connections, set when each connects (no SET statement at every update). They run nothing
# but the claims and their commits, never the accept nor a reply's record. The mark is visible
# to every replica at once and on disk within 3 × wal_writer_delay (0.6 s), sooner when any
# later commit (the next delivery's accept) flushes. What a crash of PostgreSQL itself could
# lose in that moment is the mark alone: the update is then taken again, as after a replica
# killed between its reply and the commit. The update's own writes (a proposal, the citizen's
# row) commit on other connections and wait for the disk as always; so does the accept, which
# Telegram's 200 relies on. It saves PostgreSQL a WAL flush per update.
_BEGIN = "BEGIN; "
_CLAIMS_SETTINGS = {"synchronous_commit": "off"}
_ACCEPT_SQL = (
    "INSERT INTO telegram_update (update_id, chat_id, payload, received_at)"
    " VALUES ($1, $2, $3, $4) ON CONFLICT (update_id) DO NOTHING"
)
_RECORD_SQL = (
    "INSERT INTO update_reply (update_id, position, method, chat_id, result, recorded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (update_id, position) DO NOTHING"
)


def _begin_and_claim(update_id: int, chat_id: int | None, now: dt.datetime) -> str:
    # Only integers and the time are put in the text.
    at = f"'{now.isoformat(sep=' ')}'"
    if chat_id is None:
        return f"{_BEGIN}EXECUTE claim_update({int(update_id)}, {at})"
    return f"{_BEGIN}EXECUTE claim_chat_update({int(update_id)}, {int(chat_id)}, {at})"


async def _prepare(connection: asyncpg.Connection) -> None:
    await connection.execute(_PREPARE)


def _naive_now() -> dt.datetime:
    # The columns hold UTC without a zone (UTCDateTime); asyncpg takes it as it is stored.
    return utcnow().replace(tzinfo=None)


_STORED = ("update_id", "chat_id", "payload", "received_at")
_REPLY_FIELDS = ("update_id", "position", "method", "chat_id", "result", "recorded_at")
_REPLIES_OF = select(
    REPLIES.c.position, REPLIES.c.method, REPLIES.c.chat_id, REPLIES.c.result
).where(REPLIES.c.update_id == bindparam("id"))
_MARK_HANDLED = (
    update(TABLE)
    .where(TABLE.c.update_id == bindparam("id"))
    .values(handled_at=bindparam("now"), payload=None)
)


@dataclass(frozen=True)
class Reply:
    """A Bot API call Telegram accepted for an update (see :class:`bot.models.UpdateReply`)."""

    method: str
    chat_id: str | None
    result: str


@dataclass(frozen=True)
class Pending:
    """An update stored but not handled yet."""

    update_id: int
    chat_id: int | None


class UpdateInbox:
    """Store deliveries by ``update_id`` and handle each once, in order per chat."""

    def __init__(self, db: Database, concurrency: int | None = None) -> None:
        self.db = db
        # How many updates are handled at once: the database's share for claims by default.
        self.concurrency = concurrency or db.pools.claims
        # Each handling in progress holds its chat's lock on a connection of its own, from a
        # pool apart from the handlers' (which keeps theirs free: no pool deadlock) and exactly
        # as large as the updates handled at once. A delivery stored and a reply's record are
        # one statement each, on the database's pool for those (db.driver): they never wait
        # behind a handling.
        self._driver = (
            None
            if db.is_sqlite
            else DriverPool(
                db.url,
                self.concurrency,
                _prepare,
                name="asistente:claims",
                settings=_CLAIMS_SETTINGS,
            )
        )
        # Built once: SQLAlchemy then finds the compiled form by the statement's cache key.
        self._accept = (
            db.insert(TABLE)
            .values({name: bindparam(name) for name in _STORED})
            .on_conflict_do_nothing(index_elements=["update_id"])
        )
        self._record_reply = (
            db.insert(REPLIES)
            .values({name: bindparam(name) for name in _REPLY_FIELDS})
            .on_conflict_do_nothing(index_elements=["update_id", "position"])
        )
        self._slots = asyncio.Semaphore(self.concurrency)
        # Updates of one chat wait here, in arrival order, without holding a slot or a connection.
        self._turns: dict[int, tuple[asyncio.Lock, list[int]]] = {}

    async def accept(self, update_id: int, chat_id: int | None, payload: str) -> bool:
        """Store a delivery; False when this ``update_id`` was stored before (a retry)."""
        if self._driver is None:
            values = {"update_id": update_id, "chat_id": chat_id, "payload": payload}
            async with self.db.autocommit.connect() as connection:
                result = await connection.execute(self._accept, values | {"received_at": utcnow()})
            return bool(result.rowcount)
        # One statement, one round trip: it needs no transaction around it.
        assert self.db.driver is not None
        async with self.db.driver.connection() as connection:
            status = await connection.execute(
                _ACCEPT_SQL, update_id, chat_id, payload, _naive_now()
            )
        return bool(status == "INSERT 0 1")

    @asynccontextmanager
    async def _turn(self, chat_id: int | None) -> AsyncIterator[None]:
        if chat_id is None:
            yield
            return
        lock, waiting = self._turns.setdefault(chat_id, (asyncio.Lock(), []))
        waiting.append(1)
        try:
            async with lock:
                yield
        finally:
            waiting.pop()
            if not waiting:
                del self._turns[chat_id]

    async def handle(
        self,
        update_id: int,
        chat_id: int | None,
        work: Callable[[str], Awaitable[None]],
        payload: str | None = None,
    ) -> bool:
        """Run ``work(payload)`` unless the update was handled already; True when it ran.

        ``payload`` is the update as received, when the caller has it (not a retake): the
        claim then need not bring it back.
        """
        async with self._turn(chat_id), self._slots:
            if self._driver is None:
                return await self._handle_sqlite(update_id, work)
            async with self._driver.connection() as connection:
                now = _naive_now()
                if payload is not None:
                    claim = _begin_and_claim(update_id, chat_id, now)
                    taken = await connection.execute(claim) == "UPDATE 1"
                else:  # a retake: the payload comes back with the claim
                    await connection.execute(_BEGIN)
                    lock = "" if chat_id is None else _CHAT_LOCK.format(chat=int(chat_id))
                    retake = _CLAIM_AND_MARK.format(now="$2", lock=lock, id="$1")
                    payload = await connection.fetchval(retake, update_id, now)
                    taken = payload is not None
                if not taken:
                    await connection.execute("ROLLBACK")
                    return False
                assert payload is not None
                await self._run(update_id, work, payload)
                await connection.execute("COMMIT")
            return True

    async def _handle_sqlite(self, update_id: int, work: Callable[[str], Awaitable[None]]) -> bool:
        async with self.db.engine.begin() as connection:
            row = (
                await connection.execute(
                    select(TABLE.c.payload).where(
                        TABLE.c.update_id == update_id, TABLE.c.handled_at.is_(None)
                    )
                )
            ).first()
        if row is None or row.payload is None:
            return False
        await self._run(update_id, work, row.payload)
        async with self.db.engine.begin() as connection:
            await self._mark_handled(connection, update_id)
        return True

    @staticmethod
    async def _run(update_id: int, work: Callable[[str], Awaitable[None]], payload: str) -> None:
        try:
            await work(payload)
        except asyncio.CancelledError:
            raise  # shutting down: the row stays unhandled and another replica takes it
        except Exception:
            # Handlers report their own errors; a failure here must not make the update loop.
            logger.exception("update %d failed; not retried", update_id)

    @staticmethod
    async def _mark_handled(connection: AsyncConnection, update_id: int) -> None:
        await connection.execute(_MARK_HANDLED, {"id": update_id, "now": utcnow()})

    async def record_reply(
        self, update_id: int, position: int, method: str, chat_id: str | None, result: str
    ) -> None:
        """Record that Telegram accepted this update's ``position``-th call (committed at once)."""
        values = {
            "update_id": update_id,
            "position": position,
            "method": method,
            "chat_id": chat_id,
            "result": result,
            "recorded_at": utcnow(),
        }
        if self._driver is None:
            async with self.db.autocommit.connect() as connection:
                await connection.execute(self._record_reply, values)
            return
        values["recorded_at"] = _naive_now()
        assert self.db.driver is not None
        async with self.db.driver.connection() as connection:
            await connection.execute(_RECORD_SQL, *values.values())

    async def replies(self, update_id: int) -> dict[int, Reply]:
        """The calls recorded for an update by an earlier attempt, by position."""
        rows = await self.db.read(_REPLIES_OF, {"id": update_id})
        return {position: Reply(method, chat, result) for position, method, chat, result in rows}

    async def stale(self, older_than: float = 10.0, limit: int = 100) -> list[Pending]:
        """Updates received over ``older_than`` seconds ago and still unhandled, oldest first."""
        cutoff = utcnow() - dt.timedelta(seconds=older_than)
        async with self.db.engine.connect() as connection:
            rows = await connection.execute(
                select(TABLE.c.update_id, TABLE.c.chat_id)
                .where(TABLE.c.handled_at.is_(None), TABLE.c.received_at < cutoff)
                .order_by(TABLE.c.update_id)
                .limit(limit)
            )
            return [Pending(row.update_id, row.chat_id) for row in rows]

    async def purge(self, now: dt.datetime | None = None) -> int:
        """Forget deliveries older than a day (Telegram stops retrying long before)."""
        cutoff = (now or utcnow()) - KEEP
        async with self.db.engine.begin() as connection:
            result = await connection.execute(
                delete(TABLE).where(col(TelegramUpdate.received_at) < cutoff)
            )
            await connection.execute(delete(REPLIES).where(REPLIES.c.recorded_at < cutoff))
        return int(result.rowcount or 0)

    async def dispose(self) -> None:
        """Close the inbox's connections."""
        if self._driver is not None:
            await self._driver.close()
