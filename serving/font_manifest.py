"""The fonts Flutter loads before its first frame: flet-web's list without the math fonts.

flet-web's `assets/FontManifest.json` names 14 families, and Flutter web
downloads and registers every one before it draws anything. Twelve are the
KaTeX fonts of `flutter_math_fork` (about 0.6 MB, 0.35 MB compressed), used
only by Flet's Markdown with LaTeX, which Stepwise never shows. The site
folder gets a copy without them (Flet serves a FontManifest.json from the
assets folder before its own), so a phone downloads and parses only the
icon fonts.
"""

from __future__ import annotations

import json

#: Bump when the manifest written from the same flet-web file would differ (part of the engine key).
VERSION = 1
UNUSED_PREFIXES = ("packages/flutter_math_fork/",)


def without_unused(manifest_json: str) -> str:
    """flet-web's manifest without the families Stepwise never draws with."""
    families = json.loads(manifest_json)
    kept = [family for family in families
            if not str(family.get("family", "")).startswith(UNUSED_PREFIXES)]
    return json.dumps(kept, separators=(",", ":"))
