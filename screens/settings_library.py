"""Settings, library: the pace, the welcome again, books you add from a file.

*Add a book from a file* picks a .zip of a book folder (content/README.md)
with the PickFiles client action and ``with_data=True`` (as Settings → Your
data imports a journal: the browser reads the file and sends its bytes), and
the Library service adds it (`Library.add_book_file`, with `python main.py
content add`'s own messages, word for word); the shelves have it at once. A
refused pack changes nothing. *Remove* (`Library.remove_book`, `content
remove`'s words): the book's practice history and journal entries stay.
"""

from __future__ import annotations

import asyncio
from typing import Callable

import flet as ft

from content.command import Report
from library.path import PACE_LABELS, PACES
from screens import theme
from screens.services import use_services
from screens.settings_data import Notice

PACE_NAME = "How you go through a book"
PACK_HELP = ("A book made for Stepwise, as a .zip holding one book folder. It is checked "
             "completely first: if anything is wrong, nothing is changed.")


@ft.component
def PaceChoice(on_chosen: Callable[[], None] | None = None):
    """How you go through a book (library.path.PACES), in Settings and on the finish screen."""
    library = use_services().library
    pace, set_pace = ft.use_state(lambda: library.pace())

    def choose(e) -> None:
        value = e.control.value
        if value in PACES:
            library.set_pace(value)
            set_pace(value)
            if on_chosen is not None:
                on_chosen()

    return ft.Semantics(
        label=PACE_NAME,
        container=True,
        content=ft.RadioGroup(
            value=pace,
            on_change=choose,
            content=ft.Column([
                ft.Radio(value=value, label=PACE_LABELS[value],
                         label_style=ft.TextStyle(size=16, color=ft.Colors.ON_SURFACE))
                for value in PACES
            ], spacing=0),
        ),
    )


@ft.component
def LibrarySettings():
    services = use_services()
    library = services.library
    page = ft.context.page
    notice, set_notice = ft.use_state(None)  # ("ok" | "error", text)
    books, set_books = ft.use_state(lambda: library.added_books())
    busy, set_busy = ft.use_state(False)
    on_picked = ft.use_ref(None)  # the latest handler, so the picker never calls a stale one
    picker = ft.use_ref(lambda: ft.FilePicker(on_result=lambda e: on_picked.current(e))).current

    def welcome_again(_) -> None:
        library.restart_first_run()
        page.navigate("/welcome")

    def show(report: Report) -> None:
        set_notice(("ok" if report.ok else "error", "\n".join(report.lines)))

    async def picked(e) -> None:
        files = e.files or []
        if not files:
            return  # cancelled
        chosen = files[0]
        if chosen.bytes is None:
            set_notice(("error", f"{chosen.name} could not be read. Nothing was changed."))
            return
        set_busy(True)
        try:
            report = await asyncio.to_thread(library.add_book_file, chosen.name, chosen.bytes)
        finally:
            set_busy(False)
        show(report)
        set_books(services.library.added_books())  # the reloaded shelf's

    on_picked.current = lambda e: page.run_task(picked, e)

    def remove(book) -> None:
        def confirmed() -> None:
            show(library.remove_book(book.id))
            set_books(services.library.added_books())

        theme.confirm(page, f"Remove {book.title}?",
                      "The book leaves your library. What you practised and wrote in your journal "
                      "for it stays.", "Remove", confirmed)

    rows: list[ft.Control] = []
    for book in books:
        rows.append(ft.Row(
            [
                ft.Column(
                    [
                        ft.Text(book.title, size=16, weight=ft.FontWeight.W_600, color=ft.Colors.ON_SURFACE),
                        theme.caption(f"{book.author} · {book.insights} insights"),
                    ],
                    spacing=2,
                    expand=True,
                ),
                # Named with the book: a list of "Remove" buttons alone says nothing to a screen reader.
                ft.MergeSemantics(content=ft.Semantics(
                    label=f"Remove {book.title}",
                    button=True,
                    content=ft.OutlinedButton(
                        "Remove",
                        on_click=lambda _, b=book: remove(b),
                        height=theme.TOUCH_TARGET,
                    ),
                )),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
            key=book.id,
        ))
    if not rows:
        rows.append(theme.caption("No books added yet."))

    return ft.Column(
        [
            theme.section_title("Library"),
            ft.Text("Pace", size=16, weight=ft.FontWeight.W_600, color=ft.Colors.ON_SURFACE),
            PaceChoice(),
            theme.secondary_button("Show the welcome again", welcome_again, icon=ft.Icons.WAVING_HAND_OUTLINED),
            ft.Text("Books you added", size=16, weight=ft.FontWeight.W_600, color=ft.Colors.ON_SURFACE),
            theme.body(PACK_HELP, color=ft.Colors.ON_SURFACE_VARIANT),
            theme.pick_file_button("Add a book from a file", ft.Icons.LIBRARY_ADD_OUTLINED, picker,
                                   "Choose a book (.zip)", "zip"),
            *([ft.ProgressRing(width=24, height=24)] if busy else []),
            *([Notice(*notice)] if notice else []),
            *rows,
        ],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
