"""The user's mission, their own "why": one or two sentences, every version kept.

One small file (``mission.json``), table ``versions``. Keys are a zero-padded
sequence number ("000001", "000002", ...) assigned inside the store lock from
the file as it is on disk, so two processes saving at once get two versions,
never one overwriting the other. The current mission is the highest number;
nothing is ever deleted, so earlier versions stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tinydb.table import Document

from .data_files import DataFiles
from .moments import day_from_iso, day_to_iso, moment_from_iso, moment_to_iso, require_aware, require_day
from .text import checked_text

TABLE = "versions"

#: A mission is meant to be one or two sentences; this is a generous bound.
MAX_MISSION_BYTES = 2_000


@dataclass(frozen=True)
class MissionVersion:
    """One written version of the mission. ``number`` counts up from 1."""

    number: int
    text: str
    day: date
    written_at: datetime
    insight_id: str | None = None


class Mission:
    """Every version of the user's mission, in ``mission.json``."""

    def __init__(self, files: DataFiles, path: Path) -> None:
        self.files = files
        self.path = path

    def save(self, text: str, day: date, now: datetime, insight_id: str | None = None) -> MissionVersion:
        """Keep ``text`` (surrounding spaces removed) as the new current version.

        Saving the text that is already current writes nothing and returns the
        current version. Empty text is refused (ValueError): a mission is revised,
        never erased. Over ``MAX_MISSION_BYTES`` raises AnswerTooLong (a ValueError).
        """
        require_day(day)
        require_aware(now)
        if insight_id is not None and (not isinstance(insight_id, str) or not insight_id):
            raise ValueError(f"insight_id must be a non-empty str or None, got {insight_id!r}")
        clean = checked_text(text, MAX_MISSION_BYTES).strip()
        if not clean:
            raise ValueError("a mission cannot be empty")
        with self.files.transaction(self.path) as db:
            docs = (db.storage.read() or {}).get(TABLE, {})
            current = _latest(docs)
            if current is not None and current.text == clean:
                return current
            number = (current.number if current is not None else 0) + 1
            doc: dict[str, Any] = {
                "number": number,
                "text": clean,
                "day": day_to_iso(day),
                "written_at": moment_to_iso(now),
            }
            if insight_id is not None:
                doc["insight_id"] = insight_id
            db.table(TABLE).insert(Document(doc, doc_id=_key(number)))
            return _version(doc)

    def current(self) -> MissionVersion | None:
        return _latest(self._docs())

    def versions(self) -> list[MissionVersion]:
        """Every version, newest first."""
        return sorted((_version(doc) for doc in self._docs().values()), key=lambda v: v.number, reverse=True)

    def as_of(self, day: date) -> MissionVersion | None:
        """The version that stood on ``day``: the newest one written on or before it."""
        require_day(day)
        return next((v for v in self.versions() if v.day <= day), None)

    def _docs(self) -> dict[str, dict[str, Any]]:
        return (self.files.snapshot(self.path).storage.read() or {}).get(TABLE, {})


def _key(number: int) -> str:
    return f"{number:06d}"


def _version(doc: dict[str, Any]) -> MissionVersion:
    return MissionVersion(
        number=int(doc["number"]),
        text=str(doc["text"]),
        day=day_from_iso(doc["day"]),
        written_at=moment_from_iso(doc["written_at"]),
        insight_id=doc.get("insight_id"),
    )


def _latest(docs: dict[str, dict[str, Any]]) -> MissionVersion | None:
    if not docs:
        return None
    return _version(max(docs.values(), key=lambda doc: int(doc["number"])))
