"""The journal end to end in Chromium at phone size: write, search, edit, delete + undo, export, look back."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from content import load_insights
from journal.looking_back import WINDOW_DAYS
from storage import Store
from tests.browser.harness import (ROOT, served_now, PHONE, Server, block_outside_hosts, open_app, reveal, screenshot,
                                   scroll_through, scroll_to_text)

pytestmark = [pytest.mark.browser, pytest.mark.date_sensitive]

ANSWER = "The zeppelin idea: ask the café team what problem it solves, before any plan."
EDITED = "Edited: ask the Café team which problem the zeppelin solves, then plan with them."
PAST = "Last week I said yes to every request; naïvely, I never asked why."


def focus(page, name: str, attempts: int = 3):
    """Tap the text field named ``name`` until it has the keyboard focus; return it.

    Flutter web swallows the first tap after a view with a focused field was
    closed (here: the walk-through); a person simply taps again.
    """
    field = page.get_by_role("textbox", name=name)
    for _ in range(attempts):
        reveal(page, field, bottom_margin=120)
        field.click()
        page.wait_for_timeout(300)
        if page.evaluate("n => { const a = document.activeElement; return !!a && "
                         "['INPUT', 'TEXTAREA'].includes(a.tagName) && "
                         "(a.getAttribute('aria-label') || '').includes(n); }", name):
            return field
    raise AssertionError(f"could not focus the field {name!r}")


def journal_files(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data / "journal").glob("*.json"))}


@pytest.fixture
def data_dir(tmp_path):
    """A user with history: one answer a week old, due to come back today, and three
    older than the looking-back window (so whichever interval today prefers, it is that one)."""
    data = tmp_path / "data"
    insight = load_insights().insights[0]
    now = served_now()
    store = Store.open(data)
    for back in (7, WINDOW_DAYS, WINDOW_DAYS + 1, WINDOW_DAYS + 2):
        day = (now - timedelta(days=back)).date()
        text = PAST if back == 7 else f"An older answer from {back} days ago about outcomes."
        store.journal.save_answer(insight.id, 0, insight.questions[0], day, text, now - timedelta(days=back))
    store.close()
    return data


@pytest.fixture
def app_to_serve(data_dir):
    return Server(data_dir)


def test_write_find_edit_delete_undo_and_export_an_answer(browser, server, data_dir):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    blocked = block_outside_hosts(page)

    # Write an answer in today's walk-through (saved as it is typed).
    open_app(page, server.url + "practice/4")
    field = page.get_by_role("textbox", name="Your answer to question 1")
    field.wait_for(timeout=30_000)
    field.click()
    page.keyboard.type(ANSWER)
    page.wait_for_timeout(1200)  # past the autosave pause
    page.get_by_role("button", name="Close the walk-through").click()

    # The Journal lists it first, under today, with its question; older days follow.
    page.get_by_role("tab", name="Journal").click()
    page.get_by_text(ANSWER).wait_for(timeout=15_000)
    page.get_by_text(PAST).first.wait_for()
    screenshot(page, "journal-01-list")
    page.get_by_role("button", name="Insight filter: All entries").wait_for(state="attached")

    # Search: other case, no accents, two words in another order.
    focus(page, "Search your journal")
    page.keyboard.type("CAFE Zeppelin")
    page.get_by_text(re.compile(r"^1 match for")).wait_for(timeout=15_000)
    page.get_by_text(ANSWER).wait_for()
    assert page.get_by_text(PAST).count() == 0
    screenshot(page, "journal-02-search-highlight")

    # Edit it: the new words are saved and still found.
    page.get_by_role("button", name="Edit").click()  # the search left one entry
    page.get_by_role("textbox", name="Edit your answer").wait_for()
    focus(page, "Edit your answer")
    page.keyboard.press("Control+A")
    page.keyboard.type(EDITED)
    screenshot(page, "journal-03-edit")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text(EDITED).wait_for(timeout=15_000)
    assert page.get_by_text(ANSWER).count() == 0

    # Delete it, then undo from the snackbar.
    page.get_by_role("button", name="Delete").click()
    page.get_by_text("Entry deleted").wait_for()
    page.get_by_text(EDITED).wait_for(state="detached", timeout=10_000)
    screenshot(page, "journal-04-deleted-undo")
    page.get_by_role("button", name="Undo").click()
    page.get_by_text(EDITED).wait_for(timeout=10_000)

    with Store.open(data_dir, daily_backup=False) as store:
        saved = [e for e in store.journal.all_entries() if e.text == EDITED]
        assert len(saved) == 1 and saved[0].updated_at > saved[0].created_at
        assert store.journal.count() == 5

    # Export from Settings: the downloaded files hold the answer.
    page.get_by_role("tab", name="Settings").click()
    button = page.get_by_role("button", name="Export as JSON")
    button.wait_for(state="attached", timeout=15_000)
    reveal(page, button)
    with page.expect_download(timeout=30_000) as download_info:
        button.click()
    download = download_info.value
    assert re.fullmatch(r"stepwise-journal-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    document = json.loads(Path(download.path()).read_bytes())
    assert document["format"] == "stepwise-journal" and document["schema_version"] == 1
    assert EDITED in [e["text"] for e in document["entries"]]
    assert document["counts"]["entries"] == 5
    page.get_by_text(re.compile(r"was downloaded as stepwise-journal-")).wait_for()

    markdown = page.get_by_role("button", name="Export as Markdown")
    with page.expect_download(timeout=30_000) as download_info:
        markdown.click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert download_info.value.suggested_filename.endswith(".md")
    assert text.startswith("# Stepwise journal") and EDITED in text and PAST in text

    # Importing a damaged copy is refused and changes nothing.
    before = journal_files(data_dir)
    damaged = data_dir.parent / "damaged.json"
    raw = Path(download.path()).read_bytes()
    damaged.write_bytes(raw[: len(raw) // 2])
    importer = page.get_by_role("button", name="Import a JSON export")
    reveal(page, importer)
    with page.expect_file_chooser(timeout=15_000) as chooser:
        importer.click()
    chooser.value.set_files(str(damaged))
    page.get_by_text(re.compile(r"damaged\.json was not imported: The file is incomplete")).wait_for(timeout=15_000)
    screenshot(page, "journal-05-settings-data")
    assert journal_files(data_dir) == before

    # Values the app cannot hold are refused here in the words the CLI uses, and change nothing.
    ancient = json.loads(raw)
    ancient["entries"][0]["created_at"] = "0001-01-01T00:00:00+01:00"  # before year 1 in UTC
    deep = json.loads(raw)
    deep["entries"][0]["text"] = "NESTED"  # becomes a list nested 3,000 deep in the file
    for name, text in (("ancient.json", json.dumps(ancient)),
                       ("deep.json", json.dumps(deep).replace('"NESTED"', "[" * 3000 + "]" * 3000))):
        path = data_dir.parent / name
        path.write_text(text, encoding="utf-8")
        cli = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "--data-dir", str(data_dir), str(path)],
                             capture_output=True, text=True, timeout=120)
        assert cli.returncode != 0 and cli.stderr.startswith("Import refused: ") and "Traceback" not in cli.stderr
        words = cli.stderr.removeprefix("Import refused: ").strip()
        assert words.startswith("Entry 1")  # the entry and its field are named
        with page.expect_file_chooser(timeout=15_000) as chooser:
            importer.click()
        chooser.value.set_files(str(path))
        page.get_by_text(f"{name} was not imported: {words}", exact=True).wait_for(timeout=15_000)
        assert journal_files(data_dir) == before

    # The whole file imports as "already here": nothing duplicated.
    whole = data_dir.parent / "whole.json"
    whole.write_bytes(raw)
    with page.expect_file_chooser(timeout=15_000) as chooser:
        importer.click()
    chooser.value.set_files(str(whole))
    page.get_by_text(re.compile(r"Imported whole\.json\. Added 0 entries and updated 0\. "
                                r"5 entries were already here")).wait_for(timeout=15_000)
    assert journal_files(data_dir) == before
    context.close()
    assert all("127.0.0.1" not in url for url in blocked)


def test_a_past_answer_comes_back_on_today_and_a_follow_up_is_kept(browser, server, data_dir):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    block_outside_hosts(page)
    open_app(page, server.url)

    page.get_by_role("button", name=re.compile("today's practice")).wait_for(timeout=30_000)
    scroll_to_text(page, "Looking back")  # the last section of Today, built when scrolled to
    scroll_to_text(page, PAST)  # below its heading: Flutter builds it once it is near the screen
    page.get_by_text(re.compile(r"^You wrote this a week ago\.")).wait_for()
    thought = page.get_by_role("textbox", name="A follow-up thought")
    reveal(page, thought, bottom_margin=160)
    screenshot(page, "journal-06-looking-back")
    focus(page, "A follow-up thought")
    page.keyboard.type("Now I ask why first, most days.")
    save = page.get_by_role("button", name="Save thought")
    reveal(page, save)
    save.click()
    page.get_by_text("Your follow-up thought is saved in the Journal, next to today.").wait_for()

    # Reopening Today the same day does not show it again; the Journal holds the linked thought.
    page.get_by_role("tab", name="Journal").click()
    page.get_by_text("Now I ask why first, most days.").wait_for(timeout=15_000)
    page.get_by_text(re.compile(r"^Follow-up · looking back at ")).wait_for()
    page.get_by_role("tab", name="Today").click()
    page.get_by_role("button", name=re.compile("today's practice")).wait_for(timeout=15_000)
    page.wait_for_timeout(500)
    # Scrolled through to the end: the outcome card, the section before it, is
    # met on the way, and Looking back is not.
    seen = {"Your outcome": 0, "Looking back": 0}

    def visit() -> None:
        for text in seen:
            seen[text] += page.get_by_text(text, exact=True).count()

    scroll_through(page, visit)
    assert seen["Your outcome"] and not seen["Looking back"], seen
    context.close()
