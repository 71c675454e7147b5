"""Which verdict is current and which steps are the user's habits.

Every verdict is kept; the latest per insight (by when it was recorded) is
current. A habit is a step chosen *keep* or *adapt* in its insight's current
verdict that was not retired after that verdict. Works on any objects with
the fields of storage.verdicts' records (insight_id, recorded_at, steps with
step_index and choice; retirements with insight_id, step_index, at).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

KEEP = "keep"
ADAPT = "adapt"
DROP = "drop"
CHOICES = (KEEP, ADAPT, DROP)


def habit_key(insight_id: str, step_index: int) -> str:
    """'<insight id>#<step index>': how a habit is named to the screens."""
    return f"{insight_id}#{step_index}"


def parse_habit_key(key: str) -> tuple[str, int]:
    """The (insight id, step index) of a habit key; ValueError for anything else."""
    insight_id, sep, index = str(key).rpartition("#")
    if not sep or not insight_id or not index.isdigit():
        raise ValueError(f"not a habit key: {key!r} (expected '<insight id>#<step number>')")
    return insight_id, int(index)


def current_verdicts(verdicts: Iterable[Any]) -> dict[str, Any]:
    """insight id -> its latest verdict."""
    latest: dict[str, Any] = {}
    for verdict in verdicts:
        held = latest.get(verdict.insight_id)
        if held is None or verdict.recorded_at >= held.recorded_at:
            latest[verdict.insight_id] = verdict
    return latest


def habits(verdicts: Iterable[Any], retirements: Iterable[Any]) -> list[tuple[Any, Any]]:
    """(verdict, step) for every habit, oldest verdict first, steps in order."""
    retired = [(r.insight_id, r.step_index, r.at) for r in retirements]
    found = []
    for verdict in sorted(current_verdicts(verdicts).values(), key=lambda v: v.recorded_at):
        for step in verdict.steps:
            if step.choice not in (KEEP, ADAPT):
                continue
            if any(i == verdict.insight_id and s == step.step_index and at >= verdict.recorded_at
                   for i, s, at in retired):
                continue
            found.append((verdict, step))
    return found


def with_drops(verdicts: Iterable[Any]) -> list[Any]:
    """Current verdicts that dropped at least one step, oldest first (What works for me
    lists each with the steps it let go and the reason given)."""
    return sorted((v for v in current_verdicts(verdicts).values()
                   if any(s.choice == DROP for s in v.steps)), key=lambda v: v.recorded_at)


def dropped(verdicts: Iterable[Any]) -> list[Any]:
    """Current verdicts that dropped every step of their insight ("tried, not for me"), oldest first."""
    return sorted((v for v in current_verdicts(verdicts).values()
                   if v.steps and all(s.choice == DROP for s in v.steps)), key=lambda v: v.recorded_at)
