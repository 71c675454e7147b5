"""Reminders in the app's windows: the banner at the top, and the per-window glue.

The process has one `reminders.inapp.InAppReminders` (one runner, one
banner). Each page (a browser tab, the desktop window, the phone app) gets a
`PageReminders`: it shows the hub's banner in that page, answers the
settings screen's health check, and, in an app built for Android or iOS
only, hands the reminders to the phone's own scheduler (reminders.phone,
imported nowhere else).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import flet as ft

from reminders.inapp import InAppReminders
from reminders.notifier import WEB_MODE_REASON, NullNotifier
from reminders.runner import Banner
from reminders.settings import load_settings
from screens import theme
from screens.walkthrough_route import part_route

log = logging.getLogger(__name__)

PHONE_PLATFORMS = ("android", "ios")
PHONE_REASON = "the phone's own scheduler shows the reminders"



def use_reminders() -> PageReminders | None:
    """This page's reminders (`Services.reminders`), or None when the app runs without them."""
    from screens.services import use_services

    return getattr(use_services(), "reminders", None)


def is_phone(page) -> bool:
    """A packaged app on Android or iOS (not a phone's browser: that is web mode)."""
    platform = getattr(page, "platform", None)
    name = getattr(platform, "value", platform)
    return bool(name in PHONE_PLATFORMS and not getattr(page, "web", False))


@dataclass(frozen=True)
class HealthView:
    """What Settings says about whether reminders can fire here."""

    state: str  # "ok", "info" (banner only, by design) or "problem"
    headline: str
    detail: str


class PageReminders:
    """Reminders as one page sees them."""

    def __init__(self, hub: InAppReminders, page, practice) -> None:
        self.hub = hub
        self.page = page
        self.practice = practice
        self.phone = is_phone(page)
        self.phone_service = None
        self.permission: bool | None = None  # phone only: None = not asked yet
        self.phone_problems: list[str] = []
        self._remove_finish_listener = None
        self._missed_render = None  # a banner change that came while the page was offline
        if getattr(page, "on_connect", None) is None:
            try:
                page.on_connect = self._reconnected
            except Exception:  # noqa: BLE001 - a page without the event (tests)
                pass

    # --- the banner in this page --------------------------------------------
    def watch(self, rerender) -> object:
        """Call `rerender()` in this page's context whenever the banner changes; returns the remover."""

        def changed(_banner) -> None:
            session = self.page.session  # RuntimeError once the session is gone: the hub drops us
            if session.connection is None:
                self._missed_render = rerender  # offline for now: re-render on reconnect
                return

            async def run() -> None:
                rerender()

            self.page.run_task(run)

        return self.hub.subscribe(changed, alive=self.connected)

    def connected(self) -> bool:
        try:
            return self.page.session.connection is not None
        except Exception:  # noqa: BLE001 - no session: not connected
            return False

    def _reconnected(self, _e=None) -> None:
        missed, self._missed_render = self._missed_render, None
        if missed is not None:
            missed()
        self.hub.wake()  # a reminder held back while nobody was connected can go out now

    # --- start ------------------------------------------------------------
    async def start(self) -> None:
        """Start the process's runner (once) and, on a phone, the OS schedule."""
        if self.phone:
            self.hub.set_notifier(NullNotifier(PHONE_REASON))  # plyer has no backend inside a phone app
        await self.hub.start()
        if not self.phone:
            return
        from reminders import phone  # phones only: never on the web or desktop paths

        self.phone_service = phone.create_service()
        settings, _ = load_settings(self.hub.port)
        if settings.enabled:
            self.permission = await phone.request_permission(self.phone_service)
        await self.reschedule()

        def finished() -> None:
            self.page.run_task(self.reschedule)

        self._remove_finish_listener = self.practice.add_finish_listener(finished)

    async def reschedule(self) -> None:
        """Phone: hand the coming reminders to the OS again (no-op elsewhere)."""
        if not self.phone or self.phone_service is None:
            return
        from library.path import full_name
        from reminders import phone

        insight = self.practice.todays_insight()
        try:
            result = await phone.reschedule_port(
                self.phone_service, self.hub.port, self.hub.clock.now(),
                todays_insight_title=full_name(insight) if insight else None)
            self.phone_problems = list(result.problems)
        except Exception as exc:  # noqa: BLE001 - say it in Settings, don't crash the page
            log.exception("rescheduling phone reminders failed")
            self.phone_problems = [f"could not schedule reminders: {exc}"]

    async def settings_changed(self, turned_on: bool = False) -> None:
        """After Settings saved the reminder settings."""
        self.hub.wake()
        if self.phone and self.phone_service is not None:
            enabled = load_settings(self.hub.port)[0].enabled
            if turned_on or (self.permission is None and enabled):
                from reminders import phone

                self.permission = await phone.request_permission(self.phone_service)
            await self.reschedule()

    def close(self) -> None:
        if self._remove_finish_listener is not None:
            self._remove_finish_listener()
            self._remove_finish_listener = None

    # --- Settings' health check ---------------------------------------------
    async def health(self) -> HealthView:
        if self.phone:
            return self._phone_health()
        health = await self.hub.health()
        if getattr(self.hub.notifier, "web_mode", False) or health.reason == WEB_MODE_REASON:
            return HealthView(
                "info",
                "In a browser, reminders show inside the app",
                "While Stepwise is open, a reminder appears as a banner at the top. A desktop "
                "notification would pop up on the computer running Stepwise, not on this device. "
                "To be reminded while the app is closed, run “python main.py remind” "
                "every few minutes with a timer on that computer (see the README).",
            )
        if health.can_fire:
            return HealthView(
                "ok",
                "Reminders can fire here",
                f"Desktop notifications work ({health.reason}), and a banner shows inside "
                "the app while it is open.",
            )
        return HealthView(
            "problem",
            "Desktop notifications can't be shown here",
            f"Why: {health.reason}. Reminders still show as a banner inside the app while "
            "it is open.",
        )

    def _phone_health(self) -> HealthView:
        if self.permission is False:
            return HealthView(
                "problem",
                "Reminders can't fire: notifications are not allowed",
                "Allow notifications for Stepwise in your phone's settings (Apps → Stepwise → "
                "Notifications), then come back here.",
            )
        if self.phone_problems:
            return HealthView("problem", "Some reminders could not be scheduled",
                              "; ".join(self.phone_problems))
        if self.permission is None:
            return HealthView(
                "info",
                "Reminders are not set up on this phone yet",
                "Turn reminders on and Stepwise asks your phone for permission to notify you.",
            )
        return HealthView(
            "ok",
            "Reminders can fire here",
            "Your phone shows them at the times below, even when Stepwise is closed.",
        )

    # --- test reminder ------------------------------------------------------
    async def send_test(self) -> str:
        """Send a test reminder; returns one line on what happened to it."""
        if self.phone and self.phone_service is not None:
            banner = await self.hub.send_test()
            try:
                await self.phone_service.show(id=6999, title=banner.title, body=banner.body)
                return "Sent: your phone shows a notification, and the banner is at the top."
            except Exception as exc:  # noqa: BLE001
                return f"The banner is at the top, but the phone did not take the notification: {exc}"
        banner = await self.hub.send_test()
        delivery = banner.delivery
        if delivery is not None and delivery.delivered:
            return f"Sent: a desktop notification ({delivery.backend}) and the banner at the top."
        if getattr(self.hub.notifier, "web_mode", False):
            return "Sent: the banner at the top of the app (in a browser, reminders show inside the app)."
        why = delivery.detail if delivery is not None else "no notifier"
        return f"The banner is at the top; no desktop notification: {why}."


# --- the banner ------------------------------------------------------------


def banner_texts(banner: Banner) -> tuple[str, str]:
    """(heading, text) the in-app banner shows."""
    if banner.test:
        return "Test reminder", "This is how a Stepwise reminder looks."
    return "Reminder", banner.body


@ft.component
def ReminderBanner():
    """The current reminder at the top of the tabs, with Open and Snooze; nothing when none."""
    reminders = use_reminders()
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

    banner = reminders.hub.current if reminders is not None else None
    if banner is None:
        return ft.Container(visible=False)

    heading, text = banner_texts(banner)

    async def snooze(_):
        await reminders.hub.snooze(banner)

    def open_practice(_):
        reminders.hub.dismiss()
        status = reminders.practice.status()
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
