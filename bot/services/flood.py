"""Per-citizen flood control: a sliding window of message times.

Kept in process memory on purpose: it protects this process's work, and losing it on restart only
forgives a flooder early.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum

# Presses closer together than this are a machine's, not a person's.
MACHINE_SPEED_SECONDS = 0.25


class Verdict(Enum):
    """What to do with one incoming message."""

    SERVE = "serve"
    WARN = "warn"  # over the limit for the first time in this window: tell them once
    IGNORE = "ignore"


class FloodGuard:
    """Allow ``limit`` messages per ``window`` seconds per citizen."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._times: dict[int, deque[float]] = {}
        self._warned_until: dict[int, float] = {}
        self._last_press: dict[int, float] = {}

    def check_press(self, user_id: int) -> Verdict:
        """Count a button press only when it follows the last one at machine speed.

        A person walking a flow presses a button every second or two, and that is not a flood;
        a script pressing many times a second is, and counts like messages.
        """
        now = self._clock()
        last = self._last_press.get(user_id)
        self._last_press[user_id] = now
        if len(self._last_press) > 50_000:
            self._last_press.clear()
        if last is not None and now - last < MACHINE_SPEED_SECONDS:
            return self.check(user_id)
        return Verdict.SERVE

    def check(self, user_id: int) -> Verdict:
        """Count one message from ``user_id`` and say whether to serve it."""
        now = self._clock()
        times = self._times.setdefault(user_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            return Verdict.SERVE
        if self._warned_until.get(user_id, 0.0) > now:
            return Verdict.IGNORE
        self._warned_until[user_id] = times[0] + self.window
        return Verdict.WARN
