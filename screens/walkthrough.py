"""The walk-through: one screen per part of the day's insight, with Back and Next."""

from __future__ import annotations

import asyncio

import flet as ft

from content import Insight
from daily.autosave import Autosave
from daily.practice import PARTS
from screens import theme
from screens.mission import MissionField
from screens.progress_stats import celebration
from screens.services import use_services
from screens.walkthrough_route import use_walkthrough_part

PART_TITLES = {
    "story": "The story",
    "achieve": "What you'll achieve",
    "steps": "Four action steps",
    "reflect": "Reflect",
    "tips": "Try it elsewhere",
    "source": "Where this comes from",
    "finish": "Practice finished",
}


def part_from_route(raw: str | None) -> int:
    """Route segment "1".."7" to a part index 0..6; anything else starts at 0."""
    try:
        number = int(raw or "1")
    except ValueError:
        return 0
    return max(0, min(number - 1, len(PARTS) - 1))


@ft.component
def StoryPart(insight: Insight):
    return ft.Column([theme.body(paragraph) for paragraph in insight.story], spacing=14)


@ft.component
def AchievePart(insight: Insight):
    return theme.body(insight.achieve)


@ft.component
def StepsPart(insight: Insight):
    practice = use_services().practice
    done, set_done = ft.use_state(lambda: practice.steps_done(insight.id))

    def toggle(index: int, value: bool):
        practice.set_step_done(insight.id, index, value)
        set_done(practice.steps_done(insight.id))

    cards = []
    for index, step in enumerate(insight.steps):
        cards.append(
            ft.Card(
                content=ft.Container(
                    padding=ft.Padding.only(left=16, right=16, top=16, bottom=8),
                    content=ft.Column(
                        [
                            theme.caption(f"Step {index + 1} of {len(insight.steps)}"),
                            ft.Text(step.title, size=18, weight=ft.FontWeight.W_600),
                            theme.body(step.body),
                            *([MissionField(insight.id)] if step.mission else []),
                            ft.Checkbox(
                                label="I practised this today",
                                semantics_label=f"I practised step {index + 1} today: {step.title}",
                                value=index in done,
                                on_change=lambda e, i=index: toggle(i, bool(e.control.value)),
                            ),
                        ],
                        spacing=8,
                    ),
                ),
            )
        )
    return ft.Column(cards, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


@ft.component
def ReflectPart(insight: Insight, autosave: Autosave, drafts: dict[int, str]):
    practice = use_services().practice
    saved = practice.answers(insight.id)
    fields = [theme.body("Write for yourself: answers save as you type and stay private "
                         "on this device.", color=ft.Colors.ON_SURFACE_VARIANT)]
    for index, question in enumerate(insight.questions):
        def on_change(e, i=index):
            drafts[i] = e.control.value or ""
            autosave.changed(i, drafts[i])

        fields.append(
            ft.Column(
                [
                    ft.Text(f"{index + 1}. {question}", size=17, weight=ft.FontWeight.W_500,
                            style=ft.TextStyle(height=1.45)),
                    ft.TextField(
                        label=f"Your answer to question {index + 1}",
                        value=drafts.get(index, saved.get(index, "")),
                        multiline=True,
                        min_lines=3,
                        max_lines=10,
                        text_size=17,
                        on_change=on_change,
                        on_blur=lambda e, i=index: autosave.flush(i),
                    ),
                ],
                spacing=8,
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            )
        )
    return ft.Column(fields, spacing=20, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


@ft.component
def TipsPart(insight: Insight):
    return ft.Column(
        [
            ft.Row(
                [ft.Icon(ft.Icons.LIGHTBULB_OUTLINE, color=ft.Colors.PRIMARY),
                 ft.Container(content=theme.body(tip), expand=True)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
            for tip in insight.tips
        ],
        spacing=14,
    )


@ft.component
def SourcePart(insight: Insight):
    return ft.Column(
        [
            ft.Text(insight.book, size=20, weight=ft.FontWeight.W_600,
                    style=ft.TextStyle(height=1.35)),
            theme.body(f"{insight.author}, {insight.year}"),
            theme.caption(f"Insight {insight.position} of {insight.book_insights} from this book"),
            theme.body("Stepwise retells the insight in its own words; the book has the full argument.",
                       color=ft.Colors.ON_SURFACE_VARIANT),
        ],
        spacing=10,
    )


@ft.component
def FinishPart(insight: Insight):
    practice = use_services().practice
    summary, set_summary = ft.use_state(None)
    milestone, set_milestone = ft.use_state(None)

    def mark():
        result = practice.finish_with_milestone(insight.id)
        set_milestone(result.milestone)
        set_summary(result.streak)

    ft.on_mounted(mark)
    if summary is None:
        return ft.ProgressRing()
    days = summary.current
    return ft.Column(
        [
            ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.PRIMARY, size=56),
            theme.heading("Today is practised"),
            *([celebration(milestone)] if milestone else []),
            ft.Text(f"Streak: {days} {'day' if days == 1 else 'days'}", size=22,
                    weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY),
            theme.body(f"Longest streak: {summary.longest} "
                       f"{'day' if summary.longest == 1 else 'days'}."),
            theme.body("Come back tomorrow to keep it going."),
        ],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
    )


@ft.component
def Walkthrough():
    services = use_services()
    practice = services.practice
    page = ft.context.page
    part, show_part, cancel_address_move = use_walkthrough_part(
        part_from_route(ft.use_route_params().get("part")))
    insight = practice.todays_insight()
    drafts = ft.use_ref(dict).current
    autosave = ft.use_ref(
        lambda: Autosave(lambda i, text: practice.save_answer(insight.id, i, text))
    ).current

    async def remember_position():
        # Flet sends the new screen only when this turn of the event loop
        # ends; yield first so the (fsynced) write never delays it.
        await asyncio.sleep(0)
        if insight is not None and PARTS[part] != "finish":
            practice.set_position(insight.id, part)

    ft.use_effect(remember_position, [part])
    ft.on_unmounted(lambda: autosave.flush())

    if insight is None:
        page.navigate("/")
        return ft.View(route="/practice", controls=[ft.Text("No insight")])

    def go(to_part: int):
        autosave.flush()
        if to_part < 0:
            cancel_address_move()
            page.navigate("/")
        else:
            show_part(to_part)

    name = PARTS[part]
    bodies = {
        "story": lambda: StoryPart(insight),
        "achieve": lambda: AchievePart(insight),
        "steps": lambda: StepsPart(insight),
        "reflect": lambda: ReflectPart(insight, autosave, drafts),
        "tips": lambda: TipsPart(insight),
        "source": lambda: SourcePart(insight),
        "finish": lambda: FinishPart(insight),
    }

    if name == "finish":
        nav = [theme.primary_button("Back to Today", lambda _: go(-1), icon=ft.Icons.HOME)]
    else:
        next_label = "Finish" if PARTS[part + 1] == "finish" else "Next"
        nav = [
            theme.secondary_button("Back", lambda _: go(part - 1), icon=ft.Icons.ARROW_BACK),
            theme.primary_button(next_label, lambda _: go(part + 1),
                                 icon=ft.Icons.CHECK if next_label == "Finish" else ft.Icons.ARROW_FORWARD),
        ]

    return ft.View(
        route="/practice",
        padding=0,
        appbar=ft.AppBar(
            title=ft.Text(insight.title, size=16, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS),
            automatically_imply_leading=False,
            leading=theme.icon_button(ft.Icons.CLOSE, "Close the walk-through",
                                      lambda _: go(-1)),
        ),
        controls=[
            ft.SafeArea(
                expand=True,
                content=ft.Column(
                    [
                        ft.Container(
                            padding=ft.Padding.symmetric(horizontal=20),
                            content=ft.Column(
                                [
                                    ft.Text(f"{part + 1} of {len(PARTS)}", size=14,
                                            color=ft.Colors.ON_SURFACE_VARIANT,
                                            semantics_label=f"Part {part + 1} of {len(PARTS)}"),
                                    ft.ProgressBar(value=(part + 1) / len(PARTS),
                                                   border_radius=4, height=6),
                                ],
                                spacing=6,
                            ),
                        ),
                        theme.page_column([
                            theme.heading(PART_TITLES[name]),
                            bodies[name](),
                        ]),
                        ft.Container(
                            padding=ft.Padding.symmetric(horizontal=20, vertical=12),
                            content=ft.Row(nav, alignment=ft.MainAxisAlignment.SPACE_BETWEEN
                                           if len(nav) > 1 else ft.MainAxisAlignment.CENTER),
                        ),
                    ],
                    spacing=8,
                    expand=True,
                ),
            )
        ],
    )
