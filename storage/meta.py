"""The schema version of the data folder, so layouts can change without guessing.

Version 1 is the earlier single-file layout (``stepwise.json``, see
migration.py); it had no meta file. Version 2 is the partitioned layout.
A folder written by a newer Stepwise is refused rather than rewritten.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.table import Document

from .data_files import DataFiles
from .errors import SchemaTooNew
from .moments import moment_to_iso

SCHEMA_VERSION = 2
TABLE = "meta"
DOC = "schema"


def read_meta(files: DataFiles, path: Path) -> dict[str, Any] | None:
    """The schema document, or None if there is no (readable) meta file."""
    doc = (files.snapshot(path).storage.read() or {}).get(TABLE, {}).get(DOC)
    return dict(doc) if doc else None


def check_version(meta: dict[str, Any] | None) -> int | None:
    version = None if meta is None else meta.get("version")
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"This data was written by a newer Stepwise (storage version {version}; this one "
            f"understands up to {SCHEMA_VERSION}). Update Stepwise to open it; nothing was changed."
        )
    return version if isinstance(version, int) else None


def write_meta(files: DataFiles, path: Path, now: datetime, **extra: Any) -> None:
    """Record the current version (keeps ``created_at`` and other fields already there)."""
    with files.transaction(path) as db:
        table = db.table(TABLE)
        current = table.get(doc_id=DOC)
        doc: dict[str, Any] = dict(current) if current else {"created_at": moment_to_iso(now)}
        doc.update(extra)
        doc["version"] = SCHEMA_VERSION
        if current is not None and dict(current) == doc:
            return
        if current is None:
            table.insert(Document(doc, doc_id=DOC))
        else:
            table.update(doc, doc_ids=[DOC])
