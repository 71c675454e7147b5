"""Move unreadable files aside instead of failing or deleting: the app opens, the words are kept.

A moved file goes to ``corrupt/`` with a UTC timestamp in its name, is never
deleted by Stepwise, and a user-facing message naming it is added to the
store's problems.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from .durable import ensure_private_dir, fsync_dir, tighten_file
from .partitions import CORRUPT_DIR, describe


class Quarantine:
    """Moves damaged files into ``data_dir/corrupt/`` and reports each move."""

    def __init__(self, root: Path, now: Callable[[], datetime], problems: list[str]) -> None:
        self.root = root
        self.folder = root / CORRUPT_DIR
        self._now = now
        self.problems = problems

    def now(self) -> datetime:
        """The store's clock."""
        return self._now()

    def move_aside(self, path: Path, reason: str) -> Path | None:
        """Move ``path`` into corrupt/ (caller holds the store lock). None if it vanished."""
        if not path.exists():
            return None
        ensure_private_dir(self.folder)
        relative = path.relative_to(self.root).as_posix()
        stamp = self._now().astimezone(timezone.utc).strftime("%Y-%m-%dT%H-%M-%SZ")
        base = f"{stamp}_{relative.replace('/', '_')}"
        target = self.folder / base
        counter = 2
        while target.exists():
            target = self.folder / f"{base}.{counter}"
            counter += 1
        os.replace(path, target)
        tighten_file(target)
        fsync_dir(self.folder)
        fsync_dir(path.parent)
        lost = describe(relative)
        consequence = (
            f"until it is repaired or a backup is restored, {lost} may be missing."
            if lost
            else "nothing is lost, it is rebuilt automatically."
        )
        self.problems.append(
            f"{relative} could not be read ({reason}). It was moved to "
            f"{CORRUPT_DIR}/{target.name} and is kept there; {consequence}"
        )
        return target
