"""The review screen's choices before they are saved (screens/review.py `ReviewDraft`), without Flet."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("flet")

from screens.review import ReviewDraft, day_text  # noqa: E402

STEPS = ((0, "Ask why"), (1, "Write the outcome"), (2, "Share it"), (3, "Check it weekly"))


def test_every_step_needs_a_choice_and_the_message_names_the_first_missing_one():
    draft = ReviewDraft(STEPS)
    assert draft.problem() == "Choose keep, adapt or drop for step 1, “Ask why”."
    draft.choose(0, "keep")
    draft.choose(1, "keep")
    draft.choose(3, "drop")
    assert draft.problem() == "Choose keep, adapt or drop for step 3, “Share it”."
    draft.choose(2, "adapt")
    assert draft.problem() is None


def test_adapting_starts_from_the_books_words_and_refuses_an_empty_rewrite():
    draft = ReviewDraft(STEPS)
    for index, _title in STEPS:
        draft.choose(index, "keep")
    draft.choose(1, "adapt")
    assert draft.texts[1] == "Write the outcome"
    draft.write(1, "   ")
    assert draft.problem() == "Write step 2 in your own words, or keep or drop it."
    draft.write(1, "Name one number that should move")
    assert draft.problem() is None
    # Choosing adapt again keeps what was written.
    draft.choose(1, "keep")
    draft.choose(1, "adapt")
    assert draft.texts[1] == "Name one number that should move"


def test_unknown_choice_is_refused():
    with pytest.raises(ValueError, match="kept, adapted or dropped"):
        ReviewDraft(STEPS).choose(0, "maybe")


def test_summary_counts_each_choice_and_the_reason_field_follows_a_drop():
    draft = ReviewDraft(STEPS)
    assert draft.summary() == "" and not draft.drops_any()
    draft.choose(0, "keep")
    draft.choose(1, "keep")
    draft.choose(2, "adapt")
    assert not draft.drops_any()
    draft.choose(3, "drop")
    assert draft.drops_any()
    assert draft.summary() == "Kept 2 steps, adapted 1, dropped 1."
    only_drops = ReviewDraft(STEPS[:1])
    only_drops.choose(0, "drop")
    assert only_drops.summary() == "Dropped 1 step."


def test_days_carry_the_year_only_when_it_is_not_this_one():
    assert day_text(date(2026, 11, 3), date(2026, 12, 2)) == "3 Nov"
    assert day_text(date(2025, 12, 30), date(2026, 1, 2)) == "30 Dec 2025"
