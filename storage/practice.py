"""Practice records: step check-ins, finished days and reading positions, one file per year.

Keys are natural (insight, step, day) tuples, so repeating an action updates
one record instead of adding another, and two processes doing the same thing
converge. A year holds at most a few thousand small records.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

from tinydb.table import Document

from .data_files import DataFiles
from .moments import day_from_iso, day_to_iso, moment_from_iso, moment_to_iso, require_aware, require_day
from .partitions import YEAR_FILE, list_keys, year_key

CHECKINS = "checkins"
FINISHED = "finished"
POSITIONS = "positions"


def checkin_key(insight_id: str, step_index: int, day: date) -> str:
    return json.dumps([insight_id, step_index, day.isoformat()], ensure_ascii=False)


def position_key(insight_id: str, day: date) -> str:
    return json.dumps([insight_id, day.isoformat()], ensure_ascii=False)


class Practice:
    """What the user did each day, partitioned by year (``practice/YYYY.json``)."""

    def __init__(self, files: DataFiles, folder: Path) -> None:
        self.files = files
        self.folder = folder

    # -- steps -------------------------------------------------------------

    def set_step_done(self, insight_id: str, step_index: int, day: date, done: bool, now: datetime) -> None:
        """Tick or untick one step of one insight on one day (no write if unchanged)."""
        _require_id(insight_id)
        _require_index(step_index, "step_index")
        require_day(day)
        require_aware(now)
        key = checkin_key(insight_id, step_index, day)
        with self.files.transaction(self._path(day)) as db:
            table = db.table(CHECKINS)
            current = table.get(doc_id=key)
            if current is not None and bool(current.get("done")) == bool(done):
                return
            doc = {
                "insight_id": insight_id,
                "step_index": step_index,
                "day": day.isoformat(),
                "done": bool(done),
                "at": moment_to_iso(now),
            }
            if current is None:
                table.insert(Document(doc, doc_id=key))
            else:
                table.update(doc, doc_ids=[key])

    def steps_done(self, insight_id: str, day: date) -> set[int]:
        require_day(day)
        day_iso = day.isoformat()
        return {
            doc["step_index"]
            for doc in self._docs(year_key(day), CHECKINS).values()
            if doc.get("done") and doc.get("insight_id") == insight_id and doc.get("day") == day_iso
        }

    def step_history(self, insight_id: str, step_index: int) -> list[date]:
        """Days this step was done, oldest first (reads every year file; they are small)."""
        days = {
            day_from_iso(doc["day"])
            for year in self._years()
            for doc in self._docs(year, CHECKINS).values()
            if doc.get("done") and doc.get("insight_id") == insight_id and doc.get("step_index") == step_index
        }
        return sorted(days)

    def step_days(self) -> dict[tuple[str, int], list[date]]:
        """Every step's done days by (insight id, step index), oldest first: one pass over
        the year files (what `step_history` gives for one step, for all of them)."""
        found: dict[tuple[str, int], set[str]] = {}
        for year in self._years():
            for doc in self._docs(year, CHECKINS).values():
                if doc.get("done"):
                    found.setdefault((doc.get("insight_id"), doc.get("step_index")), set()).add(doc["day"])
        return {key: sorted(day_from_iso(day) for day in days) for key, days in found.items()}

    def finished_by_insight(self) -> dict[str, set[date]]:
        """The finished days of each insight: one pass over the year files."""
        found: dict[str, set[date]] = {}
        for year in self._years():
            for doc in self._docs(year, FINISHED).values():
                if doc.get("insight_id"):
                    found.setdefault(doc["insight_id"], set()).add(day_from_iso(doc["day"]))
        return found

    # -- finished days -----------------------------------------------------

    def mark_finished(self, insight_id: str, day: date, now: datetime) -> bool:
        """Record that the day's practice is done: local date plus the moment with its offset.

        Idempotent per day: the first call wins and later calls change nothing.
        Returns True if this call recorded it.
        """
        _require_id(insight_id)
        require_day(day)
        require_aware(now)
        key = day_to_iso(day)
        with self.files.transaction(self._path(day)) as db:
            table = db.table(FINISHED)
            if table.contains(doc_id=key):
                return False
            table.insert(Document({"day": key, "insight_id": insight_id, "at": moment_to_iso(now)}, doc_id=key))
            return True

    def version(self):
        """The identity of the practice files on disk (`DataFiles.folder_version`): equal
        versions mean equal records; None while a file is too fresh to tell."""
        return self.files.folder_version(self.folder)

    def finished_days(self) -> set[date]:
        return {day_from_iso(doc["day"]) for year in self._years() for doc in self._docs(year, FINISHED).values()}

    def finished(self, day: date) -> bool:
        return self._finished_doc(day) is not None

    def finished_insight(self, day: date) -> str | None:
        doc = self._finished_doc(day)
        return None if doc is None else doc.get("insight_id")

    def finished_at(self, day: date) -> datetime | None:
        """The moment (with the offset it had) the day was finished."""
        doc = self._finished_doc(day)
        return None if doc is None else moment_from_iso(doc["at"])

    # -- reading positions -------------------------------------------------

    def position(self, insight_id: str, day: date) -> int:
        """Where the reader was in this insight on this day (0 if never set)."""
        require_day(day)
        doc = self._docs(year_key(day), POSITIONS).get(position_key(insight_id, day))
        return int(doc["index"]) if doc else 0

    def set_position(self, insight_id: str, day: date, index: int, now: datetime | None = None) -> None:
        _require_id(insight_id)
        require_day(day)
        _require_index(index, "index")
        key = position_key(insight_id, day)
        with self.files.transaction(self._path(day)) as db:
            table = db.table(POSITIONS)
            current = table.get(doc_id=key)
            if current is not None and current.get("index") == index:
                return
            doc: dict[str, Any] = {"insight_id": insight_id, "day": day.isoformat(), "index": index}
            if now is not None:
                doc["at"] = moment_to_iso(now)
            if current is None:
                table.insert(Document(doc, doc_id=key))
            else:
                table.update(doc, doc_ids=[key])

    # -- bulk --------------------------------------------------------------

    def import_records(self, table: str, records: Iterable[tuple[str, date, dict[str, Any]]]) -> int:
        """Add (key, day, doc) records to ``table`` with one write per year; present keys win."""
        by_year: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        days: dict[str, date] = {}
        for key, day, doc in records:
            by_year[year_key(day)].append((key, doc))
            days[year_key(day)] = day
        added = 0
        for year, group in sorted(by_year.items()):
            with self.files.transaction(self._path(days[year])) as db:
                present = set((db.storage.read() or {}).get(table, {}))
                fresh = {k: d for k, d in group if k not in present}
                if fresh:
                    db.table(table).insert_multiple(Document(d, doc_id=k) for k, d in fresh.items())
                added += len(fresh)
        return added

    # -- internals ---------------------------------------------------------

    def _path(self, day: date) -> Path:
        return self.folder / f"{year_key(day)}.json"

    def _years(self) -> list[str]:
        return list_keys(self.folder, YEAR_FILE)

    def _docs(self, year: str, table: str) -> dict[str, dict[str, Any]]:
        """A table as stored (key -> fields). Read-only: shared with the cache."""
        tables = self.files.snapshot(self.folder / f"{year}.json").storage.read() or {}
        return tables.get(table, {})

    def _finished_doc(self, day: date) -> dict[str, Any] | None:
        require_day(day)
        return self._docs(year_key(day), FINISHED).get(day.isoformat())


def _require_id(insight_id: Any) -> None:
    if not isinstance(insight_id, str) or not insight_id:
        raise ValueError(f"insight_id must be a non-empty str, got {insight_id!r}")


def _require_index(value: Any, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be an int >= 0, got {value!r}")
