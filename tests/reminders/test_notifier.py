"""DesktopNotifier's health check and send, with the bus and plyer faked (the real thing: test_reminders_e2e)."""

from __future__ import annotations

import subprocess

import pytest

from reminders.notifier import (
    WEB_MODE_REASON,
    DeliveryResult,
    DesktopNotifier,
    Health,
    Notifier,
    NullNotifier,
    plyer_backend,
)


class FakePlyer:
    def __init__(self, error: Exception | None = None) -> None:
        self.calls = []
        self.error = error

    def notify(self, **kwargs):
        if self.error is not None:
            raise self.error
        self.calls.append(kwargs)


class FakeBus:
    """Answers dbus-send like a session bus would (or wouldn't)."""

    def __init__(self, owner=True, activatable=False, rc=0, stderr="", timeout=False):
        self.owner, self.activatable, self.rc, self.stderr, self.timeout = owner, activatable, rc, stderr, timeout
        self.calls = []

    def __call__(self, args, **kwargs):
        self.calls.append((args, kwargs))
        if self.timeout:
            raise subprocess.TimeoutExpired(args, kwargs.get("timeout"))
        if self.rc:
            return subprocess.CompletedProcess(args, self.rc, "", self.stderr)
        if args[-1].startswith("string:"):
            out = f"method return ...\n   boolean {'true' if self.owner else 'false'}\n"
        else:
            names = ['"org.freedesktop.DBus"'] + (['"org.freedesktop.Notifications"'] if self.activatable else [])
            out = "method return ...\n   array [\n" + "\n".join(f"      string {n}" for n in names) + "\n   ]\n"
        return subprocess.CompletedProcess(args, 0, out, "")


def make(bus=None, env=None, backend=("notify-send", None), plyer=None, platform="linux", **kw):
    plyer = plyer or FakePlyer()
    env = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/tmp/fake-bus"} if env is None else env

    def fake_backend():
        if isinstance(backend, Exception):
            raise backend
        return backend[0], plyer

    notifier = DesktopNotifier(
        environ=env, platform=platform, which=lambda name: f"/usr/bin/{name}",
        run=bus or FakeBus(), backend=fake_backend, **kw,
    )
    return notifier, plyer


def test_both_implementations_satisfy_the_protocol():
    assert isinstance(DesktopNotifier(), Notifier)
    assert isinstance(NullNotifier("x"), Notifier)


def test_healthy_when_a_notification_server_owns_the_name():
    bus = FakeBus(owner=True)
    notifier, plyer = make(bus)
    health = notifier.health()
    assert health == Health(True, "org.freedesktop.Notifications is on the session bus; via notify-send")
    args, kwargs = bus.calls[0]
    assert "--session" in args and "org.freedesktop.DBus.NameHasOwner" in args
    assert args[-1] == "string:org.freedesktop.Notifications"
    assert kwargs["env"]["DBUS_SESSION_BUS_ADDRESS"] == "unix:path=/tmp/fake-bus"
    assert kwargs["timeout"] <= 5
    result = notifier.send("Stepwise", "Read — hi")
    assert result == DeliveryResult(True, "notify-send", "handed to notify-send")
    assert plyer.calls == [{"title": "Stepwise", "message": "Read — hi", "app_name": "Stepwise", "timeout": 10}]


def test_web_mode_never_fires_and_says_why():
    notifier, plyer = make(web_mode=True)
    assert notifier.health() == Health(False, WEB_MODE_REASON)
    assert "phone" in WEB_MODE_REASON and "server" in WEB_MODE_REASON
    result = notifier.send("Stepwise", "x")
    assert not result.delivered and result.detail == WEB_MODE_REASON
    assert plyer.calls == []


def test_no_session_bus_address(tmp_path):
    notifier, plyer = make(env={"XDG_RUNTIME_DIR": str(tmp_path)})
    health = notifier.health()
    assert not health.can_fire
    assert "DBUS_SESSION_BUS_ADDRESS is not set" in health.reason
    assert not notifier.send("Stepwise", "x").delivered
    assert plyer.calls == []


def test_bus_found_through_xdg_runtime_dir(tmp_path):
    import socket

    path = tmp_path / "bus"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    try:
        env = {"XDG_RUNTIME_DIR": str(tmp_path)}
        bus = FakeBus(owner=True)
        notifier, plyer = make(bus, env=env)
        assert notifier.health().can_fire
        assert bus.calls[0][1]["env"]["DBUS_SESSION_BUS_ADDRESS"] == f"unix:path={path}"
        assert notifier.send("Stepwise", "x").delivered
        assert env["DBUS_SESSION_BUS_ADDRESS"] == f"unix:path={path}"  # passed on to notify-send
    finally:
        sock.close()


def test_unreachable_bus():
    notifier, _ = make(FakeBus(rc=1, stderr="Failed to open connection to \"session\" message bus: No such file"))
    health = notifier.health()
    assert not health.can_fire
    assert "unreachable" in health.reason and "Failed to open connection" in health.reason


def test_bus_that_does_not_answer():
    notifier, _ = make(FakeBus(timeout=True), bus_timeout=0.5)
    health = notifier.health()
    assert not health.can_fire and "did not answer" in health.reason


def test_no_notification_server_on_the_bus():
    notifier, plyer = make(FakeBus(owner=False))
    health = notifier.health()
    assert not health.can_fire
    assert "nothing owns org.freedesktop.Notifications" in health.reason
    assert not notifier.send("Stepwise", "x").delivered
    assert plyer.calls == []


def test_activatable_notification_server_counts():
    notifier, _ = make(FakeBus(owner=False, activatable=True))
    assert notifier.health().can_fire


def test_plyer_without_backend_raises_not_implemented():
    notifier, _ = make(backend=("none", None))
    health = notifier.health()
    assert not health.can_fire and "no notification backend" in health.reason and "libnotify-bin" in health.reason
    # And if plyer's facade raises NotImplementedError after all, send says so rather than crashing.
    notifier, _ = make(plyer=FakePlyer(NotImplementedError("No usable implementation found!")))
    result = notifier.send("Stepwise", "x")
    assert not result.delivered and "no notification backend" in result.detail


def test_plyer_errors_are_reported_not_raised():
    notifier, _ = make(plyer=FakePlyer(RuntimeError("boom")))
    result = notifier.send("Stepwise", "x")
    assert result == DeliveryResult(False, "notify-send", "RuntimeError: boom")
    notifier, _ = make(backend=ImportError("No module named 'plyer'"))
    assert not notifier.health().can_fire
    assert not notifier.send("Stepwise", "x").delivered


def test_other_platforms_trust_plyer():
    notifier, _ = make(platform="win32", backend=("windows", None), env={})
    assert notifier.health() == Health(True, "notifications go through plyer (windows)")
    notifier, _ = make(platform="darwin", backend=("none", None), env={})
    assert "pyobjus" in notifier.health().reason


def test_gdbus_is_used_when_dbus_send_is_missing():
    calls = []

    def run(args, **kwargs):
        calls.append(args)
        return subprocess.CompletedProcess(args, 0, "(true,)\n", "")

    notifier = DesktopNotifier(environ={"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}, platform="linux",
                               which=lambda n: "/usr/bin/gdbus" if n == "gdbus" else None,
                               run=run, backend=lambda: ("notify-send", FakePlyer()))
    assert notifier.health().can_fire
    assert calls[0][:2] == ["/usr/bin/gdbus", "call"]


def test_null_notifier():
    n = NullNotifier("reminders show in the app only")
    assert n.health() == Health(False, "reminders show in the app only")
    assert n.send("a", "b") == DeliveryResult(False, "none", "reminders show in the app only")


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="Linux D-Bus check")
def test_real_health_without_any_session_bus(tmp_path, monkeypatch):
    """The real checks on this machine, with no bus in reach: cannot fire, and says why."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    notifier = DesktopNotifier()
    name, _ = plyer_backend()
    health = notifier.health()
    assert not health.can_fire
    if name == "none":
        assert "no notification backend" in health.reason
    else:
        assert "DBUS_SESSION_BUS_ADDRESS is not set" in health.reason
