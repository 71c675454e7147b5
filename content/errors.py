"""One problem found in an insight file, worded for the author who fixes it."""

from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """A problem in one file (or the folder), pointing at the exact field.

    An Exception so callers may raise it, but the loader only collects these:
    one broken file must not stop the others from loading. `field` is "" when
    the problem is the file as a whole (unreadable, not UTF-8, bad syntax);
    `line` is set when the position in the file is known.
    """

    def __init__(self, file: Path, field: str, problem: str, line: int | None = None) -> None:
        super().__init__(file, field, problem, line)
        self.file = Path(file)
        self.field = field
        self.problem = problem
        self.line = line

    def __str__(self) -> str:
        where = f"field '{self.field}': " if self.field else ""
        return f"{self.file.name}: {where}{self.problem}"

    def __repr__(self) -> str:
        return f"ContentError({str(self.file)!r}, {self.field!r}, {self.problem!r}, line={self.line!r})"

    def _key(self) -> tuple[Path, str, str, int | None]:
        return (self.file, self.field, self.problem, self.line)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContentError):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())
