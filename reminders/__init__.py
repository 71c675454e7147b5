"""Reminders: when they are due (schedule), how they reach the user (notifier, runner, command, phone).

Deliberately imports nothing: the desktop and web paths must never pull in
the phone path (reminders.phone, flet_notifications). See reminders/README.md.
"""
