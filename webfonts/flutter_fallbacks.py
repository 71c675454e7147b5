"""Which font files Flutter web asks our server for, and for which characters.

Flutter web draws text with CanvasKit, which knows only the fonts it is given
(Roboto is bundled). For any other character it looks up, in a table compiled
into flet-web's main.dart.js, which Noto font covers it and fetches that file
from `assets/fonts/<url>`; with `no_cdn=True` it asks our own server. Large
families (emoji, CJK) are split into several files (`....7.woff2`), each for
its own set of characters. This module reads that table so the server can
have a file at every one of those URLs, cut to the characters Flutter expects
there.

The table is minified JavaScript, so it is recognised by shape and checked by
decoding: a list of ("Noto ...", "family/vN/file.woff2") pairs, a string of
font sets (base-26 deltas into that list) and a string that maps every code
point 0..0x10FFFF to one font set. A flet-web that lays it out differently
makes `read_fallback_fonts` raise `FallbackTableError` instead of guessing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

UNICODE_SIZE = 0x110000
_FONT_PAIR = re.compile(r'\("(Noto [^"]+)","([a-z0-9]+/v\d+/[A-Za-z0-9_\-]+(?:\.\d+)?\.woff2)"\)')
_FONT_SETS = re.compile(r'"(,[0-9a-z,]{1000,})"')
_CODE_POINT_MAP = re.compile(r'"([0-9A-Za-z]{1000,})"')


class FallbackTableError(ValueError):
    """main.dart.js has no fallback font table this module can read."""


@dataclass(frozen=True)
class FallbackFont:
    """One font file Flutter may request, and the code points it looks it up for."""

    name: str
    url: str
    ranges: tuple[tuple[int, int], ...]  # half-open [start, end) code point ranges
    split: bool = False  # one of several files of its family, each for its own characters

    @property
    def family(self) -> str:
        """Google Fonts' family key, e.g. "notocoloremoji" (the URL's first folder)."""
        return self.url.split("/", 1)[0]

    def codepoints(self) -> frozenset[int]:
        return frozenset(cp for start, end in self.ranges for cp in range(start, end))


def flet_web_main_js() -> Path:
    """flet-web's compiled Flutter client: the file whose table we read."""
    import flet_web

    return Path(flet_web.__file__).resolve().parent / "web" / "main.dart.js"


def read_fallback_fonts(main_js: Path) -> list[FallbackFont]:
    """Every fallback font in `main_js`, in Flutter's order, with its code points."""
    return parse_fallback_table(main_js.read_text(encoding="utf-8", errors="replace"))


def parse_fallback_table(source: str) -> list[FallbackFont]:
    """The fallback fonts described by the JavaScript `source` (see the module doc)."""
    fonts = _FONT_PAIR.findall(source)
    if not fonts:
        raise FallbackTableError("no fallback font list found")
    font_sets = _first_decodable(_FONT_SETS.findall(source),
                                 lambda text: _decode_font_sets(text, len(fonts)))
    boundaries, set_indices = _first_decodable(_CODE_POINT_MAP.findall(source),
                                               lambda text: _decode_code_point_map(text, len(font_sets)))
    ranges: list[list[tuple[int, int]]] = [[] for _ in fonts]
    start = 0
    for end, set_index in zip(boundaries, set_indices):
        for font_index in font_sets[set_index]:
            previous = ranges[font_index]
            if previous and previous[-1][1] == start:
                previous[-1] = (previous[-1][0], end)
            else:
                previous.append((start, end))
        start = end
    families = Counter(url.split("/", 1)[0] for _, url in fonts)
    return [FallbackFont(name, url, tuple(r), split=families[url.split("/", 1)[0]] > 1)
            for (name, url), r in zip(fonts, ranges)]


def _first_decodable(candidates, decode):
    for text in candidates:
        try:
            return decode(text)
        except FallbackTableError:
            continue
    raise FallbackTableError("fallback font table not found or not readable")


def _decode_font_sets(text: str, font_count: int) -> list[list[int]]:
    """Comma-separated sets; each a run of index deltas: digits are high base-26 places."""
    sets = []
    for encoded in text.split(","):
        members: list[int] = []
        previous, high = -1, 0
        for char in encoded:
            if "a" <= char <= "z":
                previous += high * 26 + (ord(char) - 97) + 1
                if previous >= font_count:
                    raise FallbackTableError("font index out of range")
                members.append(previous)
                high = 0
            elif "0" <= char <= "9":
                high = high * 10 + ord(char) - 48
            else:
                raise FallbackTableError(f"unexpected {char!r} in font sets")
        sets.append(members)
    return sets


def _decode_code_point_map(text: str, set_count: int) -> tuple[list[int], list[int]]:
    """Runs of code points: lower case sets a run length, upper case names the font set."""
    boundaries: list[int] = []
    set_indices: list[int] = []
    total, number, run = 0, 0, 1
    for char in text:
        if "A" <= char <= "Z":
            index = number * 26 + ord(char) - 65
            if index >= set_count:
                raise FallbackTableError("font set index out of range")
            total += run
            boundaries.append(total)
            set_indices.append(index)
            number, run = 0, 1
        elif "a" <= char <= "z":
            run = number * 26 + (ord(char) - 97) + 2
            number = 0
        elif "0" <= char <= "9":
            number = number * 10 + ord(char) - 48
        else:
            raise FallbackTableError(f"unexpected {char!r} in code point map")
    if total != UNICODE_SIZE:
        raise FallbackTableError(f"code point map covers {total}, not {UNICODE_SIZE}")
    return boundaries, set_indices
