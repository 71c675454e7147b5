"""The reminder loop that runs inside the app while it is open.

    runner = ReminderRunner.for_port(port, clock=SystemClock(), notifier=DesktopNotifier(web_mode=...),
                                     on_banner=show_banner)
    runner.start()              # an asyncio task on the running loop
    runner.wake()               # after the settings screen saved reminder settings
    await runner.snooze("read") # from the banner's Snooze button
    await runner.stop()         # on shutdown

Each pass: read the settings (so edits are picked up), ask the rules what is
due, show it (desktop notifier AND the in-app banner), record it in the
settings' fired log, then sleep until the next due moment, but never longer
than `max_sleep` (60 s) so a changed setting, a finished practice or a jump
of the clock (suspend, travel, DST) is noticed within a minute.

The clock, the sleep, the zone and the app's data (a `reminders.port.ReminderPort`)
are passed in, so a test drives it with a FixedClock, a fake sleep and
`reminders.memory.MemoryReminderPort`.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from reminders.lock import ReminderLock
from reminders.message import compose
from reminders.notifier import DeliveryResult, Notifier
from reminders.schedule import Due, due_now, next_due, pick, record_fired, snooze
from reminders.port import ReminderPort
from reminders.settings import ReminderSettings, load_settings, save_settings, utc
from reminders.zone import local_zone

log = logging.getLogger(__name__)

MAX_SLEEP = 60.0
MIN_SLEEP = 1.0
BUSY_RETRY = 2.0


@dataclass(frozen=True)
class Banner:
    """What the app shows in its in-app banner when a reminder fires."""

    title: str
    body: str
    reminder_id: str
    label: str
    day: date
    delivery: DeliveryResult | None  # the desktop notification's fate; None without a notifier
    test: bool = False  # "Send a test reminder": nothing to snooze, nothing recorded


@dataclass(frozen=True)
class Fired:
    """One pass that fired: what was due, what was shown."""

    due: tuple[Due, ...]
    banner: Banner


class ReminderRunner:
    def __init__(
        self,
        *,
        load: Callable[[], ReminderSettings],
        save: Callable[[ReminderSettings], None],
        today_done: Callable[[datetime], bool],
        clock: Any,
        on_banner: Callable[[Banner], Any] | None = None,
        notifier: Notifier | None = None,
        zone: Callable[[], tzinfo] = local_zone,
        insight_title: Callable[[date], str | None] | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        max_sleep: float = MAX_SLEEP,
        lock: ReminderLock | None = None,
        ready: Callable[[], bool] | None = None,
    ) -> None:
        self._load = load
        self._save = save
        self._today_done = today_done
        self.clock = clock
        self._on_banner = on_banner
        self.notifier = notifier
        self._zone = zone
        self._insight_title = insight_title
        self._sleep = sleep
        self.max_sleep = max_sleep
        self._lock = lock if lock is not None else ReminderLock(None)
        # False while nobody could see a reminder (no window open in web mode):
        # then nothing fires and nothing is recorded, so it is not lost.
        self._ready = ready
        self._busy = asyncio.Lock()
        self._wake = asyncio.Event()
        self._stopped = False
        self._task: asyncio.Task | None = None
        self.fired: list[Fired] = []  # this session's fires, newest last

    @classmethod
    def for_port(
        cls,
        port: ReminderPort,
        *,
        clock: Any,
        on_banner: Callable[[Banner], Any] | None = None,
        notifier: Notifier | None = None,
        zone: Callable[[], tzinfo] = local_zone,
        insight_title: Callable[[date], str | None] | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        max_sleep: float = MAX_SLEEP,
        ready: Callable[[], bool] | None = None,
    ) -> ReminderRunner:
        """A runner reading and writing the reminder settings through `port`.

        Today is done when `port.is_done(now in zone)` (the app applies its
        day-start hour); the insight title is `port.insight_title` unless given.
        """
        def load() -> ReminderSettings:
            settings, problems = load_settings(port)
            for problem in problems:
                log.warning("%s", problem)
            return settings

        def done(now: datetime) -> bool:
            return port.is_done(now.astimezone(zone()))

        return cls(
            load=load,
            save=lambda s: save_settings(port, s),
            today_done=done,
            clock=clock,
            on_banner=on_banner,
            notifier=notifier,
            zone=zone,
            insight_title=insight_title if insight_title is not None else port.insight_title,
            sleep=sleep,
            max_sleep=max_sleep,
            lock=ReminderLock.for_port(port),
            ready=ready,
        )

    # --- one pass ---------------------------------------------------------
    async def check_once(self) -> tuple[Fired | None, float]:
        """Fire whatever is due now; returns (what fired, seconds to sleep next).

        Holds the reminder lock (in this process, and across processes against
        the `remind` command) from reading the fired log to recording the fire.
        """
        async with self._busy:
            if not self._lock.try_acquire():
                return None, BUSY_RETRY  # the `remind` command is at it; look again shortly
            try:
                settings = self._load()
                now = self.clock.now()
                zone = self._zone()
                done = bool(self._today_done(now))
                fired: Fired | None = None
                due = due_now(settings, now, zone, done)
                if due and self._ready is not None and not self._ready():
                    return None, self.max_sleep  # held until someone can see it (or wake())
                if due:
                    fired = await self._fire(due)
                    # Re-read: the settings screen may have saved meanwhile; only add the fires.
                    settings = record_fired(self._load(), due, now)
                    self._save(settings)
                    self.fired.append(fired)
            finally:
                self._lock.release()
        return fired, self._delay(settings, now, zone, done)

    def _delay(self, settings: ReminderSettings, now: datetime, zone: tzinfo, done: bool) -> float:
        nxt = next_due(settings, now, zone, done)
        if nxt is None:
            return self.max_sleep
        seconds = (utc(nxt) - utc(now)).total_seconds()
        return max(MIN_SLEEP, min(self.max_sleep, seconds))

    async def _fire(self, due: list[Due]) -> Fired:
        chosen = pick(due)
        assert chosen is not None
        title_text = None
        if self._insight_title is not None:
            try:
                title_text = self._insight_title(chosen.day)
            except Exception:  # noqa: BLE001 - decoration only
                title_text = None
        title, body = compose(chosen.label, title_text)
        delivery: DeliveryResult | None = None
        if self.notifier is not None:
            try:
                delivery = await asyncio.to_thread(self.notifier.send, title, body)
            except Exception as exc:  # noqa: BLE001
                delivery = DeliveryResult(False, "error", f"{type(exc).__name__}: {exc}")
            if not delivery.delivered:
                log.info("desktop notification not shown: %s", delivery.detail)
        banner = Banner(title, body, chosen.reminder.id, chosen.label, chosen.day, delivery)
        if self._on_banner is not None:
            try:
                result = self._on_banner(banner)
                if inspect.isawaitable(result):
                    await result
            except Exception:  # noqa: BLE001 - a broken banner must not stop reminders
                log.exception("reminder banner callback failed")
        return Fired(tuple(due), banner)

    # --- the loop -----------------------------------------------------------
    async def run(self, passes: int | None = None) -> None:
        """Loop until `stop()` (or for `passes` passes, for tests)."""
        count = 0
        while not self._stopped and (passes is None or count < passes):
            count += 1
            try:
                _, delay = await self.check_once()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - keep reminding after a bad pass
                log.exception("reminder check failed")
                delay = self.max_sleep
            if self._stopped or (passes is not None and count >= passes):
                break
            await self._pause(delay)

    async def _pause(self, delay: float) -> None:
        """Sleep `delay` seconds, or less if `wake()` is called."""
        if self._wake.is_set():
            self._wake.clear()
            return
        sleeper = asyncio.ensure_future(self._sleep(delay))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, waker):
                if not task.done():
                    task.cancel()
            await asyncio.gather(sleeper, waker, return_exceptions=True)
            self._wake.clear()

    def start(self) -> asyncio.Task:
        """Start the loop as a task on the running event loop (call from async code)."""
        if self._task is None or self._task.done():
            self._stopped = False
            self._task = asyncio.get_running_loop().create_task(self.run(), name="stepwise-reminders")
        return self._task

    def wake(self) -> None:
        """Re-check now (settings changed, practice finished, app resumed)."""
        self._wake.set()

    async def stop(self) -> None:
        self._stopped = True
        self._wake.set()
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def snooze(self, reminder_id: str, minutes: int | None = None) -> ReminderSettings:
        """Snooze a reminder (the banner's Snooze button); it comes back after the snooze length."""
        async with self._busy:
            settings = snooze(self._load(), reminder_id, self.clock.now(), minutes)
            self._save(settings)
        self.wake()
        return settings
