"""Load the library: every book folder, its book.toml and its insight files.

One broken file must never take the whole app down: it is skipped, its
problems are returned as ContentErrors, and the other files and books still
load. A book whose book.toml is broken is skipped whole (its insights cannot
be placed without it).

A library folder holds one folder per book (content/books/<book-id>/); a
folder that itself has a book.toml is read as a library of that one book.

Books a user added (content/packs.py) live in a second library folder in the
user's data folder, `<data-dir>/books/`; `load_insights(added=...)` reads it
after the shipped one. Its books are marked `added=True`; a shipped book or
insight keeps its id when an added one claims it too.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .book import Book, Theme
from .errors import ContentError
from .insight import Insight
from .schema import ID_PATTERN, parse_book, parse_insight

CONTENT = Path(__file__).resolve().parent
DEFAULT_FOLDER = CONTENT / "books"
THEMES_FILE = CONTENT / "themes.toml"
BOOK_FILE = "book.toml"

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)\s*$")
_AT_END = "(at end of document)"
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The books in shelf order, their insights in reading order, and every problem found.

    Shelf order: by the first theme's place in themes.toml, then year, then
    title. Reading order: the books in shelf order, each book by position.
    """

    insights: tuple[Insight, ...]
    errors: tuple[ContentError, ...]
    books: tuple[Book, ...] = ()
    themes: tuple[Theme, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    def book(self, book_id: str) -> Book | None:
        return next((b for b in self.books if b.id == book_id), None)

    def insights_of(self, book_id: str) -> tuple[Insight, ...]:
        return tuple(i for i in self.insights if i.book_id == book_id)


def load_themes(path: Path = THEMES_FILE) -> tuple[tuple[Theme, ...], list[ContentError]]:
    """The Library's themes, in shelf order."""
    data, problem = read_toml(path)
    if problem:
        return (), [problem]
    themes: list[Theme] = []
    errors: list[ContentError] = []
    for n, item in enumerate(data.get("themes", []), 1):
        where = f"themes[{n}]"
        if not isinstance(item, dict) or set(item) != {"id", "name", "colour"}:
            errors.append(ContentError(path, where, "needs exactly an id, a name and a colour"))
        elif not (isinstance(item["id"], str) and ID_PATTERN.fullmatch(item["id"])):
            errors.append(ContentError(path, f"{where}.id", "must use only lowercase letters, digits and hyphens"))
        elif not (isinstance(item["name"], str) and item["name"].strip()):
            errors.append(ContentError(path, f"{where}.name", "must be a non-empty string"))
        elif not (isinstance(item["colour"], str) and _COLOUR.fullmatch(item["colour"])):
            errors.append(ContentError(path, f"{where}.colour", "must be a colour like \"#2F6B5F\""))
        elif any(t.id == item["id"] for t in themes):
            errors.append(ContentError(path, f"{where}.id", f"'{item['id']}' is listed twice"))
        else:
            themes.append(Theme(item["id"], item["name"].strip(), item["colour"].upper()))
    if not themes and not errors:
        errors.append(ContentError(path, "themes", "no [[themes]] listed"))
    return tuple(themes), errors


def load_insights(folder: Path | None = None, added: Path | None = None) -> LoadResult:
    """Read every book under `folder` (default: content/books), then under `added`.

    Books are read in folder-name order and their files in name order, so
    when two files claim the same insight id the first is kept and the later
    one is reported. Hidden files and folders (names starting with ".", e.g.
    editor backups) are ignored.

    `added` is the folder of books the user added (`<data-dir>/books`); it
    may be missing or empty (nothing added yet). Its books come after the
    shipped ones when ids are claimed, so a shipped book always wins; they
    are marked `added=True` and stand on the same shelves, in the same order.
    """
    folder = DEFAULT_FOLDER if folder is None else Path(folder)
    themes, errors = load_themes()
    by_id = {t.id: t for t in themes}
    sources: list[tuple[Path, bool]] = []
    if not folder.is_dir():
        errors.append(ContentError(folder, "", "folder not found"))
    else:
        found_folders = book_folders(folder)
        if not found_folders:
            errors.append(ContentError(folder, "", "no books (folders with a book.toml) here"))
        sources.extend((f, False) for f in found_folders)
    if added is not None and Path(added).is_dir():
        sources.extend((f, True) for f in book_folders(Path(added)))

    books: list[Book] = []
    insights: list[Insight] = []
    owner: dict[str, Path] = {}
    book_owner: dict[str, Path] = {}
    for book_folder, is_added in sources:
        book, found, problems = load_book(book_folder, by_id)
        errors.extend(problems)
        if book is None:
            continue
        if book.id in book_owner:
            errors.append(ContentError(
                book_folder / BOOK_FILE, "id",
                f"'{book.id}' is already the id of the book in {book_owner[book.id]}; "
                "every book needs its own id",
            ))
            continue
        book_owner[book.id] = book_folder
        if is_added:
            book = dataclasses.replace(book, added=True)
        kept = []
        for insight, path in found:
            if insight.id in owner:
                errors.append(ContentError(
                    path, "id",
                    f"'{insight.id}' is already used by {owner[insight.id].name}; every insight needs its own id",
                ))
                continue
            owner[insight.id] = path
            kept.append(insight)
        if kept:
            books.append(book)
            insights.extend(kept)

    shelf = {t.id: n for n, t in enumerate(themes)}
    books.sort(key=lambda b: (shelf.get(b.themes[0], len(shelf)), b.year, b.title.casefold(), b.id))
    place = {b.id: n for n, b in enumerate(books)}
    insights.sort(key=lambda i: (place[i.book_id], i.position))
    return LoadResult(tuple(insights), tuple(errors), tuple(books), themes)


def book_folders(folder: Path) -> list[Path]:
    """The book folders of a library, by name; a folder with a book.toml is a library of itself."""
    if (folder / BOOK_FILE).exists():
        return [folder]
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def load_book(
    folder: Path, themes: dict[str, Theme], files: Mapping[str, bytes] | None = None,
) -> tuple[Book | None, list[tuple[Insight, Path]], list[ContentError]]:
    """One book folder: its book.toml, then each insight file, then whether positions 1..N are all there.

    `files` (file name -> bytes) stands in for the folder's files when given:
    a pack is checked from the bytes read once, which are then the bytes
    stored; errors still name `folder / file name`.
    """
    book_file = folder / BOOK_FILE

    def read(path: Path) -> tuple[dict[str, Any], ContentError | None]:
        return read_toml(path) if files is None else parse_toml(path, files[path.name])

    exists = book_file.is_file() if files is None else BOOK_FILE in files
    if not exists:
        return None, [], [ContentError(book_file, "", "is missing: every book folder needs a book.toml")]
    data, problem = read(book_file)
    if problem:
        return None, [], [problem]
    book, errors = parse_book(data, book_file, themes)
    if book is None:
        return None, [], errors

    found: list[tuple[Insight, Path]] = []
    at: dict[int, Path] = {}
    names = [p.name for p in folder.glob("*.toml")] if files is None else [n for n in files if n.endswith(".toml")]
    paths = [folder / n for n in sorted(names) if not n.startswith(".") and n != BOOK_FILE]
    for path in paths:
        data, problem = read(path)
        if problem:
            errors.append(problem)
            continue
        insight, problems = parse_insight(data, path, book)
        errors.extend(problems)
        if insight is None:
            continue
        if insight.position in at:
            errors.append(ContentError(path, "position", f"{insight.position} is already taken by "
                                                         f"{at[insight.position].name}; each position is used once"))
            continue
        at[insight.position] = path
        found.append((insight, path))
    missing = [n for n in range(1, book.insights + 1) if n not in at]
    if missing and not errors:
        listed = ", ".join(map(str, missing))
        errors.append(ContentError(book_file, "insights", f"the book has {book.insights} insights, but no "
                                                          f"file has position {listed}"))
    return book, found, errors


def read_toml(path: Path) -> tuple[dict[str, Any], ContentError | None]:
    """One file: bytes -> UTF-8 text -> TOML table, or the problem with it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return {}, ContentError(path, "", f"could not be read ({exc.strerror or exc})")
    return parse_toml(path, raw)


def parse_toml(path: Path, raw: bytes) -> tuple[dict[str, Any], ContentError | None]:
    """The bytes of the file at `path` -> UTF-8 text -> TOML table, or the problem with it."""
    try:
        # utf-8-sig: tolerate the byte-order mark some Windows editors add.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.start + 1].hex()
        return {}, ContentError(
            path, "", f"is not UTF-8 text (byte 0x{bad} on line {line}); save it with UTF-8 encoding", line,
        )
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        return {}, _syntax_error(path, exc, text)


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError, text: str) -> ContentError:
    """Reword tomllib's message so the line number leads."""
    message = str(exc)
    found = _TOML_POSITION.search(message)
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        reason = message[: found.start()].strip()
        return ContentError(path, "", f"TOML syntax error on line {line}, column {column}: {reason}", line)
    if message.endswith(_AT_END) and message.startswith("Unterminated string"):
        for quotes in ('"""', "'''"):
            if text.count(quotes) % 2:  # an odd count: the last one was never closed
                line = text[: text.rindex(quotes)].count("\n") + 1
                return ContentError(
                    path, "", f"TOML syntax error on line {line}: the text opened with {quotes} "
                    "here is never closed", line)
    if message.endswith(_AT_END):
        # Something was left unfinished; point at the last line with content.
        line = max(1, len(text.rstrip().splitlines()))
        reason = message[: -len(_AT_END)].strip()
        return ContentError(path, "", f"TOML syntax error on line {line} (end of file): {reason}", line)
    return ContentError(path, "", f"TOML syntax error: {message}")
