#!/usr/bin/env bash
# Install the app's packages and serve Stepwise on http://127.0.0.1:8550/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet -r requirements.txt
exec python3 main.py "$@"
