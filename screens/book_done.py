"""A finished book: the celebration, and the book suggested next (on the finish screen and on Today)."""

from __future__ import annotations

from typing import Callable

import flet as ft

from content import Book
from screens import theme
from screens.book_cover import BookCover
from screens.services import use_services


def insights_text(count: int) -> str:
    return f"{count} insight" if count == 1 else f"{count} insights"


@ft.component
def BookDone(book: Book, suggestion: Book | None, on_follow: Callable[[str], None],
             on_see_all: Callable[[], None], reason: str | None = None):
    """"You finished <book>", then the suggested next book with *Follow <title>* and *See all books*."""
    library = use_services().library
    controls: list[ft.Control] = [
        ft.Row(
            [ft.Icon(ft.Icons.CELEBRATION_OUTLINED, color=ft.Colors.PRIMARY, size=32),
             ft.Container(theme.heading(f"You finished {book.title}", size=22), expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        theme.body(f"All {insights_text(book.insights)} of the book are practised. "
                   "Well done for staying with it."),
    ]
    if suggestion is not None:
        controls += [
            theme.caption("Next, we suggest"),
            # Why, when reviews taught it: "Because you kept two habits from Atomic Habits".
            *([theme.body(reason)] if reason else []),
            ft.Row(
                [
                    BookCover(suggestion, library.theme_of(suggestion).colour, width=72, height=102),
                    ft.Column(
                        [
                            ft.Text(suggestion.title, size=18, weight=ft.FontWeight.W_600,
                                    style=ft.TextStyle(height=1.3)),
                            theme.caption(f"{suggestion.author}, {suggestion.year}"),
                            theme.caption(insights_text(suggestion.insights)),
                        ],
                        spacing=4,
                        expand=True,
                    ),
                ],
                spacing=14,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            theme.primary_button(f"Follow {suggestion.title}", lambda _: on_follow(suggestion.id),
                                 icon=ft.Icons.BOOKMARK_ADD_OUTLINED),
        ]
    else:
        controls.append(theme.body("There is no other book waiting on your shelf. "
                                   "See all books to read one again.",
                                   color=ft.Colors.ON_SURFACE_VARIANT))
    controls.append(theme.secondary_button("See all books", lambda _: on_see_all(),
                                           icon=ft.Icons.AUTO_STORIES_OUTLINED))
    return ft.Card(
        content=ft.Container(
            padding=20,
            content=ft.Column(controls, spacing=12,
                              horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        )
    )
