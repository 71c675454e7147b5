"""Which book to read (library/recommend.py): by the chosen themes, and after finishing one."""

from __future__ import annotations

from content import Book
from library.recommend import next_book, recommend


def book(book_id: str, *themes: str) -> Book:
    return Book(id=book_id, title=book_id.title(), subtitle="", author="A", year=2000,
                themes=tuple(themes), about="", insights=8)


# shelf order, as the loader sorts them
SHELF = [
    book("product-1", "product"),
    book("product-2", "product", "people"),
    book("focus-1", "focus", "thinking"),
    book("focus-2", "focus"),
    book("people-1", "people", "focus"),
    book("thinking-1", "thinking"),
]


def ids(found):
    return found.id if found is not None else None


def test_no_themes_gives_the_first_unfinished_book():
    assert ids(recommend(SHELF, [], set())) == "product-1"
    assert ids(recommend(SHELF, [], {"product-1"})) == "product-2"


def test_the_book_with_the_most_chosen_themes_wins():
    assert ids(recommend(SHELF, ["focus"], set())) == "focus-1"
    assert ids(recommend(SHELF, ["focus", "thinking"], set())) == "focus-1"  # two of them
    assert ids(recommend(SHELF, ["people", "focus"], set())) == "people-1"  # two, ahead of focus-1 (one)


def test_a_book_whose_first_theme_is_chosen_breaks_a_tie():
    # product-2 has "people" second, people-1 has it first: people-1 wins although later on the shelf
    assert ids(recommend(SHELF, ["people"], set())) == "people-1"
    # thinking-1's first theme is "thinking"; focus-1 has it second
    assert ids(recommend(SHELF, ["thinking"], set())) == "thinking-1"


def test_finished_and_excluded_books_come_last():
    assert ids(recommend(SHELF, ["thinking"], {"thinking-1"})) == "focus-1"
    assert ids(recommend(SHELF, ["thinking"], set(), exclude={"thinking-1", "focus-1"})) == "product-1"
    everything = {b.id for b in SHELF}
    assert ids(recommend(SHELF, ["focus"], everything)) == "focus-1"  # all finished: still the best match
    assert recommend([], ["focus"], set()) is None


def test_unknown_themes_fall_back_to_shelf_order():
    assert ids(recommend(SHELF, ["cooking"], set())) == "product-1"


def test_next_book_same_first_theme_first():
    assert ids(next_book(SHELF, SHELF[2], set())) == "focus-2"  # focus-1 -> focus-2
    assert ids(next_book(SHELF, SHELF[3], set())) == "focus-1"  # earlier on the shelf is fine


def test_next_book_then_any_shared_theme_then_shelf_order():
    done = {"focus-1", "focus-2"}
    # focus-2 finished, no other unfinished "focus"-first book: people-1 shares "focus"
    assert ids(next_book(SHELF, SHELF[3], done)) == "people-1"
    # thinking-1: no other thinking-first book; focus-1 shares "thinking" but is finished: shelf order
    assert ids(next_book(SHELF, SHELF[5], {"focus-1"})) == "product-1"


def test_next_book_is_never_the_finished_one_or_another_finished_book():
    everything_else = {b.id for b in SHELF if b.id != "thinking-1"}
    assert next_book(SHELF, SHELF[5], everything_else) is None
    assert next_book([SHELF[0]], SHELF[0], set()) is None
    found = next_book(SHELF, SHELF[0], {"product-2"})
    assert ids(found) not in {"product-1", "product-2"}
