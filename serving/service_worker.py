"""A service worker where browsers allow one (localhost, HTTPS): the engine kept, and a
Stepwise page instead of a browser error when the server cannot be reached.

Flutter's bootstrap re-registers an existing service worker at
`flutter_service_worker.js?v=<serviceWorkerVersion>` (flet-web ships one that
unregisters itself), so Stepwise's worker is served at that very address from
the site folder and registered by the page at the same URL, after the first
frame (a first visit never waits for it). Its text names the engine key, so a
new key is a new worker, which drops the old engine's cache.

What it keeps (service_worker.js): the offline page and files under the
current `/_v/<key>/` (public, immutable). Pages are fetched from the server
every time and never stored; the journal travels over the websocket, which a
service worker never sees. A phone on `--lan` (plain http to a LAN address)
gets no service worker at all; the HTTP cache (cache_policy) carries it.
"""

from __future__ import annotations

import re
from pathlib import Path

WORKER = "flutter_service_worker.js"
OFFLINE_PAGE = "offline.html"
HERE = Path(__file__).resolve().parent


def flutter_worker_version(bootstrap_js: str) -> str | None:
    """The `serviceWorkerVersion` Flutter's bootstrap registers with, or None (then no worker)."""
    found = re.search(r'serviceWorkerVersion:\s*"([^"]+)"', bootstrap_js)
    return found.group(1) if found else None


def worker_script(key: str) -> str:
    return (HERE / "service_worker.js").read_text(encoding="utf-8").replace("__KEY__", key)


def offline_page() -> str:
    return (HERE / OFFLINE_PAGE).read_text(encoding="utf-8")


def register_in(html: str, version: str) -> str:
    """The page with a script that registers the worker after Flutter's first frame and hands it
    the engine files the page loaded."""
    script = f"""<script>
    // Stepwise (serving/service_worker.py): offline page, engine kept; localhost/HTTPS only.
    if ("serviceWorker" in navigator && window.isSecureContext) {{
      window.addEventListener("flutter-first-frame", function () {{
        setTimeout(function () {{
          navigator.serviceWorker.register("{WORKER}?v={version}").then(function () {{
            return navigator.serviceWorker.ready;
          }}).then(function (registration) {{
            var urls = performance.getEntriesByType("resource").map(function (e) {{ return e.name; }})
              .filter(function (url) {{ return url.indexOf("/_v/") >= 0; }});
            if (registration.active) registration.active.postMessage({{ precache: urls }});
          }}).catch(function (error) {{ console.warn("Stepwise service worker:", error); }});
        }}, 1000);
      }}, {{ once: true }});
    }}
  </script>
</body>"""
    if "</body>" not in html:
        raise ValueError("index.html has no </body>")
    return html.replace("</body>", script, 1)
