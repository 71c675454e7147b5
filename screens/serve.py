"""`python main.py`: serve Stepwise over HTTP (or run it inside a packaged app)."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

import flet as ft
from flet.utils import is_embedded

from daily.opening import data_dir_or_default, open_practice
from daily.practice import DailyPractice
from daily.reminder_port import PracticeReminderPort
from habit.clock import Clock, ShiftedClock, SystemClock
from reminders.inapp import InAppReminders
from reminders.notifier import DesktopNotifier
from screens.app import dress, start
from security.client_errors import install as install_quiet_errors
from security.guard import LanGuard
from security.origin_guard import ServedNames
from security.origin_guard import install as install_origin_guard
from security.lan import ALL_INTERFACES, ask_first_passcode, is_loopback, lan_addresses, new_setup_code, qr_text
from security.limiter import AttemptLimiter
from security.passcode import PasscodeFile

ASSETS = Path(__file__).resolve().parent.parent / "assets"
#: Test and troubleshooting aid, not a user option: run the app as if it were
#: this moment (ISO date-time; without an offset, local time); time then runs on.
NOW_ENV = "STEPWISE_NOW"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=Path(sys.argv[0]).name,  # "main.py" from a checkout, "stepwise" when installed
        description="Serve Stepwise. Subcommands: remind, export, import, content (see README).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8550, help="port to serve on (default 8550)")
    parser.add_argument("--lan", action="store_true",
                        help="serve to your phone on the same network: binds 0.0.0.0, prints the "
                             "address and a QR code, and asks for a passcode first")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="where the journal and progress live (default: the user data folder)")
    parser.add_argument("--content-dir", type=Path, default=None,
                        help="read the shipped books from this folder instead of content/books "
                             "(for authors trying a book, and for tests)")
    return parser.parse_args(argv)


def app_clock(environ=os.environ) -> Clock:
    """The real clock, or one started at $STEPWISE_NOW (ValueError when that is not a date-time)."""
    text = environ.get(NOW_ENV, "").strip()
    if not text:
        return SystemClock()
    from reminders.command import parse_now
    from reminders.zone import local_zone

    try:
        return ShiftedClock(parse_now(text, local_zone()))
    except argparse.ArgumentTypeError as exc:
        raise ValueError(str(exc).replace("--now", NOW_ENV)) from None


def build_reminders(practice: DailyPractice, web_mode: bool) -> InAppReminders:
    """The one reminder loop of this process; it stops for the day once today is finished."""
    reminders = InAppReminders(PracticeReminderPort(practice), clock=practice.clock,
                               notifier=DesktopNotifier(web_mode=web_mode))
    practice.add_finish_listener(reminders.today_finished)
    return reminders


async def run_app(reminders: InAppReminders, on_page, **options) -> None:
    """Flet's loop, then the reminder loop stopped cleanly (it starts with the first window)."""
    try:
        await ft.run_async(on_page, **options)
    finally:
        await reminders.stop()


def prepared_site():
    """The folder Flet serves: the repo's assets plus the fonts the browser asks for and the
    engine's compressed copies (webfonts.Prepared), or None to serve the repo's assets.

    Fonts make emoji and other scripts show (webfonts/); they are never a
    reason not to serve, so any failure falls back to the repo's assets.
    """
    try:
        from webfonts import prepare_web_assets  # web only: a packaged app never needs it

        prepared = prepare_web_assets(ASSETS)
    except Exception as exc:  # noqa: BLE001 - serve without fonts rather than not at all
        print(f"Fonts: could not prepare them ({exc}); emoji and other scripts may show as boxes.",
              flush=True)
        return None
    if prepared.notice:
        print(prepared.notice, flush=True)
    return prepared


def web_assets_dir() -> Path:
    prepared = prepared_site()
    return prepared.path if prepared else ASSETS


def static_policy(prepared):
    """Wraps Flet's app: engine compressed and cached for a year, pages revalidated (serving/).

    Compressed copies still missing (a new flet-web) are made by a background process.
    """
    from serving.precompressed import start_background_build
    from serving.static_policy import StaticPolicy

    if prepared is None:
        return lambda app: StaticPolicy(app, None, None, None)
    if start_background_build(prepared.compressed):
        print("Preparing compressed copies of the web client in the background (once, a few "
              "minutes); until then it is sent uncompressed.", flush=True)
    return lambda app: StaticPolicy(app, prepared.engine_key, prepared.path, prepared.compressed)


def lan_guard(data_dir: Path, port: int) -> LanGuard:
    """Print where to open Stepwise on the phone; make sure a passcode is (or can be) set."""
    passcodes = PasscodeFile(data_dir)
    setup_code = None
    if not passcodes.is_set():
        if not (sys.stdin.isatty() and ask_first_passcode(passcodes)):
            setup_code = new_setup_code()
    addresses = lan_addresses()
    urls = [f"http://{address}:{port}/" for address in addresses]
    print("Stepwise is served to your network (passcode required).", flush=True)
    for url in urls:
        print(f"Open on your phone: {url}", flush=True)
    if urls:
        print(qr_text(urls[0]), flush=True)
    else:
        print(f"No network address found: open http://<this computer's address>:{port}/",
              flush=True)
    if setup_code:
        print(f"No passcode yet. Setup code for the first visit: {setup_code}", flush=True)
    return LanGuard(passcodes, AttemptLimiter(), setup_code)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    install_quiet_errors()  # tracebacks go to the log, never to a browser
    data_dir = data_dir_or_default(args.data_dir)
    try:
        clock = app_clock()
    except ValueError as exc:
        print(f"main.py: {exc}", file=sys.stderr)
        return 2
    practice = open_practice(data_dir, args.content_dir, clock=clock)
    reminders = build_reminders(practice, web_mode=not is_embedded())
    guard = None

    def before_main(page: ft.Page) -> None:
        dress(page, practice)

    def on_page(page: ft.Page) -> None:
        start(page, practice, guard, reminders)

    if is_embedded():
        # Inside an app built with `flet build`: the runtime owns the window.
        asyncio.run(run_app(reminders, on_page, before_main=before_main, assets_dir=str(ASSETS)))
        return 0

    # Serve over HTTP and open no browser, with or without a display.
    os.environ["FLET_FORCE_WEB_SERVER"] = "true"
    host = ALL_INTERFACES if args.lan else args.host
    if args.lan or not is_loopback(host):
        # Anything beyond this computer sees the passcode screen first.
        guard = lan_guard(data_dir, args.port)
    # Only our own pages may talk to the server: foreign Host and Origin are refused.
    beyond = args.lan or not is_loopback(host)
    prepared = prepared_site()
    install_origin_guard(ServedNames.for_serving(beyond, host, lan_addresses() if beyond else ()),
                         inner=static_policy(prepared))
    assets_dir = prepared.path if prepared else ASSETS
    print(f"Stepwise is served at http://{host}:{args.port}/", flush=True)
    asyncio.run(run_app(
        reminders,
        on_page,
        before_main=before_main,
        view=ft.AppView.WEB_BROWSER,
        host=host,
        port=args.port,
        assets_dir=str(assets_dir),
        no_cdn=True,
    ))
    return 0
