"""Reminders as one page of the app sees them: the per-window service behind the banner
and Settings → Reminders.

The process has one `reminders.inapp.InAppReminders` (one runner, one
banner). Each page (a browser tab, the desktop window, the phone app) gets a
`PageReminders`: it passes the hub's banner changes on to that page, answers
the settings screen's health check in words, sends a test reminder and, in
an app built for Android or iOS only, asks for permission and hands the
reminders to the phone's own scheduler (reminders.phone, imported nowhere
else, and only on that path).

No Flet here: the page is anything with the few members `AppPage` names (a
`flet.Page` has them; tests hand in a small fake), and the day's practice is
anything with `today()` and `add_finish_listener()` (`daily.practice.DailyPractice`).
The screens (screens/reminder_banner.py, screens/settings_reminders.py) only draw.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from reminders.inapp import InAppReminders
from reminders.notifier import WEB_MODE_REASON, NullNotifier
from reminders.settings import load_settings

log = logging.getLogger(__name__)


class AppPage(Protocol):
    """What `PageReminders` uses of a page (`flet.Page`)."""

    platform: Any  # an enum whose `.value` is "android", "ios", "linux", ... (or that string)
    web: bool
    on_connect: Any  # set to a handler called when a dropped connection comes back
    session: Any  # `.connection` is None while the page is offline

    def run_task(self, handler: Callable[..., Any], *args: Any) -> Any: ...


class PracticeDay(Protocol):
    """What `PageReminders` uses of the day's practice (`daily.practice.DailyPractice`)."""

    def today(self) -> date: ...

    def add_finish_listener(self, listener: Callable[[], object]) -> Callable[[], None]: ...


PHONE_PLATFORMS = ("android", "ios")
PHONE_REASON = "the phone's own scheduler shows the reminders"



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

    def __init__(self, hub: InAppReminders, page: AppPage, practice: PracticeDay) -> None:
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
    @property
    def current(self):
        """The banner showing now (a `reminders.inapp.Banner`), or None."""
        return self.hub.current

    async def snooze(self, banner) -> None:
        """Snooze this banner for the settings' snooze time."""
        await self.hub.snooze(banner)

    def dismiss(self) -> None:
        """Take the banner down (the user opened today's practice)."""
        self.hub.dismiss()

    def describe_next(self) -> str:
        """When the next reminder goes out, in words ("" when none is planned)."""
        return self.hub.describe_next()

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
        from reminders import phone

        title = self.hub.port.insight_title(self.practice.today())
        try:
            result = await phone.reschedule_port(
                self.phone_service, self.hub.port, self.hub.clock.now(), todays_insight_title=title)
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
