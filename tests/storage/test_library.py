"""The user's library choices over settings keys (storage/library.py): defensive reads, checked writes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from library.path import PathState
from storage import Store
from storage.library import FIRST_RUN_DONE, FOLLOWING, MOVED_ON, PACE, SWAPS, THEMES, LibraryState

DAY = date(2026, 11, 26)


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "data")
    yield opened
    opened.close()


def test_the_store_has_the_library_over_its_settings(store):
    assert isinstance(store.library, LibraryState)
    assert store.library.settings is store.settings


def test_nothing_stored_reads_as_defaults(store):
    state = store.library
    assert state.path() == PathState(following=None, pace="daily", moved_on=frozenset(), swaps={})
    assert state.themes() == []
    assert state.first_run_done() is False
    assert state.is_set() is False


def test_choices_are_stored_and_read_back_after_reopening(tmp_path):
    with Store.open(tmp_path / "data") as first:
        state = first.library
        state.follow("deep-work")
        state.set_pace("stay")
        state.move_on("deep-work-1")
        state.move_on("deep-work-1")  # once is enough
        state.move_on("deep-work-2")
        state.swap(DAY, "atomic-habits-3")
        state.set_themes(["habits-focus", "thinking-clearly", "habits-focus"])
        state.set_first_run_done(True)
    with Store.open(tmp_path / "data") as again:
        state = again.library
        assert state.path() == PathState("deep-work", "stay", frozenset({"deep-work-1", "deep-work-2"}),
                                         {DAY: "atomic-habits-3"})
        assert again.settings.get(MOVED_ON) == ["deep-work-1", "deep-work-2"]
        assert again.settings.get(SWAPS) == {"2026-11-26": "atomic-habits-3"}
        assert state.themes() == ["habits-focus", "thinking-clearly"]
        assert state.first_run_done() is True
        assert state.is_set() is True


@pytest.mark.parametrize("key, value", [
    (FOLLOWING, 3), (FOLLOWING, ""), (FOLLOWING, ["deep-work"]), (FOLLOWING, None),
    (PACE, "weekly"), (PACE, 1), (PACE, None),
    (MOVED_ON, "deep-work-1"), (MOVED_ON, {"a": 1}), (MOVED_ON, [1, None, ""]),
    (SWAPS, ["2026-11-26", "x"]), (SWAPS, {"yesterday": "x", "2026-11-26": 5, "2026-13-01": "y"}),
    (THEMES, "habits-focus"), (THEMES, [3]),
    (FIRST_RUN_DONE, "yes"), (FIRST_RUN_DONE, 1), (FIRST_RUN_DONE, None),
])
def test_a_wrong_type_reads_as_unset_and_never_raises(store, key, value):
    store.settings.set(key, value)
    state = store.library
    assert state.path() == PathState(None)
    assert state.themes() == []
    assert state.first_run_done() is False
    assert state.is_set() is True  # something is stored: the user has met the Library


def test_mixed_lists_keep_their_good_items(store):
    store.settings.set(MOVED_ON, ["a-1", 7, "", "a-2"])
    store.settings.set(SWAPS, {"2026-11-26": "a-3", "bad": "a-4"})
    assert store.library.moved_on() == frozenset({"a-1", "a-2"})
    assert store.library.swaps() == {DAY: "a-3"}


def test_only_the_last_60_days_of_swaps_are_kept(store):
    state = store.library
    state.swap(DAY - timedelta(days=90), "old")
    state.swap(DAY - timedelta(days=60), "edge")
    state.swap(DAY - timedelta(days=59), "kept")
    state.swap(DAY, "new")
    assert state.swaps() == {DAY - timedelta(days=59): "kept", DAY: "new"}
    state.swap(DAY, "newer")  # a second swap the same day replaces the first
    assert state.swaps()[DAY] == "newer"


@pytest.mark.parametrize("call", [
    lambda s: s.follow(""), lambda s: s.follow(None), lambda s: s.set_pace("weekly"),
    lambda s: s.move_on(3), lambda s: s.swap("2026-11-26", "a-1"), lambda s: s.swap(DAY, ""),
    lambda s: s.set_themes(["ok", 2]), lambda s: s.set_first_run_done("yes"),
])
def test_bad_writes_are_refused_with_a_message_and_store_nothing(store, call):
    with pytest.raises(ValueError):
        call(store.library)
    assert store.library.is_set() is False
