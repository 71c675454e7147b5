"""Settings, appearance: light, dark or follow the system; text size."""

from __future__ import annotations

import flet as ft

from daily.appearance import TEXT_SCALES, THEME_MODES
from screens import theme
from screens.services import use_services



@ft.component
def LookSettings():
    services = use_services()
    appearance = services.practice.appearance
    page = ft.context.page
    mode, set_mode = ft.use_state(appearance.theme_mode)
    scale, set_scale = ft.use_state(appearance.text_scale)

    def choose(e):
        value = e.control.value
        appearance.set_theme_mode(value)
        set_mode(value)
        services.on_theme_change(value)

    def choose_scale(e):
        value = appearance.set_text_scale(e.control.value)
        set_scale(value)
        theme.apply_text_scale(page, value)

    if page.web:
        text_size: list[ft.Control] = [
            ft.RadioGroup(
                value=str(scale),
                on_change=choose_scale,
                content=ft.Column([
                    ft.Radio(value=str(value), label=f"{label} ({round(value * 100)} %)")
                    for value, label in TEXT_SCALES
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
            content=ft.Column([ft.Radio(value=value, label=label) for value, label in THEME_MODES]),
        ),
        theme.section_title("Text size"),
        *text_size,
    ])
