"""Which `Cache-Control` each response gets.

* Files under the current versioned path (engine_urls): the same URL always
  holds the same bytes, so `public, max-age=31536000, immutable`: a repeat
  visit takes them from the browser's cache without asking the server.
* Every other file (index.html, manifest.json, icons, an old page's stale
  versioned URL): `no-cache`, i.e. stored but revalidated each time with the
  ETag / Last-Modified Starlette sends; unchanged means a 304 and no body.
* Anything that is not a file (errors, a missing font part still being made,
  Flet's upload and OAuth endpoints): `no-store`. The app's content (journal,
  insights) travels only over the websocket, which no HTTP cache holds.
"""

from __future__ import annotations

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
NO_STORE = "no-store"


def cache_control(status: int, is_file: bool, current_version: bool) -> str:
    """The header for one response: `is_file` when a static file (or its 304) is sent."""
    if not is_file or status not in (200, 206, 304):
        return NO_STORE
    return IMMUTABLE if current_version else REVALIDATE
