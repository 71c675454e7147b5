"""What a cache made once on disk needs while one process builds it: a lock and a worker pool.

Used for the compressed copies of the web client (serving/precompressed.py)
and the cut fonts (webfonts/font_store.py).
"""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


@contextmanager
def build_lock(lock_path: Path, blocking: bool = True) -> Iterator[bool]:
    """Held by whoever builds; yields False when another process has it (`blocking=False`)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes spawned, not forked: the caller may be a server or a test process with
    threads running (Flet, Playwright), and a child forked while another thread holds a lock
    can wait for it for ever."""
    # Imported here, not at the top: the server imports this module at every start, and the
    # process pool's modules are only needed on the rare start that builds a cache.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
