"""The user's mission (their own "why", shown on Today) and the
outcomes they measure, one per insight: the service the screens call for both.

It stamps what the user writes or logs with the practice day and the moment
(`today`, `now`, handed in by `DailyPractice`), so the screens never work out a
day themselves. The rules of an outcome's numbers live in daily/outcomes.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from daily.outcomes import TREND_DAYS, trend_start
from storage.mission import MissionVersion
from storage.outcomes import Outcome, OutcomeLog


class MissionAndOutcomes:
    """The mission's versions and each insight's outcome, over the store, on the practice's days."""

    def __init__(self, store, today: Callable[[], date], now: Callable[[], datetime]) -> None:
        """`store`: the user's data (storage.Store: its `mission` and `outcomes`); `today`:
        the current practice day (after the day-start hour); `now`: the current aware moment."""
        self._mission = store.mission
        self._outcomes = store.outcomes
        self._today = today
        self._now = now

    # --- the mission ---------------------------------------------------------
    def mission(self) -> MissionVersion | None:
        """The current mission version or None."""
        return self._mission.current()

    def mission_versions(self) -> list[MissionVersion]:
        """Every version of the mission, newest first."""
        return self._mission.versions()

    def save_mission(self, text: str, insight_id: str | None = None) -> MissionVersion:
        """Keep `text` as the current mission (unchanged text writes nothing)."""
        return self._mission.save(text, self._today(), self._now(), insight_id=insight_id)

    # --- outcomes ----------------------------------------------------------
    def outcome(self, insight_id: str) -> Outcome | None:
        """The outcome named for the insight or None."""
        return self._outcomes.get(insight_id)

    def define_outcome(self, insight_id: str, name: str, kind: str) -> Outcome:
        """Name (or rename) the insight's outcome; ValueError for an empty name or a changed kind."""
        return self._outcomes.define(insight_id, name, kind, self._now())

    def outcome_today(self, insight_id: str) -> OutcomeLog | None:
        """Today's logged value or None."""
        return self._outcomes.value(insight_id, self._today())

    def log_outcome(self, insight_id: str, value: float | bool) -> OutcomeLog:
        """Today's value (replacing an earlier one today)."""
        return self._outcomes.log(insight_id, self._today(), value, self._now())

    def clear_outcome_today(self, insight_id: str) -> bool:
        return self._outcomes.clear(insight_id, self._today())

    def outcome_trend(self, insight_id: str, days: int = TREND_DAYS) -> list[OutcomeLog]:
        """Logged values of the last `days` days up to today, oldest first."""
        today = self._today()
        return self._outcomes.history(insight_id, trend_start(today, days), today)

    def trend_start(self, days: int = TREND_DAYS) -> date:
        """The first day `outcome_trend(…, days)` covers."""
        return trend_start(self._today(), days)
