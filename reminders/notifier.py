"""How a reminder reaches the user on a computer: the Notifier interface and its desktop implementation.

`DesktopNotifier` hands notifications to plyer (`plyer.notification.notify`),
imported lazily. plyer fails quietly in two common ways, so `health()` looks
before `send()` leaps:

- plyer has no backend for the platform: its facade raises
  NotImplementedError (on Linux: neither dbus-python nor notify-send).
- On Linux, plyer runs `notify-send` and ignores its exit status;
  without a reachable session bus, or with nobody owning
  `org.freedesktop.Notifications` on it, nothing appears and nothing says
  so. `health()` asks the bus itself (dbus-send, or gdbus) with a short
  timeout and says why it can't fire.
- Web mode (the app served to a browser, perhaps on a phone): plyer would
  notify the *server* machine, so the app passes `web_mode=True` and
  `health()` says so.

Nothing here imports Flet or the phone path.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import warnings
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

APP_NAME = "Stepwise"
NOTIFICATIONS_NAME = "org.freedesktop.Notifications"
PORTAL_NAME = "org.freedesktop.portal.Desktop"
WEB_MODE_REASON = (
    "the app is served to a browser: a desktop notification would appear on the "
    "machine running the server, not on your phone, so reminders show inside the app only"
)


@dataclass(frozen=True)
class DeliveryResult:
    """What became of one notification."""

    delivered: bool
    backend: str  # e.g. "notify-send", "dbus-python", "none"
    detail: str = ""  # why not, or what it was handed to


@dataclass(frozen=True)
class Health:
    """Whether notifications can be shown right now, and why (not)."""

    can_fire: bool
    reason: str


@runtime_checkable
class Notifier(Protocol):
    def send(self, title: str, body: str) -> DeliveryResult: ...

    def health(self) -> Health: ...


class NullNotifier:
    """A notifier that never shows anything, for a reason it states (web mode, tests)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def send(self, title: str, body: str) -> DeliveryResult:
        return DeliveryResult(False, "none", self.reason)

    def health(self) -> Health:
        return Health(False, self.reason)


# plyer's class names, as a user would recognise the backend.
_BACKEND_NAMES = {
    "NotifyDbus": "dbus-python",
    "NotifySendNotification": "notify-send",
    "NotifyDesktopPortals": "xdg-desktop-portal",
    "WindowsNotification": "windows",
    "OSXNotification": "macos",
    "AndroidNotification": "android",
    "Notification": "none",
}


def plyer_backend() -> tuple[str, object]:
    """(backend name, plyer's notification implementation). Imports plyer.

    The name is "none" when plyer has no implementation for this system
    (its `notify` would raise NotImplementedError).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # plyer warns when dbus-python is missing
        import plyer
        from plyer.facades import Notification

        impl = plyer.notification.notify.__self__
    cls = type(impl)
    if cls._notify is Notification._notify:  # the facade's own: raises NotImplementedError
        return "none", impl
    return _BACKEND_NAMES.get(cls.__name__, cls.__name__), impl


def _is_socket(path: str) -> bool:
    try:
        return stat.S_ISSOCK(os.stat(path).st_mode)
    except OSError:
        return False


def session_bus_address(environ: Mapping[str, str]) -> tuple[str | None, str]:
    """(address, where it came from). Falls back to $XDG_RUNTIME_DIR/bus like libdbus and GLib."""
    address = environ.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address, "DBUS_SESSION_BUS_ADDRESS"
    runtime = environ.get("XDG_RUNTIME_DIR") or (
        f"/run/user/{os.getuid()}" if hasattr(os, "getuid") else ""
    )
    if runtime and _is_socket(os.path.join(runtime, "bus")):
        return f"unix:path={os.path.join(runtime, 'bus')}", f"{runtime}/bus"
    return None, ""


class DesktopNotifier:
    """Notifications on the machine running Stepwise, through plyer."""

    def __init__(
        self,
        *,
        web_mode: bool = False,
        app_name: str = APP_NAME,
        environ: MutableMapping[str, str] | None = None,
        platform: str | None = None,
        which: Callable[[str], str | None] = shutil.which,
        run: Callable[..., subprocess.CompletedProcess] = subprocess.run,
        backend: Callable[[], tuple[str, object]] = plyer_backend,
        bus_timeout: float = 2.0,
    ) -> None:
        self.web_mode = web_mode
        self.app_name = app_name
        self.environ = os.environ if environ is None else environ
        self.platform = sys.platform if platform is None else platform
        self._which = which
        self._run = run
        self._backend = backend
        self.bus_timeout = bus_timeout

    # --- health ----------------------------------------------------------
    def health(self) -> Health:
        if self.web_mode:
            return Health(False, WEB_MODE_REASON)
        try:
            name, _ = self._backend()
        except Exception as exc:  # noqa: BLE001 - plyer missing or broken
            return Health(False, f"plyer could not be loaded: {type(exc).__name__}: {exc}")
        if name == "none":
            return Health(False, self._no_backend_reason())
        if not self.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            return Health(True, f"notifications go through plyer ({name})")
        return self._bus_health(name)

    def _no_backend_reason(self) -> str:
        if self.platform.startswith("linux"):
            return (
                "no notification backend: plyer needs notify-send (Debian/Ubuntu: "
                "apt install libnotify-bin) or dbus-python"
            )
        if self.platform == "darwin":
            return "no notification backend: plyer needs pyobjus on macOS (pip install pyobjus)"
        return f"no notification backend: plyer has no notification support on {self.platform}"

    def _bus_health(self, backend: str) -> Health:
        address, source = session_bus_address(self.environ)
        if address is None:
            return Health(
                False,
                "no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set and there is no "
                "$XDG_RUNTIME_DIR/bus (run from a desktop session, or set "
                "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$(id -u)/bus)",
            )
        wanted = PORTAL_NAME if backend == "xdg-desktop-portal" else NOTIFICATIONS_NAME
        env = dict(self.environ)
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        owned = self._ask_bus("NameHasOwner", wanted, env)
        if isinstance(owned, Health):
            return owned
        if owned is None:
            return Health(True, f"session bus at {address} (not checked: no dbus-send or gdbus); via {backend}")
        if owned:
            return Health(True, f"{wanted} is on the session bus; via {backend}")
        activatable = self._ask_bus("ListActivatableNames", wanted, env)
        if activatable is True:
            return Health(True, f"{wanted} can be started on the session bus; via {backend}")
        return Health(
            False,
            f"no notification server on the session bus ({address}): nothing owns {wanted}; "
            "is a desktop session with a notification daemon running?",
        )

    def _ask_bus(self, method: str, name: str, env: dict[str, str]) -> bool | None | Health:
        """True/False for the answer, None when no tool can ask, Health when the bus is unreachable."""
        timeout_ms = str(int(self.bus_timeout * 1000))
        dbus_send = self._which("dbus-send")
        gdbus = self._which("gdbus")
        if dbus_send:
            args = [dbus_send, "--session", "--print-reply", f"--reply-timeout={timeout_ms}",
                    "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", f"org.freedesktop.DBus.{method}"]
            if method == "NameHasOwner":
                args.append(f"string:{name}")
        elif gdbus:
            args = [gdbus, "call", "--session", "--timeout", str(max(1, int(self.bus_timeout))),
                    "--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
                    "--method", f"org.freedesktop.DBus.{method}"]
            if method == "NameHasOwner":
                args.append(name)
        else:
            return None
        try:
            proc = self._run(args, env=env, capture_output=True, text=True,
                             timeout=self.bus_timeout + 1.0, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return Health(False, f"the D-Bus session bus did not answer within {self.bus_timeout:g} s")
        except OSError as exc:
            return Health(False, f"could not ask the D-Bus session bus: {exc}")
        if proc.returncode != 0:
            message = (proc.stderr or proc.stdout or "").strip().splitlines()
            why = message[0] if message else f"exit status {proc.returncode}"
            return Health(False, f"the D-Bus session bus ({env['DBUS_SESSION_BUS_ADDRESS']}) is unreachable: {why}")
        out = proc.stdout or ""
        if method == "NameHasOwner":
            return "true" in out.split()[-1:] or "(true,)" in out or "boolean true" in out
        return f'"{name}"' in out or f"'{name}'" in out

    # --- sending -----------------------------------------------------------
    def send(self, title: str, body: str) -> DeliveryResult:
        health = self.health()
        try:
            backend, impl = self._backend() if not self.web_mode else ("none", None)
        except Exception as exc:  # noqa: BLE001
            return DeliveryResult(False, "none", f"plyer could not be loaded: {exc}")
        if not health.can_fire:
            return DeliveryResult(False, backend, health.reason)
        if self.platform.startswith("linux") and not self.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            # Found through $XDG_RUNTIME_DIR/bus (e.g. run from cron): tell notify-send too.
            address, _ = session_bus_address(self.environ)
            if address:
                self.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                impl.notify(title=title, message=body, app_name=self.app_name, timeout=10)  # type: ignore[union-attr]
        except NotImplementedError:
            return DeliveryResult(False, "none", self._no_backend_reason())
        except Exception as exc:  # noqa: BLE001 - a failed notification must not crash a loop
            return DeliveryResult(False, backend, f"{type(exc).__name__}: {exc}")
        return DeliveryResult(True, backend, f"handed to {backend}")
