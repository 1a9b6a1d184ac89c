#!/usr/bin/env bash
# The zone-output benchmark in one command: a hosting topology of N tenants (default 100,000)
# planned and written by `lyncplan plan --format zone` (a new folder, one sync, one rename),
# side by side with `tar -x` writing the same files, three rounds alternating, each into a new
# folder on the same file system with everything synced before it. Nothing is deleted until the
# end: ext4 avoids the inodes of files deleted in the last minutes, which would slow whichever
# ran next. tar's sync afterwards is timed apart: lyncplan's output is synced, tar's is not.
# Then `plan --format json` of the same topology, end to end. Prints medians, the ratio to tar -x
# (target <= 1.5) and to tar -x with its sync, the JSON time (target <= 1 s) and peak memory
# (target <= 300 MB). The figures vary from run to run on a virtual machine's disk: run it twice.
#   bench/zones/run.sh [TENANTS=100000] [WORK_PARENT=/var/tmp]
set -euo pipefail
cd "$(dirname "$0")/../.."
tenants=${1:-100000}
parent=${2:-/var/tmp}
lyncplan=$PWD/build/src/lyncplan
make_hosting=$PWD/bench/make_hosting.py
[ -x "$lyncplan" ] || { echo "zones bench: build first (bash scripts/setup)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "zones bench: /usr/bin/time is missing" >&2; exit 2; }
work=$(mktemp -d "$parent/lyncplan-zones-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

python3 "$make_hosting" "$tenants"
if ! "$lyncplan" plan hosting.yaml --format zone -o reference --fail-on never >/dev/null; then
  echo "zones bench: lyncplan plan failed" >&2
  exit 1
fi
files=$(find reference -type f | wc -l)
tar -cf reference.tar -C reference .
seconds() { /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null && cat "$work/time.txt"; }
median() { sort -n | sed -n "$(( ($1 + 1) / 2 ))p"; }
: >tar.times; : >tarsync.times; : >plan.times; : >plan.memory
for round in 1 2 3; do
  mkdir "tar$round"
  sync
  tar_elapsed=$(seconds tar -xf reference.tar -C "tar$round" | cut -d' ' -f1)
  sync_elapsed=$(seconds sync | cut -d' ' -f1)
  echo "$tar_elapsed" >>tar.times
  awk -v a="$tar_elapsed" -v b="$sync_elapsed" 'BEGIN { print a + b }' >>tarsync.times
  read -r elapsed memory < <(seconds "$lyncplan" plan hosting.yaml --format zone -o "plan$round" \
    --fail-on never)
  echo "$elapsed" >>plan.times
  echo "$memory" >>plan.memory
  cmp -s <(cd "plan$round" && find . -type f | sort | xargs cat) \
         <(cd reference && find . -type f | sort | xargs cat) ||
    { echo "zones bench: round $round wrote other files than the reference" >&2; exit 1; }
done
: >json.times
for round in 1 2 3; do
  read -r elapsed memory < <(seconds "$lyncplan" plan hosting.yaml --format json -o plan.json \
    --fail-on never)
  echo "$elapsed" >>json.times
done
tar_s=$(median 3 <tar.times)
tarsync_s=$(median 3 <tarsync.times)
plan_s=$(median 3 <plan.times)
json_s=$(median 3 <json.times)
peak_mb=$(( $(sort -n plan.memory | tail -1) / 1024 ))
echo "lyncplan zone benchmark: $tenants tenants, $files files, $(du -sm reference | cut -f1) MB on disk"
echo "  tar -x             $(tr '\n' ' ' <tar.times) s   median $tar_s s"
echo "  tar -x, then sync  $(tr '\n' ' ' <tarsync.times) s   median $tarsync_s s"
echo "  plan --format zone $(tr '\n' ' ' <plan.times) s   median $plan_s s  (plan, write, sync, rename)"
awk -v p="$plan_s" -v t="$tar_s" 'BEGIN { printf "  ratio              %.2f x tar -x   (target <= 1.5)\n", p / t }'
awk -v p="$plan_s" -v t="$tarsync_s" \
  'BEGIN { printf "  ratio              %.2f x tar -x and sync (the same files on disk)\n", p / t }'
echo "  plan --format json $(tr '\n' ' ' <json.times) s   median $json_s s  (target <= 1 s)"
echo "  peak memory        $peak_mb MB   (target <= 300 MB)"
