#!/usr/bin/env python3
"""Prints the sources clang-tidy must read after the changes since BASE: every changed source
under src/, and every source that includes a changed header, directly or through other headers.
Prints ALL when anything that changes every file's verdict changed (.clang-tidy, .clang-format,
the CMake files) or when BASE is not an ancestor of HEAD (a shallow clone, a rewritten history).
    scripts/tidy_scope.py BASE     (changes of the working tree against BASE, committed or not)
"""
import pathlib
import re
import subprocess
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.MULTILINE)
EVERYTHING = re.compile(r"^(\.clang-tidy|\.clang-format|CMakeLists\.txt|cmake/.*|src/CMakeLists\.txt)$")


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True)


def main():
    base = sys.argv[1]
    if git("merge-base", "--is-ancestor", base, "HEAD").returncode != 0:
        print("ALL")
        return 0
    changed = set(git("diff", "--name-only", base, "--").stdout.split())
    changed |= set(git("ls-files", "--others", "--exclude-standard", "src").stdout.split())
    if any(EVERYTHING.match(path) for path in changed):
        print("ALL")
        return 0
    files = [p for p in git("ls-files", "src").stdout.split() if p.endswith((".cpp", ".hpp"))]
    files += [p for p in changed if p.startswith("src/") and p.endswith((".cpp", ".hpp"))
              and pathlib.Path(p).exists() and p not in files]
    # What each file includes, as a path in the tree: <lyncplan/x/y.hpp> lives in src/, "y.hpp"
    # beside the file.
    includes = {}
    for path in files:
        found = set()
        for name in INCLUDE.findall(pathlib.Path(path).read_text(errors="replace")):
            for candidate in (f"src/{name}", str(pathlib.Path(path).parent / name)):
                if candidate in files:
                    found.add(candidate)
        includes[path] = found
    dirty = {p for p in changed if p in includes}
    grew = True
    while grew:  # headers that include a dirty header are dirty too
        grew = False
        for path, used in includes.items():
            if path not in dirty and used & dirty:
                dirty.add(path)
                grew = True
    for path in sorted(p for p in dirty if p.endswith(".cpp")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
