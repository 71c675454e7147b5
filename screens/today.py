"""Today: the day's insight, the streak, and one button to start or resume."""

from __future__ import annotations

import asyncio

import flet as ft

from daily.parts import PARTS
from screens import theme
from screens.book_done import BookDone
from screens.mission import NorthStar
from screens.outcome import OutcomeToday
from screens.progress_steps import StepCheckins
from screens.looking_back import LookingBack
from screens.services import use_services
from screens.walkthrough_route import book_route, part_route
from screens.what_works import ReviewOffer, YourHabits


def start_label(position: int, finished: bool) -> str:
    if finished:
        return "Walk through it again"
    if position > 0:
        return f"Resume today's practice ({position + 1} of {len(PARTS)})"
    return "Start today's practice"


def streak_text(days: int) -> str:
    return f"Streak: {days} day" if days == 1 else f"Streak: {days} days"


@ft.component
def FinishedBook(book, on_change):
    """Today when the followed book is finished: the celebration and the book suggested next."""
    library = use_services().library
    page = ft.context.page

    def follow(book_id: str) -> None:
        library.follow(book_id)
        on_change()

    suggestion = library.next_suggestion(book)
    return BookDone(book, suggestion.book, reason=suggestion.reason, on_follow=follow,
                    on_see_all=lambda: page.navigate("/library"))


@ft.component
def Today():
    services = use_services()
    practice = services.practice
    library = services.library
    status = practice.status()
    _version, set_version = ft.use_state(0)  # bumped after following another book, or "Later"
    page = ft.context.page
    # The day's card and its Start button go to the browser first; the
    # sections below them (mission prompt, step habits, outcome, looking back)
    # follow in the next update, once the first one is on its way. Yielding
    # to the event loop is what lets Flet send it before rendering the rest.
    below_fold, set_below_fold = ft.use_state(False)

    async def add_sections_below() -> None:
        await asyncio.sleep(0)
        set_below_fold(True)

    ft.on_mounted(add_sections_below)

    if status.insight is None:
        followed = library.finished_following()
        if followed is not None:
            return theme.page_list([
                ft.Text(status.day.strftime("%A, %d %B").replace(" 0", " "),
                        size=14, color=ft.Colors.ON_SURFACE_VARIANT),
                theme.heading("Today", size=28),
                FinishedBook(followed, lambda: set_version(lambda v: v + 1)),
                YourHabits(),
            ])
        return theme.page_column([
            theme.heading("No insight to practise"),
            theme.body("No insight could be loaded. See the message above, "
                       "or add a book to content/books (see content/README.md)."),
        ])

    insight = status.insight
    has_mission = practice.mission_and_outcomes.mission() is not None
    open_at = 0 if status.finished else status.position

    def start(_):
        page.navigate(part_route(open_at))

    sections_below = [ReviewOffer(lambda: set_version(lambda v: v + 1)), StepCheckins(insight),
                      YourHabits(), OutcomeToday(insight), LookingBack()]
    if not has_mission:
        sections_below.insert(1, NorthStar(insight.id))  # after the review offer, if one is due

    streak = status.streak
    done_line = ("Today's practice is done. See you tomorrow."
                 if status.finished else "Today's practice is still open.")

    return theme.page_list([
        ft.Text(status.day.strftime("%A, %d %B").replace(" 0", " "),
                size=14, color=ft.Colors.ON_SURFACE_VARIANT),
        theme.heading("Today", size=28),
        # A written mission stands above the day's insight; the prompt to
        # write one waits below the Start button, so a new user meets the
        # practice first (its first step asks for the mission anyway).
        *([NorthStar(insight.id)] if has_mission else []),
        ft.Card(
            # Not one semantic container: its texts stay separate for screen
            # readers, beside the Open book button, instead of one merged label.
            semantic_container=False,
            content=ft.Container(
                padding=20,
                content=ft.Column(
                    [
                        theme.caption(library.position_label(insight)),
                        theme.heading(insight.title, size=22),
                        theme.body(f"{insight.book} — {insight.author}",
                                   color=ft.Colors.ON_SURFACE_VARIANT),
                        theme.caption(insight.difficulty),
                        ft.Row([ft.TextButton(
                            "Open book", icon=ft.Icons.AUTO_STORIES_OUTLINED,
                            on_click=lambda _: page.navigate(book_route(insight.book_id)),
                            style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=8,
                                                                              vertical=theme.BUTTON_PADDING)),
                        )]),
                    ],
                    spacing=8,
                ),
            ),
        ),
        ft.Row(
            [
                ft.Icon(ft.Icons.LOCAL_FIRE_DEPARTMENT, color=ft.Colors.PRIMARY),
                ft.Text(streak_text(streak.current), size=18, weight=ft.FontWeight.W_600),
            ],
        ),
        theme.body(done_line),
        theme.primary_button(start_label(status.position, status.finished), start,
                             icon=ft.Icons.PLAY_ARROW_ROUNDED),
        *(sections_below if below_fold else []),
    ])
