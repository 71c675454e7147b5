"""A locked `--lan` client that speaks Flet's websocket protocol itself gets the passcode screen only.

No browser: a bare websocket client sends what Flet 1.0's Dart client sends
(flet_web/fastapi/flet_app.py: one 0x00 byte, then msgpack ``[action, body]``).
It registers on ``/journal``, changes the route, writes values that are not
text into the passcode field, clicks Unlock, and sends clicks, changes and
field values to every control id of an unlocked session of the same app
(a second client that entered the passcode). Nothing it sends runs the app's
handlers or writes to the data folder, and nothing it receives is more than
the passcode screen: no journal text, no insight, no app control, no
traceback. The unlocked client, driven the same way, does get the journal,
so the crafted events are ones the server acts on once unlocked.
"""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any, Iterator

import msgpack
import pytest

from content import load_insights
from security import PasscodeFile
from storage import Store
from tests.browser.harness import Server, served_now

REGISTER, PATCH, EVENT, UPDATE_PROPS, INVOKE, CRASHED = 1, 2, 3, 4, 5, 6
PASSCODE = "phone-passcode-1"
SECRET_NOTE = "Quokka-umbrella private note 5521"
SECRET_ANSWER = "Lantern-otter private answer 8832"
TYPED_BY_STRANGER = "Typed-by-a-stranger 4410"
PASSCODE_SCREEN_TEXT = {
    "Stepwise is locked",
    "Enter your passcode to open your journal and today's practice.",
    "Passcode",
    "Unlock",
    "That passcode is not right.",
    "Error: That passcode is not right.",
}
#: The control types of the passcode screen (and of every Flet page: Page, Window, ...).
PASSCODE_SCREEN_TYPES = {"Page", "Window", "ServiceRegistry", "SharedPreferences", "Dialogs",
                         "Overlay", "C", "View", "SafeArea", "Container", "Column", "Icon", "Text",
                         "TextField", "FilledButton"}


class FletClient:
    """One browser tab, as far as the server can tell: Flet's wire protocol over a websocket."""

    def __init__(self, port: int, user_agent: str) -> None:
        import websockets.sync.client as ws_client

        self.ws = ws_client.connect(f"ws://127.0.0.1:{port}/ws", origin=f"http://127.0.0.1:{port}",
                                    user_agent_header=user_agent, open_timeout=10).__enter__()
        self.received: list[list] = []

    def send(self, action: int, body: Any) -> None:
        self.ws.send(b"\x00" + msgpack.packb([action, body]))

    def register(self, route: str) -> None:
        self.send(REGISTER, {"session_id": "", "page_name": "", "page": {
            "route": route, "web": True, "platform": "android", "width": 390, "height": 844}})

    def event(self, target: int, name: str, data: Any = None) -> None:
        self.send(EVENT, {"target": target, "name": name, "data": data})

    def props(self, control_id: int, props: dict) -> None:
        self.send(UPDATE_PROPS, {"id": control_id, "props": props})

    def type_into(self, control_id: int, value: Any) -> None:
        """What the Dart client sends when a field's text changes: the new value, then `change`."""
        self.props(control_id, {"value": value})
        self.event(control_id, "change", value)

    def wait_quiet(self, quiet: float = 1.5, limit: float = 20) -> list[list]:
        """Read until nothing arrives for `quiet` seconds; the messages read now."""
        fresh: list[list] = []
        deadline = time.monotonic() + limit
        last = time.monotonic()
        while time.monotonic() < deadline and time.monotonic() - last < quiet:
            try:
                frame = self.ws.recv(timeout=0.2)
            except TimeoutError:
                continue
            assert isinstance(frame, bytes) and frame[:1] == b"\x00", frame[:20]
            fresh.append(msgpack.unpackb(frame[1:], strict_map_key=False))
            last = time.monotonic()
        self.received += fresh
        return fresh

    def wait_for_text(self, text: str, limit: float = 30) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if text in strings(self.received):
                return
            self.wait_quiet(quiet=0.5, limit=2)
        raise AssertionError(f"{text!r} never arrived")

    def close(self) -> None:
        self.ws.close()


def walk(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from walk(item)


def strings(messages: list) -> set[str]:
    return {v for v in walk(messages) if isinstance(v, str)}


def controls(messages: list) -> dict[int, dict]:
    """Every control the server sent, by id."""
    return {v["_i"]: v for v in walk(messages) if isinstance(v, dict) and "_c" in v and "_i" in v}


def control_named(messages: list, kind: str, **props) -> int:
    for control_id, control in controls(messages).items():
        if control["_c"] == kind and all(control.get(k) == v for k, v in props.items()):
            return control_id
    raise AssertionError(f"no {kind} {props} in {sorted(strings(messages))[:40]}")


def folder_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`main.py --lan` with a passcode set, a journal note and an answer, seen by an unlocked tab."""
    data = tmp_path_factory.mktemp("locked") / "data"
    now = served_now()
    insight = load_insights().insights[0]
    with Store.open(data, now=lambda: now) as store:
        yesterday = now.date() - timedelta(days=1)
        store.journal.add_note(now.date(), SECRET_NOTE, now)
        store.journal.save_answer(insight.id, 0, insight.questions[0], yesterday, SECRET_ANSWER,
                                  now - timedelta(days=1))
    PasscodeFile(data).set(PASSCODE)
    server = Server(data, extra_args=["--lan"]).start()
    owner = FletClient(server.port, "owner's phone")
    try:
        owner.register("/journal")
        owner.wait_for_text("Stepwise is locked")
        field = control_named(owner.received, "TextField", label="Passcode")
        owner.type_into(field, PASSCODE)
        owner.event(control_named(owner.received, "FilledButton", content="Unlock"), "click")
        owner.wait_for_text(SECRET_NOTE)  # unlocked on /journal: the journal arrives
        owner.wait_quiet()
        yield server, owner, data, insight
    finally:
        owner.close()
        server.stop()


def test_the_same_crafted_events_open_the_journal_once_the_passcode_is_entered(served):
    """The control: these events drive the real app, so a locked client's refusal means something."""
    _server, owner, _data, _insight = served
    seen = strings(owner.received)
    assert SECRET_NOTE in seen
    assert {"Journal", "Today", "Progress", "Settings"} <= seen
    assert {c["_c"] for c in controls(owner.received).values()} - PASSCODE_SCREEN_TYPES  # the app's own


def test_a_locked_client_gets_the_passcode_screen_only_whatever_it_sends(served):
    server, owner, data, insight = served
    before = folder_bytes(data)
    owner_ids = sorted(controls(owner.received))
    stranger = FletClient(server.port, "stranger's phone")
    try:
        stranger.register("/journal")
        stranger.wait_for_text("Stepwise is locked")
        field = control_named(stranger.received, "TextField", label="Passcode")
        unlock = control_named(stranger.received, "FilledButton", content="Unlock")

        # Navigate without unlocking: the route as the browser reports it, and as an event.
        page_id = control_named(stranger.received, "Page")  # every session's page has the same id
        stranger.props(page_id, {"route": "/journal"})
        stranger.event(page_id, "route_change", {"route": "/journal"})
        stranger.event(page_id, "route_change", {"route": "/settings"})
        stranger.wait_quiet()

        # Values that are not text, then Unlock: a wrong try, not a crash.
        for value in (123456, {"passcode": PASSCODE}, [PASSCODE], None):
            stranger.type_into(field, value)
            stranger.event(unlock, "click")
            stranger.wait_quiet(quiet=0.8)
        stranger.event(field, "submit", None)
        stranger.wait_quiet(quiet=0.8)

        # The unlocked tab's controls (Journal tab, note field, buttons), by id, from the locked one.
        for control_id in owner_ids:
            stranger.props(control_id, {"value": TYPED_BY_STRANGER, "route": "/journal"})
            for name in ("click", "change", "submit", "blur", "tap", "select"):
                stranger.event(control_id, name, TYPED_BY_STRANGER)
        stranger.wait_quiet(quiet=2)
    finally:
        stranger.close()
    owner.wait_quiet()

    messages = stranger.received
    sent = strings(messages)
    assert [m for m in messages if m[0] == CRASHED] == []
    assert not [s for s in sent if "Traceback" in s or 'File "' in s or ".py" in s], "a traceback was sent"
    assert "That passcode is not right." in sent or any("Too many wrong tries" in s for s in sent)

    private = {SECRET_NOTE, SECRET_ANSWER, TYPED_BY_STRANGER, "Journal", "Today", "Progress", "Settings"}
    for other in load_insights().insights:
        private |= {other.title, other.book, *other.questions, *other.story}
    assert not sent & private, f"sent before the passcode: {sorted(sent & private)}"
    kinds = {c["_c"] for c in controls(messages).values()}
    assert kinds <= PASSCODE_SCREEN_TYPES, f"app controls sent while locked: {kinds - PASSCODE_SCREEN_TYPES}"
    texts = {c[k] for c in controls(messages).values()
             for k in ("value", "label", "content", "semantics_label", "tooltip")
             if isinstance(c.get(k), str)}
    assert texts <= PASSCODE_SCREEN_TEXT, texts - PASSCODE_SCREEN_TEXT

    # No handler of the app ran for the stranger: nothing was written to the data folder...
    assert TYPED_BY_STRANGER.encode() not in folder_bytes(data)
    assert folder_bytes(data).count(SECRET_NOTE.encode()) == before.count(SECRET_NOTE.encode())
    # ...and the unlocked tab was not driven by the stranger's events either.
    assert TYPED_BY_STRANGER not in strings(owner.received)
