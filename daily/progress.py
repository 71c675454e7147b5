"""Progress as the screens see it: the streak's numbers, the calendar, one day's record,
each step as its own habit.

All as of the practice's today, read through `DailyPractice.memo` so a screen
that asks twice between two changes of the practice files reads them once.
Reached as `DailyPractice.progress`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from content import Insight
from daily.parts import PARTS, clamp_part
from habit.heatmap import CellState, HeatCell, heatmap
from habit.milestones import MILESTONES, milestones_reached
from habit.streak import StreakSummary, summarize

if TYPE_CHECKING:
    from daily.practice import DailyPractice


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


class Progress:
    """Streak numbers, calendar pages, day records and step habits for one user."""

    def __init__(self, practice: DailyPractice) -> None:
        self.practice = practice

    @property
    def _store(self):
        return self.practice.store

    def overview(self) -> ProgressOverview:
        """The streak and milestones at the top of Progress."""
        today = self.practice.today()
        summary = summarize(self.practice.finished_days(), today)
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
        today = self.practice.today()
        finished = self.practice.finished_days()
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
        today = self.practice.today()
        finished = self.practice.finished_days()
        summary = summarize(finished, today)
        week = heatmap(finished, summary.frozen_days, today, 1, end=day)[0]
        return next(cell for cell in week if cell.day == day)

    def day_record(self, day: date) -> DayRecord:
        """What was read, which steps were practised and what was written on `day`."""
        cell = self.day_state(day)
        practice = self._store.practice
        finished_id = practice.finished_insight(day)
        insights = []
        for insight in self.practice.insights:
            finished = insight.id == finished_id
            position = practice.position(insight.id, day)
            steps = tuple(sorted(practice.steps_done(insight.id, day)))
            entries = self._store.journal.answers_for_day(insight.id, day)
            answers = tuple((i, e.question, e.text) for i, e in sorted(entries.items()) if e.text.strip())
            outcome = self._store.outcomes.get(insight.id)
            logged = self._store.outcomes.value(insight.id, day) if outcome else None
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
        insight = self.practice.insight(insight_id)
        if insight is None:
            return []
        today = self.practice.today()
        window = [today - timedelta(days=n) for n in range(recent_days - 1, -1, -1)]
        habits = []
        histories = self.practice.memo(("steps", insight_id), lambda: tuple(
            frozenset(self._store.practice.step_history(insight_id, i)) for i in range(len(insight.steps))))
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
