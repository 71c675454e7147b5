"""The suite never reads the real clock: every "now" comes from a fixed clock.

A test that wrote history relative to the real date passed on some days and
failed on others (issue #12). Tests get "now" from the `clock` fixture, their
own FixedClock, or `served_now()` for a served app (tests/browser/harness.py).
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REAL_CLOCK = re.compile(r"\b(?:datetime\.now|date\.today|datetime\.today|datetime\.utcnow)\(")


def test_no_test_module_reads_the_real_clock():
    readers = [f"{path.relative_to(TESTS)}:{number}: {line.strip()}"
               for path in sorted(TESTS.rglob("*.py"))
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if REAL_CLOCK.search(line) and path.name != Path(__file__).name]
    assert readers == [], "\n".join(readers)


def test_served_apps_start_on_the_pinned_day_unless_told_otherwise(monkeypatch):
    from tests.browser.harness import SERVED_NOW, SERVED_ZONE, served_now

    monkeypatch.delenv("STEPWISE_NOW", raising=False)
    assert served_now().isoformat().startswith(SERVED_NOW)
    assert str(served_now().tzinfo) == SERVED_ZONE
    monkeypatch.setenv("STEPWISE_NOW", "2027-03-01T13:15")
    assert served_now().date().isoformat() == "2027-03-01"
    monkeypatch.setenv("STEPWISE_NOW", "2027-03-01T23:30-08:00")  # another zone: same instant, Berlin's day
    assert served_now().date().isoformat() == "2027-03-02"
