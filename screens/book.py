"""A book's page at /book/:book_id: its cover, what it is about, *Follow this book*,
and its insights in order with where each stands on the user's path.

Today's insight opens the ordinary walk-through; any other is read at
/read/:insight_id/:part (screens/walkthrough.py), which never finishes today.
"""

from __future__ import annotations

import flet as ft

from screens import theme
from screens.book_cover import BookCover
from screens.review import review_route
from screens.services import use_services
from screens.walkthrough_route import part_route, read_route


def difficulty_word(difficulty: str) -> str:
    """"Easy — you can start today" -> "Easy": the short form a list row has room for."""
    return difficulty.split(" — ", 1)[0].strip()


def minutes_text(minutes: int) -> str:
    return f"about {minutes} min"


def row_label(row) -> str:
    """What a screen reader says for one insight of the book."""
    insight = row.insight
    return (f"Insight {insight.position}: {insight.title}. {difficulty_word(insight.difficulty)}, "
            f"about {insight.reading_minutes} "
            f"{'minute' if insight.reading_minutes == 1 else 'minutes'}. {row.status_text}")


def status_colours(status: str):
    """(background, text) of a row's status: today's stands out, practised is quiet."""
    if status == "today":
        return ft.Colors.PRIMARY, ft.Colors.ON_PRIMARY
    if status == "next":
        return ft.Colors.SECONDARY_CONTAINER, ft.Colors.ON_SECONDARY_CONTAINER
    return None, ft.Colors.ON_SURFACE_VARIANT


@ft.component
def InsightRowView(row, on_open):
    insight = row.insight
    background, ink = status_colours(row.status)
    practised = row.status == "practised"
    return ft.Card(
        margin=0,
        content=theme.tap_area(
            row_label(row),
            lambda _: on_open(row),
            border_radius=12,
            padding=ft.Padding.symmetric(horizontal=14, vertical=12),
            content=ft.Row(
                [
                    ft.Container(
                        width=32, height=32, border_radius=16,
                        alignment=ft.Alignment.CENTER,
                        bgcolor=ft.Colors.PRIMARY if practised else ft.Colors.SURFACE_CONTAINER_HIGHEST,
                        content=(ft.Icon(ft.Icons.CHECK, size=18, color=ft.Colors.ON_PRIMARY) if practised
                                 else ft.Text(str(insight.position), size=15, weight=ft.FontWeight.W_600)),
                    ),
                    ft.Column(
                        [
                            ft.Text(insight.title, size=16, weight=ft.FontWeight.W_600,
                                    style=ft.TextStyle(height=1.3)),
                            theme.caption(f"{difficulty_word(insight.difficulty)} · "
                                          f"{minutes_text(insight.reading_minutes)}"),
                            ft.Container(
                                content=ft.Text(row.status_text, size=13, weight=ft.FontWeight.W_600,
                                                color=ink),
                                bgcolor=background,
                                border_radius=8,
                                padding=ft.Padding.symmetric(horizontal=8 if background else 0,
                                                             vertical=2),
                            ),
                        ],
                        spacing=4,
                        expand=True,
                    ),
                    ft.Icon(ft.Icons.CHEVRON_RIGHT, color=ft.Colors.ON_SURFACE_VARIANT),
                ],
                spacing=12,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
        ),
    )


def book_not_found(book_id: str, back) -> list[ft.Control]:
    return [
        theme.heading("Book not found"),
        theme.body(f"There is no book “{book_id}” in your Library. It may have been removed."),
        theme.primary_button("See all books", back, icon=ft.Icons.AUTO_STORIES_OUTLINED),
    ]


@ft.component
def BookScreen():
    services = use_services()
    library = services.library
    practice = services.practice
    page = ft.context.page
    book_id = ft.use_route_params().get("book_id") or ""
    _version, set_version = ft.use_state(0)  # bumped after Follow, to show the new state

    def back(_=None):
        page.navigate("/library")

    shown = library.book_page(book_id)
    if shown is None:
        title = "Book"
        controls = book_not_found(book_id, back)
    else:
        book = shown.book
        title = book.title

        def follow(_):
            library.follow(book.id)
            set_version(lambda v: v + 1)

        def open_row(row) -> None:
            if row.status == "today":
                status = practice.status()
                page.navigate(part_route(0 if status.finished else status.position))
            else:
                page.navigate(read_route(row.insight.id))

        if shown.following:
            follow_control = ft.Semantics(
                label="Following this book: today's insight comes from it",
                exclude_semantics=True,
                content=ft.Row([ft.Icon(ft.Icons.BOOKMARK, color=ft.Colors.PRIMARY),
                                ft.Text("Following", size=16, weight=ft.FontWeight.W_600,
                                        color=ft.Colors.PRIMARY)], spacing=6),
            )
        else:
            follow_control = theme.primary_button("Follow this book", follow,
                                                  icon=ft.Icons.BOOKMARK_ADD_OUTLINED)
        count = len(shown.rows)
        controls = [
            ft.Row(
                [
                    BookCover(book, shown.theme.colour, width=112, height=160),
                    ft.Column(
                        [
                            ft.Semantics(heading_level=1, content=ft.Text(
                                book.title, size=22, weight=ft.FontWeight.W_700,
                                style=ft.TextStyle(height=1.25))),
                            *([theme.caption(book.subtitle)] if book.subtitle else []),
                            ft.Text(f"{book.author}, {book.year}", size=15),
                            theme.caption(shown.theme.name),
                            ft.Text(f"{shown.practised} of {count} practised", size=14,
                                    weight=ft.FontWeight.W_500, color=ft.Colors.PRIMARY),
                        ],
                        spacing=4,
                        expand=True,
                    ),
                ],
                spacing=16,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            follow_control,
            theme.section_title("About this book"),
            theme.body(" ".join(book.about.split())),
            theme.section_title(f"{count} insights" if count != 1 else "1 insight"),
            *[InsightRowView(row, open_row) for row in shown.rows],
        ]
        reviewable = [row.insight for row in shown.rows if practice.review.can_review(row.insight.id)]
        if reviewable:
            controls += [
                theme.section_title("Did it work for you?"),
                theme.caption("Look back at an insight you practised: keep, adapt or drop its steps."),
                *[theme.secondary_button(f"Review “{insight.title}”",
                                         lambda _, i=insight.id: page.navigate(review_route(i)),
                                         icon=ft.Icons.FACT_CHECK_OUTLINED)
                  for insight in reviewable],
            ]

    return ft.View(
        route="/book",
        padding=0,
        appbar=ft.AppBar(
            title=ft.Text(title, size=18, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS),
            automatically_imply_leading=False,
            leading=theme.icon_button(ft.Icons.ARROW_BACK, "Back to the Library", back),
        ),
        controls=[ft.SafeArea(expand=True, content=theme.page_list(controls))],
    )
