"""Which book to read: one for the themes a person chose, and the next one after a book.

`books` are in shelf order (content's LoadResult.books); anything with `id`
and `themes` (a tuple of theme ids, the first the book's main theme) works.
Plain functions: no Flet, no TinyDB.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TypeVar

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
    chosen = set(themes)

    def rank(item: tuple[int, B]) -> tuple:
        place, book = item
        book_themes = tuple(getattr(book, "themes", ()) or ())
        score = len(chosen.intersection(book_themes))
        first_chosen = bool(book_themes) and book_themes[0] in chosen
        return (book.id in exclude, book.id in finished_books, -score, not first_chosen, place)

    ranked = sorted(enumerate(books), key=rank)
    return ranked[0][1] if ranked else None


def next_book(books: Sequence[B], finished_book: B, finished_books: Collection[str]) -> B | None:
    """The book to suggest after `finished_book`: same first theme first, then any shared theme, then shelf order.

    Never the finished book itself nor another finished one (None when every other book is finished).
    """
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
    return min(candidates, key=rank)[1] if candidates else None
