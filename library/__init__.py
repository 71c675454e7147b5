"""The Library's rules: the path through a followed book, and which book to read next.

Plain functions and small frozen classes (no Flet, no TinyDB), tested with
fixed dates. The service the screens call is daily/library.py; the user's
stored choices are storage/library.py.
"""

from .path import (
    PACE_LABELS,
    PACES,
    InsightStatus,
    PathState,
    book_finished,
    following_or_default,
    full_name,
    insight_statuses,
    next_after_today,
    position_label,
    todays_insight_id,
)
from .recommend import next_book, recommend

__all__ = [
    "PACES",
    "PACE_LABELS",
    "InsightStatus",
    "PathState",
    "book_finished",
    "following_or_default",
    "full_name",
    "insight_statuses",
    "next_after_today",
    "next_book",
    "position_label",
    "recommend",
    "todays_insight_id",
]
