"""Serve Stepwise for a test and drive it in headless Chromium, as a person would."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}

#: Every served app runs in this zone, from this moment (then time runs on), unless a
#: test gives its own STEPWISE_NOW or TZ, so no browser test depends on the real date.
#: `STEPWISE_NOW=<ISO date-time> pytest` moves the suite's served apps to another day
#: (scripts/test.sh does, for the date-sensitive modules).
SERVED_ZONE = "Europe/Berlin"
SERVED_NOW = "2026-11-26T09:30"


def served_now() -> datetime:
    """The moment the served apps start at: $STEPWISE_NOW or SERVED_NOW, in SERVED_ZONE."""
    moment = datetime.fromisoformat(os.environ.get("STEPWISE_NOW") or SERVED_NOW)
    zone = ZoneInfo(SERVED_ZONE)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed_first_run_done(data_dir: Path) -> None:
    """Store, through the app's own storage, that the first run is done in `data_dir`.

    Only the `first_run_done` flag: a data folder's history, the followed
    book and the pace stay as the test made them.
    """
    from storage import Store

    with Store.open(data_dir, daily_backup=False) as store:
        if not store.library.first_run_done():
            store.library.set_first_run_done(True)


class Server:
    """`python main.py` on a free port with its own data dir; restartable."""

    def __init__(self, data_dir: Path, extra_args: list[str] | None = None,
                 env: dict[str, str] | None = None, first_run_done: bool = True) -> None:
        """`first_run_done` (the default) stores, before the first start, that the
        welcome was gone through, as it is for everyone past their first visit: the
        app then opens on Today. A test of the first run itself passes False."""
        self.data_dir = data_dir
        self.first_run_done = first_run_done
        self.port = free_port()
        self.extra_args = extra_args or []
        self.env = env or {}
        self.process: subprocess.Popen | None = None
        self.log = data_dir.parent / f"server-{self.port}.log"
        self.first_start: float | None = None  # a restart goes on from where time had got to

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 60) -> "Server":
        if self.first_start is None:
            if self.first_run_done:
                seed_first_run_done(self.data_dir)
            self.first_start = time.monotonic()
        moment = served_now().timestamp() + time.monotonic() - self.first_start
        now = datetime.fromtimestamp(moment, ZoneInfo(SERVED_ZONE)).isoformat()
        env = {**os.environ, "TZ": SERVED_ZONE, "STEPWISE_NOW": now, **self.env}
        env.pop("DISPLAY", None)
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--port", str(self.port),
             "--data-dir", str(self.data_dir), *self.extra_args],
            cwd=ROOT, env=env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"server did not answer in {timeout}s: {self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.process = None

    def restart(self) -> "Server":
        self.stop()
        return self.start()


def block_outside_hosts(page) -> list[str]:
    """Abort every request to a host other than 127.0.0.1; return what was blocked."""
    return block_hosts_except(page, ("127.0.0.1",))


def open_app(page, url: str, timeout_ms: int = 60_000) -> None:
    """Load the app and switch on Flutter's semantics tree so roles can be queried."""
    page.goto(url)
    placeholder = page.locator("flt-semantics-placeholder")
    placeholder.wait_for(state="attached", timeout=timeout_ms)
    placeholder.dispatch_event("click")
    page.locator("flt-semantics").first.wait_for(state="attached", timeout=timeout_ms)


def screenshot(page, name: str, attempts: int = 10) -> Path:
    """Save a screenshot once the picture has settled.

    The first frames can be blank or still show the "Working..." splash, and
    page transitions animate: wait until two shots in a row are identical.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.wait_for_timeout(300)
    previous = page.screenshot()
    for _ in range(attempts):
        page.wait_for_timeout(250)
        current = page.screenshot()
        if current == previous:
            break
        previous = current
    path.write_bytes(current)
    return path


def reveal(page, locator, bottom_margin: int = 80, attempts: int = 12) -> None:
    """Scroll the Flutter view until `locator` is fully on screen.

    Flutter draws on a canvas, so the browser's own scroll-into-view does
    nothing; a person would swipe, so the test turns the mouse wheel.
    Flutter drops the semantics of what is far off screen: a control not
    found at all is looked for below first, then (second half of the
    attempts) above, since it may have been scrolled past.
    """
    height = page.viewport_size["height"]
    width = page.viewport_size["width"]
    for attempt in range(attempts):
        box = locator.bounding_box() if locator.count() else None
        if box and box["y"] >= 60 and box["y"] + box["height"] <= height - bottom_margin:
            return
        if box:
            direction = -1 if box["y"] < 60 else 1
        else:
            direction = 1 if attempt < attempts // 2 else -1
        page.mouse.move(width / 2, height / 2)
        page.mouse.wheel(0, direction * 250)
        page.wait_for_timeout(250)
    raise AssertionError(f"could not scroll {locator} into view")


# --- Helpers for the phone, accessibility and LAN tests -------------------

PHONE_SIZES = ({"width": 360, "height": 640}, {"width": 390, "height": 844},
               {"width": 430, "height": 932})
INTERACTIVE_ROLES = ("button", "checkbox", "switch", "textbox", "tab", "radio", "slider",
                     "link", "menuitem", "combobox")


def block_hosts_except(page, hosts: tuple[str, ...]) -> list[str]:
    """Like `block_outside_hosts`, for a server reached under other local addresses."""
    blocked: list[str] = []
    prefixes = tuple(f"{scheme}://{host}" for host in hosts for scheme in ("http", "ws"))

    def handle(route):
        url = route.request.url
        if url.startswith(prefixes + ("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", handle)
    return blocked


def set_text_scale(page, scale: float) -> None:
    """What a person's browser font size does: Flutter scales text by the root font size."""
    page.evaluate("s => { document.documentElement.style.fontSize = (s * 100) + '%'; }", scale)
    page.wait_for_timeout(300)


def semantics_nodes(page) -> list[dict]:
    """Every node of Flutter's semantics tree: role, accessible name, text and box."""
    return page.evaluate("""() => [...document.querySelectorAll('flt-semantics')].map(e => {
        const r = e.getBoundingClientRect();
        const own = [...e.childNodes].filter(n => n.nodeType === 3 || n.tagName === 'SPAN')
            .map(n => n.textContent).join(' ').trim();
        const input = e.querySelector(':scope > input, :scope > textarea');
        return {id: e.id, role: e.getAttribute('role') || (input ? 'textbox' : null),
                disabled: e.getAttribute('aria-disabled') === 'true',
                label: (e.getAttribute('aria-label') || '').trim(), text: own,
                x: r.x, y: r.y, width: r.width, height: r.height};
    })""")


def accessible_controls(page) -> list[tuple[str, str]]:
    """(role, accessible name) of every interactive control, as the browser computes them."""
    import re

    controls = []
    for line in page.locator("flt-semantics-host").aria_snapshot().splitlines():
        match = re.match(r'\s*- (\w+)(?: "((?:[^"\\]|\\.)*)"| (\S[^:\[]*?))?(?: \[.*?\])?:?\s*(.*)$', line)
        if match and match.group(1) in INTERACTIVE_ROLES:
            name = (match.group(2) or match.group(3) or "").strip()
            controls.append((match.group(1), name))
    return controls


def phone_context(browser, viewport: dict | None = None, **options):
    """A browser context that looks like an Android phone to the app.

    Flutter web picks its platform from the user agent: on a phone it pads
    checkboxes and radios to 48 px touch targets and enables semantics on a
    tap, as it does for real people, so these tests see what a phone shows.
    """
    descriptor = {
        "user_agent": ("Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
                       "(KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36"),
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
        "viewport": viewport or PHONE,
    }
    descriptor.update(options)
    return browser.new_context(**descriptor)


def open_app_on_phone(page, url: str, timeout_ms: int = 60_000) -> None:
    """Load the app in a `phone_context` page and switch on the semantics tree.

    On a phone Flutter enables semantics after a tap on the middle of its
    full-screen placeholder (what a screen reader's double-tap sends).
    """
    page.goto(url)
    placeholder = page.locator("flt-semantics-placeholder")
    placeholder.wait_for(state="attached", timeout=timeout_ms)
    for _ in range(20):
        box = placeholder.bounding_box() if placeholder.count() else None
        if box is None:
            break
        viewport = page.viewport_size
        if abs(box["width"] - viewport["width"]) < 2 and abs(box["height"] - viewport["height"]) < 2:
            page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            try:
                page.locator("flt-semantics").first.wait_for(state="attached", timeout=3000)
                return
            except Exception:  # noqa: BLE001 - not yet laid out; tap again
                pass
        page.wait_for_timeout(250)
    page.locator("flt-semantics").first.wait_for(state="attached", timeout=timeout_ms)


def module_browser():
    """A Chromium for one test module, stopped at its end (use as a module fixture).

    Playwright's sync API keeps an event loop running while it is open; a
    session-wide browser left open would break later tests that call
    asyncio.run(), so these modules close theirs when they finish.
    """
    import pytest

    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def scroll_through(page, visit=None, steps: int = 100, up: bool = False) -> None:
    """Call `visit()` at each stop while scrolling a screen down (or up), half a viewport at a time.

    Flutter only builds the semantics of what is near the viewport (and a lazy
    list, like Today, lays out its lower sections only then), so a check that
    covers a whole screen scrolls through it. It stops where nothing moves any
    more (the end of the screen), not after a fixed distance.
    """
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    last = None
    for _ in range(steps):
        if visit is not None:
            visit()
        snapshot = [(n["id"], round(n["y"])) for n in semantics_nodes(page)
                    if n["width"] > 0 and n["height"] > 0]
        if snapshot == last:
            return
        last = snapshot
        page.mouse.move(width / 2, height / 2)
        page.mouse.wheel(0, height * (-0.5 if up else 0.5))
        page.wait_for_timeout(250)


def scroll_to_top(page) -> None:
    """Scroll the screen back up to its top, as a person swipes down."""
    scroll_through(page, up=True)


def scroll_down_to(page, locator, attempts: int = 20, timeout_ms: int = 15_000) -> None:
    """Scroll down a Flutter screen until `locator` is in the page.

    Flutter only builds the semantics of what is near the viewport, so a
    control far down a long list is not in the page until a person scrolls to it.
    """
    width = page.viewport_size["width"]
    height = page.viewport_size["height"]
    page.wait_for_timeout(300)
    for _ in range(attempts):
        if locator.count():
            break
        page.mouse.move(width / 2, height / 2)
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(300)
    locator.first.wait_for(state="attached", timeout=timeout_ms)


def scroll_to_text(page, text: str, attempts: int = 20, timeout_ms: int = 15_000) -> None:
    """Scroll down a Flutter list until `text` is on screen."""
    scroll_down_to(page, page.get_by_text(text), attempts, timeout_ms)
    page.get_by_text(text).first.wait_for(timeout=timeout_ms)


def type_into(page, field, text: str, replace: bool = False, scroll: bool = False,
              attempts: int = 5) -> None:
    """Tap a text field and type, as a person would: after the caret is there.

    Flutter web swaps in a fresh hidden editing element when focus moves to
    another field; keys sent before it is attached are lost. Even once it has
    the focus, keys typed within a few ms of that were lost about one time in
    ten (nothing reached the server; none with a short wait). A person never
    types that fast after a tap, so the test waits for an element other than
    the one focused before the tap, then 150 ms more. A tap that lands while
    the screen is still settling does not focus the field; a person would tap
    again. With `scroll`, the field is scrolled into view before each tap.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    before = page.evaluate_handle("() => document.activeElement")
    for _ in range(attempts):
        if scroll:
            reveal(page, field)
        field.click()
        try:
            page.wait_for_function(
                "(prev) => { const a = document.activeElement;"
                " return a && a !== prev && (a.tagName === 'TEXTAREA' || a.tagName === 'INPUT'); }",
                arg=before,
                timeout=1_500,
            )
            break
        except PlaywrightTimeoutError:
            # A field that opened with the focus (Revise, Write your mission)
            # keeps its element: the tap changes nothing, and that is fine.
            if page.evaluate("(prev) => document.activeElement === prev"
                             " && ['INPUT', 'TEXTAREA'].includes(prev.tagName)", before):
                break
            page.wait_for_timeout(300)
    else:
        raise AssertionError(f"{field} never took the keyboard focus")
    page.wait_for_timeout(150)
    if replace:
        page.keyboard.press("Control+a")
    page.keyboard.type(text)
