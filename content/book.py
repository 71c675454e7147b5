"""The shape of a book and its themes as the rest of the app sees them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Theme:
    """A shelf of the Library: what a person may want to get better at."""

    id: str
    name: str
    colour: str  # "#RRGGBB", the colour of the covers drawn for its books


@dataclass(frozen=True, slots=True)
class Book:
    """One book: the facts written once in its book.toml.

    `insights` is how many numbered insights the book has (positions 1..N).
    `subtitle` is "" for a book that has none. `added` is True for a book the
    user added (content/packs.py, stored in the data folder), False for one
    shipped with the app.
    """

    id: str
    title: str
    subtitle: str
    author: str
    year: int
    themes: tuple[str, ...]
    about: str
    insights: int
    added: bool = False

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title
