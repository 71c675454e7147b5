"""UI speed: Stepwise beside Flet's hello-world counter, served the same way, in one run.

    python -m benchmarks.ui_speed            # about 1 minute
    python -m benchmarks.ui_speed --rounds 15

Both apps run as `python <app> --port N` (Flet web server, no CDN) and are
driven in headless Chromium posing as an Android phone (390x844). Printed as
``name: value`` lines, each Stepwise figure beside its baseline:

* first screen: from navigation start until the first screen's main button
  is in the page (Stepwise: "Start today's practice"; hello: "Add one"),
  fresh browser context each round (nothing cached). Target <= 1.2x.
  The button is found through Flutter's semantics tree, which a phone turns
  on 300 ms after a tap on its placeholder; the harness taps as soon as the
  page takes taps, so the figure is roughly "the browser is done with the
  first screen" plus that fixed 300 ms, for both apps alike.
  Today sends its card and button first and the sections below them (step
  habits, outcome, looking back) in the next update; the time until the
  step habits' heading is in the page too is printed as
  first_screen_full_stepwise_ms, for information (hello has nothing below
  its button).
* tap: a tap on Next until the next walk-through part is on screen, beside a
  tap on the counter's button until the new count is on screen. Target <= 1.5x.
* server memory: resident set size of the server process (and any children)
  with one open page, Stepwise holding 15,000 journal entries (seeded through
  storage.Store) and showing the Journal. Target <= 1.5x.

Taps are many and cheap, so there are four per round on each side.

``--against REV`` also serves an earlier revision of Stepwise (checked out into
a temporary git worktree, its own data folder copied from the same seed) in the
same run, interleaved with the other two, and prints its ratios as
``*_ratio_before`` beside this checkout's: single runs on a shared machine vary
more than a change does, so "did it get worse" is answered in one run.

Medians of the rounds; no figure here is asserted by a test.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.compare import earlier_revision  # noqa: E402
from benchmarks.storage import build_stepwise, generate_entries  # noqa: E402
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, free_port, phone_context  # noqa: E402

ENTRIES = 15_000
#: The first heading below Today's Start button (screens/progress_steps.py).
BELOW_FOLD = "Practise the steps today"
TARGETS = {"first_screen": 1.2, "tap": 1.5, "server_rss": 1.5}


def line(name: str, value) -> None:
    print(f"{name}: {value}", flush=True)


class App:
    """One served app in its own process (its own session, killed as a group)."""

    def __init__(self, name: str, command: list[str], log: Path, tree: Path = ROOT) -> None:
        self.name = name
        self.tree = tree
        self.port = free_port()
        self.command = [*command, "--port", str(self.port)]
        self.log = log
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> "App":
        env = {**os.environ, "PYTHONPATH": str(self.tree)}
        env.pop("DISPLAY", None)
        self.process = subprocess.Popen(self.command, cwd=self.tree, env=env, start_new_session=True,
                                        stdout=self.log.open("ab"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url, timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start: {self.log.read_text()[-2000:]}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

    def rss_mb(self) -> float:
        """Resident memory of the server process and its children (Linux /proc)."""
        pids, frontier = set(), {self.process.pid}
        while frontier:
            pids |= frontier
            children = set()
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    try:
                        stat = (entry / "stat").read_text()
                    except OSError:
                        continue
                    ppid = int(stat.rsplit(")", 1)[1].split()[1])
                    if ppid in frontier:
                        children.add(int(entry.name))
            frontier = children - pids
        total_kb = 0
        for pid in pids:
            try:
                for row in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if row.startswith("VmRSS:"):
                        total_kb += int(row.split()[1])
            except OSError:
                pass
        return total_kb / 1024


def open_first_screen(browser, url: str, marker: str,
                      then_text: str | None = None) -> tuple[float, object, object]:
    """Milliseconds from navigation until `marker` (a button's name) is in the page.

    With `then_text`, also waits for that text and returns (first, full) times.
    """
    context = phone_context(browser)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    placeholder = page.locator("flt-semantics-placeholder")
    target = page.get_by_role("button", name=marker)
    viewport = page.viewport_size
    while True:
        if target.count():
            elapsed = (time.perf_counter() - start) * 1000
            if then_text is None:
                return elapsed, context, page
            page.get_by_text(then_text, exact=True).first.wait_for(state="attached", timeout=60_000)
            full = (time.perf_counter() - start) * 1000
            return (elapsed, full), context, page
        box = placeholder.bounding_box() if placeholder.count() else None
        if box and abs(box["width"] - viewport["width"]) < 2:
            page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(20)
        if time.perf_counter() - start > 60:
            raise RuntimeError(f"{marker!r} did not appear at {url}")


def tap_until(page, button_name: str, shows: str) -> float:
    """Tap a button (as a finger does) and time until `shows` is on screen."""
    button = page.get_by_role("button", name=button_name, exact=True)
    button.wait_for(state="attached", timeout=20_000)
    box = button.bounding_box()
    start = time.perf_counter()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text(shows, exact=True).first.wait_for(state="attached", timeout=20_000)
    return (time.perf_counter() - start) * 1000


def compare(name: str, value: float, baseline: float, unit: str,
            pairs: tuple[list[float], list[float]] | None = None, suffix: str = "") -> None:
    """Print a figure beside its baseline; with `pairs`, also the spread of per-round ratios.

    `suffix` ("_before") marks the figures of the earlier revision (--against).
    """
    ratio = value / baseline
    target = TARGETS[name]
    side = "stepwise" + suffix
    line(f"{name}_{side}_{unit}", f"{value:.0f}" if unit == "ms" else f"{value:.1f}")
    if not suffix:
        line(f"{name}_hello_{unit}", f"{baseline:.0f}" if unit == "ms" else f"{baseline:.1f}")
    line(f"{name}_ratio{suffix}", f"{ratio:.2f} (target <= {target}, {'met' if ratio <= target else 'NOT met'})")
    if pairs:
        ratios = sorted(a / b for a, b in zip(*pairs))
        quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
        line(f"{name}_ratio_rounds{suffix}", f"min {ratios[0]:.2f}, quartiles {quartiles[0]:.2f} / "
             f"{quartiles[1]:.2f} / {quartiles[2]:.2f}, max {ratios[-1]:.2f} ({len(ratios)} rounds)")


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(prog="python -m benchmarks.ui_speed")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--against", metavar="REV",
                        help="also serve this earlier revision in the same run and print its ratios")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="stepwise-ui-speed-"))
    data = work / "data"
    started = time.perf_counter()
    build_stepwise(data, generate_entries(ENTRIES))
    line("seeded_journal_entries", ENTRIES)
    line("seed_seconds", f"{time.perf_counter() - started:.1f}")

    sides = {"": App("stepwise", [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data)],
                     work / "stepwise.log")}
    hello = App("hello", [sys.executable, str(ROOT / "benchmarks" / "hello_app.py")], work / "hello.log")
    with contextlib.ExitStack() as stack:
        if args.against:
            tree = stack.enter_context(earlier_revision(args.against, work))
            shutil.copytree(data, work / "data-before")
            sides["_before"] = App("before", [sys.executable, str(tree / "main.py"), "--data-dir",
                                              str(work / "data-before")], work / "before.log", tree=tree)
            line("against", subprocess.run(["git", "log", "-1", "--format=%h %s", args.against], cwd=ROOT,
                                           capture_output=True, text=True, check=False).stdout.strip()[:100])
        p = stack.enter_context(sync_playwright())
        for app in [*sides.values(), hello]:
            stack.enter_context(app)
        results = measure(p, sides, hello, args.rounds)

    for suffix in sides:
        first, first_full, taps, rss = results[suffix]
        compare("first_screen", statistics.median(first), statistics.median(results["hello"][0]), "ms",
                pairs=(first, results["hello"][0]), suffix=suffix)
        if not suffix:
            line("first_screen_full_stepwise_ms", f"{statistics.median(first_full):.0f} (for information)")
        compare("tap", statistics.median(taps), statistics.median(results["hello"][2]), "ms",
                pairs=(taps, results["hello"][2]), suffix=suffix)
        compare("server_rss", rss, results["hello"][3], "mb", suffix=suffix)
    return 0


def measure(p, sides: dict[str, App], hello: App, rounds: int) -> dict[str, tuple]:
    """(first screens, full first screens, taps, server MB) per side, and for "hello"."""
    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    first = {key: [] for key in [*sides, "hello"]}
    first_full = {key: [] for key in sides}
    taps = {key: [] for key in [*sides, "hello"]}
    # Interleaved rounds, so all see the same machine load.
    for round_no in range(rounds):
        ms, context, _page = open_first_screen(browser, hello.url, "Add one")
        first["hello"].append(ms)
        context.close()
        order = list(sides) if round_no % 2 == 0 else list(reversed(list(sides)))
        for key in order:
            (ms, full_ms), context, _page = open_first_screen(
                browser, sides[key].url, "Start today's practice", then_text=BELOW_FOLD)
            first[key].append(ms)
            first_full[key].append(full_ms)
            context.close()

    _ms, hello_context, hello_page = open_first_screen(browser, hello.url, "Add one")
    pages = {}
    for key, app in sides.items():
        _ms, context, page = open_first_screen(browser, app.url + "practice/1", "Next")
        pages[key] = (context, page)
    count = 0
    for i in range(rounds * 4):
        count += 1
        taps["hello"].append(tap_until(hello_page, "Add one", f"Count: {count}"))
        order = list(sides) if i % 4 < 2 else list(reversed(list(sides)))
        for key in order:
            page = pages[key][1]
            if i % 2 == 0:
                taps[key].append(tap_until(page, "Next", "Part 2 of 7"))
            else:
                taps[key].append(tap_until(page, "Back", "Part 1 of 7"))
    for context, _page in pages.values():
        context.close()

    # Memory with one page open each; Stepwise shows the Journal (15,000 entries).
    rss = {}
    for key, app in sides.items():
        _ms, step_context, step_page = open_first_screen(browser, app.url, "Start today's practice")
        step_page.get_by_role("tab", name="Journal").dispatch_event("click")
        step_page.get_by_role("heading", name="Journal").or_(
            step_page.get_by_text("Journal", exact=True)).first.wait_for(state="attached")
        step_page.wait_for_timeout(1500)
        rss[key] = app.rss_mb()
        step_context.close()
    hello_page.wait_for_timeout(1500)
    rss["hello"] = hello.rss_mb()
    hello_context.close()
    browser.close()
    return {key: (first[key], first_full.get(key), taps[key], rss[key]) for key in [*sides, "hello"]}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
