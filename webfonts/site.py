"""The folder served as Flet's `assets_dir`: the repo's assets plus the fonts Flutter asks for.

The repo's `assets/` stays the source of truth (icons, manifest, index.html).
This folder, in the user's cache (`site-<hash of that path>/`, so two
checkouts do not overwrite each other's icons), holds copies of those files
and hard links to the font store's files at `assets/fonts/<url>`, where
flet-web serves them. Hard links, not symlinks: Starlette refuses symlinks
that lead out of the served folder, and a link keeps a file alive for a
running server when an old store is deleted.

A start with nothing changed only compares sizes, dates and inodes (tens of
milliseconds). The first start makes the fonts: a few seconds, then the ~560
CJK parts in a background process, which links each into every site that
uses the same store as soon as it is made (until then those characters show
as boxes).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from serving import font_manifest, service_worker
from serving.engine_urls import engine_key, point_index_at
from serving.precompressed import CompressedStore
from webfonts.debian_fonts import NOTO_DIRS
from webfonts.font_store import TEMP_PREFIX, FontStore, write_atomic

CACHE_ENV = "STEPWISE_WEB_CACHE"
FONT_DIRS_ENV = "STEPWISE_FONT_DIRS"
PROJECT_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Prepared:
    """What a server start got: the folder to serve and anything to tell the person."""

    path: Path
    notice: str | None
    seconds: float
    pending: int  # CJK files still being made in the background
    #: The versioned path the page loads the engine from (serving/engine_urls.py).
    engine_key: str | None = None
    #: flet-web's compressed files (serving/precompressed.py): the server makes missing ones in
    #: the background, `python -m webfonts` at once.
    compressed: CompressedStore | None = None


def default_cache_root(environ=os.environ) -> Path:
    """$STEPWISE_WEB_CACHE, else <user cache dir>/stepwise/web (outside the repo)."""
    if environ.get(CACHE_ENV):
        return Path(environ[CACHE_ENV])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stepwise" / "web"


def default_font_dirs(environ=os.environ) -> tuple[Path, ...]:
    """$STEPWISE_FONT_DIRS (folders separated by ':'), else Debian's Noto folders."""
    if FONT_DIRS_ENV in environ:
        return tuple(Path(p) for p in environ[FONT_DIRS_ENV].split(os.pathsep) if p)
    return NOTO_DIRS


def prepare_web_assets(repo_assets: Path, cache_root: Path | None = None, *,
                       noto_dirs: tuple[Path, ...] | None = None, main_js: Path | None = None,
                       background: bool = True) -> Prepared:
    """Build or reuse the served folder; fonts that take long are left to a background process.

    With `background=False` everything is built before returning (the
    `python -m webfonts` command that scripts/run.sh and scripts/test.sh run).
    """
    started = time.perf_counter()
    cache_root = cache_root or default_cache_root()
    noto_dirs = default_font_dirs() if noto_dirs is None else noto_dirs
    store = FontStore(cache_root, noto_dirs, main_js)
    site = site_dir(cache_root, repo_assets)
    compressed = CompressedStore(cache_root)
    # Everything served under /_v/<key>/: flet-web's files, the fonts, the repo's assets.
    key = engine_key(compressed.key, store.key, assets_fingerprint(repo_assets),
                     font_manifest.VERSION)
    sync_repo_assets(repo_assets, site, key)
    write_font_manifest(site, compressed.web_dir)
    write_service_worker(site, key, compressed.web_dir)
    summary = store.summary()
    pending = 0
    if summary is None:
        plan = store.plan()
        store.build([job for job in plan.jobs if not job.slow])
        slow = store.pending([job for job in plan.jobs if job.slow])
        if slow and background:
            pending = len(slow)
            _register(site, store)
            start_background_build(cache_root, noto_dirs, store.main_js)
        else:
            with store.lock():
                store.build(slow, workers=min(2, os.cpu_count() or 1))
            summary = store.mark_complete(plan)
        missing, unbuildable = plan.missing_packages, plan.unbuildable
    else:
        missing, unbuildable = tuple(summary["missing_packages"]), summary["unbuildable"]
    link_fonts(store, site, complete=summary is not None)
    _register(site, store)
    if summary is not None:
        store.remove_stale_stores()
    return Prepared(site, notice(missing, unbuildable, pending), time.perf_counter() - started, pending,
                    key, compressed)


def notice(missing_packages, unbuildable: int, pending: int) -> str | None:
    """One line for the terminal: what to install, or what is still being made."""
    if missing_packages:
        return ("Fonts: emoji and non-Latin scripts will show as boxes in the browser until you "
                f"install: sudo apt-get install {' '.join(missing_packages)}")
    if unbuildable:
        return (f"Fonts: {unbuildable} emoji/CJK font files need fontTools: "
                "bash scripts/run.sh installs it into .venv/, or pip install 'stepwise[web]'")
    if pending:
        return (f"Fonts: preparing {pending} Chinese/Japanese/Korean font files in the background "
                "(once, a few minutes); until then those characters may show as boxes.")
    return None


def site_dir(cache_root: Path, repo_assets: Path) -> Path:
    digest = hashlib.sha256(str(repo_assets.resolve()).encode()).hexdigest()[:12]
    return cache_root / f"site-{digest}"


def assets_fingerprint(repo_assets: Path) -> list[tuple[str, int, int]]:
    """(path, size, mtime) of each repo asset file: part of the engine key."""
    return [(path.relative_to(repo_assets).as_posix(), info.st_size, info.st_mtime_ns)
            for path in sorted(repo_assets.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts and (info := path.stat())]


def sync_repo_assets(repo_assets: Path, site: Path, engine_key: str | None = None) -> None:
    """Copy new or changed repo asset files into the site; drop those deleted from the repo.

    With `engine_key`, index.html is written pointing the engine at
    /_v/<engine_key>/ (serving/engine_urls.py) instead of being copied.
    """
    record = site.with_suffix(".json")
    previous = set(_read_json(record).get("repo_files", []))
    current = []
    for path in sorted(repo_assets.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(repo_assets).as_posix()
        current.append(relative)
        target = site / relative
        if relative == "index.html" and engine_key:
            try:
                page = point_index_at(path.read_text(encoding="utf-8"), engine_key)
                version = worker_version()
                if version:
                    page = service_worker.register_in(page, version)
            except ValueError:
                pass  # not flet-web's page: copied as it is, the engine at its fixed URLs
            else:
                write_if_changed(target, page.encode())
                continue
        info = path.stat()
        try:
            have = target.stat()
            if have.st_size == info.st_size and have.st_mtime_ns == info.st_mtime_ns:
                continue
        except FileNotFoundError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{target.name}")
        shutil.copy2(path, temp)
        os.replace(temp, target)
    for gone in previous - set(current):
        (site / gone).unlink(missing_ok=True)
    site.mkdir(parents=True, exist_ok=True)
    _update_json(record, repo_files=current)


def worker_version() -> str | None:
    """The version Flutter's bootstrap registers its service worker with (None: no worker)."""
    from serving.precompressed import flet_web_dir

    try:
        return service_worker.flutter_worker_version(
            (flet_web_dir() / "flutter_bootstrap.js").read_text(encoding="utf-8"))
    except OSError:
        return None


def write_font_manifest(site: Path, web_dir: Path) -> None:
    """flet-web's FontManifest.json without the fonts Stepwise never uses (serving/font_manifest.py)."""
    try:
        text = (web_dir / "assets" / "FontManifest.json").read_text(encoding="utf-8")
        trimmed = font_manifest.without_unused(text)
    except (OSError, ValueError, AttributeError):
        (site / "assets" / "FontManifest.json").unlink(missing_ok=True)  # Flet serves its own
        return
    write_if_changed(site / "assets" / "FontManifest.json", trimmed.encode())


def write_service_worker(site: Path, key: str, web_dir: Path) -> None:
    """Stepwise's service worker and offline page into the site (serving/service_worker.py)."""
    if worker_version() is None:
        (site / service_worker.WORKER).unlink(missing_ok=True)
        return
    write_if_changed(site / service_worker.WORKER, service_worker.worker_script(key).encode())
    write_if_changed(site / service_worker.OFFLINE_PAGE, service_worker.offline_page().encode())


def write_if_changed(target: Path, data: bytes) -> None:
    try:
        if target.read_bytes() == data:
            return
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)


def link_fonts(store: FontStore, site: Path, complete: bool) -> int:
    """Hard-link the store's files into the site; returns how many links were made.

    Files the store lacks are removed only once it is complete: while the CJK
    parts of a new store are being made, the old store's parts keep serving.
    """
    made = 0
    target_root = site / "assets" / "fonts"
    wanted = set()
    if store.fonts_dir.is_dir():
        for path in store.fonts_dir.rglob("*"):
            if path.name.startswith(TEMP_PREFIX) or not path.is_file():
                continue
            relative = path.relative_to(store.fonts_dir)
            wanted.add(relative)
            made += link_one(path, target_root / relative)
    if complete and target_root.is_dir():
        for path in list(target_root.rglob("*")):
            if path.is_file() and path.relative_to(target_root) not in wanted:
                path.unlink(missing_ok=True)
    return made


def link_one(source: Path, target: Path) -> int:
    """Point `target` at `source`'s file (hard link, else copy); 0 when it already does."""
    try:
        if os.path.samefile(source, target):
            return 0
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{target.name}")
    temp.unlink(missing_ok=True)
    try:
        os.link(source, temp)
    except OSError:
        shutil.copyfile(source, temp)
    os.replace(temp, target)
    return 1


def sites_using(cache_root: Path, store_key: str) -> list[Path]:
    """Every site whose last start used this store (the background build links into them)."""
    return [record.with_suffix("") for record in sorted(cache_root.glob("site-*.json"))
            if _read_json(record).get("store") == store_key]


def start_background_build(cache_root: Path, noto_dirs: tuple[Path, ...], main_js: Path) -> None:
    """`python -m webfonts --background` in this process group: it stops with the server
    (and what it made so far is kept: the next start goes on from there)."""
    command = [sys.executable, "-m", "webfonts", "--background", "--cache-root", str(cache_root),
               "--main-js", str(main_js)]
    env = {**os.environ, FONT_DIRS_ENV: os.pathsep.join(str(d) for d in noto_dirs)}
    cache_root.mkdir(parents=True, exist_ok=True)
    with open(cache_root / "background-build.log", "ab") as log:
        subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                         stderr=subprocess.STDOUT, close_fds=True)


def _register(site: Path, store: FontStore) -> None:
    _update_json(site.with_suffix(".json"), store=store.key)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def _update_json(path: Path, **values) -> None:
    data = _read_json(path)
    if all(data.get(k) == v for k, v in values.items()):
        return
    data.update(values)
    write_atomic(path, json.dumps(data).encode())
