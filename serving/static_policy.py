"""The ASGI middleware that serves Flet's static files compressed and cached (issue 17).

It sits between security.origin_guard.OriginGuard and Flet's own app
(flet_web.fastapi) and changes only how files travel:

* `/_v/<key>/<path>` (engine_urls) is served as `/<path>`; with the current
  key the response may be kept for a year (cache_policy). A path under it
  that names no file is a 404, never the app's page.
* A flet-web file with a brotli or gzip copy (precompressed) is sent as that
  copy when `Accept-Encoding` allows, with `Content-Encoding`, its own
  `Content-Length` and ETag, and `Vary: Accept-Encoding`; `If-None-Match`
  gets a 304. Files Flet patches at start (index.html, manifest.json,
  FontManifest.json) and files the site folder replaces are left to Flet.
* Every other response passes through Flet's app with a `Cache-Control`
  (cache_policy): Starlette's StaticFiles already sends ETag and
  Last-Modified and answers revalidation with 304.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from typing import Any, Awaitable, Callable

from starlette.responses import FileResponse, Response

from serving.cache_policy import NO_STORE, cache_control
from serving.encoding import choose
from serving.engine_urls import split_versioned
from serving.precompressed import CompressedStore

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Files Flet copies to a temporary folder and patches at every start.
PATCHED_BY_FLET = {"index.html", "manifest.json", "assets/FontManifest.json"}
#: What flet_web.fastapi's own middleware adds to every response it sends.
FLET_HEADERS = {"cross-origin-opener-policy": "same-origin",
                "cross-origin-embedder-policy": "require-corp"}

mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/javascript", ".mjs")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


class StaticPolicy:
    """ASGI middleware: versioned paths, precompressed copies, Cache-Control on everything."""

    def __init__(self, app: ASGIApp, key: str | None, site: Path | None,
                 store: CompressedStore | None) -> None:
        self.app = app
        self.key = key
        self.site = site
        self.store = store

    def file_exists(self, relative: str) -> bool:
        """Whether Flet's static files would find a file (site folder or flet-web's folder)."""
        if relative in PATCHED_BY_FLET:
            return True
        folders = [f for f in (self.site, self.store.web_dir if self.store else None) if f]
        return any((folder / relative).is_file() for folder in folders)

    def compressed(self, relative: str) -> bool:
        """Whether Flet would serve this path from flet-web's folder and a copy exists for it."""
        if self.store is None or relative not in self.store.sources or relative in PATCHED_BY_FLET:
            return False
        return not (self.site and (self.site / relative).exists())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        path, key = split_versioned(scope.get("path", "/"))
        current = key is not None and key == self.key
        relative = posixpath.normpath(path).lstrip("/")
        if key is not None:
            if relative.startswith("..") or not self.file_exists(relative):
                await Response("Not found\n", 404, headers={"cache-control": NO_STORE},
                               media_type="text/plain")(scope, receive, send)
                return
            scope = {**scope, "path": path, "raw_path": path.encode()}
        vary = self.compressed(relative)
        if vary and scope.get("method") in ("GET", "HEAD"):
            encoding = choose(_header(scope, b"accept-encoding"), self.store.available(relative))
            copy = self.store.copy_for(relative, encoding) if encoding else None
            if copy is not None:
                await self.send_copy(scope, receive, send, relative, copy, encoding, current)
                return

        async def send_with_policy(message: dict[str, Any]) -> None:
            if message.get("type") == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"cache-control"]
                names = {k.lower() for k, _ in headers}
                policy = cache_control(message["status"], b"etag" in names, current)
                headers.append((b"cache-control", policy.encode()))
                if vary:
                    headers.append((b"vary", b"Accept-Encoding"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_policy)

    async def send_copy(self, scope: Scope, receive: Receive, send: Send, relative: str,
                        copy: Path, encoding: str, current: bool) -> None:
        etag = f'"{self.store.key}-{encoding}"'
        headers = {"etag": etag, "vary": "Accept-Encoding",
                   "cache-control": cache_control(200, True, current), **FLET_HEADERS}
        if etag_matches(_header(scope, b"if-none-match"), etag):
            await Response(status_code=304, headers=headers)(scope, receive, send)
            return
        media_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        headers["content-encoding"] = encoding
        response = FileResponse(copy, headers=headers, media_type=media_type)
        await response(scope, receive, send)
