"""The Store: opens a data folder safely and hands out the journal, practice, settings, backups.

Opening does, under the store lock: remove temp files of writers that died,
refuse data from a newer Stepwise, move damaged files aside (full parse of the
small files; a no-parse completeness check of journal months, which are then
fully checked when first read), migrate the earlier single-file layout once,
record the schema version, and take the day's backup. It never parses every
journal month, so opening stays fast after ten years of writing.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Callable

from .atomic_storage import IOStats, looks_complete
from .backups import Backups
from .data_files import DataFiles
from .data_dir import default_data_dir
from .durable import ensure_private_dir, remove_stale_temp_files, tighten_file
from .file_lock import FileLock
from .journal import Journal
from .library import LibraryState
from .meta import SCHEMA_VERSION, check_version, read_meta, write_meta
from .migration import MigrationReport, migrate_legacy
from .mission import Mission
from .operation import recover, remove_leftovers
from .partitions import (
    BACKUPS_DIR,
    JOURNAL_DIR,
    LOCK_FILE,
    META_FILE,
    MISSION_FILE,
    OUTCOMES_DIR,
    OUTCOMES_FILE,
    PRACTICE_DIR,
    SETTINGS_FILE,
    VERDICTS_FILE,
    data_files,
)
from .outcomes import Outcomes
from .practice import Practice
from .quarantine import Quarantine
from .read_cache import ReadCache
from .settings import Settings
from .verdicts import Verdicts


IDS_CHECKED = "ids_unique_checked"  # meta.json: the one-time duplicate-id check ran


def local_now() -> datetime:
    return datetime.now().astimezone()


class Store:
    """Everything the app keeps about the user, in one data folder."""

    def __init__(self, root: Path, files: DataFiles, problems: list[str], now: Callable[[], datetime]) -> None:
        self.data_dir = root
        self.files = files
        self.problems = problems
        self.journal = Journal(files, root / JOURNAL_DIR)
        self.practice = Practice(files, root / PRACTICE_DIR)
        self.settings = Settings(files, root / SETTINGS_FILE)
        self.library = LibraryState(self.settings)
        self.outcomes = Outcomes(files, root / OUTCOMES_FILE, root / OUTCOMES_DIR)
        self.mission = Mission(files, root / MISSION_FILE)
        self.verdicts = Verdicts(files, root / VERDICTS_FILE)
        self.backups = Backups(files, now, on_restored=self._after_restore)
        self.migration: MigrationReport | None = None
        self.schema_version = SCHEMA_VERSION
        self._now = now
        self.closed = False

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        now: Callable[[], datetime] = local_now,
        lock_timeout: float = 10.0,
        cache_bytes: int = 2_000_000,
        daily_backup: bool = True,
    ) -> "Store":
        """Open (creating if needed) the data folder; see the module docstring for what happens."""
        root = Path(os.path.abspath(data_dir if data_dir is not None else default_data_dir()))
        ensure_private_dir(root)
        problems: list[str] = []
        lock = FileLock(root / LOCK_FILE, timeout=lock_timeout)
        files = DataFiles(root, lock, Quarantine(root, now, problems), ReadCache(cache_bytes), IOStats())
        store = cls(root, files, problems, now)
        with lock:
            tighten_file(root / LOCK_FILE)
            store._start_up(daily_backup)
        return store

    @property
    def io_stats(self) -> IOStats:
        """Which files were parsed/written by this store (for tests and benchmarks)."""
        return self.files.stats

    def close(self) -> None:
        """Drop in-memory caches. Every save is already durable; nothing is pending."""
        self.files.cache.clear()
        self.files.lock.close()
        self.closed = True

    def __enter__(self) -> "Store":
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- start-up ----------------------------------------------------------

    def _start_up(self, daily_backup: bool) -> None:
        root = self.data_dir
        for folder in (root, root / JOURNAL_DIR, root / PRACTICE_DIR, root / OUTCOMES_DIR):
            remove_stale_temp_files(folder)
        self.backups.remove_staging()

        meta_path = root / META_FILE
        self.files.check(meta_path)
        meta = read_meta(self.files, meta_path)
        check_version(meta)

        # An import or restore cut short: finish it (committed) or drop it (not yet).
        remove_leftovers(root)
        if recover(self.files, self.problems):
            meta = read_meta(self.files, meta_path)
            self.journal.forget_locations()
        self._check_files()
        self.migration = migrate_legacy(root, self.journal, self.practice, self.settings, self.files.quarantine, self._now)
        extra = {}
        if not (meta or {}).get(IDS_CHECKED):
            # Older versions could leave an id in two month files (an import cut short
            # while an entry moved month). Checked once; this version never does it.
            removed = self.journal.repair_duplicates(self._now())
            if removed:
                self.problems.append(
                    f"{removed} journal {'entry was' if removed == 1 else 'entries were'} stored twice "
                    "(an earlier import was interrupted); the copy edited last was kept.")
            extra[IDS_CHECKED] = True
        write_meta(self.files, meta_path, self._now(), **extra)

        if daily_backup:
            try:
                self.backups.take_daily_if_due()
            except OSError as err:
                self.problems.append(f"Today's automatic backup could not be taken ({err}). Your data is unaffected.")

    def _check_files(self) -> None:
        """Move damaged files aside. Journal months: cheap check now, full check on first read."""
        for path in data_files(self.data_dir):
            tighten_file(path)
            if path.parent.name == JOURNAL_DIR and looks_complete(path):
                continue
            self.files.check(path)
        for folder in (JOURNAL_DIR, PRACTICE_DIR, OUTCOMES_DIR, BACKUPS_DIR):
            if (self.data_dir / folder).exists():
                ensure_private_dir(self.data_dir / folder)

    def _after_restore(self) -> None:
        self.journal.forget_locations()
