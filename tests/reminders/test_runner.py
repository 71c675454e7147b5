"""The in-app reminder loop, with a fixed clock and a fake sleep that moves it."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from habit.clock import FixedClock
from reminders.runner import Banner, ReminderRunner
from reminders.settings import ReminderSettings, ReminderTime, load_settings, save_settings
from reminders.memory import MemoryReminderPort
from tests.helpers.reminders import FakeNotifier, run_async

BERLIN = ZoneInfo("Europe/Berlin")
READ = ReminderTime("read", "08:00", (0, 1, 2, 3, 4, 5, 6), "Read")
REFLECT = ReminderTime("reflect", "20:00", (0, 1, 2, 3, 4, 5, 6), "Reflect")


class FakeSleep:
    """Instead of waiting, move the clock on by the requested time."""

    def __init__(self, clock: FixedClock) -> None:
        self.clock = clock
        self.requests: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.requests.append(seconds)
        self.clock.advance(timedelta(seconds=seconds))
        await asyncio.sleep(0)


def make(store, start, notifier=None, banners=None, insight=lambda day: "The two-minute rule"):
    clock = FixedClock(start)
    sleep = FakeSleep(clock)
    banners = [] if banners is None else banners
    runner = ReminderRunner.for_port(
        store, clock=clock, notifier=notifier if notifier is not None else FakeNotifier(),
        on_banner=banners.append, zone=lambda: BERLIN, insight_title=insight, sleep=sleep,
    )
    return runner, clock, sleep, banners


def enabled_store(*times, **kw) -> MemoryReminderPort:
    store = MemoryReminderPort()
    save_settings(store, ReminderSettings(enabled=True, times=times or (READ, REFLECT), **kw))
    return store


def run(coro):
    return run_async(coro)


def test_fires_notifier_and_banner_and_records_it():
    store = enabled_store()
    notifier = FakeNotifier()
    runner, clock, sleep, banners = make(store, datetime(2025, 3, 10, 7, 58, tzinfo=BERLIN), notifier)
    run(runner.run(passes=3))
    assert notifier.sent == [("Stepwise", "Read — The two-minute rule")]
    assert len(banners) == 1
    b = banners[0]
    assert isinstance(b, Banner)
    assert (b.title, b.body, b.reminder_id, b.label, b.day) == (
        "Stepwise", "Read — The two-minute rule", "read", "Read", date(2025, 3, 10))
    assert b.delivery.delivered
    settings, _ = load_settings(store)
    assert settings.last_fired == {"read": date(2025, 3, 10)}
    # Slept until 08:00 (120 s, capped at 60 per sleep), then towards 20:00 in 60 s steps.
    assert sleep.requests[:2] == [60.0, 60.0]
    assert all(0 < s <= 60 for s in sleep.requests)


def test_a_day_of_passes_fires_each_reminder_once():
    store = enabled_store()
    notifier = FakeNotifier()
    runner, clock, sleep, banners = make(store, datetime(2025, 3, 10, 0, 0, tzinfo=BERLIN), notifier)
    run(runner.run(passes=2 * 24 * 60 + 10))
    assert [b.label for b in banners] == ["Read", "Reflect", "Read", "Reflect"]
    fired_at = [f.due[0].at for f in runner.fired]
    assert fired_at[0] == datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN)


def test_nothing_once_practice_is_done():
    store = enabled_store()
    store.finish(date(2025, 3, 10), "habit-1")
    notifier = FakeNotifier()
    runner, clock, sleep, banners = make(store, datetime(2025, 3, 10, 7, 59, tzinfo=BERLIN), notifier)
    run(runner.run(passes=30))
    assert banners == [] and notifier.sent == []


def test_practice_day_uses_the_day_start_hour():
    store = enabled_store(ReminderTime("late", "01:00", READ.weekdays, "Reflect"))
    store.day_start_hour = 3
    # Finished "Monday" at 00:30 on Tuesday: with day start 03:00 that is still Monday's practice.
    store.finish(date(2025, 3, 10), "x")
    runner, clock, sleep, banners = make(store, datetime(2025, 3, 11, 1, 0, tzinfo=BERLIN))
    run(runner.run(passes=1))
    assert banners == []


def test_not_delivered_desktop_notification_still_shows_the_banner():
    store = enabled_store()
    notifier = FakeNotifier(can_fire=False, reason="no session bus")
    runner, clock, sleep, banners = make(store, datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN), notifier)
    run(runner.run(passes=2))
    assert len(banners) == 1 and not banners[0].delivery.delivered
    assert banners[0].delivery.detail == "no session bus"
    assert load_settings(store)[0].last_fired == {"read": date(2025, 3, 10)}


def test_without_a_notifier_banner_only_and_async_banner_is_awaited():
    store = enabled_store()
    seen = []

    async def banner(b):
        await asyncio.sleep(0)
        seen.append(b.label)

    clock = FixedClock(datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN))
    runner = ReminderRunner.for_port(store, clock=clock, on_banner=banner, zone=lambda: BERLIN,
                                      insight_title=lambda d: None, sleep=FakeSleep(clock))
    run(runner.run(passes=1))
    assert seen == ["Read"]
    assert runner.fired[0].banner.delivery is None
    assert runner.fired[0].banner.body == "Read — time for today's step"


def test_failing_banner_or_insight_lookup_does_not_stop_reminders():
    store = enabled_store()

    def bad_banner(b):
        raise RuntimeError("ui gone")

    def bad_insight(day):
        raise RuntimeError("no content")

    notifier = FakeNotifier()
    clock = FixedClock(datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN))
    runner = ReminderRunner.for_port(store, clock=clock, notifier=notifier, on_banner=bad_banner,
                                      zone=lambda: BERLIN, insight_title=bad_insight, sleep=FakeSleep(clock))
    run(runner.run(passes=1))
    assert notifier.sent == [("Stepwise", "Read — time for today's step")]


def test_a_failing_pass_is_logged_and_the_loop_goes_on():
    store = enabled_store()
    calls = {"n": 0}
    real_read = store.read_settings

    def flaky_read():
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("disk hiccup")
        return real_read()

    store.read_settings = flaky_read
    runner, clock, sleep, banners = make(store, datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN))
    run(runner.run(passes=2))
    assert sleep.requests[0] == 60.0
    assert [b.label for b in banners] == ["Read"]


def test_settings_changes_are_picked_up_and_wake_interrupts_the_sleep():
    store = MemoryReminderPort()  # reminders off
    clock = FixedClock(datetime(2025, 3, 10, 8, 30, tzinfo=BERLIN))
    banners: list[Banner] = []
    slept = []

    async def real_short_sleep(seconds):  # a real (scaled down) sleep, so wake() has something to cut short
        slept.append(seconds)
        await asyncio.sleep(seconds / 100)

    runner = ReminderRunner.for_port(store, clock=clock, notifier=FakeNotifier(), on_banner=banners.append,
                                      zone=lambda: BERLIN, insight_title=lambda d: None, sleep=real_short_sleep)

    async def scenario():
        task = runner.start()
        await asyncio.sleep(0.05)
        assert banners == []  # off: nothing
        save_settings(store, ReminderSettings(enabled=True, times=(READ,)))
        runner.wake()  # the settings screen saved: check again now, not in up to 60 s
        for _ in range(50):
            await asyncio.sleep(0.01)
            if banners:
                break
        await runner.stop()
        assert task.done()

    run(scenario())
    assert [b.label for b in banners] == ["Read"]
    assert slept and slept[0] == 60.0


def test_snooze_from_the_banner_brings_it_back():
    store = enabled_store(READ, snooze_minutes=10)
    runner, clock, sleep, banners = make(store, datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN))

    async def scenario():
        await runner.run(passes=1)
        assert [b.label for b in banners] == ["Read"]
        clock.advance(timedelta(minutes=1))
        settings = await runner.snooze("read")
        assert settings.snoozed_until == datetime(2025, 3, 10, 8, 11, tzinfo=BERLIN)
        await runner.run(passes=20)

    run(scenario())
    assert [b.label for b in banners] == ["Read", "Read"]
    assert runner.fired[1].due[0].snoozed
    assert runner.fired[1].due[0].at == datetime(2025, 3, 10, 8, 11, tzinfo=BERLIN)
    settings, _ = load_settings(store)
    assert settings.snoozed_until is None


def test_clock_jump_forward_is_noticed_within_a_minute():
    store = enabled_store(READ)
    runner, clock, sleep, banners = make(store, datetime(2025, 3, 10, 6, 0, tzinfo=BERLIN))
    fired, delay = run(runner.check_once())
    assert fired is None and delay == 60.0  # two hours to go, but look again in a minute
    clock.set(datetime(2025, 3, 10, 9, 30, tzinfo=BERLIN))  # woke from suspend
    fired, delay = run(runner.check_once())
    assert [b.label for b in banners] == ["Read"]


def test_sleep_is_never_longer_than_a_minute_nor_busy():
    store = enabled_store(READ)
    runner, clock, sleep, banners = make(store, datetime(2025, 3, 10, 7, 59, 59, 500000, tzinfo=BERLIN))
    fired, delay = run(runner.check_once())
    assert fired is None and delay == 1.0  # half a second to go: at least 1 s, never a busy loop
    clock.set(datetime(2025, 3, 10, 9, 0, tzinfo=BERLIN))
    fired, delay = run(runner.check_once())
    assert fired is not None and delay == 60.0


def test_an_edit_saved_while_firing_is_kept():
    store = enabled_store(READ, REFLECT)

    def settings_screen_saves_meanwhile(banner):
        from reminders.settings import update_settings

        update_settings(store, lambda s: replace(s, snooze_minutes=30))

    clock = FixedClock(datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN))
    runner = ReminderRunner.for_port(store, clock=clock, on_banner=settings_screen_saves_meanwhile,
                                      zone=lambda: BERLIN, insight_title=lambda d: None, sleep=FakeSleep(clock))
    run(runner.check_once())
    settings, _ = load_settings(store)
    assert settings.snooze_minutes == 30
    assert settings.last_fired == {"read": date(2025, 3, 10)}


def test_waits_while_another_process_holds_the_reminder_lock(tmp_path):
    from reminders.lock import ReminderLock

    store = enabled_store(READ)
    store.data_dir = tmp_path
    other = ReminderLock.for_port(store)
    assert other.try_acquire()
    runner, clock, sleep, banners = make(store, datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN))
    try:
        assert run(runner.check_once()) == (None, 2.0)
        assert banners == []
    finally:
        other.release()
    fired, _ = run(runner.check_once())
    assert fired is not None and [b.label for b in banners] == ["Read"]


def test_with_the_real_store(tmp_path):
    storage = pytest.importorskip("storage")
    if not hasattr(storage, "Store"):
        pytest.skip("storage.Store has not landed yet")
    from daily.practice import DailyPractice
    from daily.reminder_port import PracticeReminderPort

    store = storage.Store.open(tmp_path / "data")
    try:
        port = PracticeReminderPort(DailyPractice(store, (), FixedClock(datetime(2025, 3, 10, 7, 59, tzinfo=BERLIN))))
        save_settings(port, ReminderSettings(enabled=True, times=(READ, REFLECT)))
        notifier = FakeNotifier()
        runner, clock, sleep, banners = make(port, datetime(2025, 3, 10, 7, 59, tzinfo=BERLIN), notifier)
        run(runner.run(passes=5))
        assert [b.label for b in banners] == ["Read"]
        store.practice.mark_finished("x", date(2025, 3, 10), clock.now())
        clock.set(datetime(2025, 3, 10, 20, 30, tzinfo=BERLIN))
        run(runner.run(passes=3))
        assert [b.label for b in banners] == ["Read"]  # practice done: no Reflect tonight
        assert (tmp_path / "data" / "reminders.lock").exists()
    finally:
        store.close()
    again = storage.Store.open(tmp_path / "data")
    try:
        port = PracticeReminderPort(DailyPractice(again, (), FixedClock(datetime(2025, 3, 10, 21, tzinfo=BERLIN))))
        assert load_settings(port)[0].last_fired == {"read": date(2025, 3, 10)}
    finally:
        again.close()
