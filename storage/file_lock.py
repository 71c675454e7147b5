"""One lock file serializes every read-modify-write, across processes and threads.

The app, a `python main.py remind` process and several browser tabs may all
write. ``fcntl.flock`` excludes other processes (and other open file
descriptions in this process); an RLock orders threads and lets the holder
re-enter (a restore takes a backup while already holding the lock). The
kernel drops the lock when a process dies, even by SIGKILL.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from types import TracebackType

from .durable import FILE_MODE
from .errors import StoreBusy

try:
    import fcntl
except ImportError:  # Windows: byte-range lock instead (untested here)
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class FileLock:
    """Exclusive, re-entrant lock on ``path`` with a timeout instead of a hang."""

    def __init__(self, path: Path, timeout: float = 10.0) -> None:
        self.path = path
        self.timeout = timeout
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    def __enter__(self) -> "FileLock":
        if not self._thread_lock.acquire(timeout=self.timeout):
            raise StoreBusy(f"another thread held {self.path.name} for over {self.timeout:.0f} s")
        try:
            if self._depth == 0:
                self._acquire_os_lock()
            self._depth += 1
        except BaseException:
            self._thread_lock.release()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._depth -= 1
            if self._depth == 0 and self._fd is not None:
                self._release_os_lock(self._fd)
        finally:
            self._thread_lock.release()

    def close(self) -> None:
        """Close the lock file descriptor (kept open between uses to save a syscall)."""
        with self._thread_lock:
            if self._fd is not None and self._depth == 0:
                os.close(self._fd)
                self._fd = None

    @property
    def held(self) -> bool:
        """True while this thread (or another) is inside the lock in this object."""
        return self._depth > 0

    def _acquire_os_lock(self) -> None:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        deadline = time.monotonic() + self.timeout
        pause = 0.0005
        while not self._try_lock(self._fd):
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    f"another Stepwise process held {self.path} for over {self.timeout:.0f} s"
                )
            time.sleep(pause)
            pause = min(pause * 2, 0.01)

    @staticmethod
    def _try_lock(fd: int) -> bool:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                return False
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:  # EACCES / EDEADLOCK: held elsewhere
            return False

    @staticmethod
    def _release_os_lock(fd: int) -> None:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
