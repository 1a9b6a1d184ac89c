#!/usr/bin/env bash
# One reference world in a private network, mount and pid namespace: dnsmasq serves the world
# (the arguments after OUTDIR), sinks record connections, pidgin-sipe runs its discovery.
# Everything started here dies with the namespace. Usage: world.sh BINDIR OUTDIR [dnsmasq args]
if [ -z "${LYNCPLAN_IN_NAMESPACE:-}" ]; then
  exec env LYNCPLAN_IN_NAMESPACE=1 unshare --net --mount --pid --fork --kill-child \
    --propagation private "$0" "$@"
fi
set -u
bin=$1 out=$2
shift 2
mkdir -p "$out/tmp"
export TMPDIR="$out/tmp"
ip link set lo up
printf 'nameserver 127.0.0.1\noptions attempts:1 timeout:1\n' > "$out/resolv.conf"
printf '127.0.0.1 localhost\n' > "$out/hosts"
mount --bind "$out/resolv.conf" /etc/resolv.conf
mount --bind "$out/hosts" /etc/hosts
dnsmasq --keep-in-foreground --user=root --no-resolv --no-hosts --no-poll \
  --listen-address=127.0.0.1 --bind-interfaces --local=/contoso.com/ \
  --log-queries=extra --log-facility="$out/dns.log" "$@" &
dns=$!
python3 "$(dirname "$0")/sinks.py" tcp:127.0.0.11:5061 tcp:127.0.0.11:443 tcp:127.0.0.11:5060 \
  tcp:127.0.0.12:5061 tcp:127.0.0.12:443 tcp:127.0.0.12:5060 \
  http:127.0.0.13:80 tcp:127.0.0.13:443 > "$out/sinks.log" 2>&1 &
sinks=$!
for _ in $(seq 50); do   # until dnsmasq and the sinks listen
  if (exec 3<>/dev/tcp/127.0.0.13/80) 2>/dev/null && [ -s "$out/dns.log" ]; then break; fi
  sleep 0.05
done
PURPLE_UNSAFE_DEBUG=1 timeout 30 ${PRELOAD:+env LD_PRELOAD=$PRELOAD} "$bin/harness" \
  alice@contoso.com 20 "${TRANSPORT:-auto}" > "$out/harness.log" 2>&1
echo "harness rc=$?" > "$out/rc"
sleep 0.2
kill "$sinks" "$dns" 2>/dev/null
wait "$sinks" "$dns" 2>/dev/null
exit 0
