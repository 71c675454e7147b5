"""Reading a JSON export back: every check happens before anything is written.

``parse_export(raw_bytes)`` returns the entries, reviews and follow-up links
of a valid file, or raises ``ImportRejected`` with a message for the user:
not UTF-8, not JSON, cut off, not a Stepwise export, a schema this version
does not know (newer or older), a missing list or field, a wrong type or date,
an id used twice, a text over the size limit, counts that do not add up,
a date or time the app cannot place in UTC and in every time zone, a number
with more digits than any field can hold, data nested deeper than an export
ever is. Messages name the entry and the field. No input makes it raise
anything but ``ImportRejected`` (no RecursionError, no integer-length
ValueError, no OverflowError later in the journal).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from habit.dates import parse_day, parse_moment
from journal.export import FORMAT, SCHEMA_VERSION
from storage.errors import AnswerTooLong
from storage.journal_entry import JournalEntry
from storage.moments import OutOfRange, require_placeable, require_placeable_day
from storage.looking_back import MAX_INTERVAL_DAYS, FollowUp, LookBack
from storage.text import MAX_TEXT_BYTES, checked_text
from storage.verdicts import CHOICES, MAX_LINE_BYTES, Dismissal, Retirement, StepVerdict, Verdict

#: Larger files are refused before parsing (ten years of daily writing is ~10 MB).
MAX_IMPORT_BYTES = 200 * 1024 * 1024

#: An export nests 4 levels (file, list, record, value); anything far deeper is not one.
MAX_DEPTH = 16
#: Whole numbers longer than this are refused (no field needs more; Python limits ~4300 digits).
MAX_INT_DIGITS = 18
MAX_QUESTION_INDEX = 999

_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")


class ImportRejected(ValueError):
    """The file cannot be imported; ``str(err)`` says why. Nothing was changed."""


@dataclass
class ExportData:
    """What a valid export file holds."""

    schema_version: int
    exported_at: datetime | None
    entries: list[JournalEntry] = field(default_factory=list)
    look_backs: list[LookBack] = field(default_factory=list)  # the file's "reviews" list
    follow_ups: list[FollowUp] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    dismissals: list[Dismissal] = field(default_factory=list)
    retirements: list[Retirement] = field(default_factory=list)


def parse_export(raw: bytes, max_text_bytes: int = MAX_TEXT_BYTES) -> ExportData:
    """Validate a whole export file and return its contents (see module docstring)."""
    if not isinstance(raw, (bytes, bytearray)):
        raise ImportRejected("The file could not be read.")
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportRejected(f"The file is {len(raw) / 1e6:,.0f} MB; a journal export is far smaller. "
                             "Is it the right file?")
    if not raw.strip():
        raise ImportRejected("The file is empty.")
    try:
        text = bytes(raw).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected("This is not a text file (it is not UTF-8), so it is not a "
                             "Stepwise journal export.") from None
    try:
        document = json.loads(text, parse_int=_whole_number)
    except RecursionError:
        raise ImportRejected(_too_deep_message(_deep_path_in_text(text))) from None
    except json.JSONDecodeError as err:
        # A string left open, or an error exactly where the text ends: the end is missing.
        if err.msg.startswith("Unterminated string") or err.pos >= len(text.rstrip()):
            raise ImportRejected(
                f"The file is incomplete: its data breaks off at the end ({len(text):,} "
                "characters). It may have been cut off while copying or downloading; "
                "export it again.") from None
        raise ImportRejected(f"This is not valid JSON (line {err.lineno}, column {err.colno}: "
                             f"{err.msg}), so it is not a Stepwise journal export.") from None
    except ValueError as err:  # e.g. a number Python refuses to convert
        raise ImportRejected(f"The file holds a value that cannot be read ({_clip(str(err))}), "
                             "so it is not a Stepwise journal export.") from None
    deep = _deep_path(document)
    if deep is not None:
        raise ImportRejected(_too_deep_message(deep, document))
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRejected('This JSON file is not a Stepwise journal export '
                             f'(it has no "format": "{FORMAT}").')
    version = document.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ImportRejected("The file has no schema version, so it cannot be read safely.")
    if version > SCHEMA_VERSION:
        raise ImportRejected(
            f"This export was made by a newer Stepwise (schema version {version}; this one reads "
            f"version {SCHEMA_VERSION}). Update Stepwise, then import it.")
    if version < 1:
        raise ImportRejected(f"Schema version {version} is not one Stepwise ever wrote.")

    exported_at = None
    if document.get("exported_at") is not None:
        exported_at = _moment(document["exported_at"], "The file's export time")

    entries_raw = _list(document, "entries", required=True)
    reviews_raw = _list(document, "reviews", required=False)
    links_raw = _list(document, "follow_ups", required=False)
    verdicts_raw = _list(document, "verdicts", required=False)
    dismissals_raw = _list(document, "dismissals", required=False)
    retirements_raw = _list(document, "retirements", required=False)

    counts = document.get("counts")
    if counts is not None:
        if not isinstance(counts, dict):
            raise ImportRejected('"counts" must be an object.')
        for name, items in (("entries", entries_raw), ("reviews", reviews_raw),
                            ("follow_ups", links_raw), ("verdicts", verdicts_raw),
                            ("dismissals", dismissals_raw), ("retirements", retirements_raw)):
            if name in counts and (isinstance(counts[name], bool) or not isinstance(counts[name], int)):
                raise ImportRejected(f'"counts": "{name}" must be a whole number, got '
                                     f"{_show(counts[name])}.")
            if name in counts and counts[name] != len(items):
                raise ImportRejected(
                    f"The file says it holds {counts[name]} {name.replace('_', '-')} but holds "
                    f"{len(items)}: it is incomplete or was edited. Nothing was imported.")

    data = ExportData(version, exported_at)
    seen: set[str] = set()
    for number, item in enumerate(entries_raw, start=1):
        entry = _entry(item, number, max_text_bytes)
        if entry.id in seen:
            raise ImportRejected(f"Entry {number}: the id {entry.id} appears twice in the file.")
        seen.add(entry.id)
        data.entries.append(entry)
    seen_records: set[str] = set()
    for number, item in enumerate(reviews_raw, start=1):
        record = _look_back(item, number)
        if record.key in seen_records:
            raise ImportRejected(f"Looking-back record {number} appears twice in the file.")
        seen_records.add(record.key)
        data.look_backs.append(record)
    seen_links: set[str] = set()
    for number, item in enumerate(links_raw, start=1):
        link = _follow_up(item, number)
        if link.note_id in seen_links:
            raise ImportRejected(f"Follow-up link {number} appears twice in the file.")
        seen_links.add(link.note_id)
        data.follow_ups.append(link)
    seen_verdicts: set[str] = set()
    for number, item in enumerate(verdicts_raw, start=1):
        verdict = _verdict(item, number)
        if verdict.id in seen_verdicts:
            raise ImportRejected(f"Verdict {number} ({verdict.id}) appears twice in the file.")
        seen_verdicts.add(verdict.id)
        data.verdicts.append(verdict)
    data.dismissals = [_dismissal(item, n) for n, item in enumerate(dismissals_raw, start=1)]
    data.retirements = [_retirement(item, n) for n, item in enumerate(retirements_raw, start=1)]
    return data


# -- pieces ----------------------------------------------------------------------


def _list(document: dict[str, Any], name: str, required: bool) -> list[Any]:
    if name not in document:
        if required:
            raise ImportRejected(f'The file has no "{name}" list: it is incomplete or not a '
                                 "journal export.")
        return []
    value = document[name]
    if not isinstance(value, list):
        raise ImportRejected(f'"{name}" must be a list.')
    return value


def _field(item: dict[str, Any], name: str, where: str) -> Any:
    if name not in item:
        raise ImportRejected(f'{where} is missing "{name}".')
    return item[name]


def _object(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ImportRejected(f"{where} is not an object.")
    return item


def _id(value: Any, where: str, name: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise ImportRejected(f'{where}: "{name}" must be an id of letters, digits, "-" or "_", '
                             f"got {_show(value)}.")
    return value


def _day(value: Any, where: str) -> date:
    day = parse_day(value)
    if day is None:
        raise ImportRejected(f"{where} must be a date like 2026-11-03, got {_show(value)}.")
    try:
        return require_placeable_day(day)
    except OutOfRange:
        raise ImportRejected(f"{where} is {value}, a date outside the years Stepwise can "
                             "show.") from None


def _moment(value: Any, where: str) -> datetime:
    moment = parse_moment(value)
    if moment is None:
        raise ImportRejected(f"{where} must be a moment like 2026-11-03T08:00:00+01:00, "
                             f"got {_show(value)}.")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ImportRejected(f"{where} has no UTC offset ({value}).")
    try:
        return require_placeable(moment)
    except OutOfRange:
        raise ImportRejected(f"{where} is {value}, a time outside the years Stepwise can "
                             "place in UTC and in your time zone.") from None


def _text(value: Any, where: str, max_bytes: int) -> str:
    if not isinstance(value, str):
        raise ImportRejected(f"{where} must be text, got {_show(value)}.")
    try:
        return checked_text(value, max_bytes)
    except AnswerTooLong as err:
        raise ImportRejected(f"{where}: {err}") from None


def _entry(item: Any, number: int, max_bytes: int) -> JournalEntry:
    where = f"Entry {number}"
    item = _object(item, where)
    entry_id = _id(_field(item, "id", where), where, "id")
    where = f"Entry {number} ({entry_id})"
    insight_id = _field(item, "insight_id", where)
    if insight_id is not None and (not isinstance(insight_id, str) or not insight_id):
        raise ImportRejected(f'{where}: "insight_id" must be text or null.')
    index = _field(item, "question_index", where)
    if index is not None and (isinstance(index, bool) or not isinstance(index, int) or index < 0
                              or index > MAX_QUESTION_INDEX):
        raise ImportRejected(f'{where}: "question_index" must be a whole number from 0 to '
                             f'{MAX_QUESTION_INDEX}, or null; got {_show(index)}.')
    if index is not None and insight_id is None:
        raise ImportRejected(f"{where} answers a question but names no insight.")
    return JournalEntry(
        id=entry_id,
        insight_id=insight_id,
        question_index=index,
        question=_text(_field(item, "question", where), f'{where}: "question"', max_bytes),
        day=_day(_field(item, "day", where), f'{where}: "day"'),
        text=_text(_field(item, "text", where), f'{where}: "text"', max_bytes),
        created_at=_moment(_field(item, "created_at", where), f'{where}: "created_at"'),
        updated_at=_moment(_field(item, "updated_at", where), f'{where}: "updated_at"'),
    )


def _interval(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_INTERVAL_DAYS:
        raise ImportRejected(f'{where}: "interval" must be a whole number of days, got {_show(value)}.')
    return value


def _look_back(item: Any, number: int) -> LookBack:
    where = f"Looking-back record {number}"
    item = _object(item, where)
    closed = _field(item, "closed", where)
    if not isinstance(closed, bool):
        raise ImportRejected(f'{where}: "closed" must be true or false.')
    follow_up_id = _field(item, "follow_up_id", where)
    if follow_up_id is not None:
        follow_up_id = _id(follow_up_id, where, "follow_up_id")
    return LookBack(
        entry_id=_id(_field(item, "entry_id", where), where, "entry_id"),
        interval=_interval(_field(item, "interval", where), where),
        entry_day=_day(_field(item, "entry_day", where), f'{where}: "entry_day"'),
        shown_on=_day(_field(item, "shown_on", where), f'{where}: "shown_on"'),
        shown_at=_moment(_field(item, "shown_at", where), f'{where}: "shown_at"'),
        updated_at=_moment(_field(item, "updated_at", where), f'{where}: "updated_at"'),
        closed=closed,
        follow_up_id=follow_up_id,
    )


def _follow_up(item: Any, number: int) -> FollowUp:
    where = f"Follow-up link {number}"
    item = _object(item, where)
    return FollowUp(
        note_id=_id(_field(item, "note_id", where), where, "note_id"),
        note_day=_day(_field(item, "note_day", where), f'{where}: "note_day"'),
        original_id=_id(_field(item, "original_id", where), where, "original_id"),
        original_day=_day(_field(item, "original_day", where), f'{where}: "original_day"'),
        interval=_interval(_field(item, "interval", where), where),
    )


def _whole(value: Any, where: str, name: str, low: int = 0, high: int = 10**9) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ImportRejected(f'{where}: "{name}" must be a whole number from {low} to {high:,}, '
                             f"got {_show(value)}.")
    return value


def _line(value: Any, where: str, name: str, required: bool = False) -> str:
    text = _text(value, f'{where}: "{name}"', MAX_LINE_BYTES)
    if required and not text.strip():
        raise ImportRejected(f'{where}: "{name}" must not be empty.')
    return text


def _verdict(item: Any, number: int) -> Verdict:
    where = f"Verdict {number}"
    item = _object(item, where)
    verdict_id = _id(_field(item, "id", where), where, "id")
    where = f"Verdict {number} ({verdict_id})"
    steps_raw = _field(item, "steps", where)
    if not isinstance(steps_raw, list) or not steps_raw:
        raise ImportRejected(f'{where}: "steps" must be a list of at least one step.')
    steps, seen = [], set()
    for n, raw in enumerate(steps_raw, start=1):
        at = f"{where}, step {n}"
        raw = _object(raw, at)
        index = _whole(_field(raw, "step_index", at), at, "step_index", 0, MAX_QUESTION_INDEX)
        if index in seen:
            raise ImportRejected(f"{at}: step_index {index} appears twice.")
        seen.add(index)
        choice = _field(raw, "choice", at)
        if choice not in CHOICES:
            raise ImportRejected(f'{at}: "choice" must be one of {", ".join(CHOICES)}, got {_show(choice)}.')
        steps.append(StepVerdict(index, _line(_field(raw, "original", at), at, "original"),
                                 _line(_field(raw, "text", at), at, "text", required=choice == "adapt"), choice))
    return Verdict(
        id=verdict_id,
        insight_id=_id(_field(item, "insight_id", where), where, "insight_id"),
        insight_title=_line(_field(item, "insight_title", where), where, "insight_title"),
        book_title=_line(_field(item, "book_title", where), where, "book_title"),
        day=_day(_field(item, "day", where), f'{where}: "day"'),
        mark=_whole(_field(item, "mark", where), where, "mark", 0, 10**6),
        steps=tuple(steps),
        reason=_line(_field(item, "reason", where), where, "reason"),
        recorded_at=_moment(_field(item, "recorded_at", where), f'{where}: "recorded_at"'),
    )


def _dismissal(item: Any, number: int) -> Dismissal:
    where = f"Dismissal {number}"
    item = _object(item, where)
    return Dismissal(
        insight_id=_id(_field(item, "insight_id", where), where, "insight_id"),
        mark=_whole(_field(item, "mark", where), where, "mark", 1, 10**6),
        day=_day(_field(item, "day", where), f'{where}: "day"'),
    )


def _retirement(item: Any, number: int) -> Retirement:
    where = f"Retirement {number}"
    item = _object(item, where)
    return Retirement(
        insight_id=_id(_field(item, "insight_id", where), where, "insight_id"),
        step_index=_whole(_field(item, "step_index", where), where, "step_index", 0, MAX_QUESTION_INDEX),
        day=_day(_field(item, "day", where), f'{where}: "day"'),
        at=_moment(_field(item, "at", where), f'{where}: "at"'),
    )


def _show(value: Any) -> str:
    if isinstance(value, str):
        text = repr(value)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, TypeError, RecursionError):
            text = type(value).__name__
    return _clip(text)


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


class HugeNumber:
    """A whole number in the file with more digits than any field can hold (kept unconverted)."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __str__(self) -> str:
        return f"a number with {len(self.digits.lstrip('-')):,} digits"

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


def _whole_number(digits: str) -> int | HugeNumber:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        return HugeNumber(digits)
    return int(digits)


_LISTS = {"entries": "Entry", "reviews": "Looking-back record", "follow_ups": "Follow-up link",
          "verdicts": "Verdict", "dismissals": "Dismissal", "retirements": "Retirement"}


def _deep_path(document: Any) -> list[Any] | None:
    """The path to the first value nested deeper than MAX_DEPTH, or None (iterative walk)."""
    stack: list[tuple[Any, list[Any]]] = [(document, [])]
    while stack:
        value, path = stack.pop()
        if len(path) >= MAX_DEPTH:
            return path
        if isinstance(value, dict):
            stack.extend((v, path + [k]) for k, v in value.items() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend((v, path + [i]) for i, v in enumerate(value) if isinstance(v, (dict, list)))
    return None


def _deep_path_in_text(text: str) -> list[Any]:
    """Where the nesting of a JSON text first goes deeper than MAX_DEPTH (keys and indexes),
    found without parsing it (it was too deep for the parser)."""
    stack: list[list[Any]] = []
    last_string = None
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while True:
                j = text.find('"', j)
                if j < 0:
                    return [s[1] for s in stack]
                k = j - 1
                while text[k] == "\\":
                    k -= 1
                if (j - 1 - k) % 2 == 0:
                    break
                j += 1
            last_string = text[i + 1:j] if j - i < 100 else None
            i = j + 1
            continue
        if c in "{[":
            stack.append([c, None if c == "{" else 0])
            if len(stack) > MAX_DEPTH:
                return [s[1] for s in stack[:-1]]
        elif c in "}]":
            if stack:
                stack.pop()
        elif c == ":":
            if stack and stack[-1][0] == "{":
                stack[-1][1] = last_string
        elif c == ",":
            if stack and stack[-1][0] == "[":
                stack[-1][1] += 1
        i += 1
    return [s[1] for s in stack]


def _too_deep_message(path: list[Any], document: Any = None) -> str:
    where = "The file"
    if len(path) >= 2 and path[0] in _LISTS and isinstance(path[1], int):
        where = f"{_LISTS[path[0]]} {path[1] + 1}"
        if document is not None:
            try:
                record_id = document[path[0]][path[1]].get("id")
                if isinstance(record_id, str) and _ID.match(record_id):
                    where += f" ({record_id})"
            except (AttributeError, IndexError, KeyError, TypeError):
                pass
        if len(path) >= 3 and isinstance(path[2], str):
            where += f': "{_clip(path[2])}"'
    elif path and isinstance(path[0], str):
        where = f'The file\'s "{_clip(path[0])}"'
    return (f"{where} holds data nested more than {MAX_DEPTH} levels deep; a Stepwise export "
            "never does, so the file is damaged or not an export.")
