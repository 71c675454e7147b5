#!/usr/bin/env bash
# Install the app's packages into .venv/ (scripts/env.sh) and serve Stepwise
# on http://127.0.0.1:8550/.
set -euo pipefail
cd "$(dirname "$0")/.."

# Fonts for emoji and non-Latin scripts in the browser (README, "Fonts"); the
# app serves without them, showing boxes, so this is skipped where apt is not.
need_apt=()
for package in fonts-noto-color-emoji fonts-noto-core fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || need_apt+=("$package")
done
if ((${#need_apt[@]})) && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update
  $SUDO apt-get install -y "${need_apt[@]}"
fi

source scripts/env.sh
exec "$STEPWISE_PYTHON" main.py "$@"
