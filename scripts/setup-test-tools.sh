#!/usr/bin/env bash
# Make sure the tests have what pip and npm cannot install: a Chromium for the browser tests
# (and CJK fonts, so screenshots show Chinese), Java for the HTML validator (v.Nu), and jing for
# the TEI validity test (tests/test_tei.py, against tests/reference/tei/tei_all.rng).
# Playwright's own browser download does not work on machines without general internet, so we
# use Debian's package. Set CHROMIUM=/path/to/chrome to use another browser (e.g. Playwright's).
set -euo pipefail
browser="${CHROMIUM:-/usr/bin/chromium}"
need=()
[ -x "$browser" ] || need+=(chromium)
fc-list : family 2>/dev/null | grep -i "cjk" >/dev/null || need+=(fonts-noto-cjk)
command -v java >/dev/null || need+=(default-jre-headless)
command -v jing >/dev/null || need+=(jing)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages for the tests: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
elif [ -x "$browser" ] && command -v java >/dev/null; then
  echo "note: not installed: ${need[*]} (apt-get install ${need[*]}); without fonts-noto-cjk screenshots" \
       "show boxes, without jing the TEI validity test is skipped" >&2
elif ! command -v java >/dev/null; then
  echo "No Java for the HTML validator: install Debian's 'default-jre-headless' (Java 17 or later)." >&2
  exit 1
else
  echo "No Chromium at $browser: install Debian's 'chromium' (sudo apt-get install chromium)" >&2
  echo "or set CHROMIUM to a Chromium/Chrome executable." >&2
  exit 1
fi
