"""Which walk-through part is on screen, and how the address bar follows it.

A tap on Back or Next must show its part at once. Navigating by route alone
costs two round trips (the server asks the browser to change the address, the
browser reports the route change, then the server renders), and the browser
then builds the new part and the route change in one frame. So a tap renders
its part straight away and the address follows a moment later, when that
frame is done. The route stays the truth for everything else: a deep link,
a reload, the browser's back button.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Callable

import flet as ft

#: How long the address bar lags behind a tap: long enough for the new part's
#: frame, short enough that a reload right after still lands close by.
ADDRESS_DELAY_SECONDS = 0.3


@dataclass(frozen=True)
class Tapped:
    """A part the user tapped to, and the route's part at that moment."""

    part: int
    route_part: int


def shown_part(route_part: int, tapped: Tapped | None) -> int:
    """The tapped part until the route moves; from then on the route's part."""
    if tapped is not None and tapped.route_part == route_part:
        return tapped.part
    return route_part


def part_route(part: int) -> str:
    return f"/practice/{part + 1}"


def use_walkthrough_part(route_part: int) -> tuple[int, Callable[[int], None], Callable[[], None]]:
    """(part on screen, show part N now and move the address after, cancel a pending move).

    Call the cancel function before leaving the walk-through any other way, so
    a late address change cannot pull the user back in.
    """
    page = ft.context.page
    tapped = ft.use_ref(None)
    address_move = ft.use_ref(None)
    _renders, set_renders = ft.use_state(0)

    def cancel() -> None:
        pending: Future | None = address_move.current
        address_move.current = None
        if pending is not None:
            pending.cancel()

    if tapped.current is not None and tapped.current.route_part != route_part:
        if tapped.current.part != route_part:
            cancel()  # the browser moved elsewhere first (its back button): it wins
        tapped.current = None

    def show(part: int) -> None:
        cancel()
        tapped.current = Tapped(part, route_part)
        set_renders(lambda n: n + 1)

        async def move_address() -> None:
            await asyncio.sleep(ADDRESS_DELAY_SECONDS)
            await page.push_route(part_route(part))

        address_move.current = page.run_task(move_address)

    ft.on_unmounted(cancel)
    return shown_part(route_part, tapped.current), show, cancel
