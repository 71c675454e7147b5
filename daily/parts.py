"""The parts of a walk-through: their order and what each is called, in one place.

A walk-through shows an insight part by part (`PARTS`, in order); the app
keeps where the user left off as an index into `PARTS`. Each part has a title
(the walk-through's heading, `part_title`) and a name inside a sentence
(a day's record: "Read up to part 3 of 7: the action steps", `part_name`).
The screen for each part lives in screens/walkthrough.py.
"""

from __future__ import annotations

#: The parts of a walk-through, in order.
PARTS: tuple[str, ...] = (
    "story",
    "achieve",
    "steps",
    "reflect",
    "tips",
    "source",
    "finish",
)
#: The last part: finishing today's practice (or, reading another insight, choosing to practise it).
FINISH = "finish"

#: The heading of each part in today's walk-through.
PART_TITLES = {
    "story": "The story",
    "achieve": "What you'll achieve",
    "steps": "Four action steps",
    "reflect": "Reflect",
    "tips": "Try it elsewhere",
    "source": "Where this comes from",
    "finish": "Practice finished",
}
#: Reading an insight that is not today's: the headings that differ.
READ_PART_TITLES = {
    "reflect": "Questions to reflect on",
    "finish": "Practise it?",
}
#: Each part's name inside a sentence.
PART_NAMES = {
    "story": "the story",
    "achieve": "what you'll achieve",
    "steps": "the action steps",
    "reflect": "the reflection questions",
    "tips": "the tips",
    "source": "the source",
    "finish": "the end",
}


def clamp_part(index: int) -> int:
    """A stored or computed part index kept within 0 .. len(PARTS) - 1."""
    return max(0, min(index, len(PARTS) - 1))


def part_from_route(raw: str | None) -> int:
    """A route's part segment "1".."7" to a part index 0..6; anything else starts at 0."""
    try:
        number = int(raw or "1")
    except ValueError:
        return 0
    return clamp_part(number - 1)


def part_title(index: int, reading: bool = False) -> str:
    """The heading of part `index`: today's walk-through, or reading another insight."""
    name = PARTS[index]
    return READ_PART_TITLES.get(name, PART_TITLES[name]) if reading else PART_TITLES[name]


def part_name(index: int) -> str:
    """Part `index` inside a sentence ("the action steps")."""
    return PART_NAMES[PARTS[index]]
