"""Fault injection: a saving process is SIGKILLed at random moments, over and over.

After every kill the data must open without any damaged file and hold every
save the child acknowledged (printed after the call returned). The long run
is `python -m benchmarks.storage --kill-rounds 500`.
"""

from __future__ import annotations

import signal
import sys

import pytest

from benchmarks.storage import run_kill_rounds

ROUNDS = 60


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_acknowledged_saves_survive_sigkill_at_random_moments(tmp_path):
    report = run_kill_rounds(ROUNDS, tmp_path / "data", seed=20261126, max_delay=0.2)
    assert report.failures == []
    assert report.rounds == ROUNDS
    assert report.acks > ROUNDS  # the child really was saving when killed
    assert report.killed_mid_write >= 1, "no kill landed mid-write; the test would prove nothing"
    print(
        f"{report.rounds} rounds, {report.acks} acknowledged saves, {report.killed_mid_write} kills "
        f"mid-write, {report.killed_before_open} during start-up, {report.seconds:.1f} s",
        file=sys.stderr,
    )
