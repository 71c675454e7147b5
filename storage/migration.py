"""One-time upgrade from the earlier single-file layout (schema version 1).

Version 1 layout, as the earlier Stepwise wrote it: one file
``data_dir/stepwise.json`` in TinyDB's default JSONStorage format (whole file
rewritten in place, ASCII-escaped JSON, integer document ids), with tables:

* ``journal``: {id: uuid4 hex (may be missing), insight_id: str|null,
  question_index: int|null (null = free note), question: str, day: "YYYY-MM-DD",
  text: str, created_at: ISO datetime, updated_at: ISO datetime (may be missing)}
* ``checkins``: {insight_id, step_index, day, done: bool, at: ISO datetime}
* ``completions``: {insight_id, day, at: ISO datetime}   (a finished day)
* ``positions``: {insight_id, day, index}
* ``settings``: {key, value}

Datetimes without an offset are read as the machine's local time. Every
migrated text keeps its exact characters (unpaired surrogates excepted, see
text.py) and is not subject to the new size limit - old words are never cut.

The migration is idempotent: records are added only where their id/key is not
already present, and the schema version is recorded before the old file is
renamed to ``stepwise.json.migrated`` (kept, never deleted). A crash at any
point therefore just repeats the remaining steps at the next open.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Callable

from tinydb import TinyDB

from .durable import fsync_dir, tighten_file
from .journal import Journal
from .journal_entry import JournalEntry
from .meta import write_meta
from .moments import day_from_iso, moment_from_iso, moment_to_iso
from .partitions import LEGACY_FILE, META_FILE
from .practice import CHECKINS, FINISHED, POSITIONS, Practice, checkin_key, position_key
from .quarantine import Quarantine
from .settings import Settings
from .text import normalize_text

MIGRATED_SUFFIX = ".migrated"
_HEX_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class MigrationReport:
    journal_entries: int
    practice_records: int
    settings: int
    skipped: int
    kept_as: str


def migrate_legacy(
    root: Path,
    journal: Journal,
    practice: Practice,
    settings: Settings,
    quarantine: Quarantine,
    now: Callable[[], datetime],
) -> MigrationReport | None:
    """Move ``stepwise.json`` into the partitioned layout. Caller holds the store lock."""
    legacy = root / LEGACY_FILE
    if not legacy.is_file():
        return None
    try:
        tables = _read_legacy(legacy)
    except (ValueError, UnicodeDecodeError) as err:
        quarantine.move_aside(legacy, f"the earlier version's file is damaged: {err}")
        return None

    skipped = 0
    entries: list[JournalEntry] = []
    for doc_id, doc in tables.get("journal", {}).items():
        try:
            entries.append(_journal_entry(doc_id, doc))
        except (KeyError, TypeError, ValueError, AttributeError):
            skipped += 1

    records: dict[str, list[tuple[str, date, dict[str, Any]]]] = {CHECKINS: [], FINISHED: [], POSITIONS: []}
    converters = {"checkins": (CHECKINS, _checkin), "completions": (FINISHED, _finished), "positions": (POSITIONS, _position)}
    for legacy_name, (table, convert) in converters.items():
        for doc in tables.get(legacy_name, {}).values():
            try:
                records[table].append(convert(doc))
            except (KeyError, TypeError, ValueError, AttributeError):
                skipped += 1

    values: dict[str, Any] = {}
    for doc in tables.get("settings", {}).values():
        if isinstance(doc.get("key"), str) and doc["key"] and "value" in doc:
            values[doc["key"]] = doc["value"]
        else:
            skipped += 1

    # Insert-if-absent everywhere, so repeating after a crash adds nothing twice.
    journal.import_entries(entries)
    for table, rows in records.items():
        practice.import_records(table, rows)
    settings.import_values(values)
    write_meta(
        journal.files,
        root / META_FILE,
        now(),
        migrated_from=LEGACY_FILE,
        migrated_at=moment_to_iso(now()),
    )
    kept = _unique(root / (LEGACY_FILE + MIGRATED_SUFFIX))
    os.replace(legacy, kept)
    tighten_file(kept)
    fsync_dir(root)
    if skipped:
        quarantine.problems.append(
            f"{skipped} record(s) in the earlier version's {LEGACY_FILE} could not be understood and "
            f"were not moved to the new layout; the original is kept as {kept.name}."
        )
    return MigrationReport(len(entries), sum(map(len, records.values())), len(values), skipped, kept.name)


def _read_legacy(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Read the version-1 file with TinyDB's own default storage, read-only."""
    db = TinyDB(str(path), access_mode="r", encoding="utf-8")
    try:
        return {name: {str(doc.doc_id): dict(doc) for doc in db.table(name).all()} for name in db.tables()}
    finally:
        db.close()


def _journal_entry(doc_id: str, doc: dict[str, Any]) -> JournalEntry:
    day = day_from_iso(doc["day"])
    created = _moment(doc.get("created_at"), day)
    updated = _moment(doc.get("updated_at"), day) if doc.get("updated_at") else created
    question_index = doc.get("question_index")
    if question_index is not None and (isinstance(question_index, bool) or not isinstance(question_index, int)):
        raise ValueError("bad question_index")
    insight_id = doc.get("insight_id")
    if insight_id is not None and not isinstance(insight_id, str):
        raise ValueError("bad insight_id")
    entry_id = doc.get("id")
    if not (isinstance(entry_id, str) and _HEX_ID.match(entry_id)):
        entry_id = _stable_id(doc_id, doc)
    return JournalEntry(
        id=entry_id,
        insight_id=insight_id,
        question_index=question_index,
        question=normalize_text(doc.get("question") or ""),
        day=day,
        text=normalize_text(doc["text"]),
        created_at=created,
        updated_at=updated,
    )


def _moment(text: Any, day: date) -> datetime:
    if not text:
        return datetime.combine(day, time(12, 0)).astimezone()
    return moment_from_iso(text, assume_local=True)


def _stable_id(doc_id: str, doc: dict[str, Any]) -> str:
    """A uuid4-shaped id derived from the old record, so a repeated migration adds no duplicate."""
    basis = json.dumps([doc_id, doc.get("created_at"), doc.get("insight_id"), doc.get("question_index"), doc.get("day")])
    digest = hashlib.sha256(f"stepwise-v1|{basis}".encode()).digest()
    return uuid.UUID(bytes=digest[:16], version=4).hex


def _checkin(doc: dict[str, Any]) -> tuple[str, date, dict[str, Any]]:
    day = day_from_iso(doc["day"])
    step = doc["step_index"]
    if isinstance(step, bool) or not isinstance(step, int):
        raise ValueError("bad step_index")
    fields = {
        "insight_id": str(doc["insight_id"]),
        "step_index": step,
        "day": day.isoformat(),
        "done": bool(doc.get("done", True)),
        "at": moment_to_iso(_moment(doc.get("at"), day)),
    }
    return checkin_key(fields["insight_id"], step, day), day, fields


def _finished(doc: dict[str, Any]) -> tuple[str, date, dict[str, Any]]:
    day = day_from_iso(doc["day"])
    fields = {"day": day.isoformat(), "insight_id": str(doc["insight_id"]), "at": moment_to_iso(_moment(doc.get("at"), day))}
    return day.isoformat(), day, fields


def _position(doc: dict[str, Any]) -> tuple[str, date, dict[str, Any]]:
    day = day_from_iso(doc["day"])
    index = doc["index"]
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise ValueError("bad index")
    fields = {"insight_id": str(doc["insight_id"]), "day": day.isoformat(), "index": index}
    return position_key(fields["insight_id"], day), day, fields


def _unique(path: Path) -> Path:
    candidate, counter = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{counter}")
        counter += 1
    return candidate
