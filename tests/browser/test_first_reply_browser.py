"""The server's first reply already carries Stepwise's title and theme.

Set any later, Flutter starts the page with its default theme and then
animates to ours for 200 ms, rebuilding and repainting the whole first
screen on each frame of it (and the screen visibly shifts as the text theme
changes). screens/app.py `dress` runs as Flet's `before_main` for that.
"""

from __future__ import annotations

import msgpack
import pytest

from screens.theme import ACCENT
from storage import Store
from tests.browser.harness import block_outside_hosts, open_app_on_phone, phone_context

pytestmark = pytest.mark.browser

REGISTER = 1
PATCH = 2


def decode(frame: bytes) -> list:
    """One server message: a 0x00 byte, then msgpack [action, body] (flet_web's wire format)."""
    assert frame[:1] == b"\x00", frame[:20]
    return msgpack.unpackb(frame[1:], strict_map_key=False)


def theme_patches(messages: list) -> list:
    """Every later patch of the page (control 1) that sets a theme property."""
    found = []
    for action, body in messages:
        if action != PATCH or body.get("id") != 1:
            continue
        for op in body["patch"][1:]:
            if len(op) == 4 and op[2] in ("theme", "dark_theme", "theme_mode"):
                found.append(op)
    return found


@pytest.mark.parametrize("mode", ["dark", "system"])
def test_title_and_theme_come_with_the_first_reply(browser, serve, tmp_path, mode):
    data = tmp_path / "data"
    store = Store.open(data)
    try:
        if mode != "system":
            store.settings.set("theme_mode", mode)
    finally:
        store.close()
    server = serve(data)
    context = phone_context(browser)
    try:
        page = context.new_page()
        block_outside_hosts(page)
        frames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on(
            "framereceived", lambda frame: frames.append(frame) if isinstance(frame, bytes) else None))
        open_app_on_phone(page, server.url)
        page.get_by_role("button", name="Start today's practice").wait_for(state="attached")
    finally:
        context.close()

    messages = [decode(frame) for frame in frames]
    action, body = messages[0]
    assert action == REGISTER
    first = body["page_patch"]
    assert first["title"] == "Stepwise"
    for key in ("theme", "dark_theme"):
        assert first[key]["color_scheme_seed"].lower() == ACCENT.lower(), key
        assert first[key]["use_material3"] is True
        assert first[key]["visual_density"] == "standard"
    # ThemeMode.SYSTEM is Flet's default, so the reply leaves it out.
    assert first.get("theme_mode", "system") == mode
    assert theme_patches(messages[1:]) == [], "the theme was sent again after the first reply"
