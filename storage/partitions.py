"""Where each piece of data lives, so every write touches one small file.

Layout (schema version 2) under the data folder::

    meta.json              schema version and provenance
    settings.json          key -> value
    journal/2026-11.json   journal entries whose *day* is in that month
    practice/2026.json     step check-ins, finished days, reading positions of that year
    mission.json           the user's mission, every version kept
    outcomes.json          the outcome named for each insight
    outcomes/2026.json     daily outcome logs of that year
    verdicts.json          reviews: every verdict, dismissed offers, retired habits
    stepwise.lock          the lock file (empty)
    backups/<name>/        rotating snapshots      corrupt/  files moved aside

A journal month holds about 125 entries at a typical pace, so a save rewrites
tens of kilobytes whatever the journal's total size.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

META_FILE = "meta.json"
SETTINGS_FILE = "settings.json"
JOURNAL_DIR = "journal"
PRACTICE_DIR = "practice"
LOCK_FILE = "stepwise.lock"
BACKUPS_DIR = "backups"
CORRUPT_DIR = "corrupt"
LEGACY_FILE = "stepwise.json"
MISSION_FILE = "mission.json"  # the user's mission, every version
OUTCOMES_FILE = "outcomes.json"  # the outcome named for each insight
OUTCOMES_DIR = "outcomes"  # outcomes/2026.json: daily outcome logs of that year
VERDICTS_FILE = "verdicts.json"  # reviews: verdicts, dismissed offers, retired habits

MONTH_FILE = re.compile(r"^(\d{4}-\d{2})\.json$")
YEAR_FILE = re.compile(r"^(\d{4})\.json$")

_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def year_key(day: date) -> str:
    return f"{day.year:04d}"


def month_label(key: str) -> str:
    """'2026-11' -> 'November 2026' for messages."""
    year, month = key.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def list_keys(folder: Path, pattern: re.Pattern[str]) -> list[str]:
    """Partition keys present in ``folder``, oldest first. Lists names only; parses nothing."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    return sorted(m.group(1) for m in map(pattern.match, names) if m)


def data_files(root: Path) -> list[Path]:
    """Every live data file (what a backup holds), in a stable order."""
    files = [root / META_FILE, root / SETTINGS_FILE]
    files += [root / JOURNAL_DIR / f"{k}.json" for k in list_keys(root / JOURNAL_DIR, MONTH_FILE)]
    files += [root / PRACTICE_DIR / f"{k}.json" for k in list_keys(root / PRACTICE_DIR, YEAR_FILE)]
    files += [root / MISSION_FILE, root / OUTCOMES_FILE, root / VERDICTS_FILE]
    files += [root / OUTCOMES_DIR / f"{k}.json" for k in list_keys(root / OUTCOMES_DIR, YEAR_FILE)]
    return [f for f in files if f.exists()]


def describe(relative: str) -> str | None:
    """What the user loses sight of if this file is unreadable (None: nothing)."""
    parts = relative.replace("\\", "/").split("/")
    if len(parts) == 2 and parts[0] == JOURNAL_DIR and MONTH_FILE.match(parts[1]):
        return f"journal answers and notes from {month_label(parts[1][:-5])}"
    if len(parts) == 2 and parts[0] == PRACTICE_DIR and YEAR_FILE.match(parts[1]):
        return f"step check-ins, finished days and reading positions from {parts[1][:-5]}"
    if len(parts) == 2 and parts[0] == OUTCOMES_DIR and YEAR_FILE.match(parts[1]):
        return f"outcome logs from {parts[1][:-5]}"
    if relative == MISSION_FILE:
        return "your mission and its earlier versions"
    if relative == VERDICTS_FILE:
        return "your reviews: kept, adapted and dropped steps"
    if relative == OUTCOMES_FILE:
        return "the outcomes you named"
    if relative == SETTINGS_FILE:
        return "your settings"
    if relative == META_FILE:
        return None
    if relative == LEGACY_FILE:
        return "the data of the earlier Stepwise version"
    return "its contents"
