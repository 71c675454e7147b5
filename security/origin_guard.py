"""The server talks only to its own pages (issue 18, item 5).

Flet's web server answers any ``Host``, accepts a websocket from any
``Origin`` and marks every response ``Access-Control-Allow-Origin: *``. Any
web page the user visits could then, through DNS rebinding or a browser that
lets public pages reach ``127.0.0.1``, open the app's websocket and read the
journal. ``OriginGuard`` is a plain ASGI middleware around Flet's app:

* HTTP and websocket requests whose ``Host`` is not one of this server's
  names (loopback names; in ``--lan`` also this machine's LAN addresses and
  host name) get 421, which closes DNS rebinding: the attacker's name is
  never a name we serve.
* A websocket whose ``Origin`` is not ``http://<one of our names>:<our port>``
  is refused before it is accepted (403), so a foreign page gets nothing.
* ``Access-Control-Allow-Origin`` is removed; pages get ``X-Frame-Options:
  DENY`` and a Content-Security-Policy with ``frame-ancestors 'none'`` that
  still lets the Flutter web client run (its own scripts and WebAssembly,
  inline bootstrap, blob workers, the websocket back to us).
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any, Awaitable, Callable, Iterable
from urllib.parse import urlsplit

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",  # the websocket back to us (its Origin is checked here)
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
])
ADDED_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
DROPPED_HEADERS = {b"access-control-allow-origin", b"access-control-allow-credentials"}


def split_host(value: str) -> tuple[str, int | None] | None:
    """'127.0.0.1:8550' -> ('127.0.0.1', 8550); '[::1]:80' -> ('::1', 80); None if malformed."""
    value = value.strip().lower()
    if not value or any(c in value for c in "/@?# \\"):
        return None
    try:
        parts = urlsplit(f"//{value}")
        port = parts.port
        name = parts.hostname
    except ValueError:
        return None
    if not name:
        return None
    return name.rstrip("."), port


def is_loopback_name(name: str) -> bool:
    if name in ("localhost",) or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class ServedNames:
    """The names this server answers to: loopback always; LAN addresses and the host name too
    when serving to the network."""

    def __init__(self, extra: Iterable[str] = ()) -> None:
        self.extra = {n.lower().rstrip(".") for n in extra if n}

    @classmethod
    def for_serving(cls, lan: bool, host: str, addresses: Iterable[str] = ()) -> "ServedNames":
        names = set()
        if lan or host not in ("127.0.0.1", "localhost", "::1"):
            names |= set(addresses)
            if host not in ("0.0.0.0", "::", ""):
                names.add(host)
            try:
                hostname = socket.gethostname()
            except OSError:
                hostname = ""
            if hostname:
                names |= {hostname, f"{hostname}.local"}
        return cls(names)

    def allows(self, name: str) -> bool:
        return is_loopback_name(name) or name in self.extra


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class OriginGuard:
    """ASGI middleware: refuse foreign Host and Origin, add frame and content policies."""

    def __init__(self, app: ASGIApp, names: ServedNames) -> None:
        self.app = app
        self.names = names

    def _port(self, scope: Scope) -> int | None:
        server = scope.get("server")
        return server[1] if server and len(server) > 1 else None

    def host_ok(self, scope: Scope) -> bool:
        host = _header(scope, b"host")
        parsed = split_host(host) if host is not None else None
        if parsed is None:
            return False
        name, port = parsed
        expected = self._port(scope)
        default = 443 if scope.get("scheme") in ("https", "wss") else 80
        return self.names.allows(name) and (expected is None or (port or default) == expected)

    def origin_ok(self, scope: Scope) -> bool:
        origin = _header(scope, b"origin")
        if origin is None:
            return False
        parts = urlsplit(origin.strip().lower())
        if parts.scheme not in ("http", "https") or parts.path not in ("", "/"):
            return False
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return False
        name = (parts.hostname or "").rstrip(".")
        expected = self._port(scope)
        return bool(name) and self.names.allows(name) and (expected is None or port == expected)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope.get("type")
        if kind == "websocket":
            if not (self.host_ok(scope) and self.origin_ok(scope)):
                await receive()  # websocket.connect
                await send({"type": "websocket.close", "code": 1008, "reason": "origin refused"})
                return
            await self.app(scope, receive, send)
            return
        if kind != "http":
            await self.app(scope, receive, send)
            return
        if not self.host_ok(scope):
            body = b"This Stepwise server does not answer to that host name.\n"
            await send({"type": "http.response.start", "status": 421,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    (b"content-length", str(len(body)).encode()), *ADDED_HEADERS]})
            await send({"type": "http.response.body", "body": body})
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message.get("type") == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in DROPPED_HEADERS]
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in ADDED_HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(names: ServedNames, inner: Callable[[ASGIApp], ASGIApp] | None = None) -> bool:
    """Wrap the app Flet's web server hands to uvicorn (flet_web.fastapi). False if that
    server is not the one Flet uses here (e.g. inside a packaged app).

    `inner` wraps Flet's app first (serving.static_policy), so the guard still
    sees, and refuses, every request before anything else does.
    """
    try:
        from flet_web.fastapi import serve_fastapi_web_app as served
    except ImportError:
        return False
    real = getattr(served, "_stepwise_real_uvicorn", None) or served.uvicorn

    class GuardedConfig(real.Config):  # type: ignore[misc, name-defined]
        def __init__(self, app: ASGIApp, *args: Any, **kwargs: Any) -> None:
            super().__init__(OriginGuard(inner(app) if inner else app, names), *args, **kwargs)

    class Shim:
        Config = GuardedConfig
        Server = real.Server

    served._stepwise_real_uvicorn = real
    served.uvicorn = Shim
    return True
