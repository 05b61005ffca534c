#!/usr/bin/env bash
# Browser tests drive Debian's Chromium, never a downloaded build: install it once if missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
bash "$(dirname "$0")/apt_install.sh" chromium
