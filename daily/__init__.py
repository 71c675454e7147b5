"""The day's practice: what the screens and commands call. No Flet inside."""
