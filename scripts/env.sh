#!/usr/bin/env bash
# The project's own Python environment: .venv/ beside this checkout, made with
# whatever `python3` is on PATH (a distribution's, Homebrew's, pyenv's) and
# filled with the exact versions in requirements.lock. Nothing is ever
# installed into that python3 itself: Debian, Ubuntu and Homebrew refuse it
# (PEP 668). A second run installs nothing while requirements.lock is unchanged.
#
#   source scripts/env.sh   (run.sh, test.sh)  -> sets STEPWISE_PYTHON
#   bash scripts/env.sh                        -> just make or update .venv/
#
# STEPWISE_VENV picks another folder for the environment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

venv="${STEPWISE_VENV:-.venv}"
lock="requirements.lock"

if [[ ! -x "$venv/bin/python" ]]; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    # Debian and Ubuntu ship venv's pip in a package of its own.
    rm -rf "$venv"
    if command -v apt-get >/dev/null 2>&1; then
      echo "scripts/env.sh: installing python3-venv through apt (needed to make $venv)"
      SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
      $SUDO apt-get update
      $SUDO apt-get install -y python3-venv
    fi
    python3 -m venv "$venv"
  fi
  echo "scripts/env.sh: made the environment $venv with $(python3 --version)"
fi

stamp="$venv/.installed-lock.sha256"
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
  echo "scripts/env.sh: installing the packages of $lock into $venv"
  # Twice quiet: errors only (a machine's pip.conf may name package folders that
  # do not exist, and pip warns about each one on every install).
  "$venv/bin/python" -m pip install --quiet --quiet --disable-pip-version-check -r "$lock"
  echo "$want" > "$stamp"
else
  echo "scripts/env.sh: $venv is up to date with $lock"
fi

STEPWISE_PYTHON="$PWD/$venv/bin/python"
export STEPWISE_PYTHON
