"""One reminder sender at a time, across processes.

The app's runner and the `remind` command (systemd timer, cron) may both
look at 08:00:00. Each holds this lock from "what is due?" to "recorded as
fired", so the second one finds the reminder in the fired log and stays
quiet: a reminder goes out once, not once per process.

The lock is `<data dir>/reminders.lock` (flock on POSIX, msvcrt on
Windows); the kernel drops it when a process dies. A store without a
`data_dir` (the test fake) gets a lock that always succeeds.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    try:
        import msvcrt
    except ImportError:  # neither: no cross-process lock
        msvcrt = None  # type: ignore[assignment]

LOCK_NAME = "reminders.lock"


class ReminderLock:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._fd: int | None = None

    @classmethod
    def for_port(cls, port: Any) -> ReminderLock:
        """The lock in the port's data folder (`port.data_dir`); a no-op lock without one."""
        data_dir = getattr(port, "data_dir", None)
        return cls(Path(data_dir) / LOCK_NAME if data_dir is not None else None)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if free; False (at once) if another holder has it."""
        if self._fd is not None:
            return True
        if self.path is None:
            self._fd = -1
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            elif msvcrt is not None:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def acquire(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the lock."""
        deadline = time.monotonic() + timeout
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None or fd == -1:
            return
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
            elif msvcrt is not None:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)
