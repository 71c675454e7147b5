"""TinyDB storage that never leaves a half-written file behind.

TinyDB's default JSONStorage rewrites its one file in place: a crash mid-write
corrupts it. This storage writes each state to a temp file in the same folder,
fsyncs it, renames it over the old one and fsyncs the folder (see
``durable.atomic_write_bytes``). Files are UTF-8 JSON (not ASCII-escaped, so
non-Latin text is not tripled in size) in one line ending in ``}\\n``; a
truncated copy of such a file can never end that way, which lets start-up spot
truncation without parsing (``looks_complete``).

Modes:
* plain: reads the file on every ``read()`` - a drop-in durable JSONStorage;
* ``pin=True``: the first read is kept for the life of the storage object, so
  one transaction or one snapshot sees one consistent state;
* ``cache``: a shared ReadCache is consulted for reads (never for
  transactions, which must see what is on disk) and filled after writes.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .durable import atomic_write_bytes
from .errors import CorruptFile
from .read_cache import ReadCache, stat_key

Tables = dict[str, dict[str, dict[str, Any]]]

_UNREAD = object()


@dataclass
class IOStats:
    """Counts of files parsed and written, by path: lets tests prove what was touched."""

    parses: Counter[str] = field(default_factory=Counter)
    writes: Counter[str] = field(default_factory=Counter)


def encode_tables(data: Tables) -> bytes:
    """One compact UTF-8 JSON line ending in ``}\\n`` (the completeness marker)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def decode_tables(raw: bytes, path: str) -> Tables:
    """Parse and check the TinyDB shape {table: {doc_id: {field: value}}}."""
    if not raw.strip():
        raise CorruptFile(path, "the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CorruptFile(path, "the file is not UTF-8 text") from None
    except ValueError as err:
        raise CorruptFile(path, f"it is incomplete or damaged: invalid JSON at byte {err.pos:,}") from None
    if not isinstance(data, dict):
        raise CorruptFile(path, "the file does not hold tables")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise CorruptFile(path, f"table {name!r} is malformed")
    return data


def looks_complete(path: Path) -> bool:
    """Cheap start-up check: starts with ``{`` and ends with ``}\\n`` (no parse)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1)
            size = fh.seek(0, os.SEEK_END)
            if size < 3:
                return False
            fh.seek(size - 2)
            tail = fh.read(2)
    except FileNotFoundError:
        return True
    return head == b"{" and tail == b"}\n"


class AtomicJSONStorage(Storage):
    """A TinyDB Storage writing by temp file + fsync + rename + folder fsync."""

    def __init__(
        self,
        path: str,
        *,
        pin: bool = False,
        read_only: bool = False,
        cache: ReadCache | None = None,
        use_cache_for_reads: bool = True,
        stats: IOStats | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._pin = pin
        self._read_only = read_only
        self._cache = cache
        self._use_cache_for_reads = use_cache_for_reads and cache is not None
        self._stats = stats
        self._pinned: Any = _UNREAD
        self.wrote = False

    def read(self) -> Optional[Tables]:
        if self._pinned is not _UNREAD:
            if self.wrote and self._cache is not None:
                # The caller may mutate what we return before writing again:
                # stop sharing it with readers.
                self._cache.invalidate(str(self.path))
            return self._pinned
        data = self._load()
        if self._pin:
            self._pinned = data
        return data

    def write(self, data: Tables) -> None:
        if self._read_only:
            raise RuntimeError(f"{self.path} was opened read-only")
        payload = encode_tables(data)
        key_path = str(self.path)
        if self._cache is not None:
            self._cache.invalidate(key_path)
        stat = atomic_write_bytes(self.path, payload)
        self.wrote = True
        if self._stats is not None:
            self._stats.writes[key_path] += 1
        if self._pin:
            self._pinned = data
        if self._cache is not None and self._pin:
            # Only a pinned storage knows nobody else holds `data` for mutation.
            self._cache.put(key_path, stat_key(stat), data, len(payload))

    def close(self) -> None:
        self._pinned = _UNREAD

    def _load(self) -> Optional[Tables]:
        key_path = str(self.path)
        if self._use_cache_for_reads:
            try:
                key = stat_key(os.stat(self.path))
            except FileNotFoundError:
                return None
            cached = self._cache.get(key_path, key)  # type: ignore[union-attr]
            if cached is not None:
                return cached
        try:
            with open(self.path, "rb") as fh:
                stat = os.fstat(fh.fileno())
                raw = fh.read()
        except FileNotFoundError:
            return None
        if self._stats is not None:
            self._stats.parses[key_path] += 1
        data = decode_tables(raw, key_path)
        if self._cache is not None and self._read_only:
            self._cache.put(key_path, stat_key(stat), data, len(raw))
        return data


class KeyedTable(Table):
    """A TinyDB table whose document ids are strings we choose (uuids, natural keys).

    Choosing ids means no id counter that a second process could reuse.
    """

    document_id_class = str  # type: ignore[assignment]


class KeyedTinyDB(TinyDB):
    """TinyDB over AtomicJSONStorage with string document ids."""

    table_class = KeyedTable
    default_storage_class = AtomicJSONStorage
