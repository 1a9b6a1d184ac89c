#!/usr/bin/env python3
"""The layers and the tables of src hold. Layers: every source includes only headers of its own module and of
the modules its library links (the build's module table, written at configure time), the
modules form no cycle, and ARCHITECTURE.md's "may use" column says exactly what the build links.
Tables: no source names a Product value outside the product table (topology/products.cpp), so
that a product's behaviour is one row, not comparisons scattered through the code.

Usage: layers_test.py --modules BUILD/lyncplan-modules.txt --source SRC_ROOT
       layers_test.py --self-test   (the checker finds violations planted in a scratch tree)
"""
import argparse
import os
import re
import sys
import tempfile

PRODUCT_VALUE = re.compile(r"\bProduct::[a-z]")
PRODUCT_TABLE = os.path.join("lyncplan", "topology", "products.cpp")
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]lyncplan/([a-z_0-9]+)/([^>"]+)[>"]', re.M)


def read_modules(path):
    modules = {}
    for line in open(path):
        line = line.strip()
        if not line:
            continue
        name, _, uses = line.partition(":")
        modules[name] = set(u for u in uses.split(",") if u)
    return modules


def include_violations(modules, library_root):
    """(file, line, included module) for every include a module may not make."""
    found = []
    for module in sorted(modules):
        folder = os.path.join(library_root, module)
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            text = open(path, encoding="utf-8").read()
            for m in INCLUDE.finditer(text):
                target = m.group(1)
                if target != module and target not in modules[module]:
                    line = text.count("\n", 0, m.start()) + 1
                    found.append((os.path.relpath(path, library_root), line, target))
    unknown = sorted(set(os.listdir(library_root)) - set(modules))
    return found, unknown


def cycle(modules):
    state = {}

    def visit(m, path):
        if state.get(m) == 1:
            return path[path.index(m):] + [m]
        if state.get(m) == 2:
            return None
        state[m] = 1
        for u in sorted(modules.get(m, ())):
            c = visit(u, path + [m])
            if c:
                return c
        state[m] = 2
        return None

    for m in sorted(modules):
        c = visit(m, [])
        if c:
            return c
    return None


def architecture_table(path):
    """module -> set of modules, from the table rows `| module | what | may use |`."""
    table = {}
    for line in open(path, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("module", "") or set(cells[0]) <= set("-"):
            continue
        uses = cells[2]
        words = set() if uses == "nothing of ours" else {
            w.strip() for w in re.sub(r"\([^)]*\)", "", uses).split(",")}
        for name in cells[0].split(","):
            table[name.strip()] = words
    return table


def product_comparisons(source_root):
    """file:line of every Product value named outside the product table."""
    found = []
    for folder, _, files in os.walk(source_root):
        for name in sorted(files):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, source_root)
            if relative == PRODUCT_TABLE or not name.endswith((".cpp", ".hpp")):
                continue
            for number, line in enumerate(open(path, encoding="utf-8"), 1):
                if PRODUCT_VALUE.search(line.split("//")[0]):
                    found.append(f"src/{relative}:{number}: names a Product value; ask "
                                 f"topology::product_facts() instead (a row of the product table)")
    return found


def check(modules, source_root, architecture):
    problems = product_comparisons(source_root)
    found, unknown = include_violations(modules, os.path.join(source_root, "lyncplan"))
    for path, line, target in found:
        problems.append(f"src/lyncplan/{path}:{line}: includes a header of '{target}', which "
                        f"module '{path.split('/')[0]}' may not use (it links "
                        f"{', '.join(sorted(modules[path.split('/')[0]])) or 'nothing of ours'})")
    for folder in unknown:
        problems.append(f"src/lyncplan/{folder}: a folder that is no module of the build")
    c = cycle(modules)
    if c:
        problems.append("the modules use each other in a cycle: " + " -> ".join(c))
    if architecture:
        documented = architecture_table(architecture)
        for module in sorted(set(modules) | set(documented)):
            if documented.get(module) != modules.get(module):
                problems.append(f"ARCHITECTURE.md: module '{module}' may use "
                                f"{sorted(documented.get(module, {'(no row)'}))}, the build links "
                                f"{sorted(modules.get(module, {'(no module)'}))}")
    return problems


def self_test():
    """Plants each kind of violation the check exists for; every one must be reported."""
    with tempfile.TemporaryDirectory() as tmp:
        lib = os.path.join(tmp, "lyncplan")
        modules = {"util": set(), "topology": {"util"}, "resolve": {"util"},
                   "render": {"util"}, "verify": {"resolve"}}
        for m in modules:
            os.makedirs(os.path.join(lib, m))
        planted = {
            "resolve/zone_file.hpp": "#include <lyncplan/topology/diagnostic.hpp>\n",
            "verify/verify_report.cpp": "// x\n#include <lyncplan/render/json_writer.hpp>\n",
            "util/strings.cpp": '#include "lyncplan/verify/verify.hpp"\n',
            "topology/model.hpp": "#include <lyncplan/util/expected.hpp>\n",  # allowed
            "topology/products.cpp": "Product::sfb2019\n",  # the table itself: allowed
            "render/zone.cpp": "  if (t.product >= Product::sfb2015) {\n",
        }
        for path, text in planted.items():
            with open(os.path.join(lib, path), "w") as f:
                f.write(text)
        problems = check(modules, tmp, None)
        expected = ["resolve/zone_file.hpp:1: includes a header of 'topology'",
                    "verify/verify_report.cpp:2: includes a header of 'render'",
                    "util/strings.cpp:1: includes a header of 'verify'",
                    "src/lyncplan/render/zone.cpp:1: names a Product value"]
        missing = [e for e in expected if not any(e in p for p in problems)]
        cyc = cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}})
        if missing or len(problems) != 4 or not cyc:
            print("FAIL the checker missed:", missing, problems, cyc)
            return 1
    print("self-test: 4 planted violations and a cycle found, the allowed lines passed")
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--modules")
    ap.add_argument("--source")
    ap.add_argument("--architecture")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()
    failed = self_test()
    if args.self_test:
        print(f"{1 - failed} passed, {failed} failed")
        return failed
    problems = check(read_modules(args.modules), args.source, args.architecture)
    for p in problems:
        print("FAIL " + p)
    bad = failed + (1 if problems else 0)
    print(f"{2 - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
