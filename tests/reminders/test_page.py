"""Reminders as one page sees them: web, desktop and phone paths, health texts, settings edits.

The phone path runs against a fake `reminders.phone` module (no Flutter
here); a subprocess checks that the web path never imports the real one.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import types
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from daily.practice import DailyPractice
from daily.reminder_port import PracticeReminderPort
from habit.clock import FixedClock, ShiftedClock, SystemClock
from reminders.inapp import InAppReminders
from reminders.message import banner_texts
from reminders.notifier import DesktopNotifier, NullNotifier
from reminders.page import PHONE_REASON, PageReminders, is_phone
from reminders.runner import ReminderRunner
from reminders.settings import (
    ReminderSettings,
    ReminderTime,
    load_settings,
    save_settings,
)
from storage import Store
from tests.helpers.reminders import FakeNotifier, run_async

ROOT = Path(__file__).resolve().parents[2]
BERLIN = ZoneInfo("Europe/Berlin")
READ = ReminderTime("read", "08:00", (0, 1, 2, 3, 4, 5, 6), "Read")
REFLECT = ReminderTime("reflect", "20:00", (0, 1, 2, 3, 4, 5, 6), "Reflect")
NOW = datetime(2025, 3, 10, 7, 0, tzinfo=BERLIN)


class Platform:
    def __init__(self, value: str) -> None:
        self.value = value


class FakePage:
    """The parts of ft.Page that PageReminders uses."""

    def __init__(self, platform: str = "linux", web: bool = True) -> None:
        self.platform = Platform(platform)
        self.web = web
        self.on_connect = None
        self.tasks: list = []

    def run_task(self, handler, *args):
        self.tasks.append(asyncio.get_event_loop().create_task(handler(*args)))


async def parked(seconds):
    await asyncio.Event().wait()


#: Stores opened by `make` and the temporary folders it made, cleared after each test.
OPENED: list[tuple[Store, Path | None]] = []


@pytest.fixture(autouse=True)
def close_stores():
    yield
    while OPENED:
        store, folder = OPENED.pop()
        store.close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def make(page: FakePage, notifier=None, enabled=True, data_dir: Path | None = None):
    """A page's reminders over a real store (in `data_dir`, or a fresh temporary folder)."""
    folder = None
    if data_dir is None:
        folder = Path(tempfile.mkdtemp(prefix="stepwise-page-"))
        data_dir = folder / "data"
    data = Store.open(data_dir)
    OPENED.append((data, folder))
    clock = FixedClock(NOW)
    practice = DailyPractice(data, (), clock)
    store = PracticeReminderPort(practice)
    save_settings(store, ReminderSettings(enabled=enabled, times=(READ, REFLECT)))
    hub = InAppReminders(store, clock=clock, notifier=notifier or FakeNotifier(), zone=lambda: BERLIN,
                         insight_title=lambda day: None,
                         runner_factory=lambda s, **kw: ReminderRunner.for_port(s, sleep=parked, **kw))
    return PageReminders(hub, page, practice), hub, store, practice


class FakePhone(types.ModuleType):
    """Stands in for reminders.phone (flet-notifications needs the Flutter side)."""

    def __init__(self, granted: bool = True) -> None:
        super().__init__("reminders.phone")
        self.granted = granted
        self.calls: list[str] = []

    def create_service(self, on_tap=None):
        self.calls.append("create_service")
        return object()

    async def request_permission(self, service):
        self.calls.append("request_permission")
        return self.granted

    async def reschedule_port(self, service, store, now, zone=None, *, todays_insight_title=None):
        self.calls.append(f"reschedule enabled={load_settings(store)[0].enabled}")
        return types.SimpleNamespace(problems=[], scheduled=[], exact=False)


@pytest.fixture
def fake_phone(monkeypatch):
    import reminders

    module = FakePhone()
    monkeypatch.setitem(sys.modules, "reminders.phone", module)
    monkeypatch.setattr(reminders, "phone", module, raising=False)
    return module


# --- which path ------------------------------------------------------------


@pytest.mark.parametrize("platform, web, phone", [
    ("android", False, True),
    ("ios", False, True),
    ("android", True, False),  # a phone's browser: web mode, the banner only
    ("linux", False, False),
    ("windows", True, False),
    ("macos", False, False),
])
def test_only_a_built_phone_app_takes_the_phone_path(platform, web, phone):
    assert is_phone(FakePage(platform, web)) is phone


def test_the_web_path_never_imports_the_phone_path():
    probe = """
import asyncio, json, sys, tempfile
from pathlib import Path
import screens.serve, screens.app, screens.shell, screens.settings, screens.settings_reminders
from tests.reminders.test_page import FakePage, make
from reminders.notifier import DesktopNotifier
folder = tempfile.TemporaryDirectory()
page_reminders, hub, store, practice = make(FakePage("android", web=True), DesktopNotifier(web_mode=True),
                                            data_dir=Path(folder.name) / "data")
async def go():
    await page_reminders.start()
    await page_reminders.settings_changed(turned_on=True)
    health = await page_reminders.health()
    await page_reminders.send_test()
    await hub.stop()
    return health
health = asyncio.run(go())
practice.store.close()
folder.cleanup()
print(json.dumps({"modules": sorted(sys.modules), "state": health.state}))
"""
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    modules = set(result["modules"])
    assert "screens.settings_reminders" in modules and "reminders.inapp" in modules
    assert "reminders.phone" not in modules
    assert not any(m == "flet_notifications" or m.startswith("flet_notifications.") for m in modules)
    assert result["state"] == "info"


# --- phone path ------------------------------------------------------------------


def test_phone_start_asks_permission_and_schedules_then_again_on_changes_and_finishing(fake_phone):
    page_reminders, hub, store, practice = make(FakePage("android", web=False))

    async def scenario():
        await page_reminders.start()
        assert isinstance(hub.notifier, NullNotifier) and hub.notifier.reason == PHONE_REASON
        assert fake_phone.calls == ["create_service", "request_permission", "reschedule enabled=True"]
        save_settings(store, ReminderSettings(enabled=False, times=(READ,)))
        await page_reminders.settings_changed()
        assert fake_phone.calls[-1] == "reschedule enabled=False"
        practice.finish("insight")  # today done: the rest of today's reminders are dropped
        await asyncio.gather(*page_reminders.page.tasks)
        health = await page_reminders.health()
        await hub.stop()
        return health

    health = run_async(scenario())
    assert fake_phone.calls.count("reschedule enabled=False") == 2
    assert (health.state, health.headline) == ("ok", "Reminders can fire here")
    assert "even when Stepwise is closed" in health.detail


def test_phone_with_reminders_off_does_not_ask_until_they_are_turned_on(fake_phone):
    page_reminders, hub, store, practice = make(FakePage("ios", web=False), enabled=False)

    async def scenario():
        await page_reminders.start()
        before = await page_reminders.health()
        save_settings(store, ReminderSettings(enabled=True, times=(READ,)))
        await page_reminders.settings_changed(turned_on=True)
        after = await page_reminders.health()
        await hub.stop()
        return before, after

    before, after = run_async(scenario())
    assert fake_phone.calls == ["create_service", "reschedule enabled=False",
                                "request_permission", "reschedule enabled=True"]
    assert before.state == "info" and "asks your phone for permission" in before.detail
    assert after.state == "ok"


def test_phone_permission_denied_is_said_plainly(fake_phone):
    fake_phone.granted = False
    page_reminders, hub, *_ = make(FakePage("android", web=False))

    async def scenario():
        await page_reminders.start()
        health = await page_reminders.health()
        await hub.stop()
        return health

    health = run_async(scenario())
    assert health.state == "problem"
    assert "not allowed" in health.headline and "Notifications" in health.detail


def test_phone_scheduling_problems_show_in_settings(fake_phone):
    async def failing(service, store, now, zone=None, *, todays_insight_title=None):
        raise RuntimeError("plugin missing")

    fake_phone.reschedule_port = failing
    page_reminders, hub, *_ = make(FakePage("android", web=False))

    async def scenario():
        await page_reminders.start()
        health = await page_reminders.health()
        await hub.stop()
        return health

    health = run_async(scenario())
    assert health.state == "problem" and "plugin missing" in health.detail


# --- web and desktop health texts ---------------------------------------------------


def health_of(notifier) -> object:
    page_reminders, *_ = make(FakePage("linux", web=True), notifier)
    return run_async(page_reminders.health())


def test_web_mode_says_the_reminder_shows_inside_the_app_and_suggests_remind():
    health = health_of(DesktopNotifier(web_mode=True))
    assert health.state == "info"
    assert "inside the app" in health.headline
    assert "not on this device" in health.detail and "python main.py remind" in health.detail


def test_desktop_without_a_backend_says_why_and_that_the_banner_still_shows():
    notifier = DesktopNotifier(environ={}, platform="linux", backend=lambda: ("none", None))
    health = health_of(notifier)
    assert health.state == "problem"
    assert "no notification backend" in health.detail and "banner inside the app" in health.detail


def test_desktop_without_a_session_bus_says_so():
    notifier = DesktopNotifier(environ={"XDG_RUNTIME_DIR": "/nonexistent"}, platform="linux",
                               backend=lambda: ("notify-send", object()))
    health = health_of(notifier)
    assert health.state == "problem" and "no D-Bus session bus" in health.detail


def test_desktop_that_can_notify_says_so():
    health = health_of(FakeNotifier(True, "org.freedesktop.Notifications is on the session bus"))
    assert health.state == "ok" and "Desktop notifications work" in health.detail


def test_test_reminder_reports_where_it_went():
    async def send(notifier):
        page_reminders, hub, *_ = make(FakePage("linux", web=True), notifier)
        return await page_reminders.send_test()

    assert run_async(send(FakeNotifier())).startswith("Sent: a desktop notification (fake)")
    assert run_async(send(DesktopNotifier(web_mode=True))).startswith("Sent: the banner at the top")
    assert "no desktop notification: no bus" in run_async(send(FakeNotifier(False, "no bus")))


def test_banner_texts():
    page_reminders, hub, *_ = make(FakePage())
    test_banner = run_async(hub.send_test())
    assert banner_texts(test_banner) == ("Test reminder", "This is how a Stepwise reminder looks.")


def test_a_window_that_was_offline_re_renders_when_it_reconnects():
    page = FakePage()

    class Session:
        connection = None

    page.session = Session()
    page_reminders, hub, *_ = make(page)
    renders = []
    page_reminders.watch(lambda: renders.append(1))
    assert page.on_connect == page_reminders._reconnected
    run_async(hub.send_test())
    assert renders == [] and page.tasks == []
    assert page_reminders.connected() is False and not hub.has_audience()
    page.on_connect(None)
    assert renders == [1]
    Session.connection = object()
    assert page_reminders.connected() is True and hub.has_audience()


# --- the serve command's clock ---------------------------------------------------


def test_stepwise_now_starts_the_app_clock_there(monkeypatch):
    from screens.serve import app_clock

    assert isinstance(app_clock({}), SystemClock)
    clock = app_clock({"STEPWISE_NOW": "2025-03-10T08:05+01:00"})
    start = datetime(2025, 3, 10, 8, 5, tzinfo=BERLIN)
    assert isinstance(clock, ShiftedClock) and timedelta(0) <= clock.now() - start < timedelta(seconds=5)
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert app_clock({"STEPWISE_NOW": "2025-07-01T09:00"}).now().utcoffset().total_seconds() == 7200
    with pytest.raises(ValueError, match="STEPWISE_NOW"):
        app_clock({"STEPWISE_NOW": "tomorrow"})


def test_serve_builds_one_reminder_loop_woken_by_finishing(tmp_path):
    from daily.opening import open_practice
    from screens.serve import build_reminders

    practice = open_practice(tmp_path / "data", clock=FixedClock(NOW))
    try:
        reminders = build_reminders(practice, web_mode=True)
        assert reminders.notifier.web_mode and reminders.clock is practice.clock
        assert isinstance(reminders.port, PracticeReminderPort) and reminders.port.practice is practice
        seen = []
        reminders.subscribe(seen.append)
        run_async(reminders.send_test())
        insight = practice.todays_insight()
        practice.finish(insight.id)
        assert seen[-1] is None  # finishing hid the banner
    finally:
        practice.store.close()


def test_a_shifted_clock_runs_on_from_its_start():
    ticks = iter([100.0, 100.0, 161.5])
    clock = ShiftedClock(datetime(2025, 3, 10, 8, 5, tzinfo=BERLIN), elapsed=lambda: next(ticks))
    assert clock.now() == datetime(2025, 3, 10, 8, 5, tzinfo=BERLIN)
    assert clock.now() == datetime(2025, 3, 10, 8, 6, 1, 500000, tzinfo=BERLIN)
    with pytest.raises(ValueError):
        ShiftedClock(datetime(2025, 3, 10, 8, 5))
