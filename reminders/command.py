"""`python main.py remind [--data-dir D] [--now ISO-DATETIME] [--zone NAME] [--install]`.

Checks once: if a reminder is due and today's practice is not done, shows a
desktop notification, records it (so the next run does not repeat it) and
says what it did. Meant to run every few minutes from a systemd user timer
(`--install` sets one up), cron or Task Scheduler; see reminders/README.md.

Exit status: 0 when the check ran (whether or not anything was due or could
be shown: the printed line says which), 1 when the data could not be
opened, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, TextIO

from reminders.lock import ReminderLock
from reminders.message import compose
from reminders.notifier import DesktopNotifier, Notifier
from reminders.port import ReminderPort
from reminders.schedule import due_now, next_occurrence, pick, record_fired, snooze_state
from reminders.settings import load_settings, save_settings, utc
from reminders.zone import local_zone, zone_by_name

MAIN_PY = Path(__file__).resolve().parent.parent / "main.py"
LOCK_TIMEOUT = 10.0


def default_data_dir() -> Path:
    """The app's own data folder (storage.data_dir.default_data_dir)."""
    from storage.data_dir import default_data_dir as storage_default

    return Path(storage_default())


def open_port(data_dir: Path) -> ReminderPort:
    """The user's data in `data_dir`, seen through the reminders' port (daily/reminder_port.py)."""
    from daily.reminder_port import open_reminder_port

    return open_reminder_port(data_dir)


def parse_now(text: str, zone: tzinfo) -> datetime:
    """An ISO date-time; without an offset it is read as wall time in `zone`."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--now needs an ISO date-time such as 2025-03-10T08:05 or 2025-03-10T08:05+01:00, got {text!r}"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def _fmt(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    name = local.tzname() or local.strftime("%z")
    return f"{local:%a %Y-%m-%d %H:%M} {name}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{Path(sys.argv[0]).name} remind",
        description="Check once for a due Stepwise reminder and show it as a desktop notification.",
    )
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the Stepwise data folder (default: the app's own)")
    parser.add_argument("--now", default=None, metavar="ISO-DATETIME",
                        help="evaluate as if it were this moment (no offset: local wall time)")
    parser.add_argument("--zone", default=None, metavar="NAME",
                        help="IANA time zone to use instead of the machine's, e.g. Europe/Berlin")
    parser.add_argument("--install", action="store_true",
                        help="write and enable a systemd user timer that runs this every 5 minutes")
    return parser


def run(
    argv: list[str],
    *,
    port_opener: Callable[[Path], ReminderPort] = open_port,
    notifier: Notifier | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)

    if args.install:
        from reminders.install import install_timer

        return install_timer(main_py=MAIN_PY, data_dir=args.data_dir.resolve() if args.data_dir else None, out=out)

    try:
        zone = zone_by_name(args.zone) if args.zone else local_zone()
    except ValueError as exc:
        print(f"remind: {exc}", file=err)
        return 2
    try:
        now = parse_now(args.now, zone) if args.now else datetime.now(timezone.utc).astimezone(zone)
    except argparse.ArgumentTypeError as exc:
        print(f"remind: {exc}", file=err)
        return 2

    try:
        data_dir = args.data_dir if args.data_dir is not None else default_data_dir()
        port = port_opener(Path(data_dir))
    except ImportError as exc:
        print(f"remind: cannot read the Stepwise data: the storage package is not available ({exc})", file=err)
        return 1
    except Exception as exc:  # noqa: BLE001 - say what went wrong, in one line
        print(f"remind: cannot open the Stepwise data in {data_dir}: {exc}", file=err)
        return 1
    try:
        for problem in port.problems:
            print(f"remind: {problem}", file=err)
        lock = ReminderLock.for_port(port)
        if not lock.acquire(timeout=LOCK_TIMEOUT):
            print("nothing done: another Stepwise process is sending reminders right now", file=out)
            return 0
        try:
            settings, problems = load_settings(port)
            for problem in problems:
                print(f"remind: {problem}", file=err)
            done = port.is_done(now.astimezone(zone))
            due = due_now(settings, now, zone, done)
            if due:
                chosen = pick(due)
                assert chosen is not None
                title, body = compose(chosen.label, port.insight_title(chosen.day))
                sender = notifier if notifier is not None else DesktopNotifier()
                result = sender.send(title, body)
                if result.delivered:
                    settings = record_fired(load_settings(port)[0], due, now)
                    save_settings(port, settings)
                    print(f"sent: {body}", file=out)
                else:
                    print(f"not sent: {chosen.label} is due, but {result.detail}", file=out)
            else:
                print(f"nothing due: {_why_nothing(settings, now, zone, done)}", file=out)
        finally:
            lock.release()
        nxt = next_occurrence(settings, now, zone, done)
        if nxt is not None and utc(nxt.at) > utc(now) and settings.enabled:
            print(f"next reminder at {_fmt(nxt.at, zone)} ({nxt.label})", file=out)
        elif nxt is None and settings.enabled:
            print("no reminder is scheduled: add a time in the app's settings", file=out)
    finally:
        port.close()
    return 0


def _why_nothing(settings: Any, now: datetime, zone: tzinfo, done: bool) -> str:
    if not settings.enabled:
        return "reminders are off (turn them on in the app's settings)"
    if done:
        return "today's practice is done"
    if not settings.times:
        return "no reminder times are set"
    if snooze_state(settings, now, zone) == "active":
        return f"snoozed until {_fmt(settings.snoozed_until, zone)}"
    return "no reminder is due yet"


def main(argv: list[str]) -> int:
    return run(argv)
