"""Resolve git conflict hunks in the given files by keeping ours, then theirs.

usage: keepboth.py FILE... (only for files where both sides appended independent blocks)
"""

import sys

for path in sys.argv[1:]:
    out, state = [], None
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    for line in lines:
        if line.startswith("<<<<<<< "):
            state = "ours"
            continue
        if line.startswith("||||||| ") and state == "ours":
            state = "base"
            continue
        if line.startswith("=======") and state in ("ours", "base"):
            state = "theirs"
            continue
        if line.startswith(">>>>>>> ") and state == "theirs":
            state = None
            continue
        if state == "base":
            continue
        out.append(line)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(out)
    print("resolved", path)
