"""Which version of an entry wins when an export is imported.

Entries are matched by id only, so importing the same file twice, or a file
exported from this very journal, never duplicates anything. For the same id
the version with the later ``updated_at`` wins; on a tie the stored one stays
(so a re-import writes nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

ADD = "add"  # not stored yet
UPDATE = "update"  # the imported version is newer: it replaces the stored one
SAME = "same"  # identical to what is stored
KEEP = "keep"  # the stored version is newer (or as new): it stays


class Versioned(Protocol):
    id: str
    updated_at: datetime


def decide(existing: Versioned | None, incoming: Versioned) -> str:
    """ADD, UPDATE, SAME or KEEP for one imported entry (see module docstring)."""
    if existing is None:
        return ADD
    if existing == incoming:
        return SAME
    if incoming.updated_at > existing.updated_at:
        return UPDATE
    return KEEP


@dataclass
class ImportReport:
    """What an import did, for the user."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0  # already there, identical
    kept: int = 0  # already there and yours was newer
    looking_back_added: int = 0
    looking_back_updated: int = 0
    verdicts_added: int = 0  # reviews: verdicts, dismissals and retirements added
    backup: str | None = None  # the safety backup taken before writing
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.looking_back_added or self.looking_back_updated
                    or self.verdicts_added)

    def summary(self) -> str:
        """One or two sentences, e.g. 'Added 3 entries and updated 1. 12 were already here.'"""
        parts = [f"Added {_n(self.added, 'entry', 'entries')}", f"updated {self.updated}"]
        text = " and ".join(parts) + "."
        already = self.unchanged + self.kept
        if already:
            text += f" {_n(already, 'entry was', 'entries were')} already here"
            text += f" ({self.kept} newer on this device kept)." if self.kept else "."
        if self.looking_back_added or self.looking_back_updated:
            text += (f" Looking-back history: {self.looking_back_added} added, "
                     f"{self.looking_back_updated} updated.")
        if self.verdicts_added:
            text += f" Reviews: {self.verdicts_added} added."
        return text


def _n(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"
