"""Import: a bad file changes nothing (byte for byte); a good one merges without duplicates."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from habit.clock import FixedClock
from journal.importing import ImportRejected, parse_export
from journal.merge import ADD, KEEP, SAME, UPDATE, ImportReport, decide
from journal.service import BEFORE_IMPORT, export_json, import_json
from storage import JournalEntry, Store

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 20, 8, 0, tzinfo=BERLIN)
REPO = Path(__file__).resolve().parents[2]
INSIGHT = "escaping-the-build-trap-5"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the data folder (backups included) and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def clock():
    return FixedClock(START)


@pytest.fixture
def store(tmp_path, clock):
    s = Store.open(tmp_path / "data", now=clock.now)
    for i in range(3):
        s.journal.save_answer(INSIGHT, i, f"Q{i}", date(2026, 11, 10 + i), f"answer {i} café", clock.now())
    s.journal.add_note(date(2026, 10, 2), "an October note", clock.now())
    yield s
    s.close()


def valid_export(store, clock) -> dict:
    return json.loads(export_json(store, clock.now()))


def encode(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def broken(kind: str, good: dict) -> bytes:
    """One damaged variant of a valid export per kind."""
    doc = json.loads(json.dumps(good))
    raw = encode(good)
    if kind == "empty":
        return b""
    if kind == "whitespace":
        return b"  \n"
    if kind == "not json":
        return b"Dear diary, today I..."
    if kind == "binary":
        return bytes(range(256)) * 4
    if kind == "truncated half":
        return raw[: len(raw) // 2]
    if kind == "truncated last byte":
        return raw[:-1]
    if kind == "truncated inside a text":
        return raw[: raw.index(b"answer 1") + 3]
    if kind == "array":
        return b"[1, 2, 3]"
    if kind == "other json":
        return b'{"entries": []}'
    if kind == "newer schema":
        doc["schema_version"] = 2
    elif kind == "schema as text":
        doc["schema_version"] = "1"
    elif kind == "schema zero":
        doc["schema_version"] = 0
    elif kind == "no schema":
        del doc["schema_version"]
    elif kind == "no entries":
        del doc["entries"]
    elif kind == "entries not a list":
        doc["entries"] = {"a": 1}
    elif kind.startswith("missing "):
        del doc["entries"][-1][kind.removeprefix("missing ")]
    elif kind == "bad day":
        doc["entries"][-1]["day"] = "yesterday"
    elif kind == "day without dashes":
        doc["entries"][-1]["day"] = "20261110"
    elif kind == "naive time":
        doc["entries"][-1]["created_at"] = "2026-11-10T08:00:00"
    elif kind == "negative question":
        doc["entries"][-1]["question_index"] = -1
    elif kind == "question as text":
        doc["entries"][-1]["question_index"] = "0"
    elif kind == "text a number":
        doc["entries"][-1]["text"] = 5
    elif kind == "bad id":
        doc["entries"][-1]["id"] = "a|b"
    elif kind == "answer without insight":
        doc["entries"][-1]["insight_id"] = None
        doc["entries"][-1]["question_index"] = 0
    elif kind == "duplicate id":
        doc["entries"].append(dict(doc["entries"][0]))
        doc["counts"]["entries"] += 1
    elif kind == "count mismatch":
        doc["entries"].pop()
    elif kind == "too long":
        doc["entries"][-1]["text"] = "x" * 100_001
    elif kind == "entry not an object":
        doc["entries"].append("text")
        doc["counts"]["entries"] += 1
    elif kind == "bad review":
        doc["reviews"] = [{"entry_id": "abc", "interval": 0}]
        doc["counts"]["reviews"] = 1
    else:
        raise AssertionError(kind)
    return encode(doc)


BAD_KINDS = [
    "empty", "whitespace", "not json", "binary", "truncated half", "truncated last byte",
    "truncated inside a text", "array", "other json", "newer schema", "schema as text",
    "schema zero", "no schema", "no entries", "entries not a list", "missing text", "missing id",
    "missing updated_at", "missing day", "missing question_index", "bad day", "day without dashes",
    "naive time", "negative question", "question as text", "text a number", "bad id",
    "answer without insight", "duplicate id", "count mismatch", "too long", "entry not an object",
    "bad review",
]


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_a_bad_file_is_refused_with_a_message_and_nothing_changes(kind, store, clock, tmp_path):
    # An export from another journal, so a valid import *would* change things.
    other = Store.open(tmp_path / "other", now=clock.now)
    other.journal.save_answer(INSIGHT, 0, "Q", date(2026, 9, 1), "from elsewhere", clock.now())
    good = valid_export(other, clock)
    other.close()
    good["entries"] = good["entries"] + valid_export(store, clock)["entries"][:1]
    good["entries"][-1] = {**good["entries"][-1], "id": "f" * 32, "text": "answer 1 new"}
    good["counts"]["entries"] = len(good["entries"])
    parse_export(encode(good))  # the undamaged file is fine
    before = snapshot(tmp_path / "data")
    with pytest.raises(ImportRejected) as err:
        import_json(store, broken(kind, good))
    message = str(err.value)
    assert message and "Traceback" not in message and len(message) < 400
    assert snapshot(tmp_path / "data") == before


@pytest.mark.parametrize("kind, words", [
    ("truncated half", "incomplete"), ("truncated inside a text", "incomplete"),
    ("newer schema", "newer Stepwise"), ("not json", "not valid JSON"), ("binary", "not UTF-8"),
    ("missing text", 'missing "text"'), ("other json", "not a Stepwise journal export"),
    ("count mismatch", "but holds 3"), ("duplicate id", "appears twice"), ("naive time", "no UTC offset"),
])
def test_messages_say_what_is_wrong(kind, words, store, clock):
    good = valid_export(store, clock)
    with pytest.raises(ImportRejected, match=words.replace("(", r"\(")):
        parse_export(broken(kind, good))


def entry(id_="e1", text="t", updated=START) -> JournalEntry:
    return JournalEntry(id_, INSIGHT, 0, "Q", date(2026, 11, 10), text, START, updated)


def test_merge_rule_newer_updated_time_wins_ties_keep_what_is_stored():
    stored = entry(text="mine", updated=START + timedelta(hours=1))
    assert decide(None, stored) == ADD
    assert decide(stored, stored) == SAME
    assert decide(stored, replace(stored, text="theirs", updated_at=START + timedelta(hours=2))) == UPDATE
    assert decide(stored, replace(stored, text="theirs", updated_at=START)) == KEEP
    assert decide(stored, replace(stored, text="theirs")) == KEEP  # same time, different text
    # Offsets do not fool the comparison: 10:00+01:00 is later than 09:30+00:00... no: 09:00 UTC < 09:30 UTC.
    tokyo = replace(stored, text="tokyo", updated_at=datetime(2026, 11, 20, 18, 30, tzinfo=ZoneInfo("Asia/Tokyo")))
    assert decide(stored, tokyo) == UPDATE  # 09:30 UTC is after 08:00 UTC


def test_importing_merges_by_id_and_reports_what_it_did(store, clock, tmp_path):
    exported = valid_export(store, clock)
    ids = [e["id"] for e in exported["entries"]]
    # Edit one entry locally after the export, one in the file (newer), and add one to the file.
    clock.advance(timedelta(hours=1))
    store.journal.update_text(ids[1], "edited here later", clock.now())
    exported["entries"][2]["text"] = "edited in the file"
    exported["entries"][2]["updated_at"] = (START + timedelta(hours=3)).isoformat()
    exported["entries"][1]["text"] = "older edit in the file"
    exported["entries"][1]["updated_at"] = (START + timedelta(minutes=30)).isoformat()
    exported["entries"].append({**exported["entries"][0], "id": "a" * 32, "text": "brand new",
                                "day": "2027-01-05"})
    exported["counts"]["entries"] += 1
    count_before = store.journal.count()
    report = import_json(store, encode(exported))
    assert (report.added, report.updated, report.unchanged, report.kept) == (1, 1, 2, 1)
    assert report.summary() == ("Added 1 entry and updated 1. 3 entries were already here "
                                "(1 newer on this device kept).")
    assert store.journal.count() == count_before + 1
    assert store.journal.get(ids[1]).text == "edited here later"
    assert store.journal.get(ids[2]).text == "edited in the file"
    assert store.journal.get("a" * 32).text == "brand new"
    # Importing the same file again adds and changes nothing.
    again = import_json(store, encode(exported))
    assert (again.added, again.updated) == (0, 0) and store.journal.count() == count_before + 1


def test_an_entry_whose_day_moved_to_another_month_is_not_duplicated(store, clock):
    exported = valid_export(store, clock)
    moved = exported["entries"][-1]
    moved["day"] = "2026-12-01"
    moved["updated_at"] = (START + timedelta(days=1)).isoformat()
    report = import_json(store, encode(exported))
    assert report.updated == 1
    ids = [e.id for e in store.journal.all_entries()]
    assert len(ids) == len(set(ids)) == 4
    assert store.journal.get(moved["id"]).day == date(2026, 12, 1)


def test_a_backup_is_taken_before_an_import_and_restoring_it_undoes_the_import(store, clock, tmp_path):
    before = {p: b for p, b in snapshot(tmp_path / "data").items() if p.startswith("journal/")}
    other = Store.open(tmp_path / "other", now=clock.now)
    other.journal.add_note(date(2026, 11, 11), "imported note", clock.now())
    report = import_json(store, export_json(other, clock.now()))
    other.close()
    assert report.added == 1 and report.backup and BEFORE_IMPORT in report.backup
    store.backups.restore(report.backup)
    after = {p: b for p, b in snapshot(tmp_path / "data").items() if p.startswith("journal/")}
    assert after == before
    assert "imported note" not in [e.text for e in store.journal.all_entries()]


def test_report_summary_wording():
    assert ImportReport(added=0, updated=0).summary() == "Added 0 entries and updated 0."
    assert ImportReport(added=2, updated=0, unchanged=1).summary() == (
        "Added 2 entries and updated 0. 1 entry was already here.")


def run_main(*args):
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_cli_import_refuses_bad_files_with_exit_1_and_changes_nothing(store, clock, tmp_path):
    good = valid_export(store, clock)
    store.close()
    data = tmp_path / "data"
    before = snapshot(data)
    for kind in ("truncated half", "newer schema", "missing text", "not json"):
        bad = tmp_path / f"{kind}.json"
        bad.write_bytes(broken(kind, good))
        result = run_main("import", str(bad), "--data-dir", str(data))
        assert result.returncode == 1, (kind, result.stdout, result.stderr)
        assert result.stderr.startswith("Import refused: ") and "Nothing was changed." in result.stderr
        assert snapshot(data) == before
    missing = run_main("import", str(tmp_path / "nope.json"), "--data-dir", str(data))
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    assert run_main("import").returncode == 2
    assert snapshot(data) == before


def test_cli_export_then_import_into_a_fresh_folder(store, clock, tmp_path):
    store.close()
    out = tmp_path / "journal.json"
    assert run_main("export", "--format", "json", "--out", str(out), "--data-dir", str(tmp_path / "data")).returncode == 0
    result = run_main("import", str(out), "--data-dir", str(tmp_path / "fresh"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added 4 entries and updated 0.")
    assert "backup" in result.stdout
    again = run_main("import", str(out), "--data-dir", str(tmp_path / "fresh"))
    assert again.stdout.startswith("Added 0 entries and updated 0. 4 entries were already here.")


def test_importing_a_file_that_changes_nothing_writes_nothing_not_even_a_backup(store, clock, tmp_path):
    raw = export_json(store, clock.now())
    before = snapshot(tmp_path / "data")
    report = import_json(store, raw)
    assert (report.added, report.updated, report.unchanged, report.backup) == (0, 0, 4, None)
    assert snapshot(tmp_path / "data") == before
