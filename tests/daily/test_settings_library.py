"""Settings → Library's *Add a book from a file* and *Remove*: the command line's messages, word for word.

The browser test (tests/browser/test_first_run_browser.py) drives the file picker
once; here every kind of outcome is checked against `python main.py content
add/remove` itself, with the picked file's bytes as the browser sends them.
"""

from __future__ import annotations

import io
from pathlib import Path

from content.command import SHOWS_NEXT_START, SHOWS_NOW, main as content_main
from content.packs import added_folder
from daily.library import pack_name
from daily.opening import open_practice
from tests.helpers.packs import BOOK, make_book, snapshot, zip_of


def add_picked_file(name, data: bytes, data_dir: Path):
    """What Settings does with a picked file: the running app's Library adds it."""
    practice = open_practice(data_dir)
    try:
        return practice.library.add_book_file(name, data)
    finally:
        practice.store.close()


def remove_report(book_id: str, data_dir: Path):
    practice = open_practice(data_dir)
    try:
        return practice.library.remove_book(book_id)
    finally:
        practice.store.close()


def added_books(data_dir: Path) -> list:
    practice = open_practice(data_dir)
    try:
        return practice.library.added_books()
    finally:
        practice.store.close()


def cli(argv: list[str]) -> tuple[int, list[str], list[str]]:
    out, err = io.StringIO(), io.StringIO()
    status = content_main(argv, out, err)
    return status, out.getvalue().splitlines(), err.getvalue().splitlines()


def test_a_picked_zip_is_added_with_the_cli_words(tmp_path: Path, monkeypatch) -> None:
    pack = zip_of(make_book(tmp_path / "made"))
    report = add_picked_file(pack.name, pack.read_bytes(), tmp_path / "settings-data")
    assert report.ok
    assert [b.id for b in added_books(tmp_path / "settings-data")] == [BOOK]
    monkeypatch.chdir(pack.parent)
    status, out, err = cli(["add", pack.name, "--data-dir", str(tmp_path / "cli-data")])
    assert status == 0 and err == []
    # The same words, but the running app has the book at once; the command line's next start.
    assert [line.replace("settings-data", "cli-data") for line in report.lines[:-1]] == out[:-1]
    assert report.lines[-1] == SHOWS_NOW and out[-1] == SHOWS_NEXT_START
    assert sorted(p.name for p in (added_folder(tmp_path / "settings-data") / BOOK).iterdir()) == \
        sorted(p.name for p in (added_folder(tmp_path / "cli-data") / BOOK).iterdir())


def test_a_broken_pack_is_refused_with_the_cli_words_and_nothing_changes(tmp_path: Path, monkeypatch) -> None:
    folder = make_book(tmp_path / "made")
    (folder / f"{BOOK}-2.toml").write_text('id = "my-book-2"\nposition = "two"\n', encoding="utf-8")
    pack = zip_of(folder)
    data = tmp_path / "data"
    make_book(tmp_path / "other", book_id="other-book")
    add_picked_file("other-book.zip", zip_of(tmp_path / "other" / "other-book").read_bytes(), data)
    before = snapshot(data)
    report = add_picked_file(pack.name, pack.read_bytes(), data)
    assert not report.ok
    assert snapshot(data) == before
    monkeypatch.chdir(pack.parent)
    status, out, err = cli(["add", pack.name, "--data-dir", str(data)])
    assert status == 1 and out == []
    assert list(report.lines) == err
    assert any(f"{BOOK}/{BOOK}-2.toml" in line for line in report.lines)
    assert report.lines[-1].startswith(f"Not added: {pack.name} has ")


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    report = add_picked_file("notes.zip", b"just some text", tmp_path / "data")
    assert not report.ok
    assert report.lines[0].startswith("error  notes.zip: is not a book folder or a .zip of one")
    assert not added_folder(tmp_path / "data").exists() or not any(added_folder(tmp_path / "data").iterdir())


def test_a_picked_name_cannot_leave_the_temporary_folder() -> None:
    assert pack_name("../../etc/passwd") == "passwd"
    assert pack_name("..") == "book.zip"
    assert pack_name(None) == "book.zip"
    assert pack_name("My Book.zip") == "My Book.zip"


def test_remove_says_what_the_cli_says(tmp_path: Path) -> None:
    data = tmp_path / "data"
    pack = zip_of(make_book(tmp_path / "made"))
    assert add_picked_file(pack.name, pack.read_bytes(), data).ok
    report = remove_report(BOOK, data)
    assert report.ok
    assert added_books(data) == []
    assert add_picked_file(pack.name, pack.read_bytes(), data).ok
    status, out, _err = cli(["remove", BOOK, "--data-dir", str(data)])
    assert status == 0 and out == list(report.lines)
    again = remove_report(BOOK, data)
    status, _out, err = cli(["remove", BOOK, "--data-dir", str(data)])
    assert not again.ok and err == list(again.lines)


def test_an_added_book_is_on_the_running_apps_shelf_at_once_and_leaves_it_when_removed(tmp_path: Path) -> None:
    pack = zip_of(make_book(tmp_path / "made"))
    practice = open_practice(tmp_path / "data")
    try:
        assert practice.library.book(BOOK) is None
        assert practice.library.add_book_file(pack.name, pack.read_bytes()).ok
        library = practice.library  # the reloaded one
        assert library.book(BOOK) is not None and library.book(BOOK).added
        assert any(card.book.id == BOOK and card.added for card in library.shelf())
        assert [i.id for i in library.insights_of(BOOK)][0] == practice.insight(f"{BOOK}-1").id
        assert practice.library.remove_book(BOOK).ok
        assert practice.library.book(BOOK) is None and practice.insight(f"{BOOK}-1") is None
    finally:
        practice.store.close()
