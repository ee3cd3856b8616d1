"""Per-citizen flood control: a sliding window of message times.

Kept in process memory on purpose: it protects this process's work, and losing it on restart only
forgives a flooder early.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum


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
