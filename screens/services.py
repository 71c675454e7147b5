"""Hands the app's services to every screen without passing them down by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import flet as ft

from daily.practice import DailyPractice
from daily.reminder_port import PracticeReminderPort
from reminders.port import ReminderPort


@dataclass
class Services:
    practice: DailyPractice
    #: Called when a setting changes the whole app's look (theme mode).
    on_theme_change: Callable[[str], None] = field(default=lambda mode: None)
    #: This page's reminders (reminders.page.PageReminders), None without them.
    reminders: object | None = None
    #: What the reminders ask of the app, also their stored settings
    #: (reminders.port.ReminderPort); the practice's own when not given.
    reminder_port: ReminderPort | None = None

    def __post_init__(self) -> None:
        if self.reminder_port is None:
            self.reminder_port = PracticeReminderPort(self.practice)

    @property
    def library(self):
        """Books, the path and the first run (daily/library.py `Library`): the practice's own."""
        return self.practice.library


ServicesContext = ft.create_context(None)


def use_services() -> Services:
    services = ft.use_context(ServicesContext)
    if services is None:
        raise RuntimeError("screens need the ServicesContext provider (see screens/app.py)")
    return services
