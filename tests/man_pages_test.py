#!/usr/bin/env python3
"""Every option `lyncplan COMMAND --help` lists is in its man page (man/lyncplan-COMMAND.1.scd),
every command has a page, and `man --warnings` finds nothing in the built pages."""
import pathlib
import re
import subprocess
import sys

lyncplan, source_dir, man_dir = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])


def help_text(*args):
    return subprocess.run([lyncplan, *args, "--help"], capture_output=True, text=True,
                          check=True).stdout


def options_and_subcommands(text):
    options, subcommands, section = set(), [], None
    for line in text.splitlines():
        if line.endswith(":") and not line.startswith(" "):
            section = line[:-1]
            continue
        match = re.match(r"^  (\S+)", line)
        if not match:
            continue
        if section == "Options":
            options.update(n for n in match.group(1).split(",") if n.startswith("-"))
        elif section == "Subcommands":
            subcommands.append(match.group(1))
    return options, subcommands


problems = []
_, commands = options_and_subcommands(help_text())
for command in commands:
    page = source_dir / "man" / f"lyncplan-{command}.1.scd"
    if not page.exists():
        problems.append(f"{command}: no man page {page}")
        continue
    text = page.read_text().replace("\\", "")
    options, subs = options_and_subcommands(help_text(command))
    for sub in subs:
        more, _ = options_and_subcommands(help_text(command, sub))
        options |= more
        if f"*lyncplan {command} {sub}*" not in text:
            problems.append(f"{page.name}: the subcommand '{sub}' is not in its synopsis")
    for option in sorted(options):
        if f"*{option}*" not in text:
            problems.append(f"{page.name}: '{option}' is in --help but not in the page")
main_page = (source_dir / "man" / "lyncplan.1.scd").read_text()
for command in commands:
    if f"*lyncplan-{command}*(1)" not in main_page:
        problems.append(f"lyncplan.1.scd: does not name lyncplan-{command}(1)")
for built in sorted(man_dir.glob("*.1.gz")):
    result = subprocess.run(["man", "--warnings", "-l", str(built)], capture_output=True,
                            text=True, env={"MANWIDTH": "80", "LC_ALL": "C.UTF-8",
                                            "PATH": "/usr/bin:/bin"})
    if result.returncode != 0 or result.stderr.strip():
        problems.append(f"{built.name}: man --warnings: {result.stderr.strip()}")
for p in problems:
    print(p, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"man pages: {len(commands)} commands, every option in its page, no man warnings")
