"""How Flet's static files travel (issue 17): compressed copies, Cache-Control per file class,
304 on revalidation, versioned engine URLs. Flet's own static-file app (FletStaticFiles) is
served in-process around a small stand-in for flet-web's folder; the browser tests are in
tests/browser/test_static_policy_browser.py."""

from __future__ import annotations

import brotli
import gzip
import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from serving import precompressed
from serving.cache_policy import IMMUTABLE, NO_STORE, REVALIDATE, cache_control
from serving.encoding import accepted, choose
from serving.engine_urls import FLET_CONFIG, engine_key, point_index_at, split_versioned
from serving.precompressed import CompressedStore, is_compressible
from serving.static_policy import StaticPolicy, etag_matches

REPO = Path(__file__).resolve().parents[2]
REAL_WEB = Path(precompressed.flet_web_dir())
KEY = "0123456789abcdef"


# --- Accept-Encoding ------------------------------------------------------------------

def test_brotli_is_preferred_gzip_next_and_nothing_when_neither_is_accepted():
    assert choose("gzip, deflate, br, zstd") == "br"
    assert choose("gzip, deflate") == "gzip"  # Chrome on plain http:// to a LAN address
    assert choose("gzip, deflate, br", available={"gzip"}) == "gzip"
    assert choose("identity") is None
    assert choose(None) is None and choose("") is None


def test_q_values_and_star_are_honoured():
    assert accepted("gzip;q=0.5, br;q=0") == {"gzip": 0.5, "br": 0.0}
    assert choose("br;q=0, gzip") == "gzip"
    assert choose("br;q=0.2, gzip;q=0.8") == "gzip"
    assert choose("*") == "br"
    assert choose("*;q=0") is None
    assert choose("br;q=nonsense, gzip") == "gzip"


# --- Cache-Control ----------------------------------------------------------------------

def test_cache_control_per_kind_of_response():
    assert cache_control(200, is_file=True, current_version=True) == IMMUTABLE
    assert cache_control(304, is_file=True, current_version=True) == IMMUTABLE
    assert cache_control(200, is_file=True, current_version=False) == REVALIDATE
    assert cache_control(404, is_file=False, current_version=True) == NO_STORE
    assert cache_control(200, is_file=False, current_version=False) == NO_STORE
    assert IMMUTABLE == "public, max-age=31536000, immutable" and REVALIDATE == "no-cache"


# --- Versioned engine URLs ---------------------------------------------------------------

def test_versioned_paths_are_split_from_their_key():
    assert split_versioned(f"/_v/{KEY}/main.dart.js") == ("/main.dart.js", KEY)
    assert split_versioned(f"/_v/{KEY}/canvaskit/skwasm.wasm") == ("/canvaskit/skwasm.wasm", KEY)
    assert split_versioned("/main.dart.js") == ("/main.dart.js", None)
    assert split_versioned("/_v/") == ("/_v/", None)
    assert split_versioned(f"/_v/{KEY}") == (f"/_v/{KEY}", None)


def test_the_page_points_the_bootstrap_at_the_versioned_path():
    html = point_index_at((REPO / "assets" / "index.html").read_text(), KEY)
    after_config = html.split(FLET_CONFIG, 1)[1]
    assert f'flet.entrypointBaseUrl = flet.entrypointBaseUrl + "_v/{KEY}/"' in after_config
    for setting in ("flet.assetBase", "flet.canvasKitBaseUrl", "flet.fontFallbackBaseUrl"):
        assert f"{setting} = flet.entrypointBaseUrl" in after_config
    assert f'src="_v/{KEY}/flutter_bootstrap.js"' in html
    assert f'src="_v/{KEY}/python.js"' in html
    assert 'src="flutter_bootstrap.js"' not in html
    with pytest.raises(ValueError, match="fletAppConfig"):
        point_index_at("<html></html>", KEY)


def test_the_engine_key_changes_with_any_of_its_parts():
    base = engine_key("compressed-a", "fonts-b", [("index.html", 10, 1)])
    assert base == engine_key("compressed-a", "fonts-b", [("index.html", 10, 1)])
    assert base != engine_key("compressed-x", "fonts-b", [("index.html", 10, 1)])
    assert base != engine_key("compressed-a", "fonts-x", [("index.html", 10, 1)])
    assert base != engine_key("compressed-a", "fonts-b", [("index.html", 11, 1)])


# --- Compressed copies ---------------------------------------------------------------------

def engine_like(size: int, seed: int) -> bytes:
    """Compressible but not trivially (like minified JS)."""
    words = [f"function_{i * seed % 977}(a,b){{return a+b*{i}}};".encode() for i in range(size // 20)]
    return b"".join(words)[:size]


@pytest.fixture
def web_dir(tmp_path):
    """A stand-in for flet-web's folder: Flet's own small files plus fake engine files."""
    web = tmp_path / "flet-web"
    for name in ("index.html", "manifest.json", "flutter_bootstrap.js", "python.js",
                 "assets/FontManifest.json"):
        (web / name).parent.mkdir(parents=True, exist_ok=True)
        (web / name).write_bytes((REAL_WEB / name).read_bytes())
    (web / "main.dart.js").write_bytes(engine_like(60_000, 7))
    (web / "canvaskit").mkdir()
    (web / "canvaskit" / "canvaskit.wasm").write_bytes(engine_like(40_000, 11))
    (web / "canvaskit" / "canvaskit.js.symbols").write_bytes(engine_like(50_000, 3))
    (web / "pyodide").mkdir()
    (web / "pyodide" / "pyodide.asm.js").write_bytes(engine_like(50_000, 5))
    (web / "tiny.js").write_bytes(b"x=1")
    (web / "icon.png").write_bytes(b"\x89PNG" + bytes(5000))
    return web


def test_compressible_files_are_the_engine_not_pyodide_symbols_images_or_tiny_files():
    assert is_compressible("main.dart.js", 9_600_000)
    assert is_compressible("canvaskit/chromium/canvaskit.wasm", 5_760_000)
    assert is_compressible("assets/fonts/MaterialIcons-Regular.otf", 1_261_120)
    assert is_compressible("assets/NOTICES", 1_500_000)
    assert not is_compressible("pyodide/pyodide.asm.wasm", 9_000_000)
    assert not is_compressible("canvaskit/skwasm.js.symbols", 1_500_000)
    assert not is_compressible("flutter.js.map", 50_000)
    assert not is_compressible("assets/fonts/roboto.woff2", 63_000)
    assert not is_compressible("icons/Icon-512.png", 20_000)
    assert not is_compressible("tiny.js", 3)


def test_copies_decode_to_the_original_and_are_made_once(web_dir, tmp_path):
    store = CompressedStore(tmp_path / "cache", web_dir)
    assert set(store.sources) >= {"main.dart.js", "canvaskit/canvaskit.wasm"}
    assert not {"pyodide/pyodide.asm.js", "canvaskit/canvaskit.js.symbols", "tiny.js",
                "icon.png"} & set(store.sources)
    assert not store.is_complete() and store.copy_for("main.dart.js", "br") is None
    made = precompressed.make_all(store, workers=1)
    assert made == len(store.sources) * 2 and store.is_complete()
    original = (web_dir / "main.dart.js").read_bytes()
    br = store.copy_for("main.dart.js", "br").read_bytes()
    gz = store.copy_for("main.dart.js", "gzip").read_bytes()
    assert brotli.decompress(br) == original and gzip.decompress(gz) == original
    assert len(br) < len(gz) < len(original) / 3
    assert precompressed.make_all(CompressedStore(tmp_path / "cache", web_dir)) == 0


def test_a_changed_web_folder_gets_new_copies_and_the_old_ones_go(web_dir, tmp_path):
    cache = tmp_path / "cache"
    old = CompressedStore(cache, web_dir)
    precompressed.make_all(old, workers=1)
    (web_dir / "main.dart.js").write_bytes(engine_like(61_000, 13))  # flet-web upgraded
    new = CompressedStore(cache, web_dir)
    assert new.key != old.key and new.copy_for("main.dart.js", "br") is None
    precompressed.make_all(new, workers=1)
    assert brotli.decompress(new.copy_for("main.dart.js", "br").read_bytes()) == \
        (web_dir / "main.dart.js").read_bytes()
    assert not old.root.exists() and not old.marker.exists()


def test_the_background_build_leaves_nothing_to_do_once_complete(web_dir, tmp_path):
    store = CompressedStore(tmp_path / "cache", web_dir)
    precompressed.make_all(store, workers=1)
    assert precompressed.start_background_build(store) is False


# --- The middleware around Flet's static files ----------------------------------------------

@pytest.fixture
def served(web_dir, tmp_path, monkeypatch):
    """FletStaticFiles (as flet_web.fastapi mounts it) behind StaticPolicy, copies made."""
    from flet_web.fastapi.flet_static_files import FletStaticFiles

    monkeypatch.setenv("FLET_WEB_PATH", str(web_dir))
    site = tmp_path / "site"
    (site / "icons").mkdir(parents=True)
    (site / "icons" / "loading-animation.png").write_bytes(b"\x89PNG" + bytes(3000))
    (site / "index.html").write_text(point_index_at((REPO / "assets" / "index.html").read_text(), KEY))
    store = CompressedStore(tmp_path / "cache", web_dir)
    precompressed.make_all(store, workers=1)
    app = StaticPolicy(FletStaticFiles(assets_dir=str(site), no_cdn=True), KEY, site, store)
    yield TestClient(app), store, web_dir  # not as a context manager: no lifespan events


def get(client, path: str, encoding: str | None = "gzip, deflate, br", **headers):
    if encoding is not None:
        headers["accept-encoding"] = encoding
    else:
        headers["accept-encoding"] = "identity"
    return client.get(path, headers=headers)


def raw_body(response) -> bytes:
    """The bytes as sent (httpx decodes gzip/br; its stream keeps the raw bytes too)."""
    return response.content


def test_engine_files_go_compressed_and_cached_for_a_year(served):
    client, store, web = served
    original = (web / "main.dart.js").read_bytes()
    for encoding, name in (("gzip, deflate, br, zstd", "br"), ("gzip, deflate", "gzip")):
        response = get(client, f"/_v/{KEY}/main.dart.js", encoding)
        assert response.status_code == 200
        assert response.headers["content-encoding"] == name
        assert int(response.headers["content-length"]) == store.copy_for("main.dart.js", name).stat().st_size
        assert response.headers["vary"] == "Accept-Encoding"
        assert response.headers["cache-control"] == IMMUTABLE
        assert response.headers["content-type"].startswith("text/javascript")
        assert response.headers["cross-origin-embedder-policy"] == "require-corp"
        assert response.content == original  # decoded by the client
    wasm = get(client, f"/_v/{KEY}/canvaskit/canvaskit.wasm")
    assert wasm.headers["content-type"] == "application/wasm"
    assert wasm.headers["content-encoding"] == "br"


def test_without_accept_encoding_the_file_itself_goes_still_with_vary(served):
    client, store, web = served
    response = get(client, f"/_v/{KEY}/main.dart.js", None)
    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert int(response.headers["content-length"]) == (web / "main.dart.js").stat().st_size
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["cache-control"] == IMMUTABLE
    assert "etag" in response.headers


def test_revalidation_gets_304_for_compressed_plain_and_page(served):
    client, store, web = served
    for path, encoding in ((f"/_v/{KEY}/main.dart.js", "br"), (f"/_v/{KEY}/main.dart.js", None),
                           ("/", "br"), ("/manifest.json", "br")):
        first = get(client, path, encoding)
        again = get(client, path, encoding, **{"if-none-match": first.headers["etag"]})
        assert again.status_code == 304, path
        assert again.content == b""
        assert again.headers["cache-control"] == first.headers["cache-control"]
    # A brotli ETag does not validate the gzip copy.
    br = get(client, f"/_v/{KEY}/main.dart.js", "br")
    assert get(client, f"/_v/{KEY}/main.dart.js", "gzip",
               **{"if-none-match": br.headers["etag"]}).status_code == 200


def test_the_page_and_what_stepwise_changes_are_revalidated_every_time(served):
    client, store, web = served
    for path in ("/", "/index.html", "/journal", "/manifest.json", "/icons/loading-animation.png",
                 "/flutter_bootstrap.js"):
        response = get(client, path)
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == REVALIDATE, path
        assert "etag" in response.headers and "last-modified" in response.headers
    page = get(client, "/journal")
    assert f'src="_v/{KEY}/flutter_bootstrap.js"' in page.text  # the route gets the page


def test_an_old_key_or_a_missing_file_is_never_cached_for_long(served):
    client, store, web = served
    old = get(client, "/_v/ffffffffffffffff/main.dart.js")
    assert old.status_code == 200 and old.headers["cache-control"] == REVALIDATE
    missing = get(client, f"/_v/{KEY}/assets/fonts/notosanssc/v36/part-1.woff2")
    assert missing.status_code == 404 and missing.headers["cache-control"] == NO_STORE
    route_like = get(client, f"/_v/{KEY}/journal")  # not the app's page under a year-long URL
    assert route_like.status_code == 404 and route_like.headers["cache-control"] == NO_STORE
    assert get(client, "/nothing.js").headers["cache-control"] == NO_STORE


def test_files_flet_patches_or_the_site_replaces_are_never_sent_from_flet_web_s_copies(served):
    client, store, web = served
    page = get(client, "/index.html")
    assert "content-encoding" not in page.headers and "_v/" in page.text
    font_manifest = get(client, f"/_v/{KEY}/assets/FontManifest.json")
    assert font_manifest.status_code == 200 and "content-encoding" not in font_manifest.headers


def test_head_gets_the_headers_without_a_body(served):
    client, store, web = served
    response = client.head(f"/_v/{KEY}/main.dart.js", headers={"accept-encoding": "br"})
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-encoding"] == "br"


def test_etag_matching():
    assert etag_matches('"a", W/"b"', '"b"') and etag_matches("*", '"x"')
    assert not etag_matches('"a"', '"b"') and not etag_matches(None, '"b"')


# --- The server's wiring ----------------------------------------------------------------------

def test_prepared_site_carries_the_key_its_page_points_at(monkeypatch, tmp_path):
    from webfonts import prepare_web_assets

    monkeypatch.setenv("STEPWISE_FONT_DIRS", "")
    prepared = prepare_web_assets(REPO / "assets", tmp_path / "cache")
    assert prepared.engine_key and prepared.compressed.web_dir == REAL_WEB
    assert not prepared.compressed.root.exists()  # made by the server's background build, not here
    page = (prepared.path / "index.html").read_text()
    assert f'"_v/{prepared.engine_key}/"' in page
    again = prepare_web_assets(REPO / "assets", tmp_path / "cache")
    assert again.engine_key == prepared.engine_key
    (prepared.path / "index.html").write_text("stale")
    prepare_web_assets(REPO / "assets", tmp_path / "cache")
    assert (prepared.path / "index.html").read_text() == page


# --- The service worker (localhost, HTTPS) ------------------------------------------------

def test_the_worker_is_registered_at_flutters_own_address_after_the_first_frame():
    from serving import service_worker

    version = service_worker.flutter_worker_version((REAL_WEB / "flutter_bootstrap.js").read_text())
    assert version and version.isdigit()
    page = service_worker.register_in(point_index_at((REPO / "assets" / "index.html").read_text(), KEY),
                                      version)
    registration = page.split("flutter-first-frame", 1)[1]
    assert f'register("flutter_service_worker.js?v={version}")' in registration
    assert "window.isSecureContext" in page
    assert page.rstrip().endswith("</html>") and page.count("</body>") == 1


def test_the_worker_keeps_only_the_current_engine_and_the_offline_page():
    from serving import service_worker

    script = service_worker.worker_script(KEY)
    assert f'const KEY = "{KEY}"' in script and "__KEY__" not in script
    assert script.count("cache.put(") == 1 and "request.url.startsWith(ENGINE)" in script
    assert "Can't reach Stepwise on your computer" in service_worker.offline_page()


def test_the_site_serves_stepwise_s_worker_and_offline_page(served):
    client, store, web = served
    site = Path(client.app.site)
    from serving import service_worker

    (site / "flutter_service_worker.js").write_text(service_worker.worker_script(KEY))
    (site / "offline.html").write_text(service_worker.offline_page())
    worker = get(client, "/flutter_service_worker.js?v=1")
    assert worker.status_code == 200 and KEY in worker.text
    assert worker.headers["cache-control"] == REVALIDATE
    offline = get(client, "/offline.html")
    assert "Can't reach Stepwise" in offline.text and offline.headers["cache-control"] == REVALIDATE


def test_the_fonts_loaded_before_the_first_frame_leave_out_the_math_fonts():
    from serving.font_manifest import without_unused

    families = [f["family"] for f in json.loads(without_unused(
        (REAL_WEB / "assets" / "FontManifest.json").read_text()))]
    assert "MaterialIcons" in families and "packages/cupertino_icons/CupertinoIcons" in families
    assert not [f for f in families if "KaTeX" in f]


def test_the_page_asks_for_the_icon_fonts_while_the_engine_loads():
    html = point_index_at((REPO / "assets" / "index.html").read_text(), KEY)
    for name in ("assets/FontManifest.json", "assets/fonts/MaterialIcons-Regular.otf"):
        assert f'<link rel="preload" href="_v/{KEY}/{name}" as="fetch" crossorigin>' in html
