"""The last part of a walk-through: finishing today (and what comes next), or, when
only reading an insight, practising it today instead."""

from __future__ import annotations

from typing import Callable

import flet as ft

from content import Insight
from screens import theme
from screens.book_done import BookDone
from screens.progress_stats import celebration
from screens.services import use_services
from screens.settings_library import PaceChoice
from screens.walkthrough_route import book_route, part_route


def days_text(n: int) -> str:
    return "day" if n == 1 else "days"


@ft.component
def NextUp(insight: Insight, next_up, on_change: Callable[[], None], leave: Callable[[str], None]):
    """What comes after today: tomorrow's insight, or the finished book and the next one; *Move on*."""
    library = use_services().library

    def follow(book_id: str) -> None:
        library.follow(book_id)
        on_change()

    def move_on(_) -> None:
        library.move_on()
        on_change()

    if next_up.book_done is not None:
        return BookDone(next_up.book_done, next_up.suggestion, reason=next_up.reason, on_follow=follow,
                        on_see_all=lambda: leave("/library"))
    tomorrow = next_up.tomorrow
    if tomorrow is None:
        return theme.body("Come back tomorrow to keep it going.")
    staying = tomorrow.id == insight.id and library.pace() == "stay"
    controls: list[ft.Control] = [
        ft.Text(f"Tomorrow: {tomorrow.title}", size=18, weight=ft.FontWeight.W_600,
                text_align=ft.TextAlign.CENTER, style=ft.TextStyle(height=1.35)),
        theme.caption(library.position_label(tomorrow), text_align=ft.TextAlign.CENTER),
    ]
    if staying:
        controls += [
            theme.body("This insight stays with you until you move on: practise its steps again "
                       "tomorrow.", text_align=ft.TextAlign.CENTER),
            theme.secondary_button("Move on", move_on, icon=ft.Icons.SKIP_NEXT),
        ]
    else:
        controls.append(theme.body("Come back tomorrow to keep it going.",
                                   text_align=ft.TextAlign.CENTER))
    controls += [
        ft.Container(height=8),
        ft.Text("Pace", size=16, weight=ft.FontWeight.W_600, color=ft.Colors.ON_SURFACE),
        PaceChoice(on_chosen=on_change),
    ]
    return ft.Column(controls, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.CENTER)


@ft.component
def FinishPart(insight: Insight, leave: Callable[[str], None]):
    """Today is practised: the streak, a milestone when one is reached, and what comes next."""
    services = use_services()
    practice = services.practice
    library = services.library
    summary, set_summary = ft.use_state(None)
    milestone, set_milestone = ft.use_state(None)
    next_up, set_next_up = ft.use_state(None)

    def mark():
        result = practice.finish_with_milestone(insight.id)
        set_milestone(result.milestone)
        set_summary(result.streak)
        set_next_up(library.after_finish())

    ft.on_mounted(mark)
    if summary is None or next_up is None:
        return ft.ProgressRing()
    days = summary.current
    return ft.Column(
        [
            ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.PRIMARY, size=56),
            theme.heading("Today is practised"),
            *([celebration(milestone)] if milestone else []),
            ft.Text(f"Streak: {days} {days_text(days)}", size=22,
                    weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY),
            theme.body(f"Longest streak: {summary.longest} {days_text(summary.longest)}."),
            ft.Divider(),
            NextUp(insight, next_up, lambda: set_next_up(library.after_finish()), leave),
        ],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
    )


@ft.component
def ReadEndPart(insight: Insight, leave: Callable[[str], None]):
    """The end of reading an insight: *Practise this today instead*, or why that is not possible."""
    services = use_services()
    practice = services.practice
    library = services.library
    error, set_error = ft.use_state(None)
    todays = practice.todays_insight()

    def swap(_) -> None:
        try:
            library.swap_today(insight.id)
        except ValueError as exc:
            set_error(str(exc))
            return
        leave(part_route(0))

    controls: list[ft.Control] = []
    if library.can_swap(insight.id):
        instead = f" instead of “{todays.title}”" if todays is not None else ""
        controls += [
            theme.body(f"You can practise “{insight.title}” today{instead}: its steps and "
                       "questions become today's practice, and the walk-through opens it."),
            theme.primary_button("Practise this today instead", swap, icon=ft.Icons.SWAP_HORIZ),
        ]
    elif practice.status().finished:
        controls.append(theme.body(
            "Today's practice is already finished, so this insight cannot take its place today. "
            "Open it again on another day to practise it instead, before you finish that day."))
    else:
        controls.append(theme.body("This insight cannot be practised today."))
    if error:
        controls.append(ft.Text(error, color=ft.Colors.ERROR, size=15))
    controls.append(theme.secondary_button("Back to book",
                                           lambda _: leave(book_route(insight.book_id)),
                                           icon=ft.Icons.AUTO_STORIES_OUTLINED))
    return ft.Column(controls, spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
