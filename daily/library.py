"""The Library as the screens see it: books, the followed book's path, the first run.

    library = practice.library          # or use_services().library in a screen
    library.shelf(theme="habits-focus", query="clear")   -> [BookCard, ...]
    library.book_page("deep-work")                       -> BookPage
    library.todays_insight()                             -> the ONE rule for today's insight

It joins the content (books, themes, insights), the user's choices
(storage/library.py, over settings) and the practice history, and asks the
plain rules in library/ (path.py, recommend.py). `DailyPractice.insight_on`
delegates here, so Today, reminders, the day record and the journal agree.

Existing users: a data folder with history (a finished day, a journal entry,
a mission or an outcome) and no library key yet is set up once, on first
use: following *Escaping the Build Trap* (or, when that book is already
finished, the book the earlier order would have continued with) and the
first run marked done. Nothing in the history changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from content import Book, Insight, LoadResult, Theme
from content.command import SHOWS_NOW, Report, add_report, remove_report
from content.insight import READING_SPEED
from library.path import (
    NEXT,
    NOT_YET,
    PACES,
    PRACTISED,
    TODAY,
    PathState,
    book_finished,
    following_or_default,
    full_name,
    insight_statuses,
    position_label,
    todays_insight_id,
)
from library.recommend import Suggestion, next_books, prefer_kept, ranked_for_themes
from storage.library import LibraryState

#: The book an existing user (history from before the Library) follows.
EXISTING_USERS_BOOK = "escaping-the-build-trap"
#: At most this many themes in the first run's "What do you want to get better at?".
MAX_THEMES = 3
#: The shelf for a book whose theme is not in themes.toml (or content built without books).
OTHER = Theme("other", "Other books", "#5F6368")


@dataclass(frozen=True)
class BookCard:
    """One book on the Library's shelf."""

    book: Book
    theme: Theme  # the book's first theme: its shelf and cover colour
    insights: int
    minutes: int  # typical reading minutes of one insight, rounded
    practised: int  # insights finished on at least one day
    following: bool
    added: bool  # added by the user (content/packs.py)

    @property
    def progress_text(self) -> str:
        return f"{self.practised} of {self.insights} practised"

    @property
    def size_text(self) -> str:
        count = "1 insight" if self.insights == 1 else f"{self.insights} insights"
        return f"{count} · about {self.minutes} min each"


@dataclass(frozen=True)
class InsightRow:
    """One insight on its book page."""

    insight: Insight
    status: str  # "practised", "today", "next" or "not yet" (library.path)
    practised_on: date | None  # the latest day it was finished
    status_text: str  # "Practised 3 Dec", "Today's", "Next", "Not yet"

    @property
    def minutes(self) -> int:
        return self.insight.reading_minutes


@dataclass(frozen=True)
class BookPage:
    """A book's page: the book, its theme and its insights in order with their status."""

    book: Book
    theme: Theme
    rows: list[InsightRow]
    following: bool
    practised: int

    @property
    def progress_text(self) -> str:
        return f"{self.practised} of {len(self.rows)} practised"


@dataclass(frozen=True)
class NextUp:
    """What the finish screen says comes next.

    `tomorrow`: the insight the path gives tomorrow (None when the book is done
    and nothing follows). `book_done`: the followed book, when today's finish
    completed it (celebrate); `suggestion`: the book to read next then; `reason`: why, when
    reviews chose it ("Because you kept two habits from Atomic Habits"), else None.
    """

    tomorrow: Insight | None
    book_done: Book | None
    suggestion: Book | None
    reason: str | None = None


def group_by_theme(cards: Iterable[BookCard]) -> list[tuple[Theme, list[BookCard]]]:
    """Cards grouped under their theme, themes in the order they first appear (shelf order)."""
    groups: dict[str, tuple[Theme, list[BookCard]]] = {}
    for card in cards:
        groups.setdefault(card.theme.id, (card.theme, []))[1].append(card)
    return list(groups.values())


def practised_text(day: date, today: date) -> str:
    """ "Practised 3 Dec" (the year added when it is not this year's)."""
    text = f"Practised {day.day} {day.strftime('%b')}"
    return text if day.year == today.year else f"{text} {day.year}"


STATUS_TEXT = {TODAY: "Today's", NEXT: "Next", NOT_YET: "Not yet"}


def pack_name(name: str | None) -> str:
    """A picked file's name, safe as one file name in a folder of our own."""
    base = Path(name or "").name.strip()
    return base if base not in ("", ".", "..") else "book.zip"


def books_of(insights: Sequence[Insight]) -> tuple[Book, ...]:
    """Books made from the insights alone (content built without book.toml facts), in their order."""
    books: dict[str, Book] = {}
    for insight in insights:
        book_id = getattr(insight, "book_id", None)
        if book_id and book_id not in books:
            books[book_id] = Book(
                id=book_id, title=insight.book, subtitle="", author=insight.author, year=insight.year,
                themes=(), about="", insights=insight.book_insights,
            )
    return tuple(books.values())


class Library:
    """Books, the followed book's path and the first run, for one user."""

    def __init__(self, practice, content: LoadResult | None = None) -> None:
        self.practice = practice
        insights = tuple(practice.insights)
        books = tuple(content.books) if content is not None and content.books else books_of(insights)
        self._books: tuple[Book, ...] = books
        self._themes: tuple[Theme, ...] = tuple(content.themes) if content is not None else ()
        self._theme_by_id = {t.id: t for t in self._themes}
        self._book_by_id = {b.id: b for b in books}
        self._insights_of: dict[str, tuple[Insight, ...]] = {b.id: () for b in books}
        for insight in insights:
            book_id = getattr(insight, "book_id", None)
            if book_id in self._insights_of:
                self._insights_of[book_id] += (insight,)
        for book_id, found in self._insights_of.items():
            self._insights_of[book_id] = tuple(sorted(found, key=lambda i: i.position))
        self._known = frozenset(i.id for i in insights)
        self._adopted = False

    # --- the content ---------------------------------------------------------
    def books(self) -> tuple[Book, ...]:
        """Every book, in shelf order (shipped and added)."""
        return self._books

    def themes(self) -> tuple[Theme, ...]:
        return self._themes

    def book(self, book_id: str) -> Book | None:
        return self._book_by_id.get(book_id)

    def insights_of(self, book_id: str) -> tuple[Insight, ...]:
        """The book's insights in position order (empty for an unknown book)."""
        return self._insights_of.get(book_id, ())

    def theme_of(self, book: Book) -> Theme:
        """The book's first theme (its shelf and cover colour)."""
        return self._theme_by_id.get(book.themes[0], OTHER) if book.themes else OTHER

    def position_label(self, insight: Insight) -> str:
        """"Insight 3 of 8 · Escaping the Build Trap"."""
        return position_label(insight)

    def full_name(self, insight: Insight) -> str:
        """"Insight 3 of 8 · Escaping the Build Trap: <title>" (reminders name insights so)."""
        return full_name(insight)

    # --- the user's history and choices ----------------------------------------
    @property
    def _store(self):
        return self.practice.store

    @property
    def _state_store(self) -> LibraryState:
        store = self._store
        return getattr(store, "library", None) or LibraryState(store.settings)

    def _finished(self) -> dict[date, str]:
        """Each finished day -> the insight finished that day (reused while the practice files are unchanged)."""
        practice = self._store.practice

        def read() -> dict[date, str]:
            found = {}
            for day in practice.finished_days():
                insight_id = practice.finished_insight(day)
                if insight_id is not None:
                    found[day] = insight_id
            return found

        memo = getattr(self.practice, "memo", None)
        return dict(memo("finished_insights", read) if memo else read())

    def _state(self) -> PathState:
        self._adopt_existing_user()
        return self._state_store.path()

    def _ids(self, book_id: str | None) -> list[str]:
        return [i.id for i in self.insights_of(book_id)] if book_id else []

    def _today(self) -> date:
        return self.practice.today()

    def _has_history(self, finished: dict[date, str]) -> bool:
        store = self._store
        if finished:
            return True
        if store.journal.months():
            return True
        if store.mission.current() is not None:
            return True
        return bool(store.outcomes.all())

    def _adopt_existing_user(self) -> None:
        """Once: a data folder with history and no library key follows a book, first run done."""
        if self._adopted:
            return
        self._adopted = True
        state = self._state_store
        if state.is_set():
            return
        finished = self._finished()
        if not self._has_history(finished):
            return
        book_id = self._book_for_existing_user(finished)
        if book_id is not None:
            state.follow(book_id)
        state.set_first_run_done(True)

    def _book_for_existing_user(self, finished: dict[date, str]) -> str | None:
        """Escaping the Build Trap; when it is finished, the book the earlier order continued with."""
        today = self._today()
        blank = PathState(following=None)

        def done(book_id: str) -> bool:
            return book_finished(self._ids(book_id), finished, blank, today)

        if self.book(EXISTING_USERS_BOOK) is not None and not done(EXISTING_USERS_BOOK):
            return EXISTING_USERS_BOOK
        # The earlier order: the insight after the most recently finished one, in reading order.
        order = [i for b in self._books for i in self._insights_of[b.id]]
        ids = [i.id for i in order]
        known_days = [d for d, i in finished.items() if i in ids]
        if known_days:
            start = ids.index(finished[max(known_days)]) + 1
            for insight in order[start:] + order[:start]:
                if not done(insight.book_id):
                    return insight.book_id
        if self.book(EXISTING_USERS_BOOK) is not None:
            return EXISTING_USERS_BOOK
        return self._books[0].id if self._books else None

    # --- following and the path ---------------------------------------------------
    def _following_id(self, state: PathState) -> str | None:
        return following_or_default(state, [b.id for b in self._books])

    def following(self) -> Book | None:
        """The followed book: the one chosen, or the first on the shelf (also when the chosen one is gone)."""
        book_id = self._following_id(self._state())
        return self.book(book_id) if book_id else None

    def follow(self, book_id: str) -> None:
        """Follow `book_id` from now on (today's insight changes too, unless today is finished)."""
        if self.book(book_id) is None:
            raise ValueError(f"there is no book with the id {book_id!r}")
        self._adopt_existing_user()
        self._state_store.follow(book_id)

    def pace(self) -> str:
        """ "daily" (a new insight each day) or "stay" (stay until Move on)."""
        return self._state().pace

    def set_pace(self, pace: str) -> None:
        if pace not in PACES:
            raise ValueError(f"pace must be one of {', '.join(PACES)}, got {pace!r}")
        self._adopt_existing_user()
        self._state_store.set_pace(pace)

    def insight_on(self, day: date) -> Insight | None:
        """The insight `day` has: the one rule (library/path.py) for Today, reminders, the day record."""
        state = self._state()
        chosen = todays_insight_id(self._ids(self._following_id(state)), self._finished(), state, day, self._known)
        return self.practice.insight(chosen) if chosen else None

    def todays_insight(self) -> Insight | None:
        return self.insight_on(self._today())

    def finished_following(self) -> Book | None:
        """The followed book when the path has nothing left in it today (Today offers what to read next)."""
        if self.todays_insight() is not None:
            return None
        return self.following()

    def move_on(self) -> None:
        """Done with today's insight (pace "stay"): now if today is not finished yet, else from tomorrow."""
        insight = self.todays_insight()
        if insight is not None:
            self._state_store.move_on(insight.id)

    def _today_finished(self) -> bool:
        return bool(self._store.practice.finished(self._today()))

    def can_swap(self, insight_id: str) -> bool:
        """*Practise this today instead* is offered: today is not finished and it is not today's already."""
        if insight_id not in self._known or self._today_finished():
            return False
        today = self.todays_insight()
        return today is None or today.id != insight_id

    def swap_today(self, insight_id: str) -> None:
        """Practise `insight_id` today instead of the path's; ValueError once today is finished."""
        if insight_id not in self._known:
            raise ValueError(f"there is no insight with the id {insight_id!r}")
        if self._today_finished():
            raise ValueError("today's practice is already finished; an insight can be swapped in tomorrow")
        self._adopt_existing_user()
        self._state_store.swap(self._today(), insight_id)

    # --- books: shelf, page, progress --------------------------------------------
    def _practised_ids(self, finished: dict[date, str]) -> set[str]:
        return set(finished.values())

    def _finished_books(self, finished: dict[date, str], state: PathState, day: date) -> set[str]:
        return {b.id for b in self._books if book_finished(self._ids(b.id), finished, state, day)}

    def _minutes(self, book_id: str) -> int:
        insights = self.insights_of(book_id)
        if not insights:
            return 1
        words = sum(i.words for i in insights) / len(insights)
        return max(1, round(words / READING_SPEED))

    def shelf(self, theme: str | None = None, query: str = "") -> list[BookCard]:
        """Books in shelf order: those with `theme` (None: all) whose title, subtitle or author has `query`."""
        state = self._state()
        following = self._following_id(state)
        practised = self._practised_ids(self._finished())
        needle = " ".join(str(query or "").split()).casefold()
        cards = []
        for book in self._books:
            if theme is not None and theme not in book.themes:
                continue
            if needle and not any(needle in text.casefold() for text in (book.title, book.subtitle, book.author)):
                continue
            insights = self.insights_of(book.id)
            cards.append(BookCard(
                book=book,
                theme=self.theme_of(book),
                insights=len(insights),
                minutes=self._minutes(book.id),
                practised=sum(1 for i in insights if i.id in practised),
                following=book.id == following,
                added=book.added,
            ))
        return cards

    group_by_theme = staticmethod(group_by_theme)

    def book_page(self, book_id: str) -> BookPage | None:
        """The book with each insight's status (None for an unknown book)."""
        book = self.book(book_id)
        if book is None:
            return None
        state = self._state()
        finished = self._finished()
        today = self._today()
        following = self._following_id(state) == book_id
        todays = todays_insight_id(self._ids(self._following_id(state)), finished, state, today, self._known)
        statuses = insight_statuses(self._ids(book_id), finished, state, today, followed=following,
                                    todays_id=todays, known_ids=self._known)
        rows = []
        for insight, status in zip(self.insights_of(book_id), statuses):
            text = practised_text(status.practised_on, today) if status.status == PRACTISED \
                else STATUS_TEXT[status.status]
            rows.append(InsightRow(insight, status.status, status.practised_on, text))
        practised = sum(1 for s in statuses if s.practised_on is not None)
        return BookPage(book, self.theme_of(book), rows, following, practised)

    # --- what comes next -------------------------------------------------------------
    def after_finish(self) -> NextUp:
        """What the finish screen says: tomorrow's insight, or the finished book and a suggestion.

        Today counts as finished with today's insight (also when asked just before finishing).
        """
        state = self._state()
        today = self._today()
        finished = self._finished()
        todays = todays_insight_id(self._ids(self._following_id(state)), finished, state, today, self._known)
        if today not in finished and todays is not None:
            finished[today] = todays
        book = self.following()
        ids = self._ids(book.id) if book else []
        tomorrow_id = todays_insight_id(ids, finished, state, today + timedelta(days=1), self._known)
        book_done = None
        if book is not None and finished.get(today) in ids:
            before = {d: i for d, i in finished.items() if d < today}
            if book_finished(ids, finished, state, today) and not book_finished(ids, before, state, today):
                book_done = book
        suggestion = Suggestion(None)
        if book_done is not None:
            suggestion = prefer_kept(next_books(self._books, book_done, self._finished_books(finished, state, today)),
                                     self.practice.review.tried())
        return NextUp(self.practice.insight(tomorrow_id) if tomorrow_id else None, book_done, suggestion.book,
                      suggestion.reason)

    def recommend(self, themes: Sequence[str]) -> Book | None:
        """The book for the chosen theme ids (first run): most of them, unfinished first, shelf order."""
        return self.recommendation(themes).book

    def recommendation(self, themes: Sequence[str]) -> Suggestion:
        """`recommend`'s book with its reason: among unfinished books, themes kept in reviews
        come first (library.recommend.prefer_kept); without reviews the same book, no reason."""
        finished_books = self._finished_books(self._finished(), self._state(), self._today())
        ranked = ranked_for_themes(self._books, list(themes), finished_books)
        return prefer_kept(ranked, self.practice.review.tried(),
                           eligible=lambda b: b.id not in finished_books)

    def suggestion_for_finished(self, book: Book) -> Book | None:
        """The book to read after `book`: same theme first; never a finished one."""
        return self.next_suggestion(book).book

    def next_suggestion(self, book: Book) -> Suggestion:
        """`suggestion_for_finished`'s book with its reason (themes kept in reviews first)."""
        finished_books = self._finished_books(self._finished(), self._state(), self._today())
        return prefer_kept(next_books(self._books, book, finished_books), self.practice.review.tried())

    # --- books the user adds ---------------------------------------------------------------
    def added_books(self) -> list[Book]:
        """The books the user added that loaded, in shelf order."""
        return [book for book in self._books if book.added]

    def add_book_file(self, name: str | None, data: bytes) -> Report:
        """Add a book from a picked file's bytes, in `content add`'s own words; on success
        the running app's shelves have it at once (the practice loads the books again)."""
        shown = pack_name(name)
        with tempfile.TemporaryDirectory(prefix="stepwise-pack-") as folder:
            path = Path(folder) / shown
            path.write_bytes(data)
            report = add_report(path, self.practice.store.data_dir, shown_as=shown, shows=SHOWS_NOW)
        if report.ok:
            self.practice.reload_content()
        return report

    def remove_book(self, book_id: str) -> Report:
        """Remove a book the user added (`content remove`'s words); history and journal stay."""
        report = remove_report(book_id, self.practice.store.data_dir)
        if report.ok:
            self.practice.reload_content()
        return report

    # --- the first run ------------------------------------------------------------------
    def first_run_needed(self) -> bool:
        """True for a new data folder until the welcome screens are gone through or skipped."""
        self._adopt_existing_user()
        return not self._state_store.first_run_done()

    def chosen_themes(self) -> list[str]:
        """The theme ids saved in the first run (known themes only)."""
        return [t for t in self._state_store.themes() if t in self._theme_by_id]

    def save_themes(self, theme_ids: Sequence[str]) -> None:
        """What the user wants to get better at: up to three known theme ids (ValueError otherwise)."""
        ids = list(dict.fromkeys(theme_ids))
        unknown = [t for t in ids if t not in self._theme_by_id]
        if unknown:
            raise ValueError(f"unknown theme id(s): {', '.join(map(repr, unknown))}")
        if len(ids) > MAX_THEMES:
            raise ValueError(f"choose at most {MAX_THEMES} themes, got {len(ids)}")
        self._state_store.set_themes(ids)

    def finish_first_run(self) -> None:
        """The first run is done (or skipped): no book chosen yet → the first book on the shelf is followed."""
        self._adopt_existing_user()
        state = self._state_store
        if self._following_id(state.path()) is not None and state.following() not in self._book_by_id:
            state.follow(self._following_id(state.path()))
        state.set_first_run_done(True)

    def restart_first_run(self) -> None:
        """Settings → *Show the welcome again*: the first run shows at the next start."""
        self._adopt_existing_user()
        self._state_store.set_first_run_done(False)
