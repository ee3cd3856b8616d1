"""Per-citizen flood control: a sliding window of message times, in bounded memory.

Kept in process memory on purpose: it protects this process's work, and losing it on restart only
forgives a flooder early. At most ``max_tracked`` people are remembered; the one seen longest ago
is forgotten first, so a stream of new ids cannot grow it without end.

Messages always count. Button presses count only at machine speed (closer together than
``press_gap`` seconds): a person walking through a flow at their own pace is never stopped.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from enum import Enum

# Presses closer together than this are a machine's, not a person's.
MACHINE_SPEED_SECONDS = 0.25


class Verdict(Enum):
    """What to do with one incoming message."""

    SERVE = "serve"
    WARN = "warn"  # over the limit for the first time in this window: tell them once
    IGNORE = "ignore"


class _Sender:
    __slots__ = ("last_press", "times", "warned_until")

    def __init__(self, limit: int) -> None:
        self.times: deque[float] = deque(maxlen=limit)
        self.warned_until = 0.0
        self.last_press: float | None = None


class FloodGuard:
    """Allow ``limit`` messages (or fast presses) per ``window`` seconds per citizen."""

    def __init__(
        self,
        limit: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
        *,
        max_tracked: int = 20_000,
        press_gap: float = 0.7,
    ) -> None:
        self.limit = limit
        self.window = window
        self.max_tracked = max_tracked
        self.press_gap = press_gap
        self._clock = clock
        self._senders: OrderedDict[int, _Sender] = OrderedDict()

    def __len__(self) -> int:
        return len(self._senders)

    def clear(self) -> None:
        """Forget everyone (a new window for all)."""
        self._senders.clear()

    def check_press(self, user_id: int) -> Verdict:
        """Count a button press only when it follows the last one at machine speed."""
        return self.check(user_id, press=True)

    def check(self, user_id: int, *, press: bool = False) -> Verdict:
        """Count one message (or button press) from ``user_id`` and say whether to serve it."""
        now = self._clock()
        sender = self._senders.get(user_id)
        if sender is None:
            sender = self._senders[user_id] = _Sender(self.limit)
            while len(self._senders) > self.max_tracked:
                self._senders.popitem(last=False)  # forget whoever was seen longest ago
        else:
            self._senders.move_to_end(user_id)
        if press:
            last, sender.last_press = sender.last_press, now
            if last is None or now - last >= self.press_gap:
                return Verdict.SERVE  # human pace: not counted
        times = sender.times
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            return Verdict.SERVE
        if sender.warned_until > now:
            return Verdict.IGNORE
        sender.warned_until = times[0] + self.window
        return Verdict.WARN
