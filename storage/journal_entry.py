"""The journal entry value object and its on-disk document form."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .moments import (day_from_iso, day_to_iso, moment_from_iso, moment_to_iso, require_placeable,
                      require_placeable_day)


@dataclass(frozen=True)
class JournalEntry:
    """One answer (``question_index`` set) or free note (``question_index`` None).

    ``id`` is a uuid4 hex string; ``day`` is the practice day the words belong
    to (it decides the month file); the datetimes are timezone-aware.
    """

    id: str
    insight_id: str | None
    question_index: int | None
    question: str
    day: date
    text: str
    created_at: datetime
    updated_at: datetime

    @property
    def is_note(self) -> bool:
        return self.question_index is None


def new_entry_id() -> str:
    return uuid.uuid4().hex


def entry_to_doc(entry: JournalEntry) -> dict[str, Any]:
    """The stored fields; the id is the TinyDB document id, not repeated inside."""
    return {
        "insight_id": entry.insight_id,
        "question_index": entry.question_index,
        "question": entry.question,
        "day": day_to_iso(entry.day),
        "text": entry.text,
        "created_at": moment_to_iso(entry.created_at),
        "updated_at": moment_to_iso(entry.updated_at),
    }


def entry_from_doc(entry_id: str, doc: dict[str, Any]) -> JournalEntry:
    """The entry a stored document describes; ValueError/KeyError/TypeError if it cannot be
    shown and sorted (e.g. a moment outside the years the app can place in UTC)."""
    entry = JournalEntry(
        id=entry_id,
        insight_id=doc.get("insight_id"),
        question_index=doc.get("question_index"),
        question=doc.get("question") or "",
        day=day_from_iso(doc["day"]),
        text=doc["text"],
        created_at=moment_from_iso(doc["created_at"]),
        updated_at=moment_from_iso(doc["updated_at"]),
    )
    if not isinstance(entry.text, str) or not isinstance(entry.question, str):
        raise TypeError("text and question must be strings")
    require_placeable_day(entry.day)
    require_placeable(entry.created_at)
    require_placeable(entry.updated_at)
    return entry
