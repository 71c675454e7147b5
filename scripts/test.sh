#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run them all.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v dbus-daemon >/dev/null 2>&1 || need_apt+=(dbus)
command -v dbus-run-session >/dev/null 2>&1 || need_apt+=(dbus)
command -v notify-send >/dev/null 2>&1 || need_apt+=(libnotify-bin)
# Fonts the browser is served for emoji and non-Latin scripts (README, "Fonts").
for package in fonts-noto-color-emoji fonts-noto-core fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || need_apt+=("$package")
done
if ((${#need_apt[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "scripts/test.sh: installing ${need_apt[*]} through apt"
  $SUDO apt-get update -qq
  # Only errors: dpkg's thousand lines would bury the test report.
  $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The project's own environment (.venv/, from requirements.lock; scripts/env.sh).
source scripts/env.sh
# Make the served fonts now (a few minutes once per machine, then reused), so
# no browser test meets a server still making its CJK fonts in the background.
# A failure here is left to tests/webfonts/ and tests/browser/test_web_fonts_browser.py to explain.
"$STEPWISE_PYTHON" -m webfonts || echo "scripts/test.sh: the served fonts could not be made (see above)"
# In CI (CI=true) the report is kept short, dots and one line per failure, so
# its first screen already names what failed.
quiet=()
[[ "${CI:-}" == "true" ]] && quiet=(-qq --tb=line)
"$STEPWISE_PYTHON" -m pytest "${quiet[@]}" "$@"
# With no arguments (the README's command, CI): the modules that seed history
# relative to today once more, on another day (a Monday, 1 March, so weeks and
# months turn over) and with the test process in another zone: a test that
# passes today must pass on any date, anywhere (tests/browser/harness.py).
if (($# == 0)); then
  STEPWISE_NOW=2027-03-01T13:15 TZ=America/Los_Angeles "$STEPWISE_PYTHON" -m pytest "${quiet[@]}" -m date_sensitive
fi
