"""Slowing down passcode guessing: a few free tries, then a growing wait."""

from __future__ import annotations

import math
import threading
import time
from typing import Callable


class AttemptLimiter:
    """Counts wrong attempts; after `free_attempts` each one locks for longer.

    The wait doubles from `base_delay` up to `max_delay` seconds. A right
    attempt clears the count. `clock` returns seconds (monotonic); tests pass
    a fake one. Thread-safe: several browser tabs may try at once.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, *, free_attempts: int = 5,
                 base_delay: float = 2.0, max_delay: float = 300.0) -> None:
        self._clock = clock
        self.free_attempts = free_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self._failures = 0
        self._locked_until = 0.0
        self._lock = threading.Lock()

    @property
    def failures(self) -> int:
        return self._failures

    def wait_seconds(self) -> int:
        """Whole seconds until the next attempt is allowed (0: try now)."""
        with self._lock:
            return max(0, math.ceil(self._locked_until - self._clock()))

    def attempt(self, check: Callable[[], bool]) -> tuple[bool, int]:
        """Run `check` unless locked; returns (accepted, seconds to wait).

        While locked, `check` is not run at all and (False, wait) comes back.
        """
        with self._lock:
            now = self._clock()
            if now < self._locked_until:
                return False, math.ceil(self._locked_until - now)
            ok = bool(check())
            if ok:
                self._failures = 0
                self._locked_until = 0.0
                return True, 0
            self._failures += 1
            over = self._failures - self.free_attempts
            if over > 0:
                delay = min(self.max_delay, self.base_delay * 2 ** (over - 1))
                self._locked_until = self._clock() + delay
                return False, math.ceil(delay)
            return False, 0
