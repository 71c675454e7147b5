"""Reminders inside the running app: one runner per process, its banner in every open window."""

from __future__ import annotations

import asyncio
import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from daily.practice import DailyPractice
from daily.reminder_port import PracticeReminderPort
from habit.clock import FixedClock
from reminders.inapp import TEST_BODY, InAppReminders, describe_moment
from reminders.memory import MemoryReminderPort
from reminders.runner import Banner, ReminderRunner
from reminders.settings import ReminderSettings, ReminderTime, load_settings, save_settings
from tests.helpers.reminders import FakeNotifier, run_async

BERLIN = ZoneInfo("Europe/Berlin")
READ = ReminderTime("read", "08:00", (0, 1, 2, 3, 4, 5, 6), "Read")
REFLECT = ReminderTime("reflect", "20:00", (0, 1, 2, 3, 4, 5, 6), "Reflect")
MONDAY_0805 = datetime(2025, 3, 10, 8, 5, tzinfo=BERLIN)


@pytest.fixture
def real_store(tmp_path):
    storage = pytest.importorskip("storage")
    store = storage.Store.open(tmp_path / "data")
    yield store
    store.close()


async def sleep_until_woken(seconds: float) -> None:
    await asyncio.Event().wait()  # only wake() (or stop) ends the pause


def factory(store, **kw) -> ReminderRunner:
    return ReminderRunner.for_port(store, sleep=sleep_until_woken, **kw)


def make(start=MONDAY_0805, times=(READ, REFLECT), enabled=True, notifier=None, port=None, clock=None):
    store = port if port is not None else MemoryReminderPort()
    save_settings(store, ReminderSettings(enabled=enabled, times=times, snooze_minutes=10))
    clock = clock if clock is not None else FixedClock(start)
    notifier = notifier if notifier is not None else FakeNotifier()
    hub = InAppReminders(store, clock=clock, notifier=notifier, zone=lambda: BERLIN,
                         insight_title=lambda day: "The two-minute rule", runner_factory=factory)
    return hub, store, clock, notifier


async def settle(turns: int = 20) -> None:
    """Let the runner do its pass (the notifier runs in a worker thread: real time, briefly)."""
    for _ in range(turns):
        await asyncio.sleep(0.005)


class Window:
    """What one open page hears from the hub."""

    def __init__(self) -> None:
        self.seen: list[Banner | None] = []

    def __call__(self, banner: Banner | None) -> None:
        self.seen.append(banner)


def test_the_banner_goes_to_every_window_and_a_closed_one_is_dropped():
    hub, store, clock, notifier = make()
    one, two = Window(), Window()

    def closed(_banner):
        raise RuntimeError("session closed")

    async def scenario():
        hub.subscribe(one)
        hub.subscribe(closed)
        hub.subscribe(two)
        await hub.start()
        await hub.start()  # idempotent: still one runner
        await settle()
        await hub.stop()

    run_async(scenario())
    assert [b.body for b in one.seen] == ["Read — The two-minute rule"]
    assert two.seen == one.seen
    assert hub.subscriber_count == 2
    assert hub.current is not None and hub.current.reminder_id == "read"
    assert notifier.sent == [("Stepwise", "Read — The two-minute rule")]
    assert load_settings(store)[0].last_fired == {"read": date(2025, 3, 10)}


def test_nothing_fires_while_no_window_is_open_and_it_is_not_lost():
    hub, store, clock, notifier = make()
    window = Window()

    async def scenario():
        await hub.start()
        await settle()
        assert hub.current is None and notifier.sent == []
        assert load_settings(store)[0].last_fired == {}  # not recorded: `remind` may still send it
        hub.subscribe(window)  # a tab opens: the held reminder goes out now
        await settle()
        await hub.stop()

    run_async(scenario())
    assert [b.reminder_id for b in window.seen] == ["read"]


def test_only_connected_windows_count_and_a_reconnect_brings_the_held_reminder():
    hub, store, clock, notifier = make()
    window = Window()
    connected = {"yes": False}

    def broken_check():
        raise RuntimeError("session gone")

    async def scenario():
        hub.subscribe(window, alive=lambda: connected["yes"])  # a phone tab in the background
        hub.subscribe(Window(), alive=broken_check)
        await hub.start()
        await settle()
        assert window.seen == [] and load_settings(store)[0].last_fired == {}
        connected["yes"] = True
        hub.wake()  # what the page's on_connect does
        await settle()
        await hub.stop()

    run_async(scenario())
    assert [b.reminder_id for b in window.seen] == ["read"]


def test_snooze_hides_it_everywhere_and_it_comes_back_after_the_snooze_length():
    hub, store, clock, notifier = make(times=(READ,))
    one, two = Window(), Window()

    async def scenario():
        hub.subscribe(one)
        hub.subscribe(two)
        await hub.start()
        await settle()
        await hub.snooze()
        await settle()
        assert one.seen[-1] is None and two.seen[-1] is None and hub.current is None
        settings = load_settings(store)[0]
        assert settings.snoozed_id == "read"
        clock.advance(timedelta(minutes=9))
        hub.wake()
        await settle()
        assert one.seen[-1] is None  # not yet
        clock.advance(timedelta(minutes=1))
        hub.wake()
        await settle()
        await hub.stop()

    run_async(scenario())
    assert [b.reminder_id if b else None for b in one.seen] == ["read", None, "read"]
    assert load_settings(store)[0].snoozed_id is None


def test_finishing_today_hides_the_banner_and_nothing_more_comes_today(real_store):
    clock = FixedClock(MONDAY_0805)
    practice = DailyPractice(real_store, (), clock)
    hub, store, clock, notifier = make(port=PracticeReminderPort(practice), clock=clock)
    practice.add_finish_listener(hub.today_finished)
    window = Window()

    async def scenario():
        hub.subscribe(window)
        await hub.start()
        await settle()
        practice.finish("escaping-the-build-trap-5")
        await settle()
        clock.set(datetime(2025, 3, 10, 20, 5, tzinfo=BERLIN))
        hub.wake()
        await settle()
        await hub.stop()

    run_async(scenario())
    assert [b.label if b else None for b in window.seen] == ["Read", None]
    assert "reflect" not in load_settings(store)[0].last_fired


def test_a_test_reminder_goes_out_like_a_real_one_but_records_nothing():
    hub, store, clock, notifier = make(enabled=False)
    window = Window()
    before = load_settings(store)[0]

    async def scenario():
        hub.subscribe(window)
        await hub.start()
        banner = await hub.send_test()
        assert banner.test and banner.delivery.delivered
        await hub.snooze(banner)  # Snooze on a test banner only hides it
        await hub.stop()

    run_async(scenario())
    assert notifier.sent == [("Stepwise", TEST_BODY)]
    assert [b.test if b else None for b in window.seen] == [True, None]
    assert load_settings(store)[0] == before


def test_dismiss_hides_the_banner():
    hub, store, clock, notifier = make()
    window = Window()

    async def scenario():
        hub.subscribe(window)
        await hub.start()
        await settle()
        hub.dismiss()
        hub.dismiss()  # nothing shown: nobody is told again
        await hub.stop()

    run_async(scenario())
    assert [b.label if b else None for b in window.seen] == ["Read", None]


def test_health_and_sending_run_off_the_event_loop():
    threads = []

    class SlowNotifier(FakeNotifier):
        def health(self):
            threads.append(threading.current_thread())
            return super().health()

        def send(self, title, body):
            threads.append(threading.current_thread())
            return super().send(title, body)

    hub, store, clock, notifier = make(notifier=SlowNotifier(can_fire=False, reason="no bus"))

    async def scenario():
        health = await hub.health()
        banner = await hub.send_test()
        return health, banner

    health, banner = run_async(scenario())
    assert (health.can_fire, health.reason) == (False, "no bus")
    assert not banner.delivery.delivered and banner.delivery.detail == "no bus"
    assert threads and all(t is not threading.main_thread() for t in threads)


def test_a_broken_health_check_says_so():
    class Broken(FakeNotifier):
        def health(self):
            raise OSError("dbus-send crashed")

    hub, *_ = make(notifier=Broken())
    health = run_async(hub.health())
    assert not health.can_fire and "dbus-send crashed" in health.reason


def test_wake_from_another_thread_reaches_the_loop():
    hub, store, clock, notifier = make(enabled=False, times=(READ,))
    window = Window()

    async def scenario():
        hub.subscribe(window)
        await hub.start()
        await settle()
        save_settings(store, ReminderSettings(enabled=True, times=(READ,)))
        thread = threading.Thread(target=hub.wake)
        thread.start()
        thread.join()
        for _ in range(50):
            await asyncio.sleep(0.01)
            if window.seen:
                break
        await hub.stop()

    run_async(scenario())
    assert [b.label for b in window.seen] == ["Read"]
    assert hub.runner is None  # stopped


def test_wake_and_stop_before_start_do_nothing():
    hub, *_ = make()
    hub.wake()
    run_async(hub.stop())
    assert not hub.started


def test_describe_next():
    hub, store, clock, notifier = make(start=datetime(2025, 3, 10, 7, 0, tzinfo=BERLIN))
    assert hub.describe_next() == "Next reminder: today at 08:00 (Read)."
    clock.set(MONDAY_0805)
    assert hub.describe_next() == "Read is due now."
    store.finish(date(2025, 3, 10), "x")
    assert hub.describe_next() == "Next reminder: tomorrow at 08:00 (Read)."
    save_settings(store, ReminderSettings(enabled=False))
    assert hub.describe_next() == "Reminders are off."
    save_settings(store, ReminderSettings(enabled=True, times=()))
    assert hub.describe_next() == "No reminder times: add one below."


def test_describe_moment_names_the_day():
    now = datetime(2025, 3, 10, 9, 0, tzinfo=BERLIN)  # a Monday
    assert describe_moment(datetime(2025, 3, 10, 20, 0, tzinfo=BERLIN), now, BERLIN) == "today at 20:00"
    assert describe_moment(datetime(2025, 3, 11, 8, 0, tzinfo=BERLIN), now, BERLIN) == "tomorrow at 08:00"
    assert describe_moment(datetime(2025, 3, 14, 8, 0, tzinfo=BERLIN), now, BERLIN) == "Friday at 08:00"


def test_finish_listeners_are_called_and_cannot_break_finishing(real_store):
    store = real_store
    practice = DailyPractice(store, (), FixedClock(MONDAY_0805))
    calls = []

    def broken():
        raise RuntimeError("listener bug")

    practice.add_finish_listener(broken)
    remove = practice.add_finish_listener(lambda: calls.append("woken"))
    summary = practice.finish("insight")
    assert calls == ["woken"]
    assert summary.current == 1 and store.practice.finished(date(2025, 3, 10))
    remove()
    practice.finish("insight")
    assert calls == ["woken"]
