"""Fonts for the browser: emoji and non-Latin scripts drawn with real glyphs, not boxes.

Flutter web (flet-web's client) fetches a Noto font from our own server for
every character its bundled Roboto lacks. `prepare_web_assets` builds the
folder Flet serves (the repo's assets plus those fonts, made from Debian's
font packages) and reuses it when nothing changed. See README, "Fonts".
"""

from webfonts.site import Prepared, default_cache_root, prepare_web_assets

__all__ = ["Prepared", "default_cache_root", "prepare_web_assets"]
