"""The fixture shelf of the library's browser tests, written in the shipped book format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.browser.harness import served_now
from tests.helpers.content_files import to_toml, valid, valid_book


#: The fixture shelf: (id, title, author, year, themes, insight titles).
BOOKS = (
    ("small-focus", "Small Focus", "Ada Example", 2020, ["habits-focus"],
     ["One Thing at a Time", "Close the Inbox", "A Quiet Hour", "Finish Before Lunch"]),
    ("tiny-steps", "Tiny Steps", "Bo Sample", 2021, ["habits-focus", "thinking-clearly"],
     ["Start Smaller Than You Think", "Stack It on a Habit"]),
    ("kind-words", "The Long and Winding Guide to Talking With Colleagues Kindly",
     "Cy Placeholder and Di Dummy", 2019, ["working-with-people"],
     ["Listen First", "Say the Hard Thing Early, Before It Grows Into Something Nobody Can Talk About",
      "Thank People by Name"]),
)


#: A book the user added (stored in the data folder, content/packs.py).
ADDED = ("my-own-notes", "My Own Notes", "Me Myself", 2024, ["thinking-clearly"], ["Write It Down"])


def write_books(folder: Path, books=BOOKS) -> Path:
    """The fixture books, in the shipped format (content/README.md)."""
    for book_id, title, author, year, themes, titles in books:
        data = valid_book(book_id, len(titles))
        data.pop("subtitle")
        data.update(title=title, author=author, year=year, themes=themes,
                    about=f"{title} shows, in our own words, how small changes add up. "
                          "A fixture book for the Library's tests.")
        (folder / book_id).mkdir(parents=True)
        (folder / book_id / "book.toml").write_text(to_toml(data), encoding="utf-8")
        for n, insight_title in enumerate(titles, 1):
            insight = valid()
            insight.update(id=f"{book_id}-{n}", position=n, title=insight_title,
                           story=[f"{insight_title}: the first paragraph of its story.",
                                  "The second paragraph, where the idea is tried out."])
            (folder / book_id / f"{book_id}-{n}.toml").write_text(to_toml(insight), encoding="utf-8")
    return folder


def today() -> date:
    return served_now().date()
