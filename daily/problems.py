"""Start-up problems (unreadable insight files, damaged data files moved aside, an import
finished at start) as one line above the tabs, with the details one tap away.

Dozens of broken content files must not stack dozens of messages above every
tab: ``summary`` gives the one line, ``details`` the full list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

MAX_LINE = 160


@dataclass(frozen=True)
class ProblemSummary:
    line: str  # the one line shown above the tabs
    details: tuple[str, ...]  # every message, in order, shown on request

    @property
    def has_more(self) -> bool:
        """Whether the details say more than the line."""
        return len(self.details) > 1 or self.line != self.details[0]


def _kind(message: str) -> str:
    if message.startswith("An insight file could not be read"):
        return "insight file could not be read"
    if "could not be read" in message or "moved to corrupt/" in message:
        return "data file needed attention"
    return "notice"


def summary(problems: tuple[str, ...] | list[str]) -> ProblemSummary | None:
    """None when there is nothing to say; else one line and the full list."""
    details = tuple(p for p in problems if p)
    if not details:
        return None
    if len(details) == 1:
        only = details[0]
        line = only if len(only) <= MAX_LINE else only[:MAX_LINE - 1].rstrip() + "…"
        return ProblemSummary(line, details)
    counts = Counter(_kind(p) for p in details)
    parts = []
    for kind, count in counts.most_common():
        if kind == "insight file could not be read":
            parts.append(f"{count} insight file{'s' if count > 1 else ''} could not be read")
        elif kind == "data file needed attention":
            parts.append(f"{count} data file{'s' if count > 1 else ''} needed attention")
        else:
            parts.append(f"{count} other notice{'s' if count > 1 else ''}")
    return ProblemSummary(f"Stepwise started with {len(details)} problems: " + ", ".join(parts) + ".",
                          details)
