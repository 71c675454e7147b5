"""The rules of an outcome's numbers: reading a typed number, writing one back, the
chart's scale and the trend in words. Plain functions, no Flet (screens/outcome.py draws).

An outcome is the one result a user wants from an insight (storage/outcomes.py
keeps it); it is a number each day (`NUMBER`) or a yes/no (`YES_NO`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from storage.outcomes import NUMBER, YES_NO, Outcome, OutcomeLog

__all__ = ["NUMBER", "YES_NO", "TREND_DAYS", "format_number", "parse_number", "logged_text",
           "chart_top", "trend_start", "trend_summary"]

#: Progress shows an outcome's last 30 days.
TREND_DAYS = 30

#: Round chart tops, so the grid lines fall on numbers a reader can use.
_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def format_number(value: float) -> str:
    """3.0 -> '3', 2.5 -> '2.5', 1/3 -> '0.33': at most two decimals, no trailing zeros."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def parse_number(text: str) -> float | None:
    """A typed number ('3', '2.5', '2,5'), or None if it is not one."""
    try:
        value = float((text or "").strip().replace(",", "."))
    except ValueError:
        return None
    return value if value == value and abs(value) < 1e12 else None


def logged_text(value: float | bool) -> str:
    """A logged value in words: 'yes'/'no' for a yes/no outcome, else the number."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return format_number(value)


def chart_top(values: Sequence[float]) -> float:
    """The top of a number chart's y axis: a round number at or above the largest value (1 when none)."""
    top = max(values, default=0.0)
    if top <= 0:
        return 1.0
    for step in _STEPS:
        if top <= step * 4:
            return float(step * 4) if top > step * 2 else float(step * 2) if top > step else float(step)
    return float(top * 1.1)


def trend_start(today: date, days: int = TREND_DAYS) -> date:
    """The first day of the trend: `days` days ending with `today`."""
    return today - timedelta(days=days - 1)


def trend_summary(outcome: Outcome, logs: Sequence[OutcomeLog], days: int) -> str:
    """The chart in words: what a screen reader gets, and a caption for everyone."""
    if not logs:
        return f"Nothing logged in the last {days} days."
    if outcome.kind == YES_NO:
        yes = sum(1 for log in logs if log.value)
        return f"Yes on {yes} of {len(logs)} logged days in the last {days} days."
    values = [float(log.value) for log in logs]
    last = logs[-1]
    return (f"{len(logs)} {'day' if len(logs) == 1 else 'days'} logged in the last {days} days; "
            f"latest {format_number(last.value)} on {last.day.day} {last.day:%B}, "
            f"average {format_number(round(sum(values) / len(values), 1))}.")
