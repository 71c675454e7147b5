"""Content files as plain data, for tests: a valid insight and book, and a tiny TOML writer.

Tests break one field at a time from `valid()` / `valid_book()` and write them with `to_toml`.
"""

from __future__ import annotations

import json
from typing import Any

from content.schema import DIFFICULTIES


def valid() -> dict[str, Any]:
    """A small, valid insight as plain data; tests break one thing at a time."""
    return {
        "id": "sample-1",
        "position": 1,
        "title": "A title",
        "difficulty": DIFFICULTIES[0],
        "story": ["First paragraph.", "Second paragraph."],
        "achieve": "Something useful.",
        "questions": ["One?", "Two?"],
        "tips": ["A tip."],
        "steps": [{"title": f"Step {n}", "body": f"Do thing {n}."} for n in range(1, 5)],
    }


def valid_book(book_id: str = "sample", insights: int = 1) -> dict[str, Any]:
    return {
        "id": book_id,
        "title": "A Book",
        "subtitle": "Its Subtitle",
        "author": "An Author",
        "year": 2001,
        "themes": ["habits-focus"],
        "insights": insights,
        "about": "What the book argues, in our words.",
    }


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # JSON string escapes are valid TOML basic strings
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def to_toml(data: dict[str, Any]) -> str:
    """Tiny TOML writer: scalars first, then lists of tables as [[blocks]]."""
    blocks = {k: v for k, v in data.items()
              if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)}
    lines = [f"{k} = {_value(v)}" for k, v in data.items() if k not in blocks]
    for key, tables in blocks.items():
        for table in tables:
            lines += ["", f"[[{key}]]"] + [f"{k} = {_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"
