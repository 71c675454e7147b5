"""The journal: answers to an insight's questions and free notes, one file per month.

Every change is one locked read-modify-write of one month file. Reading the
first page opens month files newest first and stops as soon as the page is
full, so start-up cost does not grow with years of writing.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from tinydb.table import Document

from .atomic_storage import KeyedTinyDB
from .data_files import DataFiles
from .journal_entry import JournalEntry, entry_from_doc, entry_to_doc, new_entry_id
from .journal_order import Cursor, decode_cursor, encode_cursor, sort_key
from .moments import day_to_iso, moment_to_iso, require_aware, require_day, require_placeable
from .operation import Operation
from .partitions import MONTH_FILE, list_keys, month_key
from .read_cache import StatKey, is_racy
from .text import MAX_TEXT_BYTES, checked_text, normalize_text

TABLE = "entries"


class Journal:
    """Journal entries partitioned by the month of their day (``journal/YYYY-MM.json``)."""

    def __init__(self, files: DataFiles, folder: Path, max_text_bytes: int = MAX_TEXT_BYTES) -> None:
        self.files = files
        self.folder = folder
        self.max_text_bytes = max_text_bytes
        # month -> (stat key, ids): where each entry lives, refreshed by stat.
        self._index: dict[str, tuple[StatKey, frozenset[str]]] = {}
        self._index_lock = threading.RLock()
        self._reported_bad: set[str] = set()

    # -- writing -----------------------------------------------------------

    def save_answer(
        self,
        insight_id: str,
        question_index: int,
        question: str,
        day: date,
        text: str,
        now: datetime,
    ) -> JournalEntry:
        """Create or update the one answer for (insight, question, day)."""
        _require_id(insight_id)
        if isinstance(question_index, bool) or not isinstance(question_index, int) or question_index < 0:
            raise ValueError(f"question_index must be an int >= 0, got {question_index!r}")
        require_day(day)
        require_aware(now)
        question = checked_text(question, self.max_text_bytes)
        text = checked_text(text, self.max_text_bytes)
        month = month_key(day)
        with self.files.transaction(self._path(month)) as db:
            table = db.table(TABLE)
            day_iso = day_to_iso(day)
            found = [
                entry
                for entry_id, doc in _raw_docs(db).items()
                if doc.get("day") == day_iso
                and doc.get("question_index") == question_index
                and doc.get("insight_id") == insight_id
                and (entry := _entry_or_none(entry_id, doc)) is not None
            ]
            if found:
                current = max(found, key=lambda e: (e.updated_at, e.id))
                if current.text == text and current.question == question:
                    return current
                fields = {"text": text, "question": question, "updated_at": moment_to_iso(now)}
                table.update(fields, doc_ids=[current.id])
                saved = replace(current, text=text, question=question, updated_at=now)
            else:
                saved = JournalEntry(new_entry_id(), insight_id, question_index, question, day, text, now, now)
                table.insert(Document(entry_to_doc(saved), doc_id=saved.id))
        self._forget(month)
        return saved

    def add_note(self, day: date, text: str, now: datetime, insight_id: str | None = None) -> JournalEntry:
        """A free note: always a new entry."""
        require_day(day)
        require_aware(now)
        if insight_id is not None:
            _require_id(insight_id)
        text = checked_text(text, self.max_text_bytes)
        note = JournalEntry(new_entry_id(), insight_id, None, "", day, text, now, now)
        month = month_key(day)
        with self.files.transaction(self._path(month)) as db:
            db.table(TABLE).insert(Document(entry_to_doc(note), doc_id=note.id))
        self._forget(month)
        return note

    def update_text(self, entry_id: str, text: str, now: datetime) -> JournalEntry:
        """Replace an entry's text. KeyError if the entry does not exist."""
        require_aware(now)
        text = checked_text(text, self.max_text_bytes)
        month = self._locate(entry_id)
        if month is None:
            raise KeyError(entry_id)
        with self.files.transaction(self._path(month)) as db:
            table = db.table(TABLE)
            doc = table.get(doc_id=entry_id)
            if doc is None:
                raise KeyError(entry_id)
            current = entry_from_doc(entry_id, doc)
            if current.text == text:
                return current
            table.update({"text": text, "updated_at": moment_to_iso(now)}, doc_ids=[entry_id])
        self._forget(month)
        return replace(current, text=text, updated_at=now)

    def delete(self, entry_id: str) -> JournalEntry | None:
        """Remove an entry and return it (pass it to ``restore`` to undo); None if absent."""
        month = self._locate(entry_id)
        if month is None:
            return None
        path = self._path(month)
        with self.files.transaction(path) as db:
            table = db.table(TABLE)
            doc = table.get(doc_id=entry_id)
            if doc is None:
                return None
            removed = entry_from_doc(entry_id, doc)
            if len(table) == 1 and set(db.tables()) == {TABLE}:
                self.files.remove(path)  # keep "a month file exists" == "it has entries"
            else:
                table.remove(doc_ids=[entry_id])
        self._forget(month)
        return removed

    def restore(self, entry: JournalEntry) -> JournalEntry:
        """Put an entry back exactly as it was (same id and times), e.g. to undo a delete.

        If the user answered the same question again meanwhile, both answers are
        kept; ``answers_for_day`` shows the most recently updated one.
        """
        if not isinstance(entry, JournalEntry):
            raise TypeError("restore needs a JournalEntry")
        require_day(entry.day)
        require_aware(entry.created_at)
        require_aware(entry.updated_at)
        entry = replace(entry, text=normalize_text(entry.text), question=normalize_text(entry.question))
        month = month_key(entry.day)
        with self.files.transaction(self._path(month)) as db:
            table = db.table(TABLE)
            doc = entry_to_doc(entry)
            if table.contains(doc_id=entry.id):
                table.update(doc, doc_ids=[entry.id])
            else:
                table.insert(Document(doc, doc_id=entry.id))
        self._forget(month)
        return entry

    def import_entries(self, entries: Iterable[JournalEntry]) -> int:
        """Bulk-add entries with one write per month; ids already present are left alone.

        Used by migration and import: running it twice adds nothing twice.
        Returns how many entries were added.
        """
        by_month: dict[str, list[JournalEntry]] = defaultdict(list)
        for entry in entries:
            by_month[month_key(entry.day)].append(entry)
        added = 0
        for month, group in sorted(by_month.items()):
            with self.files.transaction(self._path(month)) as db:
                table = db.table(TABLE)
                present = set(_raw_docs(db))
                fresh = {e.id: e for e in group if e.id not in present}
                if fresh:
                    table.insert_multiple(Document(entry_to_doc(e), doc_id=i) for i, e in fresh.items())
                added += len(fresh)
            self._forget(month)
        return added

    # -- reading -----------------------------------------------------------

    def answers_for_day(self, insight_id: str, day: date) -> dict[int, JournalEntry]:
        """Question index -> answer, for one insight on one day."""
        require_day(day)
        answers: dict[int, JournalEntry] = {}
        for entry in self._entries(month_key(day)):
            if entry.insight_id == insight_id and entry.day == day and entry.question_index is not None:
                held = answers.get(entry.question_index)
                if held is None or (entry.updated_at, entry.id) > (held.updated_at, held.id):
                    answers[entry.question_index] = entry
        return answers

    def page(self, limit: int = 30, cursor: Cursor | None = None) -> tuple[list[JournalEntry], Cursor | None]:
        """Up to ``limit`` entries newest first, and a cursor for the next page (None at the end).

        Opens month files newest first and stops when the page is full.
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"limit must be a positive int, got {limit!r}")
        after = decode_cursor(cursor) if cursor is not None else None
        months = self._months_newest_first()
        if after is not None:
            last_month = month_key(after[0])
            months = [m for m in months if m <= last_month]
        out: list[JournalEntry] = []
        for position, month in enumerate(months):
            entries = sorted(self._entries(month), key=sort_key, reverse=True)
            if after is not None:
                entries = [e for e in entries if sort_key(e) < after]
            need = limit - len(out)
            out.extend(entries[:need])
            if len(out) == limit:
                more = len(entries) > need or position + 1 < len(months)
                return out, (encode_cursor(sort_key(out[-1])) if more else None)
        return out, None

    def get(self, entry_id: str) -> JournalEntry | None:
        month = self._locate(entry_id)
        if month is None:
            return None
        doc = self.files.snapshot(self._path(month)).table(TABLE).get(doc_id=entry_id)
        return None if doc is None else _entry_or_none(entry_id, doc)

    def all_entries(self) -> Iterator[JournalEntry]:
        """Every entry, newest first, one month in memory at a time."""
        for month in self._months_newest_first():
            yield from sorted(self._entries(month), key=sort_key, reverse=True)

    def count(self) -> int:
        """Number of entries. Parses each month once per process, then only stats files."""
        with self._index_lock:
            return sum(len(ids) for _, ids in self._sync_index().values())

    def months(self) -> list[str]:
        """Month keys ('2026-11') that have entries, newest first."""
        return self._months_newest_first()

    # -- streaming reads and merging (search, looking back, export, import) ---

    def entries(
        self,
        after: Cursor | None = None,
        where: Callable[[dict[str, Any]], bool] | None = None,
    ) -> Iterator[JournalEntry]:
        """Entries newest first, starting just after the ``after`` cursor.

        One month file is read at a time and only as far as the caller
        iterates, so a search that stops after a page of hits stops reading.
        ``where(stored_fields)`` pre-filters the stored documents (a dict with
        "text", "question", "insight_id", "question_index"... as on disk), so
        entries that cannot match are never built.
        """
        key = decode_cursor(after) if after is not None else None
        months = self._months_newest_first()
        if key is not None:
            last_month = month_key(key[0])
            months = [m for m in months if m <= last_month]
        for month in months:
            found = self._entries(month) if where is None else self._matching(month, where)
            entries = sorted(found, key=sort_key, reverse=True)
            if key is not None:
                entries = [e for e in entries if sort_key(e) < key]
            yield from entries

    def entries_oldest_first(self) -> Iterator[JournalEntry]:
        """Every entry, oldest first, one month in memory at a time (for export)."""
        for month in self._months_newest_first()[::-1]:
            yield from sorted(self._entries(month), key=sort_key)

    def entries_between(self, first: date, last: date) -> list[JournalEntry]:
        """Entries whose day is in ``[first, last]``; reads only the months that cover it."""
        require_day(first)
        require_day(last)
        lo, hi = month_key(first), month_key(last)
        found = []
        for month in self._months_newest_first():
            if lo <= month <= hi:
                found.extend(e for e in self._entries(month) if first <= e.day <= last)
        return sorted(found, key=sort_key, reverse=True)

    @staticmethod
    def cursor_of(entry: JournalEntry) -> Cursor:
        """The cursor that resumes just after ``entry`` (for paged search)."""
        return encode_cursor(sort_key(entry))

    def merge_entries(
        self,
        entries: Iterable[JournalEntry],
        decide: Callable[[JournalEntry | None, JournalEntry], str],
        operation: Operation | None = None,
    ) -> dict[str, list[JournalEntry]]:
        """Import entries all together; ``decide`` rules each one.

        ``decide(existing_or_None, incoming)`` returns "add", "update" or a word
        for leaving the stored entry alone ("same", "keep"); it is called inside
        the lock with the entry as it is on disk at that moment. An entry whose
        id is stored under another month (its day changed) moves to its new
        month. Every month file changed is collected in ``operation`` (one is
        made and committed here if none is given), so the
        move and the rest of the import happen all together or not at all: an
        id is never in two month files. Returns the incoming entries grouped
        by what ``decide`` said.
        """
        incoming: dict[str, list[JournalEntry]] = defaultdict(list)
        for entry in entries:
            if not isinstance(entry, JournalEntry):
                raise TypeError("merge_entries needs JournalEntry values")
            require_day(entry.day)
            require_placeable(entry.created_at)
            require_placeable(entry.updated_at)
            entry = replace(entry, text=checked_text(entry.text, self.max_text_bytes),
                            question=checked_text(entry.question, self.max_text_bytes))
            incoming[month_key(entry.day)].append(entry)
        own = operation is None
        if own:
            operation = Operation(self.files, "import")
        outcome: dict[str, list[JournalEntry]] = defaultdict(list)
        with self.files.lock:
            with self._index_lock:
                where = {entry_id: month for month, (_, ids) in self._sync_index().items()
                         for entry_id in ids}
            for month, group in sorted(incoming.items()):
                data = operation.read(self._path(month))
                docs = data.setdefault(TABLE, {})
                changed = False
                for entry in group:
                    old_month = where.get(entry.id)
                    if entry.id in docs:
                        existing = _entry_or_none(entry.id, docs[entry.id])
                    elif old_month is not None and old_month != month:
                        held = operation.read(self._path(old_month)).get(TABLE, {}).get(entry.id)
                        existing = None if held is None else _entry_or_none(entry.id, held)
                    else:
                        existing = None
                    verdict = decide(existing, entry)
                    outcome[verdict].append(entry)
                    if verdict in ("add", "update"):
                        docs[entry.id] = entry_to_doc(entry)
                        changed = True
                        if old_month is not None and old_month != month:
                            old = operation.read(self._path(old_month))
                            if old.get(TABLE, {}).pop(entry.id, None) is not None:
                                operation.put(self._path(old_month), old)
                            where[entry.id] = month
                if changed:
                    operation.put(self._path(month), data)
            if own:
                operation.commit()
                self.forget_locations()
        return dict(outcome)

    def duplicate_ids(self) -> dict[str, list[str]]:
        """Ids stored in more than one month file (left by an interrupted import of an older
        version): id -> months. Reads every month."""
        seen: dict[str, list[str]] = defaultdict(list)
        for month in self._months_newest_first():
            for entry_id in _raw_docs(self.files.snapshot(self._path(month))):
                seen[entry_id].append(month)
        return {entry_id: months for entry_id, months in seen.items() if len(months) > 1}

    def repair_duplicates(self, now: datetime) -> int:
        """Keep one copy of each id found in several months: the one with the newer
        ``updated_at`` (an unreadable copy loses to a readable one). All in one operation.
        Returns how many copies were removed. Caller holds the store lock."""
        duplicates = self.duplicate_ids()
        if not duplicates:
            return 0
        operation = Operation(self.files, "repair")
        removed = 0
        for entry_id, months in duplicates.items():
            def rank(month: str) -> tuple[int, datetime, str]:
                entry = _entry_or_none(entry_id, operation.read(self._path(month))[TABLE][entry_id])
                if entry is None:
                    return (0, datetime.min.replace(tzinfo=timezone.utc), month)
                return (1, entry.updated_at.astimezone(timezone.utc), month)

            keep = max(months, key=rank)
            for month in months:
                if month != keep:
                    data = operation.read(self._path(month))
                    del data[TABLE][entry_id]
                    operation.put(self._path(month), data)
                    removed += 1
        operation.commit(now)
        self.forget_locations()
        return removed

    # -- internals ---------------------------------------------------------

    def _path(self, month: str) -> Path:
        return self.folder / f"{month}.json"

    def _months_newest_first(self) -> list[str]:
        return list_keys(self.folder, MONTH_FILE)[::-1]

    def _entries(self, month: str) -> list[JournalEntry]:
        db = self.files.snapshot(self._path(month))
        return self._convert(month, db)

    def _convert(self, month: str, db: KeyedTinyDB) -> list[JournalEntry]:
        entries, bad = [], 0
        for doc in db.table(TABLE):
            try:
                entries.append(entry_from_doc(doc.doc_id, doc))
            except (KeyError, TypeError, ValueError, AttributeError):
                bad += 1  # kept in the file untouched; saves rewrite it as it is
        if bad and month not in self._reported_bad:
            self._reported_bad.add(month)
            self.files.quarantine.problems.append(
                f"journal/{month}.json holds {bad} entr{'y' if bad == 1 else 'ies'} that could not "
                "be read; they are kept in the file but not shown."
            )
        return entries

    def _matching(self, month: str, where: Callable[[dict[str, Any]], bool]) -> list[JournalEntry]:
        """The month's entries whose stored fields pass ``where`` (others are not converted)."""
        docs = _raw_docs(self.files.snapshot(self._path(month)))
        picked = {entry_id: doc for entry_id, doc in docs.items() if where(doc)}
        entries = []
        for entry_id, doc in picked.items():
            try:
                entries.append(entry_from_doc(entry_id, doc))
            except (KeyError, TypeError, ValueError, AttributeError):
                continue  # reported when the month is read in full (_convert)
        return entries

    def forget_locations(self) -> None:
        """Drop the in-memory id -> month index (after a restore replaced files)."""
        with self._index_lock:
            self._index.clear()

    def _forget(self, month: str) -> None:
        with self._index_lock:
            self._index.pop(month, None)

    def _sync_index(self) -> dict[str, tuple[StatKey, frozenset[str]]]:
        """Refresh month -> ids for months whose file changed since last look (hold _index_lock)."""
        months = set(self._months_newest_first())
        for gone in set(self._index) - months:
            del self._index[gone]
        for month in months:
            key = self.files.stat_key(self._path(month))
            known = self._index.get(month)
            if key is None:
                self._index.pop(month, None)
            elif known is None or known[0] != key or is_racy(key):
                ids = frozenset(_raw_docs(self.files.snapshot(self._path(month))))
                self._index[month] = (key, ids)
        return self._index

    def _locate(self, entry_id: str) -> str | None:
        """The month file holding ``entry_id`` (entries never change month)."""
        if not isinstance(entry_id, str):
            return None
        with self._index_lock:
            for month, (key, ids) in self._index.items():
                if entry_id in ids and self.files.stat_key(self._path(month)) == key and not is_racy(key):
                    return month
            for month, (_, ids) in self._sync_index().items():
                if entry_id in ids:
                    return month
        return None


def _raw_docs(db: KeyedTinyDB) -> dict[str, Any]:
    """The entries table as stored (id -> fields), without building Documents."""
    return (db.storage.read() or {}).get(TABLE, {})


def _entry_or_none(entry_id: str, doc: Any) -> JournalEntry | None:
    """A stored document as an entry; None if it cannot be read (it may be replaced)."""
    try:
        return entry_from_doc(entry_id, doc)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _require_id(insight_id: Any) -> None:
    if not isinstance(insight_id, str) or not insight_id:
        raise ValueError(f"insight_id must be a non-empty str, got {insight_id!r}")
