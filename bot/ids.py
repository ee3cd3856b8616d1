"""Row ids made in the process, so a button can carry an id before its row is written.

Layout (63 bits): milliseconds since 2026-01-01 (41 bits, ~69 years) | process salt (12 bits) |
counter (10 bits). Sorted by time, unique across processes unless two share a salt and write
more than 1,024 rows in the same millisecond — and then the counter wraps into the next one.
"""

from __future__ import annotations

import secrets
import threading
import time

EPOCH_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z


class IdGenerator:
    """Time-ordered 63-bit ids, unique per process salt."""

    def __init__(self, salt: int | None = None) -> None:
        self._salt = (secrets.randbits(12) if salt is None else salt) & 0xFFF
        self._lock = threading.Lock()
        self._last_ms = 0
        self._counter = 0

    def next(self) -> int:
        """Return a new id."""
        with self._lock:
            now = max(int(time.time() * 1000) - EPOCH_MS, self._last_ms)
            if now == self._last_ms:
                self._counter += 1
                if self._counter >= 1024:
                    now += 1
                    self._counter = 0
            else:
                self._counter = 0
            self._last_ms = now
            return (now << 22) | (self._salt << 10) | self._counter
