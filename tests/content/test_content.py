"""The content package: the shipped library, the loader's checks, the check command."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from content import Book, ContentError, Insight, LoadResult, Step, load_insights
from content.check import main as check_main
from content.insight import READING_SPEED
from content.schema import BOOK_FIELDS, FIELDS
from tests.helpers.content_files import to_toml, valid, valid_book

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "content" / "books"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "content"
SEED_NAME = "000_4964087f6d58aa5e.txt"
SEED = Path(os.environ.get("STEPWISE_SEED_DIR", "/work/shared/seed")) / SEED_NAME
SEED_FINGERPRINT = FIXTURES / "escaping-the-build-trap-5.seed-8grams.txt"
NGRAM = 8
SHARED_RUN = 10  # no run of this many words may appear in two insight files
FIRST = "escaping-the-build-trap-5"


# --- helpers -------------------------------------------------------------------

def write(folder: Path, name: str, data: dict[str, Any] | str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data if isinstance(data, str) else to_toml(data), encoding="utf-8")
    return path


def book_folder(library: Path, book: dict[str, Any] | None = None) -> Path:
    """`library/<id>/book.toml` written; returns the book's folder for its insight files."""
    book = book or valid_book()
    folder = library / book["id"]
    write(folder, "book.toml", book)
    return folder


def only_error(result: LoadResult) -> ContentError:
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    return result.errors[0]


def prose(insight: Insight) -> list[str]:
    """Every text an author wrote for an insight (book facts are not prose)."""
    return [insight.title, *insight.story, insight.achieve,
            *(t for s in insight.steps for t in (s.title, s.body)), *insight.questions, *insight.tips]


# --- the shipped library ---------------------------------------------------------

def test_shipped_content_loads_without_problems() -> None:
    result = load_insights()
    assert result.errors == ()
    assert result.ok
    assert FIRST in [i.id for i in result.insights]


def test_shipped_library_has_six_books_of_eight_across_three_themes() -> None:
    result = load_insights()
    known = {t.id for t in result.themes}
    assert len(result.books) >= 6 and len(result.insights) >= 48
    assert len({t for b in result.books for t in b.themes}) >= 3
    ids = [i.id for i in result.insights]
    assert len(ids) == len(set(ids))
    for book in result.books:
        assert book.insights == 8, book.id
        assert [i.position for i in result.insights_of(book.id)] == list(range(1, 9)), book.id
        assert set(book.themes) <= known
        assert book.about.count(".") in (2, 3), f"{book.id}: about should be two or three sentences"
        for insight in result.insights_of(book.id):
            assert insight.id == f"{book.id}-{insight.position}"
            assert (SHIPPED / book.id / f"{insight.id}.toml").is_file()


def test_only_the_product_why_step_asks_for_the_mission() -> None:
    asking = [(i.id, n) for i in load_insights().insights for n, s in enumerate(i.steps, 1) if s.mission]
    assert asking == [(FIRST, 1)]


def test_every_shipped_insight_has_the_anatomy_of_the_first() -> None:
    for insight in load_insights().insights:
        assert 3 <= len(insight.story) <= 5, insight.id
        assert len(insight.steps) == 4, insight.id
        assert 3 <= len(insight.questions) <= 5, insight.id
        assert 2 <= len(insight.tips) <= 3, insight.id
        assert 400 <= insight.words <= 700, (insight.id, insight.words)
        assert 2 <= insight.reading_minutes <= 4, insight.id
        assert all(q.rstrip().endswith("?") for q in insight.questions), insight.id


def test_shipped_insight_fields() -> None:
    result = load_insights()
    insight = next(i for i in result.insights if i.id == FIRST)
    book = result.book(insight.book_id)
    assert insight.title == "From Order Taker to Strategic Product Leader"
    assert insight.book_id == "escaping-the-build-trap" and insight.book == "Escaping the Build Trap"
    assert book.full_title == "Escaping the Build Trap: How Effective Product Management Creates Real Value"
    assert insight.author == book.author == "Melissa Perri"
    assert insight.year == 2018
    assert (insight.position, insight.book_insights) == (5, 8)
    assert insight.difficulty.startswith("Medium")
    assert len(insight.story) >= 4
    assert [s.mission for s in insight.steps] == [True, False, False, False]
    assert [s.title for s in insight.steps] == [
        "Articulate your product's why.",
        "Challenge stakeholder requests.",
        "Run collaborative solution workshops.",
        "Measure based on outcomes.",
    ]
    assert len(insight.questions) == 4
    assert len(insight.tips) == 3
    story = " ".join(insight.story)
    for fact in ("12%", "30% fewer features", "Two quarters", "Three months", "Tuesday meeting"):
        assert fact in story
    # Wrapped lines in the file become single spaces.
    for text in (*insight.story, insight.achieve, *(s.body for s in insight.steps)):
        assert "\n" not in text and "  " not in text


def test_shipped_file_id_matches_file_name() -> None:
    for path in SHIPPED.glob("*/*.toml"):
        if path.name != "book.toml":
            assert f'id = "{path.stem}"' in path.read_text(encoding="utf-8")


def test_readme_examples_are_a_valid_book(tmp_path: Path) -> None:
    readme = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    book, insight = re.findall(r"```toml\n(.*?)```", readme, re.S)[:2]
    folder = tmp_path / "escaping-the-build-trap"
    write(folder, "book.toml", book)
    write(folder, "escaping-the-build-trap-5.toml", insight)
    result = load_insights(tmp_path)
    assert [str(e) for e in result.errors] == ["book.toml: field 'insights': the book has 8 insights, "
                                              "but no file has position 1, 2, 3, 4, 6, 7, 8"]
    assert len(result.insights[0].steps) == 2


def test_insight_is_frozen_and_made_of_tuples() -> None:
    insight = load_insights().insights[0]
    assert isinstance(insight, Insight) and all(isinstance(s, Step) for s in insight.steps)
    for name in ("story", "steps", "questions", "tips"):
        assert isinstance(getattr(insight, name), tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        insight.title = "changed"  # type: ignore[misc]


# --- "own words": no sentence copied from the source text -----------------------

def _words(text: str) -> list[str]:
    text = text.lower().translate(str.maketrans("\u2018\u2019\u201c\u201d\u2014\u2013", "''\"\"--"))
    return re.findall(r"[a-z0-9%']+", text)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _shipped_prose() -> list[str]:
    """Every text an author wrote, in every shipped insight."""
    return [text for insight in load_insights().insights for text in prose(insight)]


def _fingerprint(words: list[str], n: int = NGRAM) -> set[str]:
    return {hashlib.sha256(" ".join(words[i:i + n]).encode()).hexdigest()[:16]
            for i in range(len(words) - n + 1)}


def _runs(texts: list[str], n: int) -> set[tuple[str, ...]]:
    """Every run of n words inside one text (a run never spans two texts)."""
    runs = set()
    for text in texts:
        words = _words(text)
        runs.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    return runs


def test_no_two_insights_share_a_run_of_ten_words() -> None:
    """No boilerplate: every insight is written fresh, in its own words."""
    insights = load_insights().insights
    runs = {i.id: _runs(prose(i), SHARED_RUN) for i in insights}
    shared = [(a, b, " ".join(sorted(runs[a] & runs[b])[0]))
              for a, b in itertools.combinations(runs, 2) if runs[a] & runs[b]]
    assert shared == []


def test_the_shared_run_guard_catches_a_reused_sentence() -> None:
    one = _runs(["Before lunch, write down the one decision your team keeps putting off today."], SHARED_RUN)
    two = _runs(["Then write down the one decision your team keeps putting off today, and why."], SHARED_RUN)
    three = _runs(["Name a choice the group has postponed, and the reason."], SHARED_RUN)
    assert one & two and not one & three


@pytest.mark.skipif(not SEED.exists(), reason=f"source text not available at {SEED}")
def test_no_sentence_of_the_shipped_text_is_copied_from_the_seed() -> None:
    seed = " " + " ".join(_words(SEED.read_text(encoding="utf-8"))) + " "
    copied = []
    for text in _shipped_prose():
        for sentence in _sentences(text):
            words = _words(sentence)
            if len(words) >= NGRAM and f" {' '.join(words)} " in seed:
                copied.append(sentence)
    assert copied == []


def test_no_eight_word_run_matches_the_seed_fingerprint() -> None:
    """Works without the source text: the fixture holds only hashes of its 8-word runs.

    Stricter than the sentence check: any 8 consecutive words shared with the
    source fail, even inside an otherwise rewritten sentence.
    """
    seed_hashes = {line.strip() for line in SEED_FINGERPRINT.read_text(encoding="utf-8").splitlines()
                   if line.strip() and not line.startswith("#")}
    assert len(seed_hashes) > 400
    copied = [text for text in _shipped_prose() if _fingerprint(_words(text)) & seed_hashes]
    assert copied == []


def test_fingerprint_guard_catches_a_shared_run_of_eight_words() -> None:
    original = _words("The quick brown fox jumps over the lazy dog near the old river bank.")
    reworded = _words("Near the river, a quick brown fox jumps over the lazy dog near it.")
    rewritten = _words("By the water a fast fox leapt across a sleepy hound.")
    assert _fingerprint(reworded) & _fingerprint(original)
    assert not _fingerprint(rewritten) & _fingerprint(original)


@pytest.mark.skipif(not SEED.exists(), reason=f"source text not available at {SEED}")
def test_seed_fingerprint_fixture_is_current() -> None:
    listed = {line.strip() for line in SEED_FINGERPRINT.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")}
    assert listed == _fingerprint(_words(SEED.read_text(encoding="utf-8")))


# --- broken insight files: each problem names the file and the exact field -----

DROP = object()

BROKEN: list[tuple[str, dict[str, Any], str, str]] = [
    # (case, changes, field, words in the problem)
    ("title not text", {"title": 5}, "title", "must be a non-empty string (found a whole number)"),
    ("empty title", {"title": ""}, "title", "must be a non-empty string (it is empty)"),
    ("blank achieve", {"achieve": "   \n  "}, "achieve", "must be a non-empty string"),
    ("difficulty list", {"difficulty": ["Easy"]}, "difficulty", "found a list"),
    ("difficulty not a label", {"difficulty": "Easy"}, "difficulty", "must be one of: \"Easy — you can"),
    ("position decimal", {"position": 1.5}, "position", "must be a whole number (found a decimal number)"),
    ("position text", {"position": "1"}, "position", "must be a whole number (found text)"),
    ("position zero", {"position": 0}, "position", "must be between 1 and"),
    ("position beyond book", {"position": 2}, "position",
     "must not be more than the book's number of insights (1, in book.toml); found 2"),
    ("id with spaces", {"id": "Sample One"}, "id", "lowercase letters, digits and single hyphens"),
    ("id number", {"id": 7}, "id", "non-empty string"),
    ("story not list", {"story": "One paragraph."}, "story", "must be a list of strings (found text)"),
    ("story empty", {"story": []}, "story", "must be a non-empty list"),
    ("story empty paragraph", {"story": ["Fine.", " "]}, "story[2]", "must be a non-empty string"),
    ("questions empty", {"questions": []}, "questions", "must be a non-empty list"),
    ("question number", {"questions": ["One?", 2]}, "questions[2]", "found a whole number"),
    ("tips empty item", {"tips": [""]}, "tips[1]", "must be a non-empty string"),
    ("tips text", {"tips": "A tip."}, "tips", "must be a list of strings"),
    ("steps empty", {"steps": []}, "steps", "must be a non-empty list"),
    ("steps of text", {"steps": ["Do it"]}, "steps[1]", "must be a [[steps]] block"),
    ("unknown field", {"summary": "x"}, "summary", "unknown field"),
    ("misspelt field", {"tip": ["x"]}, "tip", "did you mean 'tips'?"),
    ("book fact in an insight", {"author": "An Author"}, "author", "written once, in the book's book.toml"),
    ("old order field", {"order": 10}, "order", "`position`"),
]


@pytest.mark.parametrize("case, changes, field, problem", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_field_is_reported_with_file_and_field(
    tmp_path: Path, case: str, changes: dict[str, Any], field: str, problem: str
) -> None:
    data = valid()
    data.update(changes)
    path = write(book_folder(tmp_path), "bad.toml", data)
    result = load_insights(tmp_path)
    assert result.insights == ()
    error = only_error(result)
    assert isinstance(error, Exception)
    assert error.file == path
    assert error.field == field
    assert problem in error.problem
    assert str(error) == f"bad.toml: field '{field}': {error.problem}"


@pytest.mark.parametrize("name", FIELDS)
def test_each_missing_field_is_reported(tmp_path: Path, name: str) -> None:
    data = valid()
    del data[name]
    write(book_folder(tmp_path), "bad.toml", data)
    error = only_error(load_insights(tmp_path))
    assert (error.field, error.problem) == (name, "is missing (every insight needs it)")


def _with_step(index: int, change: dict[str, Any]) -> dict[str, Any]:
    data = valid()
    step = data["steps"][index]
    for key, value in change.items():
        if value is DROP:
            del step[key]
        else:
            step[key] = value
    return data


@pytest.mark.parametrize("index, change, field, problem", [
    (1, {"title": ""}, "steps[2].title", "must be a non-empty string (it is empty)"),
    (2, {"body": DROP}, "steps[3].body", "is missing (every step needs it)"),
    (3, {"body": 4}, "steps[4].body", "found a whole number"),
    (0, {"note": "x"}, "steps[1].note", "unknown field"),
    (0, {"titel": "x"}, "steps[1].titel", "did you mean 'title'?"),
    (0, {"mission": "yes"}, "steps[1].mission", "must be true or false (found text)"),
])
def test_broken_step_names_the_step_counting_from_one(
    tmp_path: Path, index: int, change: dict[str, Any], field: str, problem: str
) -> None:
    write(book_folder(tmp_path), "escaping.toml", _with_step(index, change))
    error = only_error(load_insights(tmp_path))
    assert error.field == field
    assert problem in error.problem


def test_error_text_matches_the_documented_shape(tmp_path: Path) -> None:
    write(book_folder(tmp_path), "escaping.toml", _with_step(1, {"title": "  "}))
    error = only_error(load_insights(tmp_path))
    assert str(error) == "escaping.toml: field 'steps[2].title': must be a non-empty string (it is empty)"


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    data = valid()
    data.update(title="", position="x", extra=1)
    del data["tips"]
    data["steps"][0]["body"] = ""
    write(book_folder(tmp_path), "bad.toml", data)
    fields = [e.field for e in load_insights(tmp_path).errors]
    assert fields == ["position", "title", "steps[1].body", "tips", "extra"]


def test_list_written_after_steps_gets_a_helpful_message(tmp_path: Path) -> None:
    data = valid()
    text = to_toml({k: v for k, v in data.items() if k != "tips"}) + 'tips = ["A tip."]\n'
    write(book_folder(tmp_path), "bad.toml", text)
    errors = {e.field: e.problem for e in load_insights(tmp_path).errors}
    assert errors["tips"] == "is missing (every insight needs it)"
    assert "before the first [[steps]] line" in errors["steps[4].tips"]


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    text = to_toml(valid()).replace('title = "A title"', 'title = "A title', 1)
    line = next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith("title ="))
    path = write(book_folder(tmp_path), "bad.toml", text)
    error = only_error(load_insights(tmp_path))
    assert (error.file, error.field, error.line) == (path, "", line)
    assert error.problem.startswith(f"TOML syntax error on line {line}, column ")
    assert str(error).startswith("bad.toml: TOML syntax error on line")


def test_unclosed_triple_quoted_text_points_at_where_it_opens(tmp_path: Path) -> None:
    text = to_toml(valid()).replace('achieve = "Something useful."', 'achieve = """Something useful.')
    line = next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith("achieve ="))
    write(book_folder(tmp_path), "bad.toml", text)
    error = only_error(load_insights(tmp_path))
    assert error.line == line
    assert error.problem == f'TOML syntax error on line {line}: the text opened with """ here is never closed'


def test_unfinished_end_of_file_points_at_the_last_line(tmp_path: Path) -> None:
    write(book_folder(tmp_path), "bad.toml", to_toml(valid()) + "\nextra =")  # no final newline
    error = only_error(load_insights(tmp_path))
    last = len(to_toml(valid()).splitlines()) + 2
    assert error.line == last
    assert error.problem.startswith(f"TOML syntax error on line {last} (end of file): ")


def test_non_utf8_file_is_reported_with_its_line(tmp_path: Path) -> None:
    raw = to_toml(valid()).replace("A title", "Ren\u00e9").encode("latin-1")
    write(book_folder(tmp_path), "latin1.toml", raw)
    error = only_error(load_insights(tmp_path))
    assert error.file.name == "latin1.toml" and error.field == ""
    assert "not UTF-8" in error.problem and "0xe9" in error.problem
    assert error.line == 3


def test_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    write(book_folder(tmp_path), "bom.toml", b"\xef\xbb\xbf" + to_toml(valid()).encode("utf-8"))
    result = load_insights(tmp_path)
    assert result.errors == () and len(result.insights) == 1


def test_broken_file_next_to_a_good_one_still_yields_the_good_one(tmp_path: Path) -> None:
    folder = book_folder(tmp_path, valid_book(insights=3))
    write(folder, "a-broken.toml", "id = ")
    write(folder, "b-good.toml", valid())
    data = valid()
    data.update(id="sample-2", position=2, questions=[])
    write(folder, "c-broken.toml", data)
    result = load_insights(tmp_path)
    assert [i.id for i in result.insights] == ["sample-1"]
    assert [e.file.name for e in result.errors] == ["a-broken.toml", "c-broken.toml"]


def test_duplicate_id_keeps_the_first_file_and_reports_the_second(tmp_path: Path) -> None:
    write(book_folder(tmp_path), "a.toml", valid())
    other = book_folder(tmp_path, valid_book("zother"))  # read after "sample"
    path = write(other, "b.toml", valid())  # same id, in another book
    result = load_insights(tmp_path)
    assert [i.book_id for i in result.insights] == ["sample"]
    error = only_error(result)
    assert (error.file, error.field) == (path, "id")
    assert "already used by a.toml" in error.problem


def test_multiline_text_is_joined_into_single_spaced_text(tmp_path: Path) -> None:
    text = to_toml(valid()).replace('achieve = "Something useful."',
                                    'achieve = """Something\n   useful,\nwrapped."""')
    write(book_folder(tmp_path), "wrapped.toml", text)
    (insight,) = load_insights(tmp_path).insights
    assert insight.achieve == "Something useful, wrapped."


def test_hidden_and_non_toml_files_are_ignored(tmp_path: Path) -> None:
    folder = book_folder(tmp_path)
    write(folder, "good.toml", valid())
    write(folder, ".#good.toml", "not toml at all [")
    write(folder, "notes.txt", "scratch")
    write(tmp_path / ".trash", "book.toml", "broken [")
    result = load_insights(tmp_path)
    assert result.errors == () and len(result.insights) == 1


def test_missing_or_empty_folder_is_reported(tmp_path: Path) -> None:
    error = only_error(load_insights(tmp_path / "nowhere"))
    assert (error.field, error.problem) == ("", "folder not found")
    error = only_error(load_insights(tmp_path))
    assert "no books" in error.problem


def test_unreadable_entry_is_reported_not_raised(tmp_path: Path) -> None:
    folder = book_folder(tmp_path)
    (folder / "folder.toml").mkdir()
    write(folder, "good.toml", valid())
    result = load_insights(tmp_path)
    assert len(result.insights) == 1
    assert only_error(result).problem.startswith("could not be read")


def test_content_error_equality_and_repr() -> None:
    a = ContentError(Path("x/a.toml"), "id", "is missing")
    assert a == ContentError(Path("x/a.toml"), "id", "is missing")
    assert a != ContentError(Path("x/a.toml"), "title", "is missing")
    assert len({a, ContentError(Path("x/a.toml"), "id", "is missing")}) == 1
    assert "a.toml" in repr(a)
    with pytest.raises(ContentError):
        raise a


# --- books: book.toml, positions 1..N, shelves -------------------------------------

BROKEN_BOOKS: list[tuple[str, dict[str, Any], str, str]] = [
    ("title empty", {"title": ""}, "title", "must be a non-empty string"),
    ("subtitle number", {"subtitle": 3}, "subtitle", "must be a non-empty string"),
    ("author number", {"author": 3}, "author", "non-empty string"),
    ("year text", {"year": "2018"}, "year", "must be a whole number (found text)"),
    ("year boolean", {"year": True}, "year", "must be a whole number (found true/false)"),
    ("year typo", {"year": 20180}, "year", "must be between"),
    ("year zero", {"year": 0}, "year", "no year 0"),
    ("themes text", {"themes": "habits-focus"}, "themes", "must be a list of strings"),
    ("themes empty", {"themes": []}, "themes", "must be a non-empty list"),
    ("theme unknown", {"themes": ["gardening"]}, "themes", "unknown theme 'gardening' (themes are: leading-"),
    ("themes repeated", {"themes": ["habits-focus", "habits-focus"]}, "themes", "1 to 3 different themes"),
    ("insights zero", {"insights": 0}, "insights", "must be between 1 and"),
    ("about empty", {"about": " "}, "about", "must be a non-empty string"),
    ("id not the folder", {"id": "another"}, "id", "must be the name of the book's folder, 'sample'"),
    ("misspelt field", {"autor": "x"}, "autor", "did you mean 'author'?"),
]


@pytest.mark.parametrize("case, changes, field, problem", BROKEN_BOOKS, ids=[b[0] for b in BROKEN_BOOKS])
def test_broken_book_toml_names_the_field_and_skips_only_that_book(
    tmp_path: Path, case: str, changes: dict[str, Any], field: str, problem: str
) -> None:
    book = valid_book()
    book.update(changes)
    folder = tmp_path / "sample"
    path = write(folder, "book.toml", book)
    write(folder, "sample-1.toml", valid())
    good = book_folder(tmp_path, valid_book("good"))
    write(good, "good-1.toml", {**valid(), "id": "good-1"})
    result = load_insights(tmp_path)
    assert [b.id for b in result.books] == ["good"] and [i.id for i in result.insights] == ["good-1"]
    error = only_error(result)
    assert (error.file, error.field) == (path, field)
    assert problem in error.problem


@pytest.mark.parametrize("name", [f for f in BOOK_FIELDS if f != "subtitle"])
def test_each_missing_book_field_is_reported(tmp_path: Path, name: str) -> None:
    book = valid_book()
    del book[name]
    folder = tmp_path / "sample"
    write(folder, "book.toml", book)
    write(folder, "sample-1.toml", valid())
    error = only_error(load_insights(tmp_path))
    assert (error.field, error.problem) == (name, "is missing (every book needs it)")


def test_a_book_without_a_subtitle_is_fine(tmp_path: Path) -> None:
    book = valid_book()
    del book["subtitle"]
    write(book_folder(tmp_path, book), "sample-1.toml", valid())
    (loaded,) = load_insights(tmp_path).books
    assert loaded.subtitle == "" and loaded.full_title == "A Book"


def test_a_book_folder_without_book_toml_is_named(tmp_path: Path) -> None:
    write(tmp_path / "loose", "loose-1.toml", valid())
    error = only_error(load_insights(tmp_path))
    assert error.file == tmp_path / "loose" / "book.toml"
    assert "every book folder needs a book.toml" in error.problem


def test_a_missing_position_is_reported_on_book_toml(tmp_path: Path) -> None:
    folder = book_folder(tmp_path, valid_book(insights=3))
    for n in (1, 3):
        write(folder, f"sample-{n}.toml", {**valid(), "id": f"sample-{n}", "position": n})
    result = load_insights(tmp_path)
    error = only_error(result)
    assert (error.file.name, error.field) == ("book.toml", "insights")
    assert error.problem == "the book has 3 insights, but no file has position 2"
    assert [i.position for i in result.insights] == [1, 3]  # what is there can still be read


def test_a_repeated_position_keeps_the_first_file(tmp_path: Path) -> None:
    folder = book_folder(tmp_path, valid_book(insights=2))
    write(folder, "sample-1.toml", valid())
    write(folder, "sample-2.toml", {**valid(), "id": "sample-2", "position": 2})
    path = write(folder, "sample-3.toml", {**valid(), "id": "sample-3", "position": 2})
    result = load_insights(tmp_path)
    error = only_error(result)
    assert (error.file, error.field) == (path, "position")
    assert error.problem == "2 is already taken by sample-2.toml; each position is used once"
    assert [i.id for i in result.insights] == ["sample-1", "sample-2"]


def test_insights_take_their_book_facts_from_book_toml(tmp_path: Path) -> None:
    folder = book_folder(tmp_path, valid_book(insights=2))
    write(folder, "b.toml", {**valid(), "id": "sample-b", "position": 2})
    write(folder, "a.toml", {**valid(), "id": "sample-a", "position": 1})
    result = load_insights(tmp_path)
    assert [(i.id, i.position) for i in result.insights] == [("sample-a", 1), ("sample-b", 2)]
    first = result.insights[0]
    assert (first.book_id, first.book, first.author, first.year, first.book_insights) == \
        ("sample", "A Book", "An Author", 2001, 2)
    assert result.book("sample") == Book("sample", "A Book", "Its Subtitle", "An Author", 2001,
                                         ("habits-focus",), "What the book argues, in our words.", 2)
    assert result.insights_of("sample") == result.insights and result.book("nope") is None


def test_books_stand_on_the_shelf_by_theme_then_year_then_title(tmp_path: Path) -> None:
    shelf = [("zen", ["thinking-clearly"], 1990), ("late", ["leading-products"], 2020),
             ("early", ["leading-products", "thinking-clearly"], 1999), ("also", ["leading-products"], 2020)]
    for book_id, themes, year in shelf:
        book = {**valid_book(book_id), "themes": themes, "year": year, "title": book_id.title()}
        write(book_folder(tmp_path, book), f"{book_id}-1.toml", {**valid(), "id": f"{book_id}-1"})
    result = load_insights(tmp_path)
    assert [b.id for b in result.books] == ["early", "also", "late", "zen"]
    assert [i.book_id for i in result.insights] == ["early", "also", "late", "zen"]


def test_one_book_folder_can_be_read_on_its_own(tmp_path: Path) -> None:
    folder = book_folder(tmp_path)
    write(folder, "sample-1.toml", valid())
    assert [i.id for i in load_insights(folder).insights] == ["sample-1"]


def test_reading_time_comes_from_the_word_count(tmp_path: Path) -> None:
    words = " ".join(["word"] * (READING_SPEED * 3))
    write(book_folder(tmp_path), "long.toml", {**valid(), "story": [words]})
    (insight,) = load_insights(tmp_path).insights
    assert insight.words == READING_SPEED * 3 + 28  # plus title 2, achieve 2, steps 20, questions 2, tip 2
    assert insight.reading_minutes == 3
    write(book_folder(tmp_path / "short"), "short.toml", valid())
    assert load_insights(tmp_path / "short").insights[0].reading_minutes == 1


# --- python -m content.check ----------------------------------------------------

def test_check_command_lists_insights_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_main([]) == 0
    out = capsys.readouterr().out
    assert "book   escaping-the-build-trap: \"Escaping the Build Trap: How Effective" in out
    assert "5. escaping-the-build-trap-5" in out and "4 steps, 4 questions, 3 tips" in out
    result = load_insights()
    assert f"{len(result.books)} book(s), {len(result.insights)} insight(s) loaded" in out


def test_check_command_prints_errors_and_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = book_folder(tmp_path, valid_book(insights=2))
    write(folder, "good.toml", valid())
    write(folder, "escaping.toml", {**_with_step(1, {"title": ""}), "position": 2})
    assert check_main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "ok       1. sample-1" in out
    assert "error  sample/escaping.toml: field 'steps[2].title': must be a non-empty string" in out


def test_check_runs_as_a_module(tmp_path: Path) -> None:
    write(book_folder(tmp_path), "bad.toml", "id = ")
    run = subprocess.run([sys.executable, "-m", "content.check", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert "sample/bad.toml: TOML syntax error on line 1" in run.stdout


if __name__ == "__main__":
    # Regenerate the fingerprint fixture: python -m tests.content.test_content [seed file]
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SEED
    hashes = sorted(_fingerprint(_words(source.read_text(encoding="utf-8"))))
    FIXTURES.mkdir(parents=True, exist_ok=True)
    SEED_FINGERPRINT.write_text(
        f"# sha256[:16] of every {NGRAM}-word run (lowercased, punctuation dropped) of the source\n"
        f"# text {SEED_NAME}; the text itself is not stored. Regenerate: python -m tests.content.test_content\n"
        + "\n".join(hashes) + "\n", encoding="utf-8")
    print(f"wrote {len(hashes)} hashes to {SEED_FINGERPRINT}")
