"""The phone path: the plan handed to the OS, and rescheduling through a fake flet-notifications service."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from reminders.phone import MAX_PENDING, PHONE_ID_BASE, plan, reschedule, reschedule_port
from reminders.schedule import snooze
from reminders.settings import ReminderSettings, ReminderTime
from tests.helpers.reminders import run_async

BERLIN = ZoneInfo("Europe/Berlin")
READ = ReminderTime("read", "08:00", (0, 1, 2, 3, 4, 5, 6), "Read")
REFLECT = ReminderTime("reflect", "20:00", (0, 1, 2, 3, 4, 5, 6), "Reflect")
NIGHT = ReminderTime("night", "02:30", (6,), "Read")  # Sundays


def test_plan_is_one_shot_notifications_for_two_weeks():
    s = ReminderSettings(enabled=True, times=(READ, REFLECT))
    now = datetime(2025, 3, 10, 12, 0, tzinfo=BERLIN)
    planned = plan(s, now, BERLIN, False, todays_insight_title="The two-minute rule")
    assert len(planned) == 1 + 2 * 13  # tonight's Reflect, then 13 more days of both
    assert [p.id for p in planned] == list(range(PHONE_ID_BASE, PHONE_ID_BASE + len(planned)))
    first, second = planned[0], planned[1]
    assert (first.when, first.title, first.body) == (
        datetime(2025, 3, 10, 20, 0, tzinfo=BERLIN), "Stepwise", "Reflect — The two-minute rule")
    assert json.loads(first.payload) == {"reminder_id": "reflect", "day": "2025-03-10"}
    assert second.body == "Read — time for today's step"  # tomorrow's insight is not known yet
    assert all(p.when.tzinfo is not None for p in planned)


def test_plan_skips_today_once_done_and_keeps_dst_instants():
    s = ReminderSettings(enabled=True, times=(READ, NIGHT))
    now = datetime(2025, 3, 29, 7, 0, tzinfo=BERLIN)
    planned = plan(s, now, BERLIN, today_done=True)
    assert planned[0].when == datetime(2025, 3, 30, 3, 0, tzinfo=BERLIN)  # 02:30 doesn't exist that night
    assert planned[0].when.utcoffset().total_seconds() == 7200
    assert planned[1].when == datetime(2025, 3, 30, 8, 0, tzinfo=BERLIN)
    assert all(p.day != date(2025, 3, 29) for p in planned)


def test_plan_limits_and_off():
    many = tuple(ReminderTime(f"r{i}", f"{8 + i:02d}:00", READ.weekdays, "Read") for i in range(6))
    s = ReminderSettings(enabled=True, times=many)
    assert len(plan(s, datetime(2025, 3, 10, 0, 0, tzinfo=BERLIN), BERLIN, False)) == MAX_PENDING <= 64
    assert plan(replace(s, enabled=False), datetime(2025, 3, 10, tzinfo=BERLIN), BERLIN, False) == []


def test_plan_includes_a_snooze():
    s = snooze(ReminderSettings(enabled=True, times=(READ,)), "read", datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN))
    planned = plan(s, datetime(2025, 3, 10, 8, 1, tzinfo=BERLIN), BERLIN, False)
    assert planned[0].when == datetime(2025, 3, 10, 8, 10, tzinfo=BERLIN)


class FakeService:
    """The LocalNotifications calls reschedule makes, recorded."""

    def __init__(self, exact=True, fail_on=None):
        self.calls = []
        self.exact = exact
        self.fail_on = fail_on

    async def cancel_pending(self):
        self.calls.append(("cancel_pending",))

    async def can_schedule_exact_notifications(self):
        if isinstance(self.exact, Exception):
            raise self.exact
        return self.exact

    async def schedule(self, **kwargs):
        if self.fail_on is not None and kwargs["id"] == self.fail_on:
            raise RuntimeError("schedule_failed: alarm limit")
        self.calls.append(("schedule", kwargs))


def test_reschedule_cancels_then_schedules_the_plan():
    fn = pytest.importorskip("flet_notifications")
    s = ReminderSettings(enabled=True, times=(READ, REFLECT))
    now = datetime(2025, 3, 10, 12, 0, tzinfo=BERLIN)
    service = FakeService(exact=True)
    result = run_async(reschedule(service, s, now, BERLIN, False, todays_insight_title="T"))
    assert service.calls[0] == ("cancel_pending",)
    scheduled = [kw for name, *rest in service.calls[1:] for kw in rest]
    assert len(scheduled) == len(result.scheduled) == 27 and result.problems == [] and result.exact
    first = scheduled[0]
    assert first["id"] == PHONE_ID_BASE and first["when"] == datetime(2025, 3, 10, 20, 0, tzinfo=BERLIN)
    assert first["title"] == "Stepwise" and first["body"] == "Reflect — T"
    assert first["time_zone"] == "Europe/Berlin"
    assert first["schedule_mode"] is fn.AndroidScheduleMode.EXACT_ALLOW_WHILE_IDLE
    # The arguments are ones the real service accepts and serialises.
    from flet_notifications.scheduling import build_schedule_args

    args = build_schedule_args(id=first["id"], when=first["when"], title=first["title"], body=first["body"],
                               payload=first["payload"], actions=[], match_components=None,
                               schedule_mode=first["schedule_mode"], time_zone=first["time_zone"])
    assert args["when"] == {"iso": "2025-03-10T20:00:00+01:00", "utc_offset_seconds": 3600.0,
                            "time_zone": "Europe/Berlin"}


def test_reschedule_falls_back_to_inexact_and_collects_failures():
    fn = pytest.importorskip("flet_notifications")
    s = ReminderSettings(enabled=True, times=(READ,))
    service = FakeService(exact=RuntimeError("unsupported_platform"), fail_on=PHONE_ID_BASE + 1)
    result = run_async(reschedule(service, s, datetime(2025, 3, 10, 12, 0, tzinfo=BERLIN), BERLIN, False))
    modes = {kw["schedule_mode"] for name, *rest in service.calls[1:] for kw in rest}
    assert modes == {fn.AndroidScheduleMode.INEXACT_ALLOW_WHILE_IDLE}
    assert not result.exact
    assert result.problems == ["could not schedule Read at 2025-03-12T08:00:00+01:00: schedule_failed: alarm limit"]
    assert len(result.scheduled) == 12  # 13 days planned, one refused


def test_reschedule_with_reminders_off_only_cancels():
    service = FakeService()
    result = run_async(reschedule(service, ReminderSettings(enabled=False), datetime(2025, 3, 10, tzinfo=BERLIN),
                                    BERLIN, False))
    assert service.calls == [("cancel_pending",)] and result.scheduled == []


def test_flet_notifications_is_importable_with_this_flet():
    fn = pytest.importorskip("flet_notifications")
    import flet as ft

    from reminders.phone import create_service

    service = create_service()
    assert isinstance(service, fn.LocalNotifications) and isinstance(service, ft.Service)


def test_reschedule_port_reads_settings_and_todays_state():
    pytest.importorskip("flet_notifications")
    from reminders.memory import MemoryReminderPort
    from reminders.settings import save_settings

    store = MemoryReminderPort()
    save_settings(store, ReminderSettings(enabled=True, times=(READ, REFLECT)))
    now = datetime(2025, 3, 10, 12, 0, tzinfo=BERLIN)
    store.finish(date(2025, 3, 10), "x")
    service = FakeService()
    result = run_async(reschedule_port(service, store, now, BERLIN))
    assert result.scheduled[0].when == datetime(2025, 3, 11, 8, 0, tzinfo=BERLIN)  # tonight's dropped: done


def test_without_a_zone_name_the_phone_gets_wall_clock_times():
    pytest.importorskip("flet_notifications")
    from datetime import timedelta, timezone

    fixed = timezone(timedelta(hours=1))  # all that was found: an offset
    service = FakeService()
    run_async(reschedule(service, ReminderSettings(enabled=True, times=(READ,)),
                           datetime(2025, 3, 28, 12, 0, tzinfo=fixed), fixed, False))
    whens = [kw["when"] for name, *rest in service.calls[1:] for kw in rest]
    assert whens[0] == datetime(2025, 3, 29, 8, 0) and whens[0].tzinfo is None
    assert whens[2] == datetime(2025, 3, 31, 8, 0)  # after the DST change: still 08:00 on the phone
    assert {kw["time_zone"] for name, *rest in service.calls[1:] for kw in rest} == {None}
