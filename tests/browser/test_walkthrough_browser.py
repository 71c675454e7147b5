"""A new user walks through the day's insight in a real browser, at phone size."""

from __future__ import annotations

import re

import pytest

from content import load_insights
from tests.browser.harness import (
    PHONE,
    block_outside_hosts,
    open_app,
    reveal,
    screenshot,
    scroll_to_text,
    type_into,
)

pytestmark = pytest.mark.browser

ANSWERS = [
    "Most weeks I pass requests straight to the team without asking what problem they solve.",
    "Two months ago, for the onboarding revamp.",
    "What would change for the customer if we shipped this? How will we know?",
    "People would bring me problems instead of solutions — café ☕ and naïve résumé.",
]


def test_new_user_walks_through_finishes_and_finds_answers_after_restart(browser, server):
    insight = load_insights().insights[0]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    blocked = block_outside_hosts(page)
    open_app(page, server.url)

    # Today: the insight card, a streak of 0, one button to start.
    page.get_by_text(insight.title).first.wait_for(timeout=30_000)
    page.get_by_text(f"Insight {insight.position} of {insight.book_insights}").wait_for()
    page.get_by_text("Streak: 0 days", exact=True).wait_for()
    screenshot(page, "01-today-new-user")
    page.get_by_role("button", name="Start today's practice").click()

    # 1 of 7: the story.
    page.get_by_text("1 of 7").wait_for()
    page.get_by_text(insight.story[0][:40], exact=False).first.wait_for()
    screenshot(page, "02-story")
    page.get_by_role("button", name="Next").click()

    # 2 of 7: what you'll achieve.
    page.get_by_text("2 of 7").wait_for()
    page.get_by_text(insight.achieve[:40], exact=False).first.wait_for()
    screenshot(page, "03-achieve")
    page.get_by_role("button", name="Next").click()

    # 3 of 7: the four steps; check the first one off.
    page.get_by_text("3 of 7").wait_for()
    boxes = page.get_by_role("checkbox")
    boxes.first.wait_for()
    assert boxes.count() == 4
    first = page.get_by_role("checkbox", name=re.compile("step 1"))
    first.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[role=checkbox],[aria-checked]')]"
        ".some(e => e.getAttribute('aria-checked') === 'true')")
    screenshot(page, "04-steps")
    page.get_by_role("button", name="Next").click()

    # 4 of 7: an answer to every question, saved while typing.
    page.get_by_text("4 of 7").wait_for()
    for index, answer in enumerate(ANSWERS[: len(insight.questions)]):
        field = page.get_by_role("textbox", name=f"Your answer to question {index + 1}")
        reveal(page, field)
        type_into(page, field, answer)
    page.wait_for_timeout(1200)  # past the autosave pause
    screenshot(page, "05-reflect")
    page.get_by_role("button", name="Next").click()

    # 5 of 7: tips; 6 of 7: the source.
    page.get_by_text("5 of 7").wait_for()
    page.get_by_text(insight.tips[0][:30], exact=False).first.wait_for()
    screenshot(page, "06-tips")
    page.get_by_role("button", name="Next").click()
    page.get_by_text("6 of 7").wait_for()
    page.get_by_text(insight.author, exact=False).first.wait_for()
    screenshot(page, "07-source")
    page.get_by_role("button", name="Finish").click()

    # 7 of 7: today is practised, streak 1.
    page.get_by_text("Today is practised").wait_for()
    page.get_by_text("Streak: 1 day", exact=True).wait_for()
    screenshot(page, "08-finish")
    page.get_by_role("button", name="Back to Today").click()
    page.get_by_text("Streak: 1 day", exact=True).wait_for()
    screenshot(page, "09-today-done")

    # Progress shows the streak.
    page.get_by_role("tab", name="Progress").click()
    page.get_by_text("Current streak").wait_for()
    screenshot(page, "10-progress")
    context.close()

    # Restart the server: the answers are in the Journal.
    server.restart()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    blocked += block_outside_hosts(page)
    open_app(page, server.url)
    page.get_by_role("tab", name="Journal").click()
    page.get_by_role("textbox", name=re.compile("Search")).first.wait_for()
    # Newest first: the last question's answer is at the top of the list.
    for answer in reversed(ANSWERS[: len(insight.questions)]):
        scroll_to_text(page, answer)
    screenshot(page, "11-journal-after-restart")
    page.get_by_role("tab", name="Today").click()
    page.get_by_text("Streak: 1 day", exact=True).wait_for()
    context.close()

    assert all("127.0.0.1" not in url for url in blocked)


def test_answers_typed_just_before_the_tab_closes_are_kept(browser, server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    block_outside_hosts(page)
    open_app(page, server.url + "practice/4")
    field = page.get_by_role("textbox", name="Your answer to question 1")
    field.click()
    page.keyboard.type("typed and then the tab closed")
    page.wait_for_timeout(150)  # well inside the autosave pause
    context.close()

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    block_outside_hosts(page)
    open_app(page, server.url)
    # The Journal has it, and Today offers to resume where the user left off.
    page.get_by_role("button", name="Resume today's practice (4 of 7)").wait_for()
    page.get_by_role("tab", name="Journal").click()
    page.get_by_text("typed and then the tab closed").wait_for()
    context.close()


def test_next_moves_the_address_and_the_back_button_returns(browser, server):
    """A tap shows its part at once; the address follows, so back and reload still work."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    block_outside_hosts(page)
    open_app(page, server.url + "practice/1")
    page.get_by_text("1 of 7").wait_for()
    page.get_by_role("button", name="Next").click()
    page.get_by_text("2 of 7").wait_for()
    page.wait_for_url(re.compile(r"/practice/2$"), timeout=10_000)
    page.get_by_role("button", name="Next").click()
    page.get_by_text("3 of 7").wait_for()
    page.wait_for_url(re.compile(r"/practice/3$"), timeout=10_000)

    page.go_back()
    page.get_by_text("2 of 7").wait_for()
    assert page.url.endswith("/practice/2")

    # Two quick taps: both count, and the address ends on the last one.
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_text("4 of 7").wait_for()
    page.wait_for_url(re.compile(r"/practice/4$"), timeout=10_000)

    # Closing right after a tap is not undone by the address catching up late.
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Close the walk-through").click()
    page.get_by_role("button", name=re.compile(r"^Resume today's practice")).wait_for()
    page.wait_for_timeout(1000)
    assert page.get_by_role("button", name=re.compile(r"^Resume today's practice")).count() == 1
    assert not page.url.rstrip("/").endswith(("/practice/5", "/practice/4"))
    context.close()


def test_back_and_next_in_quick_succession_never_jump(browser, server):
    """Taps at every pace around the address delay: each shows its part, and it stays."""
    context = browser.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    block_outside_hosts(page)
    open_app(page, server.url + "practice/1")
    page.get_by_text("1 of 7").wait_for()
    part = 1
    # The address follows a tap 300 ms after the server gets it, and its echo
    # comes back a few ms later; a part shows about 70 ms after a tap. Pauses
    # of roughly 200-300 ms after a part shows therefore make a tap and the
    # echo of the previous one cross (the old code jumped back then).
    pauses = (0, 50, *range(180, 330, 3), 450, 700)
    for pause_ms in pauses:
        name = "Next" if part == 1 else "Back"
        button = page.get_by_role("button", name=name, exact=True)
        box = button.bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        part = 2 if part == 1 else 1
        page.get_by_text(f"Part {part} of 7", exact=True).wait_for(timeout=10_000)
        page.wait_for_timeout(pause_ms)
    page.wait_for_timeout(1500)  # every address change and its echo are through
    assert page.get_by_text(f"Part {part} of 7", exact=True).count() == 1
    assert page.url.endswith(f"/practice/{part}")
    context.close()
