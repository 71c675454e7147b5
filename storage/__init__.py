"""The user's data on disk: TinyDB with durable, partitioned, lock-protected files.

    from storage import Store
    store = Store.open(data_dir)

See store.py for what opening does and partitions.py for the file layout.
"""

from .backups import Backup
from .data_dir import default_data_dir
from .errors import (
    AnswerTooLong,
    BackupDamaged,
    BackupNotFound,
    CorruptFile,
    SchemaTooNew,
    StorageError,
    StoreBusy,
)
from .journal_entry import JournalEntry
from .journal_order import Cursor
from .store import Store
from .text import MAX_TEXT_BYTES

__all__ = [
    "AnswerTooLong",
    "Backup",
    "BackupDamaged",
    "BackupNotFound",
    "CorruptFile",
    "Cursor",
    "JournalEntry",
    "MAX_TEXT_BYTES",
    "SchemaTooNew",
    "StorageError",
    "Store",
    "StoreBusy",
    "default_data_dir",
]
