"""Helpers shared by the reminder tests: a notifier that records, asyncio on a thread of its own.

The app's data is `reminders.memory.MemoryReminderPort` (shipped with the port).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from reminders.notifier import DeliveryResult, Health


def run_async(coro):
    """`asyncio.run(coro)` on a thread of its own.

    Playwright's sync API (the session-wide `browser` fixture) keeps an event
    loop running on the main thread once a browser test has run, and
    `asyncio.run` refuses to start inside it.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


class FakeNotifier:
    def __init__(self, can_fire: bool = True, reason: str = "fake") -> None:
        self.sent: list[tuple[str, str]] = []
        self.can_fire = can_fire
        self.reason = reason

    def send(self, title: str, body: str) -> DeliveryResult:
        if not self.can_fire:
            return DeliveryResult(False, "fake", self.reason)
        self.sent.append((title, body))
        return DeliveryResult(True, "fake", "recorded")

    def health(self) -> Health:
        return Health(self.can_fire, self.reason)
