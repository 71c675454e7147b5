"""Outcomes: the one result a user wants from an insight, and a value logged for it each day.

Two kinds of files, following the practice records' conventions:

* ``outcomes.json``, table ``outcomes``: one document per insight, keyed by its
  id: ``{insight_id, name, kind, created_at, updated_at}``. ``kind`` is
  ``"number"`` or ``"yes_no"``.
* ``outcomes/YYYY.json``, table ``logs``: one document per (insight, day), keyed
  by ``["insight", "YYYY-MM-DD"]``: ``{insight_id, day, value, at}``. Logging
  again on the same day replaces that day's value (the natural key means two
  processes doing the same thing converge). ``value`` is a JSON number for a
  ``number`` outcome and ``true``/``false`` for a ``yes_no`` one.

Days are the local practice days the caller hands in (worked out once, when
the value was logged), so a later change of zone or clock never moves a log.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tinydb.table import Document

from .data_files import DataFiles
from .moments import day_from_iso, day_to_iso, moment_from_iso, moment_to_iso, require_aware, require_day
from .partitions import YEAR_FILE, list_keys, year_key
from .text import checked_text

OUTCOMES = "outcomes"
LOGS = "logs"
NUMBER = "number"
YES_NO = "yes_no"
KINDS = (NUMBER, YES_NO)

#: An outcome's name is one short phrase; this bound is generous.
MAX_NAME_BYTES = 1_000
#: Logged numbers stay within +-1e12 (they are counts and measures, not ids).
MAX_ABS_VALUE = 1e12


@dataclass(frozen=True)
class Outcome:
    """What the user wants from one insight, and how it is measured."""

    insight_id: str
    name: str
    kind: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class OutcomeLog:
    """One day's value: a float for ``number`` outcomes, a bool for ``yes_no`` ones."""

    insight_id: str
    day: date
    value: float | bool
    logged_at: datetime


def log_key(insight_id: str, day: date) -> str:
    return json.dumps([insight_id, day.isoformat()], ensure_ascii=False)


class Outcomes:
    """Named outcomes (``outcomes.json``) and their daily logs (``outcomes/YYYY.json``)."""

    def __init__(self, files: DataFiles, path: Path, folder: Path) -> None:
        self.files = files
        self.path = path
        self.folder = folder

    # -- the named outcome -------------------------------------------------

    def define(self, insight_id: str, name: str, kind: str, now: datetime) -> Outcome:
        """Name (or rename) the outcome wanted from ``insight_id``.

        The kind is chosen once: changing it while values are logged raises
        ValueError (the old values would no longer mean anything). Renaming
        keeps every logged value. No write when nothing changes.
        """
        _require_id(insight_id)
        require_aware(now)
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        clean = checked_text(name, MAX_NAME_BYTES).strip()
        if not clean:
            raise ValueError("an outcome needs a name")
        with self.files.transaction(self.path) as db:
            table = db.table(OUTCOMES)
            current = table.get(doc_id=insight_id)
            if current is not None:
                if current.get("name") == clean and current.get("kind") == kind:
                    return _outcome(current)
                if current.get("kind") != kind and self.history(insight_id):
                    raise ValueError("the kind of an outcome cannot change once values are logged")
                fields = {"name": clean, "kind": kind, "updated_at": moment_to_iso(now)}
                table.update(fields, doc_ids=[insight_id])
                return _outcome({**current, **fields})
            doc = {
                "insight_id": insight_id,
                "name": clean,
                "kind": kind,
                "created_at": moment_to_iso(now),
                "updated_at": moment_to_iso(now),
            }
            table.insert(Document(doc, doc_id=insight_id))
            return _outcome(doc)

    def get(self, insight_id: str) -> Outcome | None:
        doc = self._read(self.path, OUTCOMES).get(insight_id)
        return None if doc is None else _outcome(doc)

    def all(self) -> list[Outcome]:
        return sorted((_outcome(d) for d in self._read(self.path, OUTCOMES).values()), key=lambda o: o.created_at)

    # -- daily values ------------------------------------------------------

    def log(self, insight_id: str, day: date, value: float | bool, now: datetime) -> OutcomeLog:
        """Record the day's value (replacing an earlier one that day). The outcome must be named."""
        _require_id(insight_id)
        require_day(day)
        require_aware(now)
        outcome = self.get(insight_id)
        if outcome is None:
            raise ValueError(f"no outcome is named for {insight_id!r}")
        stored = _checked_value(outcome.kind, value)
        key = log_key(insight_id, day)
        with self.files.transaction(self._year_path(day)) as db:
            table = db.table(LOGS)
            current = table.get(doc_id=key)
            if current is not None and _same(current.get("value"), stored):
                return _log(current)
            doc = {"insight_id": insight_id, "day": day_to_iso(day), "value": stored, "at": moment_to_iso(now)}
            if current is None:
                table.insert(Document(doc, doc_id=key))
            else:
                table.update(doc, doc_ids=[key])
            return _log(doc)

    def clear(self, insight_id: str, day: date) -> bool:
        """Forget the day's value; True if there was one."""
        _require_id(insight_id)
        require_day(day)
        key = log_key(insight_id, day)
        with self.files.transaction(self._year_path(day)) as db:
            table = db.table(LOGS)
            if not table.contains(doc_id=key):
                return False
            table.remove(doc_ids=[key])
            return True

    def value(self, insight_id: str, day: date) -> OutcomeLog | None:
        require_day(day)
        doc = self._read(self._year_path(day), LOGS).get(log_key(insight_id, day))
        return None if doc is None else _log(doc)

    def history(self, insight_id: str, first: date | None = None, last: date | None = None) -> list[OutcomeLog]:
        """Logged values for the insight, oldest first, optionally within [first, last].

        Reads only the year files that overlap the range.
        """
        logs = []
        for year in list_keys(self.folder, YEAR_FILE):
            if (first is not None and int(year) < first.year) or (last is not None and int(year) > last.year):
                continue
            for doc in self._read(self.folder / f"{year}.json", LOGS).values():
                if doc.get("insight_id") != insight_id:
                    continue
                entry = _log(doc)
                if (first is None or entry.day >= first) and (last is None or entry.day <= last):
                    logs.append(entry)
        return sorted(logs, key=lambda entry: entry.day)

    # -- internals ---------------------------------------------------------

    def _year_path(self, day: date) -> Path:
        return self.folder / f"{year_key(day)}.json"

    def _read(self, path: Path, table: str) -> dict[str, dict[str, Any]]:
        """A table as stored (key -> fields). Read-only: shared with the cache."""
        return (self.files.snapshot(path).storage.read() or {}).get(table, {})


def _checked_value(kind: str, value: Any) -> float | bool:
    if kind == YES_NO:
        if not isinstance(value, bool):
            raise ValueError(f"a yes/no outcome takes True or False, got {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"a number outcome takes a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number) or abs(number) > MAX_ABS_VALUE:
        raise ValueError(f"the number must be finite and within +-{MAX_ABS_VALUE:g}, got {value!r}")
    return int(number) if number.is_integer() else number


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _outcome(doc: dict[str, Any]) -> Outcome:
    return Outcome(
        insight_id=doc["insight_id"],
        name=doc["name"],
        kind=doc["kind"],
        created_at=moment_from_iso(doc["created_at"]),
        updated_at=moment_from_iso(doc["updated_at"]),
    )


def _log(doc: dict[str, Any]) -> OutcomeLog:
    value = doc["value"]
    return OutcomeLog(
        insight_id=doc["insight_id"],
        day=day_from_iso(doc["day"]),
        value=value if isinstance(value, bool) else float(value),
        logged_at=moment_from_iso(doc["at"]),
    )


def _require_id(insight_id: Any) -> None:
    if not isinstance(insight_id, str) or not insight_id:
        raise ValueError(f"insight_id must be a non-empty str, got {insight_id!r}")
