"""Errors the storage layer raises, so callers can tell the user something precise."""

from __future__ import annotations


class StorageError(Exception):
    """Base class: something about the user's data files needs attention."""


class AnswerTooLong(ValueError):
    """An answer or note is over the size limit.

    A ValueError so form code that already catches bad input catches this too.
    The limit keeps every monthly file small, which keeps every save fast.
    """

    def __init__(self, size_bytes: int, limit_bytes: int) -> None:
        self.size_bytes = size_bytes
        self.limit_bytes = limit_bytes
        super().__init__(
            f"This text is {size_bytes:,} bytes long; the limit is {limit_bytes:,} bytes "
            f"(about {limit_bytes:,} Latin letters or {limit_bytes // 4:,} emoji). "
            "Please shorten it or split it into two notes."
        )


class CorruptFile(StorageError):
    """A data file exists but cannot be understood (garbage, truncated, empty)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class SchemaTooNew(StorageError):
    """The data was written by a newer Stepwise; touching it could damage it."""


class StoreBusy(StorageError):
    """Another process held the data lock for too long."""


class BackupNotFound(StorageError, LookupError):
    """No backup with that name."""


class BackupDamaged(StorageError):
    """A backup cannot be restored because one of its files is unreadable."""
