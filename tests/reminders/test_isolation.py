"""The desktop and web paths never import the phone path (nor flet-notifications, nor plyer up front)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
import reminders, reminders.command, reminders.runner, reminders.notifier
import reminders.schedule, reminders.settings, reminders.install, reminders.message, reminders.zone
import reminders.lock, reminders.port, reminders.memory
from reminders.runner import ReminderRunner
from reminders.notifier import DesktopNotifier
print(json.dumps(sorted(sys.modules)))
"""


def loaded_modules(code: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


def test_desktop_and_web_paths_do_not_import_the_phone_path():
    modules = loaded_modules(PROBE)
    assert "reminders.command" in modules and "reminders.runner" in modules
    assert "reminders.phone" not in modules
    assert not any(m == "flet_notifications" or m.startswith("flet_notifications.") for m in modules)
    # plyer is imported lazily, only when a notification is checked or sent; Flet not at all.
    assert "plyer" not in modules
    assert "flet" not in modules


def test_health_check_loads_plyer_but_still_not_the_phone_path():
    modules = loaded_modules(
        "import json, sys\n"
        "from reminders.notifier import DesktopNotifier\n"
        "DesktopNotifier(environ={}).health()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    assert "plyer" in modules
    assert "reminders.phone" not in modules and "flet_notifications" not in modules
