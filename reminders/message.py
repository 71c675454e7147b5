"""What a reminder says: title "Stepwise", a body naming the label and today's insight."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import Any

TITLE = "Stepwise"
MAX_INSIGHT_TITLE = 80


def compose(label: str, insight_title: str | None = None) -> tuple[str, str]:
    """(title, body) for a reminder, e.g. ("Stepwise", "Read — The two-minute rule")."""
    label = " ".join(str(label).split()) or "Practice"
    if insight_title:
        text = " ".join(str(insight_title).split())
        if len(text) > MAX_INSIGHT_TITLE:
            text = text[: MAX_INSIGHT_TITLE - 1].rstrip() + "…"
        if text:
            return TITLE, f"{label} — {text}"
    return TITLE, f"{label} — time for today's step"


def store_insight_title(store: Any) -> Callable[[date], str | None]:
    """A lookup of the insight title for a date, from the content and the store.

    Uses `content.load_insights()` (shipped and added books) and `daily.insight_order.insight_for_day`
    (the app's own choice of the day's insight), imported lazily. Any
    failure (content or daily not there, unreadable store) gives None and
    the reminder goes out without a title: the reminder matters more than
    the decoration.
    """
    cache: dict[str, Any] = {}

    def lookup(day: date) -> str | None:
        try:
            if "insights" not in cache:
                from content import load_insights

                data_dir = getattr(store, "data_dir", None)  # the books the user added count too
                if isinstance(data_dir, (str, os.PathLike)):
                    from content.packs import added_folder

                    cache["insights"] = load_insights(added=added_folder(data_dir)).insights
                else:
                    cache["insights"] = load_insights().insights
            insights = cache["insights"]
            if not insights:
                return None
            from daily.insight_order import insight_for_day

            finished = {}
            for d in store.practice.finished_days():
                insight_id = store.practice.finished_insight(d)
                if insight_id is not None:
                    finished[d] = insight_id
            chosen = insight_for_day([i.id for i in insights], finished, day)
            for insight in insights:
                if insight.id == chosen:
                    return str(insight.title)
        except Exception:  # noqa: BLE001 - decoration only; never block a reminder
            return None
        return None

    return lookup
