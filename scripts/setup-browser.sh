#!/usr/bin/env bash
# Make sure a Chromium for the browser tests exists. Playwright's own browser download does
# not work on machines without general internet, so we use Debian's package.
# Set CHROMIUM=/path/to/chrome to use another browser (e.g. one Playwright installed).
set -euo pipefail
browser="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "No Chromium at $browser: install Debian's 'chromium' (sudo apt-get install chromium)" >&2
  echo "or set CHROMIUM to a Chromium/Chrome executable." >&2
  exit 1
fi
