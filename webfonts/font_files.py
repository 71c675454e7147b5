"""The bytes served under one Flutter font URL, made from installed fonts.

CanvasKit reads whatever font bytes it is given, so a TrueType/OpenType file
under a `.woff2` name works (checked in Chromium). A whole font is served as
installed. A numbered part of a split family is cut (fontTools subsetter) to
the characters Flutter expects in that part: the colour emoji font is 10 MB
and Flutter fetches each part by its own URL, so serving the whole font under
each would make a phone download it once per part that a page needs.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from webfonts.debian_fonts import Source


def fonttools_available() -> bool:
    """fontTools cuts and merges fonts; without it only whole fonts can be served."""
    import importlib.util

    return importlib.util.find_spec("fontTools") is not None


def needs_fonttools(source: Source, codepoints: frozenset[int] | None) -> bool:
    return codepoints is not None or source.is_collection or bool(source.donors)


def font_bytes(source: Source, codepoints: frozenset[int] | None) -> bytes:
    """The file for one URL: the installed font, merged and cut where needed.

    `codepoints` None means the whole font.
    """
    if not needs_fonttools(source, codepoints):
        return source.path.read_bytes()
    font = _merged(source) if source.donors else _open(source)
    if codepoints is not None:
        _cut(font, codepoints, plain=source.is_collection)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def placeholder_font() -> bytes:
    """A valid font with no characters, served where no installed font exists.

    Flutter retries a font URL that fails, over and over, which slows the first
    screen; a font it can load but that draws nothing stops that, and the
    characters show as boxes exactly as they would after a failure.
    """
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef"])
    builder.setupCharacterMap({})
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Stepwise Missing", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    out = io.BytesIO()
    builder.font.save(out)
    return out.getvalue()


def _open(source: Source):
    from fontTools.ttLib import TTFont

    if source.is_collection:
        return TTFont(source.path, fontNumber=_face_index(source.path, source.face), lazy=True)
    return TTFont(source.path, lazy=True)


@functools.lru_cache(maxsize=8)
def _face_index(path: Path, face: str) -> int:
    from fontTools.ttLib import TTCollection

    with TTCollection(path, lazy=True) as collection:
        for index, font in enumerate(collection.fonts):
            if font["name"].getDebugName(4) == face:
                return index
    raise ValueError(f"{path} has no face named {face!r}")


def _merged(source: Source):
    from fontTools.merge import Merger, Options

    # Vertical metrics and MATH are not in every donor; a merge needs them in all or none.
    merger = Merger(options=Options(drop_tables=["vmtx", "vhea", "MATH"]))
    return merger.merge([str(source.path), *(str(p) for p in source.donors)])


def _cut(font, codepoints: frozenset[int], plain: bool) -> None:
    """Keep only `codepoints`. `plain` drops layout and vertical tables too."""
    from fontTools import subset

    options = subset.Options()
    if plain:
        # CJK parts: their layout features serve vertical writing and regional
        # forms (each face is already one region's); Flutter lays out
        # horizontally. Without them a part is ~45% smaller and ~35% faster to cut.
        options.layout_features = []
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    else:
        # Emoji sequences (flags, skin tones, families) are ligatures: keep every feature.
        options.layout_features = ["*"]
    options.notdef_outline = True
    options.hinting = False  # phones draw at high density, unhinted; the files get smaller
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
