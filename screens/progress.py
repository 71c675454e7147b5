"""Progress: honest streaks, the practice calendar, the outcome's trend, steps as habits."""

from __future__ import annotations

import flet as ft

from screens import theme
from screens.outcome import OutcomeTrend
from screens.progress_calendar import PracticeCalendar
from screens.progress_stats import milestones_section, stats_grid, streak_help
from screens.progress_steps import step_history
from screens.services import use_services
from screens.what_works import WHAT_WORKS


@ft.component
def Progress():
    practice = use_services().practice
    page = ft.context.page
    overview = practice.progress.overview()
    insight = practice.todays_insight()
    sections: list[ft.Control] = [
        theme.heading("Progress", size=28),
        stats_grid(overview),
        PracticeCalendar(),
        milestones_section(overview),
        theme.secondary_button("What works for me", lambda _: page.navigate(WHAT_WORKS),
                               icon=ft.Icons.EMOJI_OBJECTS_OUTLINED),
        streak_help(),
    ]
    if insight is not None:
        sections += [
            ft.Divider(),
            OutcomeTrend(insight),
            ft.Divider(),
            step_history(practice.progress.step_habits(insight.id)),
        ]
    return theme.page_column(sections)
