"""One journal entry as a card: insight, question, answer (matches highlighted), edit and delete."""

from __future__ import annotations

import flet as ft

from journal.export import short_day
from journal.search import highlight
from screens import theme

#: Typed text in a colour role: the app's text theme sets sizes only, which leaves typed
#: text black in dark mode.
INPUT_STYLE = ft.TextStyle(color=ft.Colors.ON_SURFACE)

HIGHLIGHT = ft.TextStyle(
    bgcolor=ft.Colors.PRIMARY_CONTAINER,
    color=ft.Colors.ON_PRIMARY_CONTAINER,
    weight=ft.FontWeight.W_700,
)


def highlighted(text: str, terms, size: float = theme.BODY_SIZE,
                weight: ft.FontWeight | None = None, height: float = theme.BODY_LINE_HEIGHT) -> ft.Text:
    """Text with every match of ``terms`` marked (spans); plain Text when nothing matches."""
    runs = highlight(text, terms) if terms else []
    style = ft.TextStyle(height=height)
    # An explicit colour role: the app's text theme sets sizes only, which leaves plain
    # text black in dark mode.
    if not any(hit for _, hit in runs):
        return ft.Text(text, size=size, weight=weight, style=style, color=ft.Colors.ON_SURFACE)
    return ft.Text(
        spans=[ft.TextSpan(piece, style=HIGHLIGHT if hit else None) for piece, hit in runs],
        size=size,
        weight=weight,
        style=style,
        color=ft.Colors.ON_SURFACE,
        semantics_label=text,
    )


def written_caption(entry) -> str:
    text = f"Written {entry.created_at:%H:%M}"
    if entry.updated_at != entry.created_at:
        edited = entry.updated_at
        same_day = edited.date() == entry.created_at.date()
        text += f" · edited {edited:%H:%M}" if same_day else \
            f" · edited {short_day(edited.date())}, {edited:%H:%M}"
    return text


def kind_caption(entry, title: str | None, link) -> str:
    if entry.question_index is not None:
        return f"{title or 'An insight'} · question {entry.question_index + 1}"
    if link is not None:
        return f"Follow-up · looking back at {short_day(link.original_day)}"
    return f"Note on {title}" if title else "Note"


@ft.component
def EntryEditor(entry, on_save, on_cancel):
    """The entry's text in a field, with Save and Cancel."""
    draft = ft.use_ref(lambda: entry.text)
    error, set_error = ft.use_state(None)

    def change(e):
        draft.current = e.control.value or ""

    def save(_):
        try:
            on_save(draft.current)
        except ValueError as err:  # AnswerTooLong is a ValueError
            set_error(str(err))

    label = "Edit your answer" if entry.question_index is not None else "Edit your note"
    return ft.Column(
        [
            ft.TextField(
                label=label,
                value=draft.current,
                multiline=True,
                min_lines=3,
                max_lines=12,
                text_size=theme.BODY_SIZE, text_style=INPUT_STYLE,
                autofocus=True,
                on_change=change,
                error=error,
            ),
            ft.Row(
                [
                    theme.secondary_button("Cancel", lambda _: on_cancel()),
                    theme.primary_button("Save changes", save, icon=ft.Icons.CHECK),
                ],
                alignment=ft.MainAxisAlignment.END,
                wrap=True,
            ),
        ],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


@ft.component
def EntryCard(entry, title: str | None, link, terms: tuple[str, ...], editing: bool,
              on_edit, on_save, on_cancel, on_delete):
    body: list[ft.Control] = [theme.caption(kind_caption(entry, title, link))]
    if entry.question:
        body.append(highlighted(entry.question, terms, size=16, weight=ft.FontWeight.W_500,
                                height=1.4))
    if editing:
        body.append(EntryEditor(entry, lambda text: on_save(entry, text), on_cancel))
    else:
        if entry.text.strip():
            body.append(highlighted(entry.text, terms))
        else:
            body.append(theme.body("(no words written)", color=ft.Colors.ON_SURFACE_VARIANT, italic=True))
        body.append(ft.Row(
            [
                ft.Container(content=theme.caption(written_caption(entry)), expand=True),
                ft.TextButton("Edit", icon=ft.Icons.EDIT_OUTLINED, height=theme.TOUCH_TARGET,
                              on_click=lambda _: on_edit(entry)),
                ft.TextButton("Delete", icon=ft.Icons.DELETE_OUTLINE, height=theme.TOUCH_TARGET,
                              on_click=lambda _: on_delete(entry)),
            ],
            spacing=0,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ))
    return ft.Card(
        # Each text and button is its own node for screen readers (a Card merges them by default).
        semantic_container=False,
        content=ft.Container(
            padding=ft.Padding.only(left=16, right=8, top=16, bottom=8),
            content=ft.Column(body, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        ),
    )
