"""Exporting the journal: Markdown to read, JSON to keep and import again.

JSON (schema version 1) holds everything the journal stores, exactly (``reviews`` are the
looking-back records, storage/looking_back.py: the key keeps the feature's earlier name so
older exports import and newer ones open in older versions)::

    {"format": "stepwise-journal", "schema_version": 1, "exported_at": ISO,
     "counts": {"entries": n, "reviews": n, "follow_ups": n},
     "entries": [{"id", "insight_id", "question_index", "question", "day",
                  "text", "created_at", "updated_at"}, ...],
     "reviews": [{"entry_id", "interval", "entry_day", "shown_on", "shown_at",
                  "updated_at", "closed", "follow_up_id"}, ...],
     "follow_ups": [{"note_id", "note_day", "original_id", "original_day", "interval"}, ...],
     "verdicts": [{"id", "insight_id", "insight_title", "book_title", "day", "mark",
                   "steps": [{"step_index", "original", "text", "choice"}], "reason", "recorded_at"}, ...],
     "dismissals": [{"insight_id", "mark", "day"}, ...],
     "retirements": [{"insight_id", "step_index", "day", "at"}, ...]}

``verdicts``, ``dismissals`` and ``retirements`` are the reviews (storage/verdicts.py);
exports made before reviews lack them and still import.

Dates are ``YYYY-MM-DD``; moments ISO 8601 with their UTC offset, as stored.
``question_index`` is null for a free note. Entries are oldest first.

Markdown has one ``##`` section per day, oldest first, each entry under it
with its insight, question, answer and when it was written and edited; then,
when there are verdicts, "What works for me": the kept and adapted habits with
their evidence lines, and the dropped insights with their reasons.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any
from storage.journal_entry import entry_to_doc
from storage.verdicts import dismissal_to_doc, retirement_to_doc, verdict_to_doc

FORMAT = "stepwise-journal"
SCHEMA_VERSION = 1

_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = ("January February March April May June July August September October "
           "November December").split()


def day_label(day: date) -> str:
    """'Tuesday, 3 November 2026' (English, whatever the machine's locale)."""
    return f"{_DAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_day(day: date) -> str:
    """'3 November 2026'."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def entry_record(entry: Any) -> dict[str, Any]:
    """An entry as exported: its id, then the fields storage keeps."""
    return {"id": entry.id, **entry_to_doc(entry)}


def look_back_record(record: Any) -> dict[str, Any]:
    return {
        "entry_id": record.entry_id,
        "interval": record.interval,
        "entry_day": record.entry_day.isoformat(),
        "shown_on": record.shown_on.isoformat(),
        "shown_at": record.shown_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
        "closed": bool(record.closed),
        "follow_up_id": record.follow_up_id,
    }


def follow_up_record(link: Any) -> dict[str, Any]:
    return {
        "note_id": link.note_id,
        "note_day": link.note_day.isoformat(),
        "original_id": link.original_id,
        "original_day": link.original_day.isoformat(),
        "interval": link.interval,
    }


def to_json(entries: Iterable[Any], look_backs: Iterable[Any], follow_ups: Iterable[Any],
            exported_at: datetime, verdicts: Iterable[Any] = (), dismissals: Iterable[Any] = (),
            retirements: Iterable[Any] = ()) -> bytes:
    """The complete, re-importable export as UTF-8 JSON bytes."""
    entry_list = [entry_record(e) for e in entries]
    review_list = [look_back_record(r) for r in look_backs]
    link_list = [follow_up_record(f) for f in follow_ups]
    verdict_list = [verdict_to_doc(v) for v in verdicts]
    dismissal_list = [dismissal_to_doc(d) for d in dismissals]
    retirement_list = [retirement_to_doc(r) for r in retirements]
    document = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": exported_at.isoformat(),
        "app": "Stepwise",
        "counts": {"entries": len(entry_list), "reviews": len(review_list),
                   "follow_ups": len(link_list), "verdicts": len(verdict_list),
                   "dismissals": len(dismissal_list), "retirements": len(retirement_list)},
        "entries": entry_list,
        "reviews": review_list,
        "follow_ups": link_list,
        "verdicts": verdict_list,
        "dismissals": dismissal_list,
        "retirements": retirement_list,
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _escape_block(text: str) -> str:
    """The user's words as Markdown: lines that would become headings are escaped."""
    lines = []
    for line in text.splitlines() or [""]:
        stripped = line.lstrip()
        if stripped.startswith("#") or stripped.startswith("---"):
            line = line.replace(stripped[0], "\\" + stripped[0], 1)
        lines.append(line)
    return "\n".join(lines)


def _clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def to_markdown(
    entries_oldest_first: Iterable[Any],
    exported_at: datetime,
    title_for: Callable[[str | None], str | None] = lambda insight_id: None,
    follow_ups: Callable[[Any], Any] = lambda entry: None,
    what_works: Any = None,
) -> str:
    """A readable document: one section per day, oldest first.

    ``title_for(insight_id)`` names an insight; ``follow_ups(entry)`` returns
    the follow-up link of a note (or None).
    """
    out: list[str] = []
    count = 0
    current_day: date | None = None
    for entry in entries_oldest_first:
        count += 1
        if entry.day != current_day:
            current_day = entry.day
            out += ["", f"## {day_label(entry.day)}"]
        title = title_for(entry.insight_id) if entry.insight_id else None
        link = follow_ups(entry) if entry.question_index is None else None
        if entry.question_index is not None:
            heading = f"### {title or entry.insight_id} — question {entry.question_index + 1}"
        elif link is not None:
            heading = (f"### Follow-up thought, looking back at {short_day(link.original_day)} "
                       f"({link.interval} {'day' if link.interval == 1 else 'days'} later)")
        else:
            heading = f"### Note on {title}" if title else "### Note"
        out += ["", heading]
        if entry.question:
            out += ["", f"**{_escape_block(entry.question)}**"]
        out += ["", _escape_block(entry.text) if entry.text.strip() else "*(no words written)*"]
        written = f"*Written at {_clock(entry.created_at)}"
        if entry.updated_at != entry.created_at:
            edited = entry.updated_at
            when = (f"at {_clock(edited)}" if edited.date() == entry.created_at.date()
                    else f"on {short_day(edited.date())} at {_clock(edited)}")
            written += f", edited {when}"
        out += ["", written + ".*"]
    if count == 0:
        out += ["", "*The journal is empty.*"]
    out += what_works_section(what_works)
    header = [
        "# Stepwise journal",
        "",
        f"Exported on {short_day(exported_at.date())} at {_clock(exported_at)} · "
        f"{count:,} {'entry' if count == 1 else 'entries'}.",
    ]
    return "\n".join(header + out) + "\n"


def what_works_section(what_works: Any) -> list[str]:
    """Markdown lines of "What works for me" (daily.review.WhatWorks); none without verdicts."""
    if what_works is None or not (what_works.kept or what_works.dropped):
        return []
    out = ["", "## What works for me"]
    if what_works.kept:
        out += ["", "### Kept and adapted", ""]
        out += [f"- {_escape_block(item.line)}" for item in what_works.kept]
    if what_works.dropped:
        out += ["", "### Tried, not for me", ""]
        for item in what_works.dropped:
            what = "" if getattr(item, "whole", True) else \
                " (" + ", ".join(_escape_block(step) for step in item.steps) + ")"
            text = f"- {_escape_block(item.title)}{what} · dropped {short_day(item.day)}"
            out.append(text + (f" · {_escape_block(item.reason)}" if item.reason else ""))
    return out
