"""Settings, appearance: light, dark or follow the system; text size."""

from __future__ import annotations

import flet as ft

from screens import theme
from screens.services import use_services

THEME_CHOICES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


@ft.component
def LookSettings():
    services = use_services()
    store = services.practice.store
    page = ft.context.page
    mode, set_mode = ft.use_state(lambda: store.settings.get("theme_mode", "system"))
    scale, set_scale = ft.use_state(
        lambda: theme.text_scale_setting(store.settings.get(theme.TEXT_SCALE_KEY, 1.0)))

    def choose(e):
        value = e.control.value
        store.settings.set("theme_mode", value)
        set_mode(value)
        services.on_theme_change(value)

    def choose_scale(e):
        value = theme.text_scale_setting(e.control.value)
        store.settings.set(theme.TEXT_SCALE_KEY, value)
        set_scale(value)
        theme.apply_text_scale(page, value)

    if page.web:
        text_size: list[ft.Control] = [
            ft.RadioGroup(
                value=str(scale),
                on_change=choose_scale,
                content=ft.Column([
                    ft.Radio(value=str(value), label=f"{label} ({round(value * 100)} %)")
                    for value, label in theme.TEXT_SCALES
                ]),
            ),
        ]
    else:
        text_size = [theme.caption("Stepwise follows your phone's text size: change it in "
                                   "the phone's display or accessibility settings.")]

    return ft.Column([
        theme.section_title("Appearance"),
        ft.RadioGroup(
            value=mode,
            on_change=choose,
            content=ft.Column([ft.Radio(value=value, label=label) for value, label in THEME_CHOICES]),
        ),
        theme.section_title("Text size"),
        *text_size,
    ])
