"""The served assets folder with the fonts Flutter web asks for (webfonts/), checked offline.

Most tests use a small made-up Flutter table and made-up fonts, so they say
exactly which file must land where; two read the real installed flet-web
table and the real Debian fonts.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

pytest.importorskip("fontTools")
from fontTools.fontBuilder import FontBuilder  # noqa: E402
from fontTools.pens.ttGlyphPen import TTGlyphPen  # noqa: E402
from fontTools.ttLib import TTCollection, TTFont  # noqa: E402

from webfonts.debian_fonts import installed_noto, source_for  # noqa: E402
from webfonts.flutter_fallbacks import (  # noqa: E402
    FallbackTableError, flet_web_main_js, parse_fallback_table, read_fallback_fonts,
)
from webfonts.font_store import FontStore, plan_jobs  # noqa: E402
from webfonts.site import notice, prepare_web_assets, site_dir  # noqa: E402

EMOJI_URL_0 = "notocoloremoji/v32/emojiid.0.woff2"
EMOJI_URL_1 = "notocoloremoji/v32/emojiid.1.woff2"
HEBREW_URL = "notosanshebrew/v46/hebrewid.woff2"
ARABIC_URL = "notosansarabic/v28/arabicid.woff2"
SC_URL_0 = "notosanssc/v37/scid.0.woff2"
SC_URL_1 = "notosanssc/v37/scid.1.woff2"
SPROUT, APPLE, SHIN, LAMED, NI, HAO = 0x1F331, 0x1F34E, 0x5E9, 0x5DC, 0x4F60, 0x597D

# --- A made-up Flutter table, encoded as main.dart.js encodes its own ------


def _base26(number: int, letter_base: str) -> str:
    high, low = divmod(number, 26)
    return (str(high) if high else "") + chr(ord(letter_base) + low)


def encode_table(fonts: list[tuple[str, str]], runs: list[tuple[int, list[int]]]) -> str:
    """JavaScript holding `fonts` and a code point map made of (length, font indices) runs."""
    sets: list[list[int]] = [[]]
    for _, members in runs:
        if sorted(members) not in sets:
            sets.append(sorted(members))
    sets += [[0]] * 600  # the real table is long; the reader only looks at long strings
    encoded_sets = []
    for members in sets:
        previous, text = -1, ""
        for member in members:
            text += _base26(member - previous - 1, "a")
            previous = member
        encoded_sets.append(text)
    mapping = ""
    for length, members in runs:
        mapping += ("" if length == 1 else _base26(length - 2, "a")) + _base26(sets.index(sorted(members)), "A")
    pairs = ",".join(f'A.z("{name}","{url}")' for name, url in fonts)
    return (f'x.f=function(){{return A.d([{pairs}],t.Qg)}};\n'
            f'n=f.b4u("{",".join(encoded_sets)}")\nn=A.do1("{mapping}",o,r)\n')


FONTS = [("Noto Color Emoji 0", EMOJI_URL_0), ("Noto Color Emoji 1", EMOJI_URL_1),
         ("Noto Sans Hebrew", HEBREW_URL), ("Noto Sans Arabic", ARABIC_URL),
         ("Noto Sans SC 0", SC_URL_0), ("Noto Sans SC 1", SC_URL_1)]


def runs_for(points: dict[int, list[int]]) -> list[tuple[int, list[int]]]:
    """Every code point in `points` maps to its fonts, everything else to none,
    in runs short enough that the map string is as long as a real one."""
    runs, at = [], 0
    for cp in sorted(points):
        gap = cp - at
        while gap > 0:
            step = min(gap, 1500)
            runs.append((step, []))
            gap -= step
        runs.append((1, points[cp]))
        at = cp + 1
    rest = 0x110000 - at
    while rest > 0:
        step = min(rest, 1500)
        runs.append((step, []))
        rest -= step
    return runs


POINTS = {SPROUT: [0], APPLE: [1], SHIN: [2], LAMED: [2], 0x645: [3], NI: [4], HAO: [5]}


@pytest.fixture
def main_js(tmp_path) -> Path:
    path = tmp_path / "main.dart.js"
    path.write_text(encode_table(FONTS, runs_for(POINTS)))
    return path


# --- Made-up installed fonts ----------------------------------------------


def make_font(codepoints, full_name: str = "Noto Test") -> TTFont:
    """A TrueType font with a square glyph for each code point."""
    names = [".notdef"] + [f"u{cp:X}" for cp in codepoints]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({cp: f"u{cp:X}" for cp in codepoints})
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0)), pen.lineTo((100, 700)), pen.lineTo((600, 700)), pen.lineTo((600, 0))
        pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (700, 100) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": full_name, "styleName": "Regular", "fullName": full_name})
    builder.setupOS2()
    builder.setupPost()
    return builder.font


@pytest.fixture
def fonts_dir(tmp_path) -> Path:
    """Emoji, Hebrew and a CJK collection installed; Arabic not."""
    folder = tmp_path / "noto"
    folder.mkdir()
    make_font([SPROUT, APPLE, 0x1F680]).save(folder / "NotoColorEmoji.ttf")
    make_font([SHIN, LAMED]).save(folder / "NotoSansHebrew-Regular.ttf")
    make_font([SHIN]).save(folder / "NotoSansHebrew-Bold.ttf")
    collection = TTCollection()
    collection.fonts = [make_font([NI, HAO, 0x4E00], "Noto Sans CJK JP"),
                        make_font([NI, HAO], "Noto Sans CJK SC")]
    collection.save(folder / "NotoSansCJK-Regular.ttc")
    return folder


@pytest.fixture
def repo_assets(tmp_path) -> Path:
    assets = tmp_path / "assets"
    (assets / "icons").mkdir(parents=True)
    (assets / "index.html").write_text("<html>Stepwise</html>")
    (assets / "icons" / "icon-192.png").write_bytes(b"png")
    return assets


def cmap_of(path: Path) -> set[int]:
    return set(TTFont(path).getBestCmap())


def prepare(repo_assets, tmp_path, fonts_dir, main_js, **options):
    return prepare_web_assets(repo_assets, tmp_path / "cache", noto_dirs=(fonts_dir,), main_js=main_js,
                              **{"background": False, **options})


# --- The table ---------------------------------------------------------------


def test_the_table_gives_each_font_its_url_and_code_points(main_js):
    fonts = read_fallback_fonts(main_js)
    assert [(f.name, f.url) for f in fonts] == FONTS
    by_url = {f.url: f for f in fonts}
    assert by_url[EMOJI_URL_0].codepoints() == {SPROUT}
    assert by_url[HEBREW_URL].codepoints() == {SHIN, LAMED}
    assert by_url[HEBREW_URL].ranges == ((LAMED, LAMED + 1), (SHIN, SHIN + 1))
    assert by_url[EMOJI_URL_1].split and by_url[SC_URL_0].split and not by_url[HEBREW_URL].split
    assert by_url[HEBREW_URL].family == "notosanshebrew"


def test_a_table_that_does_not_add_up_is_refused(main_js):
    broken = main_js.read_text().replace('A.do1("', 'A.do1("B', 1)  # one code point too many
    with pytest.raises(FallbackTableError):
        parse_fallback_table(broken)
    with pytest.raises(FallbackTableError):
        parse_fallback_table("var nothing = 1;")


def test_the_installed_flet_web_table_is_read():
    fonts = read_fallback_fonts(flet_web_main_js())
    assert len(fonts) > 500
    families_of = {}
    for font in fonts:
        for cp in (SPROUT, SHIN, 0x645, NI, 0x928, 0x2192):
            if font.ranges and any(start <= cp < end for start, end in font.ranges):
                families_of.setdefault(cp, set()).add(font.family)
    assert families_of[SPROUT] == {"notocoloremoji"}
    assert families_of[SHIN] == {"notosanshebrew"}
    assert "notosansarabic" in families_of[0x645]
    assert "notosanssc" in families_of[NI]
    assert "notosansdevanagari" in families_of[0x928]
    assert all(f.url.endswith(".woff2") for f in fonts)


# --- Which installed file serves which family ---------------------------------


def test_installed_fonts_are_found_by_family_key_regular_weight_only(fonts_dir):
    installed = installed_noto((fonts_dir, fonts_dir / "absent"))
    assert installed["notosanshebrew"].name == "NotoSansHebrew-Regular.ttf"
    assert installed["notocoloremoji"].name == "NotoColorEmoji.ttf"
    sc = source_for("notosanssc", installed)
    assert sc.path.name == "NotoSansCJK-Regular.ttc" and sc.face == "Noto Sans CJK SC"
    assert source_for("notosansarabic", installed) is None


def test_debians_noto_sans_gets_devanagari_merged_in(tmp_path):
    installed = {"notosans": tmp_path / "NotoSans-Regular.ttf",
                 "notosansdevanagari": tmp_path / "NotoSansDevanagari-Regular.ttf"}
    assert source_for("notosans", installed).donors == (installed["notosansdevanagari"],)


def test_the_plan_cuts_split_families_keeps_whole_fonts_and_marks_missing_packages(main_js, fonts_dir):
    plan = plan_jobs(read_fallback_fonts(main_js), installed_noto((fonts_dir,)), can_cut=True)
    jobs = {job.url: job for job in plan.jobs}
    assert jobs[EMOJI_URL_1].codepoints == {APPLE}
    assert jobs[HEBREW_URL].codepoints is None  # whole font
    assert jobs[ARABIC_URL].source is None  # placeholder
    assert jobs[SC_URL_0].slow and not jobs[EMOJI_URL_0].slow
    assert plan.missing_packages == ("fonts-noto-core",)
    without = plan_jobs(read_fallback_fonts(main_js), installed_noto((fonts_dir,)), can_cut=False)
    assert {job.url for job in without.jobs} == {HEBREW_URL}
    assert without.unbuildable == 5


# --- The served folder ----------------------------------------------------------


def test_the_site_holds_the_repo_assets_and_each_font_at_flutters_path(repo_assets, tmp_path, fonts_dir, main_js):
    prepared = prepare(repo_assets, tmp_path, fonts_dir, main_js)
    site = prepared.path
    assert site == site_dir(tmp_path / "cache", repo_assets)
    assert not site.is_relative_to(repo_assets)
    assert (site / "index.html").read_text() == "<html>Stepwise</html>"
    assert (site / "icons" / "icon-192.png").read_bytes() == b"png"
    fonts = site / "assets" / "fonts"
    # Split families: each file holds exactly its own characters.
    assert cmap_of(fonts / EMOJI_URL_0) == {SPROUT}
    assert cmap_of(fonts / EMOJI_URL_1) == {APPLE}
    assert cmap_of(fonts / SC_URL_0) == {NI}
    sc_face = TTFont(fonts / SC_URL_1)
    assert set(sc_face.getBestCmap()) == {HAO} and sc_face["name"].getDebugName(4) == "Noto Sans CJK SC"
    # A whole font is served as installed.
    assert (fonts / HEBREW_URL).read_bytes() == (fonts_dir / "NotoSansHebrew-Regular.ttf").read_bytes()
    # Not installed: a font with no characters (Flutter stops asking), and one line saying what to install.
    assert cmap_of(fonts / ARABIC_URL) == set()
    assert prepared.notice == ("Fonts: emoji and non-Latin scripts will show as boxes in the browser "
                               "until you install: sudo apt-get install fonts-noto-core")
    # The site links the store's files rather than copying them.
    store = FontStore(tmp_path / "cache", (fonts_dir,), main_js)
    assert os.path.samefile(fonts / EMOJI_URL_1, store.path_for(EMOJI_URL_1))
    assert prepared.pending == 0


def test_a_second_start_reuses_the_folder_without_reading_the_table(repo_assets, tmp_path, fonts_dir, main_js,
                                                                     monkeypatch):
    first = prepare(repo_assets, tmp_path, fonts_dir, main_js)
    served = first.path / "assets" / "fonts" / EMOJI_URL_0
    before = served.stat()

    def no_plan(self):
        raise AssertionError("a complete store was planned again")

    monkeypatch.setattr(FontStore, "plan", no_plan)
    second = prepare(repo_assets, tmp_path, fonts_dir, main_js)
    assert second.path == first.path and second.notice == first.notice
    after = served.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_changed_and_deleted_repo_assets_follow_the_repo(repo_assets, tmp_path, fonts_dir, main_js):
    site = prepare(repo_assets, tmp_path, fonts_dir, main_js).path
    (repo_assets / "index.html").write_text("<html>Stepwise, new</html>")
    future = time.time() + 5
    os.utime(repo_assets / "index.html", (future, future))
    (repo_assets / "icons" / "icon-192.png").unlink()
    prepare(repo_assets, tmp_path, fonts_dir, main_js)
    assert (site / "index.html").read_text() == "<html>Stepwise, new</html>"
    assert not (site / "icons" / "icon-192.png").exists()
    assert (site / "assets" / "fonts" / HEBREW_URL).is_file()  # fonts are not repo files


def test_a_reinstalled_font_makes_a_new_store_and_the_old_one_goes(repo_assets, tmp_path, fonts_dir, main_js):
    cache = tmp_path / "cache"
    site = prepare(repo_assets, tmp_path, fonts_dir, main_js).path
    old = FontStore(cache, (fonts_dir,), main_js)
    make_font([SHIN, LAMED, 0x5D0]).save(fonts_dir / "NotoSansHebrew-Regular.ttf")  # a package update
    new = FontStore(cache, (fonts_dir,), main_js)
    assert new.key != old.key
    prepare(repo_assets, tmp_path, fonts_dir, main_js)
    assert 0x5D0 in cmap_of(site / "assets" / "fonts" / HEBREW_URL)
    assert not old.root.exists() and not old.marker.exists()
    assert new.summary()["files"] == len(FONTS)


def test_a_store_another_installed_flet_web_uses_is_kept_until_that_one_is_gone(repo_assets, tmp_path,
                                                                                fonts_dir, main_js):
    """Two checkouts (or environments) on one machine each keep their fonts; a store whose
    flet-web was removed or upgraded is stale and goes."""
    cache = tmp_path / "cache"
    other_js = tmp_path / "other-env" / "main.dart.js"
    other_js.parent.mkdir()
    other_js.write_bytes(main_js.read_bytes() + b"\n")
    other = prepare_web_assets(repo_assets, cache, noto_dirs=(fonts_dir,), main_js=other_js,
                               background=False)
    other_store = FontStore(cache, (fonts_dir,), other_js)
    assert other_store.summary() is not None
    ours = prepare(repo_assets, tmp_path, fonts_dir, main_js)
    assert other_store.root.exists() and other_store.summary()["files"] == len(FONTS)
    assert (other.path / "assets" / "fonts" / HEBREW_URL).is_file()
    assert (ours.path / "assets" / "fonts" / HEBREW_URL).is_file()
    other_js.unlink()  # that environment is deleted: its store is stale now
    prepare(repo_assets, tmp_path, fonts_dir, main_js)
    assert not other_store.root.exists() and not other_store.marker.exists()


def test_without_any_font_package_the_site_still_serves_and_names_all_three(repo_assets, tmp_path):
    """The real table, no fonts installed: every URL answers, and one line says what to install."""
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    prepared = prepare_web_assets(repo_assets, tmp_path / "cache", noto_dirs=(empty,), background=False)
    assert (prepared.path / "index.html").is_file()
    fonts = read_fallback_fonts(flet_web_main_js())
    served = prepared.path / "assets" / "fonts"
    assert all((served / f.url).is_file() for f in fonts)
    assert cmap_of(served / fonts[0].url) == set()
    assert prepared.notice.endswith(
        "sudo apt-get install fonts-noto-cjk fonts-noto-color-emoji fonts-noto-core")
    assert "\n" not in prepared.notice


def test_the_cjk_parts_are_made_in_the_background_and_linked_when_ready(repo_assets, tmp_path, fonts_dir,
                                                                          main_js):
    prepared = prepare(repo_assets, tmp_path, fonts_dir, main_js, background=True)
    served = prepared.path / "assets" / "fonts"
    assert prepared.pending == 2
    assert (served / EMOJI_URL_0).is_file()  # the quick ones are there at once
    store = FontStore(tmp_path / "cache", (fonts_dir,), main_js)
    deadline = time.monotonic() + 120
    while store.summary() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    log = tmp_path / "cache" / "background-build.log"
    assert store.summary() is not None, log.read_text() if log.exists() else "no log"
    assert cmap_of(served / SC_URL_0) == {NI} and cmap_of(served / SC_URL_1) == {HAO}
    assert os.path.samefile(served / SC_URL_1, store.path_for(SC_URL_1))


def test_the_install_line_comes_first_then_fonttools_then_the_background_build():
    assert "sudo apt-get install fonts-noto-core" in notice(("fonts-noto-core",), 3, 2)
    assert "fontTools" in notice((), 3, 2)
    assert notice((), 0, 2) == ("Fonts: preparing 2 Chinese/Japanese/Korean font files in the background "
                                "(once, a few minutes); until then those characters may show as boxes.")
    assert notice((), 0, 0) is None


# --- The server's wiring ------------------------------------------------------------


def test_the_server_serves_the_repo_assets_when_fonts_cannot_be_prepared(monkeypatch, capsys):
    from screens import serve

    def broken(*args, **kwargs):
        raise OSError("disk full")

    import webfonts

    monkeypatch.setattr(webfonts, "prepare_web_assets", broken)
    assert serve.web_assets_dir() == serve.ASSETS
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "disk full" in out and "boxes" in out


def test_the_server_prints_one_install_line_when_no_fonts_are_installed(monkeypatch, capsys, tmp_path):
    from screens import serve

    monkeypatch.setenv("STEPWISE_FONT_DIRS", "")
    monkeypatch.setenv("STEPWISE_WEB_CACHE", str(tmp_path / "cache"))
    served = serve.web_assets_dir()
    assert served.is_relative_to(tmp_path / "cache") and (served / "manifest.json").is_file()
    out = capsys.readouterr().out
    assert out == ("Fonts: emoji and non-Latin scripts will show as boxes in the browser until you install: "
                   "sudo apt-get install fonts-noto-cjk fonts-noto-color-emoji fonts-noto-core\n")


# --- The real Debian fonts ------------------------------------------------------------

SAMPLE = "🌱🍎 שלום مرحبا Привет Γειά 你好 नमस्ते Café — “x” → …"


def test_every_font_flutter_may_pick_for_the_sample_covers_it(tmp_path):
    """For each character of the sample that Roboto lacks, each file Flutter might fetch for it holds it."""
    installed = installed_noto()
    needed = ("notocoloremoji", "notosanshebrew", "notosansarabic", "notosans", "notosanscjk")
    if not all(key in installed for key in needed):
        pytest.skip("Debian's Noto fonts are not installed (scripts/test.sh installs them)")
    fonts = read_fallback_fonts(flet_web_main_js())
    roboto = set(TTFont(flet_web_main_js().parent / "assets" / "fonts" / "roboto.woff2").getBestCmap())
    asked = {ord(char) for char in SAMPLE} - roboto  # Flutter asks for a fallback for these only
    assert {ord(c) for c in "🌱שمन你→"} <= asked
    wanted: dict[str, set[int]] = {}
    for font in fonts:
        for cp in asked:
            if any(start <= cp < end for start, end in font.ranges):
                wanted.setdefault(font.url, set()).add(cp)
    assert asked <= set().union(*wanted.values())
    jobs = {job.url: job for job in plan_jobs(fonts, installed, can_cut=True).jobs}
    store = FontStore(tmp_path / "cache")
    store.build([jobs[url] for url in wanted])
    missing = {url: "".join(sorted(chr(cp) for cp in cps - cmap_of(store.path_for(url))))
               for url, cps in wanted.items()}
    assert {url: chars for url, chars in missing.items() if chars} == {}
    emoji = store.path_for(next(url for url in wanted if url.startswith("notocoloremoji")))
    assert emoji.stat().st_size < 2_000_000  # a part, not the whole 11 MB font


def test_two_worker_processes_make_the_same_files_as_one(tmp_path, fonts_dir, main_js):
    """The pool is spawned (not forked from a process with Flet or Playwright threads); same fonts.

    (Bytes differ: a cut font records when it was made.)"""
    made = {}
    for workers in (1, 2):
        store = FontStore(tmp_path / f"cache-{workers}", (fonts_dir,), main_js)
        jobs = store.plan().jobs
        assert store.build(jobs, workers=workers) == len(jobs) > 1
        made[workers] = {job.url: cmap_of(store.path_for(job.url)) for job in jobs}
    assert made[2] == made[1]
