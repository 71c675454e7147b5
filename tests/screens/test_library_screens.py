"""The Library screens' small rules, without a browser: covers, labels, routes, grouping."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from content import Book, Theme, load_insights
from content.loader import load_themes
from screens.book import difficulty_word, row_label
from screens.book_cover import contrast, ink_for
from screens.library import card_label, shelves
from daily.parts import part_from_route
from screens.walkthrough_route import book_route, part_route, read_route


def test_cover_type_reads_on_every_theme_colour():
    themes, errors = load_themes()
    assert themes and not errors
    for theme in themes:
        ink = ink_for(theme.colour)
        # WCAG AA for large text at least; the covers' titles are 13-20 px bold.
        assert contrast(theme.colour, ink) >= 4.5, (theme.id, theme.colour, ink)


@pytest.mark.parametrize("background, ink", [("#FFFFFF", "#1A1A1A"), ("#F5E050", "#1A1A1A"),
                                             ("#000000", "#FFFFFF"), ("#2F6B5F", "#FFFFFF")])
def test_cover_type_is_dark_on_light_and_light_on_dark(background, ink):
    assert ink_for(background) == ink


def test_contrast_is_the_wcag_ratio():
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21)
    assert contrast("#777777", "#777777") == pytest.approx(1)
    assert contrast("#000000", "#FFFFFF") == contrast("#FFFFFF", "#000000")


def test_difficulty_short_form_is_the_word_before_the_dash():
    assert difficulty_word("Easy — you can start today") == "Easy"
    assert difficulty_word("Hard — takes courage or a few days") == "Hard"
    assert difficulty_word("Medium") == "Medium"


@dataclass
class Row:
    insight: object
    status: str
    status_text: str


def test_an_insight_row_is_read_out_with_position_difficulty_time_and_status():
    insight = load_insights().insights[0]
    label = row_label(Row(insight, "practised", "Practised 3 Dec"))
    assert label.startswith(f"Insight {insight.position}: {insight.title}. ")
    assert difficulty_word(insight.difficulty) in label
    assert f"about {insight.reading_minutes} minute" in label
    assert label.endswith("Practised 3 Dec")


BOOK = Book("b", "A Book", "", "Ann Author", 2001, ("t1", "t2"), "About.", 8)


@dataclass
class Card:
    book: Book
    theme: Theme
    following: bool = False
    added: bool = False
    size_text: str = "8 insights · about 4 min each"
    progress_text: str = "3 of 8 practised"


def test_a_book_card_is_read_out_with_its_marks():
    first = Theme("t1", "One", "#2F6B5F")
    assert card_label(Card(BOOK, first)) == \
        "A Book, by Ann Author, 2001. 8 insights · about 4 min each. 3 of 8 practised"
    assert card_label(Card(BOOK, first, following=True, added=True)).endswith(
        "3 of 8 practised. Following. Added by you")


class GroupingLibrary:
    """The one method `shelves` asks the service for (daily/library.py has the real one)."""

    @staticmethod
    def group_by_theme(cards):
        groups: dict = {}
        for card in cards:
            groups.setdefault(card.theme.id, (card.theme, []))[1].append(card)
        return list(groups.values())


def test_with_a_theme_chosen_every_book_stands_under_that_theme():
    one, two = Theme("t1", "One", "#2F6B5F"), Theme("t2", "Two", "#8A5A14")
    cards = [Card(BOOK, one), Card(BOOK, two)]
    assert [(t.id, len(c)) for t, c in shelves(GroupingLibrary(), cards)] == [("t1", 1), ("t2", 1)]
    assert [(t.id, len(c)) for t, c in shelves(GroupingLibrary(), cards, two)] == [("t2", 2)]
    assert shelves(GroupingLibrary(), [], two) == []


def test_routes_of_the_book_page_and_reading_round_trip():
    assert book_route("deep-work") == "/book/deep-work"
    assert part_route(2) == "/practice/3"
    route = read_route("deep-work-3", 4)
    assert route == "/read/deep-work-3/5"
    assert part_from_route(route.rsplit("/", 1)[1]) == 4
    assert read_route("deep-work-3") == "/read/deep-work-3/1"


def test_a_cover_title_is_sized_so_its_longest_word_fits_whole() -> None:
    from screens.book_cover import title_size

    assert title_size("Deep Work", 56, 13) == 13  # short words: the full size
    small = title_size("Continuous Discovery Habits", 56, 13)
    assert small < 13 and 0.62 * small * len("Continuous") <= 56
    assert title_size("Supercalifragilisticexpialidocious", 56, 13) == 8  # never unreadably small
