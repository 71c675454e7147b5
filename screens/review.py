"""Review an insight at /review/:insight_id: did it work for me? Keep, adapt or drop each step.

One phone screen puts the evidence side by side (the outcome since the insight
started, each step's check-ins, the answers with their follow-ups, the mission
line it served, earlier verdicts), then asks one question per step. The choices
being made are `ReviewDraft` (plain, tested without Flet); what is due, what
counts and what is kept are decided in `daily/review.py` and `review/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import flet as ft

from daily.review import StepChoice
from screens import theme
from screens.outcome import trend_chart
from screens.services import use_services

#: The three answers to "Did it work for me?", in the order they are offered.
CHOICES = ("keep", "adapt", "drop")
CHOICE_LABELS = {"keep": "Keep", "adapt": "Adapt", "drop": "Drop"}
CHOICE_PAST = {"keep": "kept", "adapt": "adapted", "drop": "dropped"}

SAVE = "Save my review"


def review_route(insight_id: str) -> str:
    """The address of an insight's review."""
    return f"/review/{insight_id}"


def day_text(day: date, today: date) -> str:
    """'3 Nov', with the year when it is not this year's."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def times(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass
class ReviewDraft:
    """The answers being given on the review screen, before they are saved.

    `steps` are (index, title) of the insight's steps. A step starts with the
    choice of the latest verdict, if any (a later review shows the earlier one).
    """

    steps: tuple[tuple[int, str], ...]
    choices: dict[int, str] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)
    reason: str = ""

    def choose(self, index: int, choice: str) -> None:
        if choice not in CHOICES:
            raise ValueError(f"a step is kept, adapted or dropped, not {choice!r}")
        self.choices[index] = choice
        if choice == "adapt" and not self.texts.get(index):
            self.texts[index] = dict(self.steps)[index]

    def write(self, index: int, text: str) -> None:
        self.texts[index] = text

    def drops_any(self) -> bool:
        return "drop" in self.choices.values()

    def problem(self) -> str | None:
        """What still stops saving, in the user's words; None when it can be saved."""
        for index, title in self.steps:
            choice = self.choices.get(index)
            if choice is None:
                return f"Choose keep, adapt or drop for step {index + 1}, “{title}”."
            if choice == "adapt" and not self.texts.get(index, "").strip():
                return f"Write step {index + 1} in your own words, or keep or drop it."
        return None

    def summary(self) -> str:
        """'Kept 2 steps, adapted 1, dropped 1.'"""
        counts = [(CHOICE_PAST[c], sum(1 for v in self.choices.values() if v == c)) for c in CHOICES]
        parts = [f"{word} {n}" for word, n in counts if n]
        if not parts:
            return ""
        first_word, first_n = parts[0].split(" ")
        parts[0] = f"{first_word.capitalize()} {times(int(first_n), 'step')}"
        return ", ".join(parts) + "."


@dataclass(frozen=True)
class _Point:
    """One logged value, as the outcome chart draws it."""

    day: date
    value: float | bool


def outcome_section(trend, started: date, today: date) -> list[ft.Control]:
    if trend is None:
        return [theme.section_title("Outcome"),
                theme.body("You did not name an outcome for this insight, so there is no trend to "
                           "look at. The steps and your answers below are the evidence.",
                           color=ft.Colors.ON_SURFACE_VARIANT)]
    days = max(8, (today - started).days + 1)
    points = [_Point(day, value) for day, value in trend.points]
    chart = ft.Semantics(
        label=f"Chart of {trend.name} since {day_text(started, today)}: {trend.words}",
        exclude_semantics=True,
        content=ft.Container(trend_chart(trend.kind, points, started, days),
                             padding=ft.Padding.only(top=8, right=8)),
    )
    return [theme.section_title("Outcome"),
            ft.Text(trend.name, size=17, weight=ft.FontWeight.W_500, style=ft.TextStyle(height=1.45)),
            chart, theme.caption(trend.words)]


def step_evidence(step) -> str:
    if step.days == 0:
        return "Not checked off yet"
    return f"Checked off on {times(step.days, 'day')} · longest run {times(step.longest_run, 'day')}"


@ft.component
def StepCard(step, chosen: str | None, text: str, on_choose, on_write):
    """One step: its check-ins, and Keep / Adapt / Drop (with its own words when adapted)."""
    label = f"Step {step.index + 1}: {step.title}"
    controls: list[ft.Control] = [
        ft.Text(f"{step.index + 1}. {step.title}", size=17, weight=ft.FontWeight.W_600,
                style=ft.TextStyle(height=1.35)),
        theme.caption(step_evidence(step)),
        ft.Semantics(
            label=f"{label}. Keep, adapt or drop?",
            container=True,
            content=ft.RadioGroup(
                value=chosen,
                on_change=lambda e: on_choose(step.index, e.control.value),
                content=ft.Row([
                    ft.Radio(value=choice, label=CHOICE_LABELS[choice],
                             label_style=ft.TextStyle(size=16, color=ft.Colors.ON_SURFACE))
                    for choice in CHOICES
                ], spacing=0),
            ),
        ),
    ]
    if chosen == "adapt":
        controls.append(ft.TextField(
            value=text,
            label=f"Step {step.index + 1} in your own words",
            max_length=120,  # a step is one line
            text_size=16,
            on_change=lambda e: on_write(step.index, e.control.value or ""),
        ))
        controls.append(theme.caption(f"Kept beside the book's words: “{step.title}”"))
    return ft.Card(
        margin=0,
        semantic_container=False,
        content=ft.Container(padding=ft.Padding.only(left=16, right=12, top=14, bottom=8),
                             content=ft.Column(controls, spacing=6)),
    )


def answers_section(answers, today: date) -> list[ft.Control]:
    controls: list[ft.Control] = [theme.section_title("What you wrote")]
    if not answers:
        controls.append(theme.body("No reflection answers for this insight yet.",
                                   color=ft.Colors.ON_SURFACE_VARIANT))
    for answer in answers:
        items: list[ft.Control] = [
            ft.Text(answer.question, size=15, weight=ft.FontWeight.W_500,
                    color=ft.Colors.ON_SURFACE_VARIANT, style=ft.TextStyle(height=1.4)),
            theme.body(answer.text),
            theme.caption(f"Written {day_text(answer.day, today)}"),
        ]
        for day, text in answer.follow_ups:
            items.append(ft.Container(
                padding=ft.Padding.only(left=12),
                border=ft.Border.only(left=ft.BorderSide(3, ft.Colors.PRIMARY)),
                content=ft.Column([theme.caption(f"Looking back, {day_text(day, today)}"),
                                   theme.body(text)], spacing=2),
            ))
        controls.append(ft.Column(items, spacing=4))
    return controls


def earlier_line(verdict, today: date) -> str:
    counts = {c: sum(1 for s in verdict.steps if s.choice == c) for c in CHOICES}
    parts = [f"{CHOICE_PAST[c]} {counts[c]}" for c in CHOICES if counts[c]]
    line = f"{day_text(verdict.day, today)}, after {times(verdict.mark, 'day')}: " + ", ".join(parts)
    return line + (f". “{verdict.reason}”" if verdict.reason else "")


@ft.component
def ReviewScreen():
    services = use_services()
    practice = services.practice
    review = practice.review
    library = services.library
    page = ft.context.page
    insight_id = ft.use_route_params().get("insight_id") or ""
    state = ft.use_memo(lambda: review.state(insight_id), [insight_id])
    draft_ref = ft.use_ref(None)
    if draft_ref.current is None and state is not None:
        draft = ReviewDraft(tuple((s.index, s.title) for s in state.steps))
        for s in state.steps:
            if s.choice is not None:
                draft.choose(s.index, s.choice)
                if s.choice == "adapt" and s.text:
                    draft.write(s.index, s.text)
        draft_ref.current = draft
    draft: ReviewDraft | None = draft_ref.current
    _version, set_version = ft.use_state(0)  # bumped when the draft changes
    problem, set_problem = ft.use_state(None)
    saved, set_saved = ft.use_state(None)  # the summary once saved

    def redraw() -> None:
        set_version(lambda v: v + 1)

    def back(_=None) -> None:
        page.navigate("/")

    def choose(index: int, choice: str) -> None:
        draft.choose(index, choice)
        set_problem(None)
        redraw()

    def write(index: int, text: str) -> None:
        draft.write(index, text)  # no redraw: the field keeps its own text while typing

    def set_reason(text: str) -> None:
        draft.reason = text

    def save(_) -> None:
        missing = draft.problem()
        if missing is not None:
            set_problem(missing)
            return
        try:
            review.record(insight_id, [StepChoice(index, choice, draft.texts.get(index) if choice == "adapt" else None)
                                       for index, choice in sorted(draft.choices.items())],
                          reason=draft.reason.strip() if draft.drops_any() else "")
        except ValueError as error:
            set_problem(str(error))
            return
        set_saved(draft.summary())

    today = practice.today()
    if state is None:
        title = "Review"
        controls: list[ft.Control] = [
            theme.heading("Nothing to review yet"),
            theme.body("This insight has not been practised yet, or it is no longer in your Library. "
                       "Practise its steps for a few days, then look back at what they changed."),
            theme.primary_button("Back to Today", back, icon=ft.Icons.HOME),
        ]
    elif saved is not None:
        title = "Review saved"
        todays = library.todays_insight()
        staying = todays is not None and todays.id == insight_id and library.pace() == "stay"

        def move_on(_) -> None:
            library.move_on()
            page.navigate("/")

        controls = [
            ft.Icon(ft.Icons.CHECK_CIRCLE, size=56, color=ft.Colors.PRIMARY),
            theme.heading(f"Review of “{state.title}” saved", size=22),
            theme.body(saved),
            theme.body("Kept and adapted steps stay on Today under “Your habits”, with their own runs, "
                       "until you retire them. You can review this insight again any time."),
            *([theme.body("This insight stays with you until you move on."),
               theme.primary_button("Move on to the next insight", move_on, icon=ft.Icons.SKIP_NEXT)]
              if staying else []),
            theme.secondary_button("What works for me", lambda _: page.navigate("/what-works"),
                                   icon=ft.Icons.EMOJI_OBJECTS_OUTLINED),
            (theme.secondary_button if staying else theme.primary_button)(
                "Back to Today", back, icon=ft.Icons.HOME),
        ]
    else:
        title = "Review"
        intro = (f"Practised on {times(state.practised_days, 'day')} since {day_text(state.started, today)}."
                 " Did it work for you?")
        controls = [
            theme.caption(state.book_line),
            theme.heading(state.title, size=24),
            theme.body(intro),
            *outcome_section(state.outcome, state.started, today),
            *answers_section(state.answers, today),
            *([theme.section_title("The mission it served"), theme.body(f"“{state.mission}”")]
              if state.mission else []),
            *([theme.section_title("Earlier reviews"),
               *[theme.body(earlier_line(v, today)) for v in state.earlier]] if state.earlier else []),
            ft.Divider(),
            theme.section_title("Keep, adapt or drop?"),
            theme.caption("Kept steps stay on Today as your habits. Adapt one to say it your way. "
                          "Dropped steps leave Today."),
            *[StepCard(step, draft.choices.get(step.index), draft.texts.get(step.index, ""),
                         choose, write) for step in state.steps],
            *([ft.TextField(label="Why not for you? (optional)", value=draft.reason, max_length=140,
                            text_size=16, on_change=lambda e: set_reason(e.control.value or ""))]
              if draft.drops_any() else []),
            *([ft.Text(problem, color=ft.Colors.ERROR, size=16)] if problem else []),
            theme.primary_button(SAVE, save, icon=ft.Icons.CHECK),
        ]

    return ft.View(
        route="/review",
        padding=0,
        appbar=ft.AppBar(
            title=ft.Text(title, size=18),
            automatically_imply_leading=False,
            leading=theme.icon_button(ft.Icons.ARROW_BACK, "Back to Today", back),
        ),
        controls=[ft.SafeArea(expand=True, content=theme.page_list(controls))],
    )
