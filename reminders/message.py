"""What a reminder says: title "Stepwise", a body naming the label and today's insight.

Which insight a day has is the app's rule (daily/); the reminders ask the
port for its title (`ReminderPort.insight_title`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reminders.runner import Banner

TITLE = "Stepwise"
#: Longest insight name kept whole: "Insight 3 of 8 · <book>: <title>" (daily/reminder_port.py) is
#: 70-95 characters for the shipped books; anything longer is cut with "…".
MAX_INSIGHT_TITLE = 110


def compose(label: str, insight_title: str | None = None) -> tuple[str, str]:
    """(title, body) for a reminder, e.g. ("Stepwise", "Read — Insight 3 of 8 · Atomic Habits: The two-minute rule")."""
    label = " ".join(str(label).split()) or "Practice"
    if insight_title:
        text = " ".join(str(insight_title).split())
        if len(text) > MAX_INSIGHT_TITLE:
            text = text[: MAX_INSIGHT_TITLE - 1].rstrip() + "…"
        if text:
            return TITLE, f"{label} — {text}"
    return TITLE, f"{label} — time for today's step"


def banner_texts(banner: Banner) -> tuple[str, str]:
    """(heading, text) the in-app banner shows."""
    if banner.test:
        return "Test reminder", "This is how a Stepwise reminder looks."
    return "Reminder", banner.body
