"""Start-up problems: one line above the tabs, every message one tap away (issue 18, item 7)."""

from __future__ import annotations

from daily.problems import MAX_LINE, summary


def test_nothing_to_say():
    assert summary(()) is None
    assert summary(["", ""]) is None


def test_one_problem_is_shown_as_it_is():
    found = summary(["journal/2026-11.json could not be read (damaged)."])
    assert found.line == "journal/2026-11.json could not be read (damaged)."
    assert not found.has_more


def test_a_long_single_problem_is_cut_to_one_line_with_the_full_text_in_the_details():
    message = "An import was interrupted; " + "x" * 400
    found = summary([message])
    assert len(found.line) <= MAX_LINE and found.line.endswith("…")
    assert found.details == (message,) and found.has_more


def test_thirty_eight_broken_content_files_become_one_line_with_all_details():
    messages = [f"An insight file could not be read: content/book/{n:02d}.toml: bad TOML"
                for n in range(36)]
    messages += ["journal/2026-11.json could not be read (damaged). It was moved to corrupt/x",
                 "An import (started 2 Nov 2026, 08:00) was interrupted; it was completed now."]
    found = summary(messages)
    assert "\n" not in found.line and len(found.line) <= MAX_LINE
    assert found.line == ("Stepwise started with 38 problems: 36 insight files could not be read, "
                          "1 data file needed attention, 1 other notice.")
    assert found.details == tuple(messages) and found.has_more


def test_the_shell_shows_the_summary_not_one_banner_per_message():
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "screens" / "shell.py").read_text()
    assert "summary(messages)" in source
    assert "for message in services.practice.problems" not in source
