"""The user's library choices, kept as settings (no data file of their own).

Keys in settings.json:

    library_following  str                 the followed book's id
    library_pace       "daily" | "stay"    how fast the path moves
    library_moved_on   [insight id, ...]   insights the user moved on from (pace "stay")
    library_swaps      {"YYYY-MM-DD": id}  insights swapped in for a day; the last 60 days are kept
    library_themes     [theme id, ...]     what the user wants to get better at (first run)
    first_run_done     bool                the welcome screens were gone through (or skipped)

Reads are defensive: a value of the wrong type (an old or hand-edited file)
reads as unset and never raises; writes check their arguments.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from library.path import PACES, PathState

FOLLOWING = "library_following"
PACE = "library_pace"
MOVED_ON = "library_moved_on"
SWAPS = "library_swaps"
THEMES = "library_themes"
FIRST_RUN_DONE = "first_run_done"
KEYS: tuple[str, ...] = (FOLLOWING, PACE, MOVED_ON, SWAPS, THEMES, FIRST_RUN_DONE)

#: Swaps older than this many days before the newest one are dropped when a swap is stored.
KEEP_SWAP_DAYS = 60


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str) and v]


def _swaps(value: Any) -> dict[date, str]:
    if not isinstance(value, dict):
        return {}
    swaps = {}
    for key, insight_id in value.items():
        try:
            day = date.fromisoformat(key)
        except (TypeError, ValueError):
            continue
        if isinstance(insight_id, str) and insight_id:
            swaps[day] = insight_id
    return swaps


def _require_id(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{what} must be a non-empty str, got {value!r}")
    return value


class LibraryState:
    """The library keys of one user's settings (storage.settings.Settings or anything with get/set/all)."""

    def __init__(self, settings) -> None:
        self.settings = settings

    # --- reading ------------------------------------------------------------
    def following(self) -> str | None:
        return _text(self.settings.get(FOLLOWING))

    def pace(self) -> str:
        value = self.settings.get(PACE)
        return value if value in PACES else "daily"

    def moved_on(self) -> frozenset[str]:
        return frozenset(_texts(self.settings.get(MOVED_ON)))

    def swaps(self) -> dict[date, str]:
        return _swaps(self.settings.get(SWAPS))

    def path(self) -> PathState:
        return PathState(following=self.following(), pace=self.pace(),
                         moved_on=self.moved_on(), swaps=self.swaps())

    def themes(self) -> list[str]:
        return list(dict.fromkeys(_texts(self.settings.get(THEMES))))

    def first_run_done(self) -> bool:
        return self.settings.get(FIRST_RUN_DONE) is True

    def is_set(self) -> bool:
        """Any library key stored (whatever its value): the user has met the Library before."""
        stored = self.settings.all()
        return any(key in stored for key in KEYS)

    # --- writing ------------------------------------------------------------
    def follow(self, book_id: str) -> None:
        self.settings.set(FOLLOWING, _require_id(book_id, "book id"))

    def set_pace(self, pace: str) -> None:
        if pace not in PACES:
            raise ValueError(f"pace must be one of {', '.join(PACES)}, got {pace!r}")
        self.settings.set(PACE, pace)

    def move_on(self, insight_id: str) -> None:
        _require_id(insight_id, "insight id")
        ids = _texts(self.settings.get(MOVED_ON))
        if insight_id not in ids:
            self.settings.set(MOVED_ON, ids + [insight_id])

    def swap(self, day: date, insight_id: str) -> None:
        """Practise `insight_id` on `day` instead; swaps more than 60 days older than `day` are dropped."""
        if not isinstance(day, date):
            raise ValueError(f"day must be a date, got {day!r}")
        _require_id(insight_id, "insight id")
        oldest = day - timedelta(days=KEEP_SWAP_DAYS)
        kept = {d: i for d, i in self.swaps().items() if d > oldest}
        kept[day] = insight_id
        self.settings.set(SWAPS, {d.isoformat(): i for d, i in sorted(kept.items())})

    def set_themes(self, theme_ids: list[str]) -> None:
        ids = [_require_id(t, "theme id") for t in theme_ids]
        self.settings.set(THEMES, list(dict.fromkeys(ids)))

    def set_first_run_done(self, done: bool = True) -> None:
        if not isinstance(done, bool):
            raise ValueError(f"first_run_done must be a bool, got {done!r}")
        self.settings.set(FIRST_RUN_DONE, done)
