"""The passcode screen shown before anything else when Stepwise is served with --lan.

Until the right passcode is entered, the session renders only this screen:
no journal, streak or insight is built, so none of it is sent to the browser.
"""

from __future__ import annotations

from typing import Callable

import flet as ft

from screens import theme
from security.guard import LanGuard


@ft.component
def PasscodeGate(guard: LanGuard, on_unlock: Callable[[], None]):
    setting_up, set_setting_up = ft.use_state(guard.needs_setup)
    message, set_message = ft.use_state("")
    busy, set_busy = ft.use_state(False)
    values = ft.use_ref(dict).current

    def remember(name: str):
        def on_change(e):
            values[name] = e.control.value or ""
        return on_change

    def submit(_=None):
        if busy:
            return
        set_busy(True)
        try:
            if setting_up:
                outcome = guard.set_first(values.get("setup", ""), values.get("new", ""),
                                          values.get("confirm", ""))
            elif guard.needs_setup():  # the passcode was removed meanwhile
                set_setting_up(True)
                return
            else:
                outcome = guard.unlock(values.get("passcode", ""))
        finally:
            set_busy(False)
        if outcome.ok:
            values.clear()
            on_unlock()
        else:
            set_message(outcome.message)

    def field(name: str, label: str, autofocus: bool = False, password: bool = True):
        return ft.TextField(
            label=label,
            password=password,
            can_reveal_password=password,
            autofocus=autofocus,
            text_size=theme.BODY_SIZE,
            on_change=remember(name),
            on_submit=submit,
        )

    if setting_up:
        title = "Set a passcode"
        intro = ("Stepwise is open to other devices on your network. Choose a passcode "
                 "that keeps your journal private. You need the setup code shown in the "
                 "terminal where Stepwise runs.")
        fields = [
            field("setup", "Setup code from the terminal", autofocus=True, password=False),
            field("new", "New passcode (at least 6 characters)"),
            field("confirm", "New passcode again"),
        ]
        action = "Set passcode and open"
    else:
        title = "Stepwise is locked"
        intro = "Enter your passcode to open your journal and today's practice."
        fields = [field("passcode", "Passcode", autofocus=True)]
        action = "Unlock"

    controls: list[ft.Control] = [
        ft.Icon(ft.Icons.LOCK_OUTLINE, color=ft.Colors.PRIMARY, size=40),
        theme.heading(title, size=26),
        theme.body(intro, color=ft.Colors.ON_SURFACE_VARIANT),
        *fields,
    ]
    if message:
        controls.append(ft.Text(message, size=16, color=ft.Colors.ERROR,
                                semantics_label=f"Error: {message}"))
    controls.append(theme.primary_button(action, submit, icon=ft.Icons.LOCK_OPEN))

    return [
        ft.View(
            route="/",
            padding=0,
            controls=[ft.SafeArea(content=theme.page_column(controls), expand=True)],
        )
    ]
