"""The words of a review: days, values, an outcome's trend and the one-line evidence of a habit.

    evidence_line("Ask why before building", "keep", date(2026, 11, 3), today,
                  checked=41, span=60, outcome="checkout completion 61 → 68")
    -> "Ask why before building · kept 3 Nov · practised 41 of 60 days · checkout completion 61 → 68"

Values are written as the app writes an outcome value: whole numbers
without a decimal point, others with at most two decimals; yes/no as "yes"/"no".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

NUMBER = "number"
YES_NO = "yes_no"

#: What the evidence line says for each choice of a verdict.
CHOICE_WORDS = {"keep": "kept", "adapt": "adapted", "drop": "dropped"}

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_words(count: int) -> str:
    """'two' for 2; numbers over ten (and negative ones) stay digits."""
    return _WORDS[count] if 0 <= count <= 10 else str(count)


def short_day(day: date, today: date) -> str:
    """'3 Nov'; '3 Nov 2025' when the day is not in today's year."""
    text = f"{day.day} {day.strftime('%b')}"
    return text if day.year == today.year else f"{text} {day.year}"


def format_value(value: float | bool) -> str:
    """An outcome value as the app shows it: '68', '2.5', 'yes'."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:.2f}".rstrip("0").rstrip(".")


def outcome_part(name: str, kind: str, values: Sequence[float | bool]) -> str | None:
    """The outcome's part of an evidence line from its logged values (oldest first), or None
    when fewer than two were logged: 'checkout completion 61 → 68', 'ran: yes on 5 of 8 logged days'."""
    if len(values) < 2:
        return None
    if kind == YES_NO:
        yes = sum(1 for v in values if v)
        return f"{name}: yes on {yes} of {len(values)} logged days"
    return f"{name} {format_value(values[0])} → {format_value(values[-1])}"


def outcome_words(kind: str, points: Sequence[tuple[date, float | bool]], today: date) -> str:
    """The outcome's trend in words (the chart's figures): 'From 61 on 3 Nov to 68 on 10 Nov, 5 logs'."""
    if not points:
        return "Nothing logged yet."
    count = f"{len(points)} {'log' if len(points) == 1 else 'logs'}"
    if kind == YES_NO:
        yes = sum(1 for _, v in points if v)
        return (f"Yes on {yes} of {len(points)} logged "
                f"{'day' if len(points) == 1 else 'days'} since {short_day(points[0][0], today)}")
    (first_day, first), (last_day, last) = points[0], points[-1]
    if len(points) == 1:
        return f"{format_value(first)} on {short_day(first_day, today)}, {count}"
    return (f"From {format_value(first)} on {short_day(first_day, today)} "
            f"to {format_value(last)} on {short_day(last_day, today)}, {count}")


def evidence_line(text: str, choice: str, verdict_day: date, today: date, checked: int, span: int,
                  outcome: str | None = None) -> str:
    """One habit's evidence: its words, the verdict and its day, how often it was practised,
    and the outcome's change when there is one (``outcome_part``).

    ``checked``: days the step was checked since its insight started; ``span``: calendar
    days from the insight's first practised day to today, both included.
    """
    parts = [text, f"{CHOICE_WORDS.get(choice, choice)} {short_day(verdict_day, today)}",
             f"practised {checked} of {span} {'day' if span == 1 else 'days'}"]
    if outcome:
        parts.append(outcome)
    return " · ".join(parts)
