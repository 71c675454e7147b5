"""When reminders are due: plain functions, no Flet, no TinyDB, no clock reading.

Every function takes the current moment `now` (an aware datetime) and the
user's `zone` (a tzinfo, ideally a `zoneinfo.ZoneInfo` so daylight saving is
known). Instants are compared in UTC: Python compares two datetimes that
share a tzinfo by their wall clock alone, which is wrong across a DST
fall-back, so nothing here relies on that.

The rules:
- A reminder occurs on each of its weekdays at its wall-clock time.
  If that wall time does not exist (spring forward: 02:30 on the day clocks
  jump from 02:00 to 03:00) it occurs at the first valid instant after it
  (03:00). If it exists twice (fall back: 01:30 when clocks go from 03:00
  back to 02:00... or 02:00 back to 01:00) it occurs at the first one.
- It is due once its occurrence for today (the local date of `now`) has
  passed and it has not fired for today (or a later date: travel west) yet.
  A reminder missed earlier in the day (computer asleep) is still due later
  that day; yesterday's missed reminders are not.
- Nothing is due once today's practice is done.
- Snooze: `snooze()` sets a moment `snooze_minutes` ahead. Until then
  nothing fires (anything that falls due meanwhile waits); at that moment
  the snoozed reminder comes back, once. A snooze whose moment fell on an
  earlier local date than `now` is stale and ignored.
- `last_fired` (reminder id -> date) is the log that makes each reminder
  fire at most once per date, whichever process fires it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone, tzinfo

from reminders.settings import ReminderSettings, ReminderTime, utc

__all__ = [
    "Due",
    "due_now",
    "next_due",
    "next_occurrence",
    "occurrence",
    "pick",
    "record_fired",
    "snooze",
    "snooze_state",
    "upcoming",
]

_UTC = timezone.utc


@dataclass(frozen=True)
class Due:
    """One reminder occurrence: which reminder, for which local date, at which instant."""

    reminder: ReminderTime
    day: date  # the local date the occurrence belongs to
    at: datetime  # aware, in the user's zone; the instant it is (or was) due
    snoozed: bool = False  # True when it is a snoozed reminder coming back

    @property
    def label(self) -> str:
        return self.reminder.label


def _check(now: datetime, zone: tzinfo) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    if zone is None:
        raise ValueError("a time zone is needed")


def _wall(moment_utc: datetime, zone: tzinfo) -> datetime:
    """The naive local wall-clock time of an instant."""
    return moment_utc.astimezone(zone).replace(tzinfo=None, fold=0)


def occurrence(reminder: ReminderTime, day: date, zone: tzinfo) -> datetime:
    """The instant `reminder` occurs on local date `day`, as an aware datetime in `zone`.

    Skipped wall times (spring forward) map to the first valid instant after
    them; repeated wall times (fall back) map to the first of the two.
    """
    naive = datetime.combine(day, reminder.clock_time)
    first = naive.replace(tzinfo=zone, fold=0)
    earlier_utc = first.astimezone(_UTC)
    if _wall(earlier_utc, zone) == naive:
        return earlier_utc.astimezone(zone)  # exists (the first of two if repeated)
    # In a gap. fold=0 and fold=1 read the wall time with the offsets from
    # before and after the jump; the jump itself lies between the two instants.
    other_utc = naive.replace(tzinfo=zone, fold=1).astimezone(_UTC)
    lo, hi = sorted((earlier_utc, other_utc))
    if _wall(hi, zone) < naive or _wall(lo, zone) >= naive:
        # Not a tzinfo that follows PEP 495 gaps; fall back to the fold=0 reading.
        return earlier_utc.astimezone(zone)
    # Smallest whole second t in (lo, hi] whose wall time has passed `naive`.
    lo_s, hi_s = math.floor(lo.timestamp()), math.ceil(hi.timestamp())
    while hi_s - lo_s > 1:
        mid = (lo_s + hi_s) // 2
        if _wall(datetime.fromtimestamp(mid, _UTC), zone) >= naive:
            hi_s = mid
        else:
            lo_s = mid
    return datetime.fromtimestamp(hi_s, _UTC).astimezone(zone)


def _fired_for(fired: Mapping[str, date], reminder_id: str, day: date) -> bool:
    last = fired.get(reminder_id)
    return last is not None and last >= day


def _local_date(moment: datetime, zone: tzinfo) -> date:
    return moment.astimezone(zone).date()


def snooze_state(settings: ReminderSettings, now: datetime, zone: tzinfo) -> str | None:
    """'active' (waiting), 'back' (due to come back now), 'stale', or None (no snooze)."""
    _check(now, zone)
    if settings.snoozed_until is None or settings.snoozed_id is None:
        return None
    if settings.reminder(settings.snoozed_id) is None:
        return "stale"
    until = utc(settings.snoozed_until)
    now_utc = utc(now)
    if now_utc < until:
        return "active"
    if _local_date(now_utc, zone) == _local_date(until, zone):
        return "back"
    return "stale"


def due_now(
    settings: ReminderSettings,
    now: datetime,
    zone: tzinfo,
    today_done: bool,
    last_fired: Mapping[str, date] | None = None,
) -> list[Due]:
    """Everything that should fire at `now`, earliest first (usually zero or one).

    `last_fired` defaults to the log kept in the settings; pass another one
    to evaluate against a log kept elsewhere.
    """
    _check(now, zone)
    if not settings.enabled or today_done:
        return []
    fired = settings.last_fired if last_fired is None else last_fired
    state = snooze_state(settings, now, zone)
    if state == "active":
        return []
    now_utc = utc(now)
    today = _local_date(now_utc, zone)
    due: list[Due] = []
    for reminder in settings.times:
        if today.weekday() not in reminder.weekdays or _fired_for(fired, reminder.id, today):
            continue
        at = occurrence(reminder, today, zone)
        if utc(at) <= now_utc:
            due.append(Due(reminder, today, at))
    if state == "back":
        reminder = settings.reminder(settings.snoozed_id)  # type: ignore[arg-type]
        if reminder is not None and all(d.reminder.id != reminder.id for d in due):
            until = utc(settings.snoozed_until)  # type: ignore[arg-type]
            due.append(Due(reminder, _local_date(until, zone), until.astimezone(zone), snoozed=True))
    due.sort(key=lambda d: utc(d.at))
    return due


def pick(due: list[Due]) -> Due | None:
    """The one occurrence to announce when several are due at once: the latest.

    (Waking a laptop at 21:00 shows "Reflect", not "Read" and "Reflect";
    `record_fired` marks all of them as fired.)
    """
    if not due:
        return None
    return max(due, key=lambda d: utc(d.at))


def _candidates(
    settings: ReminderSettings,
    now: datetime,
    zone: tzinfo,
    today_done: bool,
    fired: Mapping[str, date],
    days: int,
) -> list[Due]:
    today = _local_date(now, zone)
    out: list[Due] = []
    for offset in range(days):
        day = today + timedelta(days=offset)
        if day == today and today_done:
            continue
        for reminder in settings.times:
            if day.weekday() not in reminder.weekdays or _fired_for(fired, reminder.id, day):
                continue
            out.append(Due(reminder, day, occurrence(reminder, day, zone)))
    return out


def next_occurrence(
    settings: ReminderSettings,
    now: datetime,
    zone: tzinfo,
    today_done: bool,
    last_fired: Mapping[str, date] | None = None,
) -> Due | None:
    """The next occurrence `due_now` would return, assuming nothing else changes.

    Its `at` may be at or before `now`: then it is due already. None when
    reminders are off or no reminder has a weekday.
    """
    _check(now, zone)
    if not settings.enabled:
        return None
    fired = settings.last_fired if last_fired is None else last_fired
    now_utc = utc(now)
    today = _local_date(now_utc, zone)
    candidates = _candidates(settings, now, zone, today_done, fired, days=8)
    # Today's occurrences already past count only while still unfired (kept
    # above); future days' are all in the future.
    state = snooze_state(settings, now, zone)
    if state == "active":
        until = utc(settings.snoozed_until)  # type: ignore[arg-type]
        reminder = settings.reminder(settings.snoozed_id)  # type: ignore[arg-type]
        held = []
        for c in candidates:
            if utc(c.at) < until:
                held.append(replace(c, at=until.astimezone(zone)))
            else:
                held.append(c)
        candidates = held
        if reminder is not None and not (today_done and _local_date(until, zone) == today):
            candidates.append(Due(reminder, _local_date(until, zone), until.astimezone(zone), snoozed=True))
    elif state == "back" and not today_done:
        return due_now(settings, now, zone, today_done, fired)[0]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (utc(c.at), c.snoozed is False))


def next_due(
    settings: ReminderSettings,
    now: datetime,
    zone: tzinfo,
    today_done: bool,
    last_fired: Mapping[str, date] | None = None,
) -> datetime | None:
    """The next moment something is due (in `zone`), or None. May be <= now: due already."""
    nxt = next_occurrence(settings, now, zone, today_done, last_fired)
    return nxt.at if nxt else None


def upcoming(
    settings: ReminderSettings,
    now: datetime,
    zone: tzinfo,
    today_done: bool,
    days: int = 14,
    limit: int | None = None,
) -> list[Due]:
    """Future occurrences (strictly after `now`) over the next `days` local dates, earliest first.

    For handing to an OS scheduler (the phone path): today's occurrences are
    left out once today's practice is done, an active snooze is included,
    and anything that falls during an active snooze is moved to its end.
    """
    _check(now, zone)
    if not settings.enabled:
        return []
    now_utc = utc(now)
    today = _local_date(now_utc, zone)
    found = [
        c for c in _candidates(settings, now, zone, today_done, settings.last_fired, days)
        if utc(c.at) > now_utc
    ]
    if snooze_state(settings, now, zone) == "active":
        until = utc(settings.snoozed_until)  # type: ignore[arg-type]
        reminder = settings.reminder(settings.snoozed_id)  # type: ignore[arg-type]
        found = [c for c in found if utc(c.at) >= until]  # swallowed by the snooze's return
        if reminder is not None and not (today_done and _local_date(until, zone) == today):
            found.append(Due(reminder, _local_date(until, zone), until.astimezone(zone), snoozed=True))
    found.sort(key=lambda c: utc(c.at))
    return found[:limit] if limit is not None else found


def record_fired(settings: ReminderSettings, fired: list[Due], now: datetime) -> ReminderSettings:
    """The settings after `fired` went out: log each date, clear a snooze that came back."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    log = dict(settings.last_fired)
    clear_snooze = False
    for due in fired:
        last = log.get(due.reminder.id)
        if last is None or last < due.day:
            log[due.reminder.id] = due.day
        if due.snoozed:
            clear_snooze = True
    changes: dict = {"last_fired": log}
    if clear_snooze:
        changes.update(snoozed_until=None, snoozed_id=None)
    return replace(settings, **changes)


def snooze(
    settings: ReminderSettings,
    reminder_id: str,
    now: datetime,
    minutes: int | None = None,
) -> ReminderSettings:
    """Bring `reminder_id` back `minutes` (default: the settings' snooze length) after `now`."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    if settings.reminder(reminder_id) is None:
        raise KeyError(reminder_id)
    length = settings.snooze_length if minutes is None else timedelta(minutes=minutes)
    if length <= timedelta(0):
        raise ValueError("snooze length must be positive")
    return replace(settings, snoozed_until=utc(now) + length, snoozed_id=reminder_id)


def clear_snooze(settings: ReminderSettings) -> ReminderSettings:
    return replace(settings, snoozed_until=None, snoozed_id=None)
