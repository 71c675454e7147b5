"""Storage benchmark and fault-injection harness.

    python -m benchmarks.storage                  # figures, ~1 minute
    python -m benchmarks.storage --rounds 500     # more saves per size
    python -m benchmarks.storage --kill-rounds 500  # long SIGKILL run only

Every figure is printed as one ``name: value`` line next to its same-run
baseline (TinyDB's default JSONStorage and a bare atomic write). Journals are
generated with a realistic spread: 1,000 entries over 250 days, 15,000 and
50,000 over ten years (4 and 14 answers a day), texts of 50-600 characters
with some non-Latin letters and emoji. Saves are new answers for the newest
day, as when the user writes today.

The fault-injection part starts a child process that saves in a loop and
prints one line per acknowledged save, SIGKILLs it at a random moment (also
during start-up), then checks the data opens cleanly and holds every
acknowledged save. The test suite imports ``run_kill_rounds`` from here.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from storage import JournalEntry, Store
from storage.durable import atomic_write_bytes, is_temp_name
from storage.journal_entry import entry_to_doc

END_DAY = date(2026, 11, 25)
ZONE = timezone(timedelta(hours=1))
ALPHABET = "abcdefghijklmnopqrstuvwxyz     ,.éüßøłçשלוםمرحبا日本語😀🌱"
WORDS = (
    "the a I to and of it was my when next time habit small step week morning walk read write "
    "phone kitchen before after coffee minutes tried felt easier harder again because friend "
    "work evening plan cue reward make obvious attractive simple satisfying identity vote"
).split()
RARE_WORDS = ["café", "naïve", "😀", "🌱", "שלום", "مرحبا", "日本語", "Straße", "é"]
REPO = Path(__file__).resolve().parent.parent


# -- data generation ------------------------------------------------------------


def span_days(n: int) -> int:
    """1,000 entries -> 250 days (4 a day); more -> ten years."""
    return min(3650, math.ceil(n / 4))


def make_text(rng: random.Random) -> str:
    """50-600 characters of mostly English words, one word in 20 non-ASCII."""
    target, words, size = rng.randint(50, 600), [], 0
    while size < target:
        word = rng.choice(RARE_WORDS) if rng.random() < 0.05 else rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


def generate_entries(n: int, seed: int = 1) -> list[JournalEntry]:
    rng = random.Random(seed)
    days = span_days(n)
    entries = []
    for i in range(n):
        day = END_DAY - timedelta(days=days - 1 - (i * days) // n)
        moment = datetime(day.year, day.month, day.day, 7, 0, tzinfo=ZONE) + timedelta(seconds=i % 50_000)
        entries.append(
            JournalEntry(
                id=f"{rng.getrandbits(128):032x}",
                insight_id=f"insight-{i // 4 % 365:03d}",
                question_index=i % 4,
                question="What will you try first, and when exactly?",
                day=day,
                text=make_text(rng),
                created_at=moment,
                updated_at=moment,
            )
        )
    return entries


def tinydb_doc(entry: JournalEntry) -> dict:
    """The same fields Stepwise stores, with the id inside as a flat TinyDB document."""
    return {"id": entry.id, **entry_to_doc(entry)}


def build_stepwise(folder: Path, entries: list[JournalEntry]) -> None:
    store = Store.open(folder)
    store.journal.import_entries(entries)
    store.close()


def build_tinydb(path: Path, entries: list[JournalEntry]) -> None:
    """The file TinyDB's default storage would have after inserting every entry."""
    data = {"journal": {str(i + 1): tinydb_doc(e) for i, e in enumerate(entries)}}
    path.write_text(json.dumps(data), encoding="utf-8")


# -- measuring --------------------------------------------------------------------


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))
    return ordered[index]


def timed(action: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def stepwise_saves(folder: Path, floor_dir: Path, rounds: int) -> tuple[list[float], list[float]]:
    """Timed saves interleaved with timed bare atomic writes (the floor), so both
    see the same machine load. Each save adds a new answer to the newest month;
    it is deleted again (untimed) so the month keeps its realistic size."""
    store = Store.open(folder)
    rng = random.Random(7)
    floor_target = floor_dir / "floor.json"
    floor_payload = json.dumps(tinydb_doc(generate_entries(1)[0])).encode()
    saves, floor = [], []
    for i in range(rounds):
        start = time.perf_counter()
        atomic_write_bytes(floor_target, floor_payload)
        floor.append((time.perf_counter() - start) * 1000)
        text, now = make_text(rng), datetime.now(ZONE)
        start = time.perf_counter()
        entry = store.journal.save_answer(f"bench-{i}", i % 4, "Why?", END_DAY, text, now)
        saves.append((time.perf_counter() - start) * 1000)
        store.journal.delete(entry.id)
    store.close()
    return saves, floor


def tinydb_saves(path: Path, rounds: int) -> list[float]:
    """The same for TinyDB's default JSONStorage: timed insert, untimed removal."""
    from tinydb import TinyDB

    db = TinyDB(str(path))
    table = db.table("journal")
    rng = random.Random(7)
    entry = generate_entries(1)[0]
    samples = []
    for _ in range(rounds):
        doc = {**tinydb_doc(entry), "text": make_text(rng)}
        start = time.perf_counter()
        doc_id = table.insert(doc)
        samples.append((time.perf_counter() - start) * 1000)
        table.remove(doc_ids=[doc_id])
    db.close()
    return samples


def stepwise_open_first_page(folder: Path, rounds: int) -> tuple[list[float], int]:
    parsed = 0

    def once() -> None:
        nonlocal parsed
        store = Store.open(folder)
        entries, _ = store.journal.page(30)
        assert len(entries) == 30
        parsed = sum(1 for p in store.io_stats.parses if "/journal/" in p.replace("\\", "/"))
        store.close()

    return timed(once, rounds), parsed


def tinydb_open_first_page(path: Path, rounds: int) -> list[float]:
    from tinydb import TinyDB

    def once() -> None:
        db = TinyDB(str(path))
        docs = db.table("journal").all()
        docs.sort(key=lambda d: (d["day"], d["created_at"]), reverse=True)
        assert len(docs[:30]) == 30
        db.close()

    return timed(once, rounds)


def child_rss(kind: str, location: Path) -> float:
    """Peak RSS (MB) of a fresh process doing open + first page + 20 saves."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.storage", "--rss-child", kind, str(location)],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def rss_child(kind: str, location: str) -> None:
    if kind == "stepwise":
        store = Store.open(location)
        store.journal.page(30)
        for i in range(20):
            store.journal.save_answer(f"rss-{i}", 0, "Q", END_DAY, "text " * 50, datetime.now(ZONE))
    elif kind == "tinydb":
        from tinydb import TinyDB

        table = TinyDB(location).table("journal")
        docs = sorted(table.all(), key=lambda d: (d["day"], d["created_at"]), reverse=True)[:30]
        for i in range(20):
            table.insert({**docs[0], "text": "text " * 50})
    # kind == "baseline": interpreter + imports only
    print(peak_rss_mb())


def peak_rss_mb() -> float:
    """Peak resident memory of this process. Linux: VmHWM (ru_maxrss survives exec from a big parent)."""
    try:
        with open("/proc/self/status") as status:
            for row in status:
                if row.startswith("VmHWM:"):
                    return int(row.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# -- fault injection ----------------------------------------------------------


def kill_text(round_no: int, i: int) -> str:
    """Deterministic text per save, long enough that writes take a while, with emoji and NUL."""
    rng = random.Random(round_no * 1_000_003 + i)
    return f"r{round_no} s{i} \u0000 😀 " + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 3000)))


def kill_child(folder: str, round_no: int) -> None:
    """Save in a loop forever; print one line per acknowledged (returned) save."""
    store = Store.open(folder)
    print("OPEN", flush=True)
    rng = random.Random(round_no)
    own: list[str] = []
    i = 0
    while True:
        i += 1
        day = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 420))
        now = datetime.now(ZONE)
        kind = i % 6
        if kind in (0, 1):
            entry = store.journal.save_answer(f"r{round_no}", i, "Q", day, kill_text(round_no, i), now)
            own.append(entry.id)
            print(f"J {entry.id} {i}", flush=True)
        elif kind == 2:
            store.journal.save_answer("slot", 0, "Q", date(2026, 6, 15), f"v{round_no:06d}:{i:08d}", now)
            print(f"U {round_no} {i}", flush=True)
        elif kind == 3:
            entry = store.journal.add_note(day, kill_text(round_no, i), now)
            own.append(entry.id)
            print(f"N {entry.id} {i}", flush=True)
        elif kind == 4:
            store.practice.set_step_done(f"r{round_no}", i, day, True, now)
            store.settings.set("counter", [round_no, i])
            print(f"S {i} {day.isoformat()}", flush=True)
        elif own and rng.random() < 0.5:
            victim = own.pop(rng.randrange(len(own)))
            print(f"X {victim}", flush=True)  # about to delete: may happen without its ack
            store.journal.delete(victim)
            print(f"D {victim}", flush=True)


@dataclass
class Expectations:
    texts: dict[str, str] = field(default_factory=dict)  # entry id -> text
    deleted: set[str] = field(default_factory=set)
    maybe_deleted: dict[str, str] = field(default_factory=dict)  # delete started, not acknowledged
    steps: list[tuple[str, int, date]] = field(default_factory=list)
    slot_version: tuple[int, int] = (0, 0)
    counter: tuple[int, int] = (0, 0)
    acks: int = 0


@dataclass
class KillReport:
    rounds: int = 0
    acks: int = 0
    killed_before_open: int = 0
    killed_mid_write: int = 0  # a temp file was left: the kill landed between create and rename
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


def apply_acks(lines: list[str], round_no: int, expect: Expectations) -> None:
    for line in lines:
        parts = line.split()
        if not parts or parts[0] == "OPEN":
            continue
        if parts[0] == "X":
            if parts[1] in expect.texts:
                expect.maybe_deleted[parts[1]] = expect.texts.pop(parts[1])
            continue
        expect.acks += 1
        if parts[0] in ("J", "N"):
            expect.texts[parts[1]] = kill_text(round_no, int(parts[2]))
        elif parts[0] == "U":
            expect.slot_version = (int(parts[1]), int(parts[2]))
        elif parts[0] == "S":
            expect.steps.append((f"r{round_no}", int(parts[1]), date.fromisoformat(parts[2])))
            expect.counter = (round_no, int(parts[1]))
        elif parts[0] == "D":
            expect.maybe_deleted.pop(parts[1], None)
            expect.deleted.add(parts[1])


def verify(folder: Path, expect: Expectations) -> list[str]:
    """Everything acknowledged is there; nothing was quarantined; no temp file survives open."""
    errors = []
    store = Store.open(folder)
    if store.problems:
        errors.append(f"problems at open: {store.problems}")
    entries = {e.id: e for e in store.journal.all_entries()}
    for entry_id, text in expect.texts.items():
        if entry_id not in entries:
            errors.append(f"acknowledged entry {entry_id} missing")
        elif entries[entry_id].text != text:
            errors.append(f"entry {entry_id} text differs")
    for entry_id, text in expect.maybe_deleted.items():
        if entry_id in entries and entries[entry_id].text != text:
            errors.append(f"entry {entry_id} (delete unacknowledged) text differs")
    for entry_id in expect.deleted:
        if entry_id in entries:
            errors.append(f"acknowledged delete {entry_id} undone")
    slot = store.journal.answers_for_day("slot", date(2026, 6, 15)).get(0)
    if expect.slot_version != (0, 0):
        stored = tuple(int(x) for x in slot.text[1:].split(":")) if slot else (0, 0)
        if stored < expect.slot_version:
            errors.append(f"slot went back: {stored} < {expect.slot_version}")
    counter = tuple(store.settings.get("counter", [0, 0]))
    if counter < expect.counter:
        errors.append(f"counter went back: {counter} < {expect.counter}")
    for insight_id, step, day in expect.steps:
        if step not in store.practice.steps_done(insight_id, day):
            errors.append(f"step {insight_id}/{step}/{day} missing")
    store.close()
    errors.extend(f"temp file left after open: {name}" for name in temp_files(folder))
    return errors


def temp_files(folder: Path) -> list[str]:
    found = []
    for sub in ("", "journal", "practice"):
        if (folder / sub).is_dir():
            found += [f"{sub}/{name}" for name in os.listdir(folder / sub) if is_temp_name(name)]
    return found


def run_kill_rounds(
    rounds: int,
    folder: Path,
    seed: int = 0,
    max_delay: float = 0.25,
    log: Callable[[str], None] | None = None,
) -> KillReport:
    """SIGKILL a saving child ``rounds`` times; verify after every round."""
    rng = random.Random(seed)
    expect = Expectations()
    report = KillReport()
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for round_no in range(1, rounds + 1):
        child = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.storage", "--kill-child", str(folder), str(round_no)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        opened = False
        if rng.random() < 0.15:
            time.sleep(rng.uniform(0.02, 0.3))  # may land during start-up: open, backup, cleanup
        else:
            first = child.stdout.readline()  # type: ignore[union-attr]
            if first.strip() != "OPEN":
                child.kill()
                _, err = child.communicate()
                report.failures.append(f"round {round_no}: child failed to open: {first!r} {err[-2000:]}")
                break
            opened = True
            time.sleep(rng.uniform(0.0, max_delay))
        os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate()
        lines = out.split("\n")[:-1] if not out.endswith("\n") else out.split("\n")
        if not opened and "OPEN" not in out:
            report.killed_before_open += 1
        if child.returncode != -signal.SIGKILL:
            report.failures.append(f"round {round_no}: child exited {child.returncode}: {err[-2000:]}")
        apply_acks([line for line in lines if line], round_no, expect)
        if temp_files(folder):
            report.killed_mid_write += 1
        errors = verify(folder, expect)
        report.rounds = round_no
        if errors:
            report.failures.extend(f"round {round_no}: {e}" for e in errors)
            break
        if log and round_no % 50 == 0:
            log(f"  ... {round_no} rounds, {expect.acks} acknowledged saves verified")
    report.acks = expect.acks
    report.seconds = time.perf_counter() - start
    return report


# -- command line --------------------------------------------------------------


def line(name: str, value: object) -> None:
    print(f"{name}: {value}", flush=True)


def ms(value: float) -> str:
    return f"{value:.2f} ms"


def benchmark(args: argparse.Namespace, work: Path) -> None:
    line("python", sys.version.split()[0])
    line("platform", sys.platform)
    results: dict[int, dict[str, float]] = {}
    all_floor: list[float] = []
    for n in args.sizes:
        entries = generate_entries(n)
        months = len({(e.day.year, e.day.month) for e in entries})
        line(f"layout_{n}", f"{n} entries over {span_days(n)} days, {months} month files (~{n // months} per month)")
        step_dir, tiny_path = work / f"stepwise-{n}", work / f"tinydb-{n}.json"
        build_stepwise(step_dir, entries)
        build_tinydb(tiny_path, entries)
        tiny_rounds = args.tinydb_rounds if n < 30_000 else args.tinydb_rounds_large
        step, floor = stepwise_saves(step_dir, work, args.rounds)
        all_floor += floor
        tiny = tinydb_saves(tiny_path, tiny_rounds)
        r = results[n] = {
            "step50": percentile(step, 0.5), "step95": percentile(step, 0.95),
            "tiny50": percentile(tiny, 0.5), "tiny95": percentile(tiny, 0.95),
            "floor50": percentile(floor, 0.5), "floor95": percentile(floor, 0.95),
        }
        line(f"atomic_write_floor_p50_{n}", ms(r["floor50"]) + " (interleaved with the saves below)")
        line(f"atomic_write_floor_p95_{n}", ms(r["floor95"]))
        line(f"stepwise_save_p50_{n}", ms(r["step50"]))
        line(f"stepwise_save_p95_{n}", ms(r["step95"]))
        note = f" (sampled: {tiny_rounds} saves)" if tiny_rounds < args.rounds else ""
        line(f"tinydb_default_save_p50_{n}", ms(r["tiny50"]) + note)
        line(f"tinydb_default_save_p95_{n}", ms(r["tiny95"]) + note)
        line(f"ratio_tinydb_over_stepwise_save_p50_{n}", f"{r['tiny50'] / r['step50']:.1f}x")
        line(f"ratio_stepwise_over_floor_save_p50_{n}", f"{r['step50'] / r['floor50']:.2f}x")
        opened, parsed = stepwise_open_first_page(step_dir, args.open_rounds)
        tiny_open = tinydb_open_first_page(tiny_path, max(3, args.open_rounds // 3))
        line(f"stepwise_open_first_page_p50_{n}", ms(percentile(opened, 0.5)) + f" (journal files parsed: {parsed} of {months + 1})")
        line(f"tinydb_default_open_first_page_p50_{n}", ms(percentile(tiny_open, 0.5)))
        if n == args.rss_size:
            line("peak_rss_baseline_interpreter", f"{child_rss('baseline', step_dir):.1f} MB (python + imports only)")
            line(f"peak_rss_stepwise_{n}", f"{child_rss('stepwise', step_dir):.1f} MB (open + first page + 20 saves)")
            line(f"peak_rss_tinydb_default_{n}", f"{child_rss('tinydb', tiny_path):.1f} MB (open + first page + 20 saves)")
        shutil.rmtree(step_dir)
        tiny_path.unlink()
    if 15_000 in results:
        r = results[15_000]
        speedup, over = r["tiny50"] / r["step50"], r["step50"] / r["floor50"]
        line("target_10x_faster_than_tinydb_default_at_15000", f"{speedup:.1f}x ({'PASS' if speedup >= 10 else 'FAIL'})")
        line("target_within_5x_of_atomic_floor_at_15000", f"{over:.2f}x ({'PASS' if over <= 5 else 'FAIL'})")
    line("atomic_write_floor_p50_all_sizes", ms(percentile(all_floor, 0.5)))
    line("peak_rss_this_benchmark_process", f"{peak_rss_mb():.1f} MB (includes building the {max(args.sizes):,}-entry baselines)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.storage", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200, help="saves (and floor writes) measured per size")
    parser.add_argument("--tinydb-rounds", type=int, default=30, help="default-TinyDB saves at 1,000 and 15,000")
    parser.add_argument("--tinydb-rounds-large", type=int, default=8, help="default-TinyDB saves at 50,000 (sampled)")
    parser.add_argument("--open-rounds", type=int, default=15, help="open + first page repetitions")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1_000, 15_000, 50_000])
    parser.add_argument("--rss-size", type=int, default=15_000)
    parser.add_argument("--kill-rounds", type=int, default=0, help="run only the SIGKILL fault-injection, this many rounds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None, help="where to build data (default: a temp folder)")
    parser.add_argument("--kill-child", nargs=2, metavar=("DIR", "ROUND"), help=argparse.SUPPRESS)
    parser.add_argument("--rss-child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.kill_child:
        kill_child(args.kill_child[0], int(args.kill_child[1]))
        return 0
    if args.rss_child:
        rss_child(*args.rss_child)
        return 0

    work = Path(tempfile.mkdtemp(prefix="stepwise-bench-", dir=args.workdir))
    try:
        if args.kill_rounds:
            report = run_kill_rounds(args.kill_rounds, work / "killed", seed=args.seed, log=print)
            line("kill_rounds", report.rounds)
            line("kill_rounds_killed_before_open", report.killed_before_open)
            line("kill_rounds_killed_mid_write", f"{report.killed_mid_write} (temp file left behind, cleaned at next open)")
            line("kill_acknowledged_saves_verified", report.acks)
            line("kill_failures", len(report.failures))
            for failure in report.failures[:20]:
                print("  " + failure)
            line("kill_seconds", f"{report.seconds:.1f}")
            return 1 if report.failures else 0
        benchmark(args, work)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
