"""Progress numbers: streaks, total days, freezes held, milestones, and the streak rules in words."""

from __future__ import annotations

import flet as ft

from daily.progress import ProgressOverview
from habit.milestones import MILESTONES
from habit.streak import MAX_FREEZES, STREAK_HELP
from screens import theme


def days(n: int) -> str:
    return "day" if n == 1 else "days"


def stat_card(label: str, value: str, unit: str, icon=None) -> ft.Control:
    """One number with its label, read out as 'Current streak: 10 days'.

    Laid out across the full width (label left, number right), so large text
    wraps between words instead of breaking a label in the middle.
    """
    return ft.Card(
        content=ft.Semantics(
            label=f"{label}: {value} {unit}",
            exclude_semantics=True,
            content=ft.Container(
                padding=ft.Padding.symmetric(horizontal=16, vertical=12),
                content=ft.Row(
                    [
                        *([ft.Icon(icon, size=22, color=ft.Colors.PRIMARY)] if icon else []),
                        ft.Column(
                            [ft.Text(label, size=16, weight=ft.FontWeight.W_500,
                                     color=ft.Colors.ON_SURFACE),
                             theme.caption(unit)],
                            spacing=0,
                            expand=True,
                        ),
                        ft.Text(value, size=30, weight=ft.FontWeight.W_700, color=ft.Colors.PRIMARY),
                    ],
                    spacing=14,
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                ),
            ),
        ),
    )


def stats_grid(overview: ProgressOverview) -> ft.Control:
    s = overview.streak
    return ft.Column(
        [
            stat_card("Current streak", str(s.current), days(s.current), ft.Icons.LOCAL_FIRE_DEPARTMENT),
            stat_card("Longest streak", str(s.longest), days(s.longest), ft.Icons.EMOJI_EVENTS_OUTLINED),
            stat_card("Practised", str(s.total_days), f"{days(s.total_days)} in all", ft.Icons.EVENT_AVAILABLE),
            stat_card("Freezes held", str(s.freezes_held), f"of {MAX_FREEZES}", ft.Icons.AC_UNIT),
        ],
        spacing=4,
    )


def milestone_chip(milestone: int, reached: bool) -> ft.Control:
    text = f"{milestone} days"
    return ft.Semantics(
        label=f"Milestone {text}: {'reached' if reached else 'not reached yet'}",
        exclude_semantics=True,
        content=ft.Container(
            content=ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_CIRCLE if reached else ft.Icons.RADIO_BUTTON_UNCHECKED,
                            size=18,
                            color=ft.Colors.ON_PRIMARY if reached else ft.Colors.ON_SURFACE_VARIANT),
                    ft.Text(text, size=15, weight=ft.FontWeight.W_600,
                            color=ft.Colors.ON_PRIMARY if reached else ft.Colors.ON_SURFACE_VARIANT),
                ],
                spacing=6,
                tight=True,
            ),
            bgcolor=ft.Colors.PRIMARY if reached else None,
            border=None if reached else ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
            border_radius=20,
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
        ),
    )


def milestones_section(overview: ProgressOverview) -> ft.Control:
    reached = set(overview.milestones_reached)
    current = overview.streak.current
    if overview.next_milestone is None:
        next_line = "Every milestone is behind you. Keep the streak for its own sake."
    else:
        left = overview.next_milestone - current
        next_line = (f"Next: {overview.next_milestone} days in a row — "
                     f"{left} more {days(left)} of practice.")
    return ft.Column(
        [
            theme.section_title("Milestones"),
            ft.Row([milestone_chip(m, m in reached) for m in MILESTONES], wrap=True, spacing=8, run_spacing=8),
            theme.body(next_line),
        ],
        spacing=10,
    )


def streak_help() -> ft.Control:
    return ft.Column(
        [
            theme.section_title("How your streak counts"),
            theme.body(STREAK_HELP, color=ft.Colors.ON_SURFACE_VARIANT),
        ],
        spacing=6,
    )


def celebration(milestone: int) -> ft.Control:
    """A short, quiet celebration for a milestone just reached (finish screen)."""
    return ft.Container(
        content=ft.Column(
            [
                ft.Icon(ft.Icons.EMOJI_EVENTS, size=40, color=ft.Colors.ON_PRIMARY_CONTAINER),
                ft.Text(f"{milestone} days in a row!", size=22, weight=ft.FontWeight.W_700,
                        color=ft.Colors.ON_PRIMARY_CONTAINER, text_align=ft.TextAlign.CENTER),
                ft.Text(f"You reached the {milestone}-day milestone. That is a habit taking root.",
                        size=17, color=ft.Colors.ON_PRIMARY_CONTAINER, text_align=ft.TextAlign.CENTER),
            ],
            spacing=6,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
        border_radius=16,
        padding=16,
    )
