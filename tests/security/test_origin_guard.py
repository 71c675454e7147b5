"""The server talks only to its own pages: foreign Host and Origin refused, no CORS *,
not frameable (issue 18, item 5). The ASGI middleware is tested directly; one test runs
the real server (no browser) with a bare websocket client."""

from __future__ import annotations

import asyncio
import http.client
from pathlib import Path

import pytest

from security.origin_guard import CSP, OriginGuard, ServedNames, split_host

REPO = Path(__file__).resolve().parents[2]
PORT = 8550


def scope(kind: str, host: str | None, origin: str | None = None, port: int = PORT) -> dict:
    headers = []
    if host is not None:
        headers.append((b"host", host.encode()))
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    return {"type": kind, "headers": headers, "server": ("127.0.0.1", port), "scheme": "http",
            "path": "/"}


async def inner(scope, receive, send):
    if scope["type"] == "websocket":
        await send({"type": "websocket.accept"})
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"access-control-allow-origin", b"*"), (b"content-type", b"text/html")]})
    await send({"type": "http.response.body", "body": b"ok"})


def call(guard, sc) -> list[dict]:
    sent = []

    async def receive():
        return {"type": "websocket.connect"} if sc["type"] == "websocket" else {"type": "http.request"}

    async def send(message):
        sent.append(message)

    asyncio.run(guard(sc, receive, send))
    return sent


LOOPBACK = OriginGuard(inner, ServedNames())
LAN = OriginGuard(inner, ServedNames({"192.168.1.20", "laptop.local"}))


@pytest.mark.parametrize("guard, host", [
    (LOOPBACK, "127.0.0.1:8550"), (LOOPBACK, "localhost:8550"), (LOOPBACK, "[::1]:8550"),
    (LOOPBACK, "127.0.0.2:8550"), (LAN, "192.168.1.20:8550"), (LAN, "laptop.local:8550"),
    (LAN, "127.0.0.1:8550"),
])
def test_our_own_host_is_served_with_frame_and_content_policies_and_no_cors_star(guard, host):
    start = call(guard, scope("http", host))[0]
    assert start["status"] == 200
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    assert "access-control-allow-origin" not in headers
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


@pytest.mark.parametrize("guard, host", [
    (LOOPBACK, "evil.example"), (LOOPBACK, "evil.example:8550"), (LOOPBACK, None), (LOOPBACK, ""),
    (LOOPBACK, "127.0.0.1:9999"), (LOOPBACK, "192.168.1.20:8550"), (LOOPBACK, "127.0.0.1@evil:8550"),
    (LAN, "evil.example:8550"), (LAN, "192.168.1.21:8550"), (LAN, "laptop.local.evil.example:8550"),
])
def test_a_foreign_host_is_refused(guard, host):
    sent = call(guard, scope("http", host))
    assert sent[0]["status"] == 421 and b"ok" not in b"".join(m.get("body", b"") for m in sent)
    ws = call(guard, scope("websocket", host, "http://127.0.0.1:8550"))
    assert ws == [{"type": "websocket.close", "code": 1008, "reason": "origin refused"}]


@pytest.mark.parametrize("guard, origin, accepted", [
    (LOOPBACK, "http://127.0.0.1:8550", True), (LOOPBACK, "http://localhost:8550", True),
    (LOOPBACK, "http://evil.example", False), (LOOPBACK, "http://evil.example:8550", False),
    (LOOPBACK, None, False), (LOOPBACK, "null", False), (LOOPBACK, "http://127.0.0.1:8551", False),
    (LOOPBACK, "http://127.0.0.1.evil.example:8550", False), (LOOPBACK, "file://", False),
    (LAN, "http://192.168.1.20:8550", True), (LAN, "http://192.168.1.99:8550", False),
    (LAN, "http://evil.example:8550", False),
])
def test_the_websocket_accepts_only_our_own_origin(guard, origin, accepted):
    sent = call(guard, scope("websocket", "127.0.0.1:8550", origin))
    assert (sent == [{"type": "websocket.accept"}]) is accepted, sent


def test_split_host():
    assert split_host("127.0.0.1:8550") == ("127.0.0.1", 8550)
    assert split_host("[::1]:80") == ("::1", 80)
    assert split_host("Example.COM.") == ("example.com", None)
    assert split_host("a/b") is None and split_host("") is None


def test_served_names_for_lan_include_the_lan_addresses_only_then():
    assert not ServedNames.for_serving(False, "127.0.0.1", ["192.168.1.20"]).allows("192.168.1.20")
    lan = ServedNames.for_serving(True, "0.0.0.0", ["192.168.1.20"])
    assert lan.allows("192.168.1.20") and lan.allows("127.0.0.1") and not lan.allows("evil.example")


def test_the_policy_lets_the_flutter_client_run():
    for needed in ("'wasm-unsafe-eval'", "blob:", "connect-src 'self'", "'unsafe-inline'"):
        assert needed in CSP


# -- the real server, no browser ----------------------------------------------------------------


@pytest.fixture(scope="module", params=["loopback", "lan"])
def served(tmp_path_factory, request):
    """The app on loopback, and with --lan (bound to every address, behind a passcode)."""
    from security.passcode import PasscodeFile
    from tests.browser.harness import Server

    data = tmp_path_factory.mktemp("origin") / "data"
    from datetime import datetime, timezone

    from storage import Store

    with Store.open(data, now=lambda: datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)) as store:
        store.journal.add_note(datetime(2026, 11, 26).date(), "PRIVATE-NOTE-42",
                               datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc))
    lan = request.param == "lan"
    if lan:
        PasscodeFile(data).set("phone-passcode-1")
    server = Server(data, extra_args=["--lan"] if lan else []).start()
    yield server
    server.stop()


def get(port: int, host: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/", headers={"Host": host})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_the_served_app_refuses_a_foreign_host_and_has_no_cors_star(served):
    ours = get(served.port, f"127.0.0.1:{served.port}")
    assert ours.status == 200
    assert ours.getheader("Access-Control-Allow-Origin") is None
    assert ours.getheader("X-Frame-Options") == "DENY"
    assert "frame-ancestors 'none'" in ours.getheader("Content-Security-Policy")
    assert get(served.port, "evil.example").status == 421
    assert get(served.port, f"evil.example:{served.port}").status == 421


def test_the_served_websocket_refuses_a_foreign_origin(served):
    import websockets.sync.client as ws_client
    from websockets.exceptions import InvalidStatus

    url = f"ws://127.0.0.1:{served.port}/ws"
    with pytest.raises(InvalidStatus) as refused:
        ws_client.connect(url, origin="http://evil.example", open_timeout=10).close()
    assert refused.value.response.status_code == 403
    with ws_client.connect(url, origin=f"http://127.0.0.1:{served.port}", open_timeout=10):
        pass  # our own page's origin is accepted
