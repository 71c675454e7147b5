"""The first run at /welcome: what Stepwise does, themes, a recommended book, a reminder.

The steps and choices live in `screens.first_run.FirstRun` (tested without
Flet); this file draws the step on screen and stores the outcome through the
Library service and the reminder settings, then goes to Today (or the
Library after *See all books*).
"""

from __future__ import annotations

import flet as ft

from reminders.settings import ReminderSettingsError, update_settings
from screens import theme
from screens.first_run import (
    MAX_THEMES,
    REMINDER_TIMES,
    STEPS,
    FirstRun,
    reminder_time_label,
    remind_daily_at,
)
from screens.reminder_banner import use_reminders
from screens.services import use_services

WHAT_STEPWISE_DOES = (
    "Stepwise takes the useful ideas from good non-fiction books and turns them into "
    "small things you can do.",
    "Each day there is one insight: a few minutes of reading, a step or two to try, and a "
    "question to think about. What you write stays in your journal, on this device.",
    "No feeds and no scores to chase. Just a little practice, most days.",
)
THEMES_HELP = f"Pick one to {['one', 'two', 'three'][MAX_THEMES - 1]}. We suggest a book to start with."
REMINDER_HELP = "One short reminder a day. Change it or turn it off any time in Settings."
COVER_TEXT = "#FFFFFF"


def book_cover(book, colour: str, width: int = 120, height: int = 168) -> ft.Control:
    """A cover drawn by the app: the theme's colour, the title and the author (no artwork)."""
    return ft.Semantics(
        exclude_semantics=True,  # the title and author are said next to it
        content=ft.Container(
            width=width,
            height=height,
            bgcolor=colour,
            border_radius=ft.BorderRadius.only(top_left=4, bottom_left=4, top_right=10, bottom_right=10),
            padding=12,
            content=ft.Column(
                [
                    ft.Text(book.title, size=15, weight=ft.FontWeight.W_700, color=COVER_TEXT,
                            max_lines=5, overflow=ft.TextOverflow.ELLIPSIS),
                    ft.Container(expand=True),
                    ft.Text(book.author, size=12, color=COVER_TEXT, max_lines=2,
                            overflow=ft.TextOverflow.ELLIPSIS),
                ],
                spacing=4,
            ),
        ),
    )


@ft.component
def ThemeChoice(theme_item, picked: bool, on_toggle):
    """One theme to pick: a 56 px row, named and checked for screen readers."""
    return ft.MergeSemantics(
        content=ft.Semantics(
            label=theme_item.name,
            checked=picked,
            content=ft.Container(
                on_click=lambda _: on_toggle(theme_item.id),
                height=56,
                border_radius=12,
                padding=ft.Padding.symmetric(horizontal=16),
                bgcolor=ft.Colors.SECONDARY_CONTAINER if picked else None,
                border=ft.Border.all(2 if picked else 1,
                                     ft.Colors.PRIMARY if picked else ft.Colors.OUTLINE_VARIANT),
                content=ft.Semantics(
                    exclude_semantics=True,
                    content=ft.Row(
                        [
                            ft.Container(width=16, height=16, border_radius=8, bgcolor=theme_item.colour),
                            ft.Text(theme_item.name, size=theme.BODY_SIZE, expand=True,
                                    weight=ft.FontWeight.W_600 if picked else None,
                                    color=ft.Colors.ON_SECONDARY_CONTAINER if picked else ft.Colors.ON_SURFACE),
                            ft.Icon(ft.Icons.CHECK_CIRCLE if picked else ft.Icons.RADIO_BUTTON_UNCHECKED,
                                    color=ft.Colors.PRIMARY if picked else ft.Colors.OUTLINE),
                        ],
                        spacing=14,
                        vertical_alignment=ft.CrossAxisAlignment.CENTER,
                    ),
                ),
            ),
        ),
    )


def _about() -> list[ft.Control]:
    return [
        ft.Icon(ft.Icons.AUTO_STORIES_OUTLINED, size=48, color=ft.Colors.PRIMARY),
        theme.heading("Welcome to Stepwise", size=28, color=ft.Colors.ON_SURFACE),
        *[theme.body(text, color=ft.Colors.ON_SURFACE) for text in WHAT_STEPWISE_DOES],
    ]


def _themes(flow: FirstRun, themes, toggle) -> list[ft.Control]:
    controls: list[ft.Control] = [
        theme.heading("What do you want to get better at?", size=26, color=ft.Colors.ON_SURFACE),
        theme.body(THEMES_HELP, color=ft.Colors.ON_SURFACE_VARIANT),
        *[ThemeChoice(t, flow.picked(t.id), toggle, key=t.id) for t in themes],
    ]
    if flow.message:
        controls.append(ft.Semantics(
            live_region=True,
            content=ft.Text(flow.message, size=16, color=ft.Colors.ERROR),
        ))
    return controls


def _book(book, theme_item, insights: int) -> list[ft.Control]:
    colour = theme_item.colour if theme_item is not None else theme.ACCENT
    return [
        theme.heading("A book to start with", size=26, color=ft.Colors.ON_SURFACE),
        ft.Row(
            [
                book_cover(book, colour),
                ft.Column(
                    [
                        ft.Container(
                            bgcolor=ft.Colors.PRIMARY_CONTAINER,
                            border_radius=8,
                            padding=ft.Padding.symmetric(horizontal=10, vertical=4),
                            content=ft.Text("Recommended", size=14, weight=ft.FontWeight.W_600,
                                            color=ft.Colors.ON_PRIMARY_CONTAINER),
                        ),
                        ft.Text(book.title, size=20, weight=ft.FontWeight.W_600, color=ft.Colors.ON_SURFACE),
                        theme.body(book.author, color=ft.Colors.ON_SURFACE_VARIANT),
                        theme.caption(f"{insights} insights"
                                      + (f" · {theme_item.name}" if theme_item is not None else "")),
                    ],
                    spacing=8,
                    expand=True,
                ),
            ],
            spacing=16,
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        theme.section_title("About this book"),
        theme.body(book.about, color=ft.Colors.ON_SURFACE),
    ]


def _reminder(flow: FirstRun, choose) -> list[ft.Control]:
    return [
        theme.heading("When should we remind you?", size=26, color=ft.Colors.ON_SURFACE),
        theme.body(REMINDER_HELP, color=ft.Colors.ON_SURFACE_VARIANT),
        ft.Semantics(
            label="Daily reminder time",
            container=True,
            content=ft.RadioGroup(
                value=flow.reminder_choice,
                on_change=lambda e: choose(e.control.value),
                # Two columns (morning and midday, evening), so all fit a 360 x 640 phone unscrolled.
                content=ft.Row([
                    ft.Column([
                        ft.Radio(value=time, label=reminder_time_label(time),
                                 label_style=ft.TextStyle(size=theme.BODY_SIZE, color=ft.Colors.ON_SURFACE))
                        for time in half
                    ], spacing=0, expand=True)
                    for half in (REMINDER_TIMES[:len(REMINDER_TIMES) // 2],
                                 REMINDER_TIMES[len(REMINDER_TIMES) // 2:])
                ], vertical_alignment=ft.CrossAxisAlignment.START),
            ),
        ),
    ]


@ft.component
def Welcome():
    services = use_services()
    library = services.library
    reminders = use_reminders()
    page = ft.context.page
    themes = ft.use_memo(lambda: list(library.themes()), [])

    def recommend(theme_ids: list[str]) -> str | None:
        book = library.recommend(theme_ids)
        return book.id if book is not None else None

    flow: FirstRun = ft.use_ref(lambda: FirstRun([t.id for t in themes], recommend)).current
    _renders, set_renders = ft.use_state(0)
    error, set_error = ft.use_state("")

    def rerender() -> None:
        set_renders(lambda n: n + 1)

    async def finish() -> None:
        chosen = flow.choices()
        if chosen.reminder is not None:
            port = services.reminder_port
            try:
                update_settings(port, lambda stored: remind_daily_at(stored, chosen.reminder))
            except ReminderSettingsError as exc:
                flow.done = False
                set_error(f"The reminder was not set: {exc}.")
                return
            if reminders is not None:
                await reminders.settings_changed(turned_on=True)  # a phone asks for permission here
        flow.finish(library)
        page.navigate(chosen.route)

    finishing = ft.use_ref(False)

    def act(action) -> None:
        if finishing.current:
            return  # a second tap while the choices are being stored
        action()
        if flow.done:
            finishing.current = True

            async def store_and_go() -> None:
                try:
                    await finish()
                finally:
                    finishing.current = False

            page.run_task(store_and_go)
        else:
            rerender()

    def toggle(theme_id: str) -> None:
        flow.toggle_theme(theme_id)
        rerender()

    def choose(time: str) -> None:
        flow.choose_reminder(time)
        rerender()

    name = flow.name
    if name == "about":
        body = _about()
        buttons = [theme.primary_button("Get started", lambda _: act(flow.next),
                                        icon=ft.Icons.ARROW_FORWARD)]
    elif name == "themes":
        body = _themes(flow, themes, toggle)
        go_on = theme.primary_button("Continue", lambda _: act(flow.next), icon=ft.Icons.ARROW_FORWARD)
        go_on.disabled = not flow.can_continue
        buttons = [go_on]
    elif name == "book":
        book = library.book(flow.recommended)
        theme_item = next((t for t in themes if book is not None and book.themes and t.id == book.themes[0]),
                          None)
        body = _book(book, theme_item, len(library.insights_of(book.id))) if book is not None else []
        buttons = [
            theme.primary_button("Follow this book", lambda _: act(flow.follow_recommended),
                                 icon=ft.Icons.BOOKMARK_ADD_OUTLINED),
            theme.secondary_button("See all books", lambda _: act(flow.see_all_books),
                                   icon=ft.Icons.LOCAL_LIBRARY_OUTLINED),
        ]
    else:
        body = _reminder(flow, choose)
        buttons = [
            theme.primary_button("Remind me", lambda _: act(flow.remind_me),
                                 icon=ft.Icons.NOTIFICATIONS_ACTIVE_OUTLINED),
            theme.secondary_button("Not now", lambda _: act(flow.not_now)),
        ]
    if error:
        body.append(ft.Text(error, size=16, color=ft.Colors.ERROR))

    step = STEPS.index(name)
    return ft.View(
        route="/welcome",
        padding=0,
        can_pop=False,
        controls=[
            ft.SafeArea(
                expand=True,
                content=ft.Column(
                    [
                        ft.Container(
                            padding=ft.Padding.only(left=20, right=8, top=4),
                            content=ft.Row(
                                [
                                    ft.Text(flow.position_text, size=14, color=ft.Colors.ON_SURFACE_VARIANT,
                                            semantics_label=f"Welcome, step {step + 1} of {len(STEPS)}"),
                                    ft.TextButton(
                                        "Skip",
                                        tooltip="Skip the rest of the welcome",
                                        height=theme.TOUCH_TARGET,
                                        on_click=lambda _: act(flow.skip),
                                        style=ft.ButtonStyle(text_style=ft.TextStyle(size=16)),
                                    ),
                                ],
                                alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
                                vertical_alignment=ft.CrossAxisAlignment.CENTER,
                            ),
                        ),
                        ft.Container(
                            padding=ft.Padding.symmetric(horizontal=20),
                            content=ft.ProgressBar(value=(step + 1) / len(STEPS), border_radius=4, height=6),
                        ),
                        theme.page_column(body),
                        ft.Container(
                            padding=ft.Padding.symmetric(horizontal=20, vertical=12),
                            # Full width, the main action first: two side by side do not fit 360 px.
                            content=ft.Column(
                                buttons,
                                spacing=8,
                                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                            ),
                        ),
                    ],
                    spacing=8,
                    expand=True,
                ),
            )
        ],
    )
