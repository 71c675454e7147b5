"""Opening one data file as a TinyDB database: for reading, or for a locked change.

* ``snapshot(path)``: lock-free. Writers replace files atomically, so a reader
  always sees a whole file; the parsed copy comes from the in-process cache when
  the file on disk is unchanged.
* ``transaction(path)``: holds the store lock and re-reads the file from disk
  inside it, so an update made by another process a moment ago is never
  overwritten with stale data.

A file that cannot be parsed is moved aside (Quarantine) and treated as empty,
so one damaged month never stops the app.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .atomic_storage import IOStats, KeyedTinyDB
from .durable import ensure_private_dir, fsync_dir
from .errors import CorruptFile
from .file_lock import FileLock
from .quarantine import Quarantine
from . import read_cache
from .read_cache import ReadCache, StatKey, stat_key


class DataFiles:
    """Shared plumbing (lock, cache, quarantine) for every data file of one store."""

    def __init__(
        self,
        root: Path,
        lock: FileLock,
        quarantine: Quarantine,
        cache: ReadCache | None = None,
        stats: IOStats | None = None,
    ) -> None:
        self.root = root
        self.lock = lock
        self.quarantine = quarantine
        self.cache = cache if cache is not None else ReadCache()
        self.stats = stats if stats is not None else IOStats()

    def snapshot(self, path: Path) -> KeyedTinyDB:
        """A read-only TinyDB over the file's current state (missing file = empty)."""
        for _ in range(3):
            db = KeyedTinyDB(
                str(path), pin=True, read_only=True, cache=self.cache, stats=self.stats
            )
            try:
                db.storage.read()
                return db
            except CorruptFile as err:
                self._quarantine_if_still_corrupt(path, err)
        raise CorruptFile(str(path), "it kept changing while being read")

    @contextmanager
    def transaction(self, path: Path) -> Iterator[KeyedTinyDB]:
        """Hold the lock, read ``path`` fresh from disk, yield a TinyDB to change it."""
        with self.lock:
            ensure_private_dir(path.parent)  # creates it 0700 and fsyncs its parent
            db = self._fresh(path)
            try:
                db.storage.read()
            except CorruptFile as err:
                self.quarantine.move_aside(path, err.reason)
                self.cache.invalidate(str(path))
                db = self._fresh(path)
                db.storage.read()
            yield db

    def remove(self, path: Path) -> None:
        """Delete a data file that became empty (caller holds the lock)."""
        try:
            os.unlink(path)
        except FileNotFoundError:
            return
        self.cache.invalidate(str(path))
        fsync_dir(path.parent)

    def stat_key(self, path: Path) -> StatKey | None:
        """The file's identity on disk, or None if it does not exist."""
        try:
            return stat_key(os.stat(path))
        except FileNotFoundError:
            return None

    def folder_version(self, folder: Path) -> tuple[tuple[str, StatKey], ...] | None:
        """The identity of a folder's data files (name + stat key of each ``*.json``), or None
        when it cannot be trusted yet; () when the folder does not exist.

        Every save replaces a file (a new inode), so an unchanged tuple means unchanged
        data, also when another process wrote. A file written in the last few seconds is
        not trusted (``read_cache.is_racy``, as for the read cache): then None, and a
        caller keeping figures by this version must compute them afresh.
        """
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".json"))
        except FileNotFoundError:
            return ()
        version = []
        for name in names:
            key = self.stat_key(folder / name)
            if key is None or read_cache.is_racy(key):
                return None
            version.append((name, key))
        return tuple(version)

    def check(self, path: Path) -> None:
        """Full parse of ``path``; move it aside if damaged (caller holds the lock)."""
        try:
            self._fresh(path).storage.read()
        except CorruptFile as err:
            self.quarantine.move_aside(path, err.reason)
            self.cache.invalidate(str(path))

    def _fresh(self, path: Path) -> KeyedTinyDB:
        return KeyedTinyDB(
            str(path), pin=True, cache=self.cache, use_cache_for_reads=False, stats=self.stats
        )

    def _quarantine_if_still_corrupt(self, path: Path, first: CorruptFile) -> None:
        with self.lock:
            self.cache.invalidate(str(path))
            try:
                self._fresh(path).storage.read()
            except CorruptFile as err:
                self.quarantine.move_aside(path, err.reason)
