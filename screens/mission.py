"""The user's own "why": written on the first action step, standing on Today.

A mission is one or two sentences. Revising it keeps every earlier version
(storage/mission.py); Today can show them, newest first, with the day each
was written.
"""

from __future__ import annotations

import flet as ft

from screens import theme
from screens.services import use_services

FIELD_LABEL = "Your mission in one or two sentences"
MAX_CHARS = 300


def written_on(version) -> str:
    return f"{version.day.day} {version.day:%B %Y}"


def mission_field(value: str, on_change, on_blur=None, error=None, autofocus=False) -> ft.TextField:
    return ft.TextField(
        label=FIELD_LABEL,
        hint_text="What is your product for, and whose problem does it solve?",
        value=value,
        multiline=True,
        min_lines=2,
        max_lines=5,
        max_length=MAX_CHARS,
        text_size=17,
        error=error,
        autofocus=autofocus,
        on_change=on_change,
        on_blur=on_blur,
    )


@ft.component
def MissionField(insight_id: str | None = None):
    """Walk-through, step 1: write (or revise) the mission; saved on leaving the field or the page."""
    service = use_services().practice.mission_and_outcomes
    current = ft.use_ref(lambda: service.mission()).current
    draft = ft.use_ref(lambda: current.text if current else "")
    saved_text, set_saved_text = ft.use_state(current.text if current else "")

    def save_draft() -> None:
        text = (draft.current or "").strip()
        if text and text != saved_text.strip():
            version = service.save_mission(text, insight_id=insight_id)
            set_saved_text(version.text)

    def on_change(e) -> None:
        draft.current = e.control.value or ""

    ft.on_unmounted(save_draft)
    note = ("Saved as your mission on Today." if saved_text
            else "Once written, it stands at the top of Today.")
    # Own semantics nodes: inside the step's card, texts would otherwise be merged
    # into the field's spoken name. The note is a live region, so "Saved" is announced.
    return ft.Semantics(
        container=True,
        content=ft.Column(
            [
                mission_field(draft.current, on_change, on_blur=lambda _: save_draft()),
                ft.Row(
                    [
                        ft.Semantics(container=True, live_region=True, expand=True,
                                     content=theme.caption(note)),
                        ft.TextButton("Save mission", icon=ft.Icons.SAVE_OUTLINED, height=theme.TOUCH_TARGET,
                                      on_click=lambda _: save_draft()),
                    ],
                ),
            ],
            spacing=4,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ),
    )


@ft.component
def MissionEditor(initial: str, on_done, insight_id: str | None = None, can_cancel: bool = True):
    service = use_services().practice.mission_and_outcomes
    text = ft.use_ref(initial)  # a ref: a click right after typing must see the last keystroke
    error, set_error = ft.use_state(None)

    def typed(e) -> None:
        text.current = e.control.value or ""
        if error:
            set_error(None)

    def save(_):
        if not (text.current or "").strip():
            set_error("Write a sentence or two first.")
            return
        try:
            service.save_mission(text.current, insight_id=insight_id)
        except ValueError as err:
            set_error(str(err))
            return
        on_done()

    buttons = [theme.primary_button("Save mission", save, icon=ft.Icons.SAVE_OUTLINED)]
    if can_cancel:
        buttons.insert(0, ft.TextButton("Cancel", height=theme.TOUCH_TARGET, on_click=lambda _: on_done()))
    return ft.Column(
        [
            mission_field(text.current, typed, error=error, autofocus=can_cancel),
            ft.Row(buttons, alignment=ft.MainAxisAlignment.END, wrap=True),
        ],
        spacing=8,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


@ft.component
def NorthStar(insight_id: str | None = None):
    """Today: the current mission, a Revise button, and the earlier versions on request."""
    service = use_services().practice.mission_and_outcomes
    editing, set_editing = ft.use_state(False)
    show_history, set_show_history = ft.use_state(False)
    _tick, set_tick = ft.use_state(0)
    versions = service.mission_versions()
    current = versions[0] if versions else None

    def done() -> None:
        set_editing(False)
        set_tick(_tick + 1)

    title = ft.Row(
        [ft.Icon(ft.Icons.STAR_ROUNDED, color=ft.Colors.PRIMARY, size=20),
         ft.Text("Your mission", size=14, weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY)],
        spacing=6,
    )
    if current is None and not editing:
        # A prompt, not a whole editor: Today stays light for a new user, and the
        # walk-through's first step asks for the mission anyway.
        body = [
            theme.body("Why are you doing this? Write your mission in one or two sentences, "
                       "and it will stand here each day.", color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Row([ft.TextButton("Write your mission", icon=ft.Icons.EDIT_OUTLINED, height=theme.TOUCH_TARGET,
                                  on_click=lambda _: set_editing(True))]),
        ]
    elif editing:
        body = [MissionEditor(current.text if current else "", done, insight_id=insight_id)]
    else:
        earlier = versions[1:]
        body = [
            ft.Text(current.text, size=19, weight=ft.FontWeight.W_500, italic=True,
                    style=ft.TextStyle(height=1.45)),
            ft.Row(
                [
                    theme.caption(f"Written {written_on(current)}", expand=True),
                    ft.TextButton("Revise", icon=ft.Icons.EDIT_OUTLINED, height=theme.TOUCH_TARGET,
                                  tooltip="Revise your mission", on_click=lambda _: set_editing(True)),
                ],
            ),
        ]
        if earlier:
            label = "Hide earlier versions" if show_history else f"Earlier versions ({len(earlier)})"
            body.append(ft.TextButton(label, height=theme.TOUCH_TARGET,
                                      icon=ft.Icons.EXPAND_LESS if show_history else ft.Icons.HISTORY,
                                      on_click=lambda _: set_show_history(not show_history)))
            if show_history:
                body += [
                    ft.Container(
                        content=ft.Column([theme.caption(f"Version {v.number}, {written_on(v)}"),
                                           theme.body(v.text, color=ft.Colors.ON_SURFACE_VARIANT)],
                                          spacing=2),
                        padding=ft.Padding.only(left=12),
                        border=ft.Border.only(left=ft.BorderSide(3, ft.Colors.OUTLINE_VARIANT)),
                    )
                    for v in earlier
                ]
    return ft.Card(
        semantic_container=False,
        content=ft.Container(
            padding=16,
            content=ft.Column([title, *body], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        ),
    )
