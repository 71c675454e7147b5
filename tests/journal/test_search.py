"""Journal search: folding (accents, case), several words, filters, highlight, streaming."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.search import SearchQuery, fold, highlight, query_terms, search

UTC = timezone.utc


@dataclass
class E:
    text: str
    question: str = ""
    insight_id: str | None = "ins"
    question_index: int | None = 0
    id: str = "x"


@pytest.mark.parametrize("typed, stored", [
    ("cafe", "Café"),
    ("CAFÉ", "cafe"),
    ("cafe", "cafe\u0301"),  # e + combining acute, as some keyboards send it
    ("naive", "NAÏVE"),
    ("strasse", "Straße"),
    ("STRASSE", "straße"),
    ("resume", "Résumé"),
    ("fine", "ﬁne"),  # compatibility ligature
    ("istanbul", "İstanbul"),
    ("don't", "don’t"),  # curly apostrophe
    ("σοφια", "ΣΟΦΊΑ"),
    ("zurich", "Zürich"),
])
def test_accents_and_case_do_not_matter(typed, stored):
    assert search([E(stored)], SearchQuery(typed), 10)[0]
    assert search([E(typed)], SearchQuery(stored), 10)[0]


def test_every_word_must_match_in_any_order_and_inside_longer_words():
    entries = [E("Planning the week with my team"), E("team lunch"), E("the week ahead")]
    hits, more = search(entries, SearchQuery("team plan"), 10)
    assert [e.text for e in hits] == ["Planning the week with my team"]
    assert not more
    assert [e.text for e in search(entries, SearchQuery("  WEEK   "), 10)[0]] == [
        "Planning the week with my team", "the week ahead"]
    assert search(entries, SearchQuery("team nobody"), 10)[0] == []


def test_words_may_be_split_between_question_and_answer():
    entry = E("I ask why first", question="Which stakeholder requests?")
    assert search([entry], SearchQuery("stakeholder why"), 10)[0] == [entry]


def test_filters_by_insight_question_and_notes():
    a0 = E("alpha", insight_id="a", question_index=0)
    a1 = E("alpha", insight_id="a", question_index=1)
    b0 = E("alpha", insight_id="b", question_index=0)
    note = E("alpha", insight_id=None, question_index=None)
    entries = [a0, a1, b0, note]
    assert search(entries, SearchQuery("alpha", insight_id="a"), 10)[0] == [a0, a1]
    assert search(entries, SearchQuery("", insight_id="a", question_index=1), 10)[0] == [a1]
    assert search(entries, SearchQuery("", notes_only=True), 10)[0] == [note]
    assert search(entries, SearchQuery("beta", insight_id="a"), 10)[0] == []


def test_empty_query_is_empty_and_matches_everything():
    assert SearchQuery("   ").is_empty
    assert not SearchQuery("", insight_id="a").is_empty
    entries = [E("one"), E("two")]
    assert search(entries, SearchQuery(""), 10) == (entries, False)


def test_search_stops_reading_once_the_page_is_full():
    read = []

    def stream():
        for i in range(1000):
            read.append(i)
            yield E(f"entry {i} {'match' if i % 2 == 0 else ''}")

    hits, more = search(stream(), SearchQuery("match"), 5)
    assert len(hits) == 5 and more
    assert len(read) == 11  # 6 hits needed (one to know there is more): entries 0..10


def test_query_terms_are_folded_and_unique():
    assert query_terms("Café  CAFE cafe\u0301 Plan") == ("cafe", "plan")
    assert query_terms("") == ()


def test_highlight_marks_matches_in_the_original_text():
    runs = highlight("Un café naïve, CAFÉ et cafe\u0301!", query_terms("cafe"))
    assert runs == [("Un ", False), ("café", True), (" naïve, ", False), ("CAFÉ", True),
                    (" et ", False), ("cafe\u0301", True), ("!", False)]
    assert highlight("Straße", ["strasse"]) == [("Straße", True)]
    assert highlight("plain text", []) == [("plain text", False)]
    assert highlight("", ["x"]) == []
    assert highlight("a team and teams", ["team"]) == [
        ("a ", False), ("team", True), (" and ", False), ("team", True), ("s", False)]


def test_highlight_of_several_words_marks_each():
    runs = highlight("Plan with the TEAM", query_terms("team plan"))
    assert [piece for piece, hit in runs if hit] == ["Plan", "TEAM"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_folding_letter_by_letter_equals_folding_the_whole_text(text):
    # highlight folds one character at a time; search folds the whole text.
    assert "".join(fold(c) for c in text) == fold(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
       st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8))
def test_highlight_keeps_the_text_and_marks_only_what_search_matches(text, word):
    terms = query_terms(word)
    runs = highlight(text, terms)
    assert "".join(piece for piece, _ in runs) == text
    for piece, hit in runs:
        if hit:
            assert any(t in fold(piece) for t in terms) or any(fold(piece) in t for t in terms)
    if terms and all(t in fold(text) for t in terms):
        assert any(hit for _, hit in runs)


def test_a_stored_text_with_accents_composed_or_not_is_found_both_ways():
    composed = unicodedata.normalize("NFC", "Élan vital")
    decomposed = unicodedata.normalize("NFD", "Élan vital")
    assert search([E(composed), E(decomposed)], SearchQuery("elan"), 10)[0] == [E(composed), E(decomposed)]
