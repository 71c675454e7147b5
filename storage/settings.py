"""User settings: one small file, key -> JSON value.

Values must be JSON (str, int, float, bool, None, lists, dicts with str keys);
anything else is refused when set rather than failing later on disk.
Returned values are copies, so callers cannot change stored state by accident.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from tinydb.table import Document

from .data_files import DataFiles

TABLE = "settings"


class Settings:
    """Key/value settings in ``settings.json``."""

    def __init__(self, files: DataFiles, path: Path) -> None:
        self.files = files
        self.path = path

    def get(self, key: str, default: Any = None) -> Any:
        doc = self._docs().get(_require_key(key))
        return copy.deepcopy(doc["value"]) if doc is not None and "value" in doc else default

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` (no write if it is already the stored value)."""
        _require_key(key)
        _require_json(key, value)
        with self.files.transaction(self.path) as db:
            table = db.table(TABLE)
            current = table.get(doc_id=key)
            if current is not None and current.get("value") == value and _same_json(current.get("value"), value):
                return
            if current is None:
                table.insert(Document({"value": copy.deepcopy(value)}, doc_id=key))
            else:
                table.update({"value": copy.deepcopy(value)}, doc_ids=[key])

    def delete(self, key: str) -> bool:
        """Forget a setting; True if it existed."""
        _require_key(key)
        with self.files.transaction(self.path) as db:
            table = db.table(TABLE)
            if not table.contains(doc_id=key):
                return False
            table.remove(doc_ids=[key])
            return True

    def import_values(self, values: dict[str, Any]) -> int:
        """Add settings that are not set yet, in one write (migration/import). Returns how many."""
        for key, value in values.items():
            _require_key(key)
            _require_json(key, value)
        with self.files.transaction(self.path) as db:
            table = db.table(TABLE)
            present = set((db.storage.read() or {}).get(TABLE, {}))
            fresh = {k: v for k, v in values.items() if k not in present}
            if fresh:
                table.insert_multiple(Document({"value": copy.deepcopy(v)}, doc_id=k) for k, v in fresh.items())
            return len(fresh)

    def all(self) -> dict[str, Any]:
        return {key: copy.deepcopy(doc.get("value")) for key, doc in self._docs().items()}

    def _docs(self) -> dict[str, dict[str, Any]]:
        return (self.files.snapshot(self.path).storage.read() or {}).get(TABLE, {})


def _require_key(key: Any) -> str:
    if not isinstance(key, str) or not key:
        raise ValueError(f"setting key must be a non-empty str, got {key!r}")
    return key


def _require_json(key: str, value: Any) -> None:
    try:
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as err:
        raise ValueError(f"setting {key!r} must be a JSON value: {err}") from None


def _same_json(a: Any, b: Any) -> bool:
    """Equal as stored (1 == True == 1.0 in Python, not in JSON)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
