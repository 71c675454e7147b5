"""Rules for the words users write: exact round trips, bounded size.

Decision on lone surrogates: a Python ``str`` can hold an unpaired surrogate
(for example from a browser sending a broken JSON ``\\ud83d`` escape), but such a
code point cannot be written as UTF-8 and is not a character. We keep every
real character and replace only each unpaired surrogate with U+FFFD; a pair
written as two surrogate code points is joined into the one character it
means. Everything else - emoji, right-to-left text, NUL, control characters,
combining marks, unnormalized sequences - is stored and returned unchanged
(no Unicode normalization).
"""

from __future__ import annotations

from .errors import AnswerTooLong

#: Answers and notes are limited to this many UTF-8 bytes (about 30 pages of prose).
MAX_TEXT_BYTES = 100_000


def normalize_text(text: str) -> str:
    """Return ``text`` as valid Unicode: unchanged unless it holds surrogates."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def checked_text(text: str, limit_bytes: int = MAX_TEXT_BYTES) -> str:
    """Normalize ``text`` and raise AnswerTooLong if it is over the limit."""
    clean = normalize_text(text)
    size = len(clean.encode("utf-8"))
    if size > limit_bytes:
        raise AnswerTooLong(size, limit_bytes)
    return clean
