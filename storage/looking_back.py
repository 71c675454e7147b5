"""Looking back: the log of answers shown again and the follow-up thoughts, kept beside the journal entries.

Both live as extra tables inside the journal month files, so backups, restore,
quarantine of damaged files and the journal's locking cover them with no new
kind of file (``data_files`` and the backup code need not know about them):

``reviews`` in the month of the *original entry's* day::

    "<entry id>:<interval>": {entry_id, interval, entry_day, shown_on, shown_at,
                              updated_at, closed, follow_up_id}

One record per (entry, interval) is the log that stops an answer coming back
twice for the same interval: ``record_shown`` only ever inserts.

``follow_ups`` in the month of the *follow-up note's* day::

    "<note id>": {original_id, original_day, interval, note_day}

The follow-up thought itself is an ordinary journal note (searchable,
exported); it and its link are written in one atomic write of one file.
Every change is one locked read-modify-write of one month file, like the
journal's own changes.

A stored record that cannot be read (a field missing or unparseable, a day or
time outside the years the app can place in UTC, an interval that is not a
whole number of days) is set aside like a journal entry that cannot be read:
it stays in its file untouched, is not shown, looked back at or exported, and
the store's problems get one line naming the file. A write that must replace
such a record (the same answer shown again for the same interval) first keeps
it under a key of its own in the same table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

from .data_files import DataFiles
from .journal_entry import JournalEntry, entry_to_doc, new_entry_id
from .operation import Operation
from .moments import (day_from_iso, day_to_iso, moment_from_iso, moment_to_iso, require_aware, require_day,
                      require_placeable, require_placeable_day)
from .partitions import MONTH_FILE, list_keys, month_key
from .text import MAX_TEXT_BYTES, checked_text

ENTRIES = "entries"
LOOK_BACKS = "reviews"
FOLLOW_UPS = "follow_ups"
#: The longest interval a record can hold (import refuses longer ones too).
MAX_INTERVAL_DAYS = 100 * 366
#: Suffix of the key under which an unreadable record is kept when its key is needed.
UNREADABLE_KEY = "#unreadable"


@dataclass(frozen=True)
class LookBack:
    """One past answer shown again after ``interval`` days."""

    entry_id: str
    interval: int
    entry_day: date
    shown_on: date
    shown_at: datetime
    updated_at: datetime
    closed: bool = False  # the user saved a thought or said "done"
    follow_up_id: str | None = None

    @property
    def key(self) -> str:
        return look_back_key(self.entry_id, self.interval)


@dataclass(frozen=True)
class FollowUp:
    """A follow-up note (``note_id``) written when ``original_id`` came back."""

    note_id: str
    note_day: date
    original_id: str
    original_day: date
    interval: int


def look_back_key(entry_id: str, interval: int) -> str:
    return f"{entry_id}:{interval}"


def look_back_to_doc(record: LookBack) -> dict[str, Any]:
    return {
        "entry_id": record.entry_id,
        "interval": record.interval,
        "entry_day": day_to_iso(record.entry_day),
        "shown_on": day_to_iso(record.shown_on),
        "shown_at": moment_to_iso(record.shown_at),
        "updated_at": moment_to_iso(record.updated_at),
        "closed": bool(record.closed),
        "follow_up_id": record.follow_up_id,
    }


def look_back_from_doc(doc: dict[str, Any]) -> LookBack:
    """The look back a stored record describes; ValueError/KeyError/TypeError if it cannot be
    used (e.g. a time outside the years the app can place in UTC): see the module docstring."""
    follow_up_id = doc.get("follow_up_id")
    if follow_up_id is not None:
        follow_up_id = _stored_id(follow_up_id)
    return LookBack(
        entry_id=_stored_id(doc["entry_id"]),
        interval=_stored_interval(doc["interval"]),
        entry_day=require_placeable_day(day_from_iso(doc["entry_day"])),
        shown_on=require_placeable_day(day_from_iso(doc["shown_on"])),
        shown_at=require_placeable(moment_from_iso(doc["shown_at"])),
        updated_at=require_placeable(moment_from_iso(doc["updated_at"])),
        closed=bool(doc.get("closed", False)),
        follow_up_id=follow_up_id,
    )


def follow_up_to_doc(link: FollowUp) -> dict[str, Any]:
    return {
        "original_id": link.original_id,
        "original_day": day_to_iso(link.original_day),
        "interval": link.interval,
        "note_day": day_to_iso(link.note_day),
    }


def follow_up_from_doc(note_id: str, doc: dict[str, Any]) -> FollowUp:
    """The link a stored record describes; ValueError/KeyError/TypeError if it cannot be used."""
    return FollowUp(
        note_id=_stored_id(note_id),
        note_day=require_placeable_day(day_from_iso(doc["note_day"])),
        original_id=_stored_id(doc["original_id"]),
        original_day=require_placeable_day(day_from_iso(doc["original_day"])),
        interval=_stored_interval(doc["interval"]),
    )


def _stored_id(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError(f"an id must be non-empty text, got {value!r}")
    return value


def _stored_interval(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_INTERVAL_DAYS:
        raise ValueError(f"an interval must be a whole number of days, got {value!r}")
    return value


_UNREADABLE = (KeyError, TypeError, ValueError, AttributeError)


class LookingBack:
    """The looking-back log and follow-up links, in ``journal/YYYY-MM.json``."""

    def __init__(self, files: DataFiles, folder: Path, max_text_bytes: int = MAX_TEXT_BYTES) -> None:
        self.files = files
        self.folder = folder
        self.max_text_bytes = max_text_bytes

    # -- writing -----------------------------------------------------------

    def record_shown(self, entry: JournalEntry, interval: int, day: date, now: datetime) -> LookBack:
        """Log that ``entry`` was shown for ``interval``; if it already was, return that record."""
        _require_interval(interval)
        require_day(day)
        require_aware(now)
        record = LookBack(entry.id, interval, entry.day, day, now, now)
        with self.files.transaction(self._path(month_key(entry.day))) as db:
            data = db.storage.read() or {}
            table = data.setdefault(LOOK_BACKS, {})
            held = table.get(record.key)
            if held is not None:
                try:
                    return look_back_from_doc(held)
                except _UNREADABLE:
                    _keep_aside(table, record.key)  # kept; a good record takes its key
            table[record.key] = look_back_to_doc(record)
            db.storage.write(data)
        return record

    def close(self, record: LookBack, now: datetime, follow_up_id: str | None = None) -> LookBack:
        """Mark a record finished (optionally with the follow-up note that ended it)."""
        require_aware(now)
        with self.files.transaction(self._path(month_key(record.entry_day))) as db:
            data = db.storage.read() or {}
            table = data.setdefault(LOOK_BACKS, {})
            current = record
            if record.key in table:
                try:
                    current = look_back_from_doc(table[record.key])
                except _UNREADABLE:
                    _keep_aside(table, record.key)
                    current = record
            closed = replace(current, closed=True, updated_at=now,
                             follow_up_id=follow_up_id or current.follow_up_id)
            table[record.key] = look_back_to_doc(closed)
            db.storage.write(data)
        return closed

    def add_follow_up(self, original: JournalEntry, interval: int, day: date, text: str,
                      now: datetime) -> JournalEntry:
        """Write a follow-up thought as a journal note linked to ``original`` (one atomic write)."""
        _require_interval(interval)
        require_day(day)
        require_aware(now)
        text = checked_text(text, self.max_text_bytes)
        note = JournalEntry(new_entry_id(), original.insight_id, None, "", day, text, now, now)
        link = FollowUp(note.id, day, original.id, original.day, interval)
        with self.files.transaction(self._path(month_key(day))) as db:
            data = db.storage.read() or {}
            data.setdefault(ENTRIES, {})[note.id] = entry_to_doc(note)
            data.setdefault(FOLLOW_UPS, {})[note.id] = follow_up_to_doc(link)
            db.storage.write(data)
        return note

    def merge(self, records: Iterable[LookBack], follow_ups: Iterable[FollowUp],
              operation: Operation | None = None) -> tuple[int, int]:
        """Import: add missing records, replace a record with a newer ``updated_at``.

        Changed month files are collected in ``operation`` (one is made and
        committed here if none is given). Follow-up links
        are facts and never change: present ones are kept. Returns (added, updated).
        """
        by_month: dict[str, list[tuple[str, str, dict[str, Any], datetime | None]]] = defaultdict(list)
        for record in records:
            by_month[month_key(record.entry_day)].append(
                (LOOK_BACKS, record.key, look_back_to_doc(record), record.updated_at))
        for link in follow_ups:
            by_month[month_key(link.note_day)].append(
                (FOLLOW_UPS, link.note_id, follow_up_to_doc(link), None))
        own = operation is None
        if own:
            operation = Operation(self.files, "import")
        added = updated = 0
        with self.files.lock:
            for month, items in sorted(by_month.items()):
                data = operation.read(self._path(month))
                changed = False
                for table_name, key, doc, updated_at in items:
                    table = data.setdefault(table_name, {})
                    held = table.get(key)
                    if held is None:
                        table[key] = doc
                        added += 1
                        changed = True
                    elif updated_at is not None and _newer(updated_at, held):
                        if not _readable(table_name, key, held):
                            _keep_aside(table, key)
                        table[key] = doc
                        updated += 1
                        changed = True
                if changed:
                    operation.put(self._path(month), data)
            if own:
                operation.commit()
        return added, updated

    def would_change(self, records: Iterable[LookBack], follow_ups: Iterable[FollowUp]) -> bool:
        """Whether ``merge`` with these records would write anything (reads, never writes)."""
        for record in records:
            held = self._table(month_key(record.entry_day), LOOK_BACKS).get(record.key)
            if held is None or _newer(record.updated_at, held):
                return True
        return any(link.note_id not in self._table(month_key(link.note_day), FOLLOW_UPS)
                   for link in follow_ups)

    # -- reading -----------------------------------------------------------

    def for_entry_days(self, first: date, last: date) -> list[LookBack]:
        """Reviews of entries whose day is in ``[first, last]`` (reads only those months)."""
        require_day(first)
        require_day(last)
        lo, hi = month_key(first), month_key(last)
        found = []
        for month in self._months():
            if lo <= month <= hi:
                found.extend(r for r in self._look_backs(month) if first <= r.entry_day <= last)
        return found

    def follow_ups_for(self, notes: Iterable[JournalEntry]) -> dict[str, FollowUp]:
        """Note id -> its link, for those of ``notes`` that are follow-up thoughts."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for note in notes:
            if note.question_index is None:
                wanted[month_key(note.day)].add(note.id)
        found: dict[str, FollowUp] = {}
        for month, ids in wanted.items():
            table = self._table(month, FOLLOW_UPS)
            bad = 0
            for note_id in ids & set(table):
                try:
                    found[note_id] = follow_up_from_doc(note_id, table[note_id])
                except _UNREADABLE:
                    bad += 1
            if bad:
                self._report(month, FOLLOW_UPS, self._count_unreadable(month, FOLLOW_UPS))
        return found

    def all_look_backs(self) -> Iterator[LookBack]:
        """Every readable record record, oldest month first."""
        for month in self._months():
            yield from self._look_backs(month)

    def all_follow_ups(self) -> Iterator[FollowUp]:
        """Every readable follow-up link, oldest month first (unreadable ones are reported)."""
        for month in self._months():
            links, bad = [], 0
            for note_id, doc in sorted(self._table(month, FOLLOW_UPS).items()):
                try:
                    links.append(follow_up_from_doc(note_id, doc))
                except _UNREADABLE:
                    bad += 1
            self._report(month, FOLLOW_UPS, bad)
            yield from links

    # -- internals ---------------------------------------------------------

    def _path(self, month: str) -> Path:
        return self.folder / f"{month}.json"

    def _months(self) -> list[str]:
        return list_keys(self.folder, MONTH_FILE)

    def _table(self, month: str, name: str) -> dict[str, Any]:
        """A table as stored. Read-only: shared with the read cache."""
        return (self.files.snapshot(self._path(month)).storage.read() or {}).get(name, {})

    def _look_backs(self, month: str) -> list[LookBack]:
        out, bad = [], 0
        for _key, doc in sorted(self._table(month, LOOK_BACKS).items()):
            try:
                out.append(look_back_from_doc(doc))
            except _UNREADABLE:
                bad += 1  # kept in the file untouched
        self._report(month, LOOK_BACKS, bad)
        return out

    def _count_unreadable(self, month: str, name: str) -> int:
        return sum(not _readable(name, key, doc) for key, doc in self._table(month, name).items())

    def _report(self, month: str, name: str, bad: int) -> None:
        """One line per month file and kind in the store's problems (as the journal does)."""
        if not bad:
            return
        problems = self.files.quarantine.problems
        kind = "looking-back record" if name == LOOK_BACKS else "follow-up link"
        start = f"journal/{month}.json holds "
        if any(p.startswith(start) and kind in p for p in problems):
            return
        problems.append(
            f"{start}{bad} {kind}{'' if bad == 1 else 's'} that could not be read (a day or time "
            "outside the years Stepwise can show, or a damaged field); "
            f"{'it is' if bad == 1 else 'they are'} kept in the file but not used or exported.")


def _readable(name: str, key: str, doc: Any) -> bool:
    try:
        if name == LOOK_BACKS:
            look_back_from_doc(doc)
        else:
            follow_up_from_doc(key, doc)
    except _UNREADABLE:
        return False
    return True


def _keep_aside(table: dict[str, Any], key: str) -> None:
    """Move the unreadable record at ``key`` to a key of its own in the same table."""
    aside, counter = f"{key}{UNREADABLE_KEY}", 2
    while aside in table:
        aside, counter = f"{key}{UNREADABLE_KEY}{counter}", counter + 1
    table[aside] = table.pop(key)


def _newer(updated_at: datetime, held: Any) -> bool:
    try:
        return updated_at > look_back_from_doc(held).updated_at
    except _UNREADABLE:
        return True  # an unreadable record is replaced by a readable one


def _require_interval(interval: Any) -> None:
    if isinstance(interval, bool) or not isinstance(interval, int) or interval < 1:
        raise ValueError(f"interval must be a positive int (days), got {interval!r}")
