"""Every screen at three phone sizes and at 100 % and 200 % text: nothing runs off the side.

Screenshots land in test-artifacts/screenshots/phone-<size>-<scale>-<screen>.png.
"""

from __future__ import annotations

from datetime import timedelta

import re

import pytest

from content import load_insights
from storage import Store
from tests.browser.harness import (
    PHONE_SIZES,
    block_outside_hosts,
    open_app_on_phone,
    phone_context,
    screenshot,
    scroll_down_to,
    scroll_through,
    scroll_to_top,
    semantics_nodes,
    served_now,
    Server,
    set_text_scale,
)

pytestmark = pytest.mark.browser

START = re.compile(r"^(Start|Resume) today's practice")
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichensammlung" * 2
LONG_ANSWER = ("My answer with a very long word that has to wrap on a small phone: "
               f"{LONG_WORD} and then some ordinary words after it.")


def seed(data_dir) -> None:
    insight = load_insights().insights[0]
    now = served_now()
    store = Store.open(data_dir)
    try:
        store.journal.save_answer(insight.id, 0, insight.questions[0], (now - timedelta(days=1)).date(),
                                  LONG_ANSWER, now - timedelta(days=1))
        store.journal.add_note((now - timedelta(days=2)).date(), f"A note: {LONG_WORD}",
                               now - timedelta(days=2))
    finally:
        store.close()


@pytest.fixture
def app_to_serve(tmp_path):
    seed(tmp_path / "data")
    return Server(tmp_path / "data")


def tap(page, role: str, name: str) -> None:
    """Activate a control the way a screen reader does (works wherever it is scrolled)."""
    control = page.get_by_role(role, name=name, exact=True)
    control.first.wait_for(state="attached", timeout=20_000)
    control.first.dispatch_event("click")


def overflowing(page) -> list[dict]:
    width = page.viewport_size["width"]
    return [n for n in semantics_nodes(page)
            if n["width"] > 0 and n["height"] > 0 and (n["x"] < -1 or n["x"] + n["width"] > width + 1)]


def check(page, name: str, problems: list[str], lazy: bool = False) -> None:
    """Screenshot the screen and look for anything too wide.

    A `lazy` screen (Today, a list that lays out its lower sections only when
    they are scrolled to) is scrolled through to its end and back.
    """
    page.wait_for_timeout(300)
    screenshot(page, name)
    wide: dict = {}

    def visit() -> None:
        for n in overflowing(page):
            wide.setdefault((n["role"], n["label"] or n["text"]), n)

    if lazy:
        scroll_through(page, visit)
        scroll_to_top(page)
    else:
        visit()
    if wide:
        problems.append(f"{name}: past the viewport width: "
                        + "; ".join(f"{n['role'] or 'node'} {n['label'] or n['text']!r} "
                                    f"x={n['x']:.0f} w={n['width']:.0f}" for n in list(wide.values())[:5]))


@pytest.mark.parametrize("scale", [1, 2], ids=["100pct", "200pct"])
@pytest.mark.parametrize("size", PHONE_SIZES, ids=[f"{s['width']}x{s['height']}" for s in PHONE_SIZES])
def test_every_screen_fits_the_phone(browser, server, size, scale):
    context = phone_context(browser, size)
    page = context.new_page()
    block_outside_hosts(page)
    prefix = f"phone-{size['width']}x{size['height']}-{scale * 100}pct"
    problems: list[str] = []
    open_app_on_phone(page, server.url)
    set_text_scale(page, scale)
    page.get_by_text(re.compile(r"Insight \d+ of \d+")).first.wait_for(state="attached", timeout=30_000)
    check(page, f"{prefix}-01-today", problems, lazy=True)
    # Start, or Resume after the first run; below the fold at 200 % on a small phone.
    start = page.get_by_role("button", name=START)
    scroll_down_to(page, start)

    start.dispatch_event("click")
    for part in range(1, 7):
        page.get_by_text(f"{part} of 7").wait_for(state="attached", timeout=20_000)
        check(page, f"{prefix}-0{part + 1}-part{part}", problems)
        if part < 6:
            tap(page, "button", "Next")
    tap(page, "button", "Close the walk-through")

    for index, tab in enumerate(("Journal", "Progress", "Settings")):
        page.get_by_role("tab", name=tab).wait_for(state="attached", timeout=20_000)
        tap(page, "tab", tab)
        page.get_by_role("heading", name=tab).or_(page.get_by_text(tab, exact=True).nth(0)) \
            .first.wait_for(state="attached", timeout=20_000)
        page.wait_for_timeout(500)
        if tab == "Journal":  # the entry with a very long word is there, wrapped
            page.get_by_text(LONG_WORD[:20], exact=False).first.wait_for(state="attached")
        check(page, f"{prefix}-{8 + index}-{tab.lower()}", problems)
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", [1, 2], ids=["100pct", "200pct"])
def test_answer_field_stays_visible_while_typing(browser, server, scale):
    """Typing a long answer on a small phone with the keyboard up: the line being typed shows."""
    size = PHONE_SIZES[0]
    context = phone_context(browser, size)
    page = context.new_page()
    block_outside_hosts(page)
    open_app_on_phone(page, server.url + "practice/4")
    set_text_scale(page, scale)
    field = page.get_by_role("textbox", name="Your answer to question 2")
    field.wait_for(state="attached", timeout=30_000)
    field.dispatch_event("click")  # focus it, wherever it is scrolled
    page.wait_for_timeout(500)
    # The on-screen keyboard takes the lower part of the screen: the page gets shorter.
    page.set_viewport_size({"width": size["width"], "height": 360})
    page.wait_for_timeout(800)
    for line_number in range(1, 9):
        page.keyboard.type(f"Line {line_number} of a long answer typed on a phone")
        page.keyboard.press("Enter")
    page.keyboard.type("the last line")
    page.wait_for_timeout(1200)
    screenshot(page, f"phone-typing-{scale * 100}pct")
    box = field.bounding_box()
    buttons = page.get_by_role("button", name="Next").bounding_box()
    # The bottom of the field, where the caret is, is on screen: below the
    # app bar and above the Back/Next row, which stays above the keyboard.
    assert box is not None and buttons is not None
    assert 56 < box["y"] + box["height"] <= buttons["y"] + 2, (box, buttons)
    assert buttons["y"] + buttons["height"] <= 360 + 1
    context.close()
