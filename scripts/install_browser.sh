#!/usr/bin/env bash
# Install Debian's headless Chromium and its WebDriver for the browser test (tests/python/test_browser*.py).
# Idempotent: does nothing when /usr/bin/chromium and /usr/bin/chromedriver are already there.
# Needs root (or sudo) and Debian's package archive; no browser build is downloaded from anywhere else.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
echo "installed: $(/usr/bin/chromium --version 2>/dev/null)"
