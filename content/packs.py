"""Books a user adds: check a pack, add it to the data folder, list, remove.

A pack is one book in the shipped format (content/README.md): a book folder
(`my-book/` with `book.toml` and one TOML file per insight) or a .zip holding
exactly one such folder. The public surface:

    check_pack(path, library)      -> CheckedPack (.ok, .errors, .book, .files)
    add_pack(path, data_dir)       -> CheckedPack, or raises PackRefused
    remove_pack(book_id, data_dir) -> the removed Book (None if it no longer loads)
    installed(data_dir)            -> LoadResult of shipped + added books
    added_folder(data_dir)         -> <data-dir>/books, where added books live

A pack is read once into memory (within the limits below), checked
completely with the loader's own rules and messages, and only then are those
same bytes written: into a hidden temporary folder inside `<data-dir>/books/`,
fsynced, then renamed to `<data-dir>/books/<book-id>/` in one step. A refused
pack changes nothing in the data folder. Only the files the loader reads are
stored (`book.toml` and the other non-hidden `*.toml` files at the top of the
book folder); anything else in a pack is ignored.

Removing deletes only the book's folder: practice history and journal
entries are stored under insight ids elsewhere in the data folder and stay.

Plain Python on purpose (no Flet, no TinyDB): the command line
(content/command.py) and a Settings screen share it.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from storage.durable import fsync_dir, fsync_fd, write_all

from .book import Book
from .errors import ContentError
from .insight import Insight
from .loader import BOOK_FILE, DEFAULT_FOLDER, LoadResult, load_book, load_insights
from .schema import ID_PATTERN

ADDED_DIR = "books"
MAX_FILE_BYTES = 1024 * 1024  # one file of a pack (an insight is a few KB)
MAX_TOTAL_BYTES = 5 * 1024 * 1024  # all files of a pack together
MAX_FILES = 500  # entries of a zip, or of a book folder
MAX_ZIP_BYTES = MAX_TOTAL_BYTES + 1024 * 1024  # the .zip file itself, before it is opened
LOCK_NAME = ".lock"
ADDING = ".adding-"  # a book being written; renamed into place when complete
REMOVING = ".removing-"  # a book being deleted; never read again
IGNORED_IN_ZIP = ("__MACOSX",)  # resource forks macOS adds to zips it makes

try:
    import fcntl
except ImportError:  # Windows: no cross-process lock (untested there)
    fcntl = None  # type: ignore[assignment]


def added_folder(data_dir: Path) -> Path:
    """Where the books a user added live: `<data-dir>/books/<book-id>/`."""
    return Path(data_dir) / ADDED_DIR


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


@dataclass(frozen=True)
class CheckedPack:
    """What checking a pack found.

    `errors` name the file inside the pack (`my-book/my-book-2.toml`, or the
    pack itself for a problem with the whole pack) and the field, in the
    loader's words; `message(error)` formats one. When `ok`, `book`,
    `insights` and `files` (name -> the exact bytes to store) are set.
    """

    source: Path
    errors: tuple[ContentError, ...] = ()
    book: Book | None = None
    insights: tuple[Insight, ...] = ()
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and self.book is not None

    @property
    def messages(self) -> tuple[str, ...]:
        return tuple(message(e) for e in self.errors)


def message(error: ContentError) -> str:
    """`my-book/my-book-2.toml: field 'title': must be ...` (the path inside the pack)."""
    where = f"field '{error.field}': " if error.field else ""
    return f"{error.file.as_posix()}: {where}{error.problem}"


class PackRefused(Exception):
    """A pack that was not added (or a book that was not removed); nothing was changed."""

    def __init__(self, errors: tuple[ContentError, ...] | list[ContentError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(message(e) for e in self.errors))

    @property
    def messages(self) -> tuple[str, ...]:
        return tuple(message(e) for e in self.errors)


# --- reading a pack into memory ------------------------------------------------

def read_pack(path: Path) -> tuple[str, dict[str, bytes], list[ContentError]]:
    """(book folder name, its files' bytes, problems): a folder or a .zip, within the limits."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path)
    if path.is_file():
        return _read_zip(path)
    return "", {}, [ContentError(Path(path.name), "", f"not found ({path})")]


def _read_folder(folder: Path) -> tuple[str, dict[str, bytes], list[ContentError]]:
    name = folder.resolve().name
    here = Path(name)
    if not (folder / BOOK_FILE).exists():
        inner = sorted(p.name for p in folder.iterdir() if p.is_dir() and (p / BOOK_FILE).exists()) \
            if os.access(folder, os.R_OK) else []
        hint = (f"; it holds {len(inner)} book folder(s) ({', '.join(inner[:5])}): add one at a time"
                if inner else "")
        return name, {}, [ContentError(here, "", f"is not a book folder: it has no {BOOK_FILE}{hint}")]
    errors: list[ContentError] = []
    files: dict[str, bytes] = {}
    total = 0
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        return name, {}, [ContentError(here, "", f"could not be read ({exc.strerror or exc})")]
    if len(entries) > MAX_FILES:
        return name, {}, [ContentError(here, "", f"holds {len(entries)} entries; a pack may hold at most "
                                                 f"{MAX_FILES}")]
    for entry in entries:
        inside = here / entry.name
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            errors.append(ContentError(inside, "", "is a symbolic link; a pack holds plain files only"))
            continue
        if not (entry.name.endswith(".toml") and entry.is_file(follow_symlinks=False)):
            continue  # not read by the loader, so not stored
        try:
            size = entry.stat(follow_symlinks=False).st_size
            if size > MAX_FILE_BYTES:
                errors.append(ContentError(inside, "", f"is {size:,} bytes; a file may be at most "
                                                       f"{_mb(MAX_FILE_BYTES)}"))
                continue
            with open(entry.path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            errors.append(ContentError(inside, "", f"could not be read ({exc.strerror or exc})"))
            continue
        if len(data) > MAX_FILE_BYTES:
            errors.append(ContentError(inside, "", f"is over {_mb(MAX_FILE_BYTES)}, the most a file may be"))
            continue
        total += len(data)
        files[entry.name] = data
    if total > MAX_TOTAL_BYTES:
        errors.append(ContentError(here, "", f"its files add up to {total:,} bytes; a pack may be at most "
                                             f"{_mb(MAX_TOTAL_BYTES)}"))
    return name, files, errors


def _unsafe(name: str) -> str | None:
    """Why a zip entry's name is not a plain relative path inside the zip, or None."""
    if "\\" in name or "\x00" in name:
        return "has a backslash or NUL in its path"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path: it would be written outside the pack"
    parts = name.rstrip("/").split("/")
    if any(p == ".." for p in parts):
        return "has '..' in its path: it would be written outside the pack"
    if any(p in ("", ".") for p in parts):
        return "has an empty or '.' part in its path"
    return None


def _read_zip(path: Path) -> tuple[str, dict[str, bytes], list[ContentError]]:
    pack = Path(path.name)
    size = path.stat().st_size
    if size > MAX_ZIP_BYTES:
        return "", {}, [ContentError(pack, "", f"is {size:,} bytes; a pack may be at most {_mb(MAX_TOTAL_BYTES)}")]
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return "", {}, [ContentError(pack, "", f"is not a book folder or a .zip of one ({exc})")]
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_FILES:
            return "", {}, [ContentError(pack, "", f"holds {len(infos)} entries; a pack may hold at most "
                                                   f"{MAX_FILES}")]
        errors: list[ContentError] = []
        seen: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            reason = _unsafe(name)
            where = pack if reason else Path(name)
            mode = info.external_attr >> 16
            kind = stat.S_IFMT(mode)
            if reason:
                errors.append(ContentError(pack, "", f"entry '{name}' {reason}"))
            elif stat.S_ISLNK(mode):
                errors.append(ContentError(where, "", "is a symbolic link; a pack holds plain files only"))
            elif kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                errors.append(ContentError(where, "", "is not a plain file or folder"))
            elif info.flag_bits & 0x1:
                errors.append(ContentError(where, "", "is encrypted; a pack must not be"))
            elif name.rstrip("/") in seen:
                errors.append(ContentError(where, "", "is in the zip twice"))
            elif info.file_size > MAX_FILE_BYTES:
                errors.append(ContentError(where, "", f"is {info.file_size:,} bytes; a file may be at most "
                                                      f"{_mb(MAX_FILE_BYTES)}"))
            seen.add(name.rstrip("/"))
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            errors.append(ContentError(pack, "", f"its files add up to {total:,} bytes; a pack may be at most "
                                                 f"{_mb(MAX_TOTAL_BYTES)}"))
        if errors:
            return "", {}, errors

        def ignored(parts: tuple[str, ...]) -> bool:
            return any(p.startswith(".") or p in IGNORED_IN_ZIP for p in parts)

        entries = [(PurePosixPath(i.filename).parts, i) for i in infos]
        entries = [(parts, i) for parts, i in entries if not ignored(parts)]
        loose = [i.filename for parts, i in entries if len(parts) == 1 and not i.is_dir()]
        tops = sorted({parts[0] for parts, i in entries if len(parts) > 1 or i.is_dir()})
        if loose or len(tops) != 1:
            found = (f"files outside a folder ({', '.join(loose[:3])})" if loose
                     else f"{len(tops)} folders" + (f" ({', '.join(tops[:5])})" if tops else ""))
            return "", {}, [ContentError(pack, "", f"must hold exactly one book folder (named after the book's "
                                                   f"id, with its {BOOK_FILE} inside); it holds {found}")]
        top = tops[0]
        files: dict[str, bytes] = {}
        read_total = 0
        for parts, info in entries:
            if len(parts) != 2 or info.is_dir() or not parts[1].endswith(".toml"):
                continue  # not read by the loader, so not stored
            where = Path(info.filename)
            try:
                with archive.open(info) as handle:
                    data = handle.read(MAX_FILE_BYTES + 1)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                errors.append(ContentError(where, "", f"could not be read from the zip ({exc})"))
                continue
            except Exception as exc:  # noqa: BLE001 - zlib.error and friends: a damaged zip is a refusal
                errors.append(ContentError(where, "", f"could not be read from the zip ({exc})"))
                continue
            if len(data) > MAX_FILE_BYTES:
                errors.append(ContentError(where, "", f"is over {_mb(MAX_FILE_BYTES)}, the most a file may be"))
                continue
            read_total += len(data)
            files[parts[1]] = data
        if read_total > MAX_TOTAL_BYTES:
            errors.append(ContentError(pack, "", f"its files add up to over {_mb(MAX_TOTAL_BYTES)}"))
        if BOOK_FILE not in files and not errors:
            errors.append(ContentError(Path(top) / BOOK_FILE, "",
                                       "is missing: every book folder needs a book.toml"))
        return top, files, errors


# --- checking --------------------------------------------------------------------

def check_pack(path: Path, library: LoadResult | None = None) -> CheckedPack:
    """Check a pack completely against the loader's rules and the books already there.

    `library` is what is installed (shipped + added, see `installed`); its
    themes are the known themes and its books' and insights' ids are taken.
    Default: the shipped books only. Nothing is written anywhere.
    """
    path = Path(path)
    library = load_insights() if library is None else library
    name, files, errors = read_pack(path)
    if errors:
        return CheckedPack(path, tuple(errors))
    return _check_files(path, name, files, library)


def _check_files(path: Path, name: str, files: dict[str, bytes], library: LoadResult) -> CheckedPack:
    """The loader's checks on a pack read into memory, then its ids against `library`."""
    errors: list[ContentError] = []
    folder = Path(name)
    book, found, problems = load_book(folder, {t.id: t for t in library.themes}, files=files)
    errors.extend(problems)
    if book is None:
        return CheckedPack(path, tuple(errors))

    book_file = folder / BOOK_FILE
    taken = library.book(book.id)
    if taken is not None:
        whose = ("a book you added (remove it first: content remove " + book.id + ")" if taken.added
                 else "a book shipped with Stepwise")
        errors.append(ContentError(book_file, "id", f"'{book.id}' is already the id of {whose}, "
                                                    f"\"{taken.title}\"; every book needs its own id"))
    owners = {i.id: i for i in library.insights}
    titles = {b.id: b.title for b in library.books}
    mine: dict[str, Path] = {}
    for insight, file in found:
        other = owners.get(insight.id)
        if other is not None:
            errors.append(ContentError(file, "id", f"'{insight.id}' is already used by insight "
                                                   f"{other.position} of \"{titles.get(other.book_id, other.book)}\";"
                                                   " every insight needs its own id"))
        elif insight.id in mine:
            errors.append(ContentError(file, "id", f"'{insight.id}' is already used by {mine[insight.id].name}; "
                                                   "every insight needs its own id"))
        else:
            mine[insight.id] = file
    if errors:
        return CheckedPack(path, tuple(errors))
    stored = {n: files[n] for n in sorted(files) if not n.startswith(".")}
    return CheckedPack(path, (), book, tuple(i for i, _ in sorted(found, key=lambda f: f[0].position)), stored)


def installed(data_dir: Path, shipped: Path | None = None) -> LoadResult:
    """The shipped books and the ones added in `data_dir`, as the app loads them."""
    return load_insights(shipped, added=added_folder(data_dir))


# --- adding and removing -----------------------------------------------------------

def add_pack(path: Path, data_dir: Path, shipped: Path | None = None) -> CheckedPack:
    """Check the pack, then store it as `<data-dir>/books/<book-id>/` in one rename.

    Raises PackRefused (and changes nothing) when the check finds any
    problem or the book id is already taken.
    """
    added = added_folder(data_dir)
    pack = check_pack(path, installed(data_dir, shipped))
    if not pack.ok:
        raise PackRefused(pack.errors)
    book = pack.book
    assert book is not None
    taken = _taken(book.id, added, shipped)
    if taken:
        raise PackRefused([taken])

    _private_dir(added)
    with _locked(added):
        _clear_leftovers(added)
        taken = _taken(book.id, added, shipped)  # again, now that no one else is adding
        if taken:
            raise PackRefused([taken])
        again = _check_files(pack.source, book.id, pack.files, installed(data_dir, shipped))
        if not again.ok:  # another add claimed one of its ids since the first check
            raise PackRefused(again.errors)
        staging = Path(tempfile.mkdtemp(prefix=f"{ADDING}{book.id}-", dir=added))
        try:
            for name, data in pack.files.items():
                fd = os.open(staging / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                try:
                    write_all(fd, data)
                    fsync_fd(fd)
                finally:
                    os.close(fd)
            fsync_dir(staging)
            os.rename(staging, added / book.id)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        fsync_dir(added)
    return pack


def remove_pack(book_id: str, data_dir: Path, shipped: Path | None = None) -> Book | None:
    """Delete an added book's folder; journal entries and practice history stay.

    Returns the Book that was removed (None when its folder no longer
    loaded). Raises PackRefused for a shipped book or an unknown id.
    """
    added = added_folder(data_dir)
    here = Path(book_id)
    if not ID_PATTERN.fullmatch(book_id):
        raise PackRefused([ContentError(here, "", "is not a book id (lowercase letters, digits and hyphens; "
                                                  "see: content list)")])
    target = added / book_id
    if not os.path.lexists(target):
        shipped_folder = (DEFAULT_FOLDER if shipped is None else Path(shipped)) / book_id
        if shipped_folder.is_dir():
            raise PackRefused([ContentError(here, "", "is shipped with Stepwise and cannot be removed; "
                                                      "only books you added can")])
        raise PackRefused([ContentError(here, "", "no book you added has this id (see: content list)")])
    library = installed(data_dir, shipped)
    book = library.book(book_id)
    removed = book if book is not None and book.added else None
    with _locked(added):
        if not os.path.lexists(target):
            raise PackRefused([ContentError(here, "", "no book you added has this id (see: content list)")])
        gone = Path(tempfile.mkdtemp(prefix=f"{REMOVING}{book_id}-", dir=added))
        os.rename(target, gone / book_id)  # the book is gone from the library in this one step
        fsync_dir(added)
        shutil.rmtree(gone, ignore_errors=True)
        fsync_dir(added)
    return removed


def _taken(book_id: str, added: Path, shipped: Path | None) -> ContentError | None:
    """A book folder of this name already there (even one that no longer loads)."""
    shipped_folder = (DEFAULT_FOLDER if shipped is None else Path(shipped)) / book_id
    here = Path(book_id) / BOOK_FILE
    if shipped_folder.exists():
        return ContentError(here, "id", f"'{book_id}' is already the id of a book shipped with Stepwise; "
                                        "every book needs its own id")
    if os.path.lexists(added / book_id):
        return ContentError(here, "id", f"'{book_id}' is already the id of a book you added (remove it "
                                        f"first: content remove {book_id})")
    return None


def _clear_leftovers(added: Path) -> None:
    """Folders an add or a remove left when it was interrupted (hidden, so never loaded)."""
    for entry in os.scandir(added):
        if entry.name.startswith((ADDING, REMOVING)) and entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)


def _private_dir(folder: Path) -> None:
    """Create `folder` (and the data folder above it) private to the user, 0700."""
    missing = []
    at = folder
    while not at.exists():
        missing.append(at)
        at = at.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
        fsync_dir(path.parent)


@contextmanager
def _locked(added: Path) -> Iterator[None]:
    """One add or remove at a time in this data folder (across processes)."""
    if fcntl is None:
        yield
        return
    fd = os.open(added / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)

