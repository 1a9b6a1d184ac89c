#!/usr/bin/env python3
"""Every CSR of every example decodes with `openssl req -text` to exactly the planned names.

For each example: `lyncplan certs request` into a temporary folder, `lyncplan plan --format json`
for the planned certificates, then for each one: `openssl req -verify -text` must show the planned
subject CN, the planned SANs in order, the server (and, where planned, client) EKU; and the
written OpenSSL config must remake a request with the same names from the same key.
Exit 77 (skip) when openssl is missing, unless LYNCPLAN_REQUIRE_INTEGRATION=1.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


def decode(openssl, csr):
    r = run([openssl, "req", "-in", csr, "-noout", "-text", "-verify"])
    if r.returncode != 0:
        return None, r.stderr
    text = r.stdout
    cn = re.search(r"Subject: CN ?= ?([^\n,]+)", text)
    sans = re.search(r"X509v3 Subject Alternative Name:\s*\n\s*([^\n]+)", text)
    eku = re.search(r"X509v3 Extended Key Usage:\s*\n\s*([^\n]+)", text)
    return {
        "subject": cn.group(1).strip() if cn else "",
        "sans": [s.strip()[4:] for s in sans.group(1).split(",")] if sans else [],
        "eku": eku.group(1).strip() if eku else "",
    }, ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lyncplan", required=True)
    ap.add_argument("--examples", required=True)
    args = ap.parse_args()
    openssl = shutil.which("openssl")
    if openssl is None:
        print("skipped: openssl is missing (scripts/setup installs it)")
        return 1 if os.environ.get("LYNCPLAN_REQUIRE_INTEGRATION") == "1" else 77
    failures, checked, examples = [], 0, 0
    for name in sorted(os.listdir(args.examples)):
        if not name.endswith(".yaml"):
            continue
        examples += 1
        path = os.path.join(args.examples, name)
        with tempfile.TemporaryDirectory(prefix="lyncplan-csr-") as tmp:
            r = run([args.lyncplan, "certs", "request", path, "--out", tmp])
            if r.returncode != 0:
                failures.append(f"{name}: certs request failed: {r.stderr}")
                continue
            plan = json.loads(run([args.lyncplan, "plan", path, "--format", "json",
                                   "--fail-on", "never"]).stdout)
            for cert in plan["certificates"]:
                base = os.path.join(tmp, cert["id"])
                got, err = decode(openssl, base + ".csr")
                want_eku = ("TLS Web Server Authentication, TLS Web Client Authentication"
                            if "client" in cert["eku"] else "TLS Web Server Authentication")
                if got is None:
                    failures.append(f"{name} {cert['id']}: openssl cannot read the CSR: {err}")
                    continue
                if (got["subject"], got["sans"], got["eku"]) != (cert["subject"], cert["sans"],
                                                                 want_eku):
                    failures.append(f"{name} {cert['id']}: CSR has {got}, plan has subject "
                                    f"{cert['subject']} SANs {cert['sans']} EKU {want_eku}")
                remade = base + ".remade.csr"
                r = run([openssl, "req", "-new", "-key", base + ".key", "-config", base + ".cnf",
                         "-out", remade])
                again, err = decode(openssl, remade) if r.returncode == 0 else (None, r.stderr)
                if again != got:
                    failures.append(f"{name} {cert['id']}: the .cnf remakes {again} ({err})")
                checked += 1
    for f in failures:
        print("FAIL " + f)
    print(f"{checked} CSRs of {examples} examples decoded with openssl")
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
