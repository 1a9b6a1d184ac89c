#!/usr/bin/env python3
"""Checks lyncplan scan's JSON lines against the fixture's truth: every tenant once, every
verdict as generated. Prints the mismatches (at most 10) and exits 1 when there are any."""
import json
import sys


def main(truth_path, results_path):
    truth = {}
    for line in open(truth_path):
        tenant, kind, verdicts = line.rstrip("\n").split("\t")
        truth[tenant] = (kind, verdicts.split(","))
    seen, wrong = set(), []
    for line in open(results_path):
        j = json.loads(line)
        t = j["tenant"]
        if t in seen:
            wrong.append(f"{t}: written twice")
        seen.add(t)
        got = [r["verdict"] for r in j["records"]]
        kind, want = truth.get(t, ("?", []))
        if got != want:
            wrong.append(f"{t} ({kind}): got {got}, expected {want}")
        noted = any("note" in r for r in j["records"])
        if noted != (kind == "wildcard-right"):
            wrong.append(f"{t} ({kind}): note {'given' if noted else 'missing'}")
    missing = [t for t in truth if t not in seen]
    wrong += [f"{t}: no result" for t in missing]
    right = len(truth) - len({w.split(' ')[0].rstrip(':') for w in wrong})
    print(f"verdicts: {right}/{len(truth)} tenants right, {len(missing)} lost, "
          f"{len(wrong)} problems")
    for w in wrong[:10]:
        print("  " + w)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
