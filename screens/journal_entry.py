"""One journal entry as a card: insight, question, answer (matches highlighted), edit and delete."""

from __future__ import annotations

import flet as ft

from journal.export import short_day
from journal.search import highlight
from screens import theme

HIGHLIGHT = ft.TextStyle(
    bgcolor=ft.Colors.PRIMARY_CONTAINER,
    color=ft.Colors.ON_PRIMARY_CONTAINER,
    weight=ft.FontWeight.W_700,
)


def snippet(text: str, length: int = 40) -> str:
    """The first words of an entry, on one line, for button labels."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def highlighted(text: str, terms, size: float = theme.BODY_SIZE,
                weight: ft.FontWeight | None = None, height: float = theme.BODY_LINE_HEIGHT) -> ft.Text:
    """Text with every match of ``terms`` marked (spans); plain Text when nothing matches."""
    runs = highlight(text, terms) if terms else []
    style = ft.TextStyle(height=height)
    if not any(hit for _, hit in runs):
        return ft.Text(text, size=size, weight=weight, style=style)
    return ft.Text(
        spans=[ft.TextSpan(piece, style=HIGHLIGHT if hit else None) for piece, hit in runs],
        size=size,
        weight=weight,
        style=style,
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
                text_size=theme.BODY_SIZE,
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
    short = snippet(entry.text) or "empty entry"
    header = ft.Row(
        [
            ft.Container(content=theme.caption(kind_caption(entry, title, link)), expand=True),
            ft.IconButton(
                ft.Icons.EDIT_OUTLINED,
                tooltip=f"Edit entry: {short}",
                on_click=lambda _: on_edit(entry),
                disabled=editing,
            ),
            ft.IconButton(
                ft.Icons.DELETE_OUTLINE,
                tooltip=f"Delete entry: {short}",
                on_click=lambda _: on_delete(entry),
            ),
        ],
        spacing=0,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    body: list[ft.Control] = [header]
    if entry.question:
        body.append(highlighted(entry.question, terms, size=16, weight=ft.FontWeight.W_500,
                                height=1.4))
    if editing:
        body.append(EntryEditor(entry, on_save, on_cancel))
    else:
        if entry.text.strip():
            body.append(highlighted(entry.text, terms))
        else:
            body.append(theme.body("(no words written)", color=ft.Colors.ON_SURFACE_VARIANT, italic=True))
        body.append(theme.caption(written_caption(entry)))
    return ft.Card(
        content=ft.Container(
            padding=ft.Padding.only(left=16, right=12, top=4, bottom=16),
            content=ft.Column(body, spacing=6, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        ),
    )
