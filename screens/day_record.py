"""One day's record (route /progress/day/YYYY-MM-DD): what was read, practised and written."""

from __future__ import annotations

import flet as ft

from daily.outcomes import logged_text
from daily.parts import PARTS, part_name
from daily.progress import DayRecord, InsightDay
from habit.dates import parse_day
from habit.heatmap import CellState
from library.path import position_label
from screens import theme
from screens.progress_calendar import day_name
from screens.review import review_route
from screens.services import use_services

STATE_LINES = {
    CellState.DONE: (ft.Icons.CHECK_CIRCLE, "Practised: this day counts for your streak."),
    CellState.FROZEN: (ft.Icons.AC_UNIT, "Missed, but a streak freeze covered it: "
                                         "your streak went on, without counting this day."),
    CellState.MISSED: (ft.Icons.RADIO_BUTTON_UNCHECKED, "Missed: the practice was not finished this day."),
    CellState.BEFORE_START: (ft.Icons.REMOVE_CIRCLE_OUTLINE, "Before your first practised day."),
    CellState.FUTURE: (ft.Icons.SCHEDULE, "Today is still open."),
}


def reading_line(item: InsightDay) -> str:
    if item.finished:
        return "Read it through to the end and finished the practice."
    part = item.part_reached
    return f"Read up to part {part + 1} of {len(PARTS)}: {part_name(part)}."


def labelled(title: str, controls: list[ft.Control]) -> ft.Control:
    return ft.Column([ft.Text(title, size=16, weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY), *controls],
                     spacing=6)


def insight_section(item: InsightDay) -> ft.Control:
    insight = item.insight
    steps = []
    for index, step in enumerate(insight.steps):
        done = index in item.steps_done
        steps.append(ft.Row(
            [
                ft.Icon(ft.Icons.CHECK_BOX if done else ft.Icons.CHECK_BOX_OUTLINE_BLANK,
                        color=ft.Colors.PRIMARY if done else ft.Colors.ON_SURFACE_VARIANT, size=22),
                ft.Text(f"{index + 1}. {step.title}", size=16, expand=True,
                        color=None if done else ft.Colors.ON_SURFACE_VARIANT,
                        semantics_label=f"Step {index + 1}, {step.title}: {'practised' if done else 'not practised'}"),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ))
    answers: list[ft.Control] = []
    for index, question, text in item.answers:
        answers.append(ft.Column(
            [ft.Text(f"{index + 1}. {question}", size=15, weight=ft.FontWeight.W_500,
                     color=ft.Colors.ON_SURFACE_VARIANT, style=ft.TextStyle(height=1.4)),
             theme.body(text)],
            spacing=4,
        ))
    if not answers:
        answers.append(theme.caption("No reflection answers written this day."))
    sections: list[ft.Control] = [
        theme.caption(f"{position_label(insight)} — {insight.author}"),
        theme.heading(insight.title, size=20),
        *([labelled("Read", [theme.body(reading_line(item))])] if item.finished or item.part_reached else []),
        labelled(f"Action steps practised ({len(item.steps_done)} of {len(insight.steps)})", steps),
        labelled("Reflection", answers),
    ]
    if item.outcome_name:
        value = "nothing logged" if item.outcome_value is None else logged_text(item.outcome_value)
        sections.append(labelled("Outcome", [theme.body(f"{item.outcome_name}: {value}")]))
    return ft.Card(semantic_container=False, content=ft.Container(padding=16, content=ft.Column(sections, spacing=14)))


def finished_line(moment) -> str:
    """'Finished at 20:05 (local time there, UTC+01:00)': the clock as it was where it happened."""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes >= 0 else "-"
    return f"Finished at {moment:%H:%M} (local time there, UTC{sign}{hours:02d}:{rest:02d})"


def record_body(record: DayRecord) -> list[ft.Control]:
    icon, line = STATE_LINES[record.state]
    if record.is_today and record.state == CellState.DONE:
        line = "Practised today: it counts for your streak."
    controls: list[ft.Control] = [
        ft.Row([ft.Icon(icon, color=ft.Colors.PRIMARY), ft.Container(theme.body(line), expand=True)],
               vertical_alignment=ft.CrossAxisAlignment.START),
    ]
    if record.finished_at is not None:
        controls.append(theme.caption(finished_line(record.finished_at)))
    if not record.insights:
        controls.append(theme.body("Nothing was read, practised or written on this day.",
                                   color=ft.Colors.ON_SURFACE_VARIANT))
    controls += [insight_section(item) for item in record.insights]
    return controls


@ft.component
def DayRecordView():
    practice = use_services().practice
    page = ft.context.page
    day = parse_day(ft.use_route_params().get("date"))

    def back(_=None):
        page.navigate("/progress")

    if day is None or day > practice.today():
        title = "No such day"
        controls = [theme.body("There is no record for this day.")]
    else:
        title = day_name(day) + (f" {day.year}" if day.year != practice.today().year else "")
        record = practice.progress.day_record(day)
        controls = record_body(record)
        controls += [theme.secondary_button(f"Review “{item.insight.title}”",
                                            lambda _, i=item.insight.id: page.navigate(review_route(i)),
                                            icon=ft.Icons.FACT_CHECK_OUTLINED)
                     for item in record.insights if practice.review.can_review(item.insight.id)]

    return ft.View(
        route="/progress/day",
        padding=0,
        appbar=ft.AppBar(
            title=ft.Text("Day record", size=18),
            automatically_imply_leading=False,
            # The label sits on a Semantics node: an IconButton's tooltip is not its accessible name.
            leading=ft.Semantics(
                label="Back to Progress", button=True, exclude_semantics=True, on_tap=back,
                content=ft.IconButton(ft.Icons.ARROW_BACK, on_click=back),
            ),
        ),
        controls=[
            ft.SafeArea(
                expand=True,
                content=theme.page_column([theme.heading(title, size=26), *controls]),
            )
        ],
    )
