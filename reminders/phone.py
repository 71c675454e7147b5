"""The phone path: reminders scheduled with the phone's own OS, through flet-notifications.

On Android and iOS the app is not running most of the day, so the in-app
runner cannot fire anything. Instead the coming occurrences are handed to
the OS as one-shot scheduled local notifications (flet-notifications'
`LocalNotifications.schedule`), and replaced whenever they may have changed:

    from reminders import phone                       # phones only!
    service = phone.create_service()                  # once, inside the Flet app
    await phone.request_permission(service)           # when the user turns reminders on
    await phone.reschedule_port(service, port, clock.now(),
                                todays_insight_title=...)  # at start, on every settings change,
                                                           # and when today's practice is finished

One-shot occurrences rather than repeating ones, because a repeating OS
notification cannot skip "today, already practised"; the plan covers the
next 14 days and at most 48 notifications (iOS keeps only 64 pending per
app), so it keeps working for two weeks without the app being opened.

Never imported by the desktop or web paths (command, runner, notifier): a
test checks that `flet_notifications` and this module stay out of
`sys.modules` there. flet_notifications itself is imported lazily too, so
`plan()` can be used and tested without it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from reminders.message import compose
from reminders.schedule import upcoming
from reminders.settings import ReminderSettings
from reminders.zone import zone_name

if TYPE_CHECKING:
    from reminders.port import ReminderPort

PHONE_ID_BASE = 7000
HORIZON_DAYS = 14
MAX_PENDING = 48


@dataclass(frozen=True)
class PlannedNotification:
    """One OS-scheduled reminder."""

    id: int
    when: datetime  # aware: the exact instant (flet-notifications keeps the offset)
    title: str
    body: str
    payload: str  # JSON: {"reminder_id": ..., "day": "YYYY-MM-DD"}
    reminder_id: str
    label: str
    day: date


@dataclass
class RescheduleResult:
    scheduled: list[PlannedNotification] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    exact: bool = False


def plan(
    settings: ReminderSettings,
    now: datetime,
    zone: tzinfo,
    today_done: bool,
    *,
    todays_insight_title: str | None = None,
    days: int = HORIZON_DAYS,
    limit: int = MAX_PENDING,
) -> list[PlannedNotification]:
    """The notifications to hand to the OS, earliest first (pure: no Flet needed)."""
    today = now.astimezone(zone).date()
    planned = []
    for index, due in enumerate(upcoming(settings, now, zone, today_done, days=days, limit=limit)):
        title, body = compose(due.label, todays_insight_title if due.day == today else None)
        planned.append(PlannedNotification(
            id=PHONE_ID_BASE + index,
            when=due.at,
            title=title,
            body=body,
            payload=json.dumps({"reminder_id": due.reminder.id, "day": due.day.isoformat()}),
            reminder_id=due.reminder.id,
            label=due.label,
            day=due.day,
        ))
    return planned


def create_service(on_tap: Any = None) -> Any:
    """A `flet_notifications.LocalNotifications` service (call inside the running Flet app)."""
    from flet_notifications import LocalNotifications

    service = LocalNotifications()
    if on_tap is not None:
        service.on_tap = on_tap
    return service


async def request_permission(service: Any) -> bool:
    """Ask the OS for permission to notify (Android 13+ / iOS show a dialog)."""
    try:
        return bool(await service.request_permissions())
    except Exception:  # noqa: BLE001 - a refused or unsupported permission is a plain "no"
        return False


async def _schedule_mode(service: Any) -> tuple[Any, bool]:
    from flet_notifications import AndroidScheduleMode

    try:
        exact = bool(await service.can_schedule_exact_notifications())
    except Exception:  # noqa: BLE001 - not Android, or the probe failed: inexact is always allowed
        exact = False
    mode = AndroidScheduleMode.EXACT_ALLOW_WHILE_IDLE if exact else AndroidScheduleMode.INEXACT_ALLOW_WHILE_IDLE
    return mode, exact


async def reschedule(
    service: Any,
    settings: ReminderSettings,
    now: datetime,
    zone: tzinfo,
    today_done: bool,
    *,
    todays_insight_title: str | None = None,
) -> RescheduleResult:
    """Replace every pending OS reminder with the current plan.

    Cancels what is pending, then schedules `plan(...)`. Reminders turned
    off leave nothing scheduled. Failures are collected, not raised, so a
    settings screen can show them.
    """
    result = RescheduleResult()
    try:
        await service.cancel_pending()
    except Exception as exc:  # noqa: BLE001
        result.problems.append(f"could not clear scheduled reminders: {exc}")
    planned = plan(settings, now, zone, today_done, todays_insight_title=todays_insight_title)
    if not planned:
        return result
    mode, result.exact = await _schedule_mode(service)
    name = zone_name(zone)
    for item in planned:
        # Without an IANA zone name (only a fixed offset was found), hand over the
        # wall-clock time: the phone reads it in its own zone, DST included.
        when = item.when if name else item.when.replace(tzinfo=None)
        try:
            await service.schedule(
                id=item.id,
                when=when,
                title=item.title,
                body=item.body,
                payload=item.payload,
                schedule_mode=mode,
                time_zone=name,
            )
        except Exception as exc:  # noqa: BLE001
            result.problems.append(f"could not schedule {item.label} at {item.when.isoformat()}: {exc}")
            continue
        result.scheduled.append(item)
    return result


async def reschedule_port(
    service: Any,
    port: ReminderPort,
    now: datetime,
    zone: tzinfo | None = None,
    *,
    todays_insight_title: str | None = None,
) -> RescheduleResult:
    """`reschedule` with the settings and today's state read through a `reminders.port.ReminderPort`.

    Call at app start, after saving reminder settings, and after today's
    practice is finished (that drops the rest of today's reminders).
    """
    from reminders.settings import load_settings
    from reminders.zone import local_zone

    zone = local_zone() if zone is None else zone
    settings, problems = load_settings(port)
    result = await reschedule(service, settings, now, zone, port.is_done(now.astimezone(zone)),
                              todays_insight_title=todays_insight_title)
    result.problems[:0] = problems
    return result
