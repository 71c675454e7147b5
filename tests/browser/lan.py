"""`--lan` helpers for the browser tests: the second loopback address a phone would use, a
journal secret that must never be sent before the passcode, and the websocket frames to look in."""

from __future__ import annotations

from storage import Store
from tests.browser.harness import served_now

LAN_HOST = "127.0.0.2"


SECRET = "Zebra-quartz journal secret 7141"


PASSCODE = "phone-passcode-1"


def seed_journal(data_dir) -> None:
    now = served_now()
    store = Store.open(data_dir)
    try:
        store.journal.add_note(now.date(), SECRET, now)
    finally:
        store.close()


def lan_url(server) -> str:
    return f"http://{LAN_HOST}:{server.port}/"


def capture_frames(page) -> list[bytes]:
    """Every WebSocket message the server sends to this page."""
    frames: list[bytes] = []

    def on_socket(ws):
        ws.on("framereceived", lambda payload: frames.append(
            payload if isinstance(payload, bytes) else payload.encode("utf-8")))

    page.on("websocket", on_socket)
    return frames


def secret_seen(page, frames) -> bool:
    return (SECRET.encode() in b"".join(frames)
            or SECRET in page.content())


def type_into(page, name: str, text: str) -> None:
    field = page.get_by_role("textbox", name=name)
    field.wait_for(state="attached", timeout=20_000)
    field.click()
    page.keyboard.type(text)
    page.wait_for_timeout(300)  # let the last keystrokes reach the server before Enter
