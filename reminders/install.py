"""`remind --install`: a systemd user timer that runs `main.py remind` every 5 minutes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO

SERVICE_NAME = "stepwise-remind.service"
TIMER_NAME = "stepwise-remind.timer"
INTERVAL_MINUTES = 5


def unit_dir(environ: Mapping[str, str] | None = None) -> Path:
    """~/.config/systemd/user (or $XDG_CONFIG_HOME/systemd/user, as systemd reads it)."""
    env = os.environ if environ is None else environ
    config = env.get("XDG_CONFIG_HOME") or ""
    base = Path(config) if config and Path(config).is_absolute() else Path(env.get("HOME") or Path.home()) / ".config"
    return base / "systemd" / "user"


def _quote(arg: str) -> str:
    """One ExecStart argument, quoted for systemd (specifiers and variables escaped)."""
    text = str(arg).replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$")
    return f'"{text}"'


def service_text(python: str, main_py: Path, data_dir: Path | None) -> str:
    args = [python, str(main_py), "remind"]
    if data_dir is not None:
        args += ["--data-dir", str(data_dir)]
    return "\n".join([
        "[Unit]",
        "Description=Stepwise: show a reminder when one is due",
        "",
        "[Service]",
        "Type=oneshot",
        "WorkingDirectory=" + str(main_py.parent).replace("%", "%%"),
        "ExecStart=" + " ".join(_quote(a) for a in args),
        "",
    ])


def timer_text() -> str:
    return "\n".join([
        "[Unit]",
        f"Description=Stepwise: check for due reminders every {INTERVAL_MINUTES} minutes",
        "",
        "[Timer]",
        f"OnCalendar=*:0/{INTERVAL_MINUTES}",
        "Persistent=true",
        "AccuracySec=30s",
        f"Unit={SERVICE_NAME}",
        "",
        "[Install]",
        "WantedBy=timers.target",
        "",
    ])


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def install_timer(
    *,
    main_py: Path,
    data_dir: Path | None = None,
    python: str = sys.executable,
    environ: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
    run: Callable[..., subprocess.CompletedProcess] = subprocess.run,
    out: TextIO = sys.stdout,
    platform: str = sys.platform,
) -> int:
    """Write the service and timer units and enable the timer. Returns an exit status (0)."""
    if not platform.startswith("linux"):
        hint = "Task Scheduler" if platform.startswith(("win", "cygwin")) else "cron"
        print(f"--install sets up a systemd timer, which is Linux-only; on this system use {hint} "
              "to run `python main.py remind` every 5 minutes: see reminders/README.md", file=out)
        return 0
    directory = unit_dir(environ)
    service = directory / SERVICE_NAME
    timer = directory / TIMER_NAME
    _write(service, service_text(python, Path(main_py).resolve(), data_dir))
    _write(timer, timer_text())
    print(f"wrote {service}", file=out)
    print(f"wrote {timer}", file=out)

    manual = (
        "to enable it, run:\n"
        "  systemctl --user daemon-reload\n"
        f"  systemctl --user enable --now {TIMER_NAME}\n"
        "(or run `python main.py remind` from cron or Task Scheduler: see reminders/README.md)"
    )
    systemctl = which("systemctl")
    if not systemctl:
        print("systemctl is not available here, so the timer was not enabled;", manual, file=out)
        return 0
    for args in (["--user", "daemon-reload"], ["--user", "enable", "--now", TIMER_NAME]):
        try:
            proc = run([systemctl, *args], capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            print(f"`systemctl {' '.join(args)}` failed ({exc}), so the timer was not enabled;", manual, file=out)
            return 0
        if proc.returncode != 0:
            why = (proc.stderr or proc.stdout or "").strip().splitlines()
            reason = why[0] if why else f"exit status {proc.returncode}"
            print(f"`systemctl {' '.join(args)}` failed ({reason}), so the timer was not enabled;",
                  manual, file=out)
            return 0
    print(f"enabled {TIMER_NAME}: reminders are checked every {INTERVAL_MINUTES} minutes", file=out)
    print(f"  status: systemctl --user list-timers {TIMER_NAME}", file=out)
    return 0
