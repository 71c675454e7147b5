"""Looking back, on Today: one of the user's past answers, and room for a follow-up thought.

Which answer comes back is decided by journal/looking_back.py (after 1, 3, 7
and 30 days, never twice for the same interval); this card only shows it.
"""

from __future__ import annotations

import asyncio

import flet as ft

from screens import theme
from screens.journal_entry import INPUT_STYLE
from screens.services import use_services


def quote(text: str) -> ft.Control:
    """The past answer, set off by a bar in the accent colour."""
    return ft.Container(
        content=theme.body(text, color=ft.Colors.ON_SURFACE),
        padding=ft.Padding.only(left=14, top=2, bottom=2),
        border=ft.Border.only(left=ft.BorderSide(4, ft.Colors.PRIMARY)),
    )


@ft.component
def LookingBack():
    practice = use_services().practice
    service = practice.journal
    # Picking the answer may read the whole month window of the journal (and,
    # first after start, index it): done off the event loop, so Today shows
    # at once and this card joins it when ready.
    look, set_look = ft.use_state(None)

    async def load() -> None:
        set_look(await asyncio.to_thread(service.looking_back))

    ft.on_mounted(load)
    finished, set_finished = ft.use_state(None)  # the message after saving / closing
    draft = ft.use_ref("")
    error, set_error = ft.use_state(None)

    if finished is not None:
        return ft.Card(
            content=ft.Container(
                padding=20,
                content=ft.Row(
                    [ft.Icon(ft.Icons.CHECK_CIRCLE_OUTLINE, color=ft.Colors.PRIMARY),
                     ft.Container(content=theme.body(finished, color=ft.Colors.ON_SURFACE), expand=True)],
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
            )
        )
    if look is None or look.record.closed:
        return ft.Container(visible=False)

    def change(e):
        draft.current = e.control.value or ""
        if error:
            set_error(None)

    def save(_):
        if not draft.current.strip():
            set_error("Write a thought first, or choose “Nothing to add”.")
            return
        try:
            service.save_follow_up(look, draft.current)
        except ValueError as err:
            set_error(str(err))
            return
        set_finished("Your follow-up thought is saved in the Journal, next to today.")
        set_look(None)

    def close(_):
        service.finish_looking_back(look)
        set_finished("Good. Another of your answers comes back tomorrow.")
        set_look(None)

    entry = look.entry
    context = look.insight_title or "Your journal"
    if entry.question_index is not None:
        context += f" · question {entry.question_index + 1}"
    return ft.Card(
        semantic_container=False,  # each text and control its own node for screen readers
        content=ft.Container(
            padding=20,
            content=ft.Column(
                [
                    ft.Row(
                        [ft.Icon(ft.Icons.HISTORY, color=ft.Colors.PRIMARY),
                         ft.Text("Looking back", size=18, weight=ft.FontWeight.W_600,
                                 color=ft.Colors.ON_SURFACE)],
                        spacing=8,
                    ),
                    theme.caption(f"You wrote this {look.ago}. {context}"),
                    ft.Text(entry.question, size=16, weight=ft.FontWeight.W_500,
                            style=ft.TextStyle(height=1.4), color=ft.Colors.ON_SURFACE),
                    quote(entry.text),
                    ft.TextField(
                        label="A follow-up thought",
                        value=draft.current,
                        hint_text="What do you see differently now?",
                        multiline=True,
                        min_lines=2,
                        max_lines=8,
                        text_size=theme.BODY_SIZE, text_style=INPUT_STYLE,
                        on_change=change,
                        error=error,
                    ),
                    ft.Row(
                        [ft.Container(content=theme.secondary_button("Nothing to add", close), expand=True),
                         ft.Container(content=theme.primary_button("Save thought", save), expand=True)],
                        spacing=8,
                    ),
                ],
                spacing=12,
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            ),
        )
    )
