#!/usr/bin/env bash
# Renders a Veil output's de-identification report (OUT/report/report.html) in headless Chromium and takes a
# screenshot. Fails (exit 1) when the page logs anything to the console (a script error, a message), when Chromium
# reports an error loading it, when the rendered page refers to anything outside itself (src=, href=, url(, http:,
# https:; the report must be self-contained), or when a section or the charts are missing.
#
#   scripts/render-report.sh OUT [PNG]        # PNG defaults to OUT/report/report.png
#   SCALE=0.5 scripts/render-report.sh OUT P  # the same view at half the pixels (docs/report-demo.png)
#
# Needs Debian's `chromium` package (apt-get install chromium). Not part of `mvn verify`: CI machines have no browser.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 OUT [PNG]" >&2
  exit 2
fi
OUT="$(cd "$1" && pwd)"
PAGE="$OUT/report/report.html"
PNG="${2:-$OUT/report/report.png}"
case "$PNG" in /*) ;; *) PNG="$PWD/$PNG" ;; esac
[ -f "$PAGE" ] || { echo "render-report: no report at $PAGE" >&2; exit 2; }
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$CHROMIUM" ] || { echo "render-report: chromium not found (apt-get install chromium)" >&2; exit 2; }

LOG="$(mktemp)"
PROFILE="$(mktemp -d)"
trap 'rm -rf "$LOG" "$PROFILE"' EXIT
FLAGS=(--headless --disable-gpu --no-sandbox --no-first-run --user-data-dir="$PROFILE"
  --enable-logging=stderr --v=0 --window-size=1280,2400 --hide-scrollbars --force-device-scale-factor="${SCALE:-1}")

# 1. The DOM after loading, with the log: console messages appear as "CONSOLE(...)" lines, load errors as net::ERR_.
"$CHROMIUM" "${FLAGS[@]}" --dump-dom "file://$PAGE" >"$PROFILE/dom.html" 2>"$LOG" || {
  cat "$LOG" >&2; echo "render-report: chromium failed" >&2; exit 1; }
# 2. The screenshot.
"$CHROMIUM" "${FLAGS[@]}" --screenshot="$PNG" "file://$PAGE" >>"$LOG" 2>&1 || {
  cat "$LOG" >&2; echo "render-report: chromium failed" >&2; exit 1; }

problems=0
if grep -E 'CONSOLE|Uncaught|net::ERR_|Failed to load|Refused to' "$LOG" >&2; then
  echo "render-report: the page logged errors (above)" >&2
  problems=1
fi
if grep -Eo '(src|href)=|url\(|https?:' "$PROFILE/dom.html" | sort | uniq -c >&2; then
  echo "render-report: the page refers to something outside itself (above)" >&2
  problems=1
fi
# The DOM must hold the whole report: every section and at least one chart.
svgs=$(grep -o '<svg' "$PROFILE/dom.html" | wc -l)
for section in scope policy techniques entities drops dedup exclusion k-anonymity typing-risk accounting; do
  grep -q "id=\"$section\"" "$PROFILE/dom.html" || { echo "render-report: section $section missing" >&2; problems=1; }
done
[ "$svgs" -gt 0 ] || { echo "render-report: no chart in the rendered page" >&2; problems=1; }
[ -s "$PNG" ] || { echo "render-report: no screenshot written" >&2; problems=1; }
[ "$problems" -eq 0 ] || exit 1
echo "rendered $PAGE: $svgs charts, no console or load errors; screenshot $PNG"
