"""The whole app: routes, theme and services, for one browser tab or window."""

from __future__ import annotations

import flet as ft

from daily.practice import DailyPractice
from screens import theme
from screens.journal import Journal
from screens.progress import Progress
from screens.services import Services, ServicesContext
from screens.settings import Settings
from screens.shell import Shell
from screens.today import Today
from screens.walkthrough import Walkthrough


@ft.component
def App(services: Services):
    return ServicesContext(
        services,
        lambda: ft.Router(
            [
                ft.Route(
                    component=Shell,
                    outlet=True,
                    children=[
                        ft.Route(index=True, component=Today),
                        ft.Route(path="journal", component=Journal),
                        ft.Route(path="progress", component=Progress),
                        ft.Route(path="settings", component=Settings),
                    ],
                ),
                ft.Route(path="practice/:part", component=Walkthrough),
            ],
            manage_views=True,
        ),
    )


def start(page: ft.Page, practice: DailyPractice) -> None:
    """Set up one page (a browser tab or a window) and render the app in it."""
    page.title = "Stepwise"

    def on_theme_change(mode: str) -> None:
        theme.apply(page, mode)
        page.update()

    theme.apply(page, practice.store.settings.get("theme_mode", "system"))
    page.render_views(App, Services(practice=practice, on_theme_change=on_theme_change))
