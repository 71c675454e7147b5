"""Looking back: the review log and follow-up thoughts, kept beside the journal entries.

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
from .moments import day_from_iso, day_to_iso, moment_from_iso, moment_to_iso, require_aware, require_day
from .partitions import MONTH_FILE, list_keys, month_key
from .text import MAX_TEXT_BYTES, checked_text

ENTRIES = "entries"
REVIEWS = "reviews"
FOLLOW_UPS = "follow_ups"


@dataclass(frozen=True)
class Review:
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
        return review_key(self.entry_id, self.interval)


@dataclass(frozen=True)
class FollowUp:
    """A follow-up note (``note_id``) written when ``original_id`` came back."""

    note_id: str
    note_day: date
    original_id: str
    original_day: date
    interval: int


def review_key(entry_id: str, interval: int) -> str:
    return f"{entry_id}:{interval}"


def review_to_doc(review: Review) -> dict[str, Any]:
    return {
        "entry_id": review.entry_id,
        "interval": review.interval,
        "entry_day": day_to_iso(review.entry_day),
        "shown_on": day_to_iso(review.shown_on),
        "shown_at": moment_to_iso(review.shown_at),
        "updated_at": moment_to_iso(review.updated_at),
        "closed": bool(review.closed),
        "follow_up_id": review.follow_up_id,
    }


def review_from_doc(doc: dict[str, Any]) -> Review:
    return Review(
        entry_id=str(doc["entry_id"]),
        interval=int(doc["interval"]),
        entry_day=day_from_iso(doc["entry_day"]),
        shown_on=day_from_iso(doc["shown_on"]),
        shown_at=moment_from_iso(doc["shown_at"]),
        updated_at=moment_from_iso(doc["updated_at"]),
        closed=bool(doc.get("closed", False)),
        follow_up_id=doc.get("follow_up_id"),
    )


def follow_up_to_doc(link: FollowUp) -> dict[str, Any]:
    return {
        "original_id": link.original_id,
        "original_day": day_to_iso(link.original_day),
        "interval": link.interval,
        "note_day": day_to_iso(link.note_day),
    }


def follow_up_from_doc(note_id: str, doc: dict[str, Any]) -> FollowUp:
    return FollowUp(
        note_id=note_id,
        note_day=day_from_iso(doc["note_day"]),
        original_id=str(doc["original_id"]),
        original_day=day_from_iso(doc["original_day"]),
        interval=int(doc["interval"]),
    )


_UNREADABLE = (KeyError, TypeError, ValueError, AttributeError)


class Reviews:
    """The looking-back log and follow-up links, in ``journal/YYYY-MM.json``."""

    def __init__(self, files: DataFiles, folder: Path, max_text_bytes: int = MAX_TEXT_BYTES) -> None:
        self.files = files
        self.folder = folder
        self.max_text_bytes = max_text_bytes

    # -- writing -----------------------------------------------------------

    def record_shown(self, entry: JournalEntry, interval: int, day: date, now: datetime) -> Review:
        """Log that ``entry`` was shown for ``interval``; if it already was, return that record."""
        _require_interval(interval)
        require_day(day)
        require_aware(now)
        review = Review(entry.id, interval, entry.day, day, now, now)
        with self.files.transaction(self._path(month_key(entry.day))) as db:
            data = db.storage.read() or {}
            table = data.setdefault(REVIEWS, {})
            held = table.get(review.key)
            if held is not None:
                try:
                    return review_from_doc(held)
                except _UNREADABLE:
                    pass  # an unreadable record is replaced by a good one
            table[review.key] = review_to_doc(review)
            db.storage.write(data)
        return review

    def close(self, review: Review, now: datetime, follow_up_id: str | None = None) -> Review:
        """Mark a review finished (optionally with the follow-up note that ended it)."""
        require_aware(now)
        with self.files.transaction(self._path(month_key(review.entry_day))) as db:
            data = db.storage.read() or {}
            table = data.setdefault(REVIEWS, {})
            current = review
            if review.key in table:
                try:
                    current = review_from_doc(table[review.key])
                except _UNREADABLE:
                    current = review
            closed = replace(current, closed=True, updated_at=now,
                             follow_up_id=follow_up_id or current.follow_up_id)
            table[review.key] = review_to_doc(closed)
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

    def merge(self, reviews: Iterable[Review], follow_ups: Iterable[FollowUp],
              operation: Operation | None = None) -> tuple[int, int]:
        """Import: add missing records, replace a review with a newer ``updated_at``.

        Changed month files are collected in ``operation`` (one is made and
        committed here if none is given). Follow-up links
        are facts and never change: present ones are kept. Returns (added, updated).
        """
        by_month: dict[str, list[tuple[str, str, dict[str, Any], datetime | None]]] = defaultdict(list)
        for review in reviews:
            by_month[month_key(review.entry_day)].append(
                (REVIEWS, review.key, review_to_doc(review), review.updated_at))
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
                        table[key] = doc
                        updated += 1
                        changed = True
                if changed:
                    operation.put(self._path(month), data)
            if own:
                operation.commit()
        return added, updated

    def would_change(self, reviews: Iterable[Review], follow_ups: Iterable[FollowUp]) -> bool:
        """Whether ``merge`` with these records would write anything (reads, never writes)."""
        for review in reviews:
            held = self._table(month_key(review.entry_day), REVIEWS).get(review.key)
            if held is None or _newer(review.updated_at, held):
                return True
        return any(link.note_id not in self._table(month_key(link.note_day), FOLLOW_UPS)
                   for link in follow_ups)

    # -- reading -----------------------------------------------------------

    def for_entry_days(self, first: date, last: date) -> list[Review]:
        """Reviews of entries whose day is in ``[first, last]`` (reads only those months)."""
        require_day(first)
        require_day(last)
        lo, hi = month_key(first), month_key(last)
        found = []
        for month in self._months():
            if lo <= month <= hi:
                found.extend(r for r in self._reviews(month) if first <= r.entry_day <= last)
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
            for note_id in ids & set(table):
                try:
                    found[note_id] = follow_up_from_doc(note_id, table[note_id])
                except _UNREADABLE:
                    continue
        return found

    def all_reviews(self) -> Iterator[Review]:
        """Every readable review record, oldest month first."""
        for month in self._months():
            yield from self._reviews(month)

    def all_follow_ups(self) -> Iterator[FollowUp]:
        for month in self._months():
            for note_id, doc in sorted(self._table(month, FOLLOW_UPS).items()):
                try:
                    yield follow_up_from_doc(note_id, doc)
                except _UNREADABLE:
                    continue

    # -- internals ---------------------------------------------------------

    def _path(self, month: str) -> Path:
        return self.folder / f"{month}.json"

    def _months(self) -> list[str]:
        return list_keys(self.folder, MONTH_FILE)

    def _table(self, month: str, name: str) -> dict[str, Any]:
        """A table as stored. Read-only: shared with the read cache."""
        return (self.files.snapshot(self._path(month)).storage.read() or {}).get(name, {})

    def _reviews(self, month: str) -> list[Review]:
        out = []
        for _key, doc in sorted(self._table(month, REVIEWS).items()):
            try:
                out.append(review_from_doc(doc))
            except _UNREADABLE:
                continue  # kept in the file untouched
        return out


def _newer(updated_at: datetime, held: Any) -> bool:
    try:
        return updated_at > moment_from_iso(held["updated_at"])
    except _UNREADABLE:
        return True  # an unreadable record is replaced by a readable one


def _require_interval(interval: Any) -> None:
    if isinstance(interval, bool) or not isinstance(interval, int) or interval < 1:
        raise ValueError(f"interval must be a positive int (days), got {interval!r}")
