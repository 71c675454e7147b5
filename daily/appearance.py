"""How the app looks, as the user chose it: light, dark or the system's; the text size.

Stored as settings (`theme_mode`, `text_scale`); a stored value that is not
one of the choices reads as the default, so a damaged setting never stops
the app from drawing.
"""

from __future__ import annotations

THEME_MODE_KEY = "theme_mode"
TEXT_SCALE_KEY = "text_scale"
#: (stored value, what Settings calls it)
THEME_MODES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))
TEXT_SCALES = ((1.0, "Default"), (1.3, "Large"), (1.6, "Larger"), (2.0, "Largest"))


def theme_mode_setting(value) -> str:
    """A stored theme mode, or "system" when it is missing or not one of the choices."""
    return value if any(value == mode for mode, _ in THEME_MODES) else "system"


def text_scale_setting(value) -> float:
    """A stored text scale, or 1.0 when it is missing or not one of the choices."""
    if isinstance(value, bool):
        return 1.0
    try:
        scale = float(value)
    except (TypeError, ValueError):
        return 1.0
    return next((choice for choice, _ in TEXT_SCALES if abs(scale - choice) < 1e-9), 1.0)


class Appearance:
    """The appearance settings over the store's settings."""

    def __init__(self, settings) -> None:
        self._settings = settings

    def theme_mode(self) -> str:
        return theme_mode_setting(self._settings.get(THEME_MODE_KEY, "system"))

    def set_theme_mode(self, mode: str) -> None:
        if theme_mode_setting(mode) != mode:
            raise ValueError(f"theme mode must be one of {[m for m, _ in THEME_MODES]}, got {mode!r}")
        self._settings.set(THEME_MODE_KEY, mode)

    def text_scale(self) -> float:
        return text_scale_setting(self._settings.get(TEXT_SCALE_KEY, 1.0))

    def set_text_scale(self, value) -> float:
        """Store one of the choices (anything else stores the default); returns what was stored."""
        scale = text_scale_setting(value)
        self._settings.set(TEXT_SCALE_KEY, scale)
        return scale
