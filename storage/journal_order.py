"""Newest-first order of journal entries and the opaque paging cursor.

Order: day descending, then creation instant descending, then id - a total
order, so a cursor (the position of the last entry shown) resumes exactly,
even when entries are added or deleted between pages. Because files are split
by the month of ``day``, this order visits month files newest to oldest.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from .journal_entry import JournalEntry

Cursor = str
SortKey = tuple[date, datetime, str]


def sort_key(entry: JournalEntry) -> SortKey:
    return (entry.day, entry.created_at.astimezone(timezone.utc), entry.id)


def encode_cursor(key: SortKey) -> Cursor:
    day, created, entry_id = key
    return f"{day.isoformat()}|{created.isoformat()}|{entry_id}"


def decode_cursor(cursor: Cursor) -> SortKey:
    try:
        day_text, created_text, entry_id = cursor.split("|")
        created = datetime.fromisoformat(created_text)
        if created.tzinfo is None:
            raise ValueError("naive")
        return (date.fromisoformat(day_text), created.astimezone(timezone.utc), entry_id)
    except (ValueError, AttributeError):
        raise ValueError(f"not a journal cursor: {cursor!r}") from None
