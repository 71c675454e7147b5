"""Export: Markdown (readable, one section per day), JSON (complete), the round trip, the CLI."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daily.practice import DailyPractice
from habit.clock import FixedClock
from journal.export import FORMAT, SCHEMA_VERSION, day_label, to_markdown
from journal.service import export_json, export_markdown, import_json, looking_back_of
from storage import Store

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")
START = datetime(2026, 10, 20, 21, 15, tzinfo=BERLIN)
REPO = Path(__file__).resolve().parents[2]


def fill(practice: DailyPractice, clock: FixedClock) -> None:
    """Answers over five weeks, edits, notes, a follow-up thought, odd Unicode and an offset change."""
    ins = practice.insights[0]
    practice.save_answer(ins.id, 0, "Most weeks I pass requests on — café ☕, naïve, שלום, 日本語 😀")
    practice.save_answer(ins.id, 1, "# Not a heading\n\nTwo paragraphs,\nsecond line.")
    service = practice.journal
    service.add_note("A free note\u0000with a NUL and e\u0301")
    for _ in range(7):
        clock.advance(timedelta(days=1))
        practice.save_answer(ins.id, 2, f"Why before what ({practice.today()})")
    look = service.looking_back()
    service.save_follow_up(look, "Looking back, it held.")
    clock.advance(timedelta(days=3))
    service.finish_looking_back(service.looking_back())
    first = next(e for e in practice.store.journal.all_entries() if e.text.startswith("Most weeks"))
    clock.move_to_zone(TOKYO)
    clock.advance(timedelta(hours=5))
    service.edit(first.id, first.text + " (edited in Tokyo)")


@pytest.fixture
def clock():
    return FixedClock(START)


def test_json_export_is_complete_and_versioned(practice, clock):
    fill(practice, clock)
    document = json.loads(export_json(practice.store, clock.now()))
    assert document["format"] == FORMAT and document["schema_version"] == SCHEMA_VERSION == 1
    entries = document["entries"]
    stored = list(practice.store.journal.entries_oldest_first())
    assert [e["id"] for e in entries] == [e.id for e in stored]
    assert document["counts"] == {"entries": len(stored), "reviews": 2, "follow_ups": 1,
                                  "verdicts": 0, "dismissals": 0, "retirements": 0}
    assert all(set(e) == {"id", "insight_id", "question_index", "question", "day", "text",
                          "created_at", "updated_at"} for e in entries)
    edited = next(e for e in entries if e["text"].endswith("(edited in Tokyo)"))
    assert edited["created_at"].endswith("+02:00") and edited["updated_at"].endswith("+09:00")
    assert any(e["question_index"] is None and "\u0000" in e["text"] for e in entries)
    assert {r["interval"] for r in document["reviews"]} == {1, 3} or len(document["reviews"]) == 2


def test_export_then_import_gives_exactly_the_same_data(practice, clock, tmp_path):
    fill(practice, clock)
    exported = export_json(practice.store, clock.now())
    target = Store.open(tmp_path / "other", now=clock.now)
    report = import_json(target, exported)
    assert report.added == practice.store.journal.count() and report.updated == 0
    assert list(target.journal.entries_oldest_first()) == list(practice.store.journal.entries_oldest_first())
    assert list(looking_back_of(target).all_look_backs()) == list(looking_back_of(practice.store).all_look_backs())
    assert list(looking_back_of(target).all_follow_ups()) == list(looking_back_of(practice.store).all_follow_ups())
    assert export_json(target, clock.now()) == exported  # byte for byte
    # And importing it again changes nothing.
    again = import_json(target, exported)
    assert (again.added, again.updated, again.unchanged) == (0, 0, report.added)
    assert export_json(target, clock.now()) == exported
    target.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
                      min_size=1, max_size=6))
def test_round_trip_keeps_any_text(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("rt")
    clock = FixedClock(START)
    source = Store.open(folder / "a", now=clock.now, daily_backup=False)
    for i, text in enumerate(texts):
        source.journal.add_note(date(2026, 1 + i, 5), text, clock.now())
    target = Store.open(folder / "b", now=clock.now, daily_backup=False)
    import_json(target, export_json(source, clock.now()), backup=False)
    assert list(target.journal.entries_oldest_first()) == list(source.journal.entries_oldest_first())
    source.close()
    target.close()


def test_markdown_has_one_section_per_day_oldest_first(practice, clock):
    fill(practice, clock)
    title = practice.insights[0].title
    text = export_markdown(practice.store, clock.now(), practice.journal.insight_title).decode()
    days = sorted({e.day for e in practice.store.journal.all_entries()})
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == [day_label(d) for d in days]
    assert text.startswith("# Stepwise journal\n")
    assert f"### {title} — question 1" in text
    assert f"**{practice.insights[0].questions[0]}**" in text
    assert "café ☕, naïve, שלום, 日本語 😀 (edited in Tokyo)" in text
    assert "\\# Not a heading" in text  # the user's '#' does not break the day structure
    assert "### Note\n" in text
    assert "### Follow-up thought, looking back at " in text and "Looking back, it held." in text
    assert "*Written at 21:15, edited on " in text


def test_markdown_of_an_empty_journal_says_so():
    text = to_markdown([], datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN))
    assert "· 0 entries." in text and "*The journal is empty.*" in text


def run_main(*args, cwd=REPO):
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_cli_export_writes_private_files_in_both_formats(tmp_path):
    data = tmp_path / "data"
    clock = FixedClock(START)
    store = Store.open(data, now=clock.now)
    store.journal.save_answer("escaping-the-build-trap-5", 0, "Q?", date(2026, 10, 20), "CLI answer é",
                              clock.now())
    store.close()
    md, js = tmp_path / "out" / "journal.md", tmp_path / "out" / "journal.json"
    result = run_main("export", "--format", "md", "--out", str(md), "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "Exported 1 entry" in result.stdout
    assert "CLI answer é" in md.read_text(encoding="utf-8")
    assert "From Order Taker to Strategic Product Leader — question 1" in md.read_text(encoding="utf-8")
    result = run_main("export", "--format", "json", "--out", str(js), "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert json.loads(js.read_text(encoding="utf-8"))["entries"][0]["text"] == "CLI answer é"
    assert stat.S_IMODE(os.stat(js).st_mode) == 0o600
    assert not [p for p in js.parent.iterdir() if p.name.startswith(".")]  # no temp files left
    to_stdout = run_main("export", "--format", "json", "--out", "-", "--data-dir", str(data))
    assert json.loads(to_stdout.stdout)["counts"]["entries"] == 1


def test_cli_export_usage_errors_exit_2(tmp_path):
    result = run_main("export", "--format", "pdf", "--out", str(tmp_path / "x"), "--data-dir", str(tmp_path))
    assert result.returncode == 2 and "invalid choice" in result.stderr
    assert run_main("export", "--format", "md").returncode == 2
