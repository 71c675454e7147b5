"""Reviews as the screens see them (issue #19): "Did it work for me?", kept habits, what works.

    review = practice.review
    review.due()                     -> ReviewOffer | None   (Today's "Review <title>")
    review.state(insight_id)         -> ReviewState           (the review screen)
    review.record(insight_id, [StepChoice(0, "keep"), StepChoice(1, "adapt", "my words"), ...])
    review.habits()                  -> Today's "Your habits"; check(key, done), retire(key)
    review.what_works()              -> the *What works for me* page

Joins the practice history, outcomes, journal, mission and the verdicts
(storage/verdicts.py) with the plain rules in review/. A habit's check-in is
its step's check-in on its insight: it counts for the habit's own runs, never
for the daily streak (only finished days do).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from review.evidence import evidence_line, outcome_part, outcome_words
from review.habits import (ADAPT, CHOICES, DROP, KEEP, current_verdicts, with_drops, habit_key, habits,
                           parse_habit_key)
from review.marks import current_run, due_mark, handled_marks, longest_run, practised_days, reached_on
from storage.verdicts import StepVerdict, Verdict, new_verdict_id


@dataclass(frozen=True)
class ReviewOffer:
    """Today offers *Review "<title>"*."""

    insight_id: str
    title: str
    mark: int  # 7 or 30
    practised_days: int


@dataclass(frozen=True)
class OutcomeTrend:
    """The insight's outcome since it started: the chart's points and the same figures in words."""

    name: str
    kind: str  # "number" | "yes_no"
    points: tuple[tuple[date, float | bool], ...]
    words: str


@dataclass(frozen=True)
class StepEvidence:
    index: int
    title: str
    body: str
    days: int  # days it was checked
    longest_run: int
    choice: str | None  # in the latest verdict
    text: str | None  # the user's own words, if adapted


@dataclass(frozen=True)
class AnswerEvidence:
    question: str
    text: str
    day: date
    follow_ups: tuple[tuple[date, str], ...]


@dataclass(frozen=True)
class ReviewState:
    """Everything the review screen puts side by side."""

    insight_id: str
    title: str
    book_line: str  # "Insight 2 of 8 · Book title"
    started: date  # first practised day
    practised_days: int
    mark: int | None  # the due mark, if any
    outcome: OutcomeTrend | None
    steps: tuple[StepEvidence, ...]
    answers: tuple[AnswerEvidence, ...]
    mission: str | None
    earlier: tuple[Verdict, ...]  # newest first


@dataclass(frozen=True)
class StepChoice:
    step_index: int
    choice: str  # "keep" | "adapt" | "drop"
    text: str | None = None  # own words, required for "adapt"


@dataclass(frozen=True)
class HabitCard:
    """One kept or adapted step on Today's "Your habits"."""

    key: str  # "<insight id>#<step index>"
    text: str
    original: str | None  # the step's own title when adapted, else None
    insight_title: str
    done_today: bool
    run: int  # days in a row, ending today or yesterday
    choice: str


@dataclass(frozen=True)
class WorkLine:
    key: str
    text: str
    line: str  # the evidence line


@dataclass(frozen=True)
class DroppedLine:
    """An insight whose current verdict let steps go: all of them ("tried, not for me") or some."""

    insight_id: str
    title: str
    day: date
    reason: str | None
    steps: tuple[str, ...] = ()  # the dropped steps' words
    whole: bool = True  # every step dropped


@dataclass(frozen=True)
class WhatWorks:
    kept: tuple[WorkLine, ...]
    dropped: tuple[DroppedLine, ...]


class Review:
    """Reviews, habits and *What works for me* for one user (``DailyPractice.review``)."""

    def __init__(self, practice) -> None:
        self.practice = practice

    @property
    def _store(self):
        return self.practice.store

    # --- practised days ---------------------------------------------------------
    def _finished_by_insight(self) -> dict[str, set[date]]:
        # Read once per change of the practice files (DailyPractice.memo): Today asks `due()`
        # on every render, and ten years of days are ~200 ms to walk insight by insight.
        return self.practice.memo("review-finished", self._store.practice.finished_by_insight)

    def _all_step_days(self) -> dict[tuple[str, int], list[date]]:
        return self.practice.memo("review-steps", self._store.practice.step_days)

    def _step_days(self, insight_id: str, count: int, every=None) -> list[frozenset[date]]:
        every = self._all_step_days() if every is None else every
        return [frozenset(every.get((insight_id, i), ())) for i in range(count)]

    def _step_count(self, insight_id: str) -> int:
        insight = self.practice.insight(insight_id)
        if insight is not None:
            return len(insight.steps)
        latest = self._store.verdicts.latest(insight_id)
        return 1 + max((s.step_index for s in latest.steps), default=-1) if latest else 0

    def _practised(self, insight_id: str, finished: dict[str, set[date]] | None = None,
                   every: dict[tuple[str, int], list[date]] | None = None) -> frozenset[date]:
        finished = self._finished_by_insight() if finished is None else finished
        return practised_days(finished.get(insight_id, ()),
                              self._step_days(insight_id, self._step_count(insight_id), every))

    def _handled(self, insight_id: str) -> frozenset[int]:
        verdicts = self._store.verdicts
        return handled_marks((v.mark for v in verdicts.for_insight(insight_id)),
                             (d.mark for d in verdicts.dismissals() if d.insight_id == insight_id))

    # --- the offer ---------------------------------------------------------------
    def due(self) -> ReviewOffer | None:
        """The review Today offers; of several, the one that reached its mark earliest."""
        finished = self._finished_by_insight()
        every = self._all_step_days()
        offers = []
        for insight in self.practice.insights:
            days = self._practised(insight.id, finished, every)
            mark = due_mark(len(days), self._handled(insight.id))
            if mark is not None:
                offers.append((reached_on(days, mark), insight.position, insight.id,
                               ReviewOffer(insight.id, insight.title, mark, len(days))))
        return min(offers)[-1] if offers else None

    def dismiss(self, insight_id: str, mark: int) -> None:
        """'Later': the offer at this mark is not shown again."""
        self._store.verdicts.dismiss(insight_id, mark, self.practice.today())

    def can_review(self, insight_id: str) -> bool:
        """Practised on at least one day (a review can be opened from the book page or day record)."""
        return self.practice.insight(insight_id) is not None and bool(self._practised(insight_id))

    # --- the review screen ----------------------------------------------------------
    def state(self, insight_id: str) -> ReviewState | None:
        insight = self.practice.insight(insight_id)
        if insight is None:
            return None
        days = self._practised(insight_id)
        if not days:
            return None
        today = self.practice.today()
        started = min(days)
        verdicts = self._store.verdicts.for_insight(insight_id)
        latest = {s.step_index: s for s in verdicts[0].steps} if verdicts else {}
        step_days = self._step_days(insight_id, len(insight.steps))
        steps = []
        for index, step in enumerate(insight.steps):
            chosen = latest.get(index)
            steps.append(StepEvidence(
                index=index, title=step.title, body=step.body, days=len(step_days[index]),
                longest_run=longest_run(step_days[index]),
                choice=chosen.choice if chosen else None,
                text=chosen.text if chosen and chosen.choice == ADAPT else None))
        mission = self._store.mission.as_of(started) or self._store.mission.current()
        return ReviewState(
            insight_id=insight_id,
            title=insight.title,
            book_line=self.practice.library.position_label(insight),
            started=started,
            practised_days=len(days),
            mark=due_mark(len(days), self._handled(insight_id)),
            outcome=self._outcome(insight_id, started, today),
            steps=tuple(steps),
            answers=self._answers(insight_id, started),
            mission=mission.text if mission else None,
            earlier=tuple(verdicts),
        )

    def _outcome(self, insight_id: str, started: date, today: date) -> OutcomeTrend | None:
        outcome = self._store.outcomes.get(insight_id)
        if outcome is None:
            return None
        points = tuple((log.day, log.value) for log in self._store.outcomes.history(insight_id, started, today))
        return OutcomeTrend(outcome.name, outcome.kind, points, outcome_words(outcome.kind, points, today))

    def _answers(self, insight_id: str, started: date) -> tuple[AnswerEvidence, ...]:
        """The insight's answered questions, oldest first, each with its looking-back follow-ups."""
        answers, notes = [], []
        for entry in self._store.journal.entries_oldest_first():
            if entry.insight_id != insight_id:
                continue
            if entry.question_index is None:
                notes.append(entry)
            elif entry.text.strip():
                answers.append(entry)
        links = self.practice.journal.follow_ups_for(notes)
        text_of = {n.id: (n.day, n.text) for n in notes}
        found = []
        for entry in answers:
            follow = tuple(sorted(text_of[n] for n, link in links.items() if link.original_id == entry.id))
            found.append(AnswerEvidence(entry.question, entry.text, entry.day, follow))
        return tuple(found)

    def record(self, insight_id: str, choices: Sequence[StepChoice], reason: str = "") -> Verdict:
        """Keep, adapt or drop each step of the insight; every step must be chosen."""
        insight = self.practice.insight(insight_id)
        if insight is None:
            raise ValueError(f"there is no insight with the id {insight_id!r}")
        by_index: dict[int, StepChoice] = {}
        for chosen in choices:
            if chosen.choice not in CHOICES:
                raise ValueError(f"step {chosen.step_index + 1}: the choice must be keep, adapt or drop, "
                                 f"not {chosen.choice!r}")
            if not 0 <= chosen.step_index < len(insight.steps):
                raise ValueError(f"{insight.title!r} has no step {chosen.step_index + 1}")
            if chosen.step_index in by_index:
                raise ValueError(f"step {chosen.step_index + 1} is chosen twice")
            if chosen.choice == ADAPT and not (chosen.text or "").strip():
                raise ValueError(f"step {chosen.step_index + 1}: to adapt a step, write it in your own words")
            by_index[chosen.step_index] = chosen
        missing = [i + 1 for i in range(len(insight.steps)) if i not in by_index]
        if missing:
            raise ValueError(f"choose keep, adapt or drop for every step (missing: step "
                             f"{', '.join(map(str, missing))})")
        steps = tuple(
            StepVerdict(i, insight.steps[i].title,
                        by_index[i].text if by_index[i].choice == ADAPT else insight.steps[i].title,
                        by_index[i].choice)
            for i in range(len(insight.steps)))
        verdict = Verdict(
            id=new_verdict_id(), insight_id=insight_id, insight_title=insight.title, book_title=insight.book,
            day=self.practice.today(), mark=len(self._practised(insight_id)), steps=steps,
            reason=reason or "", recorded_at=self.practice.now())
        return self._store.verdicts.record(verdict)

    # --- habits -------------------------------------------------------------------------
    def _habits(self):
        verdicts = self._store.verdicts
        return habits(verdicts.all(), verdicts.retirements())

    def habits(self) -> tuple[HabitCard, ...]:
        """The kept and adapted steps, whatever today's insight is (also when its book is gone)."""
        today = self.practice.today()
        cards = []
        for verdict, step in self._habits():
            days = self._all_step_days().get((verdict.insight_id, step.step_index), [])
            cards.append(HabitCard(
                key=habit_key(verdict.insight_id, step.step_index), text=step.text,
                original=step.original if step.choice == ADAPT else None,
                insight_title=verdict.insight_title, done_today=today in days,
                run=current_run(days, today), choice=step.choice))
        return tuple(cards)

    def _habit(self, key: str):
        insight_id, index = parse_habit_key(key)
        for verdict, step in self._habits():
            if verdict.insight_id == insight_id and step.step_index == index:
                return verdict, step
        raise ValueError(f"{key!r} is not one of your habits")

    def check(self, key: str, done: bool) -> None:
        """Today's check-in of a habit: its step's check-in; never counts for the daily streak."""
        verdict, step = self._habit(key)
        self._store.practice.set_step_done(verdict.insight_id, step.step_index, self.practice.today(),
                                           bool(done), self.practice.now())

    def retire(self, key: str) -> None:
        """The habit leaves "Your habits" (its history stays)."""
        verdict, step = self._habit(key)
        self._store.verdicts.retire(verdict.insight_id, step.step_index, self.practice.today(),
                                    self.practice.now())

    # --- what works for me -------------------------------------------------------------------
    def what_works(self) -> WhatWorks:
        today = self.practice.today()
        finished = self._finished_by_insight()
        verdicts = self._store.verdicts.all()
        kept = []
        for verdict, step in habits(verdicts, self._store.verdicts.retirements()):
            kept.append(WorkLine(habit_key(verdict.insight_id, step.step_index), step.text,
                                 self._evidence(verdict, step, finished, today)))
        gone = tuple(DroppedLine(v.insight_id, v.insight_title, v.day, v.reason or None,
                                 tuple(s.text for s in v.steps if s.choice == "drop"),
                                 all(s.choice == "drop" for s in v.steps))
                     for v in with_drops(verdicts))
        return WhatWorks(tuple(kept), gone)

    def _evidence(self, verdict: Verdict, step: StepVerdict, finished: dict[str, set[date]], today: date) -> str:
        days = self._practised(verdict.insight_id, finished)
        started = min(days) if days else verdict.day
        checked = [d for d in self._all_step_days().get((verdict.insight_id, step.step_index), [])
                   if started <= d <= today]
        span = (today - started).days + 1
        part = None
        outcome = self._store.outcomes.get(verdict.insight_id)
        if outcome is not None:
            values = [log.value for log in self._store.outcomes.history(verdict.insight_id, started, today)]
            part = outcome_part(outcome.name, outcome.kind, values)
        return evidence_line(step.text, step.choice, verdict.day, today, len(checked), span, part)

    # --- what reviews teach the recommendations ------------------------------------------------
    def tried(self):
        """Per book, from the current verdicts: habits kept or adapted, insights dropped
        (library.recommend.Tried), for the next-book suggestion."""
        from library.recommend import Tried

        library = self.practice.library
        verdicts = self._store.verdicts
        current = current_verdicts(verdicts.all())
        live = {(v.insight_id, s.step_index) for v, s in habits(current.values(), verdicts.retirements())}
        by_book: dict[str, list[int]] = {}
        titles: dict[str, tuple[str, tuple[str, ...]]] = {}
        for verdict in current.values():
            insight = self.practice.insight(verdict.insight_id)
            book = library.book(insight.book_id) if insight is not None else None
            key = book.id if book is not None else f"title:{verdict.book_title}"
            titles[key] = (book.title if book else verdict.book_title, tuple(book.themes) if book else ())
            counts = by_book.setdefault(key, [0, 0])
            counts[0] += sum(1 for s in verdict.steps if (verdict.insight_id, s.step_index) in live)
            counts[1] += int(bool(verdict.steps) and all(s.choice == DROP for s in verdict.steps))
        return [Tried(titles[k][0], titles[k][1], kept, gone) for k, (kept, gone) in by_book.items()]


__all__ = ["AnswerEvidence", "DroppedLine", "HabitCard", "OutcomeTrend", "Review", "ReviewOffer", "ReviewState",
           "StepChoice", "StepEvidence", "WhatWorks", "WorkLine", "KEEP", "ADAPT", "DROP"]
