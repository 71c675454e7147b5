"""Settings, appearance: light, dark or follow the system."""

from __future__ import annotations

import flet as ft

from screens import theme
from screens.services import use_services

THEME_CHOICES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


@ft.component
def LookSettings():
    services = use_services()
    store = services.practice.store
    mode, set_mode = ft.use_state(lambda: store.settings.get("theme_mode", "system"))

    def choose(e):
        value = e.control.value
        store.settings.set("theme_mode", value)
        set_mode(value)
        services.on_theme_change(value)

    return ft.Column([
        theme.section_title("Appearance"),
        ft.RadioGroup(
            value=mode,
            on_change=choose,
            content=ft.Column([ft.Radio(value=value, label=label) for value, label in THEME_CHOICES]),
        ),
    ])
