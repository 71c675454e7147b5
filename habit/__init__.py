"""Habit rules: which day counts, streaks, clocks. Plain Python: no Flet, no TinyDB."""
