"""Reviews (issue #19): rules in review/, storage/verdicts.py, daily/review.py, export/import, the
recommendation's reason. Fixed dates and a fixed clock throughout."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from content import Insight, Step
from daily.practice import DailyPractice
from daily.review import StepChoice
from habit.clock import FixedClock
from journal.importing import ImportRejected, parse_export
from journal.service import export_json, export_markdown, import_json
from library.recommend import Tried, prefer_kept, reason_line
from review.evidence import evidence_line, outcome_part, outcome_words, short_day
from review.marks import current_run, due_mark, handled_marks, longest_run, practised_days
from storage import Store

ZONE = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 2, 9, 0, tzinfo=ZONE)
D = date(2026, 11, 2)


def make(book: str, n: int, steps: int = 4) -> Insight:
    return Insight(id=f"{book}-{n}", book_id=book, title=f"{book.title()} idea {n}", book=book.title(),
                   author="A", year=2001, position=n, book_insights=2, difficulty="Easy", story=("w",),
                   achieve="", steps=tuple(Step(f"Step {i + 1}", f"Do {i + 1}") for i in range(steps)),
                   questions=("Why?",), tips=())


INSIGHTS = (make("alpha", 1), make("alpha", 2), make("beta", 1))


@pytest.fixture
def app(tmp_path):
    clock = FixedClock(START)
    store = Store.open(tmp_path / "data", now=clock.now, daily_backup=False)
    practice = DailyPractice(store, INSIGHTS, clock)
    yield practice, clock, tmp_path
    store.close()


def tick(practice, insight_id, day, step=0):
    practice.store.practice.set_step_done(insight_id, step, day, True, START)


# -- rules --------------------------------------------------------------------------------


def test_due_marks_count_practised_days_and_are_offered_once():
    assert due_mark(6, set()) is None and due_mark(7, set()) == 7 and due_mark(29, set()) == 7
    assert due_mark(30, set()) == 30 and due_mark(30, {30}) is None
    assert due_mark(9, handled_marks([7], [])) is None  # a verdict at 7
    assert due_mark(31, handled_marks([8], [])) == 30  # offered again at 30
    assert due_mark(31, handled_marks([30], [])) is None
    assert due_mark(12, handled_marks([], [7])) is None  # "Later" at 7
    assert practised_days([D], [[D, D + timedelta(2)], [D + timedelta(5)]]) == {D, D + timedelta(2), D + timedelta(5)}


def test_runs():
    days = [D, D + timedelta(1), D + timedelta(2), D + timedelta(5), D + timedelta(6)]
    assert longest_run(days) == 3 and longest_run([]) == 0
    assert current_run(days, D + timedelta(6)) == 2 and current_run(days, D + timedelta(7)) == 2
    assert current_run(days, D + timedelta(8)) == 0


def test_evidence_line_with_and_without_an_outcome_and_yes_no():
    today = date(2026, 12, 31)
    assert evidence_line("Ask why before building", "keep", date(2026, 11, 3), today, 41, 60,
                         outcome_part("checkout completion", "number", [61.0, 64.5, 68.0])) == \
        "Ask why before building · kept 3 Nov · practised 41 of 60 days · checkout completion 61 → 68"
    assert evidence_line("My words", "adapt", date(2025, 11, 3), today, 1, 1) == \
        "My words · adapted 3 Nov 2025 · practised 1 of 1 day"
    assert outcome_part("ran", "yes_no", [True, False, True]) == "ran: yes on 2 of 3 logged days"
    assert outcome_part("ran", "number", [3.0]) is None
    assert outcome_words("number", [(date(2026, 11, 3), 61.0), (date(2026, 11, 10), 68.5)], today) == \
        "From 61 on 3 Nov to 68.5 on 10 Nov, 2 logs"
    assert short_day(date(2025, 1, 9), today) == "9 Jan 2025"


def test_recommendation_prefers_kept_themes_and_says_why():
    class B:
        def __init__(self, id, *themes):
            self.id, self.themes = id, themes
    ranked = [B("p", "product"), B("f", "focus"), B("t", "thinking")]
    tried = [Tried("Atomic Habits", ("focus",), kept=2, dropped=0), Tried("Build Trap", ("product",), 0, 1)]
    found = prefer_kept(ranked, tried)
    assert found.book.id == "f" and found.reason == "Because you kept two habits from Atomic Habits"
    assert prefer_kept(ranked, [tried[1]]).book.id == "f" and prefer_kept(ranked, [tried[1]]).reason is None
    assert prefer_kept(ranked, []).book.id == "p"
    assert prefer_kept(ranked, tried, eligible=lambda b: b.id != "f").book.id == "t"
    assert reason_line(1, "X") == "Because you kept one habit from X" and reason_line(12, "X").endswith("12 habits from X")


# -- storage ---------------------------------------------------------------------------------


def test_verdicts_are_kept_as_history_across_a_reopen(app):
    practice, clock, tmp = app
    for n in range(7):
        tick(practice, "alpha-1", D - timedelta(n), step=n % 2)  # steps-only days count
    first = practice.review.record("alpha-1", [StepChoice(i, "keep") for i in range(4)])
    clock.advance(timedelta(days=1))
    second = practice.review.record("alpha-1", [StepChoice(i, "drop") for i in range(4)], reason="too slow")
    practice.store.close()
    store = Store.open(tmp / "data", now=clock.now, daily_backup=False)
    assert [v.id for v in store.verdicts.for_insight("alpha-1")] == [second.id, first.id]
    assert store.verdicts.latest("alpha-1").reason == "too slow" and first.mark == 7
    store.close()


def test_a_damaged_verdicts_file_is_moved_aside(tmp_path):
    clock = FixedClock(START)
    Store.open(tmp_path / "d", now=clock.now, daily_backup=False).close()
    (tmp_path / "d" / "verdicts.json").write_text('{"verdicts": {', encoding="utf-8")
    store = Store.open(tmp_path / "d", now=clock.now, daily_backup=False)
    assert any("verdicts.json" in p for p in store.problems) and store.verdicts.all() == []
    store.close()


# -- the service ---------------------------------------------------------------------------


def test_due_offer_dismissal_and_offered_again_at_30(app):
    practice, clock, _ = app
    review = practice.review
    for n in range(6):
        tick(practice, "alpha-1", D - timedelta(n))
    assert review.due() is None and review.can_review("alpha-1") and not review.can_review("beta-1")
    practice.store.practice.mark_finished("alpha-1", D - timedelta(10), START)
    offer = review.due()
    assert (offer.insight_id, offer.mark, offer.practised_days) == ("alpha-1", 7, 7)
    review.dismiss("alpha-1", 7)
    assert review.due() is None
    for n in range(11, 34):
        tick(practice, "alpha-1", D - timedelta(n), step=3)
    assert review.due().mark == 30
    review.record("alpha-1", [StepChoice(0, "keep"), StepChoice(1, "adapt", "Mine"), StepChoice(2, "drop"),
                              StepChoice(3, "keep")])
    assert review.due() is None and review.state("alpha-1").mark is None


def test_record_checks_choices(app):
    practice, _, _ = app
    tick(practice, "alpha-1", D)
    with pytest.raises(ValueError, match="own words"):
        practice.review.record("alpha-1", [StepChoice(0, "adapt", "  ")] + [StepChoice(i, "keep") for i in (1, 2, 3)])
    with pytest.raises(ValueError, match="missing: step 4"):
        practice.review.record("alpha-1", [StepChoice(i, "keep") for i in range(3)])


def test_state_puts_the_evidence_side_by_side(app):
    practice, clock, _ = app
    practice.store.mission.save("Ship what matters", D - timedelta(5), START)
    for n, value in ((4, 61), (2, 64), (0, 68)):
        tick(practice, "alpha-1", D - timedelta(n), step=1)
    practice.store.outcomes.define("alpha-1", "checkout completion", "number", START)
    for n, value in ((4, 61), (2, 64), (0, 68)):
        practice.store.outcomes.log("alpha-1", D - timedelta(n), value, START)
    practice.save_answer("alpha-1", 0, "Because it helps")
    state = practice.review.state("alpha-1")
    assert state.book_line == "Insight 1 of 2 · Alpha" and state.started == D - timedelta(4)
    assert state.practised_days == 3 and state.mission == "Ship what matters"
    assert state.outcome.words == "From 61 on 29 Oct to 68 on 2 Nov, 3 logs"
    assert [(s.days, s.longest_run) for s in state.steps] == [(0, 0), (3, 1), (0, 0), (0, 0)]
    assert state.answers[0].text == "Because it helps" and state.earlier == ()


def test_habits_after_keep_adapt_drop_and_retire_and_the_streak_stays(app):
    practice, clock, _ = app
    tick(practice, "alpha-1", D)
    practice.review.record("alpha-1", [StepChoice(0, "keep"), StepChoice(1, "adapt", "Ask twice"),
                                       StepChoice(2, "drop"), StepChoice(3, "keep")])
    cards = practice.review.habits()
    assert [(c.key, c.text, c.original) for c in cards] == [
        ("alpha-1#0", "Step 1", None), ("alpha-1#1", "Ask twice", "Step 2"), ("alpha-1#3", "Step 4", None)]
    clock.advance(timedelta(days=1))
    streak = practice.streak()
    practice.review.check("alpha-1#1", True)
    assert practice.streak() == streak  # habits never count for the daily streak
    card = next(c for c in practice.review.habits() if c.key == "alpha-1#1")
    assert card.done_today and card.run == 1
    practice.review.retire("alpha-1#0")
    assert [c.key for c in practice.review.habits()] == ["alpha-1#1", "alpha-1#3"]
    with pytest.raises(ValueError):
        practice.review.check("alpha-1#2", True)  # dropped: not a habit


def test_a_habit_survives_its_book_being_gone(app):
    practice, clock, _ = app
    tick(practice, "beta-1", D)
    practice.review.record("beta-1", [StepChoice(i, "keep") for i in range(4)])
    without = DailyPractice(practice.store, INSIGHTS[:2], clock)
    assert [c.text for c in without.review.habits()] == ["Step 1", "Step 2", "Step 3", "Step 4"]
    assert without.review.habits()[0].insight_title == "Beta idea 1"
    without.review.check("beta-1#0", True)
    assert len(without.review.what_works().kept) == 4


def test_what_works_and_the_markdown_section(app):
    practice, clock, _ = app
    for n in range(3):
        tick(practice, "alpha-1", D - timedelta(n))
    tick(practice, "beta-1", D)
    practice.review.record("alpha-1", [StepChoice(0, "keep")] + [StepChoice(i, "drop") for i in (1, 2, 3)])
    practice.review.record("beta-1", [StepChoice(i, "drop") for i in range(4)], reason="Not for my team")
    works = practice.review.what_works()
    assert [w.line for w in works.kept] == ["Step 1 · kept 2 Nov · practised 3 of 3 days"]
    # Every verdict that let steps go: some of them (with their words), or all ("tried, not for me").
    # (Both recorded at the same moment of the fixed clock: compared in title order.)
    assert sorted((d.title, d.reason, d.steps, d.whole) for d in works.dropped) == [
        ("Alpha idea 1", None, ("Step 2", "Step 3", "Step 4"), False),
        ("Beta idea 1", "Not for my team", ("Step 1", "Step 2", "Step 3", "Step 4"), True)]
    md = export_markdown(practice.store, clock.now(), what_works=works).decode()
    assert "## What works for me" in md and "- Step 1 · kept 2 Nov" in md and "Not for my team" in md
    assert "- Alpha idea 1 (Step 2, Step 3, Step 4) · dropped 2 November 2026" in md
    assert "- Beta idea 1 · dropped 2 November 2026 · Not for my team" in md
    assert "What works" not in export_markdown(practice.store, clock.now()).decode()


def test_library_suggestion_carries_the_reason(app):
    practice, _, _ = app
    tick(practice, "alpha-1", D)
    practice.review.record("alpha-1", [StepChoice(i, "keep") for i in range(2)] +
                           [StepChoice(i, "drop") for i in (2, 3)])
    tried = practice.review.tried()
    assert [(t.book_title, t.kept, t.dropped) for t in tried] == [("Alpha", 2, 0)]


# -- export and import ---------------------------------------------------------------------


def test_export_import_round_trip_twice_changes_nothing(app, tmp_path):
    practice, clock, _ = app
    tick(practice, "alpha-1", D)
    practice.review.record("alpha-1", [StepChoice(0, "adapt", "Mine 🌱")] + [StepChoice(i, "keep") for i in (1, 2, 3)])
    practice.review.dismiss("alpha-1", 7)
    practice.review.retire("alpha-1#2")
    raw = export_json(practice.store, clock.now())
    target = Store.open(tmp_path / "other", now=clock.now, daily_backup=False)
    report = import_json(target, raw, backup=False)
    assert report.verdicts_added == 3
    assert target.verdicts.all() == practice.store.verdicts.all()
    assert target.verdicts.retirements() == practice.store.verdicts.retirements()
    assert target.verdicts.dismissals() == practice.store.verdicts.dismissals()
    again = import_json(target, raw, backup=False)
    assert not again.changed and again.verdicts_added == 0
    target.close()


def test_old_exports_still_import_and_a_bad_verdict_is_named(app):
    practice, clock, _ = app
    tick(practice, "alpha-1", D)
    verdict = practice.review.record("alpha-1", [StepChoice(i, "keep") for i in range(4)])
    document = json.loads(export_json(practice.store, clock.now()))
    old = {k: v for k, v in document.items() if k not in ("verdicts", "dismissals", "retirements")}
    old["counts"] = {k: v for k, v in old["counts"].items() if k in ("entries", "reviews", "follow_ups")}
    assert parse_export(json.dumps(old).encode()).verdicts == []
    document["verdicts"][0]["steps"][0]["choice"] = "maybe"
    with pytest.raises(ImportRejected, match=rf'Verdict 1 \({verdict.id}\), step 1: "choice"'):
        parse_export(json.dumps(document).encode())
    document["verdicts"][0]["steps"][0]["choice"] = "keep"
    del document["verdicts"][0]["recorded_at"]
    with pytest.raises(ImportRejected, match='is missing "recorded_at"'):
        parse_export(json.dumps(document).encode())
