"""Stepwise installs like a Python app: `pip install .` gives a `stepwise` command that
runs from any folder, and the scripts keep everything in the project's own .venv/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tracked_copy(target: Path) -> Path:
    """The files git tracks, copied to `target` (a build there leaves the checkout clean)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in files.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tracked_copy(tmp_path_factory.mktemp("source"))
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    (built,) = out.glob("stepwise-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A throwaway venv with the wheel; its dependencies come from this environment (no download)."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    here = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "outside-deps.pth").write_text("\n".join(sorted(here)) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                          "--no-deps", "--quiet", str(wheel)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    return venv


def test_the_wheel_carries_the_books_and_the_assets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "main.py" in names and "screens/serve.py" in names and "content/themes.toml" in names
    assert "content/books/escaping-the-build-trap/book.toml" in names
    assert "content/books/escaping-the-build-trap/escaping-the-build-trap-5.toml" in names
    assert {"assets/icon.png", "assets/index.html", "assets/manifest.json", "assets/icons/icon-512.png"} <= names
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "stepwise = main:cli" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_stepwise_command_runs_from_any_folder(installed, tmp_path):
    stepwise = installed / "bin" / "stepwise"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    shown = subprocess.run([str(stepwise), "--help"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "--lan" in shown.stdout and "--data-dir" in shown.stdout
    assert "remind, export, import, content" in shown.stdout
    assert shown.stdout.startswith("usage: stepwise")

    exported = subprocess.run([str(stepwise), "export", "--format", "json", "--out", "-",
                               "--data-dir", str(tmp_path / "data")],
                              cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["format"] == "stepwise-journal"

    books = subprocess.run([str(stepwise), "content", "list", "--data-dir", str(tmp_path / "data")],
                           cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert books.returncode == 0, books.stderr
    assert "shipped  escaping-the-build-trap:" in books.stdout

    # The installed packages, not this checkout, are what runs; they find their books and assets.
    probe = ("import content, screens.serve as s; from content import load_insights; r = load_insights(); "
             "print(content.__file__); print(len(r.books), len(r.insights), len(r.errors)); "
             "print((s.ASSETS / 'icon.png').is_file())")
    found = subprocess.run([str(installed / "bin" / "python"), "-c", probe], cwd=elsewhere, env=env,
                           capture_output=True, text=True, timeout=120)
    where, counts, assets = found.stdout.split()[0], found.stdout.split()[1:4], found.stdout.split()[4]
    assert not where.startswith(str(ROOT)) and "site-packages" in where
    assert counts[2] == "0" and int(counts[0]) >= 6 and int(counts[1]) >= 48
    assert assets == "True"


def test_the_install_step_installs_nothing_the_second_time(tmp_path):
    """scripts/env.sh in a temp copy, with a one-package lock: the second run only says it is up to date."""
    copy = tmp_path / "copy"
    (copy / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "env.sh", copy / "scripts" / "env.sh")
    (copy / "requirements.lock").write_text("six==1.17.0\n", encoding="utf-8")
    env = {**os.environ, "STEPWISE_VENV": ".venv"}

    first = subprocess.run(["bash", "scripts/env.sh"], cwd=copy, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "installing the packages of requirements.lock" in first.stdout
    installed = copy / ".venv" / "lib"
    assert list(installed.glob("python3*/site-packages/six.py"))
    before = {p: p.stat().st_mtime_ns for p in installed.rglob("*")}

    second = subprocess.run(["bash", "scripts/env.sh"], cwd=copy, env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "is up to date with requirements.lock" in second.stdout and "installing" not in second.stdout
    assert {p: p.stat().st_mtime_ns for p in installed.rglob("*")} == before

    (copy / "requirements.lock").write_text("six==1.16.0\n", encoding="utf-8")  # a changed lock installs again
    third = subprocess.run(["bash", "scripts/env.sh"], cwd=copy, env=env, capture_output=True, text=True, timeout=300)
    assert "installing the packages" in third.stdout, third.stdout + third.stderr


def test_dependencies_have_one_source_and_one_lock():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = {line.split("==")[0].lower(): line.split("==")[1].strip()
            for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
            if "==" in line and not line.startswith(("#", " "))}
    declared = [*project["dependencies"], *(d for extra in project["optional-dependencies"].values() for d in extra)]
    for requirement in declared:
        name = requirement.split("[")[0].split("=")[0].split(">")[0].strip().lower()
        assert name in lock, f"{name} is declared in pyproject.toml but not pinned in requirements.lock"
        if "==" in requirement:
            assert lock[name] == requirement.split("==")[1], f"{name}: pyproject and lock disagree"
    assert not (ROOT / "requirements.txt").exists() and not (ROOT / "requirements-test.txt").exists()
    for script in ("run.sh", "test.sh"):
        assert "source scripts/env.sh" in (ROOT / "scripts" / script).read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
