"""`python3 -m webfonts`: make every font file now (scripts/run.sh and scripts/test.sh run it).

`--background` is the server's own background build of the slow CJK parts.
Font folders come from $STEPWISE_FONT_DIRS (default: Debian's Noto folders).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from serving.precompressed import make_all
from webfonts.font_store import FontStore
from webfonts.site import (PROJECT_ROOT, default_cache_root, default_font_dirs, link_fonts, link_one,
                           prepare_web_assets, sites_using)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m webfonts", description=__doc__)
    parser.add_argument("--cache-root", type=Path, default=None)
    parser.add_argument("--main-js", type=Path, default=None)
    parser.add_argument("--background", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def build_in_background(store: FontStore) -> int:
    """Make what the server left (the CJK parts), linking each into the sites as it lands."""
    with store.lock(blocking=False) as mine:
        if not mine or store.summary() is not None:
            return 0  # another process is at it, or it is done
        os.nice(10)  # the server that started us comes first
        plan = store.plan()

        def publish(url: str) -> None:
            for site in sites_using(store.cache_root, store.key):
                link_one(store.path_for(url), site / "assets" / "fonts" / url)

        made = store.build(plan.jobs, workers=min(2, os.cpu_count() or 1), on_file=publish)
        store.mark_complete(plan)
        for site in sites_using(store.cache_root, store.key):
            link_fonts(store, site, complete=True)
        print(f"webfonts: made {made} font files for {store.root}", flush=True)
    store.remove_stale_stores()
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    cache_root = args.cache_root or default_cache_root()
    noto_dirs = default_font_dirs()
    if args.background:
        return build_in_background(FontStore(cache_root, noto_dirs, args.main_js))
    prepared = prepare_web_assets(PROJECT_ROOT / "assets", cache_root, noto_dirs=noto_dirs,
                                  main_js=args.main_js, background=False)
    made = make_all(prepared.compressed)  # the engine's brotli and gzip copies (serving/)
    print(f"Compressed web client: {made} copies made, {len(prepared.compressed.sources)} files "
          f"in {prepared.compressed.root}", flush=True)
    summary = FontStore(cache_root, noto_dirs, args.main_js).summary() or {}
    print(f"Fonts for the browser: {summary.get('files', 0)} files, "
          f"{summary.get('bytes', 0) / 1e6:.1f} MB in {prepared.path} ({prepared.seconds:.1f} s)",
          flush=True)
    if prepared.notice:
        print(prepared.notice, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
