"""The walk-through: one screen per part of an insight, with Back and Next.

Today's insight is practised at /practice/:part (steps checked off, answers
written, today finished); any other insight is read at /read/:insight_id/:part
in the same layout, without touching today's practice.
"""

from __future__ import annotations

import asyncio

import flet as ft

from content import Insight
from daily.autosave import Autosave
from daily.parts import FINISH, PARTS, part_from_route, part_title
from screens import theme
from screens.mission import MissionField
from screens.services import use_services
from screens.walkthrough_end import FinishPart, ReadEndPart
from screens.walkthrough_route import READ_BASE, book_route, part_route, use_walkthrough_part

@ft.component
def StoryPart(insight: Insight):
    return ft.Column([theme.body(paragraph) for paragraph in insight.story], spacing=14)


@ft.component
def AchievePart(insight: Insight):
    return theme.body(insight.achieve)


@ft.component
def StepsPart(insight: Insight, practising: bool = True):
    """The action steps; when `practising` (today's insight) each can be checked off today."""
    practice = use_services().practice
    done, set_done = ft.use_state(lambda: practice.steps_done(insight.id) if practising else set())

    def toggle(index: int, value: bool):
        practice.set_step_done(insight.id, index, value)
        set_done(practice.steps_done(insight.id))

    cards = []
    for index, step in enumerate(insight.steps):
        extra: list[ft.Control] = []
        if practising:
            extra = [
                *([MissionField(insight.id)] if step.mission else []),
                ft.Checkbox(
                    label="I practised this today",
                    semantics_label=f"I practised step {index + 1} today: {step.title}",
                    value=index in done,
                    on_change=lambda e, i=index: toggle(i, bool(e.control.value)),
                ),
            ]
        cards.append(
            ft.Card(
                content=ft.Container(
                    padding=ft.Padding.only(left=16, right=16, top=16, bottom=8 if practising else 16),
                    content=ft.Column(
                        [
                            theme.caption(f"Step {index + 1} of {len(insight.steps)}"),
                            ft.Text(step.title, size=18, weight=ft.FontWeight.W_600),
                            theme.body(step.body),
                            *extra,
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
def QuestionsPart(insight: Insight):
    """The reflection questions while reading: answers are written when it is practised."""
    return ft.Column(
        [
            theme.body("When you practise this insight, you answer these in your journal.",
                       color=ft.Colors.ON_SURFACE_VARIANT),
            *[ft.Text(f"{index + 1}. {question}", size=17, weight=ft.FontWeight.W_500,
                      style=ft.TextStyle(height=1.45))
              for index, question in enumerate(insight.questions)],
        ],
        spacing=14,
    )


def header(label: str) -> ft.Control:
    """The app bar's title: where the insight stands in its book, on up to two lines."""
    return ft.Text(label, size=15, weight=ft.FontWeight.W_600, max_lines=2,
                   overflow=ft.TextOverflow.ELLIPSIS, style=ft.TextStyle(height=1.3))


def insight_title(insight: Insight) -> ft.Control:
    """The insight's title above the part, wrapped in full (an app bar would cut a long one)."""
    return ft.Text(insight.title, size=16, weight=ft.FontWeight.W_500,
                   color=ft.Colors.ON_SURFACE_VARIANT, style=ft.TextStyle(height=1.35))


def walkthrough_view(insight: Insight, part: int, body: ft.Control, nav: list[ft.Control],
                     on_close, on_book, route: str, reading: bool) -> ft.View:
    """One part of a walk-through on screen: header, progress, the part, Back and Next.

    Today's walk-through (`Walkthrough`) and reading any insight (`ReadInsight`)
    share it; only the parts' bodies and the buttons differ.
    """
    library = use_services().library
    title = part_title(part, reading)
    return ft.View(
        route=route,
        padding=0,
        appbar=ft.AppBar(
            title=header(library.position_label(insight)),
            toolbar_height=64,
            automatically_imply_leading=False,
            leading=theme.icon_button(ft.Icons.CLOSE,
                                      "Close" if reading else "Close the walk-through", on_close),
            actions=[theme.icon_button(ft.Icons.AUTO_STORIES_OUTLINED, "Back to book", on_book),
                     ft.Container(width=4)],
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
                                    ft.Text(("Reading · " if reading else "") + f"{part + 1} of {len(PARTS)}",
                                            size=14, color=ft.Colors.ON_SURFACE_VARIANT,
                                            semantics_label=("Reading, not today's practice. " if reading else "")
                                            + f"Part {part + 1} of {len(PARTS)}"),
                                    ft.ProgressBar(value=(part + 1) / len(PARTS),
                                                   border_radius=4, height=6),
                                ],
                                spacing=6,
                            ),
                        ),
                        theme.page_column([
                            ft.Column([insight_title(insight), theme.heading(title)], spacing=4),
                            body,
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


def back_next(part: int, go, last_label: str = "Finish") -> list[ft.Control]:
    """Back and Next (the part before the last says `last_label` instead of Next)."""
    next_label = last_label if PARTS[part + 1] == FINISH else "Next"
    icon = ft.Icons.CHECK if next_label == "Finish" else ft.Icons.ARROW_FORWARD
    return [
        theme.secondary_button("Back", lambda _: go(part - 1), icon=ft.Icons.ARROW_BACK),
        theme.primary_button(next_label, lambda _: go(part + 1), icon=icon),
    ]


@ft.component
def Walkthrough():
    """Today's walk-through at /practice/:part: it remembers where you are, and finishes today."""
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
        if insight is not None and PARTS[part] != FINISH:
            practice.set_position(insight.id, part)

    ft.use_effect(remember_position, [part])
    ft.on_unmounted(lambda: autosave.flush())

    if insight is None:
        page.navigate("/")
        return ft.View(route="/practice", controls=[ft.Text("No insight")])

    def leave(route: str):
        autosave.flush()
        cancel_address_move()
        page.navigate(route)

    def go(to_part: int):
        autosave.flush()
        if to_part < 0:
            leave("/")
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
        "finish": lambda: FinishPart(insight, leave),
    }
    if name == "finish":
        nav = [theme.primary_button("Back to Today", lambda _: go(-1), icon=ft.Icons.HOME)]
    else:
        nav = back_next(part, go)
    return walkthrough_view(insight, part, bodies[name](), nav, on_close=lambda _: go(-1),
                            on_book=lambda _: leave(book_route(insight.book_id)),
                            route="/practice", reading=False)


@ft.component
def ReadInsight():
    """Any insight at /read/:insight_id/:part, in the walk-through's layout.

    Reading never finishes today, checks steps off or writes answers; its last
    part offers to practise the insight today instead (when today is still
    open). Today's own insight goes to the ordinary walk-through.
    """
    services = use_services()
    page = ft.context.page
    params = ft.use_route_params()
    insight_id = params.get("insight_id") or ""
    route_part = part_from_route(params.get("part"))
    part, show_part, cancel_address_move = use_walkthrough_part(route_part, f"{READ_BASE}/{insight_id}")
    insight = services.practice.insight(insight_id)
    todays = services.practice.todays_insight()
    is_todays = insight is not None and todays is not None and todays.id == insight.id

    def redirect():
        if is_todays:
            cancel_address_move()
            page.navigate(part_route(route_part))

    ft.on_mounted(redirect)

    if insight is None:
        return missing_insight_view(insight_id, lambda _: page.navigate("/library"))

    def leave(route: str):
        cancel_address_move()
        page.navigate(route)

    def go(to_part: int):
        if to_part < 0:
            leave(book_route(insight.book_id))
        else:
            show_part(to_part)

    name = PARTS[part]
    bodies = {
        "story": lambda: StoryPart(insight),
        "achieve": lambda: AchievePart(insight),
        "steps": lambda: StepsPart(insight, practising=False),
        "reflect": lambda: QuestionsPart(insight),
        "tips": lambda: TipsPart(insight),
        "source": lambda: SourcePart(insight),
        "finish": lambda: ReadEndPart(insight, leave),
    }
    if name == "finish":
        nav = [theme.secondary_button("Back", lambda _: go(part - 1), icon=ft.Icons.ARROW_BACK)]
    else:
        nav = back_next(part, go, last_label="Next")
    return walkthrough_view(insight, part, bodies[name](), nav, on_close=lambda _: go(-1),
                            on_book=lambda _: leave(book_route(insight.book_id)),
                            route="/read", reading=True)


def missing_insight_view(insight_id: str, back) -> ft.View:
    return ft.View(
        route="/read",
        padding=0,
        appbar=ft.AppBar(
            title=ft.Text("Insight not found", size=18),
            automatically_imply_leading=False,
            leading=theme.icon_button(ft.Icons.ARROW_BACK, "Back to the Library", back),
        ),
        controls=[ft.SafeArea(expand=True, content=theme.page_column([
            theme.heading("No such insight"),
            theme.body(f"There is no insight \"{insight_id}\" in your books. It may belong to "
                       "a book that was removed."),
            theme.primary_button("See all books", back, icon=ft.Icons.AUTO_STORIES_OUTLINED),
        ]))],
    )
