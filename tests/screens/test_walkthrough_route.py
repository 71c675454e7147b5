"""Which walk-through part is shown while the address bar catches up with the taps."""

from __future__ import annotations

from daily.parts import part_from_route
from screens.walkthrough_route import PartNavigation, part_route


def test_without_a_tap_the_route_decides():
    assert PartNavigation(3).shown() == 3


def test_a_tap_shows_its_part_before_the_address_moves():
    nav = PartNavigation(0)
    nav.tap(1)
    assert nav.shown() == 1
    assert nav.needs_address(1)


def test_the_echo_of_our_address_change_settles_on_the_route():
    nav = PartNavigation(0)
    nav.tap(1)
    nav.address_sent(1)
    assert nav.route_seen(1) is False
    assert nav.shown() == 1 and nav.tapped is None


def test_an_echo_arriving_after_a_newer_tap_does_not_undo_it():
    # Next (1 to 2), its address goes out, then Back before the echo arrives.
    nav = PartNavigation(0)
    nav.tap(1)
    nav.address_sent(1)
    nav.tap(0)
    assert nav.shown() == 0
    assert nav.route_seen(1) is False  # the echo of the Next
    assert nav.shown() == 0  # still where the user tapped to
    assert nav.needs_address(0)  # and the address must come back


def test_the_browser_moving_by_itself_wins_over_taps():
    nav = PartNavigation(2)
    nav.tap(3)
    nav.address_sent(3)
    nav.route_seen(3)
    nav.tap(4)
    assert nav.route_seen(2) is True  # the back button
    assert nav.shown() == 2
    assert nav.sent == set()


def test_two_quick_taps_show_the_latest():
    nav = PartNavigation(0)
    nav.tap(1)
    nav.tap(2)
    assert nav.shown() == 2


def test_no_address_change_when_the_address_is_already_there():
    nav = PartNavigation(0)
    nav.tap(1)
    nav.tap(0)  # Next then Back before anything went out
    assert not nav.needs_address(0)
    assert nav.shown() == 0


def test_part_route_round_trips_through_the_route_parser():
    for part in range(7):
        assert part_from_route(part_route(part).rsplit("/", 1)[1]) == part


def test_a_tap_back_before_the_echo_still_moves_the_address_back():
    # Next's address goes out; Back is tapped and its own move comes due
    # before the echo of the Next arrives (a slow network).
    nav = PartNavigation(0)
    nav.tap(1)
    nav.address_sent(1)
    nav.tap(0)
    assert nav.needs_address(0)  # the browser is on its way to part 1: bring it back
    nav.address_sent(0)
    nav.route_seen(1)
    assert nav.shown() == 0
    nav.route_seen(0)
    assert nav.shown() == 0 and nav.tapped is None and nav.sent == set()
