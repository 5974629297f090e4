#!/usr/bin/env bash
# Shared set-up, sourced by the other scripts: a venv in .venv with the pinned requirements.
# Usage: source scripts/setup.sh [dev]   ("dev" adds test and lint tools, and Debian's chromium)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
REQS=requirements.txt
[ "${1:-}" = dev ] && REQS=requirements-dev.txt

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $PYTHON" >&2
  "$PYTHON" -m venv .venv
fi
# The machine's pip may be too old to resolve some extras: upgrade it first, always.
stamp=".venv/.installed-$(cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)-$REQS"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$REQS"
  touch "$stamp"
fi

if [ "${1:-}" = dev ] || [ "${RMOL_RENDER:-}" = 1 ]; then
  chromium_path="${RMOL_CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$chromium_path" ]; then
    echo "setup: installing Debian's chromium (for the opt-in rendering test)" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  fi
fi
export PATH="$ROOT/.venv/bin:$PATH"
