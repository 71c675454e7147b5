"""The frame around the five tabs: a bottom navigation bar, phone-style."""

from __future__ import annotations

import flet as ft

from daily.problems import summary
from screens.reminder_banner import ReminderBanner
from screens.services import use_services

TABS: tuple[tuple[str, str, ft.IconData, ft.IconData], ...] = (
    ("/", "Today", ft.Icons.WB_SUNNY_OUTLINED, ft.Icons.WB_SUNNY),
    ("/library", "Library", ft.Icons.LOCAL_LIBRARY_OUTLINED, ft.Icons.LOCAL_LIBRARY),
    ("/journal", "Journal", ft.Icons.MENU_BOOK_OUTLINED, ft.Icons.MENU_BOOK),
    ("/progress", "Progress", ft.Icons.INSIGHTS_OUTLINED, ft.Icons.INSIGHTS),
    ("/settings", "Settings", ft.Icons.SETTINGS_OUTLINED, ft.Icons.SETTINGS),
)


def selected_tab() -> int:
    for index, (route, *_rest) in enumerate(TABS):
        if route != "/" and ft.is_route_active(route):
            return index
    return 0


@ft.component
def ProblemsBanner(messages: tuple[str, ...]):
    """Start-up problems in one line (daily/problems.py); "Details" lists them all."""
    shown, set_shown = ft.use_state(False)
    hidden, set_hidden = ft.use_state(False)
    found = summary(messages)
    if found is None or hidden:
        return ft.Container(visible=False)
    colour = ft.Colors.ON_TERTIARY_CONTAINER
    rows: list[ft.Control] = [ft.Row(
        [
            ft.Icon(ft.Icons.INFO_OUTLINE, color=colour),
            ft.Text(found.line, expand=True, size=14, color=colour),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )]
    if shown:
        # Selectable (a file name can be copied), with its words as the label: a selectable
        # text alone reaches a screen reader as an empty, disabled text box.
        rows += [ft.Text(f"• {message}", size=14, color=colour, selectable=True,
                         semantics_label=f"• {message}")
                 for message in found.details]
    buttons = []
    if found.has_more:
        buttons.append(ft.TextButton("Hide details" if shown else "Details",
                                     on_click=lambda _: set_shown(not shown)))
    buttons.append(ft.TextButton("Dismiss", on_click=lambda _: set_hidden(True)))
    rows.append(ft.Row(buttons, alignment=ft.MainAxisAlignment.END, wrap=True))
    return ft.Container(
        content=ft.Column(rows, spacing=4, tight=True,
                          scroll=ft.ScrollMode.AUTO if shown else None),
        bgcolor=ft.Colors.TERTIARY_CONTAINER,
        padding=12,
        border_radius=12,
        margin=ft.Margin.only(left=16, right=16, top=8),
    )


@ft.component
def Shell():
    outlet = ft.use_route_outlet()
    services = use_services()
    selected = selected_tab()

    def on_change(e):
        ft.context.page.navigate(TABS[e.control.selected_index][0])

    problems = ProblemsBanner(services.practice.problems)

    return ft.View(
        route="/",  # one key for all tabs: switching tabs does not animate
        can_pop=False,
        padding=0,
        controls=[
            ft.SafeArea(
                content=ft.Column(
                    [ReminderBanner(), problems, ft.Container(content=outlet, expand=True)],
                    spacing=0,
                    expand=True,
                ),
                expand=True,
            )
        ],
        navigation_bar=ft.NavigationBar(
            selected_index=selected,
            on_change=on_change,
            destinations=[
                ft.NavigationBarDestination(icon=icon, selected_icon=selected_icon, label=label)
                for _route, label, icon, selected_icon in TABS
            ],
        ),
    )
