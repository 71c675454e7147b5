"""Finding words in the journal: case- and accent-insensitive, several words, filters.

Text is *folded* before comparing: Unicode compatibility decomposition (NFKD),
case folding, then combining marks removed, so "Café", "CAFE" and "cafe\u0301"
all read "cafe", "Straße" reads "strasse" and "ﬁ" reads "fi". Curly quotes read
as straight ones. A query is split into words; an entry matches when every
word occurs in its answer or its question (in any order, inside longer words
too: "plan" finds "planning").

``search`` consumes entries lazily and stops as soon as it has a page of hits,
so the store streams month files and never holds the whole journal.
``highlight`` maps matches back to the original text for display.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Iterable, Protocol

#: Punctuation that people type either way: folded to the ASCII form.
_PUNCTUATION = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                "\u00a0": " "}
_PUNCTUATION_TABLE = str.maketrans(_PUNCTUATION)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _bmp_marks() -> re.Pattern[str]:
    """A character class of every combining mark below U+10000 (built once, ~10 ms).

    Kept to the Basic Multilingual Plane so the regex engine can use a bitmap:
    a class with astral ranges is matched range by range, ten times slower.
    """
    codes = [code for code in range(0x10000) if unicodedata.combining(chr(code))]
    ranges, start, prev = [], codes[0], codes[0]
    for code in codes[1:] + [-1]:
        if code != prev + 1:
            ranges.append(re.escape(chr(start)) if start == prev
                          else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
            start = code
        prev = code
    return re.compile("[" + "".join(ranges) + "]+")


def _drop_astral_mark(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def fold(text: str) -> str:
    """The form text is compared in: NFKD, casefolded, without combining marks."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    folded = _bmp_marks().sub("", decomposed)
    if _ASTRAL.search(folded):  # emoji, rare scripts: few characters, checked one by one
        folded = _ASTRAL.sub(_drop_astral_mark, folded)
    if any(mark in folded for mark in _PUNCTUATION):
        folded = folded.translate(_PUNCTUATION_TABLE)
    return folded


def query_terms(text: str) -> tuple[str, ...]:
    """The folded words of a query, each once, in the order typed."""
    return tuple(dict.fromkeys(fold(text or "").split()))


class Searchable(Protocol):
    """What search needs from an entry (storage.JournalEntry has it)."""

    insight_id: str | None
    question_index: int | None
    question: str
    text: str


@dataclass(frozen=True)
class SearchQuery:
    """Words to find plus optional filters; an empty query matches everything."""

    text: str = ""
    insight_id: str | None = None  # only entries about this insight
    question_index: int | None = None  # only answers to this question (of insight_id)
    notes_only: bool = False  # only free notes

    @property
    def terms(self) -> tuple[str, ...]:
        return query_terms(self.text)

    @property
    def is_empty(self) -> bool:
        return not self.terms and self.insight_id is None and self.question_index is None \
            and not self.notes_only


class Matcher:
    """A compiled query: call it with an entry to know whether it matches."""

    def __init__(self, query: SearchQuery) -> None:
        self.query = query
        self.terms = query.terms
        self._questions: dict[str, str] = {}

    def __call__(self, entry: Searchable) -> bool:
        return self.test(entry.text, entry.question, entry.insight_id, entry.question_index)

    def stored(self, doc: dict) -> bool:
        """The same test on an entry's stored fields (a dict as on disk), before it is built."""
        text, question = doc.get("text"), doc.get("question") or ""
        if not isinstance(text, str) or not isinstance(question, str):
            return False
        return self.test(text, question, doc.get("insight_id"), doc.get("question_index"))

    def test(self, text: str, question: str, insight_id: str | None, question_index: int | None) -> bool:
        q = self.query
        if q.notes_only and question_index is not None:
            return False
        if q.insight_id is not None and insight_id != q.insight_id:
            return False
        if q.question_index is not None and question_index != q.question_index:
            return False
        if not self.terms:
            return True
        haystack = fold(text)
        if all(term in haystack for term in self.terms):
            return True
        folded_question = self._questions.get(question)
        if folded_question is None:  # an insight's few questions repeat in every entry: fold once
            folded_question = self._questions[question] = fold(question)
        haystack = haystack + "\n" + folded_question
        return all(term in haystack for term in self.terms)


def search(entries: Iterable[Searchable], query: SearchQuery, limit: int) -> tuple[list, bool]:
    """The first ``limit`` matching entries (in the order given) and whether more exist.

    Reads ``entries`` only until it has ``limit + 1`` hits.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    matcher = Matcher(query)
    hits = list(islice((e for e in entries if matcher(e)), limit + 1))
    return hits[:limit], len(hits) > limit


def _fold_with_owners(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of the original one."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    parts: list[str] = []
    owners: list[int] = []
    for index, char in enumerate(text):
        folded = fold(char)
        parts.append(folded)
        owners.extend([index] * len(folded))
    return "".join(parts), owners


def highlight(text: str, terms: Iterable[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_match) runs; matches of any term are marked.

    A match never splits a letter from its accents: combining marks that
    follow a matched character are marked with it.
    """
    terms = [t for t in terms if t]
    if not text:
        return []
    if not terms:
        return [(text, False)]
    folded, owners = _fold_with_owners(text)
    marked = [False] * len(text)
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            end = start + len(term)
            first, last = owners[start], owners[end - 1]
            while last + 1 < len(text) and not fold(text[last + 1]):
                last += 1  # a following combining mark belongs to the matched letter
            for i in range(first, last + 1):
                marked[i] = True
            start = folded.find(term, end)
    runs: list[tuple[str, bool]] = []
    begin = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marked[i] != marked[begin]:
            runs.append((text[begin:i], marked[begin]))
            begin = i
    return runs
