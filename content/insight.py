"""The shape of one insight as the rest of the app sees it.

Frozen (and made of tuples) so screens and rules can share the one loaded
copy without anyone changing it underneath the others.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Words a minute an adult reads an app's prose at; reading times come from this.
READING_SPEED = 230


@dataclass(frozen=True, slots=True)
class Step:
    """One action the user practises; `title` is short, `body` says how.

    `mission`: the step asks the reader to write their mission, so the
    walk-through shows the mission field under it.
    """

    title: str
    body: str
    mission: bool = False


@dataclass(frozen=True, slots=True)
class Insight:
    """One day's lesson: a story, what it gives you, steps, questions, tips.

    `id` is what the user's journal and practice history are keyed by, so it
    must never change once shipped. It is insight `position` of the
    `book_insights` in book `book_id`; `book`, `author` and `year` are that
    book's (written once, in its book.toml).
    """

    id: str
    book_id: str
    title: str
    book: str
    author: str
    year: int
    position: int
    book_insights: int
    difficulty: str
    story: tuple[str, ...]
    achieve: str
    steps: tuple[Step, ...]
    questions: tuple[str, ...]
    tips: tuple[str, ...]

    @property
    def words(self) -> int:
        """How many words a reader meets in the walk-through."""
        texts = (self.title, *self.story, self.achieve, *(t for s in self.steps for t in (s.title, s.body)),
                 *self.questions, *self.tips)
        return sum(len(text.split()) for text in texts)

    @property
    def reading_minutes(self) -> int:
        """Minutes to read it at READING_SPEED, rounded, at least 1."""
        return max(1, round(self.words / READING_SPEED))
