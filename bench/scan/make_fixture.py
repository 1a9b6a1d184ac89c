#!/usr/bin/env python3
"""Data for the scan benchmark: a zone of N hosted tenants (about 10% broken in known ways),
the tenant list, the truth per tenant, and the exact queries lyncplan scan asks, for dnsperf.

The tenants follow examples/hosting-provider.yaml: SRVs to sipexternal.contoso.com (443 and 5061) and
lyncdiscover.<tenant> A 203.0.113.20."""
import argparse
import os

SIP, RP, LABEL = "sipexternal.contoso.com", "203.0.113.20", "lyncplan-bench-probe"

# kind: (share in 1000, tenant status, verdicts of _sip._tls, _sipfederationtls._tcp, lyncdiscover)
KINDS = [
    ("missing-federation", 20, ["outside-namespace", "missing", "ok"]),
    ("wrong-target", 20, ["wrong-target", "outside-namespace", "ok"]),
    ("wrong-port", 20, ["wrong-port", "outside-namespace", "ok"]),
    ("wrong-lyncdiscover", 20, ["outside-namespace", "outside-namespace", "wrong-target"]),
    ("zone-absent", 10, ["zone-absent"] * 3),
    ("wildcard", 10, ["wildcard"] * 3),
    # right only because *.<tenant> holds the provider's address: ok, with a note
    ("wildcard-right", 10, ["outside-namespace", "outside-namespace", "ok"]),
]


def kind_of(i):
    slot = (i * 7919) % 1000  # spread the broken ones through the list
    start = 0
    for name, share, verdicts in KINDS:
        if start <= slot < start + share:
            return name, verdicts
        start += share
    return "good", ["outside-namespace", "outside-namespace", "ok"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tenants", type=int, default=100000)
    ap.add_argument("--extra-absent", type=int, default=0,
                    help="tenants added to the list only (not in the zone): the memory run")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    zone = open(os.path.join(a.out, "example.zone"), "w")
    zone.write("$ORIGIN example.\n$TTL 3600\n@ SOA ns.example. hostmaster.example. 1 3600 600 "
               "86400 300\n@ NS ns.example.\nns A 127.0.0.1\n")
    tenants = open(os.path.join(a.out, "tenants.txt"), "w")
    truth = open(os.path.join(a.out, "truth.tsv"), "w")
    queries = open(os.path.join(a.out, "queries.txt"), "w")
    for i in range(a.tenants):
        t = f"t{i:07d}.example"
        kind, verdicts = kind_of(i)
        tenants.write(t + "\n")
        truth.write(f"{t}\t{kind}\t{','.join(verdicts)}\n")
        queries.write(f"_sip._tls.{t} SRV\n_sipfederationtls._tcp.{t} SRV\nlyncdiscover.{t} A\n")
        sip_target, sip_port = SIP, 443
        if kind == "wrong-target":
            sip_target = f"sip.{t}"
        if kind == "wrong-port":
            sip_port = 5061
        if kind == "zone-absent":
            queries.write(f"{t} SOA\n")
            continue
        if kind == "wildcard":
            zone.write(f"{t}. A 192.0.2.80\n*.{t}. CNAME {t}.\n")
            queries.write(f"{LABEL}.{t} A\n")
            continue
        zone.write(f"_sip._tls.{t}. SRV 0 0 {sip_port} {sip_target}.\n")
        if kind == "missing-federation":
            queries.write(f"{t} SOA\n")
        else:
            zone.write(f"_sipfederationtls._tcp.{t}. SRV 0 0 5061 {SIP}.\n")
        # A right lyncdiscover address may be a wildcard's: scan asks the probe name once.
        queries.write(f"{LABEL}.{t} A\n")
        if kind == "wrong-lyncdiscover":
            zone.write(f"lyncdiscover.{t}. A 192.0.2.80\n")
        elif kind == "wildcard-right":
            zone.write(f"*.{t}. A {RP}\n")
        else:
            zone.write(f"lyncdiscover.{t}. A {RP}\n")
    for i in range(a.extra_absent):
        tenants.write(f"absent{i:07d}.example\n")


if __name__ == "__main__":
    main()
