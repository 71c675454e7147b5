"""Fakes shared by the reminder tests: a store with the storage contract's methods, a notifier."""

from __future__ import annotations

import asyncio
import copy
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime

from reminders.notifier import DeliveryResult, Health


def run_async(coro):
    """`asyncio.run(coro)` on a thread of its own.

    Playwright's sync API (the session-wide `browser` fixture) keeps an event
    loop running on the main thread once a browser test has run, and
    `asyncio.run` refuses to start inside it.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


class FakeSettings:
    def __init__(self) -> None:
        self.data: dict = {}
        self.writes = 0

    def get(self, key, default=None):
        # Stored as JSON, like the real store: what comes back is a copy.
        return copy.deepcopy(self.data.get(key, default))

    def set(self, key, value) -> None:
        json.dumps(value)  # the real store keeps JSON: anything else is a bug
        self.data[key] = copy.deepcopy(value)
        self.writes += 1

    def all(self) -> dict:
        return copy.deepcopy(self.data)


class FakePractice:
    def __init__(self) -> None:
        self.done: dict[date, str] = {}

    def mark_finished(self, insight_id: str, day: date, now: datetime) -> None:
        self.done[day] = insight_id

    def finished(self, day: date) -> bool:
        return day in self.done

    def finished_days(self) -> set[date]:
        return set(self.done)

    def finished_insight(self, day: date) -> str | None:
        return self.done.get(day)


class FakeStore:
    """The parts of `storage.Store` the reminders use."""

    def __init__(self) -> None:
        self.settings = FakeSettings()
        self.practice = FakePractice()
        self.problems: list[str] = []
        self.closed = False

    def close(self) -> None:
        self.closed = True


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


def test_fake_store_keeps_json_copies():
    store = FakeStore()
    value = {"a": [1]}
    store.settings.set("k", value)
    value["a"].append(2)
    assert store.settings.get("k") == {"a": [1]}
    assert store.settings.get("missing", 5) == 5
