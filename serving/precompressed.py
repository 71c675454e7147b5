"""Brotli and gzip copies of flet-web's large files, made once per flet-web version.

flet-web's client is about 15 MB as the browser first loads it (main.dart.js
9.6 MB, CanvasKit 5.8 MB, Material icons 1.3 MB), and compresses to about a
quarter with brotli at its best quality. That takes minutes for all of the
files, so it is done once, ahead of time, into the user's cache folder
(`<cache root>/compressed-<key>/<path>.br` and `.gz`, next to the fonts), and
the server picks the copy a browser accepts (static_policy). The key changes
with flet-web's files, so a stale copy is never served.

A server start with no copies yet starts `python -m serving.precompressed`
in the background (the server sends the files uncompressed until each copy
lands); `python -m webfonts` (scripts/run.sh, scripts/test.sh) makes them
before returning. Each copy is written to a temporary name and renamed, so a
server never sees half a file.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from serving.cache_build import build_lock, worker_pool

try:
    import brotli
except ImportError:  # the `web` extra brings it; without it, gzip only
    brotli = None

#: Bump when copies made from the same files would differ.
BUILD_VERSION = 1
SUFFIXES = {"br": ".br", "gzip": ".gz"}
#: Text, WebAssembly and uncompressed fonts; woff2 and png are compressed already.
COMPRESSIBLE = {".js", ".mjs", ".wasm", ".json", ".otf", ".ttf", ".css", ".html", ".txt"}
#: Also by name: Flutter's license text.
COMPRESSIBLE_NAMES = {"NOTICES"}
#: Never loaded by a served app: Pyodide (apps running Python in the browser),
#: debugging symbols and source maps.
SKIPPED_DIRS = {"pyodide"}
SKIPPED_SUFFIXES = {".symbols", ".map"}
#: Made first: what Chromium (WebAssembly build), then other browsers (JavaScript build) load.
FIRST = ("main.dart.wasm", "canvaskit/skwasm.wasm", "main.dart.js", "canvaskit/chromium/canvaskit.wasm",
         "canvaskit/canvaskit.wasm", "assets/fonts/MaterialIcons-Regular.otf")
#: Below this a compressed copy saves less than a round trip's worth.
MIN_BYTES = 1024
TEMP_PREFIX = ".tmp-"
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def flet_web_dir() -> Path:
    """The folder Flet serves its client from (FLET_WEB_PATH, else the flet-web package's)."""
    from flet_web import get_package_web_dir

    return Path(get_package_web_dir())


def flet_web_version() -> str:
    try:
        from flet_web.version import version
    except ImportError:
        return "unknown"
    return version


def is_compressible(relative: str, size: int) -> bool:
    parts = relative.split("/")
    if size < MIN_BYTES or parts[0] in SKIPPED_DIRS:
        return False
    name = parts[-1]
    suffix = os.path.splitext(name)[1].lower()
    if suffix in SKIPPED_SUFFIXES or name.startswith(TEMP_PREFIX):
        return False
    return suffix in COMPRESSIBLE or name in COMPRESSIBLE_NAMES


def compress(data: bytes, encoding: str, best: bool = True) -> bytes:
    """`data` brotli- or gzip-encoded (gzip with a zero timestamp: the same bytes every time)."""
    if encoding == "br":
        return brotli.compress(data, quality=11 if best else 5)
    return gzip.compress(data, compresslevel=9 if best else 6, mtime=0)


def _make_copy(source: str, target: str, encoding: str) -> int:
    """Worker: write one compressed copy atomically; returns its size."""
    data = Path(source).read_bytes()
    packed = compress(data, encoding)
    target_path = Path(target)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    temp = target_path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{target_path.name}")
    temp.write_bytes(packed)
    os.replace(temp, target_path)
    return len(packed)


class CompressedStore:
    """The compressed copies of one web folder's compressible files."""

    def __init__(self, cache_root: Path, web_dir: Path | None = None) -> None:
        self.cache_root = cache_root
        self.web_dir = web_dir or flet_web_dir()
        self.sources = self._scan()
        self.encodings = tuple(e for e in SUFFIXES if e != "br" or brotli is not None)
        self.key = hashlib.sha256(json.dumps({
            "build": BUILD_VERSION,
            "flet_web": flet_web_version(),
            "web_dir": str(self.web_dir),
            "encodings": self.encodings,
            "files": sorted(self.sources.items()),
        }).encode()).hexdigest()[:16]
        self.root = cache_root / f"compressed-{self.key}"
        self.marker = cache_root / f"compressed-{self.key}.json"
        self.lock_path = cache_root / f"compressed-{self.key}.lock"

    def _scan(self) -> dict[str, tuple[int, int]]:
        """{relative path: (size, mtime_ns)} of the files worth compressing."""
        found = {}
        for path in self.web_dir.rglob("*"):
            if not path.is_file():
                continue
            relative = path.relative_to(self.web_dir).as_posix()
            info = path.stat()
            if is_compressible(relative, info.st_size):
                found[relative] = (info.st_size, info.st_mtime_ns)
        return found

    def copy_path(self, relative: str, encoding: str) -> Path:
        return self.root / f"{relative}{SUFFIXES[encoding]}"

    def copy_for(self, relative: str, encoding: str) -> Path | None:
        """The finished copy of a web-folder file in that encoding, or None."""
        if relative not in self.sources or encoding not in self.encodings:
            return None
        path = self.copy_path(relative, encoding)
        return path if path.is_file() else None

    def available(self, relative: str) -> set[str]:
        return {e for e in self.encodings if self.copy_for(relative, e) is not None}

    def missing(self) -> list[tuple[str, str]]:
        """(relative path, encoding) still to make: the engine files browsers load first, then
        the largest."""
        todo = [(rel, enc) for rel in self.sources for enc in self.encodings
                if not self.copy_path(rel, enc).is_file()]

        def order(item: tuple[str, str]) -> tuple:
            rel = item[0]
            return (FIRST.index(rel) if rel in FIRST else len(FIRST), -self.sources[rel][0], item)

        return sorted(todo, key=order)

    def is_complete(self) -> bool:
        return self.marker.is_file()

    def build(self, workers: int = 1, on_file: Callable[[str, str], None] | None = None) -> int:
        """Make every missing copy at best quality; returns how many were made."""
        todo = self.missing()
        made = 0
        if workers <= 1:
            for relative, encoding in todo:
                _make_copy(str(self.web_dir / relative), str(self.copy_path(relative, encoding)),
                           encoding)
                made += 1
                if on_file:
                    on_file(relative, encoding)
        else:
            with worker_pool(workers) as pool:
                futures = [(rel, enc, pool.submit(_make_copy, str(self.web_dir / rel),
                                                  str(self.copy_path(rel, enc)), enc))
                           for rel, enc in todo]
                for relative, encoding, future in futures:
                    future.result()
                    made += 1
                    if on_file:
                        on_file(relative, encoding)
        self._mark_complete()
        return made

    def _mark_complete(self) -> None:
        sizes = {f"{rel}{SUFFIXES[enc]}": self.copy_path(rel, enc).stat().st_size
                 for rel in self.sources for enc in self.encodings}
        self.cache_root.mkdir(parents=True, exist_ok=True)
        temp = self.marker.with_name(f"{TEMP_PREFIX}{os.getpid()}-{self.marker.name}")
        temp.write_text(json.dumps({"web_dir": str(self.web_dir), "flet_web": flet_web_version(),
                                    "made": time.time(), "sizes": sizes}))
        os.replace(temp, self.marker)

    def lock(self, blocking: bool = True):
        """Held by whoever builds; yields False when another process has it."""
        return build_lock(self.lock_path, blocking)

    def remove_stale(self) -> None:
        """Delete complete copies of an older version of the same web folder (flet-web upgraded)."""
        for marker in self.cache_root.glob("compressed-*.json"):
            key = marker.name[len("compressed-"):-len(".json")]
            if key == self.key:
                continue
            try:
                if json.loads(marker.read_text()).get("web_dir") != str(self.web_dir):
                    continue
            except (OSError, ValueError):
                continue
            shutil.rmtree(self.cache_root / f"compressed-{key}", ignore_errors=True)
            marker.unlink(missing_ok=True)
            (self.cache_root / f"compressed-{key}.lock").unlink(missing_ok=True)


def make_all(store: CompressedStore, workers: int | None = None) -> int:
    """Make what is missing now (waits for another process that is at it)."""
    with store.lock():
        made = store.build(workers=workers or min(2, os.cpu_count() or 1))
    store.remove_stale()
    return made


def start_background_build(store: CompressedStore) -> bool:
    """`python -m serving.precompressed` in this process group (it stops with the server; what
    it made is kept). False when the copies are complete already."""
    if store.is_complete():
        return False
    command = [sys.executable, "-m", "serving.precompressed", "--background",
               "--cache-root", str(store.cache_root), "--web-dir", str(store.web_dir)]
    store.cache_root.mkdir(parents=True, exist_ok=True)
    with open(store.cache_root / "background-build.log", "ab") as log:
        subprocess.Popen(command, cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL, stdout=log,
                         stderr=subprocess.STDOUT, close_fds=True)
    return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m serving.precompressed", description=__doc__)
    parser.add_argument("--cache-root", type=Path, required=True)
    parser.add_argument("--web-dir", type=Path, default=None)
    parser.add_argument("--background", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    store = CompressedStore(args.cache_root, args.web_dir)
    if not args.background:
        made = make_all(store)
        print(f"serving: made {made} compressed copies in {store.root}", flush=True)
        return 0
    with store.lock(blocking=False) as mine:
        if not mine or store.is_complete():
            return 0
        os.nice(10)  # the server that started us comes first
        made = store.build(workers=1)
    store.remove_stale()
    print(f"serving: made {made} compressed copies in {store.root}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
