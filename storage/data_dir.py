"""Where the user's data lives by default, per platform, without extra dependencies.

A packaged Flet app (phone, desktop bundle) is given a private folder in
``$FLET_APP_STORAGE_DATA``; otherwise the platform's per-user data folder is used.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Mapping

APP_NAME = "Stepwise"
FLET_ENV = "FLET_APP_STORAGE_DATA"


def default_data_dir(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """The data folder: $FLET_APP_STORAGE_DATA, else the OS's user data folder.

    Linux/BSD: $XDG_DATA_HOME/stepwise (default ~/.local/share/stepwise);
    macOS: ~/Library/Application Support/Stepwise; Windows: %APPDATA%\\Stepwise.
    The arguments exist for tests; it does not create the folder.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home

    flet_dir = env.get(FLET_ENV, "").strip()
    if flet_dir:
        return Path(flet_dir)
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    if platform in ("win32", "cygwin"):
        appdata = env.get("APPDATA", "").strip()
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
        return base / APP_NAME
    xdg = env.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".local" / "share"
    return base / APP_NAME.lower()
