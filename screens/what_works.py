"""What works for me (/what-works, from Progress), Today's "Your habits" and its review offer.

Kept and adapted steps live on as habits with their own runs; dropped insights
are listed with the reason given. Everything shown is built in `daily/review.py`.
"""

from __future__ import annotations

from typing import Callable

import flet as ft

from screens import theme
from screens.progress_steps import check_in_card, check_in_row
from screens.review import review_route
from screens.services import use_services

WHAT_WORKS = "/what-works"


def run_text(run: int) -> str:
    if run == 0:
        return "No run right now"
    return f"{run} day in a row" if run == 1 else f"{run} days in a row"


@ft.component
def ReviewOffer(on_change: Callable[[], None]):
    """Today: *Review "<title>"* once an insight has been practised on 7 (and 30) days."""
    review = use_services().practice.review
    page = ft.context.page
    offer = review.due()
    if offer is None:
        return ft.Container()

    def later(_) -> None:
        review.dismiss(offer.insight_id, offer.mark)
        on_change()

    return ft.Card(
        semantic_container=False,
        content=ft.Container(
            padding=16,
            content=ft.Column(
                [
                    theme.section_title("Did it work for you?"),
                    theme.body(f"You have practised “{offer.title}” on {offer.practised_days} days. "
                               "Look at what it changed, then keep, adapt or drop its steps."),
                    theme.primary_button(f"Review “{offer.title}”",
                                         lambda _: page.navigate(review_route(offer.insight_id)),
                                         icon=ft.Icons.FACT_CHECK_OUTLINED),
                    ft.Row([ft.TextButton("Later", on_click=later,
                                          style=ft.ButtonStyle(padding=ft.Padding.symmetric(
                                              horizontal=12, vertical=theme.BUTTON_PADDING)))]),
                ],
                spacing=10,
            ),
        ),
    )


@ft.component
def YourHabits():
    """Today: the steps you kept, checked off day by day, whatever insight today brings."""
    review = use_services().practice.review
    habits, set_habits = ft.use_state(lambda: review.habits())
    if not habits:
        return ft.Container()

    def toggle(key: str, done: bool) -> None:
        review.check(key, done)
        set_habits(review.habits())

    return check_in_card(
        "Your habits", "Steps you kept after a review. They do not count for the streak: each has its own run.",
        [check_in_row(habit.text, f"Practised today: your habit {habit.text}", habit.done_today,
                      lambda e, key=habit.key: toggle(key, bool(e.control.value)),
                      f"{run_text(habit.run)} · from {habit.insight_title}")
         for habit in habits])


def evidence_rest(line) -> str:
    """The evidence line without the habit's own words, which stand above it."""
    head = f"{line.text} · "
    return line.line[len(head):] if line.line.startswith(head) else line.line


@ft.component
def WhatWorksScreen():
    services = use_services()
    review = services.practice.review
    page = ft.context.page
    _version, set_version = ft.use_state(0)  # bumped after retiring a habit
    works = review.what_works()

    def back(_=None) -> None:
        page.navigate("/progress")

    def retire(line) -> None:
        def confirmed() -> None:
            review.retire(line.key)
            set_version(lambda v: v + 1)

        theme.confirm(page, "Retire this habit?",
                      f"“{line.text}” leaves Today. Its history and your review stay.",
                      "Retire", confirmed)

    controls: list[ft.Control] = [
        theme.heading("What works for me", size=26),
        theme.body("What you kept after reviewing an insight, with the evidence, and what you tried "
                   "and let go."),
        theme.section_title("Kept"),
    ]
    if not works.kept:
        controls.append(theme.body("Nothing kept yet. After you have practised an insight on 7 days, "
                                   "Today offers to review it.", color=ft.Colors.ON_SURFACE_VARIANT))
    for line in works.kept:
        controls.append(ft.Card(
            margin=0,
            semantic_container=False,
            content=ft.Container(
                padding=ft.Padding.only(left=16, right=8, top=12, bottom=4),
                content=ft.Column([
                    ft.Text(line.text, size=17, weight=ft.FontWeight.W_600, style=ft.TextStyle(height=1.35)),
                    theme.caption(evidence_rest(line)),
                    ft.Row([ft.Semantics(
                        label=f"Retire {line.text}", button=True, exclude_semantics=True,
                        content=ft.TextButton("Retire", icon=ft.Icons.ARCHIVE_OUTLINED,
                                              on_click=lambda _, line=line: retire(line)),
                    )], alignment=ft.MainAxisAlignment.END),
                ], spacing=4),
            ),
        ))
    controls.append(theme.section_title("Tried, not for me"))
    if not works.dropped:
        controls.append(theme.body("Nothing dropped.", color=ft.Colors.ON_SURFACE_VARIANT))
    for dropped in works.dropped:
        what = "Tried, not for me" if dropped.whole else "Dropped " + ", ".join(f"“{s}”" for s in dropped.steps)
        controls.append(ft.Column([
            ft.Text(dropped.title, size=17, weight=ft.FontWeight.W_600),
            theme.body(what),
            theme.caption(f"{dropped.day.day} {dropped.day:%b %Y}"
                          + (f" · “{dropped.reason}”" if dropped.reason else "")),
        ], spacing=2))

    return ft.View(
        route=WHAT_WORKS,
        padding=0,
        appbar=ft.AppBar(
            title=ft.Text("What works for me", size=18),
            automatically_imply_leading=False,
            leading=theme.icon_button(ft.Icons.ARROW_BACK, "Back to Progress", back),
        ),
        controls=[ft.SafeArea(expand=True, content=theme.page_list(controls))],
    )
