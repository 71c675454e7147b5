"""Durable file-system primitives: atomic replace, directory fsync, private modes.

A save is acknowledged only after its bytes and the directory entry that
names them are on disk. Files are created 0600 and folders 0700 because a
journal is private.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
TMP_SUFFIX = ".tmp"

try:  # macOS/iOS: plain fsync does not flush the drive's cache.
    import fcntl

    _FULLFSYNC = getattr(fcntl, "F_FULLFSYNC", None)
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    _FULLFSYNC = None


def fsync_fd(fd: int) -> None:
    """Flush a file's data to stable storage (F_FULLFSYNC where fsync is not enough)."""
    if _FULLFSYNC is not None:
        try:
            fcntl.fcntl(fd, _FULLFSYNC)
            return
        except OSError:
            pass
    os.fsync(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename/create/unlink inside ``folder`` durable (no-op on Windows)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_private_dir(folder: Path) -> bool:
    """Create ``folder`` (and parents) as 0700; tighten it if it is looser.

    Returns True when something was created, so the caller can fsync the parent.
    """
    created = False
    if not folder.is_dir():
        parent = folder.parent
        if parent != folder and not parent.exists():
            ensure_private_dir(parent)
        try:
            os.mkdir(folder, DIR_MODE)
            created = True
            fsync_dir(folder.parent)
        except FileExistsError:
            pass
    _tighten(folder, DIR_MODE)
    return created


def tighten_file(path: Path) -> None:
    """Make an existing data file 0600 (e.g. one copied in by hand)."""
    _tighten(path, FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    if sys.platform == "win32":
        return
    try:
        current = os.stat(path).st_mode & 0o777
        if current != mode:
            os.chmod(path, mode)
    except PermissionError:
        pass  # not ours (e.g. a shared parent); nothing we may do


def write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write_bytes(path: Path, payload: bytes) -> os.stat_result:
    """Replace ``path`` with ``payload`` so readers see the old or the new file, never a mix.

    Temp file in the same folder (so the rename is atomic), write, fsync,
    os.replace, fsync the folder. Returns the stat of the new file.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=folder)
    try:
        try:
            write_all(fd, payload)
            fsync_fd(fd)
            stat = os.fstat(fd)
        finally:
            os.close(fd)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    fsync_dir(folder)
    return stat


def is_temp_name(name: str) -> bool:
    """Names left behind by a writer that died before its rename."""
    return name.startswith(".") and name.endswith(TMP_SUFFIX)


def remove_stale_temp_files(folder: Path) -> int:
    """Delete temp files in ``folder``. Call only while holding the store lock."""
    removed = 0
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return 0
    for name in names:
        if is_temp_name(name):
            try:
                os.unlink(folder / name)
                removed += 1
            except OSError:
                pass
    if removed:
        fsync_dir(folder)
    return removed
