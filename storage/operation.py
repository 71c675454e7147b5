"""Changes to several data files that happen all together or not at all (import, restore).

Each file is replaced atomically on its own, but an import may rewrite many
month files and a restore replaces every file: a crash between two of those
renames would leave a mix of old and new. ``Operation`` closes that gap with
a redo log:

1. Every new file (or removal) is first collected in memory (``put``,
   ``put_bytes``, ``remove``), then written into ``operation.tmp/`` with a
   manifest, each file fsynced.
2. ``operation.tmp/`` is renamed to ``operation/``: that rename is the commit
   point. Before it, nothing of the data has changed; after it, the change
   is certain to be made.
3. The files are written into place (atomic replace each), removals done, and
   ``operation/`` deleted.

At start-up (``recover``, under the store lock) a committed ``operation/`` is
applied again from the start (every step is idempotent) and the user is told
that the interrupted import or restore was completed; an uncommitted
``operation.tmp/`` is deleted and the user is told nothing was changed.
So whenever the process dies, the next start shows the state before or the
state after, never a mix.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from .atomic_storage import Tables, decode_tables, encode_tables
from .data_files import DataFiles
from .durable import atomic_write_bytes, ensure_private_dir, fsync_dir, fsync_fd, write_all
from .errors import CorruptFile
from .moments import moment_from_iso, moment_to_iso

COMMITTED = "operation"
STAGING = "operation.tmp"
MANIFEST = "operation.json"
KIND = "kind"  # written first, so even an unfinished log says what it was
WHAT = {"import": "An import", "restore": "A restore", "repair": "A repair of the journal"}


class Operation:
    """A set of file changes applied all together (see module docstring).

    Use it while holding the store lock, from reading the current files to
    ``commit``, so nobody changes a file between the read and the commit.
    """

    def __init__(self, files: DataFiles, kind: str, note: str = "") -> None:
        self.files = files
        self.root = files.root
        self.kind = kind
        self.note = note  # told to the user if the operation must be finished at next start
        self._pending: dict[str, bytes | None] = {}  # relative path -> new bytes, None = remove
        self._tables: dict[str, Tables] = {}

    # -- collecting ----------------------------------------------------------

    def read(self, path: Path) -> Tables:
        """The file's tables as this operation will leave them (a private, mutable copy)."""
        relative = self._relative(path)
        if relative in self._tables:
            return self._tables[relative]
        if relative in self._pending:
            raw = self._pending[relative]
            data = {} if raw is None else decode_tables(raw, relative)
        else:
            with self.files.transaction(path) as db:
                data = json.loads(json.dumps(db.storage.read() or {}))  # never share the cache's copy
        self._tables[relative] = data
        return data

    def put(self, path: Path, data: Tables) -> None:
        """The file's new tables (an empty file is removed, as the stores do)."""
        relative = self._relative(path)
        if not any(data.values()):
            self._tables.pop(relative, None)
            self._pending[relative] = None
            return
        self._tables[relative] = data
        self._pending[relative] = encode_tables(data)

    def put_bytes(self, path: Path, raw: bytes) -> None:
        relative = self._relative(path)
        self._tables.pop(relative, None)
        self._pending[relative] = bytes(raw)

    def remove(self, path: Path) -> None:
        relative = self._relative(path)
        self._tables.pop(relative, None)
        self._pending[relative] = None

    @property
    def changes(self) -> dict[str, bytes | None]:
        return dict(self._pending)

    # -- committing ----------------------------------------------------------

    def commit(self, now: datetime | None = None) -> None:
        """Write the redo log, commit it, apply it, delete it (see module docstring)."""
        if not self._pending:
            return
        now = now or self.files.quarantine.now()
        with self.files.lock:
            staging = self.root / STAGING
            shutil.rmtree(staging, ignore_errors=True)
            ensure_private_dir(staging)
            _write_new(staging / KIND, self.kind.encode("utf-8"))
            listed = []
            for number, (relative, raw) in enumerate(sorted(self._pending.items())):
                name = None
                if raw is not None:
                    name = f"{number:06d}.data"
                    _write_new(staging / name, raw)
                listed.append({"path": relative, "data": name})
            manifest = {"kind": self.kind, "note": self.note, "started_at": moment_to_iso(now),
                        "files": listed}
            _write_new(staging / MANIFEST, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))
            fsync_dir(staging)
            os.replace(staging, self.root / COMMITTED)  # the commit point
            fsync_dir(self.root)
            _apply(self.files, self.root / COMMITTED, manifest)
            self._pending.clear()
            self._tables.clear()

    def _relative(self, path: Path) -> str:
        relative = Path(path).relative_to(self.root).as_posix()
        if relative.startswith("..") or relative.startswith(COMMITTED):
            raise ValueError(f"{path} is not a data file")
        return relative


def recover(files: DataFiles, problems: list[str]) -> str | None:
    """At start-up, under the lock: finish a committed operation, drop an uncommitted one.

    Returns the kind of operation finished (None if there was none).
    """
    root = files.root
    staging = root / STAGING
    if staging.exists():
        kind = _kind_of(staging)
        shutil.rmtree(staging, ignore_errors=True)
        fsync_dir(root)
        problems.append(f"{WHAT.get(kind, 'An import or restore')} was interrupted before it changed "
                        "anything; your data is as it was before it. You can start it again.")
    committed = root / COMMITTED
    if not committed.exists():
        return None
    try:
        manifest = json.loads((committed / MANIFEST).read_bytes())
        if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
            raise ValueError("no file list")
    except (OSError, ValueError) as err:  # cannot happen short of disk damage: keep it for a human
        aside = files.quarantine.folder / f"unfinished-operation-{os.getpid()}"
        ensure_private_dir(aside.parent)
        os.replace(committed, aside)
        problems.append(f"An interrupted import or restore could not be finished ({err}); it was "
                        f"moved to corrupt/{aside.name}. Restore a backup from Settings if "
                        "something looks wrong.")
        return None
    _apply(files, committed, manifest)
    kind = str(manifest.get("kind", ""))
    when = ""
    try:
        started = moment_from_iso(manifest["started_at"])
        when = f" (started {started:%d %b %Y, %H:%M})".replace(" 0", " ", 1)
    except (KeyError, TypeError, ValueError):
        pass
    message = (f"{WHAT.get(kind, 'An import or restore')}{when} was interrupted; it was "
               "completed now, so your data includes all of it.")
    if manifest.get("note"):
        message += f" {manifest['note']}"
    problems.append(message)
    return kind


def _apply(files: DataFiles, folder: Path, manifest: dict[str, Any]) -> None:
    """Put every file of a committed operation in place, then delete the log. Idempotent."""
    root = files.root
    for item in manifest["files"]:
        target = root / item["path"]
        if item.get("data") is None:
            files.remove(target)
        else:
            ensure_private_dir(target.parent)
            atomic_write_bytes(target, (folder / item["data"]).read_bytes())
            files.cache.invalidate(str(target))
    done = root / f"{STAGING}-done"
    shutil.rmtree(done, ignore_errors=True)
    os.replace(folder, done)  # disappear atomically, then delete
    fsync_dir(root)
    shutil.rmtree(done, ignore_errors=True)
    files.cache.clear()


def remove_leftovers(root: Path) -> None:
    """A log deleted after it was applied but before its folder was gone."""
    shutil.rmtree(root / f"{STAGING}-done", ignore_errors=True)


def _kind_of(staging: Path) -> str:
    try:
        return (staging / KIND).read_text("utf-8")
    except (OSError, ValueError):
        return ""


def _write_new(path: Path, payload: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        write_all(fd, payload)
        fsync_fd(fd)
    finally:
        os.close(fd)


__all__ = ["COMMITTED", "STAGING", "CorruptFile", "Operation", "recover", "remove_leftovers"]
