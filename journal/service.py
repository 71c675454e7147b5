"""The journal as the screens and commands see it: browse, search, edit, look back, export, import.

``JournalService`` joins the store, the insights and the clock (through the
``DailyPractice`` it is given) with the plain rules of this package. The
module-level functions need only a store, for the command line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from journal.export import to_json, to_markdown
from journal.importing import ExportData, ImportRejected, parse_export
from journal.looking_back import age_phrase, pick, todays_look_back, window
from journal.merge import ADD, KEEP, SAME, UPDATE, ImportReport, decide
from journal.search import Matcher, SearchQuery, search
from storage.journal_order import sort_key as entry_order
from storage.operation import Operation
from storage import looking_back as stored
from storage.looking_back import FollowUp, LookingBack

PAGE_SIZE = 30
BEFORE_IMPORT = "before-import"


@dataclass(frozen=True)
class Page:
    """One page of the journal or of search results, newest first."""

    entries: list
    cursor: str | None  # pass back to get the next page; None: nothing more
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class LookBack:
    """Today's look back: a past answer, the stored record and how long ago it was."""

    entry: Any  # storage.JournalEntry
    record: stored.LookBack  # the stored record that it was shown
    ago: str  # "a week ago"
    insight_title: str | None


def looking_back_of(store) -> LookingBack:
    return LookingBack(store.files, store.journal.folder, store.journal.max_text_bytes)


# -- export and import with only a store (also used by `main.py export|import`) ----------


def export_json(store, now: datetime) -> bytes:
    records = looking_back_of(store)
    verdicts = store.verdicts
    return to_json(store.journal.entries_oldest_first(), records.all_look_backs(),
                   records.all_follow_ups(), now, verdicts.all(), verdicts.dismissals(),
                   verdicts.retirements())


def export_markdown(store, now: datetime,
                    title_for: Callable[[str | None], str | None] = lambda _id: None,
                    what_works: Any = None) -> bytes:
    """The journal as Markdown; ``what_works`` (daily.review.WhatWorks) adds its section."""
    records = looking_back_of(store)

    def links_for(entry) -> FollowUp | None:
        return records.follow_ups_for([entry]).get(entry.id)

    return to_markdown(store.journal.entries_oldest_first(), now, title_for, links_for,
                       what_works).encode("utf-8")


def import_json(store, raw: bytes, backup: bool = True, now: datetime | None = None) -> ImportReport:
    """Validate ``raw`` completely, then merge it (see journal/merge.py).

    Raises ImportRejected (nothing changed) for a bad file. Before writing, a
    ``before-import`` backup is taken, so Settings can undo an import; a file
    that would change nothing (imported before) writes nothing at all.
    """
    data: ExportData = parse_export(raw, store.journal.max_text_bytes)
    report = ImportReport()
    if not (data.entries or data.look_backs or data.follow_ups or data.verdicts or data.dismissals
            or data.retirements):
        report.notes.append("The file holds no entries.")
        return report
    with store.files.lock:  # nobody writes between the dry run, the backup and the commit
        if not _would_change(store, data):
            report.unchanged = len(data.entries)
            return report
        if backup:
            try:
                report.backup = store.backups.take(BEFORE_IMPORT).name
            except OSError as err:
                raise ImportRejected(f"A safety backup could not be taken first ({err}), "
                                     "so nothing was imported.") from None
        note = (f"The backup taken just before it ({report.backup}) can undo it from Settings."
                if report.backup else "")
        operation = Operation(store.files, "import", note=note)
        outcome = store.journal.merge_entries(data.entries, decide, operation)
        report.looking_back_added, report.looking_back_updated = looking_back_of(store).merge(
            data.look_backs, data.follow_ups, operation)
        report.verdicts_added = store.verdicts.merge(data.verdicts, data.dismissals, data.retirements,
                                                     operation)
        operation.commit(now)
        store.journal.forget_locations()
    report.added = len(outcome.get(ADD, []))
    report.updated = len(outcome.get(UPDATE, []))
    report.unchanged = len(outcome.get(SAME, []))
    report.kept = len(outcome.get(KEEP, []))
    return report


@dataclass(frozen=True)
class ImportOutcome:
    """What the CLI and Settings tell the user after an import, in the same words."""

    ok: bool
    message: str  # refused: "<why> Nothing was changed." (the CLI says "Import refused: " first)
    report: ImportReport | None = None


def import_file(store, raw: bytes) -> ImportOutcome:
    """Import ``raw`` and say what happened; never raises for anything in the file.

    A refusal changes nothing. An unexpected error is logged (with its
    traceback) here, never shown; if it struck after the import was committed,
    the next start finishes the import (storage/operation.py).
    """
    try:
        report = import_json(store, raw)
    except ImportRejected as err:
        return ImportOutcome(False, f"{err} Nothing was changed.")
    except Exception as err:  # noqa: BLE001 - a message for the user, the traceback for the log
        logging.getLogger(__name__).exception("import failed")
        return ImportOutcome(False, f"The import could not be completed ({type(err).__name__}: "
                                    f"{str(err)[:200]}). If it had begun changing your data, it is "
                                    "finished the next time Stepwise starts.")
    lines = [report.summary(), *report.notes]
    if report.backup:
        lines.append(f"A backup of the data before the import was kept: {report.backup}")
    return ImportOutcome(True, "\n".join(lines), report)


def _would_change(store, data: ExportData) -> bool:
    """A read-only dry run of the merge: stops at the first entry or record it would write."""
    if any(decide(store.journal.get(e.id), e) in (ADD, UPDATE) for e in data.entries):
        return True
    if looking_back_of(store).would_change(data.look_backs, data.follow_ups):
        return True
    return store.verdicts.would_change(data.verdicts, data.dismissals, data.retirements)


def export_file_name(fmt: str, day: date) -> str:
    return f"stepwise-journal-{day.isoformat()}.{'md' if fmt == 'md' else 'json'}"


class JournalService:
    """Everything the Journal tab, the Today look-back card and Settings > Data call."""

    def __init__(self, practice) -> None:
        self.practice = practice
        self.store = practice.store
        self.records = looking_back_of(self.store)

    # -- browsing and searching --------------------------------------------------------

    def page(self, limit: int = PAGE_SIZE, cursor: str | None = None) -> Page:
        entries, next_cursor = self.store.journal.page(limit=limit, cursor=cursor)
        return Page(list(entries), next_cursor)

    def search(self, query: SearchQuery, limit: int = PAGE_SIZE, cursor: str | None = None) -> Page:
        """A page of matches, newest first; streams month files and stops at a full page."""
        if query.is_empty:
            return self.page(limit, cursor)
        stream = self.store.journal.entries(after=cursor, where=Matcher(query).stored)
        hits, more = search(stream, query, limit)
        next_cursor = self.store.journal.cursor_of(hits[-1]) if more and hits else None
        return Page(hits, next_cursor, query.terms)

    def insight_title(self, insight_id: str | None) -> str | None:
        insight = self.practice.insight(insight_id) if insight_id else None
        return insight.title if insight else None

    def insight_choices(self) -> list[tuple[str, str]]:
        """(insight id, name with its book: "Insight 3 of 8 · Deep Work: <title>") for the search filter."""
        return [(i.id, self.practice.library.full_name(i)) for i in self.practice.insights]

    def question_choices(self, insight_id: str | None) -> list[tuple[int, str]]:
        insight = self.practice.insight(insight_id) if insight_id else None
        return list(enumerate(insight.questions)) if insight else []

    def follow_ups_for(self, entries) -> dict[str, FollowUp]:
        return self.records.follow_ups_for(entries)

    # -- changing ------------------------------------------------------------------------

    def count(self) -> int:
        """How many entries the journal holds."""
        return self.store.journal.count()

    def get(self, entry_id: str):
        return self.store.journal.get(entry_id)

    def edit(self, entry_id: str, text: str):
        """New text for an entry; its creation time stays, its updated time is now."""
        return self.store.journal.update_text(entry_id, text, self.practice.now())

    def delete(self, entry_id: str):
        """Remove an entry; returns it so ``undo_delete`` can put it back."""
        return self.store.journal.delete(entry_id)

    def undo_delete(self, entry):
        return self.store.journal.restore(entry)

    def add_note(self, text: str, insight_id: str | None = None):
        """A free note for today."""
        return self.store.journal.add_note(self.practice.today(), text, self.practice.now(),
                                           insight_id=insight_id)

    # -- looking back ----------------------------------------------------------------------

    def looking_back(self) -> LookBack | None:
        """Today's past answer to look at again (picked and logged on first ask), or None."""
        today = self.practice.today()
        first, last = window(today)
        records = self.records.for_entry_days(first, last)
        record = todays_look_back(records, today)
        if record is None:
            logged = {(r.entry_id, r.interval) for r in records}
            chosen = pick(self.store.journal.entries_between(first, last), logged, today)
            if chosen is None:
                return None
            record = self.records.record_shown(chosen.entry, chosen.interval, today, self.practice.now())
            entry = chosen.entry
        else:
            entry = self.store.journal.get(record.entry_id)
            if entry is None:  # deleted since it was picked
                return None
        return LookBack(entry, record, age_phrase(entry.day, today), self.insight_title(entry.insight_id))

    def save_follow_up(self, look: LookBack, text: str):
        """Store a follow-up thought as a note linked to the original; closes the record."""
        now = self.practice.now()
        note = self.records.add_follow_up(look.entry, look.record.interval, self.practice.today(),
                                          text, now)
        self.records.close(look.record, now, follow_up_id=note.id)
        return note

    def finish_looking_back(self, look: LookBack) -> stored.LookBack:
        """The user looked and has nothing to add."""
        return self.records.close(look.record, self.practice.now())

    # -- export, import, backups -------------------------------------------------------------

    def export(self, fmt: str) -> tuple[str, bytes]:
        """(file name, bytes) of the whole journal as "md" or "json"."""
        now = self.practice.now()
        if fmt == "md":
            data = export_markdown(self.store, now, self.insight_title, self.practice.review.what_works())
        elif fmt == "json":
            data = export_json(self.store, now)
        else:
            raise ValueError(f"unknown export format {fmt!r}")
        return export_file_name(fmt, self.practice.today()), data

    def import_json(self, raw: bytes) -> ImportReport:
        return import_json(self.store, raw)

    def import_file(self, raw: bytes) -> ImportOutcome:
        """Import with the words the CLI uses; never raises for a bad file."""
        return import_file(self.store, raw)

    def backups(self):
        return self.store.backups.list()

    def restore_backup(self, name: str):
        """Make the data equal to backup ``name``; returns the safety backup taken first."""
        return self.store.backups.restore(name)


__all__ = ["ImportOutcome", "ImportRejected", "import_file", "JournalService", "LookBack", "Page", "SearchQuery", "entry_order",
           "export_json", "export_markdown", "import_json"]
