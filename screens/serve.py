"""`python main.py`: serve Stepwise over HTTP (or run it inside a packaged app)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import flet as ft
from flet.utils import is_embedded

from content import load_insights
from daily.practice import DailyPractice
from habit.clock import SystemClock
from screens.app import start
from storage import Store
from storage.data_dir import default_data_dir

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Serve Stepwise. Subcommands: remind, export, import (see README).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8550, help="port to serve on (default 8550)")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="where the journal and progress live (default: the user data folder)")
    return parser.parse_args(argv)


def build_practice(data_dir: Path | None, content_dir: Path | None = None) -> DailyPractice:
    """Open the user's data and the content; problems are kept to show in the app."""
    store = Store.open(data_dir or default_data_dir())
    loaded = load_insights(content_dir)
    problems = tuple(f"An insight file could not be read: {error}" for error in loaded.errors)
    return DailyPractice(store, loaded.insights, SystemClock(), problems=problems)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    practice = build_practice(args.data_dir)

    def on_page(page: ft.Page) -> None:
        start(page, practice)

    if is_embedded():
        # Inside an app built with `flet build`: the runtime owns the window.
        ft.run(on_page, assets_dir=str(ASSETS))
        return 0

    # Serve over HTTP and open no browser, with or without a display.
    os.environ["FLET_FORCE_WEB_SERVER"] = "true"
    print(f"Stepwise is served at http://{args.host}:{args.port}/", flush=True)
    ft.run(
        on_page,
        view=ft.AppView.WEB_BROWSER,
        host=args.host,
        port=args.port,
        assets_dir=str(ASSETS),
        no_cdn=True,
    )
    return 0
