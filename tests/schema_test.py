#!/usr/bin/env python3
"""docs/topology.schema.json agrees with the loader. The schema is valid Draft 2020-12; every
example and every `lyncplan init` starter passes it and loads; every bad input whose fault is one
of shape (an unknown key, a wrong type, a bad name or address, a value out of range) fails it
exactly as the loader fails it, and the bad inputs whose fault is one of meaning (unique names,
VIPs, NAT, addresses, files) pass it, since only lyncplan can judge those.

Usage: schema_test.py --lyncplan BUILD/src/lyncplan --source SOURCE_ROOT
"""
import argparse
import glob
import json
import os
import subprocess
import sys

import jsonschema
import yaml

# Bad inputs the schema must refuse: their faults are of shape.
SHAPE = {
    "01-empty-file", "03-not-a-mapping", "04-missing-required", "05-schema-version",
    "06-unknown-product", "07-unknown-top-key", "08-unknown-pool-key", "10-bad-fqdn-underscore",
    "11-trailing-dot", "12-single-label-domain", "13-bad-ip", "14-hostname-as-ip",
    "24-wrong-types", "25-edge-key-on-front-end", "26-bad-port", "27-unknown-pic-provider",
    "28-wildcard-name", "35-simple-url-option", "36-binary-garbage", "38-certificates",
    "41-dns-section",
}
# Bad inputs YAML itself cannot read, or whose fault YAML hides (a duplicate key keeps one value).
UNREADABLE = {"02-not-yaml", "09-duplicate-key"}


def load(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return yaml.safe_load(f)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lyncplan", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    with open(os.path.join(args.source, "docs", "topology.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []

    def plan_rc(path):
        return subprocess.run([args.lyncplan, "plan", path, "--fail-on", "never"],
                              capture_output=True, text=True, check=False).returncode

    good = sorted(glob.glob(os.path.join(args.source, "examples", "*.yaml")))
    scratch = os.environ.get("TMPDIR", "/tmp")
    for product in ["ocs2007r2", "lync2010", "lync2013", "sfb2015", "sfb2019", "sfbse"]:
        path = os.path.join(scratch, f"lyncplan-schema-init-{os.getpid()}-{product}.yaml")
        subprocess.run([args.lyncplan, "init", "--product", product, "-o", path, "--force"],
                       check=True, capture_output=True)
        good.append(path)
    for path in good:
        errors = list(validator.iter_errors(load(path)))
        if errors:
            failures.append(f"{path}: the schema refuses a good topology: {errors[0].message}")
        if plan_rc(path) != 0:
            failures.append(f"{path}: lyncplan does not plan it cleanly")
    for path in good[-5:]:
        os.unlink(path)

    bad = sorted(glob.glob(os.path.join(args.source, "tests", "bad", "*.yaml")))
    for path in bad:
        name = os.path.basename(path)[:-len(".yaml")]
        if plan_rc(path) != 2:
            failures.append(f"{name}: lyncplan accepts a bad input")
        if name in UNREADABLE:
            continue
        refused = bool(list(validator.iter_errors(load(path))))
        if name in SHAPE and not refused:
            failures.append(f"{name}: a fault of shape the schema lets through")
        if name not in SHAPE and refused:
            failures.append(f"{name}: the schema refuses what only lyncplan's meaning checks "
                            "should (or the case belongs in SHAPE)")
    for f in failures:
        print("FAIL", f)
    print(f"schema_test: {len(good)} good topologies, {len(bad)} bad inputs, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
