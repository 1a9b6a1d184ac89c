#!/usr/bin/env python3
"""Zone files served by a real NSD answer exactly what the plan says.

For every example topology: render the zone files and the JSON plan with lyncplan, check every
zone file with named-checkzone, start one NSD per view on a 127.0.0.x high port (stopped by PID),
query every planned (name, type) back with dig and compare the answer set with the plan, and
check that an unplanned name in each zone is NXDOMAIN. With both servers running, `lyncplan
simulate` over live DNS (c-ares, --inside-dns/--outside-dns) must give exactly the outcomes and DNS
steps of the offline simulation over the plan's records. Finally a silent DNS server (a socket that
never answers) must turn every query into a timeout within the configured bound. Exit 77 (skip)
when a server binary is missing, unless LYNCPLAN_REQUIRE_INTEGRATION=1.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

VIEW_ADDRESS = {"external": "127.0.0.2", "internal": "127.0.0.3"}
TOOLS = ["nsd", "named-checkzone", "dig"]


def find_tool(name):
    for d in os.environ.get("PATH", "").split(os.pathsep) + ["/usr/sbin", "/usr/bin"]:
        p = os.path.join(d, name)
        if os.access(p, os.X_OK):
            return p
    return None


def free_port(address):
    """A port free for both UDP and TCP on `address`; other tests pick ports on the same
    loopback addresses at the same time, so a port taken meanwhile is passed over."""
    for _ in range(100):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind((address, 0))
            udp = s.getsockname()[1]
        # The servers also listen on TCP on the same port; make sure it is free too.
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                t.bind((address, udp))
        except OSError:
            continue
        return udp
    raise RuntimeError(f"no port free for both UDP and TCP on {address} after 100 tries")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, **kw)


class Nsd:
    """One NSD process serving one view's zones; stopped by its PID."""

    def __init__(self, nsd, workdir, address, zones):
        self.address = address
        self.port = free_port(address)
        self.dir = workdir
        conf = os.path.join(workdir, "nsd.conf")
        lines = [
            "server:",
            f"  ip-address: {address}@{self.port}",
            f"  port: {self.port}",
            '  username: ""',
            '  chroot: ""',
            f'  zonesdir: "{workdir}"',
            '  database: ""',
            f'  pidfile: "{workdir}/nsd.pid"',
            f'  xfrdfile: "{workdir}/xfrd.state"',
            f'  zonelistfile: "{workdir}/zone.list"',
            f'  logfile: "{workdir}/nsd.log"',
            "  server-count: 1",
            "  verbosity: 1",
            "  rrl-ratelimit: 0",
            "remote-control:",
            "  control-enable: no",
        ]
        for zone, path in zones:
            lines += ["zone:", f"  name: {zone}", f'  zonefile: "{path}"']
        with open(conf, "w") as f:
            f.write("\n".join(lines) + "\n")
        self.proc = subprocess.Popen([nsd, "-d", "-c", conf], stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(workdir, "nsd.stderr"), "w"))

    def wait_ready(self, zone, dig):
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("nsd exited: " + self.log())
            r = run([dig, f"@{self.address}", "-p", str(self.port), "+norec", "+time=1",
                     "+tries=1", "+short", zone, "SOA"])
            if r.returncode == 0 and r.stdout.strip():
                return
            time.sleep(0.1)
        raise RuntimeError("nsd did not answer in 15 s: " + self.log())

    def log(self):
        out = []
        for name in ("nsd.log", "nsd.stderr"):
            p = os.path.join(self.dir, name)
            if os.path.exists(p):
                out.append(open(p).read())
        return "\n".join(out)

    def stop(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def expected_answers(records):
    """(name, type) -> set of answer strings as dig +short prints them."""
    want = defaultdict(set)
    for r in records:
        if r["type"] in ("A", "AAAA"):
            value = r["value"]
        elif r["type"] == "SRV":
            value = f'{r["priority"]} {r["weight"]} {r["port"]} {r["value"]}.'
        else:
            value = r["value"] + "."
        want[(r["name"], r["type"])].add(value)
    return want


def query_all(dig, server, keys):
    """Ask for every (name, type) in one dig run; returns (name, type) -> set of answers."""
    got = defaultdict(set)
    keys = sorted(keys)
    for start in range(0, len(keys), 200):
        cmd = [dig, f"@{server.address}", "-p", str(server.port), "+norec", "+time=2",
               "+tries=2", "+noall", "+answer"]
        for name, rtype in keys[start:start + 200]:
            cmd += [name, rtype]
        r = run(cmd)
        if r.returncode != 0:
            raise RuntimeError("dig failed: " + r.stderr)
        for line in r.stdout.splitlines():
            parts = line.split(None, 4)
            if len(parts) == 5:
                name, _ttl, _cls, rtype, data = parts
                got[(name.rstrip("."), rtype)].add(data.strip())
    return got


def check_example(tools, lyncplan, example, failures):
    name = os.path.splitext(os.path.basename(example))[0]
    with tempfile.TemporaryDirectory(prefix=f"lyncplan-{name}-") as tmp:
        zones_dir = os.path.join(tmp, "zones")
        r = run([lyncplan, "plan", example, "--format", "zone", "--out", zones_dir,
                 "--fail-on", "never"])
        if r.returncode != 0:
            failures.append(f"{name}: zone render failed: {r.stderr}")
            return 0
        r = run([lyncplan, "plan", example, "--format", "json", "--fail-on", "never"])
        plan = json.loads(r.stdout)
        zones_by_view = defaultdict(list)
        for line in open(os.path.join(zones_dir, "index.txt")):
            if line.startswith("#"):
                continue
            view, zone, path, _count = line.rstrip("\n").split("\t")
            zones_by_view[view].append((zone, path))
            c = run([tools["named-checkzone"], "-q", "-i", "local", zone,
                     os.path.join(zones_dir, path)])
            if c.returncode != 0:
                again = run([tools["named-checkzone"], "-i", "local", zone,
                             os.path.join(zones_dir, path)])
                failures.append(f"{name}: named-checkzone {path}: {again.stdout}{again.stderr}")
        checked = 0
        servers = {}
        try:
            for view, zones in sorted(zones_by_view.items()):
                workdir = os.path.join(tmp, "nsd-" + view)
                os.makedirs(workdir)
                for zone, path in zones:
                    os.makedirs(os.path.dirname(os.path.join(workdir, path)), exist_ok=True)
                    shutil.copy(os.path.join(zones_dir, path), os.path.join(workdir, path))
                servers[view] = Nsd(tools["nsd"], workdir, VIEW_ADDRESS[view], zones)
            for view, zones in sorted(zones_by_view.items()):
                server = servers[view]
                server.wait_ready(zones[0][0], tools["dig"])
                records = [x for x in plan["dns"] if x["view"] == view]
                want = expected_answers(records)
                got = query_all(tools["dig"], server, want.keys())
                for key, values in want.items():
                    if got.get(key, set()) != values:
                        failures.append(f"{name} {view}: {key[0]} {key[1]}: planned "
                                        f"{sorted(values)}, served {sorted(got.get(key, []))}")
                    checked += len(values)
                for zone, _ in zones:
                    probe = f"lyncplan-unplanned-name.{zone}"
                    r = run([tools["dig"], f"@{server.address}", "-p", str(server.port),
                             "+norec", "+time=2", probe, "A"])
                    if "status: NXDOMAIN" not in r.stdout:
                        failures.append(f"{name} {view}: {probe} is not NXDOMAIN")
            compare_live_simulation(lyncplan, example, name, servers, failures)
        except RuntimeError as e:
            failures.append(f"{name}: {e}")
        finally:
            for server in servers.values():
                server.stop()
        return checked


def simulation(lyncplan, example, extra):
    r = run([lyncplan, "simulate", example, "--format", "json", "--fail-on", "never"] + extra)
    if r.returncode != 0:
        raise RuntimeError("simulate failed: " + r.stderr)
    return [(c["domain"], c["client"], c["from"], c["result"], json.dumps(c["server"]), c["via"],
             [(st["query"], st["type"], st["answer"]) for st in c["steps"]
              if st["type"] in ("A", "AAAA", "SRV")])
            for c in json.loads(r.stdout)["cases"]]


def compare_live_simulation(lyncplan, example, name, servers, failures):
    """Live DNS (c-ares against the NSDs) and the offline plan must give the same outcomes."""
    live = []
    if "external" in servers:
        live += ["--outside-dns", f"{servers['external'].address}:{servers['external'].port}"]
    if "internal" in servers:
        live += ["--inside-dns", f"{servers['internal'].address}:{servers['internal'].port}"]
    if "external" not in servers:
        return  # an internal-only deployment has no public DNS to compare
    offline, online = simulation(lyncplan, example, []), simulation(lyncplan, example, live)
    if len(offline) != len(online):
        failures.append(f"{name}: live simulation has {len(online)} cases, offline {len(offline)}")
    for a, b in zip(offline, online):
        if a != b:
            failures.append(f"{name}: live simulation differs:\n  offline {a}\n  live    {b}")


def silent_server_times_out(lyncplan, example, failures):
    """A DNS server that never answers: every query ends as a timeout, within the bound."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.4", 0))
    port = sock.getsockname()[1]
    start = time.time()
    r = run([lyncplan, "simulate", example, "--format", "json", "--fail-on", "never",
             "--client", "lync2010", "--from", "outside", "--domain", "contoso.com",
             "--outside-dns", f"127.0.0.4:{port}", "--timeout", "0.2", "--tries", "2"])
    seconds = time.time() - start
    sock.close()
    steps = json.loads(r.stdout)["cases"][0]["steps"]
    answers = {st["answer"] for st in steps}
    # 5 queries x 2 tries x 0.2 s = 2 s of waiting; allow generous slack, never a hang.
    if answers != {"timeout"} or seconds > 15:
        failures.append(f"silent DNS server: answers {answers} after {seconds:.1f} s")
    print(f"silent DNS server: {len(steps)} queries timed out in {seconds:.1f} s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lyncplan", required=True)
    ap.add_argument("--examples", required=True)
    args = ap.parse_args()
    tools = {t: find_tool(t) for t in TOOLS}
    missing = [t for t, p in tools.items() if p is None]
    if missing:
        print("skipped: missing " + ", ".join(missing) + " (scripts/setup installs them)")
        return 1 if os.environ.get("LYNCPLAN_REQUIRE_INTEGRATION") == "1" else 77
    failures = []
    examples = sorted(os.path.join(args.examples, f) for f in os.listdir(args.examples)
                      if f.endswith(".yaml"))
    total = 0
    for example in examples:
        n = check_example(tools, args.lyncplan, example, failures)
        print(f"{os.path.basename(example)}: {n} planned answers served by NSD")
        total += n
    silent_server_times_out(args.lyncplan, os.path.join(args.examples, "reference-lync2013.yaml"),
                            failures)
    for f in failures:
        print("FAIL " + f)
    print(f"{len(examples) - len({f.split(':')[0].split()[0] for f in failures})} passed, "
          f"{len({f.split(':')[0].split()[0] for f in failures})} failed")
    return 1 if failures or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
