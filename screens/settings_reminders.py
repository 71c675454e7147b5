"""Settings, reminders: on/off, the times and their weekdays, snooze length, a test, the health check.

Every change is saved at once, through `update_settings(port, lambda fresh:
with_preferences(fresh, edited))`: the stored fired log and snooze (which
the reminder loop changes underneath) are kept, only the user's choices
are taken from the screen.
"""

from __future__ import annotations

from dataclasses import replace

import flet as ft

from reminders.editing import (DAY_NAMES, add_time, can_add_time, can_step_snooze, change_time, clean_label,
                               days_text, remove_time, set_time, toggle_day, with_snooze_step)
from reminders.page import HealthView
from reminders.settings import (
    ReminderSettingsError,
    ReminderTime,
    load_settings,
    update_settings,
    with_preferences,
)
from screens import theme
from screens.reminder_banner import use_reminders
from screens.services import use_services

DAY_FULL_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Weekday toggles per row, and the gap between their pills (px).
DAYS_PER_ROW = 4
DAY_GAP = 8
SWITCH_LABEL = "Daily reminders"
#: Text colour by role, spelled out: readable in dark mode whatever the text theme says.
TEXT = ft.Colors.ON_SURFACE


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the section -------------------------------------------------------------

_HEALTH_LOOK = {
    "ok": (ft.Icons.CHECK_CIRCLE_OUTLINE, ft.Colors.SURFACE_CONTAINER_HIGH, ft.Colors.PRIMARY,
           ft.Colors.ON_SURFACE),
    "info": (ft.Icons.INFO_OUTLINE, ft.Colors.SURFACE_CONTAINER_HIGH, ft.Colors.PRIMARY,
             ft.Colors.ON_SURFACE),
    "problem": (ft.Icons.WARNING_AMBER_ROUNDED, ft.Colors.ERROR_CONTAINER, ft.Colors.ON_ERROR_CONTAINER,
                ft.Colors.ON_ERROR_CONTAINER),
}


def health_card(health: HealthView | None, on_recheck) -> ft.Control:
    if health is None:
        return ft.Row([ft.ProgressRing(width=20, height=20, stroke_width=2),
                       theme.body("Checking whether reminders can fire here…", color=TEXT)], spacing=12)
    icon, bgcolor, icon_color, text_color = _HEALTH_LOOK.get(health.state, _HEALTH_LOOK["info"])
    return ft.Container(
        bgcolor=bgcolor,
        border_radius=12,
        padding=ft.Padding.only(left=16, right=16, top=14, bottom=4),
        content=ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(icon, color=icon_color),
                        ft.Text(health.headline, size=17, weight=ft.FontWeight.W_600,
                                color=text_color, expand=True),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
                theme.body(health.detail, color=text_color),
                ft.Row([ft.TextButton(content="Check again", on_click=on_recheck,
                                      height=theme.TOUCH_TARGET,
                                      style=ft.ButtonStyle(color=icon_color))],
                       alignment=ft.MainAxisAlignment.END),
            ],
            spacing=6,
        ),
    )


@ft.component
def ReminderTimeCard(reminder: ReminderTime, edit):
    """One reminder: name, time (a time picker), weekdays, remove."""
    draft = ft.use_ref(reminder.label)
    name = reminder.label

    async def save_label(_):
        text = clean_label(draft.current)
        if text and text != reminder.label:
            await edit(lambda s: change_time(s, reminder.id, label=text))

    def typed(e):
        draft.current = e.control.value or ""

    async def picked(e):
        if e.control.value is not None:
            await edit(lambda s: set_time(s, reminder.id, e.control.value))

    def pick_time(_):
        ft.context.page.show_dialog(ft.TimePicker(
            value=reminder.clock_time,
            help_text=f"{name} at",
            hour_format=ft.TimePickerHourFormat.H24,
            on_change=picked,
        ))

    async def remove(_):
        await edit(lambda s: remove_time(s, reminder.id))

    def day_toggle(day: int) -> ft.Control:
        async def toggle(_):
            await edit(lambda s: toggle_day(s, reminder.id, day))

        on = day in reminder.weekdays
        # Merged, so a screen reader's tap reaches the Container's on_click (Flet's
        # Semantics.on_tap does not); the short name inside is left out of the name.
        # The whole grid cell is the target (at least 72 x 48 px on a 360 px phone);
        # the pill inside is 40 px tall, so neighbours keep a visible gap.
        return ft.MergeSemantics(
            expand=True,
            content=ft.Semantics(
                label=f"{name} on {DAY_FULL_NAMES[day]}s",
                checked=on,
                content=ft.Container(
                    height=theme.TOUCH_TARGET,
                    padding=ft.Padding.symmetric(horizontal=DAY_GAP / 2, vertical=4),
                    on_click=toggle,
                    content=ft.Semantics(
                        exclude_semantics=True,
                        content=ft.Container(
                            border_radius=20,
                            alignment=ft.Alignment.CENTER,
                            bgcolor=ft.Colors.PRIMARY if on else None,
                            border=None if on else ft.Border.all(1, ft.Colors.OUTLINE),
                            content=ft.Text(DAY_NAMES[day], size=14, weight=ft.FontWeight.W_600,
                                            no_wrap=True,
                                            color=ft.Colors.ON_PRIMARY if on else ft.Colors.ON_SURFACE_VARIANT),
                        ),
                    ),
                ),
            ),
        )

    def day_grid() -> ft.Control:
        """Mon–Thu over Fri–Sun, in four columns: seven 48 px targets side by side
        need 336 px, more than a card has on a 360 px phone."""
        rows = []
        for first in range(0, 7, DAYS_PER_ROW):
            cells = [day_toggle(d) for d in range(first, min(first + DAYS_PER_ROW, 7))]
            cells += [ft.Container(expand=True) for _ in range(DAYS_PER_ROW - len(cells))]
            rows.append(ft.Row(cells, spacing=0))
        return ft.Column(rows, spacing=0)

    return ft.Card(
        content=ft.Container(
            padding=ft.Padding.only(left=12, right=12, top=14, bottom=8),
            content=ft.Column(
                [
                    ft.Row(
                        [
                            ft.TextField(
                                label="Name",
                                value=reminder.label,
                                text_size=theme.BODY_SIZE,
                                text_style=ft.TextStyle(color=TEXT),
                                expand=True,
                                on_change=typed,
                                on_blur=save_label,
                                on_submit=save_label,
                            ),
                            theme.icon_button(ft.Icons.DELETE_OUTLINE, f"Remove the {name} reminder",
                                              remove),
                        ],
                        vertical_alignment=ft.CrossAxisAlignment.CENTER,
                    ),
                    ft.Row(
                        [
                            theme.body("At", color=TEXT),
                            ft.MergeSemantics(content=ft.Semantics(
                                label=f"{name} time",
                                button=True,
                                content=ft.OutlinedButton(
                                    content=reminder.time,
                                    icon=ft.Icons.SCHEDULE,
                                    on_click=pick_time,
                                    height=theme.TOUCH_TARGET,
                                    style=ft.ButtonStyle(text_style=ft.TextStyle(size=18,
                                                                                 weight=ft.FontWeight.W_600)),
                                ),
                            )),
                        ],
                        spacing=12,
                        vertical_alignment=ft.CrossAxisAlignment.CENTER,
                    ),
                    ft.Column(
                        [
                            theme.caption(sentence(days_text(reminder.weekdays))),
                            day_grid(),
                        ],
                        spacing=4,
                    ),
                ],
                spacing=12,
            ),
        ),
    )


@ft.component
def ReminderSettingsSection():
    services = use_services()
    reminders = use_reminders()
    port = services.reminder_port
    settings, set_settings = ft.use_state(lambda: load_settings(port)[0])
    health, set_health = ft.use_state(None)
    error, set_error = ft.use_state("")
    test_result, set_test_result = ft.use_state("")

    async def check_health(_=None):
        if reminders is None:
            set_health(HealthView("problem", "Reminders are not running",
                                  "This window was opened without the reminder service."))
            return
        set_health(None)
        set_health(await reminders.health())

    ft.on_mounted(check_health)

    async def edit(change, turned_on: bool = False) -> None:
        try:
            edited = change(settings)
            saved = update_settings(port, lambda stored: with_preferences(stored, edited))
        except ReminderSettingsError as exc:
            set_error(sentence(str(exc)) + ".")
            return
        set_error("")
        set_settings(saved)
        if reminders is not None:
            await reminders.settings_changed(turned_on=turned_on)
            if reminders.phone:
                await check_health()

    async def switch(e):
        on = bool(e.control.value)
        await edit(lambda s: replace(s, enabled=on), turned_on=on)

    async def add(_):
        await edit(add_time)

    async def shorter_snooze(_):
        await edit(lambda s: with_snooze_step(s, -1))

    async def longer_snooze(_):
        await edit(lambda s: with_snooze_step(s, +1))

    async def send_test(_):
        if reminders is None:
            set_test_result("Reminders are not running in this window.")
            return
        set_test_result("Sending…")
        set_test_result(await reminders.send_test())

    next_line = reminders.describe_next() if reminders is not None else ""

    controls: list[ft.Control] = [
        ft.Text("Reminders", size=18, weight=ft.FontWeight.W_600, color=TEXT),
        ft.Switch(label=SWITCH_LABEL, value=settings.enabled, on_change=switch,
                  label_text_style=ft.TextStyle(size=theme.BODY_SIZE, color=TEXT)),
        health_card(health, check_health),
    ]
    if next_line:
        controls.append(theme.body(next_line, color=TEXT))
    if error:
        controls.append(ft.Text(error, color=ft.Colors.ERROR, size=16))
    controls.append(ft.Text("Reminder times", size=16, weight=ft.FontWeight.W_600, color=TEXT))
    if not settings.times:
        controls.append(theme.body("No reminder times yet.", color=ft.Colors.ON_SURFACE_VARIANT))
    for reminder in settings.times:
        controls.append(ReminderTimeCard(reminder, edit, key=reminder.id))
    if can_add_time(settings):
        controls.append(theme.secondary_button("Add a reminder time", add, icon=ft.Icons.ADD_ALARM))
    controls.extend([
        ft.Row(
            [
                theme.body("Snooze", expand=True, color=TEXT),
                theme.icon_button(ft.Icons.REMOVE, "Shorter snooze", shorter_snooze,
                                  disabled=not can_step_snooze(settings.snooze_minutes, -1)),
                ft.Text(f"{settings.snooze_minutes} min", size=theme.BODY_SIZE, weight=ft.FontWeight.W_600, color=TEXT,
                        semantics_label=f"Snooze length: {settings.snooze_minutes} minutes"),
                theme.icon_button(ft.Icons.ADD, "Longer snooze", longer_snooze,
                                  disabled=not can_step_snooze(settings.snooze_minutes, +1)),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        theme.secondary_button("Send a test reminder", send_test, icon=ft.Icons.NOTIFICATIONS_OUTLINED),
    ])
    if test_result:
        controls.append(theme.body(test_result, color=ft.Colors.ON_SURFACE_VARIANT))
    return ft.Column(controls, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
