"""Journal benchmark: opening the first page and searching, at 15,000 entries.

    python -m benchmarks.journal                 # ~1 minute
    python -m benchmarks.journal --sizes 15000,50000 --rounds 10

Every figure is one ``name: value`` line (milliseconds: median and p95 of the
rounds) beside baselines measured in the same run on the same generated data
(benchmarks/storage.py: ten years, 4 answers a day, 50-600 characters with
some accents, other scripts and emoji):

* ``tinydb``: TinyDB's default JSONStorage, one file, as a naive app would
  keep the journal: opening it parses everything; search is ``table.search``;
* ``memory``: a plain scan of every entry already loaded in a Python list (no
  disk at all, but the whole journal in memory, and only ``str.lower``).

Stepwise's search folds accents and case (journal/search.py) and streams the
month files, newest first, stopping as soon as a page of hits is full; the
peak extra memory of a search that reads everything is printed beside the
memory the loaded list baseline needs.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import tempfile
import time
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from benchmarks.storage import build_stepwise, build_tinydb, generate_entries, percentile, tinydb_doc
from journal.search import SearchQuery, search
from storage import Store

PAGE = 30
QUERIES = {
    # name: (query text, what it shows)
    "common_word": "habit",  # hits on the first month: the page fills at once
    "accented_two_words": "CAFE morning",  # 'café' in about 1 entry in 25, with another word
    "no_match": "zeppelin",  # reads every month: the worst case
}


class Practice:
    """The few things JournalService needs, without content or a clock."""

    insights: tuple = ()

    def __init__(self, store: Store) -> None:
        self.store = store

    def insight(self, _insight_id):
        return None

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


def line(name: str, value) -> None:
    print(f"{name}: {value}", flush=True)


def stats(samples: list[float]) -> str:
    return (f"median {statistics.median(samples):.1f} ms, p95 {percentile(samples, 0.95):.1f} ms, "
            f"min {min(samples):.1f} ms")


def timed(action: Callable[[], object], rounds: int) -> tuple[list[float], object]:
    samples, result = [], None
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        result = action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, result


def peak_mb(action: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def run_size(n: int, rounds: int, work: Path) -> None:
    from journal.service import JournalService
    from tinydb import Query, TinyDB

    entries = generate_entries(n)
    folder, single = work / f"stepwise-{n}", work / f"tinydb-{n}.json"
    build_stepwise(folder, entries)
    build_tinydb(single, entries)
    docs = [tinydb_doc(e) for e in entries]
    line(f"entries_{n}", f"{n:,} over {len({e.day for e in entries}):,} days, "
         f"{sum(1 for _ in (folder / 'journal').iterdir())} month files")

    # -- opening the Journal tab: a fresh process opens the store and shows page one ----------
    def stepwise_open() -> int:
        store = Store.open(folder, daily_backup=False)
        page = JournalService(Practice(store)).page(PAGE)
        store.close()
        return len(page.entries)

    def tinydb_open() -> int:
        db = TinyDB(str(single))
        rows = sorted(db.table("journal").all(), key=lambda d: (d["day"], d["created_at"]), reverse=True)
        db.close()
        return len(rows[:PAGE])

    def memory_first_page() -> int:
        return len(sorted(docs, key=lambda d: (d["day"], d["created_at"]), reverse=True)[:PAGE])

    samples, shown = timed(stepwise_open, rounds)
    assert shown == PAGE
    line(f"open_first_page_{n}_stepwise", stats(samples))
    line(f"open_first_page_{n}_baseline_tinydb", stats(timed(tinydb_open, max(3, rounds // 2))[0]))
    line(f"open_first_page_{n}_baseline_memory_sort", stats(timed(memory_first_page, rounds)[0]))

    # -- searching, in an open app (store open, caches as they are after use) -----------------
    store = Store.open(folder, daily_backup=False)
    service = JournalService(Practice(store))
    db = TinyDB(str(single))
    table = db.table("journal")
    for name, text in QUERIES.items():
        query = SearchQuery(text)
        terms = [t.lower() for t in text.split()]

        def stepwise_search(query=query):
            return service.search(query, limit=PAGE)

        def tinydb_search(terms=terms):
            db.clear_cache()
            hits = table.search(Query().text.test(lambda v: all(t in v.lower() for t in terms)))
            return sorted(hits, key=lambda d: (d["day"], d["created_at"]), reverse=True)[:PAGE]

        def memory_search(terms=terms):
            hits = [d for d in docs if all(t in d["text"].lower() for t in terms)]
            return sorted(hits, key=lambda d: (d["day"], d["created_at"]), reverse=True)[:PAGE]

        samples, page = timed(stepwise_search, rounds)
        memory_hits = memory_search()
        line(f"search_{name}_{n}_stepwise", f"{stats(samples)} ({len(page.entries)} hits shown"
             f"{', more' if page.cursor else ''}; query {text!r})")
        line(f"search_{name}_{n}_baseline_tinydb",
             f"{stats(timed(tinydb_search, max(3, rounds // 2))[0])} ({len(tinydb_search())} hits shown)")
        line(f"search_{name}_{n}_baseline_memory_scan",
             f"{stats(timed(memory_search, rounds)[0])} ({len(memory_hits)} hits shown)")

    # The worst case reads every month: how much memory does it need at its peak?
    worst = SearchQuery(QUERIES["no_match"])
    line(f"search_read_all_{n}_peak_memory_stepwise", f"{peak_mb(lambda: service.search(worst, PAGE)):.1f} MB")
    line(f"search_read_all_{n}_baseline_load_everything",
         f"{peak_mb(lambda: list(store.journal.all_entries()) and [tinydb_doc(e) for e in entries]):.1f} MB "
         "(every entry held at once)")
    # Search correctness against the plain scan (accents folded on our side only).
    plain = sum(1 for d in docs if "habit" in d["text"].lower())
    streamed = len(search(store.journal.entries(), SearchQuery("habit"), n)[0])
    line(f"search_habit_{n}_hits_stepwise_vs_plain_scan", f"{streamed} vs {plain}")
    db.close()
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.journal", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[15_000])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="stepwise-journal-bench-", dir=args.workdir))
    try:
        for n in args.sizes:
            run_size(n, args.rounds, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
