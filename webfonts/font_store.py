"""The built font files, cached per set of inputs so a server start reuses them.

A store is a folder `fonts-<key>/assets/fonts/<url>` under the cache root:
one file per URL Flutter may request. The key changes when anything the files
are made from changes (flet-web's table, the installed font packages,
fontTools, this code's BUILD_VERSION), so a stale store is never reused; a
marker `fonts-<key>.json` says it is complete (and what was missing), so a
start with nothing changed neither parses main.dart.js nor opens a font.

Files are written to a temporary name and renamed, so a server reading the
folder, or two processes building the same file, never see half a file.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from webfonts.debian_fonts import NOTO_DIRS, Source, fingerprint, installed_noto, package_for, source_for
from webfonts.flutter_fallbacks import FallbackFont, read_fallback_fonts
from webfonts.font_files import font_bytes, fonttools_available, needs_fonttools, placeholder_font
from serving.cache_build import build_lock, worker_pool

#: Bump when the files made from the same inputs would differ.
BUILD_VERSION = 2
TEMP_PREFIX = ".tmp-"


@dataclass(frozen=True)
class FontJob:
    """One URL to fill: from `source` cut to `codepoints`, or a placeholder when source is None."""

    url: str
    source: Source | None
    codepoints: frozenset[int] | None

    @property
    def slow(self) -> bool:
        """Parts of the CJK collection: ~0.4 s each and ~560 of them, so built apart."""
        return self.source is not None and self.source.is_collection

    def order(self) -> tuple[int, str, int]:
        """Simplified Chinese first (Flutter's choice when unsure), low code points
        (Cyrillic, Greek, punctuation, which Flutter also takes from CJK parts) next."""
        family = self.url.split("/", 1)[0]
        return (family != "notosanssc", family, min(self.codepoints or {0}))


@dataclass(frozen=True)
class Plan:
    jobs: tuple[FontJob, ...]
    missing_packages: tuple[str, ...]  # Debian packages whose fonts are not installed
    unbuildable: int  # URLs left out: they need fontTools, which is not installed


def plan_jobs(fallbacks: list[FallbackFont], installed: dict[str, Path], can_cut: bool) -> Plan:
    """What to put under each URL, given the installed fonts."""
    jobs: list[FontJob] = []
    missing: set[str] = set()
    unbuildable = 0
    for font in fallbacks:
        source = source_for(font.family, installed)
        codepoints = font.codepoints() if font.split else None
        if source is None:
            missing.add(package_for(font.family))
            if can_cut:
                jobs.append(FontJob(font.url, None, None))
            else:
                unbuildable += 1
        elif needs_fonttools(source, codepoints) and not can_cut:
            unbuildable += 1
        else:
            jobs.append(FontJob(font.url, source, codepoints))
    return Plan(tuple(jobs), tuple(sorted(missing)), unbuildable)


class FontStore:
    """The cached font files for one set of inputs (see the module doc)."""

    def __init__(self, cache_root: Path, noto_dirs: tuple[Path, ...] = NOTO_DIRS,
                 main_js: Path | None = None) -> None:
        if main_js is None:
            from webfonts.flutter_fallbacks import flet_web_main_js

            main_js = flet_web_main_js()
        self.cache_root = cache_root
        self.noto_dirs = noto_dirs
        self.main_js = main_js
        self.key = self._key()
        self.root = cache_root / f"fonts-{self.key}"
        self.fonts_dir = self.root / "assets" / "fonts"
        self.marker = cache_root / f"fonts-{self.key}.json"
        self.lock_path = cache_root / f"fonts-{self.key}.lock"

    def _key(self) -> str:
        return hashlib.sha256(json.dumps(self._inputs(), sort_keys=True).encode()).hexdigest()[:16]

    def _inputs(self) -> dict:
        stat = self.main_js.stat()
        return {
            "version": BUILD_VERSION,
            "table": [str(self.main_js), stat.st_size, stat.st_mtime_ns],
            "fonts": fingerprint(self.noto_dirs),
            "fonttools": fonttools_available() and _fonttools_version(),
        }

    def summary(self) -> dict | None:
        """What the complete store holds and lacks, or None while it is not complete."""
        try:
            return json.loads(self.marker.read_text())
        except (OSError, ValueError):
            return None

    def plan(self) -> Plan:
        fallbacks = read_fallback_fonts(self.main_js)
        return plan_jobs(fallbacks, installed_noto(self.noto_dirs), fonttools_available())

    def path_for(self, url: str) -> Path:
        return self.fonts_dir / url

    def pending(self, jobs) -> list[FontJob]:
        return [job for job in jobs if not self.path_for(job.url).is_file()]

    def build(self, jobs, workers: int = 1, on_file: Callable[[str], None] | None = None) -> int:
        """Make every missing file of `jobs`; returns how many were made."""
        todo = sorted(self.pending(jobs), key=FontJob.order)
        placeholder = placeholder_font() if any(job.source is None for job in todo) else b""
        if workers <= 1 or len(todo) < 2:
            for job in todo:
                write_atomic(self.path_for(job.url), placeholder if job.source is None
                             else font_bytes(job.source, job.codepoints))
                if on_file:
                    on_file(job.url)
            return len(todo)
        with worker_pool(workers) as pool:
            for url in pool.map(_build_one, [(job, self.path_for(job.url), placeholder) for job in todo]):
                if on_file:
                    on_file(url)
        return len(todo)

    def mark_complete(self, plan: Plan) -> dict:
        files = [p for p in self.fonts_dir.rglob("*") if p.is_file() and not p.name.startswith(TEMP_PREFIX)]
        summary = {"files": len(files), "bytes": sum(p.stat().st_size for p in files),
                   "missing_packages": list(plan.missing_packages), "unbuildable": plan.unbuildable,
                   "table": self._inputs()["table"], "version": BUILD_VERSION}
        write_atomic(self.marker, json.dumps(summary).encode())
        return summary

    def lock(self, blocking: bool = True):
        """Held by whoever builds the slow files; yields False when another process has it."""
        return build_lock(self.lock_path, blocking)

    def in_use_elsewhere(self, key: str) -> bool:
        """Whether the store `key` was made for another flet-web still installed as it was
        (another checkout or environment on this machine): it is not stale, only not ours."""
        try:
            other = json.loads((self.cache_root / f"fonts-{key}.json").read_text())
            path, size, mtime = other["table"]
            if other.get("version") != BUILD_VERSION or path == str(self.main_js):
                return False
            stat = Path(path).stat()
        except (OSError, ValueError, KeyError, TypeError):
            return False
        return (stat.st_size, stat.st_mtime_ns) == (size, mtime)

    def remove_stale_stores(self) -> None:
        """Delete stores of other keys that nobody is building and no other installed
        flet-web still uses (two checkouts on one machine keep their own).

        A server still serving one keeps its files: sites hold hard links.
        """
        for marker_or_dir in self.cache_root.glob("fonts-*"):
            key = marker_or_dir.name.split("-", 1)[1].split(".", 1)[0]
            if key == self.key or not marker_or_dir.is_dir() or self.in_use_elsewhere(key):
                continue
            other_lock = self.cache_root / f"fonts-{key}.lock"
            with open(other_lock, "a") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue
                shutil.rmtree(marker_or_dir, ignore_errors=True)
                (self.cache_root / f"fonts-{key}.json").unlink(missing_ok=True)
            other_lock.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}")
    temp.write_bytes(data)
    os.replace(temp, path)


def _build_one(args: tuple[FontJob, Path, bytes]) -> str:
    job, path, placeholder = args
    write_atomic(path, placeholder if job.source is None else font_bytes(job.source, job.codepoints))
    return job.url


def _fonttools_version() -> str:
    from importlib.metadata import version

    return version("fonttools")
