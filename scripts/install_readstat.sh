#!/usr/bin/env bash
# Install Debian's `readstat` command, which writes SAS7BDAT files for `python -m rtw_synth --sas-folder` and the
# converter tests (no PyPI library writes SAS7BDAT). Idempotent: does nothing when readstat is already there.
# Needs root (or sudo) and Debian's package archive.
set -euo pipefail

if command -v readstat >/dev/null 2>&1; then
  echo "readstat present: $(command -v readstat)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends readstat >/dev/null
echo "installed: $(command -v readstat)"
