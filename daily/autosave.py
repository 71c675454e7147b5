"""Save what the user types shortly after they pause, without a Save button.

Each keystroke replaces the pending text for its field and restarts a short
timer; when the timer runs out the text is written. `flush()` writes
everything pending at once: called when the field loses focus, on Back/Next,
when the screen goes away and when the browser tab disconnects, so nothing
typed is ever left only in memory for long.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable


class Autosave:
    def __init__(
        self,
        write: Callable[[Hashable, str], None],
        delay_seconds: float = 0.6,
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        self._write = write
        self._delay = delay_seconds
        self._loop = loop
        self._pending: dict[Hashable, str] = {}
        self._timers: dict[Hashable, asyncio.TimerHandle] = {}

    def changed(self, key: Hashable, text: str) -> None:
        """Remember the newest text for `key` and (re)start its timer."""
        self._pending[key] = text
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.cancel()
        loop = self._loop or _running_loop()
        if loop is None:
            self.flush(key)
            return
        self._timers[key] = loop.call_later(self._delay, self.flush, key)

    def flush(self, key: Hashable | None = None) -> None:
        """Write the pending text of one field, or of all fields."""
        keys = list(self._pending) if key is None else [key]
        for k in keys:
            timer = self._timers.pop(k, None)
            if timer is not None:
                timer.cancel()
            if k in self._pending:
                # Written first, forgotten after: if the write fails the text
                # stays pending and the next flush tries again.
                self._write(k, self._pending[k])
                del self._pending[k]

    @property
    def pending(self) -> dict[Hashable, str]:
        return dict(self._pending)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
