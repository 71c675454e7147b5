"""Reviews (issue #19): every verdict on an insight, dismissed review offers, retired habits.

One small file (``verdicts.json``), three tables; nothing in it is ever changed
or deleted, only added (a later verdict on the same insight is current, the
earlier ones stay as its history)::

    verdicts     "<verdict id>": {id, insight_id, insight_title, book_title, day, mark,
                                  steps: [{step_index, original, text, choice}], reason, recorded_at}
    dismissals   '["<insight id>", mark]': {insight_id, mark, day}
    retirements  '["<insight id>", step_index, "<at>"]': {insight_id, step_index, day, at}

A verdict keeps the insight's and book's titles and each step's words (its
own words when adapted), so a habit outlives the book it came from. Keys of
dismissals and retirements are made from their contents, and verdicts carry
their id, so importing the same records twice adds nothing. A damaged file
is moved aside at start like every other (storage/store.py, quarantine.py).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tinydb.table import Document

from .data_files import DataFiles
from .moments import day_from_iso, day_to_iso, moment_from_iso, moment_to_iso, require_aware, require_day
from .operation import Operation
from .text import checked_text

VERDICTS = "verdicts"
DISMISSALS = "dismissals"
RETIREMENTS = "retirements"
CHOICES = ("keep", "adapt", "drop")
#: A step in one's own words, a title, a reason: short lines; this bound is generous.
MAX_LINE_BYTES = 2_000


@dataclass(frozen=True)
class StepVerdict:
    """What became of one step: kept as it was, adapted into the user's words, or dropped."""

    step_index: int
    original: str  # the step's title when the verdict was given
    text: str  # the words the habit keeps (== original unless adapted)
    choice: str  # "keep" | "adapt" | "drop"


@dataclass(frozen=True)
class Verdict:
    """One review's answer for one insight; the latest per insight is current."""

    id: str
    insight_id: str
    insight_title: str
    book_title: str
    day: date
    mark: int  # practised days when it was given
    steps: tuple[StepVerdict, ...]
    reason: str  # one line, for drops ("" when none)
    recorded_at: datetime


@dataclass(frozen=True)
class Dismissal:
    """'Later' to the review offered at ``mark``."""

    insight_id: str
    mark: int
    day: date


@dataclass(frozen=True)
class Retirement:
    """A habit the user stopped (it leaves "Your habits"; a later verdict can bring it back)."""

    insight_id: str
    step_index: int
    day: date
    at: datetime


def new_verdict_id() -> str:
    return uuid.uuid4().hex


def line(text: str, what: str, *, required: bool = True) -> str:
    """Text for a verdict: checked like every text the user writes, one line, trimmed."""
    clean = " ".join(checked_text(text, MAX_LINE_BYTES).split())
    if required and not clean:
        raise ValueError(f"{what} cannot be empty")
    return clean


def check_verdict(verdict: Verdict) -> Verdict:
    """The verdict if every field holds what it must; ValueError/TypeError naming the field."""
    for name in ("id", "insight_id"):
        value = getattr(verdict, name)
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name} must be non-empty text, got {value!r}")
    require_day(verdict.day)
    require_aware(verdict.recorded_at)
    if isinstance(verdict.mark, bool) or not isinstance(verdict.mark, int) or verdict.mark < 0:
        raise ValueError(f"mark must be a whole number of days, got {verdict.mark!r}")
    if not verdict.steps:
        raise ValueError("a verdict needs at least one step")
    seen = set()
    for step in verdict.steps:
        if isinstance(step.step_index, bool) or not isinstance(step.step_index, int) or step.step_index < 0:
            raise ValueError(f"step_index must be a whole number from 0, got {step.step_index!r}")
        if step.step_index in seen:
            raise ValueError(f"step {step.step_index} is chosen twice")
        seen.add(step.step_index)
        if step.choice not in CHOICES:
            raise ValueError(f"choice must be one of {', '.join(CHOICES)}, got {step.choice!r}")
    return verdict


def verdict_to_doc(verdict: Verdict) -> dict[str, Any]:
    return {
        "id": verdict.id,
        "insight_id": verdict.insight_id,
        "insight_title": verdict.insight_title,
        "book_title": verdict.book_title,
        "day": day_to_iso(verdict.day),
        "mark": verdict.mark,
        "steps": [{"step_index": s.step_index, "original": s.original, "text": s.text, "choice": s.choice}
                  for s in verdict.steps],
        "reason": verdict.reason,
        "recorded_at": moment_to_iso(verdict.recorded_at),
    }


def verdict_from_doc(doc: dict[str, Any]) -> Verdict:
    return Verdict(
        id=str(doc["id"]),
        insight_id=str(doc["insight_id"]),
        insight_title=str(doc["insight_title"]),
        book_title=str(doc.get("book_title", "")),
        day=day_from_iso(doc["day"]),
        mark=int(doc["mark"]),
        steps=tuple(StepVerdict(int(s["step_index"]), str(s["original"]), str(s["text"]), str(s["choice"]))
                    for s in doc["steps"]),
        reason=str(doc.get("reason", "")),
        recorded_at=moment_from_iso(doc["recorded_at"]),
    )


def dismissal_to_doc(item: Dismissal) -> dict[str, Any]:
    return {"insight_id": item.insight_id, "mark": item.mark, "day": day_to_iso(item.day)}


def retirement_to_doc(item: Retirement) -> dict[str, Any]:
    return {"insight_id": item.insight_id, "step_index": item.step_index, "day": day_to_iso(item.day),
            "at": moment_to_iso(item.at)}


def dismissal_key(item: Dismissal) -> str:
    return json.dumps([item.insight_id, item.mark], ensure_ascii=False)


def retirement_key(item: Retirement) -> str:
    return json.dumps([item.insight_id, item.step_index, moment_to_iso(item.at)], ensure_ascii=False)


class Verdicts:
    """Verdicts, dismissals and retirements, in ``verdicts.json`` (see module docstring)."""

    def __init__(self, files: DataFiles, path: Path) -> None:
        self.files = files
        self.path = path

    # -- writing -------------------------------------------------------------

    def record(self, verdict: Verdict) -> Verdict:
        """Keep ``verdict`` (its texts checked like all the user's words)."""
        clean = check_verdict(_clean(verdict))
        with self.files.transaction(self.path) as db:
            db.table(VERDICTS).insert(Document(verdict_to_doc(clean), doc_id=clean.id))
        return clean

    def dismiss(self, insight_id: str, mark: int, day: date) -> Dismissal:
        """'Later' at ``mark`` (a second dismissal of the same mark writes nothing)."""
        _require_id(insight_id)
        require_day(day)
        item = Dismissal(insight_id, int(mark), day)
        with self.files.transaction(self.path) as db:
            table = db.table(DISMISSALS)
            if table.get(doc_id=dismissal_key(item)) is None:
                table.insert(Document(dismissal_to_doc(item), doc_id=dismissal_key(item)))
        return item

    def retire(self, insight_id: str, step_index: int, day: date, now: datetime) -> Retirement:
        _require_id(insight_id)
        require_day(day)
        require_aware(now)
        item = Retirement(insight_id, int(step_index), day, now)
        with self.files.transaction(self.path) as db:
            db.table(RETIREMENTS).insert(Document(retirement_to_doc(item), doc_id=retirement_key(item)))
        return item

    def merge(self, verdicts: Iterable[Verdict], dismissals: Iterable[Dismissal],
              retirements: Iterable[Retirement], operation: Operation) -> int:
        """Import: add the records not held yet (all are facts: held ones stay). Returns how many."""
        data = operation.read(self.path)
        added = 0
        for table, key, doc in self._docs_of(verdicts, dismissals, retirements):
            held = data.setdefault(table, {})
            if key not in held:
                held[key] = doc
                added += 1
        if added:
            operation.put(self.path, data)
        return added

    def would_change(self, verdicts: Iterable[Verdict], dismissals: Iterable[Dismissal],
                     retirements: Iterable[Retirement]) -> bool:
        return any(key not in self._table(table)
                   for table, key, _doc in self._docs_of(verdicts, dismissals, retirements))

    # -- reading -------------------------------------------------------------

    def all(self) -> list[Verdict]:
        """Every verdict, oldest first."""
        return sorted((verdict_from_doc(d) for d in self._table(VERDICTS).values()),
                      key=lambda v: (v.recorded_at, v.id))

    def for_insight(self, insight_id: str) -> list[Verdict]:
        """The insight's verdicts, newest first."""
        return sorted((v for v in self.all() if v.insight_id == insight_id),
                      key=lambda v: (v.recorded_at, v.id), reverse=True)

    def latest(self, insight_id: str) -> Verdict | None:
        found = self.for_insight(insight_id)
        return found[0] if found else None

    def dismissals(self) -> list[Dismissal]:
        return sorted((Dismissal(str(d["insight_id"]), int(d["mark"]), day_from_iso(d["day"]))
                       for d in self._table(DISMISSALS).values()), key=lambda d: (d.day, d.insight_id, d.mark))

    def retirements(self) -> list[Retirement]:
        return sorted((Retirement(str(d["insight_id"]), int(d["step_index"]), day_from_iso(d["day"]),
                                  moment_from_iso(d["at"])) for d in self._table(RETIREMENTS).values()),
                      key=lambda r: (r.at, r.insight_id, r.step_index))

    # -- internals -----------------------------------------------------------

    def _table(self, name: str) -> dict[str, dict[str, Any]]:
        return (self.files.snapshot(self.path).storage.read() or {}).get(name, {})

    @staticmethod
    def _docs_of(verdicts, dismissals, retirements):
        for v in verdicts:
            yield VERDICTS, v.id, verdict_to_doc(check_verdict(v))
        for d in dismissals:
            yield DISMISSALS, dismissal_key(d), dismissal_to_doc(d)
        for r in retirements:
            yield RETIREMENTS, retirement_key(r), retirement_to_doc(r)


def _clean(verdict: Verdict) -> Verdict:
    steps = tuple(StepVerdict(s.step_index, line(s.original, "a step's title", required=False),
                              line(s.text, "a step's words", required=s.choice == "adapt"), s.choice)
                  for s in verdict.steps)
    return Verdict(verdict.id, verdict.insight_id, line(verdict.insight_title, "the insight's title", required=False),
                   line(verdict.book_title, "the book's title", required=False), verdict.day, verdict.mark,
                   steps, line(verdict.reason, "the reason", required=False), verdict.recorded_at)


def _require_id(insight_id: Any) -> None:
    if not isinstance(insight_id, str) or not insight_id:
        raise ValueError(f"insight_id must be a non-empty str, got {insight_id!r}")


__all__: Sequence[str] = ("CHOICES", "Dismissal", "Retirement", "StepVerdict", "Verdict", "Verdicts",
                          "new_verdict_id")
