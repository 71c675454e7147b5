"""The static-file policy in Chromium (issue 17): a repeat visit takes the engine from the
HTTP cache alone (service workers blocked), the engine arrives compressed, and in `--lan`
mode nothing private is in any HTTP response, cacheable or not.

Outside hosts are blocked with Chromium's `--host-resolver-rules`, not Playwright's
request routing, which would switch the HTTP cache off.
"""

from __future__ import annotations

import pytest

from serving.cache_policy import IMMUTABLE, NO_STORE, REVALIDATE
from serving.precompressed import CompressedStore, make_all
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, open_app_on_phone, phone_context, screenshot
from tests.browser.lan import LAN_HOST, PASSCODE, SECRET  # what the `lan_server` fixture serves
from webfonts import default_cache_root

pytestmark = pytest.mark.browser

ONLY_THIS_MACHINE = ("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, "
                     f"EXCLUDE 127.0.0.1, EXCLUDE {LAN_HOST}")


@pytest.fixture(scope="module")
def browser():
    """Chromium that resolves no outside host (no request routing: the HTTP cache stays on)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, ONLY_THIS_MACHINE])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", autouse=True)
def compressed_copies():
    """The engine's copies, as `python -m webfonts` makes them (minutes once, then reused)."""
    make_all(CompressedStore(default_cache_root()))


def record_responses(page) -> list:
    responses: list = []
    page.on("response", lambda response: responses.append(response))
    return responses


def engine_timings(page) -> list[dict]:
    return page.evaluate("""performance.getEntriesByType('resource')
        .filter(e => e.name.includes('/_v/'))
        .map(e => ({name: e.name, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize}))""")


def test_a_repeat_visit_takes_the_engine_from_the_http_cache(browser, serve, tmp_path):
    server = serve(tmp_path / "data")
    context = phone_context(browser, service_workers="block")
    page = context.new_page()
    responses = record_responses(page)
    open_app_on_phone(page, server.url)
    page.get_by_role("button", name="Start today's practice").wait_for(state="attached",
                                                                        timeout=60_000)
    first = engine_timings(page)
    assert any(e["name"].endswith(("main.dart.wasm", "main.dart.js")) for e in first)
    entry = next(r for r in responses if r.url.endswith(("main.dart.wasm", "main.dart.js")))
    headers = entry.all_headers()
    assert headers["content-encoding"] == "br"  # Chromium on loopback accepts brotli
    assert headers["cache-control"] == IMMUTABLE and headers["vary"] == "Accept-Encoding"
    page_response = next(r for r in responses if r.url == server.url)
    assert page_response.all_headers()["cache-control"] == REVALIDATE
    page.close()

    again = context.new_page()
    again_responses = record_responses(again)
    open_app_on_phone(again, server.url)
    again.get_by_role("button", name="Start today's practice").wait_for(state="attached",
                                                                         timeout=60_000)
    screenshot(again, "static-policy-repeat-visit")  # icons and text drawn from cached fonts
    repeat = engine_timings(again)
    assert {e["name"] for e in repeat} >= {e["name"] for e in first if "main.dart" in e["name"]}
    fetched = [e["name"] for e in repeat if e["transferSize"] > 0]
    assert fetched == [], f"fetched again instead of taken from the cache: {fetched}"
    # What did cross the network: the page (revalidated) and small unversioned files.
    over_network = [r for r in again_responses if not r.from_service_worker
                    and "/_v/" not in r.url and r.url.startswith("http")]
    assert all(r.request.sizes()["responseBodySize"] < 20_000 for r in over_network), \
        [(r.url, r.request.sizes()) for r in over_network]
    context.close()


def check_no_private_http(responses) -> None:
    """No HTTP response holds the journal; each is a file (cached or revalidated) or no-store."""
    for response in responses:
        if not response.url.startswith("http"):
            continue  # blob: workers made in the page
        headers = response.all_headers()
        policy = headers.get("cache-control")
        assert policy in (IMMUTABLE, REVALIDATE, NO_STORE), (response.url, policy)
        if policy == IMMUTABLE:
            assert "/_v/" in response.url, response.url
        if response.status == 200:
            body = response.body()
            assert SECRET.encode() not in body, f"journal text in {response.url}"


def test_lan_shows_and_caches_nothing_private(browser, lan_server):
    url = f"http://{LAN_HOST}:{lan_server.port}/journal"
    context = phone_context(browser, service_workers="block")
    page = context.new_page()
    responses = record_responses(page)
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(
        payload if isinstance(payload, bytes) else payload.encode())))
    open_app_on_phone(page, url)
    page.get_by_text("Stepwise is locked").wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(1000)
    assert page.get_by_role("tab").count() == 0
    assert SECRET.encode() not in b"".join(frames)
    index = next(r for r in responses if r.url == url)
    assert index.all_headers()["cache-control"] == REVALIDATE
    assert SECRET.encode() not in index.body() and b"_v/" in index.body()

    field = page.get_by_role("textbox", name="Passcode")
    field.click()
    page.keyboard.type(PASSCODE)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.get_by_text(SECRET).first.wait_for(state="attached", timeout=30_000)
    assert SECRET.encode() in b"".join(frames)  # it came over the websocket, never cached
    check_no_private_http(responses)
    page.close()

    # Same browser, new visit: locked again, the journal neither shown nor sent, even
    # though the engine now comes from the cache.
    again = context.new_page()
    again_responses = record_responses(again)
    again_frames: list[bytes] = []
    again.on("websocket", lambda ws: ws.on("framereceived", lambda payload: again_frames.append(
        payload if isinstance(payload, bytes) else payload.encode())))
    open_app_on_phone(again, url)
    again.get_by_text("Stepwise is locked").wait_for(state="attached", timeout=60_000)
    again.wait_for_timeout(1000)
    assert SECRET.encode() not in b"".join(again_frames)
    assert again.get_by_text(SECRET).count() == 0
    cached = [e for e in engine_timings(again) if e["transferSize"] == 0]
    assert cached, "the engine was not taken from the cache on the repeat visit"
    check_no_private_http(again_responses)
    context.close()


def test_with_the_server_stopped_the_offline_page_appears(browser, serve, tmp_path):
    """On localhost the service worker is allowed: once it runs, a visit with the server gone
    shows Stepwise's own page; its cache holds only the engine and that page."""
    server = serve(tmp_path / "data")
    try:
        context = phone_context(browser)  # service workers allowed
        page = context.new_page()
        open_app_on_phone(page, server.url)
        page.get_by_role("button", name="Start today's practice").wait_for(state="attached",
                                                                            timeout=60_000)
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
        listing = """(async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
            }
            return urls;
        })()"""
        for _ in range(150):  # the worker copies the engine from the HTTP cache: a few seconds
            cached = page.evaluate(listing)
            if any("main.dart" in url for url in cached):
                break
            page.wait_for_timeout(200)
        assert any(url.endswith("/offline.html") for url in cached)
        assert any("/_v/" in url and "main.dart" in url for url in cached), cached
        assert all("/_v/" in url or url.endswith("/offline.html") for url in cached), cached
    finally:
        server.stop()
    again = context.new_page()
    again.goto(server.url + "journal")
    again.get_by_text("Can't reach Stepwise on your computer").wait_for(timeout=20_000)
    assert again.get_by_role("button", name="Try again").count() == 1
    screenshot(again, "offline-page")
    for width, scheme in ((360, "dark"), (430, "light")):
        again.set_viewport_size({"width": width, "height": 800})
        again.emulate_media(color_scheme=scheme)
        screenshot(again, f"offline-page-{width}-{scheme}")
    context.close()
