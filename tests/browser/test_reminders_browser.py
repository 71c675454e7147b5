"""Reminders in a real browser at phone size: the in-app banner, and the Settings section.

The server runs with a fixed clock (STEPWISE_NOW, Monday 2025-03-10 in
Europe/Berlin) and a data folder whose reminder settings are written
through the app's reminder port (daily/reminder_port.py), so what is due is known.
"""

from __future__ import annotations

import re

import pytest

from content import load_insights
from daily.reminder_port import open_reminder_port
from library.path import full_name
from reminders.message import compose
from reminders.settings import ReminderSettings, ReminderTime, load_settings, save_settings
from tests.browser.harness import PHONE, Server, block_outside_hosts, open_app, reveal, screenshot

pytestmark = pytest.mark.browser

EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
READ = ReminderTime("read", "08:00", EVERY_DAY, "Read")
REFLECT = ReminderTime("reflect", "20:00", EVERY_DAY, "Reflect")
ZONE = "Europe/Berlin"


def write_settings(data_dir, settings: ReminderSettings) -> None:
    port = open_reminder_port(data_dir)
    try:
        save_settings(port, settings)
    finally:
        port.close()


def read_settings(data_dir) -> ReminderSettings:
    port = open_reminder_port(data_dir)
    try:
        return load_settings(port)[0]
    finally:
        port.close()


def at(now: str) -> dict[str, str]:
    """The environment of a served app whose clock starts at `now` in ZONE."""
    return {"STEPWISE_NOW": now, "TZ": ZONE}


def no_errors_in(server: Server) -> None:
    log = server.log.read_text(errors="replace")
    assert "Traceback" not in log and "Unhandled error" not in log, log[-4000:]


def tap(page, role: str, name: str) -> None:
    """Activate a control as a screen reader does (wherever it is scrolled)."""
    control = page.get_by_role(role, name=name, exact=True)
    control.wait_for(state="attached", timeout=20_000)
    control.dispatch_event("click")


def checked(page, role: str, name: str) -> str | None:
    return page.get_by_role(role, name=name, exact=True).get_attribute("aria-checked")


def wait_checked(page, role: str, name: str, value: str) -> None:
    for _ in range(50):
        if checked(page, role, name) == value:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{role} {name!r} is not aria-checked={value}")


@pytest.fixture
def due_server(serve, tmp_path):
    """Read (08:00) is due: it is 08:05 on a Monday and today is not practised."""
    write_settings(tmp_path / "data", ReminderSettings(enabled=True, times=(READ, REFLECT), snooze_minutes=10))
    return serve(env=at("2025-03-10T08:05"))


@pytest.fixture
def quiet_server(serve, tmp_path):
    """Nothing due yet: 07:00, the first reminder is at 08:00."""
    write_settings(tmp_path / "data", ReminderSettings(enabled=True, times=(READ, REFLECT)))
    return serve(env=at("2025-03-10T07:00"))


def test_a_due_reminder_shows_a_banner_in_every_window_and_snooze_hides_it(browser, due_server):
    insight = load_insights().insights[0]
    _, body = compose("Read", full_name(insight))  # "Read — Insight 1 of 8 · <book>: <title>"
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    blocked = block_outside_hosts(page)
    open_app(page, due_server.url)

    banner_text = page.get_by_text(body, exact=True)
    banner_text.wait_for(timeout=30_000)
    page.get_by_text("Reminder", exact=True).wait_for()
    page.get_by_role("button", name="Open today's practice").wait_for()
    screenshot(page, "reminders-01-banner")

    # A second window (another tab of the same app) shows the same banner.
    other = context.new_page()
    block_outside_hosts(other)
    open_app(other, due_server.url + "journal")
    other.get_by_text(body, exact=True).wait_for(timeout=30_000)

    page.get_by_role("button", name="Snooze", exact=True).click()
    banner_text.wait_for(state="detached", timeout=15_000)
    other.get_by_text(body, exact=True).wait_for(state="detached", timeout=15_000)
    settings = read_settings(due_server.data_dir)
    assert settings.snoozed_id == "read"
    assert settings.last_fired  # fired once today: a reload does not bring it back before the snooze ends

    page.reload()
    open_app(page, due_server.url)
    page.get_by_role("button", name="Start today's practice").wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    assert page.get_by_text(body, exact=True).count() == 0
    context.close()
    assert all("127.0.0.1" not in url for url in blocked)
    no_errors_in(due_server)


def test_open_todays_practice_from_the_banner(browser, due_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    block_outside_hosts(page)
    open_app(page, due_server.url)
    page.get_by_role("button", name="Open today's practice").click(timeout=30_000)
    page.get_by_text("1 of 7").wait_for(timeout=15_000)
    page.get_by_role("button", name="Close the walk-through").click()
    page.get_by_role("button", name="Start today's practice").wait_for(timeout=15_000)
    assert page.get_by_role("button", name="Open today's practice").count() == 0
    context.close()
    no_errors_in(due_server)


def test_settings_section_health_switch_edits_and_test_reminder(browser, quiet_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    block_outside_hosts(page)
    open_app(page, quiet_server.url + "settings")

    switch = page.get_by_role("switch", name="Daily reminders", exact=True)
    switch.wait_for(timeout=30_000)
    assert checked(page, "switch", "Daily reminders") == "true"
    health = page.get_by_text("In a browser, reminders show inside the app")
    health.wait_for(timeout=15_000)
    page.get_by_text(re.compile("python main.py remind")).wait_for()
    page.get_by_text("Next reminder: today at 08:00 (Read).").wait_for()
    reveal(page, switch)
    page.mouse.wheel(0, 120)
    page.wait_for_timeout(400)
    screenshot(page, "reminders-02-settings-top")

    # Edit: Reflect at 21:30 (the time picker, typed), not on Sundays; a third time added and removed.
    tap(page, "button", "Reflect time 20:00")
    tap(page, "button", "Switch to text input mode")
    page.get_by_role("textbox", name="Hour").click(timeout=10_000)
    page.keyboard.type("21")
    page.wait_for_timeout(300)
    page.keyboard.type("30")  # the picker moves on to the minute by itself
    tap(page, "button", "OK")
    page.get_by_role("button", name="Reflect time 21:30").wait_for(timeout=10_000)
    assert read_settings(quiet_server.data_dir).reminder("reflect").time == "21:30"
    tap(page, "checkbox", "Reflect on Sundays")
    wait_checked(page, "checkbox", "Reflect on Sundays", "false")
    assert read_settings(quiet_server.data_dir).reminder("reflect").weekdays == (0, 1, 2, 3, 4, 5)
    reveal(page, page.get_by_role("checkbox", name="Reflect on Sundays"))
    screenshot(page, "reminders-03-settings-times")

    tap(page, "button", "Add a reminder time")
    page.get_by_role("button", name="Remove the Practice reminder").wait_for(timeout=10_000)
    assert [t.time for t in read_settings(quiet_server.data_dir).times] == ["08:00", "21:30", "12:00"]
    tap(page, "button", "Remove the Practice reminder")
    page.get_by_role("button", name="Remove the Practice reminder").wait_for(state="detached", timeout=10_000)
    assert [t.id for t in read_settings(quiet_server.data_dir).times] == ["read", "reflect"]

    tap(page, "button", "Longer snooze")
    page.get_by_text("Snooze length: 15 minutes").wait_for(state="attached", timeout=10_000)
    tap(page, "button", "Longer snooze")
    page.get_by_text("Snooze length: 20 minutes").wait_for(state="attached", timeout=10_000)
    assert read_settings(quiet_server.data_dir).snooze_minutes == 20
    tap(page, "button", "Shorter snooze")
    page.get_by_text("Snooze length: 15 minutes").wait_for(state="attached", timeout=10_000)
    assert read_settings(quiet_server.data_dir).snooze_minutes == 15

    # Off, and it stays off after a reload.
    tap(page, "switch", "Daily reminders")
    wait_checked(page, "switch", "Daily reminders", "false")
    page.get_by_text("Reminders are off.").wait_for()
    assert read_settings(quiet_server.data_dir).enabled is False
    page.reload()
    open_app(page, quiet_server.url + "settings")
    page.get_by_role("switch", name="Daily reminders").wait_for(timeout=30_000)
    assert checked(page, "switch", "Daily reminders") == "false"
    tap(page, "switch", "Daily reminders")
    wait_checked(page, "switch", "Daily reminders", "true")
    page.get_by_text("Next reminder: today at 08:00 (Read).").wait_for(timeout=10_000)  # saved, re-rendered
    assert read_settings(quiet_server.data_dir).enabled is True

    # A test reminder shows the banner (and says where it went).
    tap(page, "button", "Send a test reminder")
    page.get_by_text("This is how a Stepwise reminder looks.").wait_for(timeout=15_000)
    page.get_by_text(re.compile("^Sent: the banner at the top")).wait_for()
    reveal(page, page.get_by_role("button", name="Send a test reminder"))
    screenshot(page, "reminders-04-test-banner")

    # Dark mode: the same, readable.
    tap(page, "radio", "Dark")
    page.wait_for_timeout(800)
    reveal(page, page.get_by_role("switch", name="Daily reminders"))
    screenshot(page, "reminders-05-settings-dark")
    page.get_by_role("button", name="Snooze", exact=True).click()
    page.get_by_text("This is how a Stepwise reminder looks.").wait_for(state="detached", timeout=15_000)
    settings = read_settings(quiet_server.data_dir)
    assert settings.snoozed_id is None and settings.last_fired == {}  # a test records nothing
    context.close()
    no_errors_in(quiet_server)
