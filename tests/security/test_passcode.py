"""The LAN passcode: salted scrypt hash on disk (0600), constant-time check, rate limit."""

from __future__ import annotations

import json
import os
import stat
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from habit.clock import FixedClock
from security import AttemptLimiter, PasscodeFile, hash_passcode, passcode_problem, verify_passcode
from security import passcode as passcode_module

FAST_N = 2**10  # the real cost is 2**15; tests only need the same code path


START = datetime(2026, 11, 26, 9, 30, tzinfo=timezone.utc)


def seconds(clock: FixedClock):
    """The limiter's clock (seconds, as time.monotonic gives them) read off a FixedClock."""
    return lambda: clock.now().timestamp()


def test_hash_is_salted_and_verifies():
    a = hash_passcode("correct horse", n=FAST_N)
    b = hash_passcode("correct horse", n=FAST_N)
    assert a.salt != b.salt and a.key != b.key
    assert verify_passcode("correct horse", a)
    assert not verify_passcode("correct hors", a)
    assert not verify_passcode("", a)
    assert not verify_passcode("x" * 10_000, a)


def test_compare_is_constant_time(monkeypatch):
    calls = []
    real = passcode_module.hmac.compare_digest
    monkeypatch.setattr(passcode_module.hmac, "compare_digest",
                        lambda x, y: calls.append((x, y)) or real(x, y))
    record = hash_passcode("letmein!", n=FAST_N)
    verify_passcode("wrong one", record)
    assert len(calls) == 1


def test_default_cost_is_strong():
    assert passcode_module.SCRYPT_N >= 2**14 and passcode_module.SALT_BYTES >= 16


def test_file_holds_only_the_hash_and_is_private(tmp_path):
    store = PasscodeFile(tmp_path / "data", n=FAST_N)
    assert not store.is_set() and not store.check("anything")
    store.set("my secret 42")
    text = store.path.read_text()
    assert "my secret" not in text
    data = json.loads(text)
    assert data["scheme"] == "scrypt" and set(data) == {"scheme", "n", "r", "p", "salt", "key"}
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert store.check("my secret 42")
    assert not store.check("my secret 43")
    assert [p.name for p in store.path.parent.iterdir()] == ["passcode.json"]  # no temp left


def test_changing_the_passcode_replaces_the_old_one(tmp_path):
    store = PasscodeFile(tmp_path, n=FAST_N)
    store.set("first-code")
    store.set("second-code")
    assert store.check("second-code") and not store.check("first-code")


@pytest.mark.parametrize("bad", ["", "12345", " padded ", "x" * 200])
def test_weak_or_odd_passcodes_are_refused(tmp_path, bad):
    assert passcode_problem(bad)
    with pytest.raises(ValueError):
        PasscodeFile(tmp_path, n=FAST_N).set(bad)


def test_limiter_allows_a_few_tries_then_waits_longer_each_time():
    clock = FixedClock(START)
    limiter = AttemptLimiter(seconds(clock), free_attempts=3, base_delay=2, max_delay=10)
    for _ in range(3):
        assert limiter.attempt(lambda: False) == (False, 0)
    assert limiter.attempt(lambda: False) == (False, 2)
    # Locked: the check is not even run, and the wait counts down.
    ran = []
    assert limiter.attempt(lambda: ran.append(1) or True) == (False, 2)
    assert ran == []
    clock.advance(timedelta(seconds=1.5))
    assert limiter.wait_seconds() == 1
    clock.advance(timedelta(seconds=0.5))
    assert limiter.attempt(lambda: False) == (False, 4)
    clock.advance(timedelta(seconds=4))
    assert limiter.attempt(lambda: False) == (False, 8)
    clock.advance(timedelta(seconds=8))
    assert limiter.attempt(lambda: False) == (False, 10)  # capped
    clock.advance(timedelta(seconds=10))
    assert limiter.attempt(lambda: False) == (False, 10)


def test_limiter_right_answer_clears_the_count():
    clock = FixedClock(START)
    limiter = AttemptLimiter(seconds(clock), free_attempts=2, base_delay=5)
    limiter.attempt(lambda: False)
    limiter.attempt(lambda: False)
    assert limiter.attempt(lambda: True) == (True, 0)
    assert limiter.failures == 0 and limiter.wait_seconds() == 0
    assert limiter.attempt(lambda: False) == (False, 0)


def test_limiter_with_a_real_passcode_file(tmp_path):
    clock = FixedClock(START)
    store = PasscodeFile(tmp_path, n=FAST_N)
    store.set("open sesame")
    limiter = AttemptLimiter(seconds(clock), free_attempts=1, base_delay=30)
    assert limiter.attempt(lambda: store.check("guess 1")) == (False, 0)
    assert limiter.attempt(lambda: store.check("guess 2")) == (False, 30)
    assert limiter.attempt(lambda: store.check("open sesame")) == (False, 30)  # locked
    clock.advance(timedelta(seconds=30))
    assert limiter.attempt(lambda: store.check("open sesame")) == (True, 0)


def guard(tmp_path, setup_code="424242", free=2):
    from security.guard import LanGuard

    clock = FixedClock(START)
    return LanGuard(PasscodeFile(tmp_path, n=FAST_N),
                    AttemptLimiter(seconds(clock), free_attempts=free, base_delay=10), setup_code), clock


def test_first_passcode_needs_the_setup_code_from_the_terminal(tmp_path):
    g, _clock = guard(tmp_path)
    assert g.needs_setup()
    assert not g.set_first("000000", "good passcode", "good passcode").ok
    assert g.needs_setup()
    assert "differ" in g.set_first("424242", "good passcode", "good passcodE").message
    assert "at least" in g.set_first("424242", "short", "short").message
    assert g.set_first(" 424242 ", "good passcode", "good passcode").ok
    assert not g.needs_setup()
    assert not g.set_first("424242", "other passcode", "other passcode").ok  # only once
    assert g.unlock("good passcode").ok


def test_without_a_setup_code_nobody_can_set_the_first_passcode(tmp_path):
    g, _clock = guard(tmp_path, setup_code=None)
    assert not g.set_first("", "good passcode", "good passcode").ok
    assert g.needs_setup()


def test_wrong_passcodes_are_rate_limited(tmp_path):
    g, clock = guard(tmp_path)
    g.passcodes.set("the right one")
    assert g.unlock("nope 1").message == "That passcode is not right."
    g.unlock("nope 2")
    locked = g.unlock("nope 3")
    assert not locked.ok and locked.wait_seconds == 10 and "10 seconds" in locked.message
    assert not g.unlock("the right one").ok  # even the right one waits
    clock.advance(timedelta(seconds=10))
    assert g.unlock("the right one").ok


@pytest.mark.parametrize("value", [123456, {"value": "x"}, ["a"], None, 1.5, True])
def test_a_passcode_that_is_not_text_is_a_wrong_try_and_raises_nothing(tmp_path, value):
    g, clock = guard(tmp_path)
    g.passcodes.set("the right one")
    outcome = g.unlock(value)
    assert not outcome.ok and outcome.message == "That passcode is not right."
    assert g.limiter.failures == 1, "a malformed try counts like a wrong one"
    g.unlock(value)
    assert g.unlock(value).wait_seconds == 10  # and is rate limited like one
    clock.advance(timedelta(seconds=10))
    assert g.unlock("the right one").ok


@pytest.mark.parametrize("bad_slot", [0, 1, 2])
def test_a_first_passcode_form_with_values_that_are_not_text_raises_nothing(tmp_path, bad_slot):
    g, _clock = guard(tmp_path)
    values = ["424242", "good passcode", "good passcode"]
    values[bad_slot] = 424242
    outcome = g.set_first(*values)
    assert not outcome.ok and g.needs_setup()
    assert g.limiter.failures == 1


def test_session_errors_are_logged_and_never_sent_to_the_client(caplog):
    from types import SimpleNamespace

    from flet.messaging.session import Session

    from security.client_errors import CLIENT_MESSAGE, install

    sent = []
    fake = SimpleNamespace(_Session__send_message=sent.append)
    original = Session.error
    try:
        assert install() and install()  # idempotent
        with caplog.at_level("ERROR", logger="stepwise.client_errors"):
            Session.error(fake, 'boom\nTraceback (most recent call last):\n  File "/srv/x.py"')
    finally:
        Session.error = original
    assert len(sent) == 1
    body = str(sent[0].payload if hasattr(sent[0], "payload") else sent[0])
    assert CLIENT_MESSAGE in body
    assert "Traceback" not in body and "/srv/x.py" not in body and "boom" not in body
    assert "Traceback" in caplog.text and "/srv/x.py" in caplog.text


def test_the_server_installs_the_quiet_error_handler():
    source = (Path(__file__).resolve().parents[2] / "screens" / "serve.py").read_text()
    assert "install_quiet_errors()" in source
