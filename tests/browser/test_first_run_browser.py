"""The first run in a real browser, on a phone (Android user agent, touch), with a new data folder.

Screenshots: test-artifacts/screenshots/first-run-<width>-*.png (the 430 px
run in dark mode) and first-run-settings-*.png.
"""

from __future__ import annotations

import re

import pytest

from content import load_insights
from content.packs import added_folder
from tests.browser.harness import (
    block_hosts_except,
    block_outside_hosts,
    open_app_on_phone,
    phone_context,
    reveal,
    screenshot,
    scroll_down_to,
)
from tests.helpers.packs import make_book, zip_of

pytestmark = pytest.mark.browser

#: The reminder the test picks, and what the radio says for it.
REMINDER = ("20:00", "8:00 PM")


def phone_page(browser, width: int, height: int, dark: bool = False):
    context = phone_context(browser, {"width": width, "height": height},
                            color_scheme="dark" if dark else "light")
    page = context.new_page()
    blocked = block_outside_hosts(page)
    return context, page, blocked


def bring_into_view(page, locator, bottom_margin: int = 100) -> None:
    """Swipe (turn the wheel) until `locator` is well on screen.

    In a phone context a wheel turn moves Flutter's list about a quarter as
    far as on a desktop, too little for `reveal` on a long screen like Settings.
    """
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    for _ in range(60):
        box = locator.first.bounding_box() if locator.count() else None
        if box and 60 <= box["y"] and box["y"] + box["height"] <= height - bottom_margin:
            return
        page.mouse.move(width / 2, height / 2)
        page.mouse.wheel(0, -800 if box and box["y"] < 60 else 800)
        page.wait_for_timeout(150)
    raise AssertionError(f"could not scroll {locator} into view")


def tap(page, locator, scroll: bool = True) -> None:
    """Tap a control on the touch screen, scrolled into view first."""
    locator.first.wait_for(timeout=30_000)
    if scroll:
        reveal(page, locator.first, bottom_margin=4)
    box = locator.first.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.parametrize("width,height,dark", [(360, 640, False), (430, 932, True)])
def test_a_new_user_picks_a_theme_follows_the_book_sets_a_reminder_and_lands_on_today(
        browser, serve, tmp_path, width, height, dark):
    loaded = load_insights()
    theme = next(t for t in loaded.themes if t.id == "habits-focus")
    server = serve(tmp_path / "data", first_run_done=False)
    context, page, blocked = phone_page(browser, width, height, dark)
    name = f"first-run-{width}"
    try:
        open_app_on_phone(page, server.url)

        # 1 of 4: what Stepwise does.
        page.get_by_text("Welcome to Stepwise").wait_for(timeout=30_000)
        page.wait_for_function("() => location.pathname === '/welcome'", timeout=10_000)
        page.get_by_role("button", name=re.compile("^Skip")).first.wait_for()
        screenshot(page, f"{name}-1-about")
        tap(page, page.get_by_role("button", name="Get started"))

        # 2 of 4: one to three themes; a fourth is refused.
        page.get_by_text("What do you want to get better at?").wait_for(timeout=15_000)
        assert page.get_by_role("button", name="Continue").is_disabled()
        for t in loaded.themes[:3]:
            tap(page, page.get_by_role("checkbox", name=t.name))
            page.wait_for_timeout(200)
        fourth = loaded.themes[3]
        tap(page, page.get_by_role("checkbox", name=fourth.name))
        refusal = "Three is the most: let one go to pick another."
        page.locator("flt-semantics").get_by_text(refusal).wait_for(timeout=10_000)
        page.locator("flt-announcement-polite", has_text=refusal).wait_for(state="attached")  # said aloud
        assert page.get_by_role("checkbox", name=fourth.name).get_attribute("aria-checked") == "false"
        screenshot(page, f"{name}-2-themes-refused")
        for t in loaded.themes[:3]:  # let them go, then pick the one this test follows
            tap(page, page.get_by_role("checkbox", name=t.name))
            page.wait_for_timeout(200)
        tap(page, page.get_by_role("checkbox", name=theme.name))
        page.wait_for_function(
            "(n) => [...document.querySelectorAll('[aria-checked=true]')]"
            ".some(e => (e.getAttribute('aria-label') || e.textContent).includes(n))", arg=theme.name)
        screenshot(page, f"{name}-2-themes")
        tap(page, page.get_by_role("button", name="Continue"))

        # 3 of 4: the recommended book.
        page.get_by_text("Recommended", exact=True).wait_for(timeout=15_000)
        book = next(b for b in loaded.books
                    if theme.id in b.themes and page.get_by_text(b.title, exact=True).count())
        page.get_by_text(book.author).first.wait_for()
        page.get_by_text("About this book").wait_for()
        screenshot(page, f"{name}-3-book")
        tap(page, page.get_by_role("button", name="Follow this book"))

        # 4 of 4: the reminder time.
        page.get_by_text("When should we remind you?").wait_for(timeout=15_000)
        tap(page, page.get_by_role("radio", name=REMINDER[1]))
        page.wait_for_timeout(300)
        screenshot(page, f"{name}-4-reminder")
        tap(page, page.get_by_role("button", name="Remind me"))

        # Today, with the first insight of the followed book.
        page.get_by_text("Insight 1 of 8", exact=False).first.wait_for(timeout=30_000)
        first = loaded.insights_of(book.id)[0]
        page.get_by_text(first.title).first.wait_for()
        page.wait_for_function("() => location.pathname === '/'", timeout=10_000)
        page.get_by_text("When should we remind you?").wait_for(state="detached", timeout=10_000)
        screenshot(page, f"{name}-5-today")

        # The reminder is on, at that time (Settings shows what was stored).
        tap(page, page.get_by_role("tab", name=re.compile("Settings")), scroll=False)
        switch = page.get_by_role("switch", name="Daily reminders")
        switch.wait_for(timeout=15_000)
        assert switch.get_attribute("aria-checked") == "true"
        scroll_down_to(page, page.get_by_role("button", name=re.compile(REMINDER[0])))

        # Settings → Library, at this width (and in dark mode at 430).
        bring_into_view(page, page.get_by_role("button", name="Show the welcome again"), bottom_margin=300)
        screenshot(page, f"first-run-settings-{width}-library{'-dark' if dark else ''}")

        # A reload never shows the welcome again.
        open_app_on_phone(page, server.url)
        page.get_by_text(first.title).first.wait_for(timeout=30_000)
        assert page.get_by_text("Welcome to Stepwise").count() == 0
    finally:
        context.close()
    assert all("127.0.0.1" not in url for url in blocked)


def test_skip_lands_on_today_and_settings_shows_the_welcome_again_and_adds_a_book(
        browser, serve, tmp_path):
    loaded = load_insights()
    first_book = loaded.books[0]
    data = tmp_path / "data"
    pack = zip_of(make_book(tmp_path / "made", book_id="my-book", insights=3))
    server = serve(data, first_run_done=False)
    context, page, blocked = phone_page(browser, 430, 932)
    try:
        open_app_on_phone(page, server.url)
        page.get_by_text("Welcome to Stepwise").wait_for(timeout=30_000)
        tap(page, page.get_by_role("button", name=re.compile("^Skip")), scroll=False)

        # Today: the first book on the shelf, insight 1.
        first = loaded.insights_of(first_book.id)[0]
        page.get_by_text(first.title).first.wait_for(timeout=30_000)
        page.get_by_text(f"Insight 1 of {first_book.insights}", exact=False).first.wait_for()

        # Settings → Library: pace, welcome again, books you add.
        tap(page, page.get_by_role("tab", name=re.compile("Settings")), scroll=False)
        adder = page.get_by_role("button", name="Add a book from a file")
        scroll_down_to(page, adder)
        bring_into_view(page, adder)
        page.get_by_role("radio", name=re.compile("^A new insight each day")).wait_for()
        screenshot(page, "first-run-settings-430-library")
        with page.expect_file_chooser(timeout=15_000) as chooser:
            adder.click()
        chooser.value.set_files(str(pack))
        page.get_by_text(re.compile(r'^Added "My Own Book')).first.wait_for(timeout=30_000)
        assert (added_folder(data) / "my-book" / "book.toml").exists()
        page.get_by_role("button", name=re.compile("^Remove My Own Book")).wait_for()
        screenshot(page, "first-run-settings-430-added")

        # The same pack again is refused, in content add's words.
        with page.expect_file_chooser(timeout=15_000) as chooser:
            adder.click()
        chooser.value.set_files(str(pack))
        page.get_by_text(re.compile(r"Not added: my-book\.zip has \d+ problems?\. Nothing was changed\.")) \
            .first.wait_for(timeout=30_000)

        # Show the welcome again.
        welcome = page.get_by_role("button", name="Show the welcome again")
        bring_into_view(page, welcome)
        tap(page, welcome, scroll=False)
        page.get_by_text("Welcome to Stepwise").wait_for(timeout=15_000)
        page.wait_for_function("() => location.pathname === '/welcome'", timeout=10_000)
        tap(page, page.get_by_role("button", name=re.compile("^Skip")), scroll=False)
        page.get_by_text(first.title).first.wait_for(timeout=30_000)
    finally:
        context.close()
    assert all("127.0.0.1" not in url for url in blocked)


def test_with_lan_the_passcode_comes_before_the_welcome(browser, serve, tmp_path):
    from security import PasscodeFile
    from tests.browser.lan import LAN_HOST, PASSCODE, capture_frames, lan_url, type_into

    data = tmp_path / "data"
    PasscodeFile(data).set(PASSCODE)
    server = serve(data, extra_args=["--lan"], first_run_done=False)
    context = phone_context(browser)
    page = context.new_page()
    try:
        block_hosts_except(page, (LAN_HOST,))
        frames = capture_frames(page)
        open_app_on_phone(page, lan_url(server))
        page.get_by_text("Stepwise is locked").wait_for(state="attached", timeout=30_000)
        page.wait_for_timeout(1000)
        assert b"Welcome to Stepwise" not in b"".join(frames)  # nothing of the app before the passcode
        type_into(page, "Passcode", PASSCODE)
        page.keyboard.press("Enter")
        page.get_by_text("Welcome to Stepwise").wait_for(timeout=30_000)
        page.wait_for_function("() => location.pathname === '/welcome'", timeout=10_000)
    finally:
        context.close()
