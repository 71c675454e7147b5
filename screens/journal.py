"""Journal: the user's answers and notes by day, newest first; search, edit, delete, new note.

Entries arrive a page at a time (the store pages with a cursor and search
streams month files), more are loaded when the list is scrolled near its end
or "Show older entries" is pressed, so ten years of writing open as fast as one.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from itertools import groupby

import flet as ft

from journal.export import day_label
from journal.search import SearchQuery
from journal.service import PAGE_SIZE, Page, entry_order
from screens import theme
from screens.journal_entry import INPUT_STYLE
from screens.journal_entry import EntryCard
from screens.services import use_services

SEARCH_PAUSE = 0.4  # seconds of no typing before searching
LOAD_AHEAD = 900  # px from the end of the list at which the next page loads
ALL = "all"
NOTES = "notes"


def day_heading(day) -> str:
    return day_label(day)


def filter_query(text: str, insight_choice: str, question_choice: str) -> SearchQuery:
    """The search the text field and the two filters describe."""
    insight_id = None if insight_choice in (ALL, NOTES) else insight_choice
    question = int(question_choice) if insight_id and question_choice not in ("", ALL) else None
    return SearchQuery(text=text, insight_id=insight_id, question_index=question,
                       notes_only=insight_choice == NOTES)


def option_text(options: list[ft.DropdownOption], key: str) -> str:
    return next((o.text for o in options if o.key == key), "")


@ft.component
def _SearchField(handlers):
    """The search box. Rendered once (memo, stable props): re-rendering a text field with a
    value the server has not caught up with yet would overwrite what is being typed."""

    async def typed(e):
        await handlers.current["typed"](e)

    return ft.TextField(
        label="Search your journal",
        prefix_icon=ft.Icons.SEARCH,
        text_size=theme.BODY_SIZE, text_style=INPUT_STYLE,
        on_change=typed,
        on_submit=lambda e: handlers.current["submitted"](e),
        suffix=ft.TextButton("Clear", on_click=lambda e: handlers.current["clear"](e)),
    )


SearchField = ft.memo(_SearchField)


@ft.component
def NoteComposer(on_save, on_cancel):
    """A new free note: one field, Save and Cancel."""
    draft = ft.use_ref("")
    error, set_error = ft.use_state(None)

    def change(e):
        draft.current = e.control.value or ""

    def save(_):
        if not draft.current.strip():
            set_error("Write something first, or cancel.")
            return
        try:
            on_save(draft.current)
        except ValueError as err:
            set_error(str(err))

    return ft.Card(
        semantic_container=False,
        content=ft.Container(
            padding=16,
            content=ft.Column(
                [
                    theme.caption("A note for today, not tied to a question"),
                    ft.TextField(label="Your note", value=draft.current, multiline=True,
                                 min_lines=3, max_lines=12,
                                 text_size=theme.BODY_SIZE, text_style=INPUT_STYLE, autofocus=True, on_change=change,
                                 error=error),
                    ft.Row(
                        [theme.secondary_button("Cancel", lambda _: on_cancel()),
                         theme.primary_button("Save note", save, icon=ft.Icons.CHECK)],
                        alignment=ft.MainAxisAlignment.END,
                        wrap=True,
                    ),
                ],
                spacing=12,
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            ),
        )
    )


def filter_dropdown(label: str, options: list[ft.DropdownOption], value: str, on_select) -> ft.Control:
    """A filter a screen reader can name: on the web a Dropdown's drawn label is not
    announced, so Semantics names it, with the current choice."""
    return ft.Semantics(
        label=f"{label} filter: {option_text(options, value)}",
        content=ft.Dropdown(
            label=label,
            value=value,
            options=options,
            on_select=on_select,
            expand=True,
            text_size=16,
        ),
    )


@ft.component
def Journal():
    practice = use_services().practice
    service = practice.journal
    page = ft.context.page

    listing, set_listing = ft.use_state(lambda: service.page(limit=PAGE_SIZE))
    query, set_query = ft.use_state(SearchQuery())
    insight_choice, set_insight_choice = ft.use_state(ALL)
    question_choice, set_question_choice = ft.use_state(ALL)
    editing, set_editing = ft.use_state(None)
    composing, set_composing = ft.use_state(False)
    text = ft.use_ref("")  # what is typed in the search field
    field_version, set_field_version = ft.use_state(0)  # a new search field after "Clear"
    handlers = ft.use_ref(dict)  # the search field's callbacks, always the latest
    generation = ft.use_ref(0)  # bumps with every new search; stale results are dropped
    requested = ft.use_ref(None)  # the cursor of the page being loaded

    # -- loading -----------------------------------------------------------------------

    def run(new_query: SearchQuery) -> None:
        generation.current += 1
        requested.current = None
        set_query(new_query)
        set_listing(service.search(new_query, limit=PAGE_SIZE))
        set_editing(None)

    def load_more(_=None) -> None:
        cursor = listing.cursor
        if cursor is None or requested.current == cursor:
            return
        requested.current = cursor
        mine = generation.current
        more = service.search(query, limit=PAGE_SIZE, cursor=cursor)
        if mine != generation.current:
            return
        set_listing(lambda current: Page(current.entries + more.entries, more.cursor, current.terms)
                    if current.cursor == cursor else current)

    def on_scroll(e: ft.OnScrollEvent) -> None:
        if listing.cursor is not None and e.pixels >= e.max_scroll_extent - LOAD_AHEAD:
            load_more()

    async def typed(e) -> None:
        text.current = e.control.value or ""
        generation.current += 1
        mine = generation.current
        await asyncio.sleep(SEARCH_PAUSE)
        if mine != generation.current:
            return  # the user kept typing
        new_query = filter_query(text.current, insight_choice, question_choice)
        result = await asyncio.to_thread(service.search, new_query, PAGE_SIZE)
        if mine != generation.current:
            return
        requested.current = None
        set_query(new_query)
        set_listing(result)

    def submitted(_=None) -> None:
        run(filter_query(text.current, insight_choice, question_choice))

    def clear(_=None) -> None:
        text.current = ""
        set_field_version(lambda v: v + 1)
        set_insight_choice(ALL)
        set_question_choice(ALL)
        run(SearchQuery())

    def choose_insight(e) -> None:
        value = e.control.value or ALL
        set_insight_choice(value)
        set_question_choice(ALL)
        run(filter_query(text.current, value, ALL))

    def choose_question(e) -> None:
        value = e.control.value or ALL
        set_question_choice(value)
        run(filter_query(text.current, insight_choice, value))

    # -- changing ----------------------------------------------------------------------

    def save_edit(entry, new_text: str) -> None:
        try:
            updated = service.edit(entry.id, new_text)
        except KeyError:  # deleted meanwhile, e.g. in another tab
            set_editing(None)
            set_listing(lambda current: replace(
                current, entries=[e for e in current.entries if e.id != entry.id]))
            page.show_dialog(ft.SnackBar(content=ft.Text("That entry was deleted meanwhile.")))
            return
        set_listing(lambda current: replace(
            current, entries=[updated if e.id == entry.id else e for e in current.entries]))
        set_editing(None)

    def delete(entry) -> None:
        removed = service.delete(entry.id)
        set_editing(None)
        set_listing(lambda current: replace(
            current, entries=[e for e in current.entries if e.id != entry.id]))
        if removed is None:
            return

        def undo(_=None) -> None:
            restored = service.undo_delete(removed)
            set_listing(lambda current: replace(current, entries=sorted(
                [e for e in current.entries if e.id != restored.id] + [restored],
                key=entry_order, reverse=True)))

        page.show_dialog(ft.SnackBar(
            content=ft.Text("Entry deleted"),
            action=ft.SnackBarAction(label="Undo", on_click=undo),
            duration=ft.Duration(seconds=8),
            behavior=ft.SnackBarBehavior.FLOATING,
        ))

    def save_note(note_text: str) -> None:
        service.add_note(note_text)
        set_composing(False)
        if query.is_empty:
            run(query)
        else:
            clear()

    handlers.current.update(typed=typed, submitted=submitted, clear=clear)

    # -- the screen --------------------------------------------------------------------

    searching = not query.is_empty
    insight_options = [ft.DropdownOption(key=ALL, text="All entries"),
                       ft.DropdownOption(key=NOTES, text="Free notes")]
    insight_options += [ft.DropdownOption(key=i, text=t) for i, t in service.insight_choices()]
    controls: list[ft.Control] = [
        # Wraps instead of squeezing: with large text the button moves below
        # the heading rather than breaking "Journal" in the middle.
        ft.Row(
            [
                theme.heading("Journal", size=28, color=ft.Colors.ON_SURFACE),
                ft.FilledTonalButton(
                    content="New note", icon=ft.Icons.EDIT_NOTE, height=theme.TOUCH_TARGET,
                    on_click=lambda _: (set_composing(True), set_editing(None)),
                    disabled=composing,
                ),
            ],
            wrap=True,
            spacing=12,
            run_spacing=8,
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        SearchField(handlers, key=f"search-{field_version}"),
        filter_dropdown("Insight", insight_options, insight_choice, choose_insight),
    ]
    questions = service.question_choices(query.insight_id) if query.insight_id else []
    if questions:
        question_options = [ft.DropdownOption(key=ALL, text="All questions")]
        question_options += [ft.DropdownOption(key=str(i), text=f"{i + 1}. {q}") for i, q in questions]
        controls.append(filter_dropdown("Question", question_options, question_choice, choose_question))
    if composing:
        controls.append(NoteComposer(save_note, lambda: set_composing(False)))

    entries = listing.entries
    if searching:
        words = " ".join(query.terms)
        found = f"{len(entries)}{'+' if listing.cursor else ''}"
        controls.append(theme.caption(
            f"{found} {'match' if found == '1' else 'matches'}" + (f" for “{query.text.strip()}”" if words else "")
            if entries else "No entry matches. Try fewer or shorter words, or another filter."))
    elif not entries:
        controls.append(theme.body("Your reflections will appear here once you answer today's "
                                   "questions, or write a note.", color=ft.Colors.ON_SURFACE_VARIANT))

    links = service.follow_ups_for(entries)
    for day, day_entries in groupby(entries, key=lambda entry: entry.day):
        controls.append(ft.Text(day_heading(day), size=14, weight=ft.FontWeight.W_600,
                                color=ft.Colors.PRIMARY))
        for entry in day_entries:
            controls.append(EntryCard(
                entry,
                title=service.insight_title(entry.insight_id),
                link=links.get(entry.id),
                terms=listing.terms,
                editing=editing == entry.id,
                on_edit=lambda e: (set_editing(e.id), set_composing(False)),
                on_save=save_edit,
                on_cancel=lambda: set_editing(None),
                on_delete=delete,
                key=entry.id,
            ))
    if listing.cursor is not None:
        controls.append(theme.secondary_button(
            "Show more matches" if searching else "Show older entries", load_more))

    return ft.Container(
        content=ft.Column(
            controls,
            spacing=16,
            scroll=ft.ScrollMode.AUTO,
            expand=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            on_scroll=on_scroll,
            scroll_interval=150,
        ),
        padding=ft.Padding.symmetric(horizontal=20, vertical=16),
        expand=True,
        alignment=ft.Alignment.TOP_CENTER,
    )
