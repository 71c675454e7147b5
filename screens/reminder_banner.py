"""The reminder banner at the top of the tabs, and `use_reminders()` for the screens.

This page's reminders are a `reminders.page.PageReminders` (the per-window
service: banner changes, health check, phone scheduling); this module only
draws the banner it holds and wires its two buttons.
"""

from __future__ import annotations

import flet as ft

from reminders.message import banner_texts
from reminders.page import PageReminders
from screens import theme
from screens.services import use_services
from screens.walkthrough_route import part_route


def use_reminders() -> PageReminders | None:
    """This page's reminders (`Services.reminders`), or None when the app runs without them."""
    return getattr(use_services(), "reminders", None)


# --- the banner ------------------------------------------------------------


@ft.component
def ReminderBanner():
    """The current reminder at the top of the tabs, with Open and Snooze; nothing when none."""
    reminders = use_reminders()
    practice = use_services().practice
    page = ft.context.page
    _version, bump = ft.use_state(0)
    unsubscribe = ft.use_ref(None)

    def subscribe():
        if reminders is None:
            return
        unsubscribe.current = reminders.watch(lambda: bump(lambda v: v + 1))
        bump(lambda v: v + 1)  # catch a banner that came between render and subscribe

    def cleanup():
        if unsubscribe.current is not None:
            unsubscribe.current()
            unsubscribe.current = None

    ft.use_effect(subscribe, [], cleanup=cleanup)

    banner = reminders.current if reminders is not None else None
    if banner is None:
        return ft.Container(visible=False)

    heading, text = banner_texts(banner)

    async def snooze(_):
        await reminders.snooze(banner)

    def open_practice(_):
        reminders.dismiss()
        status = practice.status()
        page.navigate(part_route(status.position))

    return ft.Container(
        key="reminder-banner",
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
        border_radius=16,
        padding=ft.Padding.only(left=16, right=12, top=14, bottom=8),
        margin=ft.Margin.only(left=12, right=12, top=8),
        content=ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.NOTIFICATIONS_ACTIVE_OUTLINED, color=ft.Colors.ON_PRIMARY_CONTAINER),
                        ft.Column(
                            [
                                ft.Text(heading, size=14, weight=ft.FontWeight.W_600,
                                        color=ft.Colors.ON_PRIMARY_CONTAINER),
                                ft.Text(text, size=theme.BODY_SIZE, color=ft.Colors.ON_PRIMARY_CONTAINER),
                            ],
                            spacing=2,
                            expand=True,
                        ),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.START,
                    spacing=12,
                ),
                ft.Row(
                    [
                        ft.TextButton(
                            content="Snooze",
                            on_click=snooze,
                            height=theme.TOUCH_TARGET,
                            style=ft.ButtonStyle(color=ft.Colors.ON_PRIMARY_CONTAINER,
                                                 text_style=ft.TextStyle(size=16)),
                        ),
                        ft.FilledButton(
                            content="Open today's practice",
                            on_click=open_practice,
                            height=theme.TOUCH_TARGET,
                            style=ft.ButtonStyle(text_style=ft.TextStyle(size=16, weight=ft.FontWeight.W_600)),
                        ),
                    ],
                    alignment=ft.MainAxisAlignment.END,
                    wrap=True,
                    spacing=8,
                    run_spacing=4,
                ),
            ],
            spacing=8,
        ),
    )
