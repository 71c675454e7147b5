"""Import and restore are all-or-nothing; import refuses what the app cannot hold (issue 18).

Crash points: a child process runs an import (or a restore) and calls
``os._exit`` just before its N-th durable step (every file replace and every
unlink), for N = 1, 2, ... until the operation runs to the end. After each
crash the data folder is opened again and must show the state before or the
state after, never a mix, with no entry id in two month files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.importing import MAX_DEPTH, ImportRejected, parse_export
from journal.service import export_json, export_markdown, import_file, import_json
from storage import Store

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 20, 8, 0, tzinfo=BERLIN)
REPO = Path(__file__).resolve().parents[2]
INSIGHT = "escaping-the-build-trap-5"
ENV = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def now() -> datetime:
    return START


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def month_docs(data: Path) -> dict[str, dict[str, dict]]:
    """month -> {id: stored fields}, read straight from the files."""
    out = {}
    for path in sorted((data / "journal").glob("*.json")):
        out[path.stem] = json.loads(path.read_bytes()).get("entries", {})
    return out


def ids_in_two_months(data: Path) -> set[str]:
    seen: dict[str, int] = {}
    for docs in month_docs(data).values():
        for entry_id in docs:
            seen[entry_id] = seen.get(entry_id, 0) + 1
    return {entry_id for entry_id, n in seen.items() if n > 1}


def logical(data: Path) -> dict[str, dict]:
    """id -> fields of every journal entry, wherever it is stored."""
    return {entry_id: doc for docs in month_docs(data).values() for entry_id, doc in docs.items()}


def data_file_bytes(data: Path) -> dict[str, bytes]:
    """The live data files (not backups, not meta.json)."""
    return {k: v for k, v in snapshot(data).items()
            if not k.startswith(("backups/", "corrupt/")) and k not in ("meta.json", "stepwise.lock")}


# -- a child that dies before its N-th durable step ------------------------------------------

CHILD = r"""
import os, sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo
from storage import Store
from journal.service import import_json

data, action, arg, crash_at = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
store = Store.open(data, now=lambda: datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")),
                   daily_backup=False)
steps = [0]
real_replace, real_unlink = os.replace, os.unlink

def step(real):
    def wrapped(*a, **k):
        steps[0] += 1
        if steps[0] == crash_at:
            os._exit(77)
        return real(*a, **k)
    return wrapped

os.replace, os.unlink = step(real_replace), step(real_unlink)
if action == "import":
    import_json(store, Path(arg).read_bytes())
else:
    store.backups.restore(arg)
os.replace, os.unlink = real_replace, real_unlink
print("done", steps[0])
"""


def run_child(data: Path, action: str, arg: str, crash_at: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, str(data), action, arg, str(crash_at)],
                          env=ENV, capture_output=True, text=True, timeout=120)


def crash_everywhere(make_folder, action: str, arg: str, check) -> int:
    """Crash at step 1, 2, ... until the child finishes; ``check(folder, result)`` after each."""
    crashes = 0
    for crash_at in range(1, 200):
        data = make_folder(crash_at)
        result = run_child(data, action, arg, crash_at)
        if result.returncode == 0:
            assert result.stdout.startswith("done"), result.stdout
            check(data, None)
            return crashes
        assert result.returncode == 77, result.stderr
        crashes += 1
        check(data, crash_at)
    raise AssertionError("the child never finished")


def seeded(folder: Path) -> Path:
    store = Store.open(folder, now=now, daily_backup=False)
    moving = store.journal.save_answer(INSIGHT, 0, "Q", date(2025, 1, 10), "the January answer", START)
    store.journal.add_note(date(2025, 2, 3), "a February note", START)
    store.journal.save_answer(INSIGHT, 1, "Q1", date(2025, 1, 11), "another January answer", START)
    (folder / "moving-id").write_text(moving.id)
    store.close()
    return folder


def import_file_for(folder: Path, target: Path) -> Path:
    """An export of ``folder`` where one entry moved from January to March with a newer edit,
    plus two new entries in other months."""
    store = Store.open(folder, now=now, daily_backup=False)
    document = json.loads(export_json(store, START))
    store.close()
    moving_id = (folder / "moving-id").read_text()
    for record in document["entries"]:
        if record["id"] == moving_id:
            record["day"] = "2025-03-10"
            record["text"] = "moved to March"
            record["updated_at"] = (START + timedelta(days=1)).isoformat()
    for n, day in enumerate(("2025-04-02", "2024-12-30")):
        document["entries"].append({**document["entries"][0], "id": f"{n}" * 32, "day": day,
                                    "text": f"new {n}"})
    document["counts"]["entries"] = len(document["entries"])
    target.write_bytes(json.dumps(document).encode())
    return target


def test_an_import_killed_at_any_durable_step_leaves_the_state_before_or_after(tmp_path):
    template = seeded(tmp_path / "template")
    raw = import_file_for(template, tmp_path / "import.json")
    before = logical(template)
    finished = tmp_path / "finished"
    subprocess.run(["cp", "-a", str(template), str(finished)], check=True)
    assert run_child(finished, "import", str(raw), 10_000).returncode == 0
    after = logical(finished)
    assert after != before and len(after) == len(before) + 2
    outcomes, logs = set(), set()

    def make(n: int) -> Path:
        folder = tmp_path / f"crash-{n}"
        subprocess.run(["cp", "-a", str(template), str(folder)], check=True)
        return folder

    def check(folder: Path, crash_at: int | None) -> None:
        committed = (folder / "operation").exists()
        staged = (folder / "operation.tmp").exists()
        store = Store.open(folder, now=now, daily_backup=False)  # recovers
        problems = list(store.problems)
        count = store.journal.count()
        entries = list(store.journal.all_entries())
        store.close()
        assert not ids_in_two_months(folder), crash_at
        state = logical(folder)
        assert state in (before, after), f"a mix after a crash at step {crash_at}"
        assert count == len(state) == len(entries)
        if crash_at is not None:
            outcomes.add("after" if state == after else "before")
            if committed:
                assert state == after
                assert any("An import" in p and "was completed now" in p for p in problems), problems
            if staged and not committed:
                assert state == before
                assert any("before it changed anything" in p for p in problems), problems
            logs.add((committed, staged))
            # Opening again changes nothing more and reports nothing more.
            again = Store.open(folder, now=now, daily_backup=False)
            assert not any("interrupted" in p for p in again.problems)
            again.close()
            assert logical(folder) == state

    crashes = crash_everywhere(make, "import", str(raw), check)
    assert crashes >= 5, "the import made too few durable steps to test anything"
    assert outcomes == {"before", "after"}, outcomes
    assert (True, False) in logs and (False, True) in logs, "crashes hit neither side of the commit"


def test_a_restore_killed_at_any_durable_step_leaves_the_state_before_or_after(tmp_path):
    template = seeded(tmp_path / "template")
    store = Store.open(template, now=now, daily_backup=False)
    backup = store.backups.take("manual")
    store.journal.add_note(date(2025, 6, 1), "written after the backup", START)
    store.journal.update_text((template / "moving-id").read_text(), "edited after", START)
    store.settings.set("theme", "dark") if hasattr(store.settings, "set") else None
    store.close()
    before = data_file_bytes(template)
    finished = tmp_path / "finished"
    subprocess.run(["cp", "-a", str(template), str(finished)], check=True)
    assert run_child(finished, "restore", backup.name, 10_000).returncode == 0
    after = data_file_bytes(finished)
    assert after != before

    def make(n: int) -> Path:
        folder = tmp_path / f"crash-{n}"
        subprocess.run(["cp", "-a", str(template), str(folder)], check=True)
        return folder

    seen = set()

    def check(folder: Path, crash_at: int | None) -> None:
        Store.open(folder, now=now, daily_backup=False).close()
        state = data_file_bytes(folder)
        assert state in (before, after), f"a mix after a crash at step {crash_at}"
        seen.add("after" if state == after else "before")

    assert crash_everywhere(make, "restore", backup.name, check) >= 4
    assert seen == {"before", "after"}


def test_ids_stored_in_two_months_by_an_older_version_are_repaired_at_start_keeping_the_newer(tmp_path):
    data = seeded(tmp_path / "data")
    moving_id = (data / "moving-id").read_text()
    january = json.loads((data / "journal" / "2025-01.json").read_bytes())
    newer = {**january["entries"][moving_id], "day": "2025-03-10", "text": "newer copy",
             "updated_at": (START + timedelta(hours=2)).isoformat()}
    (data / "journal" / "2025-03.json").write_text(json.dumps({"entries": {moving_id: newer}}) + "\n")
    # An older copy of another entry in a later month: the stored (newer) one must win.
    february = json.loads((data / "journal" / "2025-02.json").read_bytes())
    note_id, note = next(iter(february["entries"].items()))
    older = {**note, "day": "2025-04-01", "text": "older copy",
             "updated_at": (START - timedelta(days=3)).isoformat()}
    (data / "journal" / "2025-04.json").write_text(json.dumps({"entries": {note_id: older}}) + "\n")
    meta = json.loads((data / "meta.json").read_bytes())
    meta["meta"]["schema"].pop("ids_unique_checked", None)  # as an older version left it
    (data / "meta.json").write_text(json.dumps(meta) + "\n")
    assert ids_in_two_months(data) == {moving_id, note_id}

    store = Store.open(data, now=now, daily_backup=False)
    assert not ids_in_two_months(data)
    assert store.journal.get(moving_id).text == "newer copy"
    assert store.journal.get(note_id).text == "a February note"
    assert store.journal.count() == 3 and len(list(store.journal.all_entries())) == 3
    assert any("2 journal entries were stored twice" in p for p in store.problems), store.problems
    store.close()


# -- values the app cannot hold ---------------------------------------------------------------


def good_document() -> dict:
    return {
        "format": "stepwise-journal", "schema_version": 1, "exported_at": START.isoformat(),
        "counts": {"entries": 2, "reviews": 0, "follow_ups": 0},
        "entries": [
            {"id": "a" * 32, "insight_id": INSIGHT, "question_index": 0, "question": "Q",
             "day": "2026-11-01", "text": "fine", "created_at": START.isoformat(),
             "updated_at": START.isoformat()},
            {"id": "b" * 32, "insight_id": None, "question_index": None, "question": "",
             "day": "2026-11-02", "text": "fine too", "created_at": START.isoformat(),
             "updated_at": START.isoformat()},
        ],
        "reviews": [], "follow_ups": [],
    }


def bad_file(kind: str) -> bytes:
    doc = good_document()
    second = doc["entries"][1]
    text = None
    if kind == "created before year 1 in UTC":
        second["created_at"] = "0001-01-01T00:00:00+01:00"
    elif kind == "updated after year 9999 in UTC":
        second["updated_at"] = "9999-12-31T23:59:59-01:00"
    elif kind == "day at the end of time":
        second["day"] = "9999-12-31"
    elif kind == "export time out of range":
        doc["exported_at"] = "0001-01-01T00:30:00+01:00"
    elif kind == "huge integer":
        text = json.dumps(doc).replace('"question_index": 0', '"question_index": ' + "7" * 5000)
    elif kind == "huge count":
        text = json.dumps(doc).replace('"entries": 2', '"entries": ' + "2" * 5000)
    elif kind == "question index too big":
        doc["entries"][0]["question_index"] = 10 ** 12
    elif kind == "nested thousands deep":
        text = json.dumps(doc).replace('"text": "fine too"', '"text": ' + "[" * 5000 + "]" * 5000)
    elif kind == "nested a little too deep":
        text = json.dumps(doc).replace('"text": "fine too"', '"text": ' + "[" * 40 + "]" * 40)
    elif kind == "deep in an unknown field":
        text = json.dumps(doc).replace('"text": "fine too"',
                                       '"text": "x", "note": ' + '{"a":' * 3000 + "1" + "}" * 3000)
    elif kind == "deep at the top":
        text = "[" * 100_000 + "]" * 100_000
    else:
        raise AssertionError(kind)
    return (text if text is not None else json.dumps(doc)).encode("utf-8")


BAD = {  # kind -> words the message must hold (entry and field named where there is one)
    "created before year 1 in UTC": ['Entry 2 (' + "b" * 32 + ')', '"created_at"'],
    "updated after year 9999 in UTC": ["Entry 2", '"updated_at"'],
    "day at the end of time": ["Entry 2", '"day"'],
    "export time out of range": ["export time"],
    "huge integer": ["Entry 1", '"question_index"', "5,000 digits"],
    "huge count": ['"counts"', '"entries"'],
    "question index too big": ["Entry 1", '"question_index"'],
    "nested thousands deep": ["Entry 2", '"text"', "nested"],
    "nested a little too deep": ["Entry 2 (" + "b" * 32 + ')', '"text"', "nested"],
    "deep in an unknown field": ["Entry 2", '"note"', "nested"],
    "deep at the top": ["nested"],
}


def test_the_undamaged_file_imports():
    assert len(parse_export(json.dumps(good_document()).encode()).entries) == 2


@pytest.mark.parametrize("kind", sorted(BAD))
def test_values_the_app_cannot_hold_are_refused_naming_entry_and_field(kind, tmp_path):
    data = tmp_path / "data"
    store = Store.open(data, now=now, daily_backup=False)
    store.journal.add_note(date(2026, 10, 1), "mine", START)
    before = snapshot(data)
    with pytest.raises(ImportRejected) as err:
        import_json(store, bad_file(kind))
    message = str(err.value)
    for words in BAD[kind]:
        assert words in message, (words, message)
    assert len(message) < 400 and "Traceback" not in message
    outcome = import_file(store, bad_file(kind))  # what Settings shows
    assert not outcome.ok and outcome.message == f"{message} Nothing was changed."
    store.close()
    assert snapshot(data) == before


@pytest.mark.parametrize("kind", ["created before year 1 in UTC", "huge integer", "nested thousands deep",
                                  "deep at the top"])
def test_the_cli_refuses_them_with_the_same_message_and_no_traceback(kind, tmp_path):
    data = tmp_path / "data"
    Store.open(data, now=now, daily_backup=False).close()
    path = tmp_path / "bad.json"
    path.write_bytes(bad_file(kind))
    before = snapshot(data)
    result = subprocess.run([sys.executable, str(REPO / "main.py"), "import", str(path), "--data-dir",
                             str(data)], cwd=REPO, env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    store = Store.open(data, now=now, daily_backup=False)
    settings_words = import_file(store, bad_file(kind)).message
    store.close()
    assert result.stderr == f"Import refused: {settings_words}\n"
    assert snapshot(data) == before


def test_the_settings_handler_shows_the_import_file_message():
    source = (REPO / "screens" / "settings_data.py").read_text()
    assert "service.import_file(chosen.bytes)" in source
    assert "import_json(" not in source


def test_depth_limit_is_far_above_what_an_export_uses():
    assert MAX_DEPTH >= 8


# -- one bad stored entry ----------------------------------------------------------------------


def test_a_stored_entry_that_cannot_be_placed_in_utc_is_set_aside_and_the_rest_shows_and_exports(tmp_path):
    data = tmp_path / "data"
    store = Store.open(data, now=now, daily_backup=False)
    for n in range(3):
        store.journal.add_note(date(2026, 11, 1 + n), f"note {n}", START)
    store.close()
    path = data / "journal" / "2026-11.json"
    tables = json.loads(path.read_bytes())
    tables["entries"]["c" * 32] = {"insight_id": None, "question_index": None, "question": "",
                                   "day": "2026-11-05", "text": "from the edge of time",
                                   "created_at": "0001-01-01T00:00:00+01:00",
                                   "updated_at": "9999-12-31T23:59:59-01:00"}
    path.write_text(json.dumps(tables, separators=(",", ":")) + "\n")

    store = Store.open(data, now=now, daily_backup=False)
    page, _ = store.journal.page(limit=30)
    assert [e.text for e in page] == ["note 2", "note 1", "note 0"]
    assert any("2026-11.json holds 1 entry that could not be read" in p for p in store.problems)
    exported = json.loads(export_json(store, START))
    assert [e["text"] for e in exported["entries"]] == ["note 0", "note 1", "note 2"]
    assert "note 2" in export_markdown(store, START).decode()
    assert store.journal.get("c" * 32) is None
    store.close()
    assert "from the edge of time" in path.read_text(), "the entry is kept in its file"
    for fmt in ("json", "md"):
        result = subprocess.run([sys.executable, str(REPO / "main.py"), "export", "--format", fmt,
                                 "--out", "-", "--data-dir", str(data)], cwd=REPO, env=ENV,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0 and "note 1" in result.stdout, result.stderr
        assert "Traceback" not in result.stderr
