"""Several writers at once (processes and threads) lose no update."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from datetime import date

import pytest

from storage import StoreBusy
from storage.file_lock import FileLock
from tests.helpers.storage import REPO, at, child_env, open_store

DAY = date(2026, 11, 3)

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date, datetime, timezone
    from storage import Store

    folder, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(folder)
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for i in range(count):
        now = datetime(2026, 11, 3, 9, 0, i % 60, tzinfo=timezone.utc)
        store.journal.save_answer(name, i, "Q", date(2026, 11, 3), f"{name} answer {i}", now)
        store.journal.add_note(date(2026, 11, 1 + i % 20), f"{name} note {i}", now)
        store.practice.set_step_done(name, i, date(2026, 11, 3), True, now)
        store.settings.set(f"{name}-{i}", i)
    print("done", flush=True)
    """
)


@pytest.mark.parametrize("count", [150])
def test_two_processes_writing_at_once_lose_nothing(tmp_path, count):
    open_store(tmp_path).close()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), name, str(count)],
            cwd=REPO, env=child_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        for name in ("app", "remind")
    ]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        out, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.strip() == "done"

    store = open_store(tmp_path)
    assert store.problems == []
    assert store.journal.count() == 2 * 2 * count
    for name in ("app", "remind"):
        answers = store.journal.answers_for_day(name, DAY)
        assert {i: e.text for i, e in answers.items()} == {i: f"{name} answer {i}" for i in range(count)}
        notes = {e.text for e in store.journal.all_entries() if e.is_note and e.text.startswith(name)}
        assert notes == {f"{name} note {i}" for i in range(count)}
        assert store.practice.steps_done(name, DAY) == set(range(count))
        assert all(store.settings.get(f"{name}-{i}") == i for i in range(count))


def test_threads_and_two_store_instances_in_one_process_lose_nothing(tmp_path):
    stores = [open_store(tmp_path), open_store(tmp_path)]
    errors = []

    def work(n: int) -> None:
        try:
            store = stores[n % 2]
            for i in range(40):
                store.journal.add_note(DAY, f"t{n}-{i}", at(DAY))
                store.practice.set_step_done(f"t{n}", i, DAY, True, at(DAY))
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    fresh = open_store(tmp_path)
    assert fresh.journal.count() == 240
    assert all(fresh.practice.steps_done(f"t{n}", DAY) == set(range(40)) for n in range(6))


def test_a_lock_held_too_long_raises_store_busy_instead_of_hanging(tmp_path):
    store = open_store(tmp_path, lock_timeout=0.3)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(
            """
            import fcntl, sys, time
            fd = open(sys.argv[1], "a")
            fcntl.flock(fd, fcntl.LOCK_EX)
            print("held", flush=True)
            time.sleep(30)
            """
        ), str(tmp_path / "stepwise.lock")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        start = time.monotonic()
        with pytest.raises(StoreBusy):
            store.journal.add_note(DAY, "waits", at(DAY))
        assert time.monotonic() - start < 5
    finally:
        holder.kill()
        holder.wait()
    store.journal.add_note(DAY, "after the holder died", at(DAY))  # the kernel released its lock
    assert store.journal.count() == 1


def test_the_lock_is_reentrant_within_a_thread(tmp_path):
    lock = FileLock(tmp_path / "x.lock", timeout=1)
    with lock:
        with lock:
            assert lock.held
        assert lock.held
    assert not lock.held
    lock.close()
