"""The user's time zone as a real IANA zone, so reminder times survive DST.

`datetime.now().astimezone()` only gives a fixed offset (e.g. +01:00), which
is wrong the day the clocks change. This finds the zone name instead:
`$TZ`, then the /etc/localtime link, then /etc/timezone. When none of them
names a known zone (Windows without tzdata, odd containers), it falls back
to the current fixed offset and says so through `zone_name()`.
"""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _try(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    name = name.strip()
    if name.startswith(":"):
        name = name[1:]
    if "/usr/share/zoneinfo/" in name:
        name = name.split("/usr/share/zoneinfo/", 1)[1]
    if not name or name.startswith("/"):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone_by_name(name: str) -> ZoneInfo:
    """A ZoneInfo by IANA name; ValueError with a readable message when unknown."""
    zone = _try(name)
    if zone is None:
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as Europe/Berlin)")
    return zone


def local_zone(environ: dict[str, str] | None = None) -> tzinfo:
    """The machine's local zone: a ZoneInfo when it can be named, else a fixed offset."""
    env = os.environ if environ is None else environ
    zone = _try(env.get("TZ"))
    if zone is not None:
        return zone
    localtime = Path("/etc/localtime")
    try:
        if localtime.is_symlink():
            target = os.readlink(localtime)
            marker = "zoneinfo/"
            if marker in target:
                zone = _try(target.split(marker, 1)[1])
                if zone is not None:
                    return zone
    except OSError:
        pass
    try:
        zone = _try(Path("/etc/timezone").read_text(encoding="utf-8").splitlines()[0])
        if zone is not None:
            return zone
    except (OSError, IndexError):
        pass
    return datetime.now().astimezone().tzinfo  # type: ignore[return-value]


def zone_name(zone: tzinfo) -> str | None:
    """The IANA name of a zone, or None for a fixed offset."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) else None
