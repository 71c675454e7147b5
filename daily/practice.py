"""The day's practice as the screens see it: one object with the app's services.

It joins the content (insights), the user's data (storage) and the clock.
Screens call it; they never open TinyDB or read the clock themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from content import Insight, LoadResult
from daily.appearance import Appearance
from daily.mission import MissionAndOutcomes
from daily.library import Library
from daily.parts import clamp_part
from daily.progress import Progress
from daily.review import Review
from journal.service import JournalService
from habit.clock import Clock
from habit.day import practice_day
from habit.milestones import new_milestone
from habit.streak import StreakSummary, summarize

log = logging.getLogger(__name__)

#: The setting that says when a new practice day begins (0 = midnight, 3 = 3 AM).
DAY_START_KEY = "day_start_hour"


def read_day_start_hour(value: object) -> int:
    """The stored day-start hour, 0..23; 0 when unset or not a valid hour (never raises)."""
    try:
        hour = int(value or 0)
    except (TypeError, ValueError):
        return 0
    return hour if 0 <= hour <= 23 else 0


@dataclass(frozen=True)
class TodayStatus:
    """What the Today screen shows about the day's practice."""

    day: date
    insight: Insight | None
    position: int  # index into PARTS where the user left off
    finished: bool
    streak: StreakSummary


@dataclass(frozen=True)
class FinishResult:
    """After finishing: the streak, and the milestone just reached (None if none)."""

    streak: StreakSummary
    milestone: int | None


class DailyPractice:
    """The app's services for one user: today's insight, steps, answers, streak."""

    def __init__(self, store, insights: tuple[Insight, ...], clock: Clock,
                 problems: tuple[str, ...] = (), content: LoadResult | None = None,
                 reload: Callable[[], tuple[LoadResult, tuple[str, ...]]] | None = None) -> None:
        """`content`: the loaded books and themes (content.load_insights); without it the
        Library's books are made from the insights alone (tests, benchmarks). `reload`
        loads them again with their problems (daily/opening.py), for `reload_content`."""
        self.store = store
        self.insights = insights
        self.clock = clock
        #: The mission (shown on Today) and each insight's outcome (daily/mission.py).
        self.mission_and_outcomes = MissionAndOutcomes(store, self.today, self.now)
        self._by_id = {i.id: i for i in insights}
        self._content_problems = tuple(problems)
        self._finish_listeners: list[Callable[[], object]] = []
        #: Books, the path through the followed one, the first run (daily/library.py).
        self.library = Library(self, content)
        #: Light, dark or the system's; the text size (daily/appearance.py).
        self.appearance = Appearance(store.settings)
        #: Reviews, kept habits, what works (daily/review.py).
        self.review = Review(self)
        #: Streak numbers, the calendar, a day's record, step habits (daily/progress.py).
        self.progress = Progress(self)
        #: Browse, search, edit, look back, export and import (journal/service.py).
        self.journal = JournalService(self)
        self._reload = reload

    def reload_content(self) -> bool:
        """Load the books again (one was added or removed); False when there is no loader.

        Every page of the running app sees the new shelf at its next render.
        """
        if self._reload is None:
            return False
        content, problems = self._reload()
        self.insights = tuple(content.insights)
        self._by_id = {i.id: i for i in self.insights}
        self._content_problems = tuple(problems)
        self.__dict__.pop("_progress_memo", None)
        self.library = Library(self, content)
        return True

    @property
    def problems(self) -> tuple[str, ...]:
        """Messages for the user about what went wrong: a broken content file, a damaged data
        file moved aside at start, and stored records set aside when first read (a journal
        entry or looking-back record that cannot be used), so the banner can name them too."""
        return self._content_problems + tuple(self.store.problems)

    # --- which day, which insight -------------------------------------
    @property
    def day_start_hour(self) -> int:
        return read_day_start_hour(self.store.settings.get(DAY_START_KEY, 0))

    def now(self) -> datetime:
        return self.clock.now()

    def practice_day(self, moment: datetime) -> date:
        """The practice day `moment` (aware, local) belongs to: the date, moved back before the day-start hour."""
        return practice_day(moment, self.day_start_hour)

    def today(self) -> date:
        return self.practice_day(self.now())

    def insight(self, insight_id: str) -> Insight | None:
        return self._by_id.get(insight_id)

    def insight_on(self, day: date) -> Insight | None:
        """The insight `day` has: the Library's path (library/path.py; a finished day keeps its own)."""
        return self.library.insight_on(day)

    def todays_insight(self) -> Insight | None:
        return self.insight_on(self.today())

    def status(self) -> TodayStatus:
        today = self.today()
        insight = self.todays_insight()
        position = self.store.practice.position(insight.id, today) if insight else 0
        return TodayStatus(
            day=today,
            insight=insight,
            position=clamp_part(position),
            finished=self.store.practice.finished(today),
            streak=self.streak(),
        )

    # --- walking through --------------------------------------------
    def set_position(self, insight_id: str, part_index: int) -> None:
        self.store.practice.set_position(insight_id, self.today(), part_index)

    def steps_done(self, insight_id: str) -> set[int]:
        return self.store.practice.steps_done(insight_id, self.today())

    def set_step_done(self, insight_id: str, step_index: int, done: bool) -> None:
        self.store.practice.set_step_done(insight_id, step_index, self.today(), done, self.now())

    def answers(self, insight_id: str) -> dict[int, str]:
        entries = self.store.journal.answers_for_day(insight_id, self.today())
        return {index: entry.text for index, entry in entries.items()}

    def save_answer(self, insight_id: str, question_index: int, text: str) -> None:
        insight = self._by_id[insight_id]
        self.store.journal.save_answer(
            insight_id, question_index, insight.questions[question_index],
            self.today(), text, self.now(),
        )

    def finish(self, insight_id: str) -> StreakSummary:
        """Mark today as practised; repeating it the same day changes nothing."""
        self.store.practice.mark_finished(insight_id, self.today(), self.now())
        for listener in list(self._finish_listeners):
            try:
                listener()
            except Exception:  # noqa: BLE001 - a listener must not undo finishing
                log.exception("a finish listener failed")
        return self.streak()

    def add_finish_listener(self, listener: Callable[[], object]) -> Callable[[], None]:
        """Call `listener()` after each `finish()` (reminders stop for today); returns its remover."""
        self._finish_listeners.append(listener)

        def remove() -> None:
            if listener in self._finish_listeners:
                self._finish_listeners.remove(listener)

        return remove

    # --- the streak ---------------------------------------------------
    def finished_days(self) -> frozenset[date]:
        """Every finished practice day, read once per change of the practice files (`memo`)."""
        return self.memo("finished", lambda: frozenset(self.store.practice.finished_days()))

    def streak(self) -> StreakSummary:
        return summarize(self.finished_days(), self.today())

    def finish_with_milestone(self, insight_id: str) -> FinishResult:
        """`finish`, plus the milestone the streak just reached (for a celebration)."""
        before = self.streak()
        after = self.finish(insight_id)
        return FinishResult(after, new_milestone(before, after))

    def memo(self, name, compute):
        """`compute()`, reused while the practice files are unchanged (10 years: ~1 ms instead of ~10);
        storage tells whether they changed (`store.practice.version()`). Progress and Review read through it."""
        version = self.store.practice.version()
        memo = self.__dict__.setdefault("_progress_memo", {})
        hit = memo.get(name)
        if version is not None and hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        if version is not None:
            memo[name] = (version, value)
        return value

    # --- settings that change which day it is -----------------------------
    def set_day_start_hour(self, hour: int) -> None:
        """When a new practice day begins (0 = midnight, 3 = 3 AM). Stored days never move."""
        if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
            raise ValueError(f"day start hour must be an int 0..23, got {hour!r}")
        self.store.settings.set(DAY_START_KEY, hour)
