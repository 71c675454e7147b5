"""Books a user adds (content/packs.py, `main.py content ...`): checked whole, stored in the data folder.

A refused pack must leave the data folder byte-identical: every test that
refuses compares a snapshot of every file and folder (names, bytes, modes)
before and after.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from content import load_insights, packs
from content.packs import (
    PackRefused,
    add_pack,
    added_folder,
    check_pack,
    installed,
    remove_pack,
)
from storage import Store
from tests.helpers.content_files import to_toml, valid_book
from tests.helpers.packs import BOOK, insight, make_book, snapshot, zip_of

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=timezone(timedelta(hours=1)))
DAY = date(2026, 11, 20)


# --- helpers -------------------------------------------------------------------

def raw_zip(target: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return target


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder in use: a journal answer and a finished day."""
    folder = tmp_path / "data"
    store = Store.open(folder, now=lambda: NOW)
    store.journal.save_answer("escaping-the-build-trap-5", 0, "Why?", DAY, "Because.", NOW)
    store.practice.mark_finished("escaping-the-build-trap-5", DAY, NOW)
    store.close()
    return folder


def refused(path: Path, data: Path) -> list[str]:
    """Add `path`, expect a refusal that changed nothing; the messages."""
    before = snapshot(data)
    with pytest.raises(PackRefused) as caught:
        add_pack(path, data)
    assert snapshot(data) == before
    return list(caught.value.messages)


def mentions(messages: list[str], *parts: str) -> bool:
    return any(all(p in m for p in parts) for m in messages)


# --- adding good packs -----------------------------------------------------------

def test_a_good_folder_is_added_and_then_loads(tmp_path: Path, data: Path) -> None:
    source = make_book(tmp_path / "packs")
    pack = add_pack(source, data)
    assert pack.ok and pack.book is not None and pack.book.id == BOOK
    stored = added_folder(data) / BOOK
    assert stored == data / "books" / BOOK
    assert {p.name: p.read_bytes() for p in stored.iterdir()} == {p.name: p.read_bytes() for p in source.iterdir()}
    assert stat.S_IMODE(stored.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in stored.iterdir())
    assert [p.name for p in added_folder(data).iterdir() if p.name.startswith(".adding")] == []

    library = installed(data)
    assert library.ok, [str(e) for e in library.errors]
    mine = library.book(BOOK)
    assert mine is not None and mine.added is True
    assert [i.id for i in library.insights_of(BOOK)] == [f"{BOOK}-{n}" for n in (1, 2, 3)]
    assert all(not b.added for b in library.books if b.id != BOOK)
    shipped = load_insights()
    assert [b.id for b in library.books if not b.added] == [b.id for b in shipped.books]
    assert not (ROOT / "content" / "books" / BOOK).exists()  # never in the app's own content/


def test_a_good_zip_is_added_and_then_loads(tmp_path: Path, data: Path) -> None:
    source = make_book(tmp_path / "packs")
    archive = zip_of(source, extra={"__MACOSX/my-book/._book.toml": b"\x00\x05",
                                    f"{BOOK}/.DS_Store": b"\x00", f"{BOOK}/README.md": b"notes",
                                    f"{BOOK}/images/cover.png": b"\x89PNG"})
    pack = add_pack(archive, data)
    assert pack.book is not None and pack.book.id == BOOK and len(pack.insights) == 3
    stored = added_folder(data) / BOOK
    assert sorted(p.name for p in stored.iterdir()) == ["book.toml", "my-book-1.toml", "my-book-2.toml",
                                                         "my-book-3.toml"]  # only what the loader reads
    assert (stored / "book.toml").read_bytes() == (source / "book.toml").read_bytes()
    assert installed(data).book(BOOK).added is True


def test_an_added_book_stands_on_its_shelf_by_the_shipped_rules(tmp_path: Path, data: Path) -> None:
    add_pack(make_book(tmp_path / "packs", year=1900, themes=["leading-products"]), data)
    library = installed(data)
    first_theme = [b.id for b in library.books if b.themes[0] == "leading-products"]
    assert first_theme[0] == BOOK  # the oldest book of the first shelf
    assert library.insights[0].id == f"{BOOK}-1"


def test_the_app_loads_added_books_and_survives_a_broken_one(tmp_path: Path, data: Path) -> None:
    from daily.opening import open_practice

    add_pack(make_book(tmp_path / "packs"), data)
    broken = make_book(added_folder(data), "broken-book", insights=2)  # put there by hand, then damaged
    (broken / "broken-book-2.toml").write_text('id = "broken-book-2"\ntitle = ""\n', encoding="utf-8")
    practice = open_practice(data)
    try:
        ids = [i.id for i in practice.insights]
        assert {f"{BOOK}-1", f"{BOOK}-2", f"{BOOK}-3", "broken-book-1", "escaping-the-build-trap-5"} <= set(ids)
        assert "broken-book-2" not in ids
        assert any("a book you added" in p and "broken-book/broken-book-2.toml" in p and "'title'" in p
                   for p in practice.problems), practice.problems
    finally:
        practice.store.close()


def test_a_hand_made_copy_of_a_shipped_book_in_the_data_folder_never_replaces_it(data: Path) -> None:
    shutil.copytree(ROOT / "content" / "books" / "deep-work", added_folder(data) / "deep-work")
    library = installed(data)
    assert library.book("deep-work").added is False
    assert len(library.insights_of("deep-work")) == 8
    assert any(e.field == "id" and "already the id of the book" in e.problem for e in library.errors)


def test_no_added_books_folder_is_not_a_problem(data: Path) -> None:
    assert not added_folder(data).exists()
    library = installed(data)
    assert library.ok and library.books == load_insights().books


def test_a_new_data_folder_is_made_for_a_pack_and_then_opens(tmp_path: Path) -> None:
    fresh = tmp_path / "new" / "data"
    add_pack(make_book(tmp_path / "packs"), fresh)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
    store = Store.open(fresh, now=lambda: NOW)
    assert store.problems == []
    store.close()


# --- broken packs: refused, named, nothing changed ------------------------------

def _field(name: str, value: Any) -> Callable[[Path], None]:
    def change(book: Path) -> None:
        path = book / f"{BOOK}-2.toml"
        data = insight(BOOK, 2)
        data[name] = value
        path.write_text(to_toml(data), encoding="utf-8")
    return change


def _book_field(name: str, value: Any) -> Callable[[Path], None]:
    def change(book: Path) -> None:
        data = valid_book(BOOK, 3)
        if value is None:
            del data[name]
        else:
            data[name] = value
        (book / "book.toml").write_text(to_toml(data), encoding="utf-8")
    return change


def _write(name: str, text: str | bytes) -> Callable[[Path], None]:
    def change(book: Path) -> None:
        path = book / name
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")
    return change


def _remove(name: str) -> Callable[[Path], None]:
    return lambda book: (book / name).unlink()


BROKEN = {
    "empty insight title": (_field("title", ""), f"{BOOK}/{BOOK}-2.toml", "field 'title'"),
    "misspelt insight field": (_field("tip", ["x"]), f"{BOOK}/{BOOK}-2.toml", "field 'tip': unknown field"),
    "bad difficulty": (_field("difficulty", "Easy"), f"{BOOK}/{BOOK}-2.toml", "field 'difficulty'"),
    "book without author": (_book_field("author", None), f"{BOOK}/book.toml", "field 'author': is missing"),
    "unknown theme": (_book_field("themes", ["cooking"]), f"{BOOK}/book.toml", "unknown theme 'cooking'"),
    "id not the folder": (_book_field("id", "other-book"), f"{BOOK}/book.toml", "field 'id'"),
    "a position missing": (_remove(f"{BOOK}-3.toml"), f"{BOOK}/book.toml", "no file has position 3"),
    "toml syntax": (_write(f"{BOOK}-1.toml", 'id = "my-book-1\n'), f"{BOOK}/{BOOK}-1.toml", "TOML syntax error"),
    "not utf-8": (_write(f"{BOOK}-1.toml", b'title = "caf\xe9"\n'), f"{BOOK}/{BOOK}-1.toml", "is not UTF-8"),
    "a position twice": (_write(f"{BOOK}-9.toml", to_toml(insight(BOOK, 2, id=f"{BOOK}-9"))),
                         f"{BOOK}/{BOOK}-9.toml", "field 'position': 2 is already taken"),
    "an id twice in the pack": (_write(f"{BOOK}-3.toml", to_toml(insight(BOOK, 3, id=f"{BOOK}-1"))),
                                f"{BOOK}/{BOOK}-3.toml", "field 'id': 'my-book-1' is already used"),
}


@pytest.mark.parametrize("kind", ["folder", "zip"])
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_kind_of_broken_pack_is_refused_naming_file_and_field(
        tmp_path: Path, data: Path, case: str, kind: str) -> None:
    change, file, words = BROKEN[case]
    source = make_book(tmp_path / "packs")
    change(source)
    pack = source if kind == "folder" else zip_of(source)
    messages = refused(pack, data)
    assert mentions(messages, f"{file}: ", words), messages
    assert not check_pack(pack, installed(data)).ok


def test_a_pack_without_book_toml_is_refused(tmp_path: Path, data: Path) -> None:
    source = make_book(tmp_path / "packs")
    archive = zip_of(source)
    (source / "book.toml").unlink()
    assert mentions(refused(source, data), f"{BOOK}: ", "is not a book folder: it has no book.toml")
    (source / "book.toml").write_text("", encoding="utf-8")
    with zipfile.ZipFile(archive) as old, zipfile.ZipFile(tmp_path / "no-book.zip", "w") as new:
        for info in old.infolist():
            if not info.filename.endswith("book.toml"):
                new.writestr(info, old.read(info))
    assert mentions(refused(tmp_path / "no-book.zip", data), f"{BOOK}/book.toml: ", "is missing")


def test_the_same_message_as_the_loader(tmp_path: Path, data: Path) -> None:
    source = make_book(tmp_path / "packs")
    _field("title", "")(source)
    from_loader = [f"{e.file.parent.name}/{e}" for e in load_insights(source).errors]
    assert from_loader and refused(source, data) == from_loader


def test_every_problem_of_a_pack_is_reported_at_once(tmp_path: Path, data: Path) -> None:
    source = make_book(tmp_path / "packs")
    _field("title", "")(source)
    _write(f"{BOOK}-3.toml", to_toml(insight(BOOK, 3, tips=[])))(source)
    messages = refused(source, data)
    assert mentions(messages, f"{BOOK}-2.toml", "'title'") and mentions(messages, f"{BOOK}-3.toml", "'tips'")


def test_a_refused_pack_does_not_create_a_missing_data_folder(tmp_path: Path) -> None:
    source = make_book(tmp_path / "packs")
    _field("title", "")(source)
    with pytest.raises(PackRefused):
        add_pack(source, tmp_path / "none-yet")
    assert not (tmp_path / "none-yet").exists()


# --- ids that are taken -----------------------------------------------------------

def test_a_book_id_of_a_shipped_book_is_refused(tmp_path: Path, data: Path) -> None:
    source = make_book(tmp_path / "packs", "deep-work", ids=["own-1", "own-2", "own-3"])
    messages = refused(source, data)
    assert mentions(messages, "deep-work/book.toml: field 'id'", "shipped with Stepwise"), messages


def test_an_insight_id_of_a_shipped_insight_is_refused(tmp_path: Path, data: Path) -> None:
    source = make_book(tmp_path / "packs", ids=[f"{BOOK}-1", "escaping-the-build-trap-5", f"{BOOK}-3"])
    messages = refused(source, data)
    assert mentions(messages, f"{BOOK}/{BOOK}-2.toml: field 'id'", "'escaping-the-build-trap-5' is already used",
                    "Escaping the Build Trap"), messages


def test_ids_of_an_already_added_book_are_refused(tmp_path: Path, data: Path) -> None:
    add_pack(make_book(tmp_path / "one"), data)
    again = refused(make_book(tmp_path / "two"), data)
    assert mentions(again, f"{BOOK}/book.toml: field 'id'", "a book you added", "content remove my-book"), again
    other = make_book(tmp_path / "three", "other-book", ids=["other-book-1", f"{BOOK}-2", "other-book-3"])
    messages = refused(other, data)
    assert mentions(messages, "other-book/other-book-2.toml: field 'id'", f"'{BOOK}-2' is already used"), messages


def test_a_broken_added_book_still_holds_its_id(tmp_path: Path, data: Path) -> None:
    add_pack(make_book(tmp_path / "one"), data)
    (added_folder(data) / BOOK / "book.toml").write_text("broken =", encoding="utf-8")
    messages = refused(make_book(tmp_path / "two"), data)
    assert mentions(messages, f"{BOOK}/book.toml: field 'id'", "a book you added"), messages


# --- unsafe zips ------------------------------------------------------------------

def _good_entries(prefix: str = f"{BOOK}/") -> list[tuple[str, bytes]]:
    book = valid_book(BOOK, 1)
    return [(f"{prefix}book.toml", to_toml(book).encode()), (f"{prefix}{BOOK}-1.toml", to_toml(insight(BOOK, 1)).encode())]


@pytest.mark.parametrize("name", ["../evil.toml", f"{BOOK}/../../evil.toml", "/tmp/evil.toml",
                                  f"{BOOK}\\..\\..\\evil.toml", "C:/evil.toml", f"{BOOK}/./x.toml"])
def test_a_zip_with_paths_outside_itself_is_refused(tmp_path: Path, data: Path, name: str) -> None:
    archive = raw_zip(tmp_path / "slip.zip", [*_good_entries(), (name, b'id = "x"\n')])
    messages = refused(archive, data)
    assert mentions(messages, "slip.zip: ", f"entry '{name}'"), messages
    assert not (tmp_path / "evil.toml").exists() and not (data.parent / "evil.toml").exists()


def test_a_zip_with_a_symbolic_link_is_refused(tmp_path: Path, data: Path) -> None:
    link = zipfile.ZipInfo(f"{BOOK}/{BOOK}-2.toml")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive = raw_zip(tmp_path / "link.zip", [*_good_entries(), (link, b"/etc/passwd")])
    messages = refused(archive, data)
    assert mentions(messages, f"{BOOK}/{BOOK}-2.toml: ", "symbolic link"), messages


def test_a_folder_with_a_symbolic_link_is_refused(tmp_path: Path, data: Path) -> None:
    source = make_book(tmp_path / "packs", insights=1)
    secret = tmp_path / "secret.toml"
    secret.write_text('password = "x"\n', encoding="utf-8")
    os.symlink(secret, source / "notes.toml")
    messages = refused(source, data)
    assert mentions(messages, f"{BOOK}/notes.toml: ", "symbolic link"), messages


def test_a_zip_of_not_exactly_one_book_folder_is_refused(tmp_path: Path, data: Path) -> None:
    two = raw_zip(tmp_path / "two.zip", [*_good_entries(), *_good_entries("other-book/")])
    assert mentions(refused(two, data), "two.zip: ", "exactly one book folder", "2 folders")
    loose = raw_zip(tmp_path / "loose.zip", _good_entries(""))
    assert mentions(refused(loose, data), "loose.zip: ", "exactly one book folder", "files outside a folder")
    empty = raw_zip(tmp_path / "empty.zip", [])
    assert mentions(refused(empty, data), "empty.zip: ", "exactly one book folder")
    nested = raw_zip(tmp_path / "nested.zip", _good_entries(f"outer/{BOOK}/"))
    assert mentions(refused(nested, data), "outer/book.toml: ", "is missing")


def test_a_file_that_is_not_a_zip_or_a_folder_is_refused(tmp_path: Path, data: Path) -> None:
    text = tmp_path / "book.txt"
    text.write_text("hello", encoding="utf-8")
    assert mentions(refused(text, data), "book.txt: ", "not a book folder or a .zip")
    assert mentions(refused(tmp_path / "missing", data), "missing: ", "not found")
    library = tmp_path / "library"
    make_book(library, "one-book", insights=1)
    make_book(library, "two-book", insights=1)
    assert mentions(refused(library, data), "library: ", "no book.toml", "one-book, two-book", "one at a time")


def test_a_zip_with_too_many_files_is_refused(tmp_path: Path, data: Path) -> None:
    many = [(f"{BOOK}/extra-{n}.txt", b"") for n in range(packs.MAX_FILES)]
    archive = raw_zip(tmp_path / "many.zip", [*_good_entries(), *many])
    assert mentions(refused(archive, data), "many.zip: ", f"at most {packs.MAX_FILES}")


def test_a_folder_with_too_many_files_is_refused(tmp_path: Path, data: Path) -> None:
    source = make_book(tmp_path / "packs", insights=1)
    for n in range(packs.MAX_FILES):
        (source / f"extra-{n}.txt").write_bytes(b"")
    assert mentions(refused(source, data), f"{BOOK}: ", f"at most {packs.MAX_FILES}")


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, data: Path) -> None:
    source = make_book(tmp_path / "packs")
    padding = "# " + "x" * 78 + "\n"
    big = (source / f"{BOOK}-2.toml").read_text(encoding="utf-8") + padding * (packs.MAX_FILE_BYTES // 80 + 1)
    (source / f"{BOOK}-2.toml").write_text(big, encoding="utf-8")
    assert mentions(refused(source, data), f"{BOOK}/{BOOK}-2.toml: ", "at most 1 MB")
    assert mentions(refused(zip_of(source), data), f"{BOOK}/{BOOK}-2.toml: ", "at most 1 MB")


def test_a_huge_file_packed_small_is_refused_before_it_is_unpacked(tmp_path: Path, data: Path) -> None:
    bomb = (f"{BOOK}/{BOOK}-2.toml", b"\0" * (64 * 1024 * 1024))  # 64 MB of zeros: about 64 KB zipped
    archive = raw_zip(tmp_path / "bomb.zip", [*_good_entries(), bomb])
    assert archive.stat().st_size < 1024 * 1024
    assert mentions(refused(archive, data), f"{BOOK}/{BOOK}-2.toml: ", "67,108,864 bytes", "at most 1 MB")


def test_files_adding_up_over_the_total_limit_are_refused(tmp_path: Path, data: Path) -> None:
    chunk = b"# " + b"y" * (packs.MAX_FILE_BYTES - 10) + b"\n"
    extra = [(f"{BOOK}/part-{n}.toml", chunk) for n in range(6)]
    archive = raw_zip(tmp_path / "total.zip", [*_good_entries(), *extra])
    assert mentions(refused(archive, data), "total.zip: ", "at most 5 MB")
    source = make_book(tmp_path / "packs", insights=1)
    for name, payload in extra:
        (source / name.split("/")[1]).write_bytes(payload)
    assert mentions(refused(source, data), f"{BOOK}: ", "at most 5 MB")


def test_a_zip_file_far_over_the_limit_is_not_even_opened(tmp_path: Path, data: Path) -> None:
    archive = tmp_path / "huge.zip"
    with open(archive, "wb") as handle:
        handle.truncate(packs.MAX_ZIP_BYTES + 1)  # sparse: costs no disk
    assert mentions(refused(archive, data), "huge.zip: ", "at most 5 MB")


# --- removing -----------------------------------------------------------------------

def test_remove_keeps_the_journal_and_practice_of_the_books_insights(tmp_path: Path, data: Path) -> None:
    add_pack(make_book(tmp_path / "packs"), data)
    store = Store.open(data, now=lambda: NOW, daily_backup=False)
    later = NOW + timedelta(days=1)
    store.journal.save_answer(f"{BOOK}-1", 0, "One?", DAY + timedelta(days=1), "My answer.", later)
    store.practice.mark_finished(f"{BOOK}-1", DAY + timedelta(days=1), later)
    store.close()
    outside = {k: v for k, v in snapshot(data).items() if not k.startswith("books")}

    removed = remove_pack(BOOK, data)
    assert removed is not None and removed.id == BOOK and removed.added
    assert not (added_folder(data) / BOOK).exists()
    assert [p.name for p in added_folder(data).iterdir() if p.name != ".lock"] == []
    assert installed(data).book(BOOK) is None
    assert {k: v for k, v in snapshot(data).items() if not k.startswith("books")} == outside

    store = Store.open(data, now=lambda: later, daily_backup=False)
    try:
        answers = [e for e in store.journal.all_entries() if e.insight_id == f"{BOOK}-1"]
        assert [e.text for e in answers] == ["My answer."]
        assert store.practice.finished_insight(DAY + timedelta(days=1)) == f"{BOOK}-1"
    finally:
        store.close()

    add_pack(make_book(tmp_path / "again"), data)  # the same book again: its history is there
    assert installed(data).book(BOOK).added


def test_remove_a_book_that_no_longer_loads(tmp_path: Path, data: Path) -> None:
    add_pack(make_book(tmp_path / "packs"), data)
    (added_folder(data) / BOOK / "book.toml").write_text("broken =", encoding="utf-8")
    assert remove_pack(BOOK, data) is None
    assert not (added_folder(data) / BOOK).exists()


@pytest.mark.parametrize(("book_id", "words"), [
    ("deep-work", "is shipped with Stepwise and cannot be removed"),
    ("never-added", "no book you added has this id"),
    ("../data", "is not a book id"),
    ("", "is not a book id"),
])
def test_remove_refuses_shipped_and_unknown_books(data: Path, book_id: str, words: str) -> None:
    before = snapshot(data)
    with pytest.raises(PackRefused) as caught:
        remove_pack(book_id, data)
    assert mentions(list(caught.value.messages), words), caught.value.messages
    assert snapshot(data) == before
    assert (ROOT / "content" / "books" / "deep-work" / "book.toml").exists()


def test_leftovers_of_an_interrupted_add_are_never_loaded_and_are_cleared(tmp_path: Path, data: Path) -> None:
    leftover = make_book(added_folder(data), "half-book", insights=1, folder=".adding-half-book-x1")
    assert installed(data).book("half-book") is None
    add_pack(make_book(tmp_path / "packs"), data)
    assert not leftover.exists()


# --- the command line ----------------------------------------------------------------

def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "content", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)


def test_cli_add_list_remove(tmp_path: Path, data: Path) -> None:
    archive = zip_of(make_book(tmp_path / "packs"))
    added = run("add", str(archive), "--data-dir", str(data))
    assert added.returncode == 0, added.stderr
    assert f'Added "My Own Book: Its Subtitle" by An Author ({BOOK}, 3 insights)' in added.stdout

    listed = run("list", "--data-dir", str(data))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert any(line.startswith(f"added    {BOOK}: \"My Own Book") for line in lines), lines
    assert any(line.startswith("shipped  escaping-the-build-trap:") for line in lines), lines
    assert "8 book(s): 7 shipped, 1 added by you" in listed.stdout

    before = snapshot(data)
    again = run("add", str(archive), "--data-dir", str(data))
    assert again.returncode == 1
    assert f"error  {BOOK}/book.toml: field 'id'" in again.stderr and "Nothing was changed." in again.stderr
    shipped = run("remove", "deep-work", "--data-dir", str(data))
    assert shipped.returncode == 1 and "cannot be removed" in shipped.stderr
    assert snapshot(data) == before

    removed = run("remove", BOOK, "--data-dir", str(data))
    assert removed.returncode == 0, removed.stderr
    assert "journal entries for its insights are kept" in removed.stdout
    assert f"added    {BOOK}" not in run("list", "--data-dir", str(data)).stdout


def test_cli_refuses_a_broken_pack_naming_file_and_field(tmp_path: Path, data: Path) -> None:
    source = make_book(tmp_path / "packs")
    _field("title", "")(source)
    before = snapshot(data)
    result = run("add", str(source), "--data-dir", str(data))
    assert result.returncode == 1
    assert f"error  {BOOK}/{BOOK}-2.toml: field 'title': must be a non-empty string" in result.stderr
    assert "has 1 problem. Nothing was changed." in result.stderr
    assert snapshot(data) == before


def test_cli_check_is_content_check(tmp_path: Path) -> None:
    source = make_book(tmp_path / "packs")
    _field("title", "")(source)
    ours = run("check", str(source))
    theirs = subprocess.run([sys.executable, "-m", "content.check", str(source)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout) == (1, theirs.stdout)
    assert "error  my-book/my-book-2.toml: field 'title'" in ours.stdout
    assert run("check").returncode == 0  # the shipped books
    assert "main.py content check" in run("check", "--help").stdout


def test_cli_usage(tmp_path: Path) -> None:
    assert run().returncode == 2
    unknown = run("install", "x")
    assert unknown.returncode == 2 and "unknown command 'install'" in unknown.stderr
    helped = run("add", "--help")
    assert helped.returncode == 0 and "main.py content add" in helped.stdout


def test_ids_claimed_by_another_add_meanwhile_are_refused_under_the_lock(
        tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_book(tmp_path / "one", "first-book", ids=["shared-1", "first-book-2", "first-book-3"])
    second = make_book(tmp_path / "two", "second-book", ids=["shared-1", "second-book-2", "second-book-3"])
    real_check = packs.check_pack

    def check_then_race(path: Path, library: Any = None) -> packs.CheckedPack:
        checked = real_check(path, library)
        monkeypatch.setattr(packs, "check_pack", real_check)
        add_pack(first, data)  # lands between our check and our write
        return checked

    monkeypatch.setattr(packs, "check_pack", check_then_race)
    with pytest.raises(PackRefused) as caught:
        add_pack(second, data)
    assert mentions(list(caught.value.messages), "second-book/second-book-1.toml: field 'id'",
                    "'shared-1' is already used"), caught.value.messages
    assert installed(data).book("second-book") is None and installed(data).book("first-book").added


def test_reminders_name_an_added_book_s_insight(tmp_path: Path) -> None:
    from daily.reminder_port import open_reminder_port

    fresh = tmp_path / "fresh"
    add_pack(make_book(tmp_path / "packs", year=1900, themes=["leading-products"]), fresh)
    port = open_reminder_port(fresh)
    try:  # a new user starts with the first book on the shelves: the added one
        assert port.insight_title(DAY) == "Insight 1 of 3 · My Own Book: Insight 1"  # named with its book
    finally:
        port.close()
