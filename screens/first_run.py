"""The first run's steps and choices, without Flet (screens/welcome.py draws them).

At most four screens, each with *Skip* (which skips the rest):

1. "about": what Stepwise does;
2. "themes": "What do you want to get better at?", one to three themes;
3. "book": the book recommended for those themes, *Follow this book* or
   *See all books*;
4. "reminder": a daily reminder time, *Remind me* or *Not now*.

`FirstRun` keeps where the person is and what they chose; `finish(library)`
stores it through the Library service (daily/library.py): the themes, the
book to follow (the recommended one only if they chose it, else the
service's default, the first book on the shelf) and that the first run is
done, so it never shows again. The reminder is stored by the screen, through
the reminder settings as Settings does (`remind_daily_at`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from reminders.settings import (
    ALL_WEEKDAYS,
    DEFAULT_TIMES,
    MAX_TIMES,
    ReminderSettings,
    ReminderSettingsError,
    ReminderTime,
)

STEPS: tuple[str, ...] = ("about", "themes", "book", "reminder")
MAX_THEMES = 3
TOO_MANY_THEMES = "Three is the most: let one go to pick another."
#: The reminder times offered, as "HH:MM" (the local wall clock).
REMINDER_TIMES: tuple[str, ...] = ("07:00", "08:00", "12:30", "18:00", "20:00", "21:30")
DEFAULT_REMINDER = "08:00"
REMINDER_LABEL = "Practice"
TODAY = "/"
LIBRARY = "/library"


@dataclass(frozen=True)
class FirstRunChoices:
    """What the first run leaves behind."""

    themes: tuple[str, ...]
    follow: str | None  # the book the person chose to follow; None: the default
    reminder: str | None  # "HH:MM" after *Remind me*; None after *Not now* or Skip
    route: str  # where the app goes next: Today, or the Library after *See all books*


class FirstRun:
    """Where the person is in the first run, and what they chose so far."""

    def __init__(self, theme_ids: Sequence[str], recommend: Callable[[list[str]], str | None]) -> None:
        self.theme_ids = tuple(theme_ids)
        self.recommend = recommend  # chosen theme ids -> the recommended book's id, or None
        self.step = 0
        self.themes: list[str] = []
        self.message = ""  # a short line for the person (a refused fourth theme)
        self.recommended: str | None = None
        self.follow: str | None = None
        self.route = TODAY
        self.reminder: str | None = None
        self.reminder_choice = DEFAULT_REMINDER
        self.done = False

    # --- where ------------------------------------------------------------
    @property
    def name(self) -> str:
        return STEPS[self.step]

    @property
    def position_text(self) -> str:
        return f"{self.step + 1} of {len(STEPS)}"

    # --- step 2: themes -----------------------------------------------------
    def picked(self, theme_id: str) -> bool:
        return theme_id in self.themes

    def toggle_theme(self, theme_id: str) -> bool:
        """Pick or let go of a theme; False (with `message` set) when a fourth is refused."""
        if theme_id not in self.theme_ids:
            raise ValueError(f"unknown theme {theme_id!r}")
        if theme_id in self.themes:
            self.themes.remove(theme_id)
            self.message = ""
            return True
        if len(self.themes) >= MAX_THEMES:
            self.message = TOO_MANY_THEMES
            return False
        self.themes.append(theme_id)
        self.message = ""
        return True

    @property
    def can_continue(self) -> bool:
        """Continue from the themes needs one theme at least (Skip is always there)."""
        return self.name != "themes" or bool(self.themes)

    # --- moving on -----------------------------------------------------------
    def next(self) -> None:
        """Continue to the next step (from "about" and "themes")."""
        if self.done or not self.can_continue:
            return
        if self.name == "themes":
            self.recommended = self.recommend(list(self.themes))
            self.message = ""
            # No book to recommend (an empty shelf): straight on to the reminder.
            self.step = STEPS.index("book") if self.recommended else STEPS.index("reminder")
            return
        if self.step + 1 < len(STEPS):
            self.step += 1
        else:
            self.done = True

    def follow_recommended(self) -> None:
        """*Follow this book*: follow the recommended book, then the reminder."""
        if self.name != "book" or self.recommended is None:
            return
        self.follow = self.recommended
        self.step = STEPS.index("reminder")

    def see_all_books(self) -> None:
        """*See all books*: the Library comes after the first run; nothing is followed for it."""
        if self.name != "book":
            return
        self.route = LIBRARY
        self.step = STEPS.index("reminder")

    def choose_reminder(self, time: str) -> None:
        if time not in REMINDER_TIMES:
            raise ValueError(f"not one of the offered times: {time!r}")
        self.reminder_choice = time

    def remind_me(self) -> None:
        """*Remind me*: a daily reminder at the chosen time, and the first run is over."""
        if self.name != "reminder":
            return
        self.reminder = self.reminder_choice
        self.done = True

    def not_now(self) -> None:
        self.reminder = None
        self.done = True

    def skip(self) -> None:
        """*Skip*: the rest of the first run (what was chosen so far is kept)."""
        self.done = True

    def choices(self) -> FirstRunChoices:
        return FirstRunChoices(tuple(self.themes), self.follow, self.reminder, self.route)

    # --- storing -----------------------------------------------------------
    def finish(self, library) -> FirstRunChoices:
        """Store the choices through the Library service; the first run never shows again."""
        self.done = True
        chosen = self.choices()
        if chosen.themes:
            library.save_themes(list(chosen.themes))
        if chosen.follow is not None:
            library.follow(chosen.follow)
        library.finish_first_run()  # nothing followed yet: the first book on the shelf is
        return chosen


def remind_daily_at(settings: ReminderSettings, time: str) -> ReminderSettings:
    """Reminders on, with one every day at `time` ("HH:MM").

    Untouched settings (the two defaults) become that one reminder; otherwise
    a reminder already at that time is kept, or one is added beside the
    others (a person who set up their own times keeps them).
    """
    if settings.times == DEFAULT_TIMES or not settings.times:
        times = (ReminderTime(id="practice", time=time, weekdays=ALL_WEEKDAYS, label=REMINDER_LABEL),)
        return replace(settings.with_times(times), enabled=True)
    if any(t.time == time for t in settings.times):
        return replace(settings, enabled=True)
    if len(settings.times) >= MAX_TIMES:
        raise ReminderSettingsError(f"at most {MAX_TIMES} reminder times: remove one in Settings first")
    taken = {t.id for t in settings.times}
    n = 1
    while f"practice-{n}" in taken:
        n += 1
    added = ReminderTime(id=f"practice-{n}", time=time, weekdays=ALL_WEEKDAYS, label=REMINDER_LABEL)
    return replace(settings.with_times((*settings.times, added)), enabled=True)


def reminder_time_label(time: str) -> str:
    """'07:00' -> '7:00 AM', '12:30' -> '12:30 PM', '21:30' -> '9:30 PM' (as Settings says "3 AM")."""
    hour, minute = (int(part) for part in time.split(":"))
    shown = hour % 12 or 12
    return f"{shown}:{minute:02d} {'AM' if hour < 12 else 'PM'}"
