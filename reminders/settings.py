"""The reminder settings: one JSON dict, kept by the app (the `reminders` setting) behind the port.

Schema (version 1), as `to_dict()` writes it::

    {
      "version": 1,
      "enabled": false,                       # opt-in: nothing fires until the user turns it on
      "times": [                              # each reminder, at most MAX_TIMES
        {"id": "read", "time": "08:00", "weekdays": [0, 1, 2, 3, 4, 5, 6], "label": "Read"},
        {"id": "reflect", "time": "20:00", "weekdays": [0, 1, 2, 3, 4, 5, 6], "label": "Reflect"}
      ],
      "snooze_minutes": 10,                   # 1..240
      "snoozed_until": null,                  # aware ISO datetime, or null
      "snoozed_id": null,                     # the reminder id that was snoozed, or null
      "last_fired": {"read": "2025-03-10"}    # reminder id -> last local date it fired
    }

`time` is a wall-clock "HH:MM" in the user's local zone; `weekdays` uses
Monday=0 .. Sunday=6. `last_fired` is the log that stops a reminder firing
twice for one date (also across processes: the app's runner and the
`remind` command read and write the same record).

Two ways in:
- `ReminderSettings.from_dict(data)` is strict: anything invalid raises
  `ReminderSettingsError` with a message a settings screen can show.
- `parse_settings(data)` is lenient, for data read back from disk: it keeps
  what is valid, falls back to defaults for the rest and returns the
  problems found, so one bad field never switches reminders off silently
  without saying so.

Pure: no TinyDB, no Flet. `load_settings` / `save_settings` / `update_settings`
take a `reminders.port.ReminderPort` (its `read_settings()` / `write_settings(data)`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from habit.dates import parse_day, parse_moment

if TYPE_CHECKING:
    from reminders.port import ReminderPort

SCHEMA_VERSION = 1
DEFAULT_SNOOZE_MINUTES = 10
MIN_SNOOZE_MINUTES = 1
MAX_SNOOZE_MINUTES = 240
MAX_TIMES = 12
MAX_LABEL = 40
MAX_ID = 40
ALL_WEEKDAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)

_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ReminderSettingsError(ValueError):
    """Invalid reminder settings; the message is fit to show to the user."""


@dataclass(frozen=True)
class ReminderTime:
    """One reminder: a wall-clock time on some weekdays, with a label."""

    id: str
    time: str  # "HH:MM", local wall clock
    weekdays: tuple[int, ...] = ALL_WEEKDAYS  # Monday=0 .. Sunday=6
    label: str = "Read"

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise ReminderSettingsError("a reminder needs an id")
        if len(self.id) > MAX_ID:
            raise ReminderSettingsError(f"reminder id is longer than {MAX_ID} characters")
        object.__setattr__(self, "id", self.id.strip())
        if not isinstance(self.time, str) or not _TIME_RE.match(self.time):
            raise ReminderSettingsError(
                f"reminder time must be HH:MM between 00:00 and 23:59, got {self.time!r}"
            )
        days = self.weekdays
        if isinstance(days, (str, bytes)) or not hasattr(days, "__iter__"):
            raise ReminderSettingsError("weekdays must be a list of numbers 0 (Monday) to 6 (Sunday)")
        days = list(days)
        for d in days:
            if isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6:
                raise ReminderSettingsError(
                    f"weekdays must be numbers 0 (Monday) to 6 (Sunday), got {d!r}"
                )
        if not days:
            raise ReminderSettingsError(f"reminder {self.label!r} has no weekdays: pick at least one day")
        object.__setattr__(self, "weekdays", tuple(sorted(set(days))))
        if not isinstance(self.label, str) or not self.label.strip():
            raise ReminderSettingsError("a reminder needs a label, e.g. 'Read' or 'Reflect'")
        if len(self.label.strip()) > MAX_LABEL:
            raise ReminderSettingsError(f"reminder label is longer than {MAX_LABEL} characters")
        object.__setattr__(self, "label", self.label.strip())

    @property
    def clock_time(self) -> time:
        hours, minutes = self.time.split(":")
        return time(int(hours), int(minutes))

    @classmethod
    def from_dict(cls, data: Any) -> ReminderTime:
        if not isinstance(data, Mapping):
            raise ReminderSettingsError(f"a reminder must be an object, got {type(data).__name__}")
        unknown = set(data) - {"id", "time", "weekdays", "label"}
        if unknown:
            raise ReminderSettingsError(f"unknown reminder field(s): {', '.join(sorted(map(str, unknown)))}")
        if "time" not in data:
            raise ReminderSettingsError("a reminder needs a time (HH:MM)")
        return cls(
            id=data.get("id", ""),
            time=data["time"],
            weekdays=data.get("weekdays", ALL_WEEKDAYS),
            label=data.get("label", "Read"),
        )

    def to_dict(self) -> dict:
        return {"id": self.id, "time": self.time, "weekdays": list(self.weekdays), "label": self.label}


DEFAULT_TIMES: tuple[ReminderTime, ...] = (
    ReminderTime(id="read", time="08:00", weekdays=ALL_WEEKDAYS, label="Read"),
    ReminderTime(id="reflect", time="20:00", weekdays=ALL_WEEKDAYS, label="Reflect"),
)


def _parse_date(value: Any, what: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    day = parse_day(value)
    if day is not None:
        return day
    raise ReminderSettingsError(f"{what} must be a date YYYY-MM-DD, got {value!r}")


def _parse_moment(value: Any, what: str) -> datetime:
    moment = parse_moment(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        raise ReminderSettingsError(f"{what} must be an ISO date-time, got {value!r}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ReminderSettingsError(f"{what} must carry a UTC offset, got {value!r}")
    return moment


@dataclass(frozen=True)
class ReminderSettings:
    """Everything the reminder rules need; immutable, change with `dataclasses.replace`."""

    enabled: bool = False
    times: tuple[ReminderTime, ...] = DEFAULT_TIMES
    snooze_minutes: int = DEFAULT_SNOOZE_MINUTES
    snoozed_until: datetime | None = None  # aware
    snoozed_id: str | None = None
    last_fired: Mapping[str, date] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.enabled, bool):
            raise ReminderSettingsError(f"enabled must be true or false, got {self.enabled!r}")
        times = self.times
        if isinstance(times, (str, bytes, Mapping)) or not hasattr(times, "__iter__"):
            raise ReminderSettingsError("times must be a list of reminders")
        times = tuple(times)
        if len(times) > MAX_TIMES:
            raise ReminderSettingsError(f"at most {MAX_TIMES} reminder times")
        seen: set[str] = set()
        for t in times:
            if not isinstance(t, ReminderTime):
                raise ReminderSettingsError("times must hold ReminderTime values")
            if t.id in seen:
                raise ReminderSettingsError(f"two reminders share the id {t.id!r}")
            seen.add(t.id)
        object.__setattr__(self, "times", times)
        minutes = self.snooze_minutes
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise ReminderSettingsError(f"snooze minutes must be a whole number, got {minutes!r}")
        if not MIN_SNOOZE_MINUTES <= minutes <= MAX_SNOOZE_MINUTES:
            raise ReminderSettingsError(
                f"snooze minutes must be {MIN_SNOOZE_MINUTES}..{MAX_SNOOZE_MINUTES}, got {minutes}"
            )
        if self.snoozed_until is not None:
            object.__setattr__(self, "snoozed_until", _parse_moment(self.snoozed_until, "snoozed_until"))
        if (self.snoozed_until is None) != (self.snoozed_id is None):
            raise ReminderSettingsError("snoozed_until and snoozed_id go together")
        if self.snoozed_id is not None and not isinstance(self.snoozed_id, str):
            raise ReminderSettingsError("snoozed_id must be a reminder id")
        if not isinstance(self.last_fired, Mapping):
            raise ReminderSettingsError("last_fired must map reminder ids to dates")
        fired = {}
        for key, value in self.last_fired.items():
            if not isinstance(key, str):
                raise ReminderSettingsError(f"last_fired keys must be reminder ids, got {key!r}")
            fired[key] = _parse_date(value, f"last_fired[{key!r}]")
        object.__setattr__(self, "last_fired", MappingProxyType(fired))

    # --- lookups -------------------------------------------------------
    def reminder(self, reminder_id: str) -> ReminderTime | None:
        for t in self.times:
            if t.id == reminder_id:
                return t
        return None

    @property
    def snooze_length(self) -> timedelta:
        return timedelta(minutes=self.snooze_minutes)

    # --- (de)serialising ----------------------------------------------
    @classmethod
    def from_dict(cls, data: Any) -> ReminderSettings:
        """Strict: every field present must be valid; missing ones take defaults."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ReminderSettingsError(f"reminder settings must be an object, got {type(data).__name__}")
        version = data.get("version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise ReminderSettingsError(f"unsupported reminder settings version {version!r}")
        known = {"version", "enabled", "times", "snooze_minutes", "snoozed_until", "snoozed_id", "last_fired"}
        unknown = set(data) - known
        if unknown:
            raise ReminderSettingsError(f"unknown reminder setting(s): {', '.join(sorted(map(str, unknown)))}")
        kwargs: dict[str, Any] = {}
        if "enabled" in data:
            kwargs["enabled"] = data["enabled"]
        if "times" in data:
            raw = data["times"]
            if not isinstance(raw, list):
                raise ReminderSettingsError("times must be a list of reminders")
            kwargs["times"] = tuple(ReminderTime.from_dict(t) for t in raw)
        if "snooze_minutes" in data:
            kwargs["snooze_minutes"] = data["snooze_minutes"]
        if data.get("snoozed_until") is not None:
            kwargs["snoozed_until"] = _parse_moment(data["snoozed_until"], "snoozed_until")
        if data.get("snoozed_id") is not None:
            kwargs["snoozed_id"] = data["snoozed_id"]
        if data.get("last_fired") is not None:
            kwargs["last_fired"] = data["last_fired"]
        return cls(**kwargs)

    def to_dict(self) -> dict:
        """JSON-ready (plain str/int/bool/list/dict), accepted back by `from_dict`."""
        return {
            "version": SCHEMA_VERSION,
            "enabled": self.enabled,
            "times": [t.to_dict() for t in self.times],
            "snooze_minutes": self.snooze_minutes,
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
            "snoozed_id": self.snoozed_id,
            "last_fired": {k: v.isoformat() for k, v in sorted(self.last_fired.items())},
        }

    # --- small edits the app makes -------------------------------------
    def with_times(self, times: list[ReminderTime] | tuple[ReminderTime, ...]) -> ReminderSettings:
        """Replace the reminder list; drops log entries and snoozes of removed ids."""
        ids = {t.id for t in times}
        fired = {k: v for k, v in self.last_fired.items() if k in ids}
        snooze = {}
        if self.snoozed_id is not None and self.snoozed_id not in ids:
            snooze = {"snoozed_until": None, "snoozed_id": None}
        return replace(self, times=tuple(times), last_fired=fired, **snooze)


def with_preferences(stored: ReminderSettings, edited: ReminderSettings) -> ReminderSettings:
    """The user's choices from `edited` (enabled, times, snooze length) on top of `stored`'s state.

    For a settings screen: `update_settings(store, lambda fresh: with_preferences(fresh, edited))`
    keeps the fired log and any snooze that changed while the screen was open.
    """
    merged = replace(stored, enabled=edited.enabled, snooze_minutes=edited.snooze_minutes)
    return merged.with_times(edited.times)


def parse_settings(data: Any) -> tuple[ReminderSettings, list[str]]:
    """Lenient read of stored data: keep what is valid, default the rest, say what was wrong."""
    problems: list[str] = []
    if data is None:
        return ReminderSettings(), problems
    try:
        return ReminderSettings.from_dict(data), problems
    except ReminderSettingsError as exc:
        problems.append(f"reminder settings: {exc}")
    if not isinstance(data, Mapping):
        problems.append("reminder settings were replaced by the defaults")
        return ReminderSettings(), problems

    base = ReminderSettings()
    enabled = data.get("enabled", base.enabled)
    if not isinstance(enabled, bool):
        enabled = base.enabled
    times: list[ReminderTime] = []
    raw_times = data.get("times", None)
    if raw_times is None:
        times = list(base.times)
    elif isinstance(raw_times, list):
        for raw in raw_times:
            try:
                t = ReminderTime.from_dict(raw)
            except ReminderSettingsError as exc:
                problems.append(f"a reminder was skipped: {exc}")
                continue
            if any(t.id == other.id for other in times):
                problems.append(f"a reminder was skipped: duplicate id {t.id!r}")
                continue
            times.append(t)
        times = times[:MAX_TIMES]
    snooze_minutes = data.get("snooze_minutes", base.snooze_minutes)
    if (isinstance(snooze_minutes, bool) or not isinstance(snooze_minutes, int)
            or not MIN_SNOOZE_MINUTES <= snooze_minutes <= MAX_SNOOZE_MINUTES):
        snooze_minutes = base.snooze_minutes
    snoozed_until, snoozed_id = None, None
    try:
        if data.get("snoozed_until") is not None and isinstance(data.get("snoozed_id"), str):
            snoozed_until = _parse_moment(data["snoozed_until"], "snoozed_until")
            snoozed_id = data["snoozed_id"]
    except ReminderSettingsError:
        snoozed_until, snoozed_id = None, None
    fired: dict[str, date] = {}
    raw_fired = data.get("last_fired")
    if isinstance(raw_fired, Mapping):
        for key, value in raw_fired.items():
            try:
                if isinstance(key, str):
                    fired[key] = _parse_date(value, "last_fired")
            except ReminderSettingsError:
                continue
    settings = ReminderSettings(
        enabled=enabled,
        times=tuple(times),
        snooze_minutes=snooze_minutes,
        snoozed_until=snoozed_until,
        snoozed_id=snoozed_id,
        last_fired=fired,
    )
    return settings, problems


def load_settings(port: ReminderPort) -> tuple[ReminderSettings, list[str]]:
    """Read the settings through the port (`port.read_settings()`), leniently."""
    return parse_settings(port.read_settings())


def save_settings(port: ReminderPort, settings: ReminderSettings) -> None:
    """Write the settings through the port (`port.write_settings`)."""
    port.write_settings(settings.to_dict())


def update_settings(port: ReminderPort, change: Callable[[ReminderSettings], ReminderSettings]) -> ReminderSettings:
    """Read the stored settings fresh, apply `change`, write the result back, return it.

    Use this rather than saving a copy held since earlier: the fired log and
    snooze change underneath (the runner, the `remind` command), and an old
    copy would bring back a reminder that already fired today.
    """
    current, _ = load_settings(port)
    updated = change(current)
    save_settings(port, updated)
    return updated


def utc(moment: datetime) -> datetime:
    """The same instant in UTC (aware). Comparisons go through this."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(timezone.utc)
