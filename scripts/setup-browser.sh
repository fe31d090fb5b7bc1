#!/usr/bin/env bash
# Make sure the browser tests have a Chromium (and CJK fonts, so screenshots show Chinese).
# Playwright's own browser download does not work on machines without general internet, so we
# use Debian's package. Set CHROMIUM=/path/to/chrome to use another browser (e.g. Playwright's).
set -euo pipefail
browser="${CHROMIUM:-/usr/bin/chromium}"
need=()
[ -x "$browser" ] || need+=(chromium)
fc-list : family 2>/dev/null | grep -i "cjk" >/dev/null || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages for the browser tests: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
elif [ -x "$browser" ]; then
  echo "note: no CJK fonts found; screenshots will show boxes (apt-get install fonts-noto-cjk)" >&2
else
  echo "No Chromium at $browser: install Debian's 'chromium' (sudo apt-get install chromium)" >&2
  echo "or set CHROMIUM to a Chromium/Chrome executable." >&2
  exit 1
fi
