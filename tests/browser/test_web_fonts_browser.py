"""Emoji and other scripts in the Journal, in Chromium at phone size: real glyphs, not boxes.

The same notes are shown twice: by a server with Debian's Noto fonts and by
one with none (STEPWISE_FONT_DIRS empty), which draws every missing character
as a box ("tofu"). Each note's pixels must differ from that tofu rendering,
the emoji must be in colour, and no font request may fail in either.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from storage import Store
from tests.browser.harness import (
    block_outside_hosts, open_app_on_phone, phone_context, reveal, screenshot, served_now,
)

pytestmark = pytest.mark.browser
Image = pytest.importorskip("PIL.Image")

SAMPLES = (
    ("emoji", "🌱🍎🚀🎉"),
    ("hebrew", "שלום עולם"),
    ("arabic", "مرحبا بالعالم"),
    ("cyrillic", "Привет, мир"),
    ("greek", "Γειά σου κόσμε"),
    ("chinese", "你好，世界"),
    ("devanagari", "नमस्ते दुनिया"),
    ("punctuation", "Café — “so” → then…"),
)
INSTALL_LINE = ("Fonts: emoji and non-Latin scripts will show as boxes in the browser until you install: "
                "sudo apt-get install fonts-noto-cjk fonts-noto-color-emoji fonts-noto-core")


def seed_notes(data_dir) -> None:
    """One free note per sample, the first newest (so it is on top)."""
    now = served_now()
    with Store.open(data_dir) as store:
        for age, (_, text) in enumerate(SAMPLES):
            moment = now - timedelta(minutes=age)
            store.journal.add_note(moment.date(), text, moment)


def pixels(image) -> list[tuple[int, int, int]]:
    data = image.tobytes()
    return [tuple(data[i:i + 3]) for i in range(0, len(data), 3)]


def coloured_pixels(image) -> int:
    """Pixels far from grey: colour emoji have many, tofu boxes and text none."""
    return sum(1 for r, g, b in pixels(image) if max(r, g, b) - min(r, g, b) > 80)


def differing_pixels(a, b) -> int:
    width, height = min(a.width, b.width), min(a.height, b.height)
    a, b = a.crop((0, 0, width, height)), b.crop((0, 0, width, height))
    return sum(1 for p, q in zip(pixels(a), pixels(b)) if max(abs(x - y) for x, y in zip(p, q)) > 64)


def roboto_has(text: str) -> bool:
    """Whether the font Flutter bundles draws all of `text` itself (Cyrillic, Greek do)."""
    from fontTools.ttLib import TTFont

    from webfonts.flutter_fallbacks import flet_web_main_js

    cmap = TTFont(flet_web_main_js().parent / "assets" / "fonts" / "roboto.woff2").getBestCmap()
    return all(ord(char) in cmap for char in text)


def settled_clip(page, box: dict, attempts: int = 20):
    """The note's pixels once two shots in a row agree (a font may still be arriving)."""
    previous = page.screenshot(clip=box)
    for _ in range(attempts):
        page.wait_for_timeout(250)
        current = page.screenshot(clip=box)
        if current == previous:
            break
        previous = current
    return Image.open(io.BytesIO(current)).convert("RGB")


def render_journal(browser, server, label: str) -> dict:
    """Open the Journal on a phone; return each note's pixels and every font response."""
    context = phone_context(browser)
    page = context.new_page()
    fonts: list[tuple[int, str, int]] = []
    failed: list[str] = []

    def on_response(response):
        if "/assets/fonts/" in response.url:
            size = int(response.headers.get("content-length", "0"))
            fonts.append((response.status, response.url.split("/assets/fonts/", 1)[1], size))

    page.on("response", on_response)
    page.on("requestfailed", lambda request: failed.append(request.url))
    blocked = block_outside_hosts(page)
    open_app_on_phone(page, server.url)
    page.get_by_role("tab", name="Journal").click()
    page.get_by_text(SAMPLES[0][1], exact=True).wait_for(timeout=30_000)
    screenshot(page, f"web-fonts-{label}-top")
    crops = {}
    for name, text in SAMPLES:
        note = page.get_by_text(text, exact=True)
        reveal(page, note, bottom_margin=120)
        crops[name] = settled_clip(page, note.bounding_box())
    screenshot(page, f"web-fonts-{label}-bottom")
    context.close()
    assert all("127.0.0.1" not in url for url in blocked)  # only outside hosts are blocked
    return {"crops": crops, "fonts": fonts, "failed": failed}


@pytest.fixture(scope="module")
def with_fonts(browser, tmp_path_factory, serve_for_module):
    from screens.serve import ASSETS
    from webfonts import prepare_web_assets

    # Make every font now (reused when already made), so the server builds nothing in the background.
    prepared = prepare_web_assets(ASSETS, background=False)
    if prepared.notice:
        pytest.skip(f"fonts not installed (scripts/test.sh installs them): {prepared.notice}")
    data = tmp_path_factory.mktemp("fonts") / "data"
    seed_notes(data)
    server = serve_for_module(data)
    rendering = render_journal(browser, server, "installed")
    server.stop()  # done with it; the next fixture's server starts on a quiet machine
    return rendering


@pytest.fixture(scope="module")
def without_fonts(browser, tmp_path_factory, serve_for_module):
    root = tmp_path_factory.mktemp("no-fonts")
    seed_notes(root / "data")
    server = serve_for_module(root / "data", env={"STEPWISE_FONT_DIRS": "",
                                                  "STEPWISE_WEB_CACHE": str(root / "cache")})
    rendering = render_journal(browser, server, "missing")
    server.stop()  # so the log holds everything the server wrote
    rendering["log"] = server.log.read_text()
    return rendering


def test_without_fonts_the_app_serves_and_says_what_to_install(without_fonts):
    """The baseline: boxes, one line in the terminal, and still no failed font request."""
    assert INSTALL_LINE in without_fonts["log"].splitlines()
    assert without_fonts["fonts"], "Flutter asked for no font: the samples need none?"
    assert [f for f in without_fonts["fonts"] if f[0] >= 400] == []
    assert [url for url in without_fonts["failed"] if "/assets/fonts/" in url] == []
    assert coloured_pixels(without_fonts["crops"]["emoji"]) < 50


def test_emoji_and_scripts_are_drawn_with_real_glyphs(with_fonts, without_fonts):
    assert [f for f in with_fonts["fonts"] if f[0] >= 400] == []
    assert [url for url in with_fonts["failed"] if "/assets/fonts/" in url] == []
    families = {url.split("/", 1)[0] for status, url, size in with_fonts["fonts"] if size > 2000}
    assert {"notocoloremoji", "notosanshebrew", "notosansarabic"} <= families
    assert families & {"notosanssc", "notosanstc", "notosanshk", "notosansjp", "notosanskr"}

    assert coloured_pixels(with_fonts["crops"]["emoji"]) > 1000
    for name, text in SAMPLES:
        changed = differing_pixels(with_fonts["crops"][name], without_fonts["crops"][name])
        if roboto_has(text):
            # Drawn by the bundled Roboto either way: the two renderings are comparable.
            assert changed == 0, f"{name} needs no fallback font yet rendered differently"
        else:
            assert changed > 40, f"{name} looks like the rendering without fonts (boxes)"
    assert not roboto_has(SAMPLES[-1][1])  # the arrow: even Latin text needs a fallback font


def test_a_phone_downloads_one_part_of_the_emoji_font_not_all_of_it(with_fonts):
    emoji = [(url, size) for status, url, size in with_fonts["fonts"] if url.startswith("notocoloremoji/")]
    assert emoji and all(url.count(".") == 2 for url, _ in emoji)  # numbered parts
    assert sum(size for _, size in emoji) < 10_000_000 / 2  # four emoji: well under the whole font
    assert len({url for url, _ in emoji}) == len(emoji)  # each part fetched once
