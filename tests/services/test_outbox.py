"""The notification outbox against a fake Bot API that fails like Telegram does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from bot.app import telegram_sender
from bot.context import build_services
from bot.models import Citizen, Notification, utcnow
from bot.services.notifications import NotificationOutbox
from tests.conftest import harness_for, make_settings, shared_answers
from tests.fakes.bot_api import BotApiError

CITIZENS = [5_660_001, 5_660_002, 5_660_003]


@pytest.fixture
async def world(tmp_path: Path, database_url: str):
    """A running application (no background worker) with three citizens following c03."""
    settings = make_settings(tmp_path, database_url)
    application, bot = await harness_for(settings, deliver_notifications=False)
    for user_id in CITIZENS:
        citizen = await bot.services.citizens.identify(user_id, user_id)
        await bot.services.plans.follow(citizen.id, "paga-1-c03")
    yield application, bot, settings
    from bot.app import shutdown

    await shutdown(application)
    await application.shutdown()


async def statuses(services) -> dict[str, int]:
    async with services.db.session() as session:
        rows = list(await session.exec(select(Notification)))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


def delivered_to(bot) -> list[int]:
    return sorted(int(c.params["chat_id"]) for c in bot.api.delivered() if "Novedad" in c.text)


async def record(bot, note: str = "La plataforma está en línea") -> int:
    _, followers = await bot.services.plans.record_update(
        "paga-1-c03", "complete", note, "https://example.org/evidencia", "equipo"
    )
    return followers


async def test_an_update_notifies_every_follower_exactly_once(world):
    application, bot, _ = world
    assert await record(bot) == 3
    assert await statuses(bot.services) == {"pending": 3}
    report = await bot.services.outbox.deliver_due(telegram_sender(application))
    assert (report.sent, report.retried, report.undeliverable) == (3, 0, 0)
    assert delivered_to(bot) == CITIZENS
    (message,) = [c for c in bot.api.sent() if int(c.params["chat_id"]) == CITIZENS[0]]
    assert "Plataforma de Información Abierta" in message.text and "Completo" in message.text
    for _ in range(3):  # further rounds find nothing to send
        later = await bot.services.outbox.deliver_due(
            telegram_sender(application), now=utcnow() + dt.timedelta(hours=1)
        )
        assert later.handled == 0
    assert delivered_to(bot) == CITIZENS


async def test_429_waits_exactly_as_long_as_telegram_asks(world):
    application, bot, _ = world
    await record(bot)
    bot.api.fail_next("sendMessage", BotApiError(429, "Too Many Requests: retry after 30", 30))
    now = utcnow()
    first = await bot.services.outbox.deliver_due(telegram_sender(application), now=now)
    assert (first.sent, first.retried) == (0, 1), "a 429 is about the bot: nothing more is sent"
    too_soon = await bot.services.outbox.deliver_due(
        telegram_sender(application), now=now + dt.timedelta(seconds=29)
    )
    assert too_soon.handled == 0
    after = await bot.services.outbox.deliver_due(
        telegram_sender(application), now=now + dt.timedelta(seconds=31)
    )
    assert after.sent == 3
    assert delivered_to(bot) == CITIZENS
    async with bot.services.db.session() as session:
        rows = list(await session.exec(select(Notification)))
    assert sorted(r.attempts for r in rows) == [1, 1, 1], "a 429 is not a failed attempt"


async def test_a_429_to_one_replicas_worker_makes_the_others_wait_too(world):
    application, bot, settings = world
    await record(bot)
    bot.api.fail_next("sendMessage", BotApiError(429, "Too Many Requests: retry after 30", 30))
    now = utcnow()
    first = await bot.services.outbox.deliver_due(telegram_sender(application), now=now)
    assert first.retried == 1
    other = build_services(settings, answers=shared_answers())  # another replica's worker
    try:
        during = await other.outbox.deliver_due(
            telegram_sender(application), now=now + dt.timedelta(seconds=10)
        )
        assert during.handled == 0, "the other replica's worker waits as well"
        assert during.paused_until == now + dt.timedelta(seconds=30)
        after = await other.outbox.deliver_due(
            telegram_sender(application), now=now + dt.timedelta(seconds=31)
        )
    finally:
        await other.db.dispose()
    assert after.sent == 3
    assert delivered_to(bot) == CITIZENS
    assert len(bot.api.sent()) == 4, "one refused call, then each notice once"


async def test_500s_are_retried_with_backoff_then_given_up(world):
    application, bot, _ = world
    outbox: NotificationOutbox = bot.services.outbox
    await record(bot)
    bot.api.fail_next("sendMessage", BotApiError(500, "Internal Server Error"), times=2)
    now = utcnow()
    report = await outbox.deliver_due(telegram_sender(application), now=now)
    assert (report.sent, report.retried) == (1, 2)
    report = await outbox.deliver_due(telegram_sender(application), now=now + outbox.backoff(1))
    assert report.sent == 2
    assert delivered_to(bot) == CITIZENS
    # A notification that always fails is retried max_attempts times, then marked.
    await record(bot, "Segunda novedad")
    bot.api.fail_next("sendMessage", BotApiError(502, "Bad Gateway"), times=3 * outbox.max_attempts)
    moment = now
    for attempt in range(1, outbox.max_attempts + 1):
        moment = moment + outbox.backoff(attempt) + dt.timedelta(seconds=1)
        await outbox.deliver_due(telegram_sender(application), now=moment)
    assert (await statuses(bot.services))["undeliverable"] == 3


async def test_a_citizen_who_blocked_the_bot_is_marked_and_not_retried(world):
    application, bot, _ = world
    bot.api.blocked_chats.add(CITIZENS[1])
    await record(bot)
    report = await bot.services.outbox.deliver_due(telegram_sender(application))
    assert (report.sent, report.undeliverable) == (2, 1)
    assert await statuses(bot.services) == {"sent": 2, "undeliverable": 1}
    async with bot.services.db.session() as session:
        blocked = list(await session.exec(select(Citizen).where(Citizen.bot_blocked)))
    assert len(blocked) == 1
    await record(bot, "Otra novedad")  # the blocked citizen still follows; nothing is sent to them
    report = await bot.services.outbox.deliver_due(telegram_sender(application))
    assert (report.sent, report.undeliverable) == (2, 1)
    assert sum(1 for c in bot.api.sent() if int(c.params["chat_id"]) == CITIZENS[1]) == 1
    assert not [c for c in bot.api.delivered() if int(c.params["chat_id"]) == CITIZENS[1]]


async def test_undelivered_rows_survive_a_restart_and_go_out_once(world, tmp_path):
    application, bot, settings = world
    await record(bot)
    bot.api.fail_next("sendMessage", BotApiError(500, "Internal Server Error"), times=3)
    await bot.services.outbox.deliver_due(telegram_sender(application))
    assert delivered_to(bot) == []
    # A new process: new services on the same database, as after a restart.
    restarted = build_services(settings, answers=shared_answers())
    try:
        report = await restarted.outbox.deliver_due(
            telegram_sender(application), now=utcnow() + dt.timedelta(minutes=5)
        )
        assert report.sent == 3
        again = await restarted.outbox.deliver_due(
            telegram_sender(application), now=utcnow() + dt.timedelta(hours=1)
        )
        assert again.handled == 0
    finally:
        await restarted.db.dispose()
    assert delivered_to(bot) == CITIZENS


async def test_a_row_left_sending_by_a_crash_is_delivered_after_its_lease(world):
    application, bot, _ = world
    await record(bot)
    outbox: NotificationOutbox = bot.services.outbox
    async with bot.services.db.session() as session:
        row = (await session.exec(select(Notification))).first()
        row.status = "sending"  # claimed by a process that died before sending
        row.next_attempt_at = utcnow() + outbox.lease
        session.add(row)
        await session.commit()
    report = await outbox.deliver_due(telegram_sender(application))
    assert report.sent == 2, "the claimed row waits for its lease"
    report = await outbox.deliver_due(telegram_sender(application), now=utcnow() + outbox.lease)
    assert report.sent == 1
    assert delivered_to(bot) == CITIZENS


async def test_two_workers_never_send_the_same_row(world):
    import asyncio

    application, bot, settings = world
    await record(bot)
    second = build_services(settings, answers=shared_answers())
    try:
        reports = await asyncio.gather(
            bot.services.outbox.deliver_due(telegram_sender(application)),
            second.outbox.deliver_due(telegram_sender(application)),
        )
    finally:
        await second.db.dispose()
    assert sum(r.sent for r in reports) == 3
    assert delivered_to(bot) == CITIZENS


async def test_the_background_worker_delivers_without_being_asked(tmp_path, sqlite_url):
    import asyncio

    from bot.app import shutdown

    settings = make_settings(tmp_path, sqlite_url, outbox_poll_seconds=0.05)
    application, bot = await harness_for(settings)
    try:
        citizen = await bot.services.citizens.identify(CITIZENS[0], CITIZENS[0])
        await bot.services.plans.follow(citizen.id, "paga-1-c03")
        await record(bot)
        for _ in range(100):
            if delivered_to(bot):
                break
            await asyncio.sleep(0.02)
        assert delivered_to(bot) == [CITIZENS[0]]
    finally:
        await shutdown(application)
        await application.shutdown()


async def test_stopping_finishes_the_send_in_flight_and_leaves_the_rest_due_now(world):
    """At SIGTERM the worker claims nothing more: another replica sends the rest at once."""
    import asyncio

    application, bot, settings = world
    await record(bot)
    started, finish = asyncio.Event(), asyncio.Event()
    real = telegram_sender(application)

    async def slow(chat_id: int, text: str, *buttons: object) -> object:
        started.set()
        await finish.wait()
        return await real(chat_id, text, *buttons)

    outbox: NotificationOutbox = bot.services.outbox
    worker = asyncio.create_task(outbox.run(slow, poll_seconds=60))
    await started.wait()
    stopping = asyncio.create_task(outbox.stop(5.0, worker))
    await asyncio.sleep(0)  # let stop() begin
    assert outbox.stopping, "from here the worker claims nothing more"
    finish.set()
    await stopping
    assert worker.done() and len(delivered_to(bot)) == 1, "the send in flight finished"
    assert await statuses(bot.services) == {"sent": 1, "pending": 2}
    other = build_services(settings, answers=shared_answers())
    try:  # another replica, right now: no lease to wait for
        report = await other.outbox.deliver_due(telegram_sender(application))
    finally:
        await other.db.dispose()
    assert report.sent == 2
    assert delivered_to(bot) == CITIZENS


async def test_a_claimed_row_whose_send_never_began_is_handed_back_at_stop(world):
    import asyncio

    application, bot, settings = world
    await record(bot)
    outbox: NotificationOutbox = bot.services.outbox
    claimed = asyncio.Event()
    real_claim = outbox._claim

    async def claim_then_hang(row: Notification, now: dt.datetime) -> bool:
        taken = await real_claim(row, now)
        claimed.set()
        await asyncio.Event().wait()  # cut between the claim and the send (a stop timing out)
        return taken

    outbox._claim = claim_then_hang  # type: ignore[method-assign]
    worker = asyncio.create_task(outbox.run(telegram_sender(application), poll_seconds=60))
    await claimed.wait()
    assert await statuses(bot.services) == {"sending": 1, "pending": 2}
    await outbox.stop(0.05, worker)
    assert await statuses(bot.services) == {"pending": 3}, "the lease was handed back"
    other = build_services(settings, answers=shared_answers())
    try:
        report = await other.outbox.deliver_due(telegram_sender(application))
    finally:
        await other.db.dispose()
    assert report.sent == 3 and delivered_to(bot) == CITIZENS
    async with bot.services.db.session() as session:
        rows = list(await session.exec(select(Notification)))
    assert sorted(r.attempts for r in rows) == [1, 1, 1], "the handed-back claim is not counted"
