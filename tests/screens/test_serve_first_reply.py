"""Served or packaged, the page gets its title and theme in Flet's `before_main`.

The browser test (test_first_reply_browser.py) reads the first reply off the
websocket when served; a packaged app (`flet build`) cannot run here, so this
checks that both ways of starting hand Flet the same `before_main`, and what
it does to a page.
"""

from __future__ import annotations

from types import SimpleNamespace

import flet as ft
import pytest

from screens import serve
from screens.theme import ACCENT
from storage import Store


def started_options(monkeypatch, data_dir, embedded: bool) -> dict:
    """The options `main.py` hands to Flet's run, without running Flet."""
    seen: dict = {}

    async def fake_run_app(reminders, on_page, **options) -> None:
        seen.update(options)

    monkeypatch.setattr(serve, "run_app", fake_run_app)
    monkeypatch.setattr(serve, "is_embedded", lambda: embedded)
    monkeypatch.setattr(serve, "prepared_site", lambda: None)
    assert serve.main(["--data-dir", str(data_dir), "--port", "0"]) == 0
    return seen


def blank_page() -> SimpleNamespace:
    return SimpleNamespace(title=None, theme=None, dark_theme=None, theme_mode=None)


@pytest.mark.parametrize("embedded", [False, True], ids=["served", "packaged"])
def test_before_main_gives_the_page_its_title_and_theme(monkeypatch, tmp_path, embedded):
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.settings.set("theme_mode", "dark")
    options = started_options(monkeypatch, data, embedded)

    page = blank_page()
    options["before_main"](page)
    assert page.title == "Stepwise"
    assert page.theme.color_scheme_seed == ACCENT
    assert page.dark_theme.color_scheme_seed == ACCENT
    assert page.theme_mode == ft.ThemeMode.DARK


def test_a_theme_already_set_is_not_set_again(monkeypatch, tmp_path):
    """`start` dresses the page too (for any other way in); after before_main it changes nothing."""
    options = started_options(monkeypatch, tmp_path / "data", embedded=False)
    page = blank_page()
    options["before_main"](page)
    first = page.theme
    options["before_main"](page)
    assert page.theme is first
