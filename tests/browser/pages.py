"""Page helpers the browser tests share: a phone's browser context, a painted screenshot,
a screen reader's tap, a control's accessible name, text on screen, a book card or an
insight row by its name, and the touch-target sizes seen while scrolling a screen."""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser.harness import (
    INTERACTIVE_ROLES,
    accessible_controls,
    block_outside_hosts,
    screenshot,
    scroll_through,
    semantics_nodes,
)


NARROW = {"width": 360, "height": 740}


WIDE = {"width": 430, "height": 932}


ANDROID = ("Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
           "(KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36")


def phone(browser, viewport=NARROW, scheme="light"):
    context = browser.new_context(user_agent=ANDROID, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    blocked = block_outside_hosts(page)
    return context, page, blocked


def shot(page, name: str) -> Path:
    """`screenshot`, once the screen is painted (right after loading, Flutter's
    semantics are there a moment before its first frame is: a blank picture or
    the "Working..." splash, one colour but for a few pixels)."""
    from PIL import Image

    for attempt in range(20):
        path = screenshot(page, name)
        with Image.open(path) as image:
            pixels = image.convert("RGB").getcolors(maxcolors=1 << 24)
        background = max(count for count, _colour in pixels)
        if background < 0.985 * sum(count for count, _colour in pixels):  # not one colour and a spinner
            return path
        if attempt == 10:
            # Still the splash: a resize makes Flutter paint onto a new surface
            # (Chromium under load can stop presenting the old one).
            size = page.viewport_size
            page.set_viewport_size({"width": size["width"], "height": size["height"] - 1})
            page.wait_for_timeout(300)
            page.set_viewport_size(size)
        page.wait_for_timeout(500)
    raise AssertionError(f"{name}: the screen was never painted")


def tap(page, role: str, name, exact: bool = True) -> None:
    """Activate a control by its accessible name, as a screen reader's double tap does."""
    control = page.get_by_role(role, name=name, exact=exact) if isinstance(name, str) \
        else page.get_by_role(role, name=name)
    control.first.wait_for(state="attached", timeout=20_000)
    control.first.dispatch_event("click")


def name_of(locator) -> str:
    """The accessible name Flutter gave a control (an aria-label, or its own text)."""
    return locator.first.evaluate("e => (e.getAttribute('aria-label') || e.textContent || '').trim()")


def shown(page, text: str):
    """Text on screen, whether Flutter put it in a node's text or in its (merged) label."""
    return page.get_by_text(text, exact=False).or_(page.get_by_label(text, exact=False)).first


def card(page, title: str):
    return page.get_by_role("button", name=re.compile("^" + re.escape(title) + ".*?, by "))


def row(page, position: int):
    return page.get_by_role("button", name=re.compile(rf"^Insight {position}: "))


TOUCH = 48


def target_sizes(page, names: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], tuple[float, float]]:
    """Largest box seen for each control while scrolling the screen from top to bottom.

    A control partly scrolled out of view reports a clipped box, so each is
    measured where it is seen whole: its largest box over the scroll. With
    `names`, every (role, accessible name) met on the way is added to it.
    """
    sizes: dict[tuple[str, str], tuple[float, float]] = {}

    def visit() -> None:
        if names is not None:
            names.update(accessible_controls(page))
        for n in semantics_nodes(page):
            if n["role"] in INTERACTIVE_ROLES and n["width"] > 0 and n["height"] > 0:
                key = (n["role"], n["label"] or n["text"])
                w, h = sizes.get(key, (0, 0))
                sizes[key] = (max(w, n["width"]), max(h, n["height"]))

    scroll_through(page, visit)
    return sizes
