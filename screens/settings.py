"""Settings: one section per concern, each in its own file."""

from __future__ import annotations

import flet as ft

from screens import theme
from screens.settings_practice import PracticeSettings
from screens.settings_data import DataSettings
from screens.settings_library import LibrarySettings
from screens.settings_look import LookSettings
from screens.settings_reminders import ReminderSettingsSection


@ft.component
def Settings():
    sections: list[ft.Control] = [LookSettings(), ReminderSettingsSection(), LibrarySettings()]
    sections.append(DataSettings())
    sections.append(PracticeSettings())
    spaced: list[ft.Control] = []
    for section in sections:
        if spaced:
            spaced.append(ft.Divider())
        spaced.append(section)
    return theme.page_column([theme.heading("Settings", size=28), *spaced])
