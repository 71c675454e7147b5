"""Settings, practice day: when a new day begins (for night owls)."""

from __future__ import annotations

import flet as ft

from screens import theme
from screens.services import use_services

HOURS = tuple(range(0, 7))
HELP = ("Practice before this hour still counts for the day before: with 3 AM, "
        "finishing at 1:30 at night keeps yesterday's streak. Changing it never "
        "moves days you have already practised.")


def hour_label(hour: int) -> str:
    if hour == 0:
        return "Midnight (default)"
    return f"{hour} AM" if hour < 12 else f"{hour}:00"


@ft.component
def PracticeSettings():
    practice = use_services().practice
    hour, set_hour = ft.use_state(lambda: practice.day_start_hour)

    def choose(e):
        value = int(e.control.value)
        practice.set_day_start_hour(value)
        set_hour(value)

    return ft.Column(
        [
            theme.section_title("Practice day"),
            # On the web a Dropdown's drawn label is not announced: Semantics names it,
            # with the current choice.
            ft.Semantics(
                label=f"A new day starts at: {hour_label(hour)}",
                content=ft.Dropdown(
                    label="A new day starts at",
                    value=str(hour),
                    options=[ft.DropdownOption(key=str(h), text=hour_label(h)) for h in sorted({*HOURS, hour})],
                    on_select=choose,
                    text_size=17,
                    expand=True,
                ),
            ),
            theme.body(HELP, color=ft.Colors.ON_SURFACE_VARIANT),
        ],
        spacing=10,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
