#!/usr/bin/env python3
"""A real client as referee: pidgin-sipe's discovery against `lyncplan simulate --client sipe`.

For each DNS world, pidgin-sipe (a headless libpurple program) signs in alice@contoso.com in a
private namespace (unshare) where dnsmasq serves the world and loopback sinks record every
connection and close it; the ordered DNS questions (dnsmasq's log) and the ordered connection
attempts (address, port, TLS or plain, server name) are compared with what `lyncplan simulate
--client sipe --connections closed` says for the same zone data. The first attempt is the server
a real client would have used. Autodiscover-result worlds run sipe with the SAX shim that works
around Debian 12's libxml2 (SIPE.md), and say so.

Skips (exit 77) with the reason when the machine does not allow it: not root, or no namespaces.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def srv(owner, target, port, priority=0, weight=0):
    return ("SRV", owner, target, port, priority, weight)


def a(name, address):
    return ("A", name, address)


POOL, SIP, DISCOVER = "127.0.0.11", "127.0.0.12", "127.0.0.13"
ALL_SRV = [srv("_sipinternaltls._tcp", "pool01", 5061), srv("_sipinternal._tcp", "pool01", 5060),
           srv("_sip._tls", "sip", 443), srv("_sip._tcp", "sip", 5060), a("pool01", POOL),
           a("sip", SIP)]
A_NAMES = [a("sipinternal", POOL), a("sipexternal", SIP), a("sip", SIP)]

# name, transport, records, shim (Autodiscover results need it on Debian 12)
WORLDS = [
    ("srv-sipinternaltls", "auto", [srv("_sipinternaltls._tcp", "pool01", 5061), a("pool01", POOL)], False),
    ("srv-sipinternal-tcp", "auto", [srv("_sipinternal._tcp", "pool01", 5060), a("pool01", POOL)], False),
    ("srv-sip-tls", "auto", [srv("_sip._tls", "sip", 443), a("sip", SIP)], False),
    ("srv-sip-tcp", "auto", [srv("_sip._tcp", "sip", 5060), a("sip", SIP)], False),
    ("a-sip", "auto", [a("sip", SIP)], False),
    ("a-sipinternal", "auto", [a("sipinternal", POOL)], False),
    ("a-sipexternal", "auto", [a("sipexternal", SIP)], False),
    ("a-all-three", "auto", A_NAMES, False),
    ("nothing", "auto", [], False),
    ("all-srv", "auto", ALL_SRV, False),
    ("all-srv-tls", "tls", ALL_SRV, False),
    ("all-srv-tcp", "tcp", ALL_SRV, False),
    ("a-all-three-tls", "tls", A_NAMES, False),
    ("a-all-three-tcp", "tcp", A_NAMES, False),
    ("nothing-tcp", "tcp", [], False),
    ("srv-two-targets", "auto", [srv("_sip._tls", "sip", 443, 10), srv("_sip._tls", "sip2", 443, 0),
                                 a("sip", SIP), a("sip2", POOL)], False),
    ("srv-target-without-address", "auto", [srv("_sipinternaltls._tcp", "ghost", 5061),
                                            a("sip", SIP)], False),
    ("autodiscover-external (SAX shim)", "auto", [a("lyncdiscover", DISCOVER), a("pool01", POOL),
                                                  a("sip", SIP)], True),
    ("autodiscover-internal (SAX shim)", "auto", [a("lyncdiscoverinternal", DISCOVER),
                                                  a("pool01", POOL), a("sip", SIP)], True),
]


def fqdn(name):
    return f"{name}.contoso.com"


def dnsmasq_args(records):
    args = []
    for r in records:
        if r[0] == "SRV":
            _, owner, target, port, priority, weight = r
            args.append(f"--srv-host={fqdn(owner)},{fqdn(target)},{port},{priority},{weight}")
        else:
            args.append(f"--host-record={fqdn(r[1])},{r[2]}")
    return args


def zone_file(records):
    lines = ["$ORIGIN contoso.com.", "$TTL 300",
             "@ IN SOA ns hostmaster 1 3600 600 86400 300", "@ IN NS ns"]
    for r in records:
        if r[0] == "SRV":
            _, owner, target, port, priority, weight = r
            lines.append(f"{owner} IN SRV {priority} {weight} {port} {target}")
        else:
            lines.append(f"{r[1]} IN A {r[2]}")
    return "\n".join(lines) + "\n"


def collapse(items):
    out = []
    for item in items:
        if not out or out[-1] != item:
            out.append(item)
    return out


def sipe_trace(outdir):
    questions = []
    for line in open(os.path.join(outdir, "dns.log"), errors="replace"):
        m = re.search(r"query\[(\w+)\] (\S+) from", line)
        if m and not m.group(2).endswith("in-addr.arpa"):
            kind = "SRV" if m.group(1) == "SRV" else "A"
            questions.append((kind, m.group(2).lower()))
    attempts = []
    for line in open(os.path.join(outdir, "sinks.log"), errors="replace"):
        m = re.match(r"CONNECT (\S+):(\d+) (TLS|PLAIN) ?(.*)", line.strip())
        if m and not (m.group(1) == DISCOVER):  # Autodiscover probes are compared as DNS only
            name = m.group(4).lower() if m.group(3) == "TLS" else ""
            attempts.append((m.group(1), int(m.group(2)), m.group(3), name))
    return collapse(questions), attempts


def model_trace(case):
    questions, attempts = [], []
    for step in case["steps"]:
        if step["type"] in ("A", "AAAA", "SRV"):
            questions.append(("SRV" if step["type"] == "SRV" else "A", step["query"].lower()))
        elif step["type"] in ("TLS", "TCP"):
            m = re.match(r"(\S+):(\d+) \((\S+)\)", step["query"])
            if m:
                tls = step["type"] == "TLS"
                attempts.append((m.group(3), int(m.group(2)), "TLS" if tls else "PLAIN",
                                 m.group(1).lower() if tls else ""))
    return collapse(questions), attempts


def skip_reason():
    if os.geteuid() != 0:
        return "not root: the reference tier needs network and mount namespaces"
    probe = subprocess.run(["unshare", "--net", "--mount", "--pid", "--fork", "true"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return "unshare is not permitted here: " + probe.stderr.strip()
    return None


def missing_packages():
    missing = [t for t in ("dnsmasq", "gcc", "pkg-config") if not shutil.which(t)]
    if subprocess.run(["pkg-config", "--exists", "purple", "libxml-2.0"]).returncode != 0:
        missing.append("libpurple-dev/libxml2-dev")
    if not os.path.exists("/usr/lib/purple-2/libsipe.so"):
        missing.append("pidgin-sipe")
    return missing


def build(bindir):
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "purple", "glib-2.0"],
                           capture_output=True, text=True, check=True).stdout.split()
    subprocess.run(["gcc", "-O1", "-Wall", "-o", os.path.join(bindir, "harness"),
                    os.path.join(HERE, "harness.c")] + flags, check=True)
    xml = subprocess.run(["pkg-config", "--cflags", "--libs", "libxml-2.0"], capture_output=True,
                         text=True, check=True).stdout.split()
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", os.path.join(bindir, "saxfix.so"),
                    os.path.join(HERE, "saxfix.c")] + xml + ["-ldl"], check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lyncplan", required=True)
    args = ap.parse_args()
    reason = skip_reason()
    if reason:
        print("skipped: " + reason)
        return 77
    missing = missing_packages()
    if missing:
        print("skipped: missing " + ", ".join(missing) + " (scripts/setup installs them)")
        return 1 if os.environ.get("LYNCPLAN_REQUIRE_INTEGRATION") == "1" else 77
    passed, failed = 0, 0
    with tempfile.TemporaryDirectory(prefix="lyncplan-reference-") as tmp:
        build(tmp)
        for name, transport, records, shim in WORLDS:
            slug = re.sub(r"[^a-z0-9-]", "", name.split(" ")[0])
            out = os.path.join(tmp, slug)
            os.makedirs(out)
            env = dict(os.environ, TRANSPORT=transport)
            if shim:
                env["PRELOAD"] = os.path.join(tmp, "saxfix.so")
            start = time.time()
            subprocess.run([os.path.join(HERE, "world.sh"), tmp, out] + dnsmasq_args(records),
                           env=env, timeout=60, check=False)
            seconds = time.time() - start
            zone = os.path.join(out, "world.zone")
            with open(zone, "w") as f:
                f.write(zone_file(records))
            sim = subprocess.run([args.lyncplan, "simulate", os.path.join(HERE, "topology.yaml"),
                                  "--zone", "external=" + zone, "--client", "sipe", "--from",
                                  "outside", "--connections", "closed", "--sipe-transport",
                                  transport, "--format", "json", "--fail-on", "never"],
                                 capture_output=True, text=True, check=True)
            model_q, model_a = model_trace(json.loads(sim.stdout)["cases"][0])
            sipe_q, sipe_a = sipe_trace(out)
            ok = model_q == sipe_q and model_a == sipe_a and seconds < 30
            first = sipe_a[0] if sipe_a else None
            print(f"{'ok  ' if ok else 'FAIL'} {name} [{transport}]: {len(sipe_q)} DNS questions, "
                  f"{len(sipe_a)} connection attempts, first {first}, {seconds:.1f} s")
            if not ok:
                failed += 1
                print(f"     sipe  DNS {sipe_q}\n     model DNS {model_q}")
                print(f"     sipe  connect {sipe_a}\n     model connect {model_a}")
            else:
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
