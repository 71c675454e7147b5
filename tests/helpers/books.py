"""Fixture books for the Library's tests: written to a tmp folder in the shipped format, or built in memory.

Theme ids come from the shipped content/themes.toml (the loader reads it), so
the tests work whatever books are shipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from content import Insight, LoadResult, Step, load_insights
from content.loader import load_themes
from tests.helpers.content_files import to_toml, valid, valid_book


def theme_ids() -> list[str]:
    """The shipped theme ids, in shelf order (at least two are needed by these tests)."""
    themes, errors = load_themes()
    assert not errors and len(themes) >= 2, errors
    return [t.id for t in themes]


def write_book(library: Path, book_id: str, insights: int = 3, *, themes: list[str] | None = None,
               title: str | None = None, author: str = "An Author", subtitle: str = "Its Subtitle",
               year: int = 2001, story_words: int | None = None) -> Path:
    """`library/<book_id>/` with its book.toml and `insights` insight files titled "<Title> n"."""
    folder = library / book_id
    folder.mkdir(parents=True)
    book = valid_book(book_id, insights)
    book.update(title=title or book_id.replace("-", " ").title(), author=author, subtitle=subtitle,
                year=year, themes=themes or theme_ids()[:1])
    (folder / "book.toml").write_text(to_toml(book), encoding="utf-8")
    for n in range(1, insights + 1):
        data: dict[str, Any] = valid()
        data.update(id=f"{book_id}-{n}", position=n, title=f"{book['title']} {n}")
        if story_words is not None:
            data.update(story=[" ".join(["word"] * story_words)])
        (folder / f"{book_id}-{n}.toml").write_text(to_toml(data), encoding="utf-8")
    return folder


def load(library: Path, added: Path | None = None) -> LoadResult:
    loaded = load_insights(library, added=added)
    assert loaded.ok, [str(e) for e in loaded.errors]
    return loaded


def insight(book_id: str, position: int, of: int, title: str | None = None, book: str | None = None,
            story_words: int = 10) -> Insight:
    """An insight in memory: position `position` of the `of` insights of `book_id`."""
    return Insight(
        id=f"{book_id}-{position}", book_id=book_id, title=f"Title {position}" if title is None else title,
        book=book or book_id.replace("-", " ").title(), author="An Author", year=2001,
        position=position, book_insights=of, difficulty="Easy",
        story=(" ".join(["word"] * story_words),), achieve="", steps=(Step("", ""),), questions=(), tips=(),
    )
