#!/usr/bin/env python3
"""The README's "Deploy the DNS" recipes, run line by line as written, each against its real
server on loopback, which must then serve every planned record.

Each ```sh block of that section is one recipe (BIND, NSD, Knot, PowerDNS, lyncplan apply). Its
lines run in bash with three substitutions only: absolute paths under /etc, /var and /run go
under a scratch root (which holds what a Debian machine with that server has there: BIND's own
named.conf with its default zones, a main nsd.conf, knot.conf and PowerDNS database serving on a
loopback port), `lyncplan` is the binary under test and `topology.yaml` the hosting example with
a dns: section, and the address 192.0.2.53 is the lab server's. The servers' control commands
(`rndc`, `nsd-control`, `knotc reload`) come first in PATH as small scripts that note the request;
the checkers (`named-checkconf`, `nsd-checkconf`, `knotc conf-check`) are the real ones, pointed
at the scratch root. After a recipe ran, the test starts the real server with the configuration
the recipe left and asks every planned (name, type) of the view; a recipe that did not ask for a
reload fails. Exit 77 (skip) when a tool is missing, unless LYNCPLAN_REQUIRE_INTEGRATION=1.
"""
import argparse
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections import defaultdict

from dns_servers_test import (BIND_ADDRESS, CLIENT, SERVER_ADDRESS, Daemon, ask_all, compare,
                              with_dns_section)
from zone_server_test import expected_answers, find_tool, free_port, run

TOOLS = ["named", "named-checkconf", "nsd", "nsd-checkconf", "knotd", "knotc", "pdns_server",
         "sqlite3", "tsig-keygen", "dig", "bash"]
PDNS_SCHEMA = "/usr/share/doc/pdns-backend-sqlite3/schema.sqlite3.sql"
README_SERVER = "192.0.2.53"


def recipes(readme):
    """{name: [lines]} of the ```sh blocks of the "Deploy the DNS" section, named by the
    paragraph before each: "apply" when it speaks of lyncplan apply, else its first word."""
    text = open(readme).read()
    section = text[text.index("## Deploy the DNS"):]
    section = section[:section.index("\n## ", 3)]
    found = {}
    for match in re.finditer(r"\n\n([^\n`][^\n]*(?:\n[^\n]+)*)\n\n```sh\n(.*?)```", section,
                             re.S):
        paragraph = match.group(1)
        word = "apply" if "apply" in paragraph else paragraph.split()[0].strip(",:")
        found[word] = match.group(2).splitlines()
    return found


class Root:
    """A scratch root with each server's own files, and PATH scripts for the control commands."""

    def __init__(self, tmp, tools, lyncplan, topology):
        self.tmp = tmp
        self.path = os.path.join(tmp, "root")
        self.tools = tools
        self.lyncplan = os.path.abspath(lyncplan)
        self.topology = topology
        self.requests = os.path.join(tmp, "requests")
        self.bin = os.path.join(tmp, "bin")
        for d in ("etc/bind", "etc/nsd", "etc/knot", "var/cache/bind", "var/lib/knot",
                  "var/lib/powerdns", "run/nsd", "run/knot"):
            os.makedirs(os.path.join(self.path, d))
        os.makedirs(self.bin)
        self.ports = {}

    def at(self, path):
        return os.path.join(self.path, path.lstrip("/"))

    def script(self, name, body):
        p = os.path.join(self.bin, name)
        with open(p, "w") as f:
            f.write("#!/bin/sh\n" + body + "\n")
        os.chmod(p, os.stat(p).st_mode | stat.S_IXUSR)

    def line(self, text):
        text = re.sub(r"(?<![\w./-])/(etc|var|run)/", lambda m: self.path + "/" + m.group(1) + "/",
                      text)
        text = re.sub(r"^lyncplan ", self.lyncplan + " ", text)
        text = text.replace(" topology.yaml", " " + self.topology)
        return text.replace(README_SERVER, f"{BIND_ADDRESS}:{self.ports.get('update', 0)}")

    def run(self, lines, before=None):
        """The recipe's lines in one bash, `before(line)` called ahead of each; a failure stops."""
        env = dict(os.environ, PATH=self.bin + os.pathsep + os.environ.get("PATH", ""))
        for raw in lines:
            if before:
                before(raw)
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            r = subprocess.run([self.tools["bash"], "-euo", "pipefail", "-c", self.line(raw)],
                               capture_output=True, text=True, cwd=self.tmp, env=env, timeout=120)
            if r.returncode != 0:
                raise RuntimeError(f"'{raw}' failed ({r.returncode}): {r.stdout}{r.stderr}")
            yield raw, r.stdout

    def requested(self):
        return open(self.requests).read() if os.path.exists(self.requests) else ""


def planned(lyncplan, topology):
    plan = json.loads(run([lyncplan, "plan", topology, "--format", "json", "--fail-on",
                           "never"]).stdout)
    records = defaultdict(list)
    for r in plan["dns"]:
        records[r["view"]].append(r)
    return records


def served(label, daemon, port, view, records, tools, failures):
    zone = records[view][0]["zone"]
    daemon.wait_ready(tools["dig"], port, zone, CLIENT[view])
    want = expected_answers(records[view])
    got = ask_all(tools["dig"], daemon.address, port, CLIENT[view], want.keys())
    return compare(f"{label} {view} view", want, got, failures)


def bind_recipe(root, lines, records, tools, failures):
    port = free_port(BIND_ADDRESS)
    # Debian's own named.conf and default zones, and this machine's options (a loopback port).
    for name in ("named.conf", "named.conf.default-zones", "db.local", "db.127", "db.0",
                 "db.255"):
        text = open(os.path.join("/etc/bind", name)).read()
        with open(root.at("/etc/bind/" + name), "w") as f:
            f.write(text.replace("/etc/bind/", root.at("/etc/bind/")))
    with open(root.at("/etc/bind/named.conf.options"), "w") as f:
        f.write(f"""options {{
  directory "{root.at('/var/cache/bind')}";
  pid-file "{root.at('/var/cache/bind/named.pid')}";
  listen-on port {port} {{ {BIND_ADDRESS}; }};
  listen-on-v6 {{ none; }};
  recursion no;
  dnssec-validation no;
  notify no;
}};
controls {{ }};
""")
    open(root.at("/etc/bind/named.conf.local"), "w").close()
    conf = root.at("/etc/bind/named.conf")
    root.script("named-checkconf", f'exec {tools["named-checkconf"]} "$@" {conf}')
    root.script("rndc", f'echo "rndc $*" >> {root.requests}')
    list(root.run(lines))
    if "rndc reconfig" not in root.requested():
        failures.append("BIND recipe: named was never asked to reload")
        return 0
    named = Daemon("named", [tools["named"], "-g", "-c", conf], root.tmp, BIND_ADDRESS)
    try:
        return sum(served("BIND recipe", named, port, view, records, tools, failures)
                   for view in records)
    finally:
        named.stop()


def nsd_recipe(root, lines, records, tools, failures):
    port = free_port(SERVER_ADDRESS)
    run_dir = root.at("/run/nsd")
    with open(root.at("/etc/nsd/nsd.conf"), "w") as f:
        f.write(f"""server:
  ip-address: {SERVER_ADDRESS}@{port}
  port: {port}
  username: ""
  chroot: ""
  database: ""
  pidfile: "{run_dir}/nsd.pid"
  xfrdfile: "{run_dir}/xfrd.state"
  zonelistfile: "{run_dir}/zone.list"
  server-count: 1
  rrl-ratelimit: 0
remote-control:
  control-enable: no
""")
    root.script("nsd-control", f'echo "nsd-control $*" >> {root.requests}')
    list(root.run(lines))
    if "nsd-control reload" not in root.requested():
        failures.append("NSD recipe: nsd was never asked to reload")
        return 0
    nsd = Daemon("nsd", [tools["nsd"], "-d", "-c", root.at("/etc/nsd/nsd.conf")], root.tmp)
    try:
        return served("NSD recipe", nsd, port, "external", records, tools, failures)
    finally:
        nsd.stop()


def knot_recipe(root, lines, records, tools, failures):
    port = free_port(SERVER_ADDRESS)
    conf = root.at("/etc/knot/knot.conf")
    with open(conf, "w") as f:
        f.write(f"""server:
  rundir: "{root.at('/run/knot')}"
  listen: {SERVER_ADDRESS}@{port}
log:
  - target: stderr
    any: warning
database:
  storage: "{root.at('/var/lib/knot')}"
template:
  - id: default
    storage: "{root.at('/var/lib/knot')}"
""")
    root.script("knotc", f"""case "$*" in
  *reload*) echo "knotc $*" >> {root.requests} ;;
  *) exec {tools["knotc"]} -c {conf} "$@" ;;
esac""")
    list(root.run(lines))
    if "knotc reload" not in root.requested():
        failures.append("Knot recipe: knotd was never asked to reload")
        return 0
    knot = Daemon("knotd", [tools["knotd"], "-c", conf], root.tmp)
    try:
        return served("Knot recipe", knot, port, "external", records, tools, failures)
    finally:
        knot.stop()


def pdns_recipe(root, lines, records, tools, failures):
    db = root.at("/var/lib/powerdns/pdns.sqlite3")
    with sqlite3.connect(db) as c:
        c.executescript(open(PDNS_SCHEMA).read())
    list(root.run(lines))
    port = free_port(SERVER_ADDRESS)
    work = os.path.join(root.tmp, "pdns")
    os.makedirs(work)
    with open(os.path.join(work, "pdns.conf"), "w") as f:
        f.write(f"launch=gsqlite3\ngsqlite3-database={db}\nlocal-address={SERVER_ADDRESS}\n"
                f"local-port={port}\nsocket-dir={work}\nguardian=no\ndaemon=no\n"
                "disable-syslog=yes\n")
    pdns = Daemon("pdns", [tools["pdns_server"], "--config-dir=" + work], work)
    try:
        return served("PowerDNS recipe", pdns, port, "external", records, tools, failures)
    finally:
        pdns.stop()


def apply_recipe(root, lines, records, tools, failures):
    """The key made by the recipe's first line; then a BIND primary that serves the external
    zones (SOA and NS only) and lets that key transfer and update them; then apply, twice."""
    port = free_port(BIND_ADDRESS)
    root.ports["update"] = port
    work = os.path.join(root.tmp, "primary")
    os.makedirs(work)
    key = root.at("/etc/bind/lyncplan.key")
    state = {"named": None}

    def start_primary(line):
        if README_SERVER not in line or state["named"]:
            return
        zones = sorted({r["zone"] for r in records["external"]})
        conf = [f'include "{key}";', "controls { };",
                f'options {{ directory "{work}"; pid-file "{work}/named.pid"; '
                f"listen-on port {port} {{ {BIND_ADDRESS}; }}; listen-on-v6 {{ none; }}; "
                "recursion no; dnssec-validation no; notify no; };"]
        for zone in zones:
            with open(os.path.join(work, zone + ".zone"), "w") as f:
                f.write(f"$TTL 60\n@ SOA ns1.{zone}. hostmaster.{zone}. 1 3600 600 86400 60\n"
                        f"@ NS ns1.{zone}.\nns1 A 192.0.2.1\n")
            conf.append(f'zone "{zone}" {{ type primary; file "{work}/{zone}.zone"; '
                        'allow-transfer { key lyncplan; }; allow-update { key lyncplan; }; };')
        with open(os.path.join(work, "named.conf"), "w") as f:
            f.write("\n".join(conf) + "\n")
        state["named"] = Daemon("named-primary", [tools["named"], "-g", "-c",
                                                  os.path.join(work, "named.conf")], work,
                                BIND_ADDRESS)
        state["named"].wait_ready(tools["dig"], port, zones[0], CLIENT["external"])

    try:
        outputs = [out for _, out in root.run(lines, before=start_primary)]
        if not state["named"]:
            failures.append("apply recipe: no line named the server")
            return 0
        if "would change" not in outputs[-2]:
            failures.append("apply recipe: the dry run did not tell the changes: " + outputs[-2])
        again = [out for _, out in root.run(lines[-1:])]
        if " 0 changed (0 records added, 0 deleted)" not in again[0]:
            failures.append("apply recipe: a second run changed something: " + again[0])
        return served("apply recipe", state["named"], port, "external", records, tools,
                      failures)
    finally:
        if state["named"]:
            state["named"].stop()


RECIPES = {"BIND": bind_recipe, "NSD": nsd_recipe, "Knot": knot_recipe,
           "PowerDNS": pdns_recipe, "apply": apply_recipe}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lyncplan", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    tools = {t: find_tool(t) for t in TOOLS}
    missing = [t for t, p in tools.items() if p is None]
    if not os.path.exists(PDNS_SCHEMA):
        missing.append("pdns-backend-sqlite3")
    if missing:
        print("skipped: missing " + ", ".join(missing) + " (scripts/setup installs them)")
        return 1 if os.environ.get("LYNCPLAN_REQUIRE_INTEGRATION") == "1" else 77
    found = recipes(os.path.join(args.source, "README.md"))
    failures = [f"README: no recipe for {name}" for name in RECIPES if name not in found]
    failures += [f"README: a recipe this test does not know: {name}" for name in found
                 if name not in RECIPES]
    for name, check in RECIPES.items():
        if name not in found:
            continue
        with tempfile.TemporaryDirectory(prefix=f"lyncplan-readme-{name}-") as tmp:
            topology = with_dns_section(
                os.path.join(args.source, "examples", "hosting-provider.yaml"), tmp)
            os.rename(topology, os.path.join(tmp, "topology.yaml"))
            topology = os.path.join(tmp, "topology.yaml")
            root = Root(tmp, tools, args.lyncplan, topology)
            try:
                n = check(root, found[name], planned(args.lyncplan, topology), tools, failures)
                print(f"{name} recipe: {n} planned (name, type) answers served")
                if n == 0:
                    failures.append(f"{name} recipe: nothing served")
            except RuntimeError as e:
                failures.append(f"{name} recipe: {e}")
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
