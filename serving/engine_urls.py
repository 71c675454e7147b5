"""Versioned URLs for the web client's files, so they can be cached for a year.

Flutter's bootstrap asks for fixed names (`main.dart.js`,
`canvaskit/canvaskit.wasm`, `assets/fonts/...`), which cannot be cached for
long: after a flet-web upgrade the browser would keep the old engine. The
page therefore points the bootstrap at `/_v/<key>/` (`flet.entrypointBaseUrl`,
`canvasKitBaseUrl`, `assetBase`, `fontFallbackBaseUrl`, and the page's own
`<script src>`s), where `<key>` is a digest of everything that can be served
under it: flet-web's files, the font store, the repo's assets. Any change
makes a new key, a new URL, and the browser fetches anew; the same key
always means the same bytes. `index.html` itself keeps its fixed address and
is revalidated on every visit (see cache_policy).
"""

from __future__ import annotations

import hashlib
import json
import re

PREFIX = "_v"
FLET_CONFIG = "<!-- fletAppConfig -->"
#: The page's own files loaded by fixed name, and where the versioned copy is.
SCRIPT_SOURCES = ("python.js", "flutter_bootstrap.js", "icons/loading-animation.png")
#: What Flutter fetches before its first frame whatever the build (WebAssembly or JavaScript).
PRELOADED = ("assets/FontManifest.json", "assets/fonts/MaterialIcons-Regular.otf",
             "assets/fonts/roboto.woff2")


def engine_key(*parts: object) -> str:
    """A short digest of what is served under the versioned path (JSON-able parts)."""
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def base(key: str) -> str:
    """'/_v/<key>/' (the site is always mounted at '/')."""
    return f"/{PREFIX}/{key}/"


def split_versioned(path: str) -> tuple[str, str | None]:
    """'/_v/abc/main.dart.js' -> ('/main.dart.js', 'abc'); any other path -> (path, None)."""
    head = f"/{PREFIX}/"
    if not path.startswith(head):
        return path, None
    key, sep, rest = path[len(head):].partition("/")
    if not key or not sep:
        return path, None
    return "/" + rest, key


def point_index_at(html: str, key: str) -> str:
    """Flet's index.html with the bootstrap's base URLs and own files under /_v/<key>/.

    The override runs right after Flet's config (which fills the placeholder
    at serve time), so Flet's own values are read and prefixed, not guessed.
    ValueError when the page lacks the placeholder (flet-web changed it).
    """
    if FLET_CONFIG not in html:
        raise ValueError(f"index.html has no {FLET_CONFIG!r}: flet-web's page changed")
    prefix = f"{PREFIX}/{key}/"
    override = (
        "<script>\n"
        "    // Stepwise (serving/engine_urls.py): the engine under a versioned path,\n"
        "    // so the browser may keep it for a year; a new flet-web gets a new path.\n"
        f'    flet.entrypointBaseUrl = flet.entrypointBaseUrl + "{prefix}";\n'
        "    flet.assetBase = flet.entrypointBaseUrl;\n"
        '    flet.canvasKitBaseUrl = flet.entrypointBaseUrl + "canvaskit/";\n'
        '    flet.fontFallbackBaseUrl = flet.entrypointBaseUrl + "assets/fonts/";\n'
        "  </script>"
    )
    # Fetched by Flutter only once the engine has started; asked for now, they download
    # while the engine does (crossorigin: Flutter's fetch() is a same-origin CORS request).
    preloads = "".join(
        f'\n  <link rel="preload" href="{prefix}{name}" as="fetch" crossorigin>'
        for name in PRELOADED)
    html = html.replace(FLET_CONFIG, f"{FLET_CONFIG}\n  {override}{preloads}", 1)
    for name in SCRIPT_SOURCES:
        html = re.sub(rf'src="{re.escape(name)}"', f'src="{prefix}{name}"', html)
    return html
