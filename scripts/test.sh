#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run them all.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v dbus-daemon >/dev/null 2>&1 || need_apt+=(dbus)
command -v dbus-run-session >/dev/null 2>&1 || need_apt+=(dbus)
command -v notify-send >/dev/null 2>&1 || need_apt+=(libnotify-bin)
if ((${#need_apt[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update
  $SUDO apt-get install -y "${need_apt[@]}"
fi

python3 -m pip install --quiet -r requirements-test.txt
python3 -m pytest "$@"
