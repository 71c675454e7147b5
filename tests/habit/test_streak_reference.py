"""The naive streak references (tests/helpers/streak_reference.py), checked on a few hand-worked cases."""

from __future__ import annotations

from datetime import date, timedelta

from tests.helpers.streak_reference import reference_freezes, reference_heatmap, reference_plain


def test_reference_plain_hand_case():
    today = date(2024, 3, 10)
    finished = [date(2024, 3, 1), date(2024, 3, 2), date(2024, 3, 3), date(2024, 3, 9)]
    r = reference_plain(finished, today)
    assert (r["current"], r["longest"], r["total_days"]) == (1, 3, 4)


def test_reference_freezes_hand_case():
    start = date(2024, 3, 1)
    finished = [start + timedelta(days=i) for i in range(7)]  # 1..7 March
    finished.append(date(2024, 3, 9))  # 8 March missed, covered
    r = reference_freezes(finished, date(2024, 3, 9))
    assert r["current"] == 8
    assert r["frozen_days"] == {date(2024, 3, 8)}
    assert r["freezes_held"] == 0


def test_reference_heatmap_shape():
    cols = reference_heatmap([date(2024, 3, 4)], [], date(2024, 3, 6), weeks=2)
    assert [len(c) for c in cols] == [7, 7]
    assert cols[-1][0] == (date(2024, 3, 4), "done")
