"""The Library tab: every book, grouped by theme, with a filter by theme and a search.

The books and what they say about the user's progress come from the Library
service (`services.library.shelf`); this screen only groups and draws them.
"""

from __future__ import annotations

import asyncio
import flet as ft

from screens import theme
from screens.book_cover import BookCover
from screens.services import use_services
from screens.walkthrough_route import book_route

SEARCH_LABEL = "Search by title or author"
SEARCH_PAUSE = 0.25  # seconds of no typing before the shelf is filtered


def shelves(library, cards, chosen_theme=None) -> list[tuple]:
    """(theme, cards) pairs, one heading each: grouped by each book's own theme, or,
    with a theme chosen in the filter, all under that theme (a book has up to three
    themes; its heading must be the one the user picked)."""
    if chosen_theme is not None:
        return [(chosen_theme, list(cards))] if cards else []
    return library.group_by_theme(cards)


def card_label(card) -> str:
    """What a screen reader says for a book card (the cover itself is skipped)."""
    book = card.book
    parts = [f"{book.title}, by {book.author}, {book.year}", card.size_text, card.progress_text]
    if card.following:
        parts.append("Following")
    if card.added:
        parts.append("Added by you")
    return ". ".join(parts)


def mark(text: str, icon, filled: bool) -> ft.Control:
    """A small label on a card: *Following*, *Added by you*."""
    colour = ft.Colors.ON_SECONDARY_CONTAINER if filled else ft.Colors.ON_SURFACE_VARIANT
    return ft.Container(
        content=ft.Row([ft.Icon(icon, size=16, color=colour),
                        ft.Text(text, size=13, weight=ft.FontWeight.W_600, color=colour)],
                       spacing=4, tight=True),
        bgcolor=ft.Colors.SECONDARY_CONTAINER if filled else None,
        border=None if filled else ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        border_radius=8,
        padding=ft.Padding.symmetric(horizontal=8, vertical=3),
    )


@ft.component
def BookCardView(card, colour: str, on_open):
    book = card.book
    marks = []
    if card.following:
        marks.append(mark("Following", ft.Icons.BOOKMARK, True))
    if card.added:
        marks.append(mark("Added by you", ft.Icons.FILE_UPLOAD_OUTLINED, False))
    return ft.Card(
        margin=0,
        content=theme.tap_area(
            card_label(card),
            lambda _: on_open(book.id),
            border_radius=12,
            padding=12,
            content=ft.Row(
                [
                    BookCover(book, colour, width=76, height=108),
                    ft.Column(
                        [
                            ft.Text(book.title, size=17, weight=ft.FontWeight.W_600,
                                    style=ft.TextStyle(height=1.3)),
                            theme.caption(f"{book.author} · {book.year}"),
                            theme.caption(card.size_text),
                            ft.Text(card.progress_text, size=14, weight=ft.FontWeight.W_500,
                                    color=ft.Colors.PRIMARY),
                            *([ft.Row(marks, spacing=6, wrap=True, run_spacing=4)] if marks else []),
                        ],
                        spacing=4,
                        expand=True,
                    ),
                ],
                spacing=14,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
        ),
    )


def theme_chip(label: str, selected: bool, on_select) -> ft.Control:
    """A filter chip; screen readers hear its name and whether it is the one chosen."""
    return ft.MergeSemantics(
        content=ft.Semantics(
            label=label,
            selected=selected,
            content=ft.Chip(
                label=ft.Semantics(exclude_semantics=True, content=ft.Text(label, size=15)),
                selected=selected,
                show_checkmark=True,
                on_select=lambda _: on_select(),
            ),
        )
    )


@ft.component
def _SearchField(handlers):
    """The search box, rendered once (memo, stable props) so a re-render never
    overwrites what is being typed (see screens/journal.py)."""

    async def typed(e):
        await handlers.current["typed"](e)

    return ft.TextField(
        label=SEARCH_LABEL,
        prefix_icon=ft.Icons.SEARCH,
        text_size=theme.BODY_SIZE,
        on_change=typed,
        on_submit=lambda e: handlers.current["submitted"](e),
    )


SearchField = ft.memo(_SearchField)


@ft.component
def LibraryScreen():
    library = use_services().library
    page = ft.context.page
    chosen, set_chosen = ft.use_state(None)  # a theme id, None for all
    query, set_query = ft.use_state("")
    handlers = ft.use_ref(dict)
    generation = ft.use_ref(0)

    async def typed(e) -> None:
        generation.current += 1
        mine = generation.current
        text = e.control.value or ""
        await asyncio.sleep(SEARCH_PAUSE)
        if mine == generation.current:
            set_query(text)

    def submitted(e) -> None:
        generation.current += 1
        set_query(e.control.value or "")

    handlers.current.update(typed=typed, submitted=submitted)

    themes = library.themes()
    chosen_theme = next((t for t in themes if t.id == chosen), None)
    cards = library.shelf(chosen, query.strip())

    def open_book(book_id: str) -> None:
        page.navigate(book_route(book_id))

    chips = [theme_chip("All", chosen is None, lambda: set_chosen(None))]
    chips += [theme_chip(t.name, chosen == t.id, lambda t=t: set_chosen(t.id)) for t in themes]

    controls: list[ft.Control] = [
        theme.heading("Library", size=28),
        SearchField(handlers),
        ft.Row(chips, spacing=8, run_spacing=0, wrap=True),
    ]
    if not cards:
        where = f" in {chosen_theme.name}" if chosen_theme else ""
        controls.append(theme.body(
            f"No books match “{query.strip()}”{where}." if query.strip() else f"No books{where} yet.",
            color=ft.Colors.ON_SURFACE_VARIANT))
    for shelf_theme, shelf_cards in shelves(library, cards, chosen_theme):
        controls.append(ft.Container(
            padding=ft.Padding.only(top=8),
            content=ft.Semantics(
                heading_level=2,
                content=ft.Text(shelf_theme.name, size=20, weight=ft.FontWeight.W_600),
            ),
        ))
        controls += [BookCardView(card, card.theme.colour, open_book) for card in shelf_cards]
    return theme.page_list(controls)
