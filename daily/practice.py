"""The day's practice as the screens see it: one object with the app's services.

It joins the content (insights), the user's data (storage) and the clock.
Screens call it; they never open TinyDB or read the clock themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from content import Insight, LoadResult
from daily.appearance import Appearance
from daily.mission import MissionAndOutcomes
from daily.library import Library
from daily.parts import PARTS, clamp_part
from daily.review import Review
from habit.clock import Clock
from habit.day import practice_day
from habit.heatmap import CellState, HeatCell, heatmap
from habit.milestones import MILESTONES, milestones_reached, new_milestone
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


@dataclass(frozen=True)
class ProgressOverview:
    """The numbers at the top of Progress, all as of one `today`."""

    today: date
    streak: StreakSummary
    milestones_reached: tuple[int, ...]
    next_milestone: int | None  # the next one the current streak is heading for


@dataclass(frozen=True)
class CalendarPage:
    """One page of the heatmap: `weeks` columns of 7 cells, oldest week first."""

    weeks: list[list[HeatCell]]
    page: int  # 0 = the weeks ending this week, 1 = the page before, ...
    has_earlier: bool
    has_later: bool


@dataclass(frozen=True)
class StepHabit:
    """One action step as a daily habit: today's check-in and its own history."""

    index: int
    title: str
    done_today: bool
    current: int  # days in a row, ending today (or yesterday while today is open)
    total: int  # days practised in all
    recent: tuple[tuple[date, bool], ...]  # the last days, oldest first, ending today


@dataclass(frozen=True)
class InsightDay:
    """What happened with one insight on one day."""

    insight: Insight
    finished: bool
    part_reached: int  # index into PARTS (len(PARTS) - 1 when finished)
    steps_done: tuple[int, ...]
    answers: tuple[tuple[int, str, str], ...]  # (question index, question, answer)
    outcome_name: str | None
    outcome_value: float | bool | None


@dataclass(frozen=True)
class DayRecord:
    """One day's record: read, practised, written; and how the day counts."""

    day: date
    state: CellState
    is_today: bool
    finished_at: datetime | None
    insights: tuple[InsightDay, ...]


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
        #: The mission (Today's north star) and each insight's outcome (daily/mission.py).
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

    # --- progress and journal -----------------------------------------
    def streak(self) -> StreakSummary:
        return summarize(self.store.practice.finished_days(), self.today())

    def journal_page(self, limit: int = 30, cursor=None):
        return self.store.journal.page(limit=limit, cursor=cursor)

    def journal_service(self):
        """Journal search, editing, looking back, export and import (journal/service.py)."""
        service = self.__dict__.get("_journal_service")
        if service is None:
            from journal.service import JournalService

            service = self._journal_service = JournalService(self)
        return service

    # --- progress: streaks, calendar, day records ------------------------
    def _memo(self, name, compute):
        """`compute()`, reused while the practice files are unchanged (10 years: ~1 ms instead of ~10);
        storage tells whether they changed (`store.practice.version()`)."""
        version = self.store.practice.version()
        memo = self.__dict__.setdefault("_progress_memo", {})
        hit = memo.get(name)
        if version is not None and hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        if version is not None:
            memo[name] = (version, value)
        return value

    def _finished_days(self) -> frozenset[date]:
        return self._memo("finished", lambda: frozenset(self.store.practice.finished_days()))

    def finish_with_milestone(self, insight_id: str) -> FinishResult:
        """`finish`, plus the milestone the streak just reached (for a celebration)."""
        before = self.streak()
        after = self.finish(insight_id)
        return FinishResult(after, new_milestone(before, after))

    def progress(self) -> ProgressOverview:
        today = self.today()
        summary = summarize(self._finished_days(), today)
        ahead = [m for m in MILESTONES if m > summary.current]
        return ProgressOverview(
            today=today,
            streak=summary,
            milestones_reached=tuple(milestones_reached(summary)),
            next_milestone=ahead[0] if ahead else None,
        )

    def calendar(self, page: int = 0, weeks: int = 12) -> CalendarPage:
        """Heatmap page `page` (0 = the last `weeks` weeks; 1 = the weeks before; ...)."""
        page = max(0, int(page))
        today = self.today()
        finished = self._finished_days()
        summary = summarize(finished, today)
        end = today - timedelta(weeks=weeks * page)
        cells = heatmap(finished, summary.frozen_days, today, weeks, end=end)
        first_shown = cells[0][0].day
        return CalendarPage(
            weeks=cells,
            page=page,
            has_earlier=any(d < first_shown for d in finished),
            has_later=page > 0,
        )

    def day_state(self, day: date) -> HeatCell:
        """How `day` counts as of today (the same rule as the heatmap's cell)."""
        today = self.today()
        finished = self._finished_days()
        summary = summarize(finished, today)
        week = heatmap(finished, summary.frozen_days, today, 1, end=day)[0]
        return next(cell for cell in week if cell.day == day)

    def day_record(self, day: date) -> DayRecord:
        """What was read, which steps were practised and what was written on `day`."""
        cell = self.day_state(day)
        practice = self.store.practice
        finished_id = practice.finished_insight(day)
        insights = []
        for insight in self.insights:
            finished = insight.id == finished_id
            position = practice.position(insight.id, day)
            steps = tuple(sorted(practice.steps_done(insight.id, day)))
            entries = self.store.journal.answers_for_day(insight.id, day)
            answers = tuple((i, e.question, e.text) for i, e in sorted(entries.items()) if e.text.strip())
            outcome = self.store.outcomes.get(insight.id)
            logged = self.store.outcomes.value(insight.id, day) if outcome else None
            if not (finished or position or steps or answers or logged):
                continue
            insights.append(InsightDay(
                insight=insight,
                finished=finished,
                part_reached=len(PARTS) - 1 if finished else clamp_part(position),
                steps_done=steps,
                answers=answers,
                outcome_name=outcome.name if outcome else None,
                outcome_value=logged.value if logged else None,
            ))
        return DayRecord(
            day=day,
            state=cell.state,
            is_today=cell.is_today,
            finished_at=practice.finished_at(day),
            insights=tuple(insights),
        )

    def step_habits(self, insight_id: str, recent_days: int = 14) -> list[StepHabit]:
        """Each step of the insight as its own daily habit (no freezes for steps)."""
        insight = self._by_id.get(insight_id)
        if insight is None:
            return []
        today = self.today()
        window = [today - timedelta(days=n) for n in range(recent_days - 1, -1, -1)]
        habits = []
        histories = self._memo(("steps", insight_id), lambda: tuple(
            frozenset(self.store.practice.step_history(insight_id, i)) for i in range(len(insight.steps))))
        for index, step in enumerate(insight.steps):
            history = histories[index]
            summary = summarize(history, today, freezes_enabled=False)
            habits.append(StepHabit(
                index=index,
                title=step.title,
                done_today=today in history,
                current=summary.current,
                total=summary.total_days,
                recent=tuple((d, d in history) for d in window),
            ))
        return habits

    # --- settings that change which day it is -----------------------------
    def set_day_start_hour(self, hour: int) -> None:
        """When a new practice day begins (0 = midnight, 3 = 3 AM). Stored days never move."""
        if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
            raise ValueError(f"day start hour must be an int 0..23, got {hour!r}")
        self.store.settings.set(DAY_START_KEY, hour)
