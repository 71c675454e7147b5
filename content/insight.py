"""The shape of one insight as the rest of the app sees it.

Frozen (and made of tuples) so screens and rules can share the one loaded
copy without anyone changing it underneath the others.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Step:
    """One action the user practises; `title` is short, `body` says how."""

    title: str
    body: str


@dataclass(frozen=True, slots=True)
class Insight:
    """One day's lesson: a story, what it gives you, steps, questions, tips.

    `id` is what the user's journal and practice history are keyed by, so it
    must never change once shipped. `order` places it in the daily sequence
    (lowest first). `position` of `book_insights` is its place in the book.
    """

    id: str
    order: int
    title: str
    book: str
    author: str
    year: int
    position: int
    book_insights: int
    difficulty: str
    story: tuple[str, ...]
    achieve: str
    steps: tuple[Step, ...]
    questions: tuple[str, ...]
    tips: tuple[str, ...]
