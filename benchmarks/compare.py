"""Before and after: run benchmarks on an earlier revision and on this checkout, in one run.

    python -m benchmarks.compare 9fc4692                      # streak, progress, journal
    python -m benchmarks.compare 9fc4692 progress --rounds 5

The earlier revision is checked out into a temporary git worktree and runs its
own benchmark code (so a benchmark that changed with the code it measures still
runs as it was written then). The two sides run alternately, before / now /
now / before ..., so both see the same machine load, and every numeric
``name: value`` line is printed as the median of the rounds on each side:

    progress_p50_ms: before 0.912 · now 0.874 (0.96×)

A figure printed by one side only is listed as such. Nothing is asserted:
machines here are noisy, read the ratios beside the spread of a second run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ["streak", "progress", "journal"]
#: `name: 1.23 ms ...` or `name: median 1.23 ms, p95 ...` (benchmarks/journal.py).
FIGURE = re.compile(r"^([A-Za-z0-9_]+):\s*(?:median\s+)?(-?[0-9]+(?:\.[0-9]+)?)\b")


def figures(output: str) -> dict[str, float]:
    """The numeric `name: value` lines of a benchmark's output (the value's first number, or its median)."""
    found: dict[str, float] = {}
    for line in output.splitlines():
        match = FIGURE.match(line.strip())
        if match:
            found[match.group(1)] = float(match.group(2))
    return found


def run(tree: Path, name: str, args: list[str]) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-m", f"benchmarks.{name}", *args], cwd=tree,
                          env={**os.environ, "PYTHONPATH": str(tree)},
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmarks.{name} failed in {tree}:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    return figures(done.stdout)


def compare(before: list[dict[str, float]], now: list[dict[str, float]]) -> list[str]:
    """One line per figure: the medians of both sides and their ratio."""
    lines = []
    names = list(dict.fromkeys([*(n for r in now for n in r), *(n for r in before for n in r)]))
    for name in names:
        was = [r[name] for r in before if name in r]
        is_ = [r[name] for r in now if name in r]
        if not was or not is_:
            lines.append(f"{name}: {'now only' if is_ else 'before only'} "
                         f"{statistics.median(is_ or was):g}")
            continue
        a, b = statistics.median(was), statistics.median(is_)
        ratio = f" ({b / a:.2f}×)" if a else ""
        lines.append(f"{name}: before {a:g} · now {b:g}{ratio}")
    return lines


@contextlib.contextmanager
def earlier_revision(revision: str, work: Path) -> Iterator[Path]:
    """`revision` checked out as a detached git worktree under `work`, removed afterwards."""
    tree = work / "before"
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(tree), revision], cwd=ROOT, check=True)
    try:
        yield tree
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compare")
    parser.add_argument("revision", help="the earlier revision (any git commit-ish)")
    parser.add_argument("names", nargs="*", default=DEFAULT, help=f"benchmarks (default: {' '.join(DEFAULT)})")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each benchmark on each side")
    args = parser.parse_args(argv)

    rev = subprocess.run(["git", "rev-parse", "--short", args.revision], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.strip()
    work = Path(tempfile.mkdtemp(prefix="stepwise-compare-"))
    try:
        with earlier_revision(rev, work) as earlier:
            compare_all(args.names, args.rounds, rev, earlier)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def compare_all(names: list[str], rounds: int, rev: str, earlier: Path) -> None:
    """Run each benchmark on both sides, alternately, and print the medians side by side."""
    for name in names:
        before: list[dict[str, float]] = []
        now: list[dict[str, float]] = []
        for round_no in range(rounds):
            order = ((earlier, before), (ROOT, now)) if round_no % 2 == 0 else ((ROOT, now), (earlier, before))
            for tree, results in order:
                results.append(run(tree, name, []))
        print(f"# benchmarks.{name}: before = {rev}, now = this checkout; "
              f"medians of {rounds} alternating runs", flush=True)
        for line in compare(before, now):
            print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
