"""Opening the app over a phone's network: Stepwise beside Flet's hello world, same run (issue 17).

    python -m benchmarks.network                 # 5 rounds, a few minutes
    python -m benchmarks.network --rounds 2 --profiles 9mbps --workers allow

Both apps are served as benchmarks/ui_speed.py serves them (`python <app>
--port N`, Flet's web server, no CDN): Stepwise with a new user's data folder,
past the welcome (the person who opens it every morning), and its static-file policy (serving/), the hello world (benchmarks/hello_app.py)
exactly as Flet serves it. Headless Chromium poses as an Android phone; the
network is throttled through the DevTools protocol
(`Network.emulateNetworkConditions`) at two profiles, 30 Mbps / 20 ms and
9 Mbps / 85 ms round trip. Outside hosts are blocked with Chromium's
`--host-resolver-rules`, not Playwright's request routing, which would switch
the HTTP cache off.

* first visit: a new browser context (empty cache), a new page, from
  navigation until the first screen's main button is in the page (Stepwise:
  "Start today's practice", hello: "Add one"), found through Flutter's
  semantics tree as ui_speed does (a tap on the placeholder switches it on;
  on a phone that costs a fixed 300 ms for both apps alike).
* repeat visit: the same context (its HTTP cache), a new page on the app,
  as when the app is opened again the next morning.
* bytes: the sum of `encodedDataLength` of `Network.loadingFinished`, i.e.
  what crossed the network (headers and compressed bodies, 0 for a file from
  the cache), from navigation until no request is in flight for 1 s after
  the first screen. The websocket's frames are not counted (the same few KB
  for both apps).

Run with service workers allowed (what a browser on localhost or HTTPS does)
and blocked (Playwright's `service_workers="block"`, what a phone opening
`http://192.168.x.y:8550/` from `--lan` gets). Rounds are interleaved (hello,
Stepwise, hello, ...), medians printed as a table. No figure is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ui_speed import App  # noqa: E402
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, phone_context  # noqa: E402

#: Every host but loopback resolves to nothing (the rule applies to address literals too).
BLOCK_OUTSIDE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"


@dataclass(frozen=True)
class Profile:
    name: str
    mbps: float
    rtt_ms: float

    def conditions(self) -> dict:
        """Network.emulateNetworkConditions: latency is added per request, throughput in bytes/s."""
        bytes_per_s = self.mbps * 1_000_000 / 8
        return {"offline": False, "latency": self.rtt_ms, "downloadThroughput": bytes_per_s,
                "uploadThroughput": bytes_per_s}


PROFILES = {"30mbps": Profile("30 Mbps / 20 ms", 30, 20), "9mbps": Profile("9 Mbps / 85 ms", 9, 85)}
MARKERS = {"stepwise": "Start today's practice", "hello": "Add one"}


@dataclass
class Visit:
    ms: float
    bytes: int
    requests: int
    from_network: list[str]


class Traffic:
    """What one page fetched, from the DevTools protocol's Network events."""

    def __init__(self, page, profile: Profile) -> None:
        self.cdp = page.context.new_cdp_session(page)
        self.urls: dict[str, str] = {}
        self.in_flight: set[str] = set()
        self.bytes = 0
        self.finished: list[tuple[str, int]] = []
        self.last_change = time.perf_counter()
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.loadingFailed", self._failed)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.emulateNetworkConditions", profile.conditions())

    def _sent(self, event) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]
        self.in_flight.add(event["requestId"])
        self.last_change = time.perf_counter()

    def _finished(self, event) -> None:
        self.in_flight.discard(event["requestId"])
        length = int(event.get("encodedDataLength", 0))
        self.bytes += length
        self.finished.append((self.urls.get(event["requestId"], "?"), length))
        self.last_change = time.perf_counter()

    def _failed(self, event) -> None:
        self.in_flight.discard(event["requestId"])
        self.last_change = time.perf_counter()

    def settle(self, page, quiet_s: float = 1.0, limit_s: float = 10.0) -> None:
        """Wait until no HTTP request has been in flight for `quiet_s` (blob: and data: URLs
        may never report finishing)."""
        deadline = time.perf_counter() + limit_s
        while time.perf_counter() < deadline:
            pending = [r for r in self.in_flight if self.urls.get(r, "").startswith("http")]
            if not pending and time.perf_counter() - self.last_change > quiet_s:
                return
            page.wait_for_timeout(100)


def first_screen(page, url: str, marker: str) -> float:
    """Milliseconds from navigation until the button `marker` is in the page (ui_speed's way)."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    placeholder = page.locator("flt-semantics-placeholder")
    target = page.get_by_role("button", name=marker)
    viewport = page.viewport_size
    while True:
        if target.count():
            return (time.perf_counter() - start) * 1000
        box = placeholder.bounding_box() if placeholder.count() else None
        if box and abs(box["width"] - viewport["width"]) < 2:
            page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(20)
        if time.perf_counter() - start > 120:
            raise RuntimeError(f"{marker!r} did not appear at {url}")


def visit(context, url: str, marker: str, profile: Profile) -> Visit:
    page = context.new_page()
    traffic = Traffic(page, profile)
    ms = first_screen(page, url, marker)
    traffic.settle(page)
    page.close()
    return Visit(ms, traffic.bytes, len(traffic.finished),
                 [u for u, n in traffic.finished if n > 2000])


def first_and_repeat(browser, app: App, profile: Profile, workers: str) -> tuple[Visit, Visit]:
    context = phone_context(browser, service_workers=workers)
    try:
        first = visit(context, app.url, MARKERS[app.name], profile)
        repeat = visit(context, app.url, MARKERS[app.name], profile)
    finally:
        context.close()
    return first, repeat


def median(visits: list[Visit]) -> tuple[float, float]:
    return statistics.median(v.ms for v in visits), statistics.median(v.bytes for v in visits)


def cell(visits: list[Visit]) -> str:
    ms, size = median(visits)
    return f"{ms / 1000:.2f} s, {size / 1e6:.2f} MB" if size >= 1e6 else f"{ms / 1000:.2f} s, {size / 1e3:.0f} KB"


def past_the_welcome(data: Path) -> None:
    """A new user's data folder whose first run is done, so Today (and its button) opens."""
    from storage import Store

    store = Store.open(data)
    try:
        store.library.set_first_run_done(True)
    finally:
        store.close()


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(prog="python -m benchmarks.network")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profiles", nargs="+", choices=sorted(PROFILES), default=["30mbps", "9mbps"])
    parser.add_argument("--workers", nargs="+", choices=["allow", "block"], default=["allow", "block"],
                        help="service workers allowed and/or blocked")
    parser.add_argument("--verbose", action="store_true", help="print each visit and its big files")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="stepwise-network-"))
    past_the_welcome(work / "data")
    stepwise = App("stepwise", [sys.executable, str(ROOT / "main.py"), "--data-dir", str(work / "data")],
                   work / "stepwise.log")
    hello = App("hello", [sys.executable, str(ROOT / "benchmarks" / "hello_app.py")], work / "hello.log")
    results: dict[tuple, list[Visit]] = {}
    with sync_playwright() as p, stepwise, hello:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, BLOCK_OUTSIDE])
        for round_no in range(args.rounds):
            order = (hello, stepwise) if round_no % 2 == 0 else (stepwise, hello)
            for workers in args.workers:
                for profile_name in args.profiles:
                    profile = PROFILES[profile_name]
                    for app in order:
                        first, repeat = first_and_repeat(browser, app, profile, workers)
                        results.setdefault((workers, profile_name, app.name, "first"), []).append(first)
                        results.setdefault((workers, profile_name, app.name, "repeat"), []).append(repeat)
                        if args.verbose:
                            for kind, v in (("first", first), ("repeat", repeat)):
                                big = [u.rsplit("/", 1)[-1] for u in v.from_network]
                                print(f"round {round_no + 1} {workers} {profile_name} {app.name} {kind}: "
                                      f"{v.ms:.0f} ms {v.bytes / 1e3:.0f} KB {v.requests} responses"
                                      + (f"; over 2 KB: {', '.join(big)}" if kind == "repeat" and big else ""),
                                      flush=True)
        browser.close()

    print(f"\nMedians of {args.rounds} interleaved rounds; time to first screen, bytes over the network.")
    for workers in args.workers:
        print(f"\nService workers {'allowed' if workers == 'allow' else 'blocked'}:\n")
        print("| | Stepwise | default Flet hello world | Stepwise / hello (time) |")
        print("|---|---|---|---|")
        for profile_name in args.profiles:
            for kind in ("first", "repeat"):
                mine = results[(workers, profile_name, "stepwise", kind)]
                base = results[(workers, profile_name, "hello", kind)]
                label = f"{kind} visit, {PROFILES[profile_name].name}"
                ratio = median(mine)[0] / median(base)[0]
                print(f"| {label} | {cell(mine)} | {cell(base)} | {ratio:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
