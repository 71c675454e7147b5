"""`python main.py --lan`: open to the network, but nothing is shown or sent before the passcode.

Network rule for these tests: only addresses on this machine. The "LAN
address" used is 127.0.0.2: a loopback address that a server bound to
127.0.0.1 does not answer on, so reaching it proves the 0.0.0.0 binding.
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
import urllib.error
import urllib.request

import pytest

from tests.browser.harness import (
    block_hosts_except,
    open_app_on_phone,
    phone_context,
    screenshot,
)
from tests.browser.lan import LAN_HOST, PASSCODE, SECRET, capture_frames, lan_url, secret_seen, seed_journal, type_into

pytestmark = pytest.mark.browser


def test_without_lan_only_this_computer_can_connect(serve, tmp_path):
    s = serve(tmp_path / "data")
    with urllib.request.urlopen(s.url, timeout=5) as response:
        assert response.status == 200
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(lan_url(s), timeout=5)
    assert "passcode" not in s.log.read_text().lower()


def test_lan_prints_address_and_qr_code(lan_server):
    log = lan_server.log.read_text()
    assert f"Stepwise is served at http://0.0.0.0:{lan_server.port}/" in log
    assert re.search(rf"Open on your phone: http://[\d.]+:{lan_server.port}/", log)
    assert "█" in log and "▀" in log or "▄" in log  # the QR code, drawn in blocks
    assert "Setup code" not in log  # a passcode was already set
    with urllib.request.urlopen(lan_url(lan_server), timeout=5) as response:
        assert response.status == 200


def test_journal_is_neither_shown_nor_sent_before_the_passcode(browser, lan_server):
    context = phone_context(browser)
    page = context.new_page()
    blocked = block_hosts_except(page, (LAN_HOST,))
    frames = capture_frames(page)
    open_app_on_phone(page, lan_url(lan_server) + "journal")
    page.get_by_text("Stepwise is locked").wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(1500)
    screenshot(page, "lan-01-locked")
    assert page.get_by_role("tab").count() == 0
    assert not secret_seen(page, frames), "journal text reached the browser before unlocking"

    # A wrong passcode: refused, still nothing sent.
    type_into(page, "Passcode", "not the passcode")
    page.keyboard.press("Enter")
    page.get_by_text("That passcode is not right.").wait_for(state="attached", timeout=15_000)
    screenshot(page, "lan-02-wrong")
    assert not secret_seen(page, frames)

    # The right one: the journal appears.
    page.get_by_role("textbox", name="Passcode").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(PASSCODE)
    page.keyboard.press("Enter")
    page.get_by_text(SECRET).first.wait_for(state="attached", timeout=20_000)
    screenshot(page, "lan-03-unlocked-journal")
    assert secret_seen(page, frames)
    context.close()

    # Every new visit (another tab, another phone) starts locked again.
    context = phone_context(browser)
    page = context.new_page()
    block_hosts_except(page, (LAN_HOST,))
    frames = capture_frames(page)
    open_app_on_phone(page, lan_url(lan_server) + "journal")
    page.get_by_text("Stepwise is locked").wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(1000)
    assert not secret_seen(page, frames)
    context.close()
    assert not [url for url in blocked if LAN_HOST in url]


def test_wrong_passcodes_are_rate_limited_in_the_browser(browser, lan_server):
    context = phone_context(browser)
    page = context.new_page()
    block_hosts_except(page, (LAN_HOST,))
    frames = capture_frames(page)
    open_app_on_phone(page, lan_url(lan_server))
    field = page.get_by_role("textbox", name="Passcode")
    field.wait_for(state="attached", timeout=30_000)
    for attempt in range(6):  # five free tries, then a wait
        field.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(f"guess number {attempt}")
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
    page.get_by_text(re.compile(r"Too many wrong tries\. Try again in \d+ seconds?\.")) \
        .wait_for(state="attached", timeout=15_000)
    screenshot(page, "lan-04-rate-limited")
    # Even the right passcode waits until the pause is over...
    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(PASSCODE)
    page.keyboard.press("Enter")
    page.wait_for_timeout(600)
    assert not secret_seen(page, frames)
    # ...and then opens the app.
    time.sleep(2.5)
    field.click()
    page.keyboard.press("Enter")
    page.get_by_role("tab", name="Journal").wait_for(state="attached", timeout=20_000)
    context.close()


def test_first_visit_sets_the_passcode_with_the_terminal_s_setup_code(browser, serve, tmp_path):
    data = tmp_path / "data"
    seed_journal(data)
    s = serve(data, extra_args=["--lan"])
    code = re.search(r"Setup code for the first visit: (\d{6})", s.log.read_text()).group(1)
    context = phone_context(browser)
    page = context.new_page()
    block_hosts_except(page, (LAN_HOST,))
    frames = capture_frames(page)
    open_app_on_phone(page, lan_url(s))
    page.get_by_text("Set a passcode").first.wait_for(state="attached", timeout=30_000)
    type_into(page, "Setup code from the terminal", "000000" if code != "000000" else "111111")
    type_into(page, "New passcode (at least 6 characters)", "my new passcode")
    type_into(page, "New passcode again", "my new passcode")
    page.keyboard.press("Enter")
    screenshot(page, "lan-05-setup-wrong-code")
    page.get_by_text(re.compile("setup code is not right")).wait_for(state="attached", timeout=15_000)
    assert not (data / "passcode.json").exists()
    type_into(page, "Setup code from the terminal", "")
    page.keyboard.press("Control+A")
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    page.get_by_role("tab", name="Journal").wait_for(state="attached", timeout=20_000)
    assert SECRET.encode() not in b"".join(frames[:3])
    stored = (data / "passcode.json").read_text()
    assert "my new passcode" not in stored and json.loads(stored)["scheme"] == "scrypt"
    assert stat.S_IMODE(os.stat(data / "passcode.json").st_mode) == 0o600
    context.close()


def test_manifest_and_icons_are_stepwise_s(lan_server):
    base = lan_url(lan_server)
    with urllib.request.urlopen(base + "manifest.json", timeout=5) as response:
        manifest = json.loads(response.read())
    assert manifest["name"] == "Stepwise" and manifest["short_name"] == "Stepwise"
    assert manifest["theme_color"].upper() == "#2F6B5F"
    from pathlib import Path

    assets = Path(__file__).resolve().parents[2] / "assets"
    for src in [icon["src"] for icon in manifest["icons"]] + ["favicon.png",
                                                              "icons/apple-touch-icon-192.png"]:
        with urllib.request.urlopen(base + src, timeout=5) as response:
            assert response.read() == (assets / src).read_bytes(), f"{src} is not ours"
    with urllib.request.urlopen(base, timeout=5) as response:
        index = response.read().decode()
    assert "<title>Stepwise</title>" in index and 'content="#2F6B5F"' in index
