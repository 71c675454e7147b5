"""The path: which insight of the followed book a day has, and where each insight stands.

The one rule for "today's insight" (`todays_insight_id`), in order:

1. a day that already has a finished insight keeps it (walking it again never
   moves the user on);
2. an insight swapped in for that day ("Practise this today instead") wins;
3. pace "daily": the first insight of the book that was neither finished on a
   day before it nor moved on;
4. pace "stay": the book's insight finished most recently before the day,
   unless the user moved on from it; otherwise as "daily";
5. every insight of the book done: None (the book is finished).

`finished` maps each finished day to the insight finished that day (the
practice history); `book_ids` are the followed book's insight ids in
position order. Plain functions: no Flet, no TinyDB, no clock.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

#: How fast the path moves: a new insight each day, or stay until the user moves on.
PACES: tuple[str, ...] = ("daily", "stay")
PACE_LABELS: dict[str, str] = {
    "daily": "A new insight each day",
    "stay": "Stay with this insight until I move on",
}

#: The statuses of an insight on its book page.
PRACTISED = "practised"
TODAY = "today"
NEXT = "next"
NOT_YET = "not yet"
STATUSES: tuple[str, ...] = (PRACTISED, TODAY, NEXT, NOT_YET)


@dataclass(frozen=True)
class PathState:
    """What the user chose: the followed book, the pace, insights moved on from, swapped-in days."""

    following: str | None
    pace: str = "daily"
    moved_on: frozenset[str] = frozenset()
    swaps: Mapping[date, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class InsightStatus:
    """Where one insight of a book stands; `practised_on` is the latest day it was finished."""

    insight_id: str
    status: str  # one of STATUSES
    practised_on: date | None


def _usable(insight_id: str | None, known_ids: Collection[str] | None) -> bool:
    return insight_id is not None and (known_ids is None or insight_id in known_ids)


def todays_insight_id(
    book_ids: Sequence[str],
    finished: Mapping[date, str],
    state: PathState,
    day: date,
    known_ids: Collection[str] | None = None,
) -> str | None:
    """The insight id `day` has (the module docstring's five rules).

    `known_ids`, when given, are the insights the app can still show: a
    finished day or a swap naming another id (a book removed since) is then
    ignored and the path decides.
    """
    own = finished.get(day)
    if _usable(own, known_ids):
        return own
    swapped = state.swaps.get(day)
    if _usable(swapped, known_ids):
        return swapped
    return _path_pick(book_ids, finished, state, day)


def _path_pick(book_ids: Sequence[str], finished: Mapping[date, str], state: PathState, day: date) -> str | None:
    earlier = {d: i for d, i in finished.items() if d < day}
    if state.pace == "stay":
        in_book = set(book_ids)
        days = [d for d, i in earlier.items() if i in in_book]
        if days:
            last = earlier[max(days)]
            if last not in state.moved_on:
                return last
    done = set(earlier.values()) | set(state.moved_on)
    return next((i for i in book_ids if i not in done), None)


def _done_by(finished: Mapping[date, str], state: PathState, day: date) -> set[str]:
    """Insights finished on `day` or before it, and those moved on from."""
    return {i for d, i in finished.items() if d <= day} | set(state.moved_on)


def book_finished(book_ids: Sequence[str], finished: Mapping[date, str], state: PathState, day: date) -> bool:
    """Every insight of the book was finished (on `day` or before) or moved on from."""
    done = _done_by(finished, state, day)
    return bool(book_ids) and all(i in done for i in book_ids)


def next_after_today(
    book_ids: Sequence[str],
    finished: Mapping[date, str],
    state: PathState,
    day: date,
    known_ids: Collection[str] | None = None,
) -> str | None:
    """The insight the path gives after `day`'s once that one is done (None: nothing left).

    Pace "daily": what the next day brings once `day` is finished. Pace
    "stay": what comes after *Move on*.
    """
    today = todays_insight_id(book_ids, finished, state, day, known_ids)
    done = _done_by(finished, state, day) | ({today} if today else set())
    return next((i for i in book_ids if i not in done), None)


def insight_statuses(
    book_ids: Sequence[str],
    finished: Mapping[date, str],
    state: PathState,
    day: date,
    *,
    followed: bool = True,
    todays_id: str | None = None,
    known_ids: Collection[str] | None = None,
) -> list[InsightStatus]:
    """Each insight of the book, in order: "today", "next", "practised" or "not yet".

    For the followed book (`followed=True`) today's and the next insight come
    from the path. For another book pass `followed=False` and the day's
    insight as `todays_id` (it may belong to this book after a swap); no
    insight of it is "next".

    "practised": finished on some day up to `day` (`practised_on` the latest);
    today's wins over practised (with pace "stay" an insight is both).
    """
    if followed:
        today = todays_insight_id(book_ids, finished, state, day, known_ids)
        coming = next_after_today(book_ids, finished, state, day, known_ids)
    else:
        today, coming = todays_id, None
    latest: dict[str, date] = {}
    for d, i in finished.items():
        if d <= day and (i not in latest or d > latest[i]):
            latest[i] = d
    statuses = []
    for insight_id in book_ids:
        if insight_id == today:
            status = TODAY
        elif insight_id == coming:
            status = NEXT
        elif insight_id in latest:
            status = PRACTISED
        else:
            status = NOT_YET
        statuses.append(InsightStatus(insight_id, status, latest.get(insight_id)))
    return statuses


def following_or_default(state: PathState, shelf_book_ids: Sequence[str]) -> str | None:
    """The followed book if it is on the shelf, else the first book on the shelf (None: no books)."""
    if state.following is not None and state.following in shelf_book_ids:
        return state.following
    return shelf_book_ids[0] if shelf_book_ids else None


def position_label(insight) -> str:
    """"Insight 3 of 8 · Escaping the Build Trap": where the insight sits in its book."""
    return f"Insight {insight.position} of {insight.book_insights} · {insight.book}"


def full_name(insight) -> str:
    """"Insight 3 of 8 · Escaping the Build Trap: <title>": an insight named with its book (reminders...)."""
    return f"{position_label(insight)}: {insight.title}"
