"""Which walk-through part is shown while the address bar catches up with a tap."""

from __future__ import annotations

from screens.walkthrough import part_from_route
from screens.walkthrough_route import Tapped, part_route, shown_part


def test_without_a_tap_the_route_decides():
    assert shown_part(3, None) == 3


def test_a_tap_shows_its_part_before_the_route_moves():
    assert shown_part(0, Tapped(part=1, route_part=0)) == 1


def test_once_the_route_moves_the_route_decides_again():
    # our own address change arrived
    assert shown_part(1, Tapped(part=1, route_part=0)) == 1
    # the browser's back button moved it elsewhere first
    assert shown_part(4, Tapped(part=6, route_part=5)) == 4


def test_two_quick_taps_keep_the_latest_until_the_route_moves():
    assert shown_part(0, Tapped(part=2, route_part=0)) == 2


def test_part_route_round_trips_through_the_route_parser():
    for part in range(7):
        assert part_from_route(part_route(part).rsplit("/", 1)[1]) == part
