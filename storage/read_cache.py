"""In-process cache of parsed data files, keyed by the file's identity on disk.

Every write replaces a file with a new inode, so (device, inode, size, mtime)
changes whenever another process saves; a stat is enough to know the cached
copy is current. One hole remains: a freed inode number can be reused by the
next file, and if that file has the same size and an mtime in the same clock
tick, the keys match. As git does for its index, an entry whose file was
modified less than RACY_SECONDS ago is not trusted (re-read instead); after
that a same-tick collision is impossible. Reads that feed a write never use
this cache: they re-read from disk inside the lock (DataFiles.transaction).
The cache is bounded by the size of the files it holds, so ten years of
journal does not sit in RAM.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from typing import Any

StatKey = tuple[int, int, int, int]

#: Longer than the coarsest mtime granularity we may meet (FAT: 2 s, HFS+: 1 s).
RACY_SECONDS = 3.0


def stat_key(stat: os.stat_result) -> StatKey:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def is_racy(key: StatKey) -> bool:
    """True if the file changed so recently that its key might be reused by the next file."""
    return time.time_ns() - key[3] < RACY_SECONDS * 1e9


class ReadCache:
    """LRU of path -> (stat key, parsed tables), bounded by total file bytes."""

    def __init__(self, budget_bytes: int = 2_000_000) -> None:
        self.budget_bytes = budget_bytes
        self._items: OrderedDict[str, tuple[StatKey, Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, path: str, key: StatKey) -> Any | None:
        with self._lock:
            item = self._items.get(path)
            if item is None or item[0] != key or is_racy(key):
                return None
            self._items.move_to_end(path)
            return item[1]

    def put(self, path: str, key: StatKey, data: Any, size: int) -> None:
        with self._lock:
            self._drop(path)
            if size > self.budget_bytes:
                return
            self._items[path] = (key, data, size)
            self._bytes += size
            while self._bytes > self.budget_bytes and self._items:
                oldest = next(iter(self._items))
                self._drop(oldest)

    def invalidate(self, path: str) -> None:
        with self._lock:
            self._drop(path)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def _drop(self, path: str) -> None:
        item = self._items.pop(path, None)
        if item is not None:
            self._bytes -= item[2]
