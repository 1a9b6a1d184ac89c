#!/usr/bin/env python3
"""The server configurations `plan --format zone --server` writes load in real servers, which
then serve every planned record.

For two topologies (the reference one, whose records fill both views, and the hosting provider,
whose zones hold glue for a name server inside them), each with a dns: section: the zone files and
the configurations for BIND, NSD and Knot are written in one run. Each server's own checker must
pass (named-checkconf -z, nsd-checkconf, knotc conf-check) on a main configuration that only
includes the generated file. Then the servers run on 127.0.0.x high ports, stopped by PID: one
BIND with both views (the internal view matched by the client address 127.0.0.3, the external
view by every other, as the topology's internal_clients says), and one NSD and one Knot per view.
Every planned (name, type) of each view is asked of each server from that view's address and the
answer set must equal the plan's; the SOA must be the topology's. Last, catalog zones (RFC 9432):
a BIND primary loads the hosting zones and their catalog; a BIND 9.18 and a Knot secondary,
configured with the catalog alone, must serve a tenant's _sip._tls SRV, and after the next run
with a tenant added (the primary reloaded, the secondaries notified) the new tenant's too. Exit 77 (skip) when a server
is missing, unless LYNCPLAN_REQUIRE_INTEGRATION=1.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

import yaml

from zone_server_test import expected_answers, find_tool, free_port, run

TOOLS = ["named", "named-checkconf", "nsd", "nsd-checkconf", "knotd", "knotc", "dig"]
SERVER_ADDRESS = "127.0.0.4"
BIND_ADDRESS = "127.0.0.1"  # named listens only on addresses an interface has
CLIENT = {"external": "127.0.0.2", "internal": "127.0.0.3"}
DNS_SECTION = {
    "primary": "ns1.lab-dns.example",
    "hostmaster": "hostmaster@lab-dns.example",
    "nameservers": ["ns1.lab-dns.example", "ns2.lab-dns.example"],
    "ttl": 600,
    "serial": 2026120201,
    "internal_clients": [CLIENT["internal"] + "/32"],
}


class Daemon:
    """A server process in the foreground, stopped by its PID."""

    def __init__(self, name, cmd, workdir, address=SERVER_ADDRESS):
        self.name = name
        self.address = address
        self.dir = workdir
        self.stderr_path = os.path.join(workdir, name + ".stderr")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                     stderr=open(self.stderr_path, "w"))

    def log(self):
        return open(self.stderr_path).read()[-3000:]

    def wait_ready(self, dig, port, zone, source):
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.log()}")
            r = run([dig, f"@{self.address}", "-p", str(port), "-b", source, "+norec",
                     "+time=1", "+tries=1", "+short", zone, "SOA"])
            if r.returncode == 0 and r.stdout.strip():
                return r.stdout.strip()
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer in 20 s: {self.log()}")

    def stop(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def ask_all(dig, address, port, source, keys):
    got = defaultdict(set)
    keys = sorted(keys)
    for start in range(0, len(keys), 200):
        cmd = [dig, f"@{address}", "-p", str(port), "-b", source, "+norec", "+time=2",
               "+tries=2", "+noall", "+answer"]
        for name, rtype in keys[start:start + 200]:
            cmd += [name, rtype]
        r = run(cmd)
        if r.returncode != 0:
            raise RuntimeError("dig failed: " + r.stderr)
        for line in r.stdout.splitlines():
            parts = line.split(None, 4)
            if len(parts) == 5:
                got[(parts[0].rstrip("."), parts[3])].add(parts[4].strip())
    return got


def compare(label, want, got, failures):
    served = 0
    for key, values in sorted(want.items()):
        if got.get(key, set()) != values:
            failures.append(f"{label}: {key[0]} {key[1]}: planned {sorted(values)}, "
                            f"served {sorted(got.get(key, set()))}")
        else:
            served += 1
    return served


def start_bind(tools, tmp, zones_dir):
    work = os.path.join(tmp, "bind")
    os.makedirs(work)
    port = free_port(BIND_ADDRESS)
    conf = os.path.join(work, "named.conf")
    with open(conf, "w") as f:
        f.write(f"""options {{
  directory "{work}";
  pid-file "{work}/named.pid";
  listen-on port {port} {{ {BIND_ADDRESS}; }};
  listen-on-v6 {{ none; }};
  recursion no;
  dnssec-validation no;
  notify no;
}};
controls {{ }};
include "{zones_dir}/named.conf.lyncplan";
""")
    check = run([tools["named-checkconf"], "-z", conf])
    if check.returncode != 0:
        raise RuntimeError("named-checkconf -z: " + check.stdout + check.stderr)
    return Daemon("named", [tools["named"], "-g", "-c", conf], work, BIND_ADDRESS), port


def start_nsd(tools, tmp, zones_dir, view):
    work = os.path.join(tmp, "nsd-" + view)
    os.makedirs(work)
    port = free_port(SERVER_ADDRESS)
    conf = os.path.join(work, "nsd.conf")
    with open(conf, "w") as f:
        f.write(f"""server:
  ip-address: {SERVER_ADDRESS}@{port}
  port: {port}
  username: ""
  chroot: ""
  database: ""
  pidfile: "{work}/nsd.pid"
  xfrdfile: "{work}/xfrd.state"
  zonelistfile: "{work}/zone.list"
  server-count: 1
  rrl-ratelimit: 0
remote-control:
  control-enable: no
include: "{zones_dir}/nsd-{view}.conf"
""")
    check = run([tools["nsd-checkconf"], conf])
    if check.returncode != 0:
        raise RuntimeError("nsd-checkconf: " + check.stdout + check.stderr)
    return Daemon("nsd-" + view, [tools["nsd"], "-d", "-c", conf], work), port


def start_knot(tools, tmp, zones_dir, view):
    work = os.path.join(tmp, "knot-" + view)
    os.makedirs(work)
    port = free_port(SERVER_ADDRESS)
    conf = os.path.join(work, "knot.conf")
    with open(conf, "w") as f:
        f.write(f"""server:
  rundir: "{work}"
  pidfile: "{work}/knot.pid"
  listen: {SERVER_ADDRESS}@{port}
database:
  storage: "{work}/db"
log:
  - target: stderr
    any: warning
template:
  - id: default
    storage: "{work}"
include: "{zones_dir}/knot-{view}.conf"
""")
    check = run([tools["knotc"], "-c", conf, "conf-check"])
    if check.returncode != 0:
        raise RuntimeError("knotc conf-check: " + check.stdout + check.stderr)
    return Daemon("knot-" + view, [tools["knotd"], "-c", conf], work), port


def with_dns_section(example, tmp):
    """A copy of the example (and its tenants file) whose dns: section is the lab's."""
    with open(example) as f:
        topology = yaml.safe_load(f)
    topology["dns"] = dict(DNS_SECTION)
    if "hosting" in topology:
        # The provider's own name server, inside its zone: served with its glue.
        topology["dns"]["nameservers"] = [
            {"fqdn": "ns1." + topology["hosting"]["provider_domain"], "ip": "203.0.113.53"},
            "ns2.lab-dns.example"]
        tenants = topology["hosting"].get("tenants_file")
        if tenants:
            shutil.copy(os.path.join(os.path.dirname(example), tenants), tmp)
    path = os.path.join(tmp, os.path.basename(example))
    with open(path, "w") as f:
        yaml.safe_dump(topology, f, sort_keys=False)
    return path


def check_example(tools, lyncplan, example, failures):
    name = os.path.splitext(os.path.basename(example))[0]
    served = 0
    with tempfile.TemporaryDirectory(prefix=f"lyncplan-servers-{name}-") as tmp:
        topology = with_dns_section(example, tmp)
        zones_dir = os.path.join(tmp, "zones")
        r = run([lyncplan, "plan", topology, "--format", "zone", "-o", zones_dir, "--server",
                 "bind", "--server", "nsd", "--server", "knot", "--fail-on", "never"])
        if r.returncode != 0:
            failures.append(f"{name}: plan --format zone --server: {r.stderr}")
            return 0
        plan = json.loads(run([lyncplan, "plan", topology, "--format", "json", "--fail-on",
                               "never"]).stdout)
        records = defaultdict(list)
        for record in plan["dns"]:
            records[record["view"]].append(record)
        with open(topology) as f:
            glue = [ns for ns in yaml.safe_load(f)["dns"]["nameservers"] if isinstance(ns, dict)]
        daemons = []
        try:
            bind, bind_port = start_bind(tools, tmp, zones_dir)
            daemons.append(bind)
            runs = [("bind", bind, bind_port, view) for view in records]
            for view in records:
                nsd, nsd_port = start_nsd(tools, tmp, zones_dir, view)
                knot, knot_port = start_knot(tools, tmp, zones_dir, view)
                daemons += [nsd, knot]
                runs += [("nsd", nsd, nsd_port, view), ("knot", knot, knot_port, view)]
            for server, daemon, port, view in runs:
                zone = records[view][0]["zone"]
                soa = daemon.wait_ready(tools["dig"], port, zone, CLIENT[view])
                if not soa.startswith("ns1.") or " 2026120201 " not in soa:
                    failures.append(f"{name}: {server} {view}: SOA of {zone} is '{soa}', not "
                                    "the topology's")
                want = expected_answers(records[view])
                for ns in glue:  # the name server inside its zone, served from the glue
                    if any(ns["fqdn"].endswith("." + r["zone"]) for r in records[view]):
                        want[(ns["fqdn"], "A")] = {ns["ip"]}
                got = ask_all(tools["dig"], daemon.address, port, CLIENT[view], want.keys())
                served += compare(f"{name}: {server} {view} view", want, got, failures)
        except RuntimeError as e:
            failures.append(f"{name}: {e}")
        finally:
            for d in daemons:
                d.stop()
    return served


CATALOG = "catalog.lab-dns.example"


def hosting_with_catalog(examples, tmp, tenants, serial, secondaries):
    with open(os.path.join(examples, "hosting-provider.yaml")) as f:
        topology = yaml.safe_load(f)
    topology["hosting"].pop("tenants_file", None)
    topology["hosting"]["tenants"] = tenants
    topology["dns"] = dict(DNS_SECTION, serial=serial, catalog=CATALOG, secondaries=secondaries)
    path = os.path.join(tmp, "hosting.yaml")
    with open(path, "w") as f:
        yaml.safe_dump(topology, f, sort_keys=False)
    return path


def secondary_bind(tools, tmp, port, primary_port):
    work = os.path.join(tmp, "bind-secondary")
    os.makedirs(work)
    conf = os.path.join(work, "named.conf")
    with open(conf, "w") as f:
        f.write(f"""options {{
  directory "{work}";
  pid-file "{work}/named.pid";
  listen-on port {port} {{ {BIND_ADDRESS}; }};
  listen-on-v6 {{ none; }};
  recursion no;
  dnssec-validation no;
  notify no;
  allow-new-zones yes;
  catalog-zones {{
    zone "{CATALOG}" default-primaries {{ {BIND_ADDRESS} port {primary_port}; }} in-memory yes;
  }};
}};
controls {{ }};
zone "{CATALOG}" {{ type secondary; primaries {{ {BIND_ADDRESS} port {primary_port}; }};
  file "catalog.db"; }};
""")
    return Daemon("named-secondary", [tools["named"], "-g", "-c", conf], work, BIND_ADDRESS)


def secondary_knot(tools, tmp, port, primary_port):
    work = os.path.join(tmp, "knot-secondary")
    os.makedirs(os.path.join(work, "db"))
    conf = os.path.join(work, "knot.conf")
    with open(conf, "w") as f:
        f.write(f"""server:
  rundir: "{work}"
  pidfile: "{work}/knot.pid"
  listen: {SERVER_ADDRESS}@{port}
database:
  storage: "{work}/db"
log:
  - target: stderr
    any: warning
remote:
  - id: primary
    address: {BIND_ADDRESS}@{primary_port}
acl:
  - id: from-primary
    address: {BIND_ADDRESS}
    action: notify
template:
  - id: default
    storage: "{work}"
  - id: members
    storage: "{work}"
    master: primary
    acl: from-primary
zone:
  - domain: {CATALOG}
    master: primary
    acl: from-primary
    catalog-role: interpret
    catalog-template: members
""")
    return Daemon("knot-secondary", [tools["knotd"], "-c", conf], work, SERVER_ADDRESS)


def served_within(dig, daemon, port, name, rtype, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if daemon.proc.poll() is not None:
            raise RuntimeError(f"{daemon.name} exited: {daemon.log()}")
        r = run([dig, f"@{daemon.address}", "-p", str(port), "+norec", "+time=1", "+tries=1",
                 "+short", name, rtype])
        if r.returncode == 0 and r.stdout.strip():
            return r.stdout.strip()
        time.sleep(0.2)
    return None


def catalog_provisions_secondaries(tools, lyncplan, examples, failures):
    """A BIND primary with the catalog zone; a BIND and a Knot secondary that know only the
    catalog serve a tenant's SRV, and a tenant added to the plan after the next run."""
    with tempfile.TemporaryDirectory(prefix="lyncplan-catalog-") as tmp:
        daemons = []
        try:
            primary_port = free_port(BIND_ADDRESS)
            bind2_port = free_port(BIND_ADDRESS)
            knot_port = free_port(SERVER_ADDRESS)
            secondaries = [f"{BIND_ADDRESS}:{bind2_port}", f"{SERVER_ADDRESS}:{knot_port}"]
            zones_dir = os.path.join(tmp, "zones")

            def apply(tenants, serial):
                topology = hosting_with_catalog(examples, tmp, tenants, serial, secondaries)
                r = run([lyncplan, "plan", topology, "--format", "zone", "-o", zones_dir,
                         "--server", "bind", "--fail-on", "never"])
                if r.returncode != 0:
                    raise RuntimeError("plan --format zone: " + r.stderr)

            apply(["litware.com", "tailspin.com"], 1)
            work = os.path.join(tmp, "bind")
            os.makedirs(work)
            conf = os.path.join(work, "named.conf")
            with open(conf, "w") as f:
                f.write(f"""options {{
  directory "{work}";
  pid-file "{work}/named.pid";
  listen-on port {primary_port} {{ {BIND_ADDRESS}; }};
  listen-on-v6 {{ none; }};
  recursion no;
  dnssec-validation no;
}};
controls {{ }};
include "{zones_dir}/named.conf.lyncplan";
""")
            primary = Daemon("named-primary", [tools["named"], "-g", "-c", conf], work,
                             BIND_ADDRESS)
            daemons.append(primary)
            primary.wait_ready(tools["dig"], primary_port, CATALOG, CLIENT["external"])
            bind2 = secondary_bind(tools, tmp, bind2_port, primary_port)
            daemons.append(bind2)
            knot = secondary_knot(tools, tmp, knot_port, primary_port)
            daemons.append(knot)
            for daemon, port in ((bind2, bind2_port), (knot, knot_port)):
                got = served_within(tools["dig"], daemon, port, "_sip._tls.litware.com", "SRV",
                                    30)
                if not got:
                    failures.append(f"catalog: {daemon.name} never served _sip._tls.litware.com "
                                    f"(it knows only the catalog): {daemon.log()}")
            # The next run: a tenant added; the primary reloads (SIGHUP) and notifies.
            apply(["litware.com", "tailspin.com", "wingtip.com"], 2)
            os.kill(primary.proc.pid, signal.SIGHUP)
            for daemon, port in ((bind2, bind2_port), (knot, knot_port)):
                got = served_within(tools["dig"], daemon, port, "_sip._tls.wingtip.com", "SRV",
                                    30)
                if not got:
                    failures.append(f"catalog: {daemon.name} did not pick up the added tenant "
                                    f"wingtip.com: {daemon.log()}")
                else:
                    print(f"catalog: {daemon.name} serves the added tenant: {got}")
        except RuntimeError as e:
            failures.append(f"catalog: {e}")
        finally:
            for d in daemons:
                d.stop()


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
    total = 0
    for example in ("reference-lync2013.yaml", "hosting-provider.yaml"):
        n = check_example(tools, args.lyncplan, os.path.join(args.examples, example), failures)
        print(f"{example}: {n} planned (name, type) answers served by BIND, NSD and Knot")
        total += n
    catalog_provisions_secondaries(tools, args.lyncplan, args.examples, failures)
    for f in failures:
        print("FAIL " + f)
    return 1 if failures or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
