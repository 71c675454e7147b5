"""Which insight a day belongs to, so the daily order is defined and stable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date


def insight_for_day(
    ordered_ids: Sequence[str],
    finished: Mapping[date, str],
    day: date,
) -> str | None:
    """The insight id to practise on `day`.

    - A day that already has a finished insight keeps it (walking it again
      the same day never moves the user on).
    - Otherwise the day gets the insight after the one finished most
      recently before it, in the content's order, wrapping around at the
      end. With a single insight the practice simply continues on it.
    - A new user starts at the first insight.
    Ids that are no longer shipped are skipped; no content gives None.
    """
    if not ordered_ids:
        return None
    if finished.get(day) in ordered_ids:
        return finished[day]
    earlier = [d for d in finished if d < day and finished[d] in ordered_ids]
    if not earlier:
        return ordered_ids[0]
    last = finished[max(earlier)]
    return ordered_ids[(ordered_ids.index(last) + 1) % len(ordered_ids)]
