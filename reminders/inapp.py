"""Reminders inside the running app: one runner per process, its banner fanned out to every open window.

    hub = InAppReminders(port, clock=clock, notifier=DesktopNotifier(web_mode=True))  # port: reminders.port
    unsubscribe = hub.subscribe(show)  # each open page; show(banner_or_None) is called on the loop
    await hub.start()                  # once, from async code on the app's loop (idempotent)
    hub.wake()                         # settings saved (any thread)
    hub.today_finished()               # today's practice done: hide the banner, re-check
    await hub.snooze(banner)           # the banner's Snooze button
    hub.dismiss()                      # the banner's "Open today's practice"
    await hub.send_test()              # Settings: "Send a test reminder"
    await hub.health()                 # Settings: can reminders fire here, and if not, why
    await hub.stop()                   # on shutdown

One person uses one Stepwise process (a browser tab on the phone, maybe a
second one on a laptop), so there is one banner for all of them: showing,
snoozing or dismissing it in one window does the same in every other.

Flet-free on purpose (the screens adapt it to pages), and it never imports
the phone path.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import threading
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Any

from reminders.message import TITLE
from reminders.notifier import DeliveryResult, Health, Notifier, NullNotifier
from reminders.port import ReminderPort
from reminders.runner import Banner, ReminderRunner
from reminders.schedule import Due, next_occurrence
from reminders.settings import load_settings, utc
from reminders.zone import local_zone

log = logging.getLogger(__name__)

TEST_LABEL = "Test"
TEST_BODY = "Test — this is how a Stepwise reminder looks"

Subscriber = Callable[[Banner | None], Any]


class InAppReminders:
    """The app's reminder loop, the banner it is showing, and the windows to show it in."""

    def __init__(
        self,
        port: ReminderPort,
        *,
        clock: Any,
        notifier: Notifier | None = None,
        zone: Callable[[], tzinfo] = local_zone,
        insight_title: Callable[[date], str | None] | None = None,
        runner_factory: Callable[..., ReminderRunner] = ReminderRunner.for_port,
    ) -> None:
        self.port = port
        self.clock = clock
        self.notifier: Notifier = notifier if notifier is not None else NullNotifier("no notifier")
        self.zone = zone
        self._insight_title = insight_title if insight_title is not None else port.insight_title
        self._runner_factory = runner_factory
        self.runner: ReminderRunner | None = None
        self.current: Banner | None = None
        self._subscribers: dict[int, Subscriber] = {}
        self._alive: dict[int, Callable[[], bool]] = {}
        self._next_token = 0
        self._guard = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None

    # --- windows ------------------------------------------------------------
    def subscribe(self, subscriber: Subscriber, alive: Callable[[], bool] | None = None) -> Callable[[], None]:
        """Call `subscriber(banner)` when a banner shows and `subscriber(None)` when it goes.

        `alive()` says whether the window is connected right now (a phone's
        browser drops the connection of a tab in the background); only
        connected windows count as someone to show a reminder to.
        Returns the function that unsubscribes. A subscriber that raises is
        dropped (its window is gone); the others still hear about it.
        """
        with self._guard:
            token = self._next_token
            self._next_token += 1
            self._subscribers[token] = subscriber
            if alive is not None:
                self._alive[token] = alive
        self.wake()  # a reminder held back for want of a window can go out now

        def unsubscribe() -> None:
            with self._guard:
                self._subscribers.pop(token, None)
                self._alive.pop(token, None)

        return unsubscribe

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def has_audience(self) -> bool:
        """Whether a connected window is open to show the banner in.

        The runner holds due reminders back while none is (a server with no
        tab open): firing then would only record them as sent, and the
        `remind` command would skip the desktop notification nobody saw.
        `wake()` when a window (re)connects.
        """
        with self._guard:
            tokens = list(self._subscribers)
            alive = dict(self._alive)
        for token in tokens:
            check = alive.get(token)
            try:
                if check is None or check():
                    return True
            except Exception:  # noqa: BLE001 - a window that can't tell is not there
                continue
        return False

    def _publish(self, banner: Banner | None) -> None:
        self.current = banner
        with self._guard:
            subscribers = list(self._subscribers.items())
        for token, subscriber in subscribers:
            try:
                # A copy of the context per window: whatever a subscriber binds
                # (Flet binds "the current page") stays with that call.
                contextvars.copy_context().run(subscriber, banner)
            except Exception:  # noqa: BLE001 - a closed window must not stop the others
                log.warning("dropping a reminder banner subscriber that failed", exc_info=True)
                with self._guard:
                    self._subscribers.pop(token, None)
                    self._alive.pop(token, None)

    # --- the loop -------------------------------------------------------------
    async def start(self) -> None:
        """Start the runner on the running loop; later calls do nothing."""
        if self.runner is not None:
            return
        self._loop = asyncio.get_running_loop()
        self.runner = self._runner_factory(
            self.port,
            clock=self.clock,
            notifier=self.notifier,
            on_banner=self._publish,
            zone=self.zone,
            insight_title=self._insight_title,
            ready=self.has_audience,
        )
        # A fresh context: the runner must not inherit the page of whichever
        # window happened to start it.
        contextvars.Context().run(self.runner.start)

    @property
    def started(self) -> bool:
        return self.runner is not None

    def wake(self) -> None:
        """Re-check now (settings changed, day finished). Safe from any thread."""
        runner, loop = self.runner, self._loop
        if runner is None or loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            runner.wake()
        else:
            loop.call_soon_threadsafe(runner.wake)

    def set_notifier(self, notifier: Notifier) -> None:
        """Swap how reminders leave the app (a phone build hands them to the OS instead)."""
        self.notifier = notifier
        if self.runner is not None:
            self.runner.notifier = notifier

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.stop()
            self.runner = None

    # --- the banner's buttons ----------------------------------------------
    async def snooze(self, banner: Banner | None = None) -> None:
        """Hide the banner everywhere; a real reminder comes back after the snooze length."""
        banner = banner if banner is not None else self.current
        self._publish(None)
        if banner is None or banner.test:
            return
        try:
            if self.runner is not None:
                await self.runner.snooze(banner.reminder_id)
            else:
                from reminders.schedule import snooze
                from reminders.settings import update_settings

                update_settings(self.port, lambda fresh: snooze(fresh, banner.reminder_id, self.clock.now()))
        except KeyError:
            log.info("reminder %r was removed before it was snoozed", banner.reminder_id)

    def dismiss(self) -> None:
        """Hide the banner everywhere (the user opened today's practice)."""
        if self.current is not None:
            self._publish(None)

    def today_finished(self) -> None:
        """Today's practice is done: no banner, and the runner re-checks (nothing more today)."""
        self.dismiss()
        self.wake()

    # --- settings screen ----------------------------------------------------
    async def health(self) -> Health:
        """The notifier's health check, off the loop (it may ask D-Bus, up to a few seconds)."""
        try:
            return await asyncio.to_thread(self.notifier.health)
        except Exception as exc:  # noqa: BLE001
            return Health(False, f"the check failed: {type(exc).__name__}: {exc}")

    async def send_test(self) -> Banner:
        """Show a test reminder the way a real one goes out: notifier, then the banner."""
        title, body = TITLE, TEST_BODY
        try:
            delivery = await asyncio.to_thread(self.notifier.send, title, body)
        except Exception as exc:  # noqa: BLE001
            delivery = DeliveryResult(False, "error", f"{type(exc).__name__}: {exc}")
        now = self.clock.now()
        banner = Banner(title, body, "", TEST_LABEL, now.astimezone(self.zone()).date(), delivery, test=True)
        self._publish(banner)
        return banner

    def next_reminder(self) -> Due | None:
        """The next reminder that will fire (may be due already), or None when none will."""
        settings, _ = load_settings(self.port)
        now = self.clock.now()
        zone = self.zone()
        return next_occurrence(settings, now, zone, self.port.is_done(now.astimezone(zone)))

    def describe_next(self) -> str:
        """One line for the settings screen: when the next reminder comes."""
        settings, _ = load_settings(self.port)
        if not settings.enabled:
            return "Reminders are off."
        if not settings.times:
            return "No reminder times: add one below."
        nxt = self.next_reminder()
        if nxt is None:
            return "No reminder is coming up."
        now = self.clock.now()
        if utc(nxt.at) <= utc(now):
            return f"{nxt.label} is due now."
        return f"Next reminder: {describe_moment(nxt.at, now, self.zone())} ({nxt.label})."


def describe_moment(moment: datetime, now: datetime, zone: tzinfo) -> str:
    """"today at 20:00", "tomorrow at 08:00", "Friday at 08:00"."""
    local = moment.astimezone(zone)
    days = (local.date() - now.astimezone(zone).date()).days
    when = "today" if days == 0 else "tomorrow" if days == 1 else local.strftime("%A")
    return f"{when} at {local:%H:%M}"
