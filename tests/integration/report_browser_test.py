#!/usr/bin/env python3
"""lyncplan report in a real browser: Debian's headless Chromium opens every example's report.

For every example, `lyncplan report --simulate` (and, for the reference topology, with the live
check of the lab fixture) is opened with `chromium --headless --dump-dom`: the DOM must hold every
pool, every Edge service and every SIP domain of the topology, and Chromium must log no console
message or failed load (the page fetches nothing). `plan --format svg` of every example must be
well-formed XML (xmllint). The reference report is screenshotted: the PNG must not be blank.
With LYNCPLAN_UPDATE_GOLDEN=1 that screenshot becomes docs/report.png, the README's picture.

Each Chromium is started in its own session with its own profile folder and stopped (its whole
process group) when it ends or after 60 s. Exit 77 (skip) when Chromium or xmllint is missing,
unless LYNCPLAN_REQUIRE_INTEGRATION=1 (CI), which makes it a failure.
"""
import argparse
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zlib

import yaml

TIMEOUT_S = 60


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(binary, profile, args):
    """Runs one headless Chromium to its end; returns (stdout, stderr)."""
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--no-default-browser-check", "--disable-extensions",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--enable-logging=stderr", "--v=0",
               f"--user-data-dir={profile}"] + args
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"chromium did not finish within {TIMEOUT_S} s: {args}")
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # helpers it left behind
        except ProcessLookupError:
            pass
    return out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def page_problems(stderr):
    """Console messages and failed loads Chromium logged for the page."""
    bad = []
    for line in stderr.splitlines():
        if "CONSOLE" in line or "Failed to load resource" in line or "net::ERR_" in line:
            bad.append(line.strip())
    return bad


def expected_names(topology_path):
    """Every pool, Edge service and SIP domain the topology names."""
    with open(topology_path, encoding="utf-8") as f:
        t = yaml.safe_load(f)
    names = []
    for d in t.get("sip_domains", []):
        names.append(d["name"] if isinstance(d, dict) else d)
    for pool in t.get("pools", []):
        names.append(pool["fqdn"])
        for service in ("access", "webconf", "av"):
            s = (pool.get("external") or {}).get(service)
            if isinstance(s, dict) and "fqdn" in s:
                names.append(s["fqdn"])
    return names


def png_is_blank(path):
    """Whether the PNG shows (almost) one colour: decodes 8-bit RGB/RGBA PNGs with zlib."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, colour = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"PNG depth {depth} colour {colour}"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    channels = 3 if colour == 2 else 4
    stride = width * channels
    # Undo the filters row by row (PNG spec 9.2) and count the colours of every 7th pixel.
    previous = bytearray(stride)
    colours = set()
    inked = 0
    sampled = 0
    at = 0
    for _ in range(height):
        kind = raw[at]
        row = bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = row[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                row[i] = (row[i] + pred) & 0xFF
        for x in range(0, width, 7):
            pixel = bytes(row[x * channels:x * channels + 3])
            colours.add(pixel)
            sampled += 1
            inked += 1 if sum(pixel) < 600 else 0
        previous = row
    return len(colours) < 8 or inked < sampled // 100


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lyncplan", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    browser = chromium()
    missing = [n for n, p in (("chromium", browser), ("xmllint", shutil.which("xmllint")))
               if p is None]
    if missing:
        print("skipped: missing " + ", ".join(missing) + " (scripts/setup installs them)")
        return 1 if os.environ.get("LYNCPLAN_REQUIRE_INTEGRATION") == "1" else 77
    examples = os.path.join(args.source, "examples")
    fixture = os.path.join(args.source, "tests", "data", "report", "check-contoso.json")
    failures = []
    opened = 0
    with tempfile.TemporaryDirectory(prefix="lyncplan-report-") as tmp:
        profile = os.path.join(tmp, "profile")
        for name in sorted(os.listdir(examples)):
            if not name.endswith(".yaml"):
                continue
            stem = name[:-5]
            topology = os.path.join(examples, name)
            svg = os.path.join(tmp, stem + ".svg")
            subprocess.run([args.lyncplan, "plan", topology, "--format", "svg", "--fail-on", "never",
                            "-o", svg],
                           check=True)
            lint = subprocess.run(["xmllint", "--noout", svg], capture_output=True, text=True)
            if lint.returncode != 0:
                failures.append(f"{stem}: the SVG is not well-formed: {lint.stderr.strip()}")
            page = os.path.join(tmp, stem + ".html")
            command = [args.lyncplan, "report", topology, "--simulate", "-o", page]
            if stem == "reference-lync2013":
                command += ["--check", fixture]
            subprocess.run(command, check=True)
            dom, log = run_chromium(browser, profile, ["--dump-dom", "file://" + page])
            opened += 1
            if "</svg>" not in dom or "<section id=\"findings\"" not in dom:
                failures.append(f"{stem}: the DOM lacks the diagram or the findings")
            for expected in expected_names(topology):
                if expected not in dom:
                    failures.append(f"{stem}: {expected} is not in the page's DOM")
            if stem == "reference-lync2013" and "<section id=\"check\"" not in dom:
                failures.append(f"{stem}: the live check section is missing")
            failures += [f"{stem}: {line}" for line in page_problems(log)]
            if stem == "reference-lync2013":
                shot = os.path.join(tmp, "report.png")
                run_chromium(browser, profile, ["--hide-scrollbars", "--window-size=1800,2300",
                                                f"--screenshot={shot}", "file://" + page])
                if not os.path.exists(shot):
                    failures.append(f"{stem}: no screenshot was written")
                elif png_is_blank(shot):
                    failures.append(f"{stem}: the screenshot is blank")
                elif os.environ.get("LYNCPLAN_UPDATE_GOLDEN") == "1":
                    shutil.copyfile(shot, os.path.join(args.source, "docs", "report.png"))
                    print("docs/report.png updated")
    for f in failures:
        print("FAIL: " + f)
    print(f"{opened} reports opened in {os.path.basename(browser)}; {len(failures)} failures")
    return 1 if failures or opened < 10 else 0


if __name__ == "__main__":
    sys.exit(main())
