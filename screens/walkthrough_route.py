"""Which walk-through part is on screen, and how the address bar follows it.

A tap on Back or Next must show its part at once. Navigating by route alone
costs two round trips (the server asks the browser to change the address, the
browser reports the route change, then the server renders), and the browser
then builds the new part and the route change in one frame. So a tap renders
its part straight away and the address follows a moment later, when that
frame is done. The route stays the truth for everything else: a deep link,
a reload, the browser's back and forward buttons.

The catch is telling the two kinds of route change apart: the echo of an
address change we sent (which may arrive after the user has tapped again, and
must not undo that tap) and a move the browser made itself (which wins).
`PartNavigation` keeps that bookkeeping, without Flet, so it is tested directly.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Future
from typing import Callable

import flet as ft

#: How long the address bar lags behind a tap: long enough for the new part's
#: frame, short enough that a reload right after still lands close by.
ADDRESS_DELAY_SECONDS = 0.3


#: Where today's walk-through lives; reading another insight is under READ_BASE.
PRACTICE_BASE = "/practice"
READ_BASE = "/read"


def part_route(part: int, base: str = PRACTICE_BASE) -> str:
    """The address of part `part` (0-based) of the walk-through at `base`."""
    return f"{base}/{part + 1}"


def book_route(book_id: str) -> str:
    """The address of a book's page."""
    return f"/book/{book_id}"


def read_route(insight_id: str, part: int = 0) -> str:
    """The address of part `part` of reading insight `insight_id` (not today's practice)."""
    return part_route(part, f"{READ_BASE}/{insight_id}")


class PartNavigation:
    """The part on screen, given the route's part and the user's taps."""

    def __init__(self, route_part: int) -> None:
        self.route_part = route_part
        self.tapped: int | None = None  # the part the last tap asked for
        self.sent: set[int] = set()  # parts whose address change went out, echo not seen yet
        self.address = route_part  # where the browser's address is, or is on its way to

    def shown(self) -> int:
        return self.tapped if self.tapped is not None else self.route_part

    def tap(self, part: int) -> None:
        self.tapped = part

    def needs_address(self, part: int) -> bool:
        """Whether the address must still move to `part` (it may be there, or going there)."""
        return part != self.address

    def address_sent(self, part: int) -> None:
        self.sent.add(part)
        self.address = part

    def route_seen(self, route_part: int) -> bool:
        """Take the route's part at a render; True when the browser moved by itself.

        An echo of our own address change keeps a newer tap on screen. Any
        other change (back, forward, a typed address) drops the taps.
        """
        if route_part == self.route_part:
            return False
        self.route_part = route_part
        if route_part in self.sent:
            self.sent.discard(route_part)
            if self.tapped == route_part:
                self.tapped = None
            return False
        self.tapped = None
        self.sent.clear()
        self.address = route_part
        return True


def use_walkthrough_part(route_part: int, base: str = PRACTICE_BASE
                         ) -> tuple[int, Callable[[int], None], Callable[[], None]]:
    """(part on screen, show part N now and move the address after, cancel a pending move).

    `base` is the walk-through's address without the part (see `part_route`).

    Call the cancel function before leaving the walk-through any other way, so
    a late address change cannot pull the user back in.
    """
    page = ft.context.page
    navigation: PartNavigation = ft.use_ref(lambda: PartNavigation(route_part)).current
    address_move = ft.use_ref(None)
    _renders, set_renders = ft.use_state(0)

    def cancel() -> None:
        pending: Future | None = address_move.current
        address_move.current = None
        if pending is not None:
            pending.cancel()

    if navigation.route_seen(route_part):
        cancel()  # the browser moved by itself: a pending move of ours is stale

    def show(part: int) -> None:
        cancel()
        navigation.tap(part)
        set_renders(lambda n: n + 1)

        async def move_address() -> None:
            await asyncio.sleep(ADDRESS_DELAY_SECONDS)
            if navigation.needs_address(part):
                navigation.address_sent(part)
                await page.push_route(part_route(part, base))

        address_move.current = page.run_task(move_address)

    ft.on_unmounted(cancel)
    return navigation.shown(), show, cancel
