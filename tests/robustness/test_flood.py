"""Flood control: bounded memory, and a person's own pace through a flow is never stopped."""

from __future__ import annotations

from pathlib import Path

from bot.app import shutdown
from bot.services.flood import FloodGuard, Verdict
from tests.conftest import harness_for, make_settings


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
