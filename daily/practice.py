"""The day's practice as the screens see it: one object with the app's services.

It joins the content (insights), the user's data (storage) and the clock.
Screens call it; they never open TinyDB or read the clock themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from content import Insight
from daily.insight_order import insight_for_day
from habit.clock import Clock
from habit.day import practice_day
from habit.streak import StreakSummary, summarize

log = logging.getLogger(__name__)

#: The parts of a walk-through, in order. The screen for each lives in screens/.
PARTS: tuple[str, ...] = (
    "story",
    "achieve",
    "steps",
    "reflect",
    "tips",
    "source",
    "finish",
)


@dataclass(frozen=True)
class TodayStatus:
    """What the Today screen shows about the day's practice."""

    day: date
    insight: Insight | None
    position: int  # index into PARTS where the user left off
    finished: bool
    streak: StreakSummary


class DailyPractice:
    """The app's services for one user: today's insight, steps, answers, streak."""

    def __init__(self, store, insights: tuple[Insight, ...], clock: Clock,
                 problems: tuple[str, ...] = ()) -> None:
        self.store = store
        self.insights = insights
        self.clock = clock
        self._by_id = {i.id: i for i in insights}
        #: Messages for the user about things that went wrong at start-up
        #: (a broken content file, a damaged data file moved aside...).
        self.problems: tuple[str, ...] = tuple(problems) + tuple(store.problems)
        self._finish_listeners: list[Callable[[], object]] = []

    # --- which day, which insight -------------------------------------
    @property
    def day_start_hour(self) -> int:
        return int(self.store.settings.get("day_start_hour", 0))

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return practice_day(self.now(), self.day_start_hour)

    def insight(self, insight_id: str) -> Insight | None:
        return self._by_id.get(insight_id)

    def todays_insight(self) -> Insight | None:
        today = self.today()
        finished = {}
        for d in self.store.practice.finished_days():
            insight_id = self.store.practice.finished_insight(d)
            if insight_id is not None:
                finished[d] = insight_id
        chosen = insight_for_day([i.id for i in self.insights], finished, today)
        return self._by_id.get(chosen) if chosen else None

    def status(self) -> TodayStatus:
        today = self.today()
        insight = self.todays_insight()
        position = self.store.practice.position(insight.id, today) if insight else 0
        return TodayStatus(
            day=today,
            insight=insight,
            position=max(0, min(position, len(PARTS) - 1)),
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
