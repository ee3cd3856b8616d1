"""Per-citizen flood control: a sliding window of message times.

Two guards with one rule. :class:`FloodGuard` counts in this process's memory: with one process
(or no Redis) that is enough, and losing it on restart only forgives a flooder early. At most
``max_tracked`` people are remembered; the one seen longest ago is forgotten first, so a stream
of new ids cannot grow it without end. :class:`SharedFloodGuard` (``REDIS_URL`` set) counts in
Redis, so that the limit holds for a citizen whichever replica takes each update: one Lua script
per update (one round trip), keys by the citizen's pseudonym — never the Telegram id — that expire
with the window. When Redis cannot be reached it serves (a flood guard must not stop the bot) and
says so once in the log, then tries Redis again every few seconds.

Messages always count. Button presses count only at machine speed (closer together than
``press_gap`` seconds): a person walking through a flow at their own pace is never stopped.
"""

from __future__ import annotations

import logging
import os
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from enum import Enum
from typing import Protocol

from redis.asyncio import BlockingConnectionPool, Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Presses closer together than this are a machine's, not a person's.
MACHINE_SPEED_SECONDS = 0.25


class Verdict(Enum):
    """What to do with one incoming message."""

    SERVE = "serve"
    WARN = "warn"  # over the limit for the first time in this window: tell them once
    IGNORE = "ignore"


class Flood(Protocol):
    """What the Telegram pre-filter asks of a flood guard."""

    async def judge(self, user_id: int, *, press: bool = False) -> Verdict:
        """Count one message (or press) from ``user_id`` and say whether to serve it."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


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

    async def judge(self, user_id: int, *, press: bool = False) -> Verdict:
        """:meth:`check`, for callers that also use the shared guard."""
        return self.check(user_id, press=press)

    async def close(self) -> None:
        """Nothing to release."""


# KEYS: the citizen's message times (a sorted set), their last press, their "warned until".
# ARGV: now, window, limit, press (1/0), press gap, a unique member for this message.
# Returns 0 serve, 1 warn, 2 ignore — the same rule as FloodGuard.check.
_JUDGE = """
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local keep = math.ceil(window * 1000)
if ARGV[4] == '1' then
  local last = redis.call('GET', KEYS[2])
  redis.call('SET', KEYS[2], ARGV[1], 'PX', keep)
  if (not last) or now - tonumber(last) >= tonumber(ARGV[5]) then return 0 end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[6])
  redis.call('PEXPIRE', KEYS[1], keep)
  return 0
end
if tonumber(redis.call('GET', KEYS[3]) or '0') > now then return 2 end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
local warned_until = oldest + window
redis.call('SET', KEYS[3], warned_until, 'PX', math.max(1, math.ceil((warned_until - now) * 1000)))
return 1
"""
_VERDICTS = (Verdict.SERVE, Verdict.WARN, Verdict.IGNORE)
# After Redis failed, serve without asking it for this long (a dead host must not slow updates).
RETRY_REDIS_SECONDS = 5.0


class SharedFloodGuard:
    """The same limit as :class:`FloodGuard`, counted in Redis for every replica at once."""

    def __init__(
        self,
        redis_url: str,
        limit: int,
        window: float,
        key_of: Callable[[int], str],
        *,
        prefix: str = "",
        clock: Callable[[], float] = time.time,  # shared by replicas: wall time, not monotonic
        press_gap: float = 0.7,
        timeout: float = 0.5,
        max_connections: int = 64,  # the dispatcher handles at most 32 updates at once
    ) -> None:
        self.limit = limit
        self.window = window
        self.press_gap = press_gap
        self.prefix = prefix
        self._key_of = key_of
        self._clock = clock
        # A burst waits for a free connection (up to ``timeout``) instead of failing open.
        pool = BlockingConnectionPool.from_url(
            redis_url,
            max_connections=max_connections,
            timeout=timeout,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
        )
        self._redis = Redis(connection_pool=pool)
        self._script = self._redis.register_script(_JUDGE)
        self._down_until = 0.0
        self._member = f"{os.getpid()}-{os.urandom(3).hex()}-"
        self._count = 0

    def keys(self, user_id: int) -> list[str]:
        """The Redis keys of one citizen: by pseudonym, one hash slot (a cluster keeps them)."""
        base = f"{self.prefix}flood:{{{self._key_of(user_id)}}}"
        return [f"{base}:times", f"{base}:press", f"{base}:warned"]

    async def judge(self, user_id: int, *, press: bool = False) -> Verdict:
        """Count one message (or press) in Redis; serve when Redis cannot be reached."""
        now = self._clock()
        if now < self._down_until:
            return Verdict.SERVE
        self._count += 1
        try:
            code = await self._script(
                keys=self.keys(user_id),
                args=[
                    repr(now),
                    repr(self.window),
                    self.limit,
                    int(press),
                    repr(self.press_gap),
                    f"{self._member}{self._count}",
                ],
            )
        except (RedisError, OSError) as error:
            if self._down_until == 0.0:
                logger.warning(
                    "Redis unreachable for flood control (%s); serving every update until it "
                    "answers again",
                    type(error).__name__,
                )
            self._down_until = max(now, 1e-9) + RETRY_REDIS_SECONDS
            return Verdict.SERVE
        if self._down_until:
            logger.info("Redis answers again; flood control is shared once more")
            self._down_until = 0.0
        return _VERDICTS[int(code)] if 0 <= int(code) < len(_VERDICTS) else Verdict.SERVE

    async def close(self) -> None:
        """Close the connections to Redis."""
        await self._redis.aclose(close_connection_pool=True)  # the pool is our own
