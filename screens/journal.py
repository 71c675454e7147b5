"""Journal: the user's saved answers, newest first."""

from __future__ import annotations

from itertools import groupby

import flet as ft

from screens import theme
from screens.services import use_services

PAGE_SIZE = 30


def day_heading(day) -> str:
    return day.strftime("%A, %d %B %Y").replace(" 0", " ")


@ft.component
def Journal():
    practice = use_services().practice
    entries, set_entries = ft.use_state(lambda: list(practice.journal_page(limit=PAGE_SIZE)[0]))
    cursor_ref = ft.use_ref(lambda: practice.journal_page(limit=PAGE_SIZE)[1])

    def load_more(_):
        more, cursor = practice.journal_page(limit=PAGE_SIZE, cursor=cursor_ref.current)
        cursor_ref.current = cursor
        set_entries(entries + list(more))

    controls: list[ft.Control] = [theme.heading("Journal", size=28)]
    if not entries:
        controls.append(theme.body("Your reflections will appear here once you answer "
                                   "today's questions.", color=ft.Colors.ON_SURFACE_VARIANT))
    for day, day_entries in groupby(entries, key=lambda entry: entry.day):
        controls.append(ft.Text(day_heading(day), size=14, weight=ft.FontWeight.W_600,
                                color=ft.Colors.PRIMARY))
        for entry in day_entries:
            insight = practice.insight(entry.insight_id) if entry.insight_id else None
            controls.append(
                ft.Card(
                    content=ft.Container(
                        padding=16,
                        content=ft.Column(
                            [
                                theme.caption(insight.title if insight else "Note"),
                                ft.Text(entry.question, size=16, weight=ft.FontWeight.W_500),
                                theme.body(entry.text),
                            ],
                            spacing=6,
                        ),
                    )
                )
            )
    if cursor_ref.current is not None:
        controls.append(theme.secondary_button("Show older entries", load_more))
    return theme.page_column(controls)
