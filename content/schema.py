"""Turn one parsed TOML table into an Insight, or say precisely what is wrong.

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

from .errors import ContentError
from .insight import Insight, Step

FIELDS = (
    "id", "order", "title", "book", "author", "year", "position", "book_insights",
    "difficulty", "story", "achieve", "steps", "questions", "tips",
)
STEP_FIELDS = ("title", "body")

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

    def __init__(self, file: Path) -> None:
        self.file = file
        self.errors: list[ContentError] = []

    def fail(self, field: str, problem: str) -> None:
        self.errors.append(ContentError(self.file, field, problem))

    def present(self, value: Any, field: str) -> bool:
        if value is MISSING:
            self.fail(field, "is missing (every insight needs it)" if "." not in field
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
            if hint:
                advice = f"did you mean '{hint[0]}'?"
            elif prefix and key in FIELDS:
                advice = ("it belongs at the top of the file, before the first [[steps]] line; "
                          "everything below a [[steps]] line is part of that step")
            else:
                advice = "allowed fields are: " + ", ".join(allowed)
            self.fail(f"{prefix}{key}", f"unknown field ({advice})")


def parse_insight(
    data: dict[str, Any], file: Path, this_year: int | None = None
) -> tuple[Insight | None, list[ContentError]]:
    """Check every field of `data`; return the Insight only if all are valid.

    `this_year` bounds a plausible publication year (next year is allowed,
    for books announced ahead); it defaults to today's year.
    """
    latest = (this_year or datetime.date.today().year) + 1
    check = _Checker(file)

    def field(name: str) -> Any:
        return data.get(name, MISSING)

    ident = check.text(field("id"), "id")
    if ident is not None and not ID_PATTERN.fullmatch(ident):
        check.fail("id", "must use only lowercase letters, digits and single hyphens, "
                         f"like 'escaping-the-build-trap-5' (found '{ident}')")
        ident = None
    order = check.whole(field("order"), "order")
    title = check.text(field("title"), "title")
    book = check.text(field("book"), "book")
    author = check.text(field("author"), "author")
    year = check.whole(field("year"), "year", EARLIEST_YEAR, latest)
    if year == 0:
        check.fail("year", "must not be 0 (there is no year 0; use -1 for 1 BC)")
        year = None
    position = check.whole(field("position"), "position", 1, MAX_BOOK_INSIGHTS)
    total = check.whole(field("book_insights"), "book_insights", 1, MAX_BOOK_INSIGHTS)
    if position is not None and total is not None and position > total:
        check.fail("position", f"must not be more than book_insights ({total}); found {position}")
        position = None
    difficulty = check.text(field("difficulty"), "difficulty")
    story = check.texts(field("story"), "story")
    achieve = check.text(field("achieve"), "achieve")
    steps = _steps(check, field("steps"))
    questions = check.texts(field("questions"), "questions")
    tips = check.texts(field("tips"), "tips")
    check.unknown([key for key in data if key not in FIELDS], FIELDS)

    if check.errors:
        return None, check.errors
    insight = Insight(
        id=ident, order=order, title=title, book=book, author=author,  # type: ignore[arg-type]
        year=year, position=position, book_insights=total,  # type: ignore[arg-type]
        difficulty=difficulty, story=story, achieve=achieve,  # type: ignore[arg-type]
        steps=steps, questions=questions, tips=tips,  # type: ignore[arg-type]
    )
    return insight, []


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
        extra = [key for key in item if key not in STEP_FIELDS]
        check.unknown(extra, STEP_FIELDS, prefix=f"{field}.")
        if None in parts.values() or extra:
            ok = False
        else:
            steps.append(Step(title=parts["title"], body=parts["body"]))  # type: ignore[arg-type]
    return tuple(steps) if ok else None
