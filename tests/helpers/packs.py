"""Books a user adds, for tests: a valid book folder, zipped as an archiver would, and a
snapshot of a folder (names, modes, bytes) to prove a refused pack changed nothing."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path
from typing import Any

from tests.helpers.content_files import to_toml, valid, valid_book

BOOK = "my-book"


def insight(book_id: str, position: int, **change: Any) -> dict[str, Any]:
    data = valid()
    data.update(id=f"{book_id}-{position}", position=position, title=f"Insight {position}")
    data.update(change)
    return data


def make_book(parent: Path, book_id: str = BOOK, insights: int = 3, ids: list[str] | None = None,
              folder: str | None = None, **book_change: Any) -> Path:
    """A valid book folder `parent/<folder or id>/`, with `insights` insight files."""
    where = parent / (folder or book_id)
    where.mkdir(parents=True)
    book = valid_book(book_id, insights)
    book.update(title="My Own Book", **book_change)
    (where / "book.toml").write_text(to_toml(book), encoding="utf-8")
    for n in range(1, insights + 1):
        ident = ids[n - 1] if ids else f"{book_id}-{n}"
        (where / f"{book_id}-{n}.toml").write_text(to_toml(insight(book_id, n, id=ident)), encoding="utf-8")
    return where


def zip_of(folder: Path, target: Path | None = None, extra: dict[str, bytes] | None = None) -> Path:
    """`folder` zipped as it would be by an archiver: entries under `<folder name>/`."""
    target = target or folder.parent / f"{folder.name}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder.name}/", b"")
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{folder.name}/{path.name}")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return target


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every file and folder under `folder` (hidden too): mode and bytes."""
    seen: dict[str, tuple[int, bytes | None]] = {}
    if not folder.exists():
        return seen
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        seen[path.relative_to(folder).as_posix()] = (
            info.st_mode, path.read_bytes() if stat.S_ISREG(info.st_mode) else None)
    return seen
