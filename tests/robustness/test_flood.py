"""Flood control: bounded memory, a person's own pace never stopped, one limit across replicas."""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from pathlib import Path

import pytest
import pytest_asyncio
from redis.asyncio import Redis

from bot.app import shutdown
from bot.services.flood import FloodGuard, SharedFloodGuard, Verdict
from tests.conftest import harness_for, make_settings
from tests.factories import CITIZEN_ID, OTHER_CITIZEN_ID
from tests.robustness.test_configuration import closed_port


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_guard_forgets_the_person_seen_longest_ago():
    clock = Clock()
    guard = FloodGuard(3, 60.0, clock, max_tracked=100)
    for user_id in range(10_000):
        guard.check(user_id)
    assert len(guard) == 100, "memory stays bounded however many ids arrive"
    assert [guard.check(9_999) for _ in range(2)] == [Verdict.SERVE, Verdict.SERVE]
    assert guard.check(9_999) is Verdict.WARN, "a recent flooder is still remembered"


async def test_presses_at_a_persons_pace_are_served_and_machine_speed_ones_are_stopped(
    tmp_path: Path, sqlite_url
):
    application, bot = await harness_for(make_settings(tmp_path, sqlite_url, flood_max_messages=3))
    clock = Clock()
    bot.services.flood._clock = clock
    try:
        for _ in range(12):  # twelve menu taps, two seconds apart: far more than the limit of 3
            clock.now += 2.0
            calls = await bot.press("menu:help")
            (shown,) = [c for c in calls if c.method == "sendMessage"]
            assert "muchos mensajes" not in shown.text
        served = 0
        warned = 0
        for _ in range(10):  # ten taps in a second, like a script
            clock.now += 0.1
            calls = await bot.press("menu:help")
            sent = [c for c in calls if c.method == "sendMessage"]
            served += any("muchos mensajes" not in c.text for c in sent)
            warned += any("muchos mensajes" in c.text for c in calls)
        assert warned == 1 and served <= 4
    finally:
        await shutdown(application)
        await application.shutdown()


# -- counted in Redis, shared by replicas (REDIS_URL) ----------------------------------------------

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set (no Redis)")


@pytest_asyncio.fixture
async def redis_prefix():
    """A key prefix of this test's own; its keys are removed afterwards."""
    prefix = f"test-robust-{uuid.uuid4().hex[:12]}:"
    yield prefix
    client = Redis.from_url(REDIS_URL)
    try:
        keys = [key async for key in client.scan_iter(match=f"{prefix}*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


def pseudonym(user_id: int) -> str:
    return hashlib.sha256(f"test:{user_id}".encode()).hexdigest()[:40]


@needs_redis
async def test_two_replicas_on_one_redis_enforce_one_limit_together(redis_prefix):
    clock = Clock()
    replicas = [
        SharedFloodGuard(REDIS_URL, 3, 60.0, pseudonym, prefix=redis_prefix, clock=clock)
        for _ in range(2)
    ]
    try:
        verdicts = []
        for n in range(6):  # a citizen's messages, each taken by the next replica
            clock.now += 1.0
            verdicts.append(await replicas[n % 2].judge(CITIZEN_ID))
        assert verdicts == [Verdict.SERVE] * 3 + [Verdict.WARN] + [Verdict.IGNORE] * 2
        assert await replicas[0].judge(OTHER_CITIZEN_ID) is Verdict.SERVE, "per citizen"
        clock.now += 60.0  # the window passed
        assert await replicas[1].judge(CITIZEN_ID) is Verdict.SERVE
        client = Redis.from_url(REDIS_URL)
        keys = [key.decode() async for key in client.scan_iter(match=f"{redis_prefix}*")]
        ttls = [await client.pttl(key) for key in keys]
        await client.aclose()
        assert keys and all(
            pseudonym(CITIZEN_ID) in k or pseudonym(OTHER_CITIZEN_ID) in k for k in keys
        )
        assert not any(str(CITIZEN_ID) in key for key in keys), "never the Telegram id"
        assert all(0 < ttl <= 60_000 for ttl in ttls), "every key expires with the window"
    finally:
        for replica in replicas:
            await replica.close()


@needs_redis
async def test_presses_at_a_persons_pace_are_not_counted_across_replicas(redis_prefix):
    clock = Clock()
    replicas = [
        SharedFloodGuard(REDIS_URL, 2, 60.0, pseudonym, prefix=redis_prefix, clock=clock)
        for _ in range(2)
    ]
    try:
        for n in range(10):  # a press every two seconds, alternating replicas
            clock.now += 2.0
            assert await replicas[n % 2].judge(CITIZEN_ID, press=True) is Verdict.SERVE
        fast = []
        for n in range(5):
            clock.now += 0.1
            fast.append(await replicas[n % 2].judge(CITIZEN_ID, press=True))
        assert Verdict.WARN in fast and fast.count(Verdict.SERVE) <= 3
    finally:
        for replica in replicas:
            await replica.close()


async def test_with_redis_down_every_update_is_served_and_it_is_logged_once(caplog):
    guard = SharedFloodGuard(
        f"redis://127.0.0.1:{closed_port()}/0", 2, 60.0, pseudonym, clock=Clock()
    )
    caplog.set_level(logging.INFO, logger="bot.services.flood")
    try:
        verdicts = [await guard.judge(CITIZEN_ID) for _ in range(20)]
    finally:
        await guard.close()
    assert verdicts == [Verdict.SERVE] * 20, "fail open: the bot keeps answering"
    warnings = [r for r in caplog.records if r.name == "bot.services.flood"]
    assert len(warnings) == 1 and "Redis unreachable" in warnings[0].getMessage()
    assert warnings[0].exc_info is None, "one line, no traceback"


@needs_redis
async def test_through_the_dispatcher_a_flood_spread_over_two_replicas_is_stopped(
    tmp_path: Path, sqlite_url, redis_prefix
):
    settings = make_settings(
        tmp_path,
        sqlite_url,
        flood_max_messages=3,
        redis_url=REDIS_URL,
        redis_key_prefix=redis_prefix,
    )
    first, one = await harness_for(settings, deliver_notifications=False)
    second, two = await harness_for(settings, deliver_notifications=False)
    try:
        replies = []
        for n in range(6):
            replica = (one, two)[n % 2]
            replies.append(await replica.say("¿qué es el gobierno abierto?"))
        notices = [r for r in replies if any("muchos mensajes" in c.text for c in r)]
        answered = [r for r in replies if r and not any("muchos mensajes" in c.text for c in r)]
        assert len(answered) == 3, "three answers, whichever replica took them"
        assert len(notices) == 1 and replies[3] == notices[0], "told once, at the fourth"
        assert replies[4:] == [[], []], "then ignored, on both replicas"
    finally:
        for application in (first, second):
            await shutdown(application)
            await application.shutdown()


async def test_through_the_dispatcher_a_redis_that_is_down_does_not_stop_answers(
    tmp_path: Path, sqlite_url
):
    settings = make_settings(
        tmp_path,
        sqlite_url,
        flood_max_messages=3,
        redis_url=f"redis://127.0.0.1:{closed_port()}/0",
    )
    application, bot = await harness_for(settings, deliver_notifications=False)
    try:
        for _ in range(5):
            (answer,) = await bot.say("¿qué es el gobierno abierto?")
            assert "muchos mensajes" not in answer.text and "Gobierno Abierto" in answer.text
    finally:
        await shutdown(application)
        await application.shutdown()
