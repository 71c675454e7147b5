"""Turn one parsed TOML table into an Insight or a Book, or say precisely what is wrong.

Every field is checked and every problem is reported (not just the first),
so an author fixes a file in one pass. Texts have their whitespace collapsed:
authors may wrap long lines freely; paragraphs are separate list items.
"""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path
from typing import Any

from .book import Book, Theme
from .errors import ContentError
from .insight import Insight, Step

FIELDS = ("id", "position", "title", "difficulty", "story", "achieve", "steps", "questions", "tips")
STEP_FIELDS = ("title", "body")
OPTIONAL_STEP_FIELDS = ("mission",)  # true: the step asks the reader to write their mission
BOOK_FIELDS = ("id", "title", "subtitle", "author", "year", "themes", "insights", "about")
#: The labels an insight's difficulty may have, easiest first.
DIFFICULTIES = (
    "Easy — you can start today",
    "Medium — needs some preparation",
    "Hard — takes courage or a few days",
)
MAX_THEMES = 3

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EARLIEST_YEAR = -3000  # negative years are BC; leaves room for the classics
MAX_BOOK_INSIGHTS = 100


def _kind(value: Any) -> str:
    """A non-programmer's name for the type of value the author wrote."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (datetime.date, datetime.time)):
        return "a date/time"
    return type(value).__name__


MISSING: Any = object()  # stands in for a field the author left out


class _Checker:
    """Collects ContentErrors for one file while converting its values.

    Each converter returns None after reporting a problem, so the caller
    can carry on and report the next field too.
    """

    def fail(self, field: str, problem: str) -> None:
        self.errors.append(ContentError(self.file, field, problem))

    def __init__(self, file: Path, kind: str = "insight") -> None:
        self.file = file
        self.kind = kind  # "insight" or "book": what every top-level field belongs to
        self.errors: list[ContentError] = []

    def present(self, value: Any, field: str) -> bool:
        if value is MISSING:
            self.fail(field, f"is missing (every {self.kind} needs it)" if "." not in field
                      else "is missing (every step needs it)")
            return False
        return True

    def text(self, value: Any, field: str) -> str | None:
        if not self.present(value, field):
            return None
        if not isinstance(value, str):
            self.fail(field, f"must be a non-empty string (found {_kind(value)})")
            return None
        cleaned = " ".join(value.split())
        if not cleaned:
            self.fail(field, "must be a non-empty string (it is empty)")
            return None
        return cleaned

    def whole(self, value: Any, field: str, low: int | None = None, high: int | None = None) -> int | None:
        if not self.present(value, field):
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, f"must be a whole number (found {_kind(value)})")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail(field, f"must be between {low} and {high} (found {value})")
            return None
        return value

    def listed(self, value: Any, field: str, what: str) -> list[Any] | None:
        if not self.present(value, field):
            return None
        if not isinstance(value, list):
            self.fail(field, f"must be a list of {what} (found {_kind(value)})")
            return None
        if not value:
            self.fail(field, f"must be a non-empty list of {what} (it is empty)")
            return None
        return value

    def texts(self, value: Any, field: str) -> tuple[str, ...] | None:
        items = self.listed(value, field, "strings")
        if items is None:
            return None
        out = [self.text(item, f"{field}[{n}]") for n, item in enumerate(items, 1)]
        return None if None in out else tuple(out)  # type: ignore[arg-type]

    def unknown(self, keys: list[str], allowed: tuple[str, ...], prefix: str = "") -> None:
        for key in keys:
            hint = difflib.get_close_matches(key, allowed, n=1)
            if self.kind == "insight" and not prefix and key in ("book", "author", "year", "subtitle",
                                                                    "book_insights", "themes", "about"):
                advice = "facts about the book are written once, in the book's book.toml"
            elif self.kind == "insight" and not prefix and key == "order":
                advice = "the book's order is its insights' `position`, 1, 2, 3 ..."
            elif hint:
                advice = f"did you mean '{hint[0]}'?"
            elif prefix and key in FIELDS:
                advice = ("it belongs at the top of the file, before the first [[steps]] line; "
                          "everything below a [[steps]] line is part of that step")
            else:
                advice = "allowed fields are: " + ", ".join(allowed)
            self.fail(f"{prefix}{key}", f"unknown field ({advice})")


def parse_insight(data: dict[str, Any], file: Path, book: Book) -> tuple[Insight | None, list[ContentError]]:
    """Check every field of one insight file of `book`; return the Insight only if all are valid."""
    check = _Checker(file)

    def field(name: str) -> Any:
        return data.get(name, MISSING)

    ident = _ident(check, field("id"), "escaping-the-build-trap-5")
    position = check.whole(field("position"), "position", 1, MAX_BOOK_INSIGHTS)
    if position is not None and position > book.insights:
        check.fail("position", f"must not be more than the book's number of insights "
                               f"({book.insights}, in book.toml); found {position}")
        position = None
    title = check.text(field("title"), "title")
    difficulty = check.text(field("difficulty"), "difficulty")
    if difficulty is not None and difficulty not in DIFFICULTIES:
        check.fail("difficulty", "must be one of: " + "; ".join(f'"{d}"' for d in DIFFICULTIES)
                   + f" (found \"{difficulty}\")")
        difficulty = None
    story = check.texts(field("story"), "story")
    achieve = check.text(field("achieve"), "achieve")
    steps = _steps(check, field("steps"))
    questions = check.texts(field("questions"), "questions")
    tips = check.texts(field("tips"), "tips")
    check.unknown([key for key in data if key not in FIELDS], FIELDS)

    if check.errors:
        return None, check.errors
    insight = Insight(
        id=ident, book_id=book.id, title=title, book=book.title,  # type: ignore[arg-type]
        author=book.author, year=book.year, position=position, book_insights=book.insights,  # type: ignore[arg-type]
        difficulty=difficulty, story=story, achieve=achieve,  # type: ignore[arg-type]
        steps=steps, questions=questions, tips=tips,  # type: ignore[arg-type]
    )
    return insight, []


def parse_book(
    data: dict[str, Any], file: Path, themes: dict[str, Theme], this_year: int | None = None
) -> tuple[Book | None, list[ContentError]]:
    """Check every field of a book.toml; return the Book only if all are valid.

    `this_year` bounds a plausible publication year (next year is allowed,
    for books announced ahead); it defaults to today's year.
    """
    latest = (this_year or datetime.date.today().year) + 1
    check = _Checker(file, kind="book")

    def field(name: str) -> Any:
        return data.get(name, MISSING)

    ident = _ident(check, field("id"), "escaping-the-build-trap")
    if ident is not None and ident != file.parent.name:
        check.fail("id", f"must be the name of the book's folder, '{file.parent.name}' (found '{ident}')")
        ident = None
    title = check.text(field("title"), "title")
    subtitle = "" if field("subtitle") is MISSING else check.text(field("subtitle"), "subtitle")
    author = check.text(field("author"), "author")
    year = check.whole(field("year"), "year", EARLIEST_YEAR, latest)
    if year == 0:
        check.fail("year", "must not be 0 (there is no year 0; use -1 for 1 BC)")
        year = None
    shelves = check.texts(field("themes"), "themes")
    if shelves is not None:
        unknown = [t for t in shelves if t not in themes]
        if unknown:
            check.fail("themes", f"unknown theme '{unknown[0]}' (themes are: {', '.join(themes)})")
            shelves = None
        elif len(shelves) > MAX_THEMES or len(set(shelves)) != len(shelves):
            check.fail("themes", f"must name 1 to {MAX_THEMES} different themes (found {len(shelves)})")
            shelves = None
    count = check.whole(field("insights"), "insights", 1, MAX_BOOK_INSIGHTS)
    about = check.text(field("about"), "about")
    check.unknown([key for key in data if key not in BOOK_FIELDS], BOOK_FIELDS)

    if check.errors:
        return None, check.errors
    book = Book(id=ident, title=title, subtitle=subtitle, author=author, year=year,  # type: ignore[arg-type]
                themes=shelves, about=about, insights=count)  # type: ignore[arg-type]
    return book, []


def _ident(check: _Checker, value: Any, example: str) -> str | None:
    ident = check.text(value, "id")
    if ident is not None and not ID_PATTERN.fullmatch(ident):
        check.fail("id", "must use only lowercase letters, digits and single hyphens, "
                         f"like '{example}' (found '{ident}')")
        return None
    return ident


def _steps(check: _Checker, value: Any) -> tuple[Step, ...] | None:
    """Each [[steps]] block needs a title and a body, nothing else."""
    items = check.listed(value, "steps", "[[steps]] blocks with a title and a body")
    if items is None:
        return None
    steps: list[Step] = []
    ok = True
    for n, item in enumerate(items, 1):
        field = f"steps[{n}]"
        if not isinstance(item, dict):
            check.fail(field, f"must be a [[steps]] block with a title and a body (found {_kind(item)})")
            ok = False
            continue
        parts = {name: check.text(item.get(name, MISSING), f"{field}.{name}") for name in STEP_FIELDS}
        mission = item.get("mission", False)
        if not isinstance(mission, bool):
            check.fail(f"{field}.mission", f"must be true or false (found {_kind(mission)})")
        extra = [key for key in item if key not in STEP_FIELDS + OPTIONAL_STEP_FIELDS]
        check.unknown(extra, STEP_FIELDS + OPTIONAL_STEP_FIELDS, prefix=f"{field}.")
        if None in parts.values() or extra or not isinstance(mission, bool):
            ok = False
        else:
            steps.append(Step(title=parts["title"], body=parts["body"], mission=mission))  # type: ignore[arg-type]
    return tuple(steps) if ok else None
