#!/usr/bin/env bash
# Chromium and its WebDriver from Debian, for tests/test_browser.py. Idempotent: quick when both
# are already there. Never downloads a browser build of its own (the machines reach Debian only).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser: need root to apt-get install chromium chromium-driver; browser tests will skip" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
