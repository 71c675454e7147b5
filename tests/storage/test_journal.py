"""Journal: round trips, upsert, paging across month files, size limit, Unicode."""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import MAX_TEXT_BYTES, AnswerTooLong, JournalEntry
from tests.helpers.storage import at, journal_parses, open_store

DAY = date(2026, 11, 3)


def test_save_answer_round_trip_survives_reopen(tmp_path):
    store = open_store(tmp_path)
    saved = store.journal.save_answer("atomic-habits-01", 2, "When will you start?", DAY, "Tomorrow 7:00 ☕", at(DAY))
    assert isinstance(saved, JournalEntry)
    assert uuid.UUID(hex=saved.id).version == 4 and re.fullmatch(r"[0-9a-f]{32}", saved.id)
    assert (saved.insight_id, saved.question_index, saved.question) == ("atomic-habits-01", 2, "When will you start?")
    assert saved.day == DAY and type(saved.day) is date
    assert saved.created_at == saved.updated_at == at(DAY)
    store.close()

    again = open_store(tmp_path)
    loaded = again.journal.get(saved.id)
    assert loaded == saved
    assert loaded.created_at.utcoffset() == timedelta(hours=1)
    raw = json.loads((tmp_path / "journal" / "2026-11.json").read_text(encoding="utf-8"))
    doc = raw["entries"][saved.id]
    assert doc["created_at"] == "2026-11-03T08:00:00+01:00" and doc["day"] == "2026-11-03"


def test_save_answer_upserts_one_entry_per_insight_question_day(tmp_path):
    store = open_store(tmp_path)
    first = store.journal.save_answer("ins", 0, "Q0", DAY, "draft", at(DAY, 8))
    second = store.journal.save_answer("ins", 0, "Q0", DAY, "final words", at(DAY, 9))
    assert second.id == first.id
    assert second.created_at == first.created_at and second.updated_at == at(DAY, 9)
    assert store.journal.count() == 1
    other_question = store.journal.save_answer("ins", 1, "Q1", DAY, "x", at(DAY))
    other_day = store.journal.save_answer("ins", 0, "Q0", DAY + timedelta(days=1), "y", at(DAY))
    other_insight = store.journal.save_answer("other", 0, "Q0", DAY, "z", at(DAY))
    assert len({first.id, other_question.id, other_day.id, other_insight.id}) == 4
    assert store.journal.count() == 4
    assert store.journal.get(first.id).text == "final words"


def test_saving_the_same_text_again_does_not_write(tmp_path):
    store = open_store(tmp_path)
    entry = store.journal.save_answer("ins", 0, "Q", DAY, "same", at(DAY))
    writes = sum(store.io_stats.writes.values())
    assert store.journal.save_answer("ins", 0, "Q", DAY, "same", at(DAY, 10)) == entry
    assert sum(store.io_stats.writes.values()) == writes


def test_add_note_is_always_a_new_entry(tmp_path):
    store = open_store(tmp_path)
    a = store.journal.add_note(DAY, "free thought", at(DAY))
    b = store.journal.add_note(DAY, "free thought", at(DAY), insight_id="ins")
    assert a.id != b.id
    assert a.question_index is None and a.insight_id is None and a.is_note
    assert b.insight_id == "ins"
    assert store.journal.answers_for_day("ins", DAY) == {}
    assert open_store(tmp_path).journal.get(b.id) == b


def test_answers_for_day(tmp_path):
    store = open_store(tmp_path)
    q0 = store.journal.save_answer("ins", 0, "Q0", DAY, "zero", at(DAY))
    q2 = store.journal.save_answer("ins", 2, "Q2", DAY, "two", at(DAY))
    store.journal.save_answer("ins", 1, "Q1", DAY - timedelta(days=1), "other day", at(DAY))
    store.journal.save_answer("else", 1, "Q1", DAY, "other insight", at(DAY))
    store.journal.add_note(DAY, "note", at(DAY), insight_id="ins")
    assert open_store(tmp_path).journal.answers_for_day("ins", DAY) == {0: q0, 2: q2}


def test_get_update_delete_restore(tmp_path):
    store = open_store(tmp_path)
    entry = store.journal.save_answer("ins", 0, "Q", DAY, "before", at(DAY))
    keep = store.journal.add_note(DAY, "stays", at(DAY))
    updated = store.journal.update_text(entry.id, "after", at(DAY, 12))
    assert updated == replace(entry, text="after", updated_at=at(DAY, 12))
    assert open_store(tmp_path).journal.get(entry.id) == updated

    deleted = store.journal.delete(entry.id)
    assert deleted == updated
    assert store.journal.get(entry.id) is None
    assert open_store(tmp_path).journal.get(entry.id) is None
    assert store.journal.delete(entry.id) is None

    restored = store.journal.restore(deleted)
    assert restored == updated
    assert open_store(tmp_path).journal.get(entry.id) == updated
    assert store.journal.get(keep.id) == keep
    with pytest.raises(KeyError):
        store.journal.update_text("0" * 32, "x", at(DAY))
    assert store.journal.get("nope") is None


def test_deleting_the_last_entry_of_a_month_removes_its_file(tmp_path):
    store = open_store(tmp_path)
    entry = store.journal.add_note(date(2025, 3, 1), "only one", at(DAY))
    assert (tmp_path / "journal" / "2025-03.json").exists()
    store.journal.delete(entry.id)
    assert not (tmp_path / "journal" / "2025-03.json").exists()
    assert store.journal.page() == ([], None)
    store.journal.restore(entry)
    assert store.journal.page() == ([entry], None)


def test_restore_keeps_both_answers_if_the_question_was_answered_again(tmp_path):
    store = open_store(tmp_path)
    old = store.journal.save_answer("ins", 0, "Q", DAY, "old words", at(DAY, 8))
    store.journal.delete(old.id)
    new = store.journal.save_answer("ins", 0, "Q", DAY, "new words", at(DAY, 9))
    store.journal.restore(old)
    assert {e.text for e in store.journal.all_entries()} == {"old words", "new words"}
    assert store.journal.answers_for_day("ins", DAY) == {0: new}


def test_an_update_from_another_store_instance_is_seen(tmp_path):
    reader, writer = open_store(tmp_path), open_store(tmp_path)
    entry = writer.journal.save_answer("ins", 0, "Q", DAY, "one", at(DAY))
    assert reader.journal.get(entry.id) == entry
    writer.journal.update_text(entry.id, "two", at(DAY, 9))
    assert reader.journal.get(entry.id).text == "two"
    assert reader.journal.page()[0][0].text == "two"
    assert reader.journal.count() == 1
    writer.journal.delete(entry.id)
    assert reader.journal.count() == 0 and reader.journal.get(entry.id) is None


def _fill(store, months: int, per_month: int) -> list[JournalEntry]:
    """Entries over ``months`` months ending November 2026, several per day."""
    made = []
    for m in range(months):
        year, month = divmod(2026 * 12 + 10 - m, 12)
        for i in range(per_month):
            day = date(year, month + 1, 1 + i % 28)
            made.append(store.journal.add_note(day, f"{year}-{month + 1} #{i}", at(day, 6 + i % 12, i % 60)))
    return made


def _newest_first(entries):
    return sorted(entries, key=lambda e: (e.day, e.created_at.astimezone(timezone.utc), e.id), reverse=True)


def test_paging_newest_first_across_months_with_a_cursor(tmp_path):
    store = open_store(tmp_path)
    made = _fill(store, months=4, per_month=23)
    store.journal.save_answer("ins", 0, "Q", date(2026, 9, 5), "answer", at(date(2026, 9, 5)))
    expected = _newest_first(store.journal.all_entries())
    assert len(expected) == len(made) + 1 == 93
    reader = open_store(tmp_path)
    seen, cursor, pages = [], None, 0
    while True:
        page, cursor = reader.journal.page(limit=10, cursor=cursor)
        seen += page
        pages += 1
        if cursor is None:
            break
        assert isinstance(cursor, str) and len(page) == 10
    assert seen == expected
    assert pages == 10 and len(page) == 3
    days = [e.day for e in seen]
    assert days == sorted(days, reverse=True)


def test_a_page_that_ends_exactly_at_the_last_entry_has_no_cursor(tmp_path):
    store = open_store(tmp_path)
    _fill(store, months=2, per_month=5)
    first, cursor = store.journal.page(limit=5)
    second, cursor = store.journal.page(limit=5, cursor=cursor)
    assert cursor is None and len(second) == 5
    assert store.journal.page(limit=10) == (first + second, None)


def test_cursor_resumes_exactly_when_entries_change_between_pages(tmp_path):
    store = open_store(tmp_path)
    _fill(store, months=3, per_month=10)
    page1, cursor = store.journal.page(limit=12)
    store.journal.add_note(date(2026, 11, 27), "newer than everything", at(DAY))
    store.journal.delete(page1[-1].id)
    rest = []
    while cursor:
        page, cursor = store.journal.page(limit=7, cursor=cursor)
        rest += page
    assert not {e.id for e in rest} & {e.id for e in page1}
    assert len(page1) + len(rest) == 30


def test_first_page_opens_only_the_newest_month_files(tmp_path):
    store = open_store(tmp_path)
    _fill(store, months=24, per_month=20)
    store.close()
    an_hour_ago = time.time() - 3600  # older than the cache's "just written, re-read" window
    for path in (tmp_path / "journal").iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))

    fresh = open_store(tmp_path)
    assert journal_parses(fresh) == {}, "opening must not parse journal months"
    page, cursor = fresh.journal.page(limit=30)
    assert len(page) == 30 and cursor is not None
    assert set(journal_parses(fresh)) == {"2026-11", "2026-10"}
    page2, _ = fresh.journal.page(limit=30, cursor=cursor)
    assert set(journal_parses(fresh)) == {"2026-11", "2026-10", "2026-09"}
    assert fresh.journal.page(limit=30) == (page, cursor)
    assert journal_parses(fresh)["2026-11"] == 1, "unchanged files come from the in-process cache"


def test_count_and_all_entries(tmp_path):
    store = open_store(tmp_path)
    made = _fill(store, months=5, per_month=7)
    assert store.journal.count() == 35
    assert list(store.journal.all_entries()) == _newest_first(made)
    assert store.journal.months() == ["2026-11", "2026-10", "2026-09", "2026-08", "2026-07"]


def test_page_rejects_bad_arguments(tmp_path):
    store = open_store(tmp_path)
    with pytest.raises(ValueError):
        store.journal.page(limit=0)
    with pytest.raises(ValueError):
        store.journal.page(cursor="not a cursor")


def test_inputs_are_validated(tmp_path):
    store = open_store(tmp_path)
    with pytest.raises(ValueError):
        store.journal.save_answer("ins", 0, "Q", DAY, "x", datetime(2026, 11, 3, 8))  # naive
    with pytest.raises(TypeError):
        store.journal.save_answer("ins", 0, "Q", at(DAY), "x", at(DAY))  # datetime as day
    with pytest.raises(ValueError):
        store.journal.save_answer("ins", -1, "Q", DAY, "x", at(DAY))
    with pytest.raises(ValueError):
        store.journal.save_answer("", 0, "Q", DAY, "x", at(DAY))
    assert not (tmp_path / "journal").exists() or not list((tmp_path / "journal").iterdir())


def test_answer_too_long_is_a_clear_value_error_and_writes_nothing(tmp_path):
    store = open_store(tmp_path)
    limit = MAX_TEXT_BYTES
    assert limit == 100_000
    exact = store.journal.save_answer("ins", 0, "Q", DAY, "a" * limit, at(DAY))
    assert len(store.journal.get(exact.id).text) == limit
    emoji_exact = "😀" * (limit // 4)  # 4 bytes each
    assert store.journal.add_note(DAY, emoji_exact, at(DAY)).text == emoji_exact
    for call in (
        lambda: store.journal.save_answer("ins", 1, "Q", DAY, "a" * (limit + 1), at(DAY)),
        lambda: store.journal.add_note(DAY, "é" * (limit // 2 + 1), at(DAY)),
        lambda: store.journal.update_text(exact.id, "😀" * (limit // 4) + "a", at(DAY)),
    ):
        with pytest.raises(AnswerTooLong) as info:
            call()
        assert isinstance(info.value, ValueError)
        assert "100,000 bytes" in str(info.value) and info.value.size_bytes > limit
    assert store.journal.count() == 2
    assert store.journal.get(exact.id).text == "a" * limit


def test_unpaired_surrogates_become_replacement_characters(tmp_path):
    store = open_store(tmp_path)
    entry = store.journal.save_answer("ins", 0, "Q\udc80", DAY, "ok \ud83d broken \ud83d\ude00 pair", at(DAY))
    assert entry.text == "ok \ufffd broken 😀 pair" and entry.question == "Q\ufffd"
    assert open_store(tmp_path).journal.get(entry.id) == entry


TRICKY = [
    "",
    "\x00",
    "NUL in\x00the middle",
    "emoji 👩‍👩‍👧‍👦 🏳️‍🌈 flags 🇩🇪 skin 👍🏽",
    "RTL שלום עולם مرحبا \u202e reversed \u202c",
    "combining e\u0301 vs \u00e9, a\u0308\u0301\u0323",
    "line\r\nbreaks\rand\u2028separators\u2029",
    "\"quotes\" \\ backslash \t tab }\n{",
    "\ufeffBOM and \uffff noncharacter and \U0010ffff",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_round_trips_exactly(tmp_path, text):
    store = open_store(tmp_path)
    entry = store.journal.save_answer("ins", 0, text, DAY, text, at(DAY))
    loaded = open_store(tmp_path).journal.get(entry.id)
    assert loaded.text == text and loaded.question == text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), question=st.text(max_size=40), index=st.integers(0, 10_000))
def test_any_text_round_trips_exactly(tmp_path, text, question, index):
    store = open_store(tmp_path, daily_backup=False)
    entry = store.journal.save_answer("hyp", index, question, DAY, text, at(DAY))
    fresh = open_store(tmp_path, daily_backup=False)
    loaded = fresh.journal.answers_for_day("hyp", DAY)[index]
    assert loaded.text == text and loaded.question == question and loaded.id == entry.id


def test_import_entries_is_idempotent_and_writes_once_per_month(tmp_path):
    store = open_store(tmp_path)
    entries = [
        JournalEntry(uuid.uuid4().hex, "ins", i % 3, "Q", date(2026, 1 + i % 3, 1 + i), f"t{i}", at(DAY), at(DAY))
        for i in range(12)
    ]
    before = sum(store.io_stats.writes.values())
    assert store.journal.import_entries(entries) == 12
    assert sum(store.io_stats.writes.values()) - before == 3
    assert store.journal.import_entries(entries) == 0
    assert store.journal.count() == 12
