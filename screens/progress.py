"""Progress: the current and the longest streak."""

from __future__ import annotations

import flet as ft

from screens import theme
from screens.services import use_services


def stat_card(label: str, value: int, unit: str) -> ft.Control:
    return ft.Card(
        expand=True,
        content=ft.Container(
            padding=16,
            content=ft.Column(
                [
                    theme.caption(label),
                    ft.Text(str(value), size=34, weight=ft.FontWeight.W_700,
                            color=ft.Colors.PRIMARY,
                            semantics_label=f"{label}: {value} {unit}"),
                    theme.caption(unit),
                ],
                spacing=4,
            ),
        ),
    )


def days(n: int) -> str:
    return "day" if n == 1 else "days"


@ft.component
def Progress():
    summary = use_services().practice.streak()
    return theme.page_column([
        theme.heading("Progress", size=28),
        ft.Row(
            [
                stat_card("Current streak", summary.current, days(summary.current)),
                stat_card("Longest streak", summary.longest, days(summary.longest)),
            ],
            spacing=12,
        ),
        theme.body(f"Practised on {summary.total_days} {days(summary.total_days)} in all."),
    ])
