"""A book's cover, drawn by the app: its theme's colour, its title and author, no artwork.

Stepwise has no publisher artwork (and wants none), so every book gets the
same simple cover: a rounded rectangle in its theme's colour (content/themes.toml)
with the title and author in a type colour picked for contrast against it.
"""

from __future__ import annotations

import flet as ft

from content import Book


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of a "#RRGGBB" colour, 0 (black) .. 1 (white)."""
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two "#RRGGBB" colours, 1 .. 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ink_for(background: str) -> str:
    """White or near-black type, whichever reads better on `background`."""
    white, black = "#FFFFFF", "#1A1A1A"
    return white if contrast(background, white) >= contrast(background, black) else black


def title_size(title: str, inner_width: float, largest: float) -> float:
    """A type size at which the title's longest word fits the cover's width (never cut mid-word),
    at most `largest` and at least 8 (a bold letter is about 0.62 of its size wide)."""
    longest = max((len(word) for word in title.split()), default=1)
    return max(8.0, min(largest, round(inner_width / (0.62 * longest), 1)))


@ft.component
def BookCover(book: Book, colour: str, width: float = 96, height: float = 136):
    """The drawn cover; screen readers skip it (the title and author are next to it as text)."""
    ink = ink_for(colour)
    small = width < 120
    padding = 10 if small else 16
    return ft.Semantics(
        exclude_semantics=True,
        content=ft.Container(
            width=width,
            height=height,
            bgcolor=colour,
            border_radius=10,
            padding=ft.Padding.all(padding),
            clip_behavior=ft.ClipBehavior.HARD_EDGE,
            content=ft.Column(
                [
                    ft.Container(width=28 if small else 40, height=3, bgcolor=ink, opacity=0.7),
                    ft.Text(book.title, color=ink, weight=ft.FontWeight.W_700,
                            size=title_size(book.title, width - 2 * padding, 13 if small else 20),
                            max_lines=3 if small else 4, overflow=ft.TextOverflow.ELLIPSIS,
                            style=ft.TextStyle(height=1.2)),
                    ft.Container(expand=True),
                    ft.Text(book.author, color=ink, size=10 if small else 14, max_lines=1 if small else 2,
                            overflow=ft.TextOverflow.ELLIPSIS, opacity=0.9),
                ],
                spacing=6,
                tight=False,
            ),
        )
    )

