"""Outcome tracking: name the one result you want from an insight, log it daily, see its trend.

Today carries `OutcomeToday` (name it, then log a number or yes/no each day);
Progress carries `OutcomeTrend` (a flet-charts line or bar chart of the last
30 days, plus the same figures in words for screen readers, since a chart is
drawn on a canvas and has nothing to read out).
"""

from __future__ import annotations

from datetime import date, timedelta

import flet as ft
import flet_charts as fc

from content import Insight
from screens import theme
from screens.services import use_services
from daily.outcomes import (NUMBER, TREND_DAYS, YES_NO, chart_top, format_number, logged_text,
                            parse_number, trend_summary)

KIND_CHOICES = ((NUMBER, "A number each day (for example, how many)"), (YES_NO, "Yes or no each day"))


@ft.component
def OutcomeForm(insight: Insight, current, on_saved, on_cancel=None):
    """Name (or rename) the outcome; the kind is chosen once, when it is first named."""
    service = use_services().practice.mission_and_outcomes
    # Refs, not state, hold what is typed: a click handled right after the last
    # keystroke must see it even before the re-render that state would need.
    name = ft.use_ref(current.name if current else "")
    kind = ft.use_ref(current.kind if current else NUMBER)
    error, set_error = ft.use_state(None)

    def typed(e) -> None:
        name.current = e.control.value or ""
        if error:
            set_error(None)

    def chose(e) -> None:
        kind.current = e.control.value

    def save(_):
        if not (name.current or "").strip():
            set_error("Name the outcome in a few words.")
            return
        try:
            saved = service.define_outcome(insight.id, name.current, kind.current)
        except ValueError as err:
            set_error(str(err))
            return
        on_saved(saved)

    controls: list[ft.Control] = [
        ft.TextField(
            label="The outcome you want",
            hint_text="e.g. requests I answered with 'what problem does this solve?'",
            value=name.current,
            multiline=True,
            min_lines=1,
            max_lines=3,
            max_length=200,
            text_size=17,
            error=error,
            on_change=typed,
        ),
    ]
    if current is None:
        controls.append(
            ft.RadioGroup(
                value=kind.current,
                on_change=chose,
                content=ft.Column([ft.Radio(value=v, label=label) for v, label in KIND_CHOICES], spacing=0),
            )
        )
    buttons = [theme.primary_button("Save outcome", save, icon=ft.Icons.FLAG)]
    if on_cancel is not None:
        buttons.insert(0, ft.TextButton("Cancel", on_click=lambda _: on_cancel(), height=theme.TOUCH_TARGET))
    controls.append(ft.Row(buttons, alignment=ft.MainAxisAlignment.END, wrap=True))
    return ft.Column(controls, spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


@ft.component
def OutcomeLogger(insight: Insight, outcome, on_logged):
    """Today's value: a number field with a Log button, or Yes / No buttons."""
    service = use_services().practice.mission_and_outcomes
    today = service.outcome_today(insight.id)
    text = ft.use_ref(format_number(today.value) if today and outcome.kind == NUMBER else "")
    error, set_error = ft.use_state(None)

    def log(value) -> None:
        service.log_outcome(insight.id, value)
        on_logged()

    if outcome.kind == YES_NO:
        chosen = None if today is None else today.value

        def answer_button(label: str, value: bool):
            selected = chosen is value
            make = ft.FilledButton if selected else ft.OutlinedButton
            return make(
                content=label,
                icon=ft.Icons.CHECK if selected else None,
                height=theme.TOUCH_TARGET,
                expand=True,
                on_click=lambda _: log(value),
            )

        return ft.Column(
            [
                theme.body("Did it happen today?"),
                ft.Row([answer_button("Yes", True), answer_button("No", False)], spacing=12),
            ],
            spacing=8,
        )

    def submit(_):
        value = parse_number(text.current)
        if value is None:
            set_error("Type a number, for example 3.")
            return
        set_error(None)
        log(value)

    return ft.Row(
        [
            ft.TextField(
                label="Today's number",
                value=text.current,
                keyboard_type=ft.KeyboardType.NUMBER,
                text_size=17,
                expand=True,
                error=error,
                on_change=lambda e: setattr(text, "current", e.control.value or ""),
                on_submit=submit,
            ),
            theme.primary_button("Log", submit),
        ],
        spacing=12,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


@ft.component
def OutcomeToday(insight: Insight):
    """Today's outcome card: name it once, then log it every day."""
    service = use_services().practice.mission_and_outcomes
    outcome, set_outcome = ft.use_state(lambda: service.outcome(insight.id))
    editing, set_editing = ft.use_state(False)
    version, set_version = ft.use_state(0)  # bumps after logging to re-read today's value
    today = service.outcome_today(insight.id) if outcome else None

    def saved(new):
        set_outcome(new)
        set_editing(False)

    header = [
        theme.section_title("Your outcome"),
    ]
    if outcome is None and not editing:
        body = [
            theme.body("Measure what changes, not what gets done: name one result you want "
                       "from this insight, and note it each day.", color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Row([ft.TextButton("Name an outcome", icon=ft.Icons.FLAG_OUTLINED, height=theme.TOUCH_TARGET,
                                  on_click=lambda _: set_editing(True))]),
        ]
    elif editing:
        body = [OutcomeForm(insight, outcome, saved, on_cancel=lambda: set_editing(False))]
    else:
        status = (f"Logged today: {logged_text(today.value)}" if today is not None
                  else "Nothing logged today yet.")
        body = [
            ft.Text(outcome.name, size=17, weight=ft.FontWeight.W_500, style=ft.TextStyle(height=1.45)),
            OutcomeLogger(insight, outcome, lambda: set_version(version + 1), key=f"log-{version}"),
            ft.Row(
                [
                    theme.caption(status, expand=True),
                    ft.TextButton("Rename", icon=ft.Icons.EDIT_OUTLINED, height=theme.TOUCH_TARGET,
                                  tooltip="Rename the outcome", on_click=lambda _: set_editing(True)),
                ],
            ),
        ]
    return ft.Card(
        semantic_container=False,
        content=ft.Container(
            padding=16,
            content=ft.Column([*header, *body], spacing=10,
                              horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        )
    )


def _axis_label(text: str) -> ft.Text:
    return ft.Text(text, size=12, color=ft.Colors.ON_SURFACE_VARIANT)


def trend_chart(kind: str, logs, first: date, days: int) -> ft.Control:
    """A line chart (numbers) or bar chart (yes/no) over `days` days starting at `first`."""
    grid = fc.ChartGridLines(color=ft.Colors.with_opacity(0.15, ft.Colors.ON_SURFACE), width=1)
    bottom = fc.ChartAxis(
        labels=[
            fc.ChartAxisLabel(value=x, label=_axis_label(f"{(first + timedelta(days=x)).day} "
                                                          f"{(first + timedelta(days=x)):%b}"))
            # Not at the very edges: a centred label there would be cut off.
            # (a tenth of the way in: 3 of 30 days, 1 of the 9 a review may span)
            for x in (max(1, days // 10), days // 2, days - 1 - max(1, days // 10))
        ],
        label_spacing=1,  # ask for every day; only the three labelled ones show
        label_size=28,
    )
    if kind == YES_NO:
        groups = [
            fc.BarChartGroup(
                x=(log.day - first).days,
                rods=[fc.BarChartRod(
                    from_y=0, to_y=1 if log.value else 0.12, width=6,
                    color=ft.Colors.PRIMARY if log.value else ft.Colors.OUTLINE,
                    border_radius=3,
                )],
            )
            for log in logs
        ]
        # Empty days keep their place so the x axis is time, not entries.
        present = {g.x for g in groups}
        groups += [fc.BarChartGroup(x=x, rods=[fc.BarChartRod(from_y=0, to_y=0, width=6)])
                   for x in range(days) if x not in present]
        groups.sort(key=lambda g: g.x)
        return fc.BarChart(
            groups=groups,
            min_y=0,
            max_y=1,
            height=170,
            interactive=False,
            horizontal_grid_lines=grid,
            left_axis=fc.ChartAxis(
                labels=[fc.ChartAxisLabel(value=0, label=_axis_label("no")),
                        fc.ChartAxisLabel(value=1, label=_axis_label("yes"))],
                label_size=32,
            ),
            bottom_axis=bottom,
            group_alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        )
    values = [float(log.value) for log in logs]
    top = chart_top(values)
    return fc.LineChart(
        data_series=[
            fc.LineChartData(
                points=[fc.LineChartDataPoint((log.day - first).days, float(log.value)) for log in logs],
                color=ft.Colors.PRIMARY,
                stroke_width=3,
                point=True,
                below_line_bgcolor=ft.Colors.with_opacity(0.12, ft.Colors.PRIMARY),
            )
        ],
        min_x=0,
        max_x=days - 1,
        min_y=0,
        max_y=top,
        height=190,
        interactive=False,
        horizontal_grid_lines=fc.ChartGridLines(interval=top / 2, color=grid.color, width=1),
        left_axis=fc.ChartAxis(
            labels=[fc.ChartAxisLabel(value=v, label=_axis_label(format_number(v))) for v in (0, top / 2, top)],
            label_size=36,
        ),
        bottom_axis=bottom,
    )


@ft.component
def OutcomeTrend(insight: Insight):
    """Progress: the outcome's last 30 days as a chart, with the same in words."""
    service = use_services().practice.mission_and_outcomes
    outcome = service.outcome(insight.id)
    if outcome is None:
        return ft.Column(
            [
                theme.section_title("Outcome trend"),
                theme.body("Name the outcome you want from this insight on Today, then log it "
                           "each day: its trend appears here.", color=ft.Colors.ON_SURFACE_VARIANT),
            ],
            spacing=8,
        )
    logs = service.outcome_trend(insight.id, TREND_DAYS)
    first = service.trend_start(TREND_DAYS)
    summary = trend_summary(outcome, logs, TREND_DAYS)
    chart = ft.Semantics(
        label=f"Chart of {outcome.name}: {summary}",
        exclude_semantics=True,
        content=ft.Container(
            trend_chart(outcome.kind, logs, first, TREND_DAYS),
            padding=ft.Padding.only(top=8, right=8),
        ),
    )
    return ft.Column(
        [
            theme.section_title("Outcome trend"),
            ft.Text(outcome.name, size=17, weight=ft.FontWeight.W_500, style=ft.TextStyle(height=1.45)),
            chart,
            theme.caption(summary),
        ],
        spacing=8,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
