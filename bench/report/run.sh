#!/usr/bin/env bash
# The report benchmark: `lyncplan report --simulate` of a hosting topology of N tenants (default
# 100,000), its size, and how long Debian's headless Chromium takes to render it. References
# measured in the same run: `lyncplan plan --format json` of the same topology (the plan alone)
# and Chromium rendering a one-line page (its own start and stop). Prints medians of 3 rounds:
# the page's size (target < 5 MB), lyncplan's time and its ratio to the plan, and the render
# time, i.e. Chromium on the report minus Chromium on the one-line page (target < 2 s).
#   bench/report/run.sh [TENANTS=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
tenants=${1:-100000}
lyncplan=$PWD/build/src/lyncplan
make_hosting=$PWD/bench/make_hosting.py
[ -x "$lyncplan" ] || { echo "report bench: build first (bash scripts/setup)" >&2; exit 2; }
browser=$(command -v chromium || true)
[ -n "$browser" ] || { echo "report bench: chromium is missing (bash scripts/setup)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/lyncplan-report-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 "$make_hosting" "$tenants"
echo '<!DOCTYPE html><html lang="en"><title>one line</title><p>one line</p></html>' >one-line.html

seconds() { /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null && cat "$work/time.txt"; }
median() { sort -n | sed -n "$(( ($1 + 1) / 2 ))p"; }
render() { # the DOM Chromium built from the page, and how long it took (its whole run)
  local start end
  start=$(date +%s.%N)
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-extensions --disable-background-networking --user-data-dir="$work/profile" \
    --dump-dom "file://$work/$1" >"$work/dom.html" 2>/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
: >report.times; : >report.memory; : >plan.times; : >page.times; : >one-line.times
for round in 1 2 3; do
  read -r elapsed memory < <(seconds "$lyncplan" plan hosting.yaml --format json -o plan.json \
    --fail-on never)
  echo "$elapsed" >>plan.times
  read -r elapsed memory < <(seconds "$lyncplan" report hosting.yaml --simulate -o report.html)
  echo "$elapsed" >>report.times
  echo "$memory" >>report.memory
  render one-line.html >>one-line.times
  render report.html >>page.times
  grep -q 'id="findings"' dom.html || { echo "report bench: Chromium did not render the page" >&2; exit 1; }
done
size=$(stat -c %s report.html)
report_s=$(median 3 <report.times)
plan_s=$(median 3 <plan.times)
page_s=$(median 3 <page.times)
one_s=$(median 3 <one-line.times)
peak_mb=$(( $(sort -n report.memory | tail -1) / 1024 ))
echo "lyncplan report benchmark: $tenants tenants"
awk -v s="$size" 'BEGIN { printf "  page size           %.2f MB   (target < 5 MB)\n", s / 1048576 }'
echo "  plan --format json  $(tr '\n' ' ' <plan.times) s   median $plan_s s"
echo "  report --simulate   $(tr '\n' ' ' <report.times) s   median $report_s s, peak $peak_mb MB"
awk -v r="$report_s" -v p="$plan_s" 'BEGIN { printf "  ratio               %.2f x the plan alone\n", r / p }'
echo "  chromium, one line  $(tr '\n' ' ' <one-line.times) s   median $one_s s"
echo "  chromium, report    $(tr '\n' ' ' <page.times) s   median $page_s s"
awk -v a="$page_s" -v b="$one_s" \
  'BEGIN { printf "  render time         %.2f s (report minus one-line page; target < 2 s)\n", a - b }'
