"""The update inbox: a delivery handled once, one chat in order across replicas, others at once."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

import asyncpg
import pytest
from sqlalchemy import bindparam, select, text

from bot.db import Database, PoolBudget
from bot.models import TelegramUpdate, utcnow
from bot.services.updates import UpdateInbox


@pytest.fixture
async def db(database_url: str):
    database = Database(database_url)
    await database.upgrade()
    yield database
    await database.dispose()


async def test_a_repeated_delivery_is_stored_once_and_handled_once(db: Database):
    inbox = UpdateInbox(db)
    ran: list[str] = []

    async def work(payload: str) -> None:
        ran.append(payload)

    assert await inbox.accept(1, 10, '{"update_id": 1}') is True
    assert await inbox.accept(1, 10, '{"update_id": 1}') is False
    assert await inbox.handle(1, 10, work) is True
    assert await inbox.handle(1, 10, work) is False  # a sweep or a late retry: nothing again
    assert ran == ['{"update_id": 1}']
    assert await inbox.stale(older_than=-60) == []
    await inbox.dispose()


async def test_a_failing_handler_does_not_make_the_update_loop(db: Database):
    inbox = UpdateInbox(db)

    async def broken(payload: str) -> None:
        raise RuntimeError("boom")

    await inbox.accept(2, 10, "{}")
    assert await inbox.handle(2, 10, broken) is True
    assert await inbox.stale(older_than=-60) == []
    await inbox.dispose()


async def test_an_update_left_unhandled_is_found_by_the_sweep_and_old_rows_are_purged(
    db: Database,
):
    inbox = UpdateInbox(db)
    await inbox.accept(3, 11, "{}")
    assert await inbox.stale(older_than=60) == []  # too recent: its receiver may be on it
    (pending,) = await inbox.stale(older_than=-1)
    assert (pending.update_id, pending.chat_id) == (3, 11)
    assert await inbox.purge(now=utcnow()) == 0
    assert await inbox.purge(now=utcnow() + dt.timedelta(days=1, minutes=1)) == 1
    await inbox.dispose()


async def test_one_chat_in_order_across_two_replicas_and_other_chats_at_the_same_time(
    database_url: str, db: Database
):
    # Two inboxes on two engines: two replicas. On SQLite the lock is per process only, so the
    # cross-replica half holds on PostgreSQL; one process is always in order.
    replicas = [UpdateInbox(db), UpdateInbox(Database(database_url))]
    cross = not db.is_sqlite
    running: dict[int, int] = {}
    most: dict[int, int] = {}
    order: list[int] = []
    overlapped: list[bool] = []  # both chats were being handled at one moment

    def worker(update_id: int, chat: int):
        async def work(payload: str) -> None:
            running[chat] = running.get(chat, 0) + 1
            most[chat] = max(most.get(chat, 0), running[chat])
            order.append(update_id)
            overlapped.append(running.get(20, 0) > 0 and running.get(21, 0) > 0)
            await asyncio.sleep(0.05)
            running[chat] -= 1

        return work

    async def nothing(payload: str) -> None:
        pass

    for warm_up, inbox in enumerate(replicas):  # connect first
        await inbox.accept(90 + warm_up, 99, "{}")
        await inbox.handle(90 + warm_up, 99, nothing)
    jobs = []
    for update_id in range(100, 106):
        chat = 20 if update_id < 103 else 21
        await replicas[0].accept(update_id, chat, "{}")
        inbox = replicas[update_id % 2 if cross else 0]
        jobs.append(inbox.handle(update_id, chat, worker(update_id, chat)))
    await asyncio.gather(*jobs)
    assert most == {20: 1, 21: 1}, "two updates of one chat ran at the same time"
    if cross:  # within one replica, arrival order; across replicas, who took the lock first
        assert [u for u in order if u in (100, 102)] == [100, 102]
        assert [u for u in order if u in (103, 105)] == [103, 105]
    else:
        assert [u for u in order if u < 103] == [100, 101, 102]
        assert [u for u in order if u >= 103] == [103, 104, 105]
    # Measured by overlap, not by the clock: a loaded machine slows both ways alike.
    assert any(overlapped), "the two chats did not run concurrently"
    for inbox in replicas:
        await inbox.dispose()
    await replicas[1].db.dispose()


def test_the_pool_size_is_shared_out_whole_and_has_a_floor():
    for total in (4, 5, 12, 20, 33, 100):
        pools = PoolBudget(total)
        assert pools.claims + pools.statements + pools.sessions == total
        assert min(pools.claims, pools.statements) >= 1 and pools.sessions >= 2
    assert (PoolBudget().claims, PoolBudget().statements, PoolBudget().sessions) == (6, 5, 9)
    with pytest.raises(ValueError, match="4 at least"):
        PoolBudget(3)


async def test_a_replica_never_opens_more_than_its_pool_size_and_waits_when_busy(
    database_url: str,
):
    if not database_url.startswith("postgresql"):
        pytest.skip("connection pools are PostgreSQL's")
    # 1 claim, 1 statement, 2 sessions: every update holds the one claim while its handler
    # reads, writes in a session and records a reply on the other pools, as handlers do.
    db = Database(database_url, pool_size=4)
    await db.upgrade()
    inbox = UpdateInbox(db)
    assert inbox.concurrency == 1
    watcher = await asyncpg.connect(db.driver.dsn if db.driver else "")
    watching = asyncio.Lock()  # one statement at a time on the watcher's connection
    most = 0

    async def opened() -> int:
        async with watching:
            count = await watcher.fetchval(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE application_name LIKE 'asistente:%' AND datname = current_database()"
            )
        return int(count)

    read = select(TelegramUpdate.__table__.c.update_id).where(  # type: ignore[attr-defined]
        TelegramUpdate.__table__.c.update_id == bindparam("id")  # type: ignore[attr-defined]
    )

    def worker(update_id: int):
        async def work(payload: str) -> None:
            nonlocal most
            assert await db.read_first(read, {"id": update_id}) == (update_id,)
            async with db.session() as session:
                await session.exec(text("SELECT pg_sleep(0.005)"))
            await inbox.record_reply(update_id, 0, "sendMessage", str(update_id), "true")
            most = max(most, await opened())

        return work

    async def busy_session() -> None:
        nonlocal most
        async with db.session() as session:
            await session.exec(text("SELECT pg_sleep(0.01)"))
        most = max(most, await opened())

    ids = range(500, 530)
    await asyncio.gather(*(inbox.accept(n, n, "{}") for n in ids))
    try:
        results = await asyncio.gather(
            *(inbox.handle(n, n, worker(n)) for n in ids),
            *(busy_session() for _ in range(20)),
            *(db.read(read, {"id": n}) for n in ids),
        )
        assert results[: len(ids)] == [True] * len(ids), "every update handled, none refused"
        assert 3 <= most <= 4, most
    finally:
        await watcher.close()
        await inbox.dispose()
        await db.dispose()


async def test_the_start_tells_what_a_process_may_open_against_what_the_server_allows(
    database_url: str,
):
    if not database_url.startswith("postgresql"):
        assert await Database(database_url).connection_budget() is None
        return
    fits, too_many = Database(database_url), Database(database_url, pool_size=500, claims=False)
    try:
        level, line = await fits.connection_budget() or (0, "")
        assert level == logging.INFO
        assert "at most 20 connections (DATABASE_POOL_SIZE: 6 for updates being handled" in line
        assert "the server allows" in line and "max_connections" in line
        level, line = await too_many.connection_budget() or (0, "")
        assert level == logging.WARNING and "lower DATABASE_POOL_SIZE" in line
        assert "handled" not in line, "polling: no share for claims"
    finally:
        await fits.dispose()
        await too_many.dispose()
