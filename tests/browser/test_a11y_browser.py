"""Accessibility on a phone: names, touch targets, contrast (light and dark), dark mode.

Contrast is measured on what Chromium renders, not on the theme's intended
colours: for each visible text, button and tab, the screenshot region under
its semantics box is read at 2x; the most common colour is the background, and
the pixel with the highest contrast against it is the text (the core of a
glyph is drawn in the text's full colour). WCAG AA asks 4.5:1 for body text.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest

from tests.browser.harness import (
    PHONE_SIZES,
    block_outside_hosts,
    open_app_on_phone,
    phone_context,
    reveal,
    screenshot,
    scroll_to_top,
    served_now,
    set_text_scale,
)
from tests.browser.pages import TOUCH, target_sizes
from tests.browser.contrast import low_contrast, luminance, settled_screenshot

pytestmark = pytest.mark.browser


# Known gaps in screens owned by others, reported to them: an ft.Dropdown gets
# no accessible name on the web (its label is drawn, not announced). Each
# entry allows that many unnamed controls of that role on that screen.
KNOWN_UNNAMED: dict = {}
START = re.compile(r"^(Start|Resume) today's practice")
# The controls a row of seven used to squeeze below 48 px on a 360 px phone.
WEEKDAY_TOGGLE = re.compile(r"^\w+ on \w+days$")  # "Read on Mondays"
CALENDAR_DAY = re.compile(r"^\w+day \d+ \w+(, today)?: ")  # "Tuesday 24 November: practised"


def tap(page, role: str, name) -> None:
    control = page.get_by_role(role, name=name, exact=True) if isinstance(name, str) \
        else page.get_by_role(role, name=name)
    control.first.wait_for(state="attached", timeout=20_000)
    control.first.dispatch_event("click")


def each_screen(page, url: str):
    """Open every screen in turn (Today, the six walk-through parts, the four other tabs); yield its name."""
    open_app_on_phone(page, url)
    page.get_by_role("button", name=START).wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(500)
    yield "today"
    scroll_to_top(page)
    tap(page, "button", START)
    for part in range(1, 7):
        page.get_by_text(f"{part} of 7").wait_for(state="attached", timeout=20_000)
        page.wait_for_timeout(400)
        yield f"part{part}"
        if part < 6:
            tap(page, "button", "Next")
    tap(page, "button", "Close the walk-through")
    for tab in ("Library", "Journal", "Progress", "Settings"):
        page.get_by_role("tab", name=tab).wait_for(state="attached", timeout=20_000)
        tap(page, "tab", tab)
        page.wait_for_timeout(800)
        yield tab.lower()


def test_every_control_has_a_name_and_a_48px_target(browser, server):
    context = phone_context(browser)
    page = context.new_page()
    block_outside_hosts(page)
    unnamed, small, seen = [], [], Counter()
    for screen in each_screen(page, server.url):
        allowed = Counter({role: n for (where, role), n in KNOWN_UNNAMED.items() if where == screen})
        names: set[tuple[str, str]] = set()
        sizes = target_sizes(page, names=names)
        for role, name in sorted(names):
            seen[role] += 1
            if not name:
                if allowed[role]:
                    allowed[role] -= 1
                    continue
                unnamed.append(f"{screen}: a {role} without a name")
        for (role, name), (width, height) in sizes.items():
            if width >= TOUCH - 0.5 and height >= TOUCH - 0.5:
                continue
            small.append(f"{screen}: {role} {name!r} is {width:.0f}x{height:.0f} px")
    context.close()
    assert seen["button"] and seen["tab"] == 5 * 5 and seen["checkbox"] >= 4 and seen["textbox"] >= 4
    assert not unnamed, "\n".join(unnamed)
    assert not small, "\n".join(small)


def too_small(sizes: dict) -> list[str]:
    return [f"{role} {name!r} is {width:.1f}x{height:.1f} px" for (role, name), (width, height) in sizes.items()
            if width < TOUCH - 0.5 or height < TOUCH - 0.5]


@pytest.mark.date_sensitive  # how many calendar days are buttons depends on today's weekday
@pytest.mark.parametrize("size, scale", [(size, 1) for size in PHONE_SIZES] + [(PHONE_SIZES[0], 2)],
                         ids=[f"{s['width']}px" for s in PHONE_SIZES] + ["360px-200pct"])
def test_weekday_toggles_and_calendar_days_are_48px_on_every_phone(browser, server, size, scale):
    """The two dense grids, measured at each phone width: Settings' reminder weekdays and
    the Progress calendar's days (narrowest first: 360 px is where they used to be too small)."""
    context = phone_context(browser, size)
    page = context.new_page()
    block_outside_hosts(page)
    problems: list[str] = []

    open_app_on_phone(page, server.url + "settings")
    set_text_scale(page, scale)
    page.get_by_role("checkbox", name="Read on Mondays").wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(500)
    settings = target_sizes(page)
    toggles = {name: box for (role, name), box in settings.items()
               if role == "checkbox" and WEEKDAY_TOGGLE.search(name)}
    # Both default reminders (Read, Reflect), seven days each, all measured.
    assert len(toggles) == 14, sorted(toggles)
    problems += [f"settings: {line}" for line in too_small(settings)]
    reveal(page, page.get_by_role("checkbox", name="Read on Sundays"), attempts=60)
    screenshot(page, f"a11y-targets-{size['width']}-{scale * 100}pct-settings")

    open_app_on_phone(page, server.url + "progress")
    set_text_scale(page, scale)
    page.get_by_role("button", name=re.compile(r", today: ")).wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(500)
    progress = target_sizes(page)
    days = {name: box for (role, name), box in progress.items()
            if role == "button" and CALENDAR_DAY.search(name)}
    # Every day of the 12 weeks up to today opens its record (days to come are not buttons).
    assert len(days) == 12 * 7 - (6 - served_now().weekday()), len(days)
    problems += [f"progress: {line}" for line in too_small(progress)]
    reveal(page, page.get_by_role("button", name=re.compile(r", today: ")), attempts=60)
    screenshot(page, f"a11y-targets-{size['width']}-{scale * 100}pct-progress")
    context.close()
    assert not problems, f"at {size['width']} px, {scale * 100} % text:\n" + "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_meets_wcag_aa(browser, server, scheme):
    context = phone_context(browser, color_scheme=scheme)
    page = context.new_page()
    block_outside_hosts(page)
    problems, checked = [], 0
    for screen in each_screen(page, server.url):
        problems += low_contrast(page, screen)
        checked += 1
        screenshot(page, f"a11y-{scheme}-{screen}")
    context.close()
    assert checked == 11
    assert not problems, "\n".join(problems)


def page_background(page):
    image = settled_screenshot(page)
    return Counter(image.get_flattened_data()).most_common(1)[0][0]


def background_becomes(page, dark: bool, seconds: float = 12) -> float:
    """The page background's luminance once it is dark (or light), polled.

    Flutter animates a theme change and, on a loaded machine, may paint the
    first frame late; a single look after a fixed wait fails on a slow run
    while the app is right. Returns the last luminance seen (asserted by the caller).
    """
    deadline = time.monotonic() + seconds
    while True:
        seen = luminance(page_background(page))
        if (seen < 0.05) if dark else (seen > 0.8):
            return seen
        if time.monotonic() > deadline:
            return seen
        page.wait_for_timeout(400)


def test_dark_mode_follows_the_system_and_can_be_set_by_hand(browser, server):
    context = phone_context(browser, color_scheme="dark")
    page = context.new_page()
    block_outside_hosts(page)
    open_app_on_phone(page, server.url)
    page.get_by_role("button", name=START).wait_for(state="attached", timeout=30_000)
    assert background_becomes(page, dark=True) < 0.05, "system dark: the app is dark"

    tap(page, "tab", "Settings")
    tap(page, "radio", "Light")
    assert background_becomes(page, dark=False) > 0.8, "Light chosen by hand wins over the system"
    screenshot(page, "a11y-dark-system-light-chosen")
    context.close()

    # The choice is kept: a new visit with a dark system is still light.
    context = phone_context(browser, color_scheme="dark")
    page = context.new_page()
    block_outside_hosts(page)
    open_app_on_phone(page, server.url + "settings")
    page.get_by_role("radio", name="Light").wait_for(state="attached", timeout=30_000)
    assert background_becomes(page, dark=False) > 0.8, "the stored Light choice wins on a new visit"
    tap(page, "radio", "Dark")
    assert background_becomes(page, dark=True) < 0.05
    tap(page, "radio", "Follow the system")
    assert background_becomes(page, dark=True) < 0.05
    context.close()


def test_text_size_setting_scales_the_whole_app(browser, server):
    context = phone_context(browser)
    page = context.new_page()
    block_outside_hosts(page)
    open_app_on_phone(page, server.url + "settings")
    largest = page.get_by_role("radio", name="Largest (200 %)")
    largest.wait_for(state="attached", timeout=30_000)
    before = page.get_by_role("tab", name="Today").bounding_box()
    heading = page.get_by_text("Settings", exact=True).first.bounding_box()
    largest.dispatch_event("click")
    page.wait_for_function("() => document.documentElement.style.fontSize === '200%'", timeout=10_000)
    page.wait_for_timeout(800)
    assert page.get_by_text("Settings", exact=True).first.bounding_box()["height"] > heading["height"] * 1.6
    screenshot(page, "a11y-text-size-200")
    context.close()

    # Kept for the next visit (stored in settings, handed to the browser at start).
    context = phone_context(browser)
    page = context.new_page()
    block_outside_hosts(page)
    open_app_on_phone(page, server.url)
    page.wait_for_function("() => document.documentElement.style.fontSize === '200%'", timeout=15_000)
    context.close()
    assert before["height"] >= TOUCH
