"""Action steps as daily habits: check them off on Today, see each one's history on Progress."""

from __future__ import annotations

import flet as ft

from content import Insight
from daily.progress import StepHabit
from screens import theme
from screens.services import use_services


def habit_line(habit: StepHabit) -> str:
    """'3 days in a row · 5 in all' (or a nudge when it has not been practised yet)."""
    if habit.total == 0:
        return "Not practised yet"
    row = f"{habit.current} {'day' if habit.current == 1 else 'days'} in a row" if habit.current else "No run right now"
    return f"{row} · {habit.total} in all"


@ft.component
def StepCheckins(insight: Insight):
    """Today: each step of the current insight as a habit to check off today."""
    practice = use_services().practice
    habits, set_habits = ft.use_state(lambda: practice.progress.step_habits(insight.id))

    def toggle(index: int, value: bool) -> None:
        practice.set_step_done(insight.id, index, value)
        set_habits(practice.progress.step_habits(insight.id))

    return check_in_card(
        "Practise the steps today", "Each step is a small daily habit. Tick the ones you did today.",
        [check_in_row(habit.title, f"Practised today: step {habit.index + 1}, {habit.title}", habit.done_today,
                      lambda e, i=habit.index: toggle(i, bool(e.control.value)), habit_line(habit))
         for habit in habits])


def check_in_row(label: str, semantics_label: str, done: bool, on_change, line: str) -> ft.Control:
    """One habit to tick today, with its run in a line under it (step check-ins, Your habits)."""
    return ft.Column(
        [
            ft.Checkbox(label=label, semantics_label=semantics_label, value=done,
                        label_style=ft.TextStyle(size=16, height=1.35), on_change=on_change),
            ft.Container(theme.caption(line), padding=ft.Padding.only(left=48)),
        ],
        spacing=0,
    )


def check_in_card(title: str, note: str, rows: list[ft.Control]) -> ft.Control:
    """A card of habits to tick today under a title and a short note."""
    return ft.Card(
        semantic_container=False,
        content=ft.Container(
            padding=ft.Padding.only(left=12, right=16, top=16, bottom=12),
            content=ft.Column(
                [
                    ft.Container(theme.section_title(title), padding=ft.Padding.only(left=4)),
                    ft.Container(theme.caption(note), padding=ft.Padding.only(left=4)),
                    *rows,
                ],
                spacing=8,
            ),
        )
    )


def _dot(done: bool) -> ft.Control:
    return ft.Container(
        width=14, height=14, border_radius=4,
        bgcolor=ft.Colors.PRIMARY if done else None,
        border=None if done else ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
    )


def step_history(habits: list[StepHabit]) -> ft.Control:
    """Progress: each step's own run and its last 14 days, oldest on the left."""
    items: list[ft.Control] = [
        theme.section_title("Steps as habits"),
        theme.caption(f"The last {len(habits[0].recent) if habits else 14} days, today on the right."),
    ]
    for habit in habits:
        recent_done = sum(done for _, done in habit.recent)
        items.append(
            ft.Semantics(
                label=(f"Step {habit.index + 1}, {habit.title}: {habit_line(habit)}; "
                       f"practised on {recent_done} of the last {len(habit.recent)} days"),
                exclude_semantics=True,
                content=ft.Column(
                    [
                        ft.Text(f"{habit.index + 1}. {habit.title}", size=16, weight=ft.FontWeight.W_500),
                        ft.Row([_dot(done) for _, done in habit.recent], spacing=4, wrap=True),
                        theme.caption(habit_line(habit)),
                    ],
                    spacing=4,
                ),
            )
        )
    return ft.Column(items, spacing=10)
