"""Stepwise's look: calm, book-like reading, one accent colour, Material 3."""

from __future__ import annotations

import flet as ft

ACCENT = "#2F6B5F"  # a deep green-teal: the one accent colour
BODY_SIZE = 17
BODY_LINE_HEIGHT = 1.55
TOUCH_TARGET = 48
# Buttons grow with their text (a fixed height clips large text); this padding
# around a 16 px label makes them at least 48 px tall at the default size.
BUTTON_PADDING = 15

# Text size, a factor on every text in the app. On the web Flutter scales text
# by the page's root font size (also what the browser's own font size setting
# changes); assets/index.html sets that from this key in shared preferences.
# A packaged phone app follows the phone's own text size instead.
TEXT_SCALE_PREF = "stepwise.text_scale"


def _theme() -> ft.Theme:
    return ft.Theme(
        color_scheme_seed=ACCENT,
        use_material3=True,
        # Flutter picks compact density in a desktop browser (32 px buttons);
        # standard density keeps touch targets at 48 px everywhere.
        visual_density=ft.VisualDensity.STANDARD,
        # The colour is named here because a text theme given without one
        # keeps the light theme's black text in dark mode.
        text_theme=ft.TextTheme(
            body_large=ft.TextStyle(size=BODY_SIZE, height=BODY_LINE_HEIGHT,
                                    color=ft.Colors.ON_SURFACE),
            body_medium=ft.TextStyle(size=BODY_SIZE - 1, height=BODY_LINE_HEIGHT,
                                     color=ft.Colors.ON_SURFACE),
        ),
    )


def apply(page: ft.Page, mode: str = "system") -> None:
    """Set light and dark themes; `mode` is "system", "light" or "dark"."""
    page.theme = _theme()
    page.dark_theme = _theme()
    page.theme_mode = {
        "light": ft.ThemeMode.LIGHT,
        "dark": ft.ThemeMode.DARK,
    }.get(mode, ft.ThemeMode.SYSTEM)


def apply_text_scale(page: ft.Page, scale: float) -> None:
    """Hand the text scale to this browser tab (no-op outside the web)."""
    if not page.web:
        return
    prefs = getattr(page, "_stepwise_prefs", None)
    if prefs is None:
        prefs = ft.SharedPreferences()  # registers with the current page, once
        page._stepwise_prefs = prefs

    async def send() -> None:
        try:
            await prefs.set(TEXT_SCALE_PREF, float(scale))
        except Exception:  # noqa: BLE001 - a tab that closed meanwhile; the next visit applies it
            pass

    page.run_task(send)


def body(text: str, **kwargs) -> ft.Text:
    """Reading text: around 17 px with generous line height."""
    return ft.Text(
        text,
        size=BODY_SIZE,
        style=ft.TextStyle(height=BODY_LINE_HEIGHT),
        selectable=False,
        **kwargs,
    )


def heading(text: str, size: int = 24, **kwargs) -> ft.Text:
    return ft.Text(text, size=size, weight=ft.FontWeight.W_600, **kwargs)


def caption(text: str, **kwargs) -> ft.Text:
    return ft.Text(text, size=14, color=ft.Colors.ON_SURFACE_VARIANT, **kwargs)


def primary_button(label: str, on_click, icon=None, key=None) -> ft.FilledButton:
    return ft.FilledButton(
        content=label,
        icon=icon,
        on_click=on_click,
        key=key,
        style=ft.ButtonStyle(
            padding=ft.Padding.symmetric(horizontal=20, vertical=BUTTON_PADDING),
            text_style=ft.TextStyle(size=16, weight=ft.FontWeight.W_600),
        ),
    )


def secondary_button(label: str, on_click, icon=None, key=None) -> ft.OutlinedButton:
    return ft.OutlinedButton(
        content=label,
        icon=icon,
        on_click=on_click,
        key=key,
        style=ft.ButtonStyle(
            padding=ft.Padding.symmetric(horizontal=20, vertical=BUTTON_PADDING),
            text_style=ft.TextStyle(size=16),
        ),
    )


def icon_button(icon, label: str, on_click, **kwargs) -> ft.Control:
    """An icon button with an accessible name (a tooltip alone gives none on the web)."""
    return ft.MergeSemantics(
        content=ft.Semantics(
            label=label,
            button=True,
            content=ft.IconButton(icon, on_click=on_click,
                                  width=TOUCH_TARGET, height=TOUCH_TARGET, **kwargs),
        )
    )


def page_column(controls: list[ft.Control], scroll: bool = True) -> ft.Control:
    """A centred, readable column that scrolls on a small phone."""
    return ft.Container(
        content=ft.Column(
            controls,
            spacing=16,
            scroll=ft.ScrollMode.AUTO if scroll else None,
            expand=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ),
        padding=ft.Padding.symmetric(horizontal=20, vertical=16),
        expand=True,
        alignment=ft.Alignment.TOP_CENTER,
    )


def page_list(controls: list[ft.Control]) -> ft.Control:
    """Like page_column, for a long screen: Flutter lays out and paints only the
    sections on or near the screen, the rest as they are scrolled to."""
    return ft.ListView(
        controls,
        spacing=16,
        padding=ft.Padding.symmetric(horizontal=20, vertical=16),
        expand=True,
    )


def section_title(text: str) -> ft.Text:
    return ft.Text(text, size=18, weight=ft.FontWeight.W_600)


def tap_area(label: str, on_click, content: ft.Control, **container) -> ft.Control:
    """A tappable area (a card) with one accessible name, `label`, instead of its texts one by one.

    The texts inside are hidden from screen readers and the label merged with
    the area's own tap action, so a screen reader's double tap opens it (a
    label on a Semantics with on_tap alone is not activated on the web).
    """
    return ft.MergeSemantics(
        content=ft.Semantics(
            label=label,
            button=True,
            content=ft.Container(
                on_click=on_click,
                ink=True,
                content=ft.Semantics(exclude_semantics=True, content=content),
                **container,
            ),
        )
    )


def confirm(page: ft.Page, title: str, text: str, action: str, on_confirm) -> None:
    """Ask before something that cannot be taken back: Cancel, or `action` (then `on_confirm()`)."""
    def confirmed(_) -> None:
        page.pop_dialog()
        on_confirm()

    page.show_dialog(ft.AlertDialog(
        modal=True,
        title=ft.Text(title, color=ft.Colors.ON_SURFACE),
        content=ft.Text(text, size=16, style=ft.TextStyle(height=1.45), color=ft.Colors.ON_SURFACE_VARIANT),
        actions=[
            ft.TextButton("Cancel", on_click=lambda _: page.pop_dialog()),
            ft.FilledButton(action, on_click=confirmed),
        ],
    ))


def pick_file_button(label: str, icon, picker, dialog_title: str, extension: str) -> ft.Control:
    """A full-size button that opens the file picker for one kind of file (its bytes are sent)."""
    return ft.Row([
        ft.OutlinedButton(
            label,
            icon=icon,
            height=TOUCH_TARGET,
            style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=20, vertical=12),
                                 text_style=ft.TextStyle(size=16)),
            action=ft.PickFiles(picker, dialog_title=dialog_title, file_type=ft.FilePickerFileType.CUSTOM,
                                allowed_extensions=[extension], with_data=True),
        ),
    ])
