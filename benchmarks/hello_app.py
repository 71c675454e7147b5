"""The baseline for benchmarks/ui_speed.py: Flet's hello-world counter, served as Stepwise is.

    python benchmarks/hello_app.py --port 8551

Same Flet version, same server mode (web server, no CDN, no browser opened),
same declarative components, so the difference is what Stepwise itself costs.
"""

from __future__ import annotations

import argparse
import os
import sys

import flet as ft


@ft.component
def Counter():
    count, set_count = ft.use_state(0)
    return ft.View(
        route="/",
        controls=[
            ft.SafeArea(
                content=ft.Column([
                    ft.Text(f"Count: {count}", size=24),
                    ft.FilledButton(content="Add one", on_click=lambda _: set_count(count + 1)),
                ]),
            )
        ],
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hello_app.py")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8551)
    args, _unknown = parser.parse_known_args(argv)

    def on_page(page: ft.Page) -> None:
        page.title = "Hello"
        page.render_views(lambda: [Counter()])

    os.environ["FLET_FORCE_WEB_SERVER"] = "true"
    print(f"Hello is served at http://{args.host}:{args.port}/", flush=True)
    ft.run(on_page, view=ft.AppView.WEB_BROWSER, host=args.host, port=args.port, no_cdn=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
