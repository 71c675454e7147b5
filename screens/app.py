"""The whole app: routes, theme and services, for one browser tab or window."""

from __future__ import annotations

import flet as ft

from daily.practice import DailyPractice
from reminders.inapp import InAppReminders
from reminders.page import PageReminders
from screens import theme
from screens.book import BookScreen
from screens.day_record import DayRecordView
from screens.journal import Journal
from screens.library import LibraryScreen
from screens.passcode import PasscodeGate
from screens.progress import Progress
from screens.review import ReviewScreen
from screens.services import Services, ServicesContext
from screens.settings import Settings
from screens.shell import Shell
from screens.today import Today
from screens.walkthrough import ReadInsight, Walkthrough
from screens.welcome import Welcome
from screens.what_works import WHAT_WORKS, WhatWorksScreen
from security.guard import LanGuard


WELCOME = "/welcome"


def first_route(route: str | None, first_run_needed: bool) -> str:
    """Where the first render goes: the welcome for a new user opening the app's start,
    else the route asked for (a deep link is kept; the passcode screen still comes first)."""
    if first_run_needed and (route or "/") in ("/", ""):
        return WELCOME
    return route or "/"


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
                        ft.Route(path="library", component=LibraryScreen),
                        ft.Route(path="journal", component=Journal),
                        ft.Route(path="progress", component=Progress),
                        ft.Route(path="settings", component=Settings),
                    ],
                ),
                ft.Route(path="practice/:part", component=Walkthrough),
                ft.Route(path="read/:insight_id/:part", component=ReadInsight),
                ft.Route(path="book/:book_id", component=BookScreen),
                ft.Route(path="progress/day/:date", component=DayRecordView),
                ft.Route(path=WELCOME.lstrip("/"), component=Welcome),
                ft.Route(path="review/:insight_id", component=ReviewScreen),
                ft.Route(path=WHAT_WORKS.lstrip("/"), component=WhatWorksScreen),
            ],
            manage_views=True,
        ),
    )


@ft.component
def Locked(services: Services, guard: LanGuard):
    """The passcode screen until it is unlocked, then the app (served with --lan)."""
    unlocked, set_unlocked = ft.use_state(False)
    if not unlocked:
        return PasscodeGate(guard, lambda: set_unlocked(True))
    return App(services)


def dress(page: ft.Page, practice: DailyPractice) -> None:
    """Title and theme, set before the browser draws anything (idempotent).

    Flet runs it as `before_main` (screens/serve.py), so title and theme
    travel in the reply to the client's first message. Set any later,
    Flutter animates from its default theme to ours, rebuilding the whole
    first screen on every frame of that animation.
    """
    page.title = "Stepwise"
    if page.theme is None:
        theme.apply(page, practice.appearance.theme_mode())


def start(page: ft.Page, practice: DailyPractice, guard: LanGuard | None = None,
          reminders: InAppReminders | None = None) -> None:
    """Set up one page (a browser tab or a window) and render the app in it.

    With a `guard` (served to the network), nothing but the passcode screen is
    rendered, and so sent to the browser, until the passcode is entered.
    `reminders` is the process's reminder loop; this page shows its banner.
    """
    dress(page, practice)

    def on_theme_change(mode: str) -> None:
        theme.apply(page, mode)
        page.update()

    theme.apply_text_scale(page, practice.appearance.text_scale())
    page_reminders = None
    if reminders is not None:
        page_reminders = PageReminders(reminders, page, practice)
        page.run_task(page_reminders.start)
    services = Services(practice=practice, on_theme_change=on_theme_change, reminders=page_reminders,
                        reminder_port=reminders.port if reminders is not None else None)
    # A new user starts at the welcome: set before the first render, so Today never flashes by;
    # the browser's address follows once the page is on its way.
    asked = page.route
    page.route = first_route(asked, services.library.first_run_needed())
    moved = page.route != (asked or "/")
    if guard is None:
        page.render_views(App, services)
    else:
        page.render_views(Locked, services, guard)
    if moved:
        page.run_task(page.push_route, page.route)
