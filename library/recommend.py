"""Which book to read: one for the themes a person chose, and the next one after a book.

Both learn from reviews (issue #19) through `prefer_kept`: books on themes
whose insights the person kept as habits come before the others, books on
themes whose insights were dropped after them, each with a one-line reason.

`books` are in shelf order (content's LoadResult.books); anything with `id`
and `themes` (a tuple of theme ids, the first the book's main theme) works.
Plain functions: no Flet, no TinyDB.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

B = TypeVar("B")


def recommend(
    books: Sequence[B],
    themes: Sequence[str],
    finished_books: Collection[str],
    exclude: Collection[str] = (),
) -> B | None:
    """The book to recommend for the chosen `themes` (theme ids).

    Ranked by: excluded and finished books last; then how many of the chosen
    themes the book has; a book whose *first* theme is chosen ahead on a tie;
    then shelf order. No themes chosen: the first unfinished book. None only
    when there are no books.
    """
    ranked = ranked_for_themes(books, themes, finished_books, exclude)
    return ranked[0] if ranked else None


def ranked_for_themes(
    books: Sequence[B],
    themes: Sequence[str],
    finished_books: Collection[str],
    exclude: Collection[str] = (),
) -> list[B]:
    """Every book in `recommend`'s order (its first is `recommend`'s answer)."""
    chosen = set(themes)

    def rank(item: tuple[int, B]) -> tuple:
        place, book = item
        book_themes = tuple(getattr(book, "themes", ()) or ())
        score = len(chosen.intersection(book_themes))
        first_chosen = bool(book_themes) and book_themes[0] in chosen
        return (book.id in exclude, book.id in finished_books, -score, not first_chosen, place)

    return [book for _, book in sorted(enumerate(books), key=rank)]


def next_book(books: Sequence[B], finished_book: B, finished_books: Collection[str]) -> B | None:
    """The book to suggest after `finished_book`: same first theme first, then any shared theme, then shelf order.

    Never the finished book itself nor another finished one (None when every other book is finished).
    """
    ranked = next_books(books, finished_book, finished_books)
    return ranked[0] if ranked else None


def next_books(books: Sequence[B], finished_book: B, finished_books: Collection[str]) -> list[B]:
    """The books `next_book` may suggest, best first (its first is `next_book`'s answer)."""
    own = tuple(getattr(finished_book, "themes", ()) or ())
    first = own[0] if own else None

    def rank(item: tuple[int, B]) -> tuple[int, int]:
        place, book = item
        theirs = tuple(getattr(book, "themes", ()) or ())
        if first is not None and theirs and theirs[0] == first:
            closeness = 0
        elif set(own) & set(theirs):
            closeness = 1
        else:
            closeness = 2
        return (closeness, place)

    candidates = [(n, b) for n, b in enumerate(books)
                  if b.id != finished_book.id and b.id not in finished_books]
    return [b for _, b in sorted(candidates, key=rank)]


# -- learning from reviews ---------------------------------------------------------


@dataclass(frozen=True)
class Tried:
    """What the person's current verdicts say about one book's insights."""

    book_title: str
    themes: tuple[str, ...]
    kept: int  # habits kept or adapted from its insights
    dropped: int  # its insights dropped ("tried, not for me")


@dataclass(frozen=True)
class Suggestion(Generic[B]):
    """A book to read and, when reviews chose it, why in one line."""

    book: B | None
    reason: str | None = None


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def theme_counts(tried: Sequence[Tried]) -> dict[str, tuple[int, int]]:
    """Theme id -> (habits kept or adapted, insights dropped) over every book tried."""
    counts: dict[str, tuple[int, int]] = {}
    for book in tried:
        for theme in dict.fromkeys(book.themes):
            kept, dropped = counts.get(theme, (0, 0))
            counts[theme] = (kept + book.kept, dropped + book.dropped)
    return counts


def prefer_kept(ranked: Sequence[B], tried: Sequence[Tried],
                eligible=lambda book: True) -> Suggestion[B]:
    """The first of `ranked` once reviews are heard, with the reason when they chose it.

    Each book's themes add up kept minus dropped (`theme_counts`): books with more
    kept come first, books with more dropped last, the rest between, `ranked`'s
    order within each group; books not `eligible` (finished, excluded) stay behind
    all others. The reason names the book the most habits were kept from among
    those sharing a theme with the chosen one: "Because you kept two habits from
    Atomic Habits". No reviews: `ranked`'s first, no reason.
    """
    counts = theme_counts(tried)

    def group(book: B) -> int:
        net = sum(k - d for k, d in (counts.get(t, (0, 0)) for t in dict.fromkeys(getattr(book, "themes", ()) or ())))
        return 0 if net > 0 else 2 if net < 0 else 1

    order = sorted(enumerate(ranked), key=lambda item: (not eligible(item[1]), group(item[1]), item[0]))
    if not order:
        return Suggestion(None)
    chosen = order[0][1]
    if group(chosen) != 0:
        return Suggestion(chosen)
    themes = set(getattr(chosen, "themes", ()) or ())
    sources = [b for b in tried if b.kept > 0 and themes & set(b.themes)]
    if not sources:
        return Suggestion(chosen)
    source = max(sources, key=lambda b: b.kept)  # the first of equals
    return Suggestion(chosen, reason_line(source.kept, source.book_title))


def reason_line(kept: int, book_title: str) -> str:
    """'Because you kept two habits from Atomic Habits' (numbers in words up to ten)."""
    count = _WORDS[kept] if 0 <= kept <= 10 else str(kept)
    return f"Because you kept {count} {'habit' if kept == 1 else 'habits'} from {book_title}"
