"""The parts of a walk-through (daily/parts.py): order, titles, names, route numbers."""

from __future__ import annotations

import pytest

from daily.parts import FINISH, PART_NAMES, PART_TITLES, PARTS, clamp_part, part_from_route, part_name, part_title


def test_seven_parts_in_order_each_with_a_title_and_a_name():
    assert PARTS == ("story", "achieve", "steps", "reflect", "tips", "source", "finish")
    assert PARTS[-1] == FINISH
    assert set(PART_TITLES) == set(PARTS) == set(PART_NAMES)


def test_titles_differ_only_where_reading_another_insight_says_so():
    assert [part_title(i) for i in range(len(PARTS))] == [
        "The story", "What you'll achieve", "Four action steps", "Reflect", "Try it elsewhere",
        "Where this comes from", "Practice finished"]
    assert [part_title(i, reading=True) for i in range(len(PARTS))] == [
        "The story", "What you'll achieve", "Four action steps", "Questions to reflect on", "Try it elsewhere",
        "Where this comes from", "Practise it?"]
    assert part_name(2) == "the action steps" and part_name(6) == "the end"


@pytest.mark.parametrize("raw, index", [
    ("1", 0), ("4", 3), ("7", 6), ("8", 6), ("99", 6), ("0", 0), ("-3", 0), ("", 0), (None, 0), ("two", 0),
])
def test_a_route_number_becomes_a_part_index_within_bounds(raw, index):
    assert part_from_route(raw) == index


def test_a_stored_position_is_clamped():
    assert [clamp_part(n) for n in (-1, 0, 3, 6, 7, 40)] == [0, 0, 3, 6, 6, 6]
