"""Rotating snapshots of the data folder: one a day at open, the last 7 kept.

A snapshot is a folder ``backups/<name>/`` mirroring the data files plus a
``backup.json`` manifest. It is built under a temporary name and renamed into
place, so a backup is either complete or invisible.

Files are hard-linked, not copied: the store never modifies a file in place
(every write is a new file renamed over the old one), so a linked file keeps
the exact bytes it had when the backup was taken, and unchanged months cost no
space. Where links are not allowed, files are copied. Restore first takes a
``before-restore`` backup, so a restore can itself be undone.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from .atomic_storage import decode_tables
from .data_files import DataFiles
from .durable import atomic_write_bytes, ensure_private_dir, fsync_dir, fsync_fd, tighten_file
from .errors import BackupDamaged, BackupNotFound, CorruptFile
from .moments import moment_from_iso, moment_to_iso
from .operation import Operation
from .partitions import BACKUPS_DIR, data_files

MANIFEST = "backup.json"
KEEP = 7
DAILY = "daily"
BEFORE_RESTORE = "before-restore"
MANUAL = "manual"


@dataclass(frozen=True)
class Backup:
    """One snapshot: pass ``name`` to ``restore``."""

    name: str
    kind: str
    created_at: datetime
    files: int
    size_bytes: int


class Backups:
    """Take, list, rotate and restore snapshots of one data folder."""

    def __init__(
        self,
        files: DataFiles,
        now: Callable[[], datetime],
        on_restored: Callable[[], None] = lambda: None,
        keep: int = KEEP,
    ) -> None:
        self.files = files
        self.root = files.root
        self.folder = files.root / BACKUPS_DIR
        self._now = now
        self._on_restored = on_restored
        self.keep = keep

    def list(self) -> list[Backup]:
        """Complete backups, newest first."""
        found = []
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        for name in names:
            if name.startswith("."):
                continue
            backup = self._read_manifest(name)
            if backup is not None:
                found.append(backup)
        return sorted(found, key=lambda b: (b.created_at, b.name), reverse=True)

    def take(self, kind: str = MANUAL) -> Backup:
        """Snapshot every data file now, then drop the oldest of this kind beyond ``keep``."""
        with self.files.lock:
            ensure_private_dir(self.folder)
            now = self._now()
            name = self._unique_name(now, kind)
            staging = self.folder / f".tmp-{name}"
            if staging.exists():
                shutil.rmtree(staging)
            ensure_private_dir(staging)
            listed, total = [], 0
            for source in data_files(self.root):
                relative = source.relative_to(self.root)
                target = staging / relative
                ensure_private_dir(target.parent)
                try:
                    total += _link_or_copy(source, target)
                except FileNotFoundError:
                    continue
                listed.append(relative.as_posix())
            for folder in {(staging / r).parent for r in listed} | {staging}:
                fsync_dir(folder)
            manifest = {"name": name, "kind": kind, "created_at": moment_to_iso(now), "files": listed, "size_bytes": total}
            atomic_write_bytes(staging / MANIFEST, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))
            os.replace(staging, self.folder / name)
            fsync_dir(self.folder)
            self._prune(kind)
            return Backup(name, kind, now, len(listed), total)

    def take_daily_if_due(self) -> Backup | None:
        """The at-open backup: only if no daily backup exists for today's local date."""
        today = self._now()
        for backup in self.list():
            if backup.kind == DAILY and backup.created_at.astimezone(today.tzinfo).date() == today.date():
                return None
        return self.take(DAILY)

    def restore(self, name: str) -> Backup:
        """Make the data equal to backup ``name``. Returns the safety backup taken first."""
        backup = self._read_manifest(name) if _plain_name(name) else None
        if backup is None:
            raise BackupNotFound(f"no backup named {name!r}")
        source_root = self.folder / name
        with self.files.lock:
            manifest = json.loads((source_root / MANIFEST).read_bytes())
            payloads: dict[str, bytes] = {}
            for relative in manifest["files"]:
                raw = (source_root / relative).read_bytes()
                try:
                    decode_tables(raw, relative)
                except CorruptFile as err:
                    raise BackupDamaged(f"backup {name} cannot be restored: {err}") from None
                payloads[relative] = raw
            safety = self.take(BEFORE_RESTORE)
            # All files change together (storage/operation.py): a crash never leaves a mix.
            operation = Operation(self.files, "restore",
                                  note=f"The data as it was before is kept as backup {safety.name}.")
            for relative, raw in payloads.items():
                operation.put_bytes(self.root / relative, raw)
            for live in data_files(self.root):
                if live.relative_to(self.root).as_posix() not in payloads:
                    operation.remove(live)
            operation.commit(self._now())
            self.files.cache.clear()
            self._on_restored()
            return safety

    def remove_staging(self) -> None:
        """Delete half-built backups left by a process that died (caller holds the lock)."""
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return
        for name in names:
            if name.startswith(".tmp-"):
                shutil.rmtree(self.folder / name, ignore_errors=True)

    def _prune(self, kind: str) -> None:
        same_kind = [b for b in self.list() if b.kind == kind]
        for old in same_kind[self.keep:]:
            doomed = self.folder / f".tmp-deleting-{old.name}"
            os.replace(self.folder / old.name, doomed)  # disappear atomically, then delete
            shutil.rmtree(doomed, ignore_errors=True)
        fsync_dir(self.folder)

    def _unique_name(self, now: datetime, kind: str) -> str:
        base = f"{now.astimezone(timezone.utc):%Y-%m-%dT%H-%M-%SZ}-{kind}"
        name, counter = base, 2
        while (self.folder / name).exists():
            name = f"{base}-{counter}"
            counter += 1
        return name

    def _read_manifest(self, name: str) -> Backup | None:
        try:
            manifest = json.loads((self.folder / name / MANIFEST).read_bytes())
            return Backup(
                name=name,
                kind=str(manifest["kind"]),
                created_at=moment_from_iso(manifest["created_at"]),
                files=len(manifest["files"]),
                size_bytes=int(manifest.get("size_bytes", 0)),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _plain_name(name: str) -> bool:
    return isinstance(name, str) and bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")


def _link_or_copy(source: Path, target: Path) -> int:
    """Hard-link ``source`` to ``target`` (copy + fsync if links fail). Returns its size."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        with open(source, "rb") as src, open(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            fsync_fd(dst.fileno())
        tighten_file(target)
    return os.stat(target).st_size
