"""daily/appearance.py: the theme mode and text size as stored, read defensively."""

from __future__ import annotations

import pytest

from daily.appearance import Appearance, text_scale_setting, theme_mode_setting
from storage import Store


def test_choices_are_stored_and_read_back(tmp_path) -> None:
    with Store.open(tmp_path / "data") as store:
        appearance = Appearance(store.settings)
        assert (appearance.theme_mode(), appearance.text_scale()) == ("system", 1.0)
        appearance.set_theme_mode("dark")
        assert appearance.set_text_scale("1.6") == 1.6
    with Store.open(tmp_path / "data") as store:
        assert (Appearance(store.settings).theme_mode(), Appearance(store.settings).text_scale()) == ("dark", 1.6)


@pytest.mark.parametrize("stored", ["purple", 3, None, ["dark"]])
def test_a_damaged_theme_mode_reads_as_the_systems(tmp_path, stored) -> None:
    with Store.open(tmp_path / "data") as store:
        store.settings.set("theme_mode", stored)
        assert Appearance(store.settings).theme_mode() == "system"
        with pytest.raises(ValueError):
            Appearance(store.settings).set_theme_mode("purple")


@pytest.mark.parametrize("stored", [1.25, "big", True, None, 0, 2])
def test_a_text_scale_off_the_choices_reads_as_default_or_its_choice(stored) -> None:
    assert text_scale_setting(stored) == (2.0 if stored == 2 and stored is not True else 1.0)
    assert theme_mode_setting("light") == "light"
