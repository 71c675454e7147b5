"""The journal service as screens use it: real storage, real content, fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from daily.practice import DailyPractice
from journal.search import SearchQuery
from storage import Store

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 26, 9, 30, tzinfo=BERLIN)


def insight(practice):
    return practice.insights[0]


def write_days(practice, clock, days: int, per_day: int = 2, text=lambda d, q: f"day {d} answer {q}"):
    """Answers on ``days`` consecutive days ending today."""
    ins = insight(practice)
    today = practice.today()
    store = practice.store
    for back in range(days - 1, -1, -1):
        day = today - timedelta(days=back)
        for q in range(per_day):
            store.journal.save_answer(ins.id, q, ins.questions[q], day, text(back, q),
                                      START - timedelta(days=back, minutes=-q))


def test_edit_keeps_the_creation_time_and_records_the_update(practice, clock):
    ins = insight(practice)
    practice.save_answer(ins.id, 0, "first words")
    entry = practice.journal.page().entries[0]
    clock.advance(timedelta(hours=2))
    edited = practice.journal.edit(entry.id, "better words")
    assert edited.text == "better words"
    assert edited.created_at == entry.created_at
    assert edited.updated_at == START + timedelta(hours=2)
    assert practice.store.journal.get(entry.id) == edited


def test_delete_then_undo_restores_the_exact_entry(practice, clock):
    ins = insight(practice)
    practice.save_answer(ins.id, 1, "to be deleted")
    service = practice.journal
    entry = service.page().entries[0]
    removed = service.delete(entry.id)
    assert removed == entry and service.get(entry.id) is None
    assert service.page().entries == []
    service.undo_delete(removed)
    assert service.get(entry.id) == entry
    assert service.page().entries == [entry]


def test_a_free_note_is_today_and_tied_to_no_question(practice, clock):
    note = practice.journal.add_note("A thought on the bus")
    assert note.question_index is None and note.insight_id is None and note.question == ""
    assert note.day == practice.today()
    assert practice.journal.page().entries == [note]


def test_search_pages_through_every_match_once_newest_first(practice, clock):
    write_days(practice, clock, days=70, per_day=2,
               text=lambda d, q: f"Day {d}: {'Café' if d % 3 == 0 else 'tea'} and notes {q}")
    service = practice.journal
    query = SearchQuery("cafe notes")
    seen, cursor, pages = [], None, 0
    while True:
        page = service.search(query, limit=7, cursor=cursor)
        seen += page.entries
        pages += 1
        assert page.terms == ("cafe", "notes")
        if page.cursor is None:
            break
        cursor = page.cursor
    expected = [e for e in practice.store.journal.all_entries() if "Café" in e.text]
    assert seen == expected and len(seen) == 48
    assert pages == 7  # 48 hits in pages of 7; the last page says there is no more


def test_a_search_with_recent_hits_reads_only_the_newest_months(practice, clock, tmp_path):
    write_days(practice, clock, days=200, per_day=1,
               text=lambda d, q: "recent word" if d < 5 else "old words")
    practice.store.close()
    store = Store.open(tmp_path / "data", now=clock.now, daily_backup=False)
    again = DailyPractice(store, practice.insights, clock)
    page = again.journal.search(SearchQuery("word"), limit=3)
    assert len(page.entries) == 3 and page.cursor is not None
    months_read = {Path(p).stem for p in store.io_stats.parses if Path(p).parent.name == "journal"}
    assert months_read == {"2026-11"}
    store.close()


def test_filters_reach_the_store_search(practice, clock):
    write_days(practice, clock, days=3, per_day=3)
    service = practice.journal
    ins = insight(practice)
    note = service.add_note("loose thought")
    only_q2 = service.search(SearchQuery("", insight_id=ins.id, question_index=2)).entries
    assert {e.question_index for e in only_q2} == {2} and len(only_q2) == 3
    assert service.search(SearchQuery("", notes_only=True)).entries == [note]
    assert service.question_choices(ins.id)[0] == (0, ins.questions[0])
    # The filter names each insight with its book, by the Library's one rule.
    assert (ins.id, f"Insight {ins.position} of {ins.book_insights} · {ins.book}: {ins.title}") \
        in service.insight_choices()


def test_empty_search_is_the_plain_journal_page(practice, clock):
    write_days(practice, clock, days=40, per_day=1)
    service = practice.journal
    first = service.search(SearchQuery(""), limit=30)
    assert first.entries == service.page(limit=30).entries and first.cursor is not None
    rest = service.search(SearchQuery(""), limit=30, cursor=first.cursor)
    assert len(first.entries) + len(rest.entries) == 40 and rest.cursor is None


def test_the_store_prefilter_builds_only_matching_entries_and_keeps_order(practice, clock):
    write_days(practice, clock, days=45, per_day=2,
               text=lambda d, q: "Zürich" if d % 10 == 0 else "elsewhere")
    journal = practice.store.journal
    from journal.search import Matcher

    matcher = Matcher(SearchQuery("zurich"))
    streamed = list(journal.entries(where=matcher.stored))
    assert streamed == [e for e in journal.all_entries() if e.text == "Zürich"]
    assert len(streamed) == 10
    assert not matcher.stored({"text": 5, "question": "q"})  # a damaged document never matches


def test_restoring_an_automatic_backup_brings_the_journal_back(practice, clock):
    service = practice.journal
    kept = service.add_note("kept in the backup")
    practice.store.backups.take("daily")
    service.delete(kept.id)
    service.add_note("written after the backup")
    newest = service.backups()[0]
    assert newest.kind == "daily"
    safety = service.restore_backup(newest.name)
    assert [e.text for e in service.page().entries] == ["kept in the backup"]
    assert safety.kind == "before-restore" and safety.name in [b.name for b in service.backups()]
