"""Load every insight file in a folder, keeping the good ones and reporting the rest.

One broken file must never take the whole app down: it is skipped, its
problems are returned as ContentErrors, and the other files still load.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError
from .insight import Insight
from .schema import parse_insight

DEFAULT_FOLDER = Path(__file__).resolve().parent / "insights"

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)\s*$")
_AT_END = "(at end of document)"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The insights in daily order (by `order`, then `id`) and every problem found."""

    insights: tuple[Insight, ...]
    errors: tuple[ContentError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def load_insights(folder: Path | None = None) -> LoadResult:
    """Read every `*.toml` in `folder` (default: content/insights).

    Files are read in name order, so when two files claim the same id the
    first by file name is kept and the later one is reported. Hidden files
    (names starting with ".", e.g. editor backups) are ignored.
    """
    folder = DEFAULT_FOLDER if folder is None else Path(folder)
    if not folder.is_dir():
        return LoadResult((), (ContentError(folder, "", "folder not found"),))
    files = sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))
    if not files:
        return LoadResult((), (ContentError(folder, "", "no insight files (*.toml) in this folder"),))

    insights: list[Insight] = []
    errors: list[ContentError] = []
    owner: dict[str, Path] = {}
    for path in files:
        insight, problems = load_file(path)
        errors.extend(problems)
        if insight is None:
            continue
        if insight.id in owner:
            errors.append(ContentError(
                path, "id",
                f"'{insight.id}' is already used by {owner[insight.id].name}; every insight needs its own id",
            ))
            continue
        owner[insight.id] = path
        insights.append(insight)
    insights.sort(key=lambda i: (i.order, i.id))
    return LoadResult(tuple(insights), tuple(errors))


def load_file(path: Path) -> tuple[Insight | None, list[ContentError]]:
    """One file: bytes -> UTF-8 text -> TOML -> checked Insight, or its problems."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [ContentError(path, "", f"could not be read ({exc.strerror or exc})")]
    try:
        # utf-8-sig: tolerate the byte-order mark some Windows editors add.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.start + 1].hex()
        return None, [ContentError(
            path, "", f"is not UTF-8 text (byte 0x{bad} on line {line}); save it with UTF-8 encoding", line,
        )]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_error(path, exc, text)]
    return parse_insight(data, path)


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError, text: str) -> ContentError:
    """Reword tomllib's message so the line number leads."""
    message = str(exc)
    found = _TOML_POSITION.search(message)
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        reason = message[: found.start()].strip()
        return ContentError(path, "", f"TOML syntax error on line {line}, column {column}: {reason}", line)
    if message.endswith(_AT_END) and message.startswith("Unterminated string"):
        for quotes in ('"""', "'''"):
            if text.count(quotes) % 2:  # an odd count: the last one was never closed
                line = text[: text.rindex(quotes)].count("\n") + 1
                return ContentError(
                    path, "", f"TOML syntax error on line {line}: the text opened with {quotes} "
                    "here is never closed", line)
    if message.endswith(_AT_END):
        # Something was left unfinished; point at the last line with content.
        line = max(1, len(text.rstrip().splitlines()))
        reason = message[: -len(_AT_END)].strip()
        return ContentError(path, "", f"TOML syntax error on line {line} (end of file): {reason}", line)
    return ContentError(path, "", f"TOML syntax error: {message}")
