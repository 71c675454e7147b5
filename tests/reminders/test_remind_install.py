"""`main.py remind --install`: systemd user units in a fake HOME, with and without systemctl."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reminders.install import SERVICE_NAME, TIMER_NAME, service_text, timer_text, unit_dir

ROOT = Path(__file__).resolve().parents[2]


def run_install(home: Path, path_dirs: list[Path], *extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CONFIG_HOME", "DBUS_SESSION_BUS_ADDRESS")}
    env["HOME"] = str(home)
    env["PATH"] = os.pathsep.join(str(p) for p in path_dirs)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "remind", "--install", *extra],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)


def fake_systemctl(bindir: Path, log: Path, fail: bool = False) -> None:
    bindir.mkdir(parents=True, exist_ok=True)
    script = bindir / "systemctl"
    body = f'echo "$@" >> "{log}"\n'
    if fail:
        body += 'echo "Failed to connect to bus: No medium found" >&2\nexit 1\n'
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(0o755)


def units(home: Path) -> tuple[str, str]:
    d = home / ".config" / "systemd" / "user"
    return (d / SERVICE_NAME).read_text(), (d / TIMER_NAME).read_text()


def test_without_systemctl_writes_the_units_and_says_how_to_enable(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    proc = run_install(home, [tmp_path / "empty-bin"], "--data-dir", str(tmp_path / "data dir"))
    assert proc.returncode == 0, proc.stderr
    service, timer = units(home)
    assert f'ExecStart="{sys.executable}" "{ROOT / "main.py"}" "remind" "--data-dir" "{tmp_path / "data dir"}"' in service
    assert "Type=oneshot" in service
    assert "OnCalendar=*:0/5" in timer and "Persistent=true" in timer and "WantedBy=timers.target" in timer
    assert "systemctl is not available" in proc.stdout
    assert "systemctl --user daemon-reload" in proc.stdout
    assert "systemctl --user enable --now stepwise-remind.timer" in proc.stdout


def test_with_systemctl_reloads_and_enables(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    log = tmp_path / "systemctl.log"
    fake_systemctl(tmp_path / "bin", log)
    proc = run_install(home, [tmp_path / "bin"])
    assert proc.returncode == 0, proc.stderr
    assert log.read_text().splitlines() == ["--user daemon-reload", "--user enable --now stepwise-remind.timer"]
    assert "enabled stepwise-remind.timer" in proc.stdout
    service, _ = units(home)
    assert "--data-dir" not in service  # the app's default data folder, resolved when it runs


def test_systemctl_that_cannot_reach_the_user_manager(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    log = tmp_path / "systemctl.log"
    fake_systemctl(tmp_path / "bin", log, fail=True)
    proc = run_install(home, [tmp_path / "bin"])
    assert proc.returncode == 0
    assert "Failed to connect to bus" in proc.stdout and "systemctl --user enable --now" in proc.stdout
    assert log.read_text().splitlines() == ["--user daemon-reload"]
    assert all(units(home))


def test_install_twice_replaces_the_units(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    run_install(home, [tmp_path / "empty"], "--data-dir", str(tmp_path / "a"))
    run_install(home, [tmp_path / "empty"], "--data-dir", str(tmp_path / "b"))
    service, _ = units(home)
    assert str(tmp_path / "b") in service and str(tmp_path / "a") + '"' not in service
    assert sorted(p.name for p in (home / ".config/systemd/user").iterdir()) == [SERVICE_NAME, TIMER_NAME]


def test_xdg_config_home_is_honoured():
    assert unit_dir({"HOME": "/h", "XDG_CONFIG_HOME": "/cfg"}) == Path("/cfg/systemd/user")
    assert unit_dir({"HOME": "/h"}) == Path("/h/.config/systemd/user")
    assert unit_dir({"HOME": "/h", "XDG_CONFIG_HOME": "relative"}) == Path("/h/.config/systemd/user")


def test_odd_characters_are_escaped_for_systemd():
    text = service_text('/opt/py "3"/python', Path("/srv/step wise/main.py"), Path("/d/100%/$HOME"))
    line = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    assert line == ('ExecStart="/opt/py \\"3\\"/python" "/srv/step wise/main.py" "remind" '
                    '"--data-dir" "/d/100%%/$$HOME"')


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_units_pass_systemd_analyze_verify(tmp_path):
    d = tmp_path / "units"
    d.mkdir()
    (d / SERVICE_NAME).write_text(service_text(sys.executable, ROOT / "main.py", tmp_path / "data"))
    (d / TIMER_NAME).write_text(timer_text())
    proc = subprocess.run(["systemd-analyze", "verify", str(d / SERVICE_NAME), str(d / TIMER_NAME)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "stepwise" not in proc.stderr.lower(), proc.stderr


def test_other_systems_are_pointed_to_their_scheduler(tmp_path):
    import io

    from reminders.install import install_timer

    out = io.StringIO()
    assert install_timer(main_py=ROOT / "main.py", environ={"HOME": str(tmp_path)}, out=out, platform="win32") == 0
    assert "Task Scheduler" in out.getvalue() and "reminders/README.md" in out.getvalue()
    assert not (tmp_path / ".config").exists()
