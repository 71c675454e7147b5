"""The practice calendar: 12 weeks at a glance, in two blocks of six week columns, paged back in time.

Layout decision (phone first): every day cell is a full 48 x 48 px touch target
at 360 px. A wall-calendar row of seven days cannot do that: seven 48 px cells
need 336 px and a 360 px phone leaves the page 320. So, as in the heatmap model
(`habit.heatmap`: weeks as columns) and habit trackers, a week is a *column* of
seven days, Monday at the top, with the weekday letters down the left (28 px).
Six weeks side by side need 28 + 6 x 48 = 316 px of the 320, so the 12 weeks are
two blocks of six, each headed by its dates ("31 Aug – 11 Oct"); time runs left
to right, then on in the block below, like lines of text. The tap area is the
whole cell (≈ 48.7 x 48 px at 360 px, ≈ 53.7 x 48 at 390, ≈ 60.3 x 48 at 430);
the coloured square inside is a fixed 40 px, so neighbours keep a gap of 8 px or
more and a tap between two days is unlikely to land on the wrong one. Day numbers keep
full-contrast text in every state (WCAG AA); states differ by fill, outline and
icon, not by faded text.

Colours: only shades of the accent (the theme's `primary`) and theme surface
roles, so dark mode follows. State is never shown by colour alone: practised
days are solid, frozen days carry a snowflake, missed days an outline, and every
cell has a spoken label such as "Tuesday 24 November: practised".
"""

from __future__ import annotations

from datetime import date

import flet as ft

from habit.heatmap import CellState, HeatCell
from screens import theme
from screens.services import use_services

WEEKS_PER_PAGE = 12
WEEKS_PER_BLOCK = 6
CELL_HEIGHT = 48  # the touch target's height; its width is the column's (at least 48 px)
SQUARE = 40  # the coloured square drawn inside the target
LABEL_WIDTH = 28  # the weekday letters' column

STATE_WORDS = {
    CellState.DONE: "practised",
    CellState.FROZEN: "missed, covered by a streak freeze",
    CellState.MISSED: "missed",
    CellState.FUTURE: "not yet",
    CellState.BEFORE_START: "before you started",
}


def day_name(day: date) -> str:
    """'Tuesday 24 November'."""
    return f"{day:%A} {day.day} {day:%B}"


def short_date(day: date) -> str:
    return f"{day.day} {day:%b}"


def cell_label(cell: HeatCell) -> str:
    """What a screen reader says for a cell: 'Tuesday 24 November: practised'."""
    if cell.is_today:
        state = "practised" if cell.state == CellState.DONE else "still open"
        return f"{day_name(cell.day)}, today: {state}"
    return f"{day_name(cell.day)}: {STATE_WORDS[cell.state]}"


def opens_record(cell: HeatCell) -> bool:
    """Every day up to today has a record to open; days to come do not."""
    return cell.state != CellState.FUTURE or cell.is_today


def _square(cell: HeatCell) -> ft.Control:
    primary = ft.Colors.PRIMARY
    number_color = ft.Colors.ON_SURFACE_VARIANT
    bgcolor = None
    border = None
    weight = ft.FontWeight.W_400
    overlay = None
    if cell.state == CellState.DONE:
        bgcolor, number_color, weight = primary, ft.Colors.ON_PRIMARY, ft.FontWeight.W_700
    elif cell.state == CellState.FROZEN:
        bgcolor, number_color = ft.Colors.with_opacity(0.22, primary), ft.Colors.ON_SURFACE
        overlay = ft.Container(
            content=ft.Icon(ft.Icons.AC_UNIT, size=12, color=primary),
            right=3, top=2,
        )
    elif cell.state == CellState.MISSED:
        border = ft.Border.all(1, ft.Colors.OUTLINE)
    # Before the start, days to come and today while open: a plain number, no fill
    # and no outline (text stays ON_SURFACE_VARIANT, which meets AA contrast).
    if cell.is_today:
        # A ring that shows on a filled (practised) square too.
        border = ft.Border.all(2.5, ft.Colors.ON_SURFACE if cell.state == CellState.DONE else primary)
        if cell.state != CellState.DONE:
            number_color, weight = primary, ft.FontWeight.W_700
    number = ft.Container(
        content=ft.Text(str(cell.day.day), size=13, weight=weight, color=number_color),
        alignment=ft.Alignment.CENTER,
        expand=True,
    )
    return ft.Container(
        content=ft.Stack([number, overlay] if overlay else [number], expand=True),
        bgcolor=bgcolor,
        border=border,
        border_radius=8,
        width=SQUARE,
        height=SQUARE,
    )


def heat_cell(cell: HeatCell, on_open) -> ft.Control:
    tappable = opens_record(cell)
    inner = ft.Container(
        content=_square(cell),
        alignment=ft.Alignment.CENTER,
        height=CELL_HEIGHT,
        border_radius=10,
        on_click=(lambda _e, d=cell.day: on_open(d)) if tappable else None,
    )
    return ft.Semantics(
        label=cell_label(cell),
        button=tappable,
        exclude_semantics=True,
        on_tap=(lambda _e, d=cell.day: on_open(d)) if tappable else None,
        content=inner,
        expand=True,
    )


def legend_item(sample: ft.Control, text: str) -> ft.Control:
    return ft.Row([sample, ft.Text(text, size=14)], spacing=6, tight=True)


def _swatch(**kwargs) -> ft.Control:
    return ft.Container(width=16, height=16, border_radius=4, **kwargs)


def legend() -> ft.Control:
    primary = ft.Colors.PRIMARY
    return ft.Row(
        [
            legend_item(_swatch(bgcolor=primary), "Practised"),
            legend_item(_swatch(bgcolor=ft.Colors.with_opacity(0.22, primary),
                                content=ft.Icon(ft.Icons.AC_UNIT, size=11, color=primary),
                                alignment=ft.Alignment.CENTER), "Freeze used"),
            legend_item(_swatch(border=ft.Border.all(1, ft.Colors.OUTLINE)), "Missed"),
        ],
        wrap=True,
        spacing=16,
        run_spacing=6,
    )


def block_title(block: list[list[HeatCell]]) -> str:
    """'31 Aug – 11 Oct': the first and last day of a block of weeks."""
    return f"{short_date(block[0][0].day)} – {short_date(block[-1][-1].day)}"


def week_block(block: list[list[HeatCell]], on_open) -> ft.Control:
    """Its dates, then one row per weekday: its letter, then that day of each week."""
    rows: list[ft.Control] = [
        ft.Container(
            content=ft.Text(block_title(block), size=14, weight=ft.FontWeight.W_600,
                            color=ft.Colors.PRIMARY),
            padding=ft.Padding.only(left=LABEL_WIDTH, top=6, bottom=2),
        )
    ]
    for weekday in range(7):
        day = block[0][weekday].day
        rows.append(ft.Row(
            [
                ft.Container(
                    content=ft.Text(f"{day:%a}"[0], size=13, color=ft.Colors.ON_SURFACE_VARIANT,
                                    semantics_label=f"{day:%a}"),
                    width=LABEL_WIDTH,
                    alignment=ft.Alignment.CENTER_LEFT,
                ),
                *(heat_cell(week[weekday], on_open) for week in block),
                # A short last block keeps the columns of the full one.
                *(ft.Container(expand=True) for _ in range(WEEKS_PER_BLOCK - len(block))),
            ],
            spacing=0,
        ))
    return ft.Column(rows, spacing=0)


def week_blocks(weeks: list[list[HeatCell]], on_open) -> list[ft.Control]:
    """The weeks in blocks of WEEKS_PER_BLOCK columns, oldest first."""
    return [week_block(weeks[i:i + WEEKS_PER_BLOCK], on_open)
            for i in range(0, len(weeks), WEEKS_PER_BLOCK)]


@ft.component
def PracticeCalendar():
    """The heatmap with Earlier/Later paging; tapping a day opens its record."""
    practice = use_services().practice
    page_index, set_page_index = ft.use_state(0)
    calendar = practice.progress.calendar(page=page_index, weeks=WEEKS_PER_PAGE)
    first, last = calendar.weeks[0][0].day, calendar.weeks[-1][-1].day
    page = ft.context.page

    def open_day(day: date) -> None:
        page.navigate(f"/progress/day/{day.isoformat()}")

    range_text = f"{short_date(first)} – {short_date(last)} {last.year}"
    paging = ft.Row(
        [
            ft.OutlinedButton(
                content="Earlier", icon=ft.Icons.CHEVRON_LEFT,
                disabled=not calendar.has_earlier,
                height=theme.TOUCH_TARGET,
                on_click=lambda _: set_page_index(page_index + 1),
            ),
            ft.OutlinedButton(
                content=ft.Row([ft.Text("Later"), ft.Icon(ft.Icons.CHEVRON_RIGHT, size=18)],
                               spacing=8, tight=True),
                disabled=not calendar.has_later,
                height=theme.TOUCH_TARGET,
                on_click=lambda _: set_page_index(max(0, page_index - 1)),
            ),
        ],
        alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
    )
    return ft.Column(
        [
            theme.section_title("Calendar"),
            ft.Text(range_text, size=15, weight=ft.FontWeight.W_500),
            theme.caption("Tap a day to see what you read, practised and wrote."),
            paging,
            ft.Column(week_blocks(calendar.weeks, open_day), spacing=8),
            legend(),
        ],
        spacing=10,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
