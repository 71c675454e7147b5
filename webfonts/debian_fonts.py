"""Where the Noto fonts Flutter asks for are on a Debian machine, and which package brings them.

Google Fonts names a family by a lower-case key ("notosanshebrew"); Debian
ships the same Noto families as files named after them
(`NotoSansHebrew-Regular.ttf`). Two exceptions are spelled out here: the CJK
families come as faces of one collection (`NotoSansCJK-Regular.ttc`), and
Debian's Noto Sans (2020) lacks the Devanagari that Google's has, so the
Devanagari font is merged into it (Flutter picks "Noto Sans" for Devanagari
when both would do, and would draw boxes otherwise).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

NOTO_DIRS: tuple[Path, ...] = (Path("/usr/share/fonts/truetype/noto"),
                               Path("/usr/share/fonts/opentype/noto"))
EMOJI_PACKAGE = "fonts-noto-color-emoji"
SCRIPTS_PACKAGE = "fonts-noto-core"
CJK_PACKAGE = "fonts-noto-cjk"
PACKAGES: tuple[str, ...] = (EMOJI_PACKAGE, SCRIPTS_PACKAGE, CJK_PACKAGE)

CJK_COLLECTION = "notosanscjk"  # key of NotoSansCJK-Regular.ttc
CJK_FACES: dict[str, str] = {
    "notosanssc": "Noto Sans CJK SC",
    "notosanstc": "Noto Sans CJK TC",
    "notosanshk": "Noto Sans CJK HK",
    "notosansjp": "Noto Sans CJK JP",
    "notosanskr": "Noto Sans CJK KR",
}
#: Families whose Debian build lacks a script Flutter expects in them: merge these in.
DONORS: dict[str, tuple[str, ...]] = {"notosans": ("notosansdevanagari",)}
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


@dataclass(frozen=True)
class Source:
    """The installed file(s) a served font is made from."""

    path: Path
    face: str | None = None  # the face's full name inside a .ttc collection
    donors: tuple[Path, ...] = field(default=())

    @property
    def is_collection(self) -> bool:
        return self.face is not None


def installed_noto(dirs: tuple[Path, ...] = NOTO_DIRS) -> dict[str, Path]:
    """Regular-weight Noto font files found, by family key ("notosanshebrew": path)."""
    found: dict[str, Path] = {}
    for directory in dirs:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            stem, suffix = os.path.splitext(entry.name)
            family, _, style = stem.partition("-")
            if suffix.lower() in _FONT_SUFFIXES and style in ("", "Regular") and entry.is_file():
                found.setdefault(family.lower(), Path(entry.path))
    return found


def source_for(family: str, installed: dict[str, Path]) -> Source | None:
    """The installed source of a Google Fonts family key, or None when it is not installed."""
    if family in CJK_FACES:
        collection = installed.get(CJK_COLLECTION)
        return Source(collection, face=CJK_FACES[family]) if collection else None
    path = installed.get(family)
    if path is None:
        return None
    donors = tuple(installed[d] for d in DONORS.get(family, ()) if d in installed)
    return Source(path, donors=donors)


def package_for(family: str) -> str:
    """The Debian package that brings a family's font."""
    if family == "notocoloremoji":
        return EMOJI_PACKAGE
    if family in CJK_FACES:
        return CJK_PACKAGE
    return SCRIPTS_PACKAGE


def fingerprint(dirs: tuple[Path, ...] = NOTO_DIRS) -> list[tuple[str, int, int]]:
    """(path, size, mtime) of every font file: changes when a font package is (re)installed."""
    stamp = []
    for directory in dirs:
        try:
            entries = os.scandir(directory)
        except OSError:
            continue
        with entries:
            for entry in entries:
                if entry.name.lower().endswith(_FONT_SUFFIXES):
                    info = entry.stat()
                    stamp.append((entry.path, info.st_size, info.st_mtime_ns))
    return sorted(stamp)
