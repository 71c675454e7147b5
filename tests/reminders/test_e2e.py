"""A real notification, end to end, on a private D-Bus session bus.

The test starts its own `dbus-daemon`, runs a tiny org.freedesktop.Notifications
server on it (this file, run as a script; it records every Notify call to a
JSON-lines file), then runs the reminder code in a subprocess with
DBUS_SESSION_BUS_ADDRESS pointing at that bus. The path under test is the real
one: DesktopNotifier -> plyer -> notify-send (libnotify-bin) -> D-Bus -> server.

    python tests/reminders/test_e2e.py serve RECORD.jsonl READY-FILE

Needs: dbus-daemon (Debian: dbus), notify-send (libnotify-bin), jeepney (pip).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# --- the notification server (runs in its own process) --------------------
def serve(record_path: str, ready_path: str) -> None:
    from jeepney import HeaderFields, MessageType, new_error, new_method_return
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    conn = open_dbus_connection(bus="SESSION")
    reply = conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.Notifications", 4))
    if reply.body[0] != 1:  # 1: primary owner
        raise SystemExit(f"could not own org.freedesktop.Notifications: {reply.body}")
    Path(ready_path).write_text("ready")
    next_id = 1
    while True:
        msg = conn.receive()
        if msg.header.message_type != MessageType.method_call:
            continue
        member = msg.header.fields.get(HeaderFields.member)
        if member == "Notify":
            app_name, replaces_id, icon, summary, body, actions, hints, timeout = msg.body
            with open(record_path, "a", encoding="utf-8") as f:
                f.write(json.dumps({"app_name": app_name, "summary": summary, "body": body}) + "\n")
            conn.send(new_method_return(msg, "u", (next_id,)))
            next_id += 1
        elif member == "GetServerInformation":
            conn.send(new_method_return(msg, "ssss", ("stepwise-test", "stepwise", "1.0", "1.2")))
        elif member == "GetCapabilities":
            conn.send(new_method_return(msg, "as", (["body"],)))
        elif member == "CloseNotification":
            conn.send(new_method_return(msg))
        else:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod", "s", (f"no method {member}",)))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3])
        sys.exit(0)
    sys.exit("usage: test_reminders_e2e.py serve RECORD READY")


# --- the tests ------------------------------------------------------------
import pytest  # noqa: E402

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="D-Bus notifications are Linux-only"),
    pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon (apt install dbus)"),
    pytest.mark.skipif(shutil.which("notify-send") is None, reason="needs notify-send (apt install libnotify-bin)"),
]


class Bus:
    def __init__(self, address: str, env: dict[str, str], record: Path) -> None:
        self.address = address
        self.env = env
        self.record = record

    def notifications(self) -> list[dict]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text(encoding="utf-8").splitlines() if line]


def _start_bus(workdir: Path) -> tuple[subprocess.Popen, str]:
    sock = workdir / "bus"
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1", f"--address=unix:path={sock}"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    address = daemon.stdout.readline().strip()
    if not address:
        daemon.kill()
        pytest.fail("dbus-daemon did not start")
    return daemon, address


def _clean_env(address: str | None, workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DBUS_") and k not in ("XDG_RUNTIME_DIR", "DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_RUNTIME_DIR"] = str(workdir)  # no stray $XDG_RUNTIME_DIR/bus to fall back on
    if address:
        env["DBUS_SESSION_BUS_ADDRESS"] = address
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.fixture
def workdir():
    # Short path: a unix socket path must stay under ~100 bytes.
    path = Path(tempfile.mkdtemp(prefix="sw-bus-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def bare_bus(workdir):
    """A private session bus with no notification server on it."""
    daemon, address = _start_bus(workdir)
    try:
        yield Bus(address, _clean_env(address, workdir), workdir / "record.jsonl")
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


@pytest.fixture
def notification_bus(bare_bus, workdir):
    """A private session bus with the recording notification server on it."""
    pytest.importorskip("jeepney")
    ready = workdir / "ready"
    server = subprocess.Popen([sys.executable, __file__, "serve", str(bare_bus.record), str(ready)],
                              env=bare_bus.env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 15
        while not ready.exists():
            if server.poll() is not None:
                pytest.fail(f"notification server died: {server.stderr.read()}")
            if time.monotonic() > deadline:
                pytest.fail("notification server did not start")
            time.sleep(0.05)
        yield bare_bus
    finally:
        server.terminate()
        server.wait(timeout=10)


def py(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def wait_for(bus: Bus, count: int, timeout: float = 5.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = bus.notifications()
        if len(got) >= count:
            return got
        time.sleep(0.05)
    return bus.notifications()


def test_desktop_notifier_shows_a_real_notification(notification_bus):
    proc = py("""
        from reminders.notifier import DesktopNotifier
        n = DesktopNotifier()
        h = n.health()
        print("health", h.can_fire, h.reason)
        r = n.send("Stepwise", "Read — The two-minute rule")
        print("sent", r.delivered, r.backend, r.detail)
    """, notification_bus.env)
    assert proc.returncode == 0, proc.stderr
    assert "health True" in proc.stdout and "sent True" in proc.stdout, proc.stdout
    assert wait_for(notification_bus, 1) == [
        {"app_name": "Stepwise", "summary": "Stepwise", "body": "Read — The two-minute rule"}]


def test_health_says_why_when_no_server_owns_the_name(bare_bus):
    proc = py("""
        from reminders.notifier import DesktopNotifier
        n = DesktopNotifier()
        h = n.health()
        print(h.can_fire)
        print(h.reason)
        print(n.send("Stepwise", "x").delivered)
    """, bare_bus.env)
    assert proc.returncode == 0, proc.stderr
    can_fire, reason, delivered = proc.stdout.strip().splitlines()
    assert can_fire == "False" and delivered == "False"
    assert "nothing owns org.freedesktop.Notifications" in reason


def test_health_says_why_without_any_bus(workdir):
    proc = py("""
        from reminders.notifier import DesktopNotifier
        print(DesktopNotifier().health().reason)
    """, _clean_env(None, workdir))
    assert proc.returncode == 0, proc.stderr
    assert "DBUS_SESSION_BUS_ADDRESS is not set" in proc.stdout


def test_health_says_why_when_the_bus_is_gone(workdir):
    proc = py("""
        from reminders.notifier import DesktopNotifier
        print(DesktopNotifier().health().reason)
    """, _clean_env(f"unix:path={workdir}/no-such-bus", workdir))
    assert proc.returncode == 0, proc.stderr
    assert "unreachable" in proc.stdout


# The remind command with the real notifier and the real bus; only the app's
# data is the in-memory port (reminders/memory.py).
COMMAND_WITH_FAKE_STORE = """
    import sys
    from datetime import date
    import reminders.command as command
    from reminders.memory import MemoryReminderPort
    from reminders.settings import ReminderSettings, ReminderTime, save_settings

    store = MemoryReminderPort(insight_title="The two-minute rule")
    save_settings(store, ReminderSettings(enabled=True, times=(
        ReminderTime("read", "08:00", (0, 1, 2, 3, 4, 5, 6), "Read"),)))
    if {done!r}:
        store.finish(date(2025, 3, 10), "x")
    sys.exit(command.run(["--data-dir", "/unused", "--zone", "Europe/Berlin", "--now", "2025-03-10T08:05"],
                         port_opener=lambda path: store))
"""


def test_remind_command_sends_the_due_reminder(notification_bus):
    proc = py(COMMAND_WITH_FAKE_STORE.format(done=False), notification_bus.env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "sent: Read — The two-minute rule"
    assert wait_for(notification_bus, 1) == [
        {"app_name": "Stepwise", "summary": "Stepwise", "body": "Read — The two-minute rule"}]


def test_remind_command_sends_nothing_once_practice_is_done(notification_bus):
    proc = py(COMMAND_WITH_FAKE_STORE.format(done=True), notification_bus.env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "nothing due: today's practice is done"
    time.sleep(0.5)
    assert notification_bus.notifications() == []


# --- `python main.py remind` with the real storage --------------------------
def _store_cls():
    try:
        from storage import Store
    except ImportError:
        pytest.skip("the storage package (storage.Store) has not landed yet")
    return Store


def _data_dir(tmp_path: Path, done: bool) -> tuple[Path, str]:
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from daily.reminder_port import open_reminder_port
    from reminders.message import compose
    from reminders.settings import ReminderSettings, ReminderTime, save_settings

    _store_cls()
    data = tmp_path / "data"
    port = open_reminder_port(data)  # the data and the content, as `remind` opens them
    store = port.practice.store
    try:
        save_settings(port, ReminderSettings(enabled=True, times=(
            ReminderTime("read", "08:00", (0, 1, 2, 3, 4, 5, 6), "Read"),
            ReminderTime("reflect", "20:00", (0, 1, 2, 3, 4, 5, 6), "Reflect"))))
        if done:
            store.practice.mark_finished("x", date(2025, 3, 10),
                                         datetime(2025, 3, 10, 7, 0, tzinfo=ZoneInfo("Europe/Berlin")))
        _, body = compose("Read", port.insight_title(date(2025, 3, 10)))
    finally:
        port.close()
    return data, body


def main_remind(bus: Bus, data: Path, now: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "remind", "--data-dir", str(data), "--now", now,
         "--zone", "Europe/Berlin"],
        cwd=ROOT, env=bus.env, capture_output=True, text=True, timeout=120)


def test_main_remind_end_to_end(notification_bus, tmp_path):
    data, body = _data_dir(tmp_path, done=False)
    assert body.startswith("Read — ")
    proc = main_remind(notification_bus, data, "2025-03-10T08:05")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"sent: {body}", "next reminder at Mon 2025-03-10 20:00 CET (Reflect)"]
    assert wait_for(notification_bus, 1) == [{"app_name": "Stepwise", "summary": "Stepwise", "body": body}]
    # The next timer run, five minutes later: the fired log was stored, nothing new arrives.
    proc = main_remind(notification_bus, data, "2025-03-10T08:10")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "nothing due: no reminder is due yet"
    time.sleep(0.5)
    assert len(notification_bus.notifications()) == 1


def test_main_remind_with_practice_done_sends_nothing(notification_bus, tmp_path):
    data, _ = _data_dir(tmp_path, done=True)
    proc = main_remind(notification_bus, data, "2025-03-10T08:05")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["nothing due: today's practice is done",
                                        "next reminder at Tue 2025-03-11 08:00 CET (Read)"]
    time.sleep(0.5)
    assert notification_bus.notifications() == []


def test_main_remind_run_by_several_processes_at_once_notifies_once(notification_bus, tmp_path):
    """The timer, a cron line and manual runs all at 08:05: one notification, not six."""
    data, body = _data_dir(tmp_path, done=False)
    procs = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "remind", "--data-dir", str(data),
             "--now", "2025-03-10T08:05", "--zone", "Europe/Berlin"],
            cwd=ROOT, env=notification_bus.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    firsts = sorted(out.splitlines()[0] for out, _ in outputs)
    assert firsts.count(f"sent: {body}") == 1, firsts
    time.sleep(0.5)
    assert len(notification_bus.notifications()) == 1
