#!/usr/bin/env python3
"""Docs that cannot go stale: run every command README.md and docs/*.md show, compare the output.

usage: test_docs.py PARLEY SOURCE_DIR BUILD_DIR

A shown command is either
  - a fenced block whose lines start with "$ " (a command, continued by trailing backslashes,
    then its output up to the next "$ " line or the end of the block), or
  - a fenced block right after a paragraph that ends with a colon and whose last backticked
    text is `parley ...`: the whole block is that command's output.
The command runs from SOURCE_DIR with `parley` standing for the built command. Its standard
output (or, failing that, standard output then standard error) must equal the block, line by line, trailing spaces aside. A block
may be abridged: a line that is "..." (spaces aside) stands for any number of lines; the pieces
between such lines must appear in order, the first at the start and the last at the end of the
output unless the block starts or ends with "...". A block tagged ```text norun is not
run (used for usage synopses), nor is one tagged sh, bash, c, cmake or yaml (source, not output).
"""
import os
import re
import shlex
import subprocess
import sys

PARLEY, SRC, BUILD = sys.argv[1], sys.argv[2], sys.argv[3]
DOCS = ["README.md"] + sorted(
    os.path.join("docs", f) for f in os.listdir(os.path.join(SRC, "docs")) if f.endswith(".md"))
INLINE = re.compile(r"`((?:parley|build/)\S*\s+[^`]*)`[^`]*:\s*$")
# Blocks in these languages are source or set-up steps, not output.
SOURCE = {"sh", "bash", "c", "cmake", "yaml"}
passed = failed = 0


def blocks(text):
    """Yield (line number, info string, lines, the paragraph before the fence)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^```(.*)$", lines[i])
        if not m:
            i += 1
            continue
        start, info = i, m.group(1).strip()
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        # The paragraph just before the fence (at most one blank line between).
        k = start - 1
        if k >= 0 and lines[k].strip() == "":
            k -= 1
        para = []
        while k >= 0 and lines[k].strip() != "" and not lines[k].startswith("```"):
            para.insert(0, lines[k].strip())
            k -= 1
        before = " ".join(para)
        yield start + 1, info, lines[start + 1:j], before
        i = j + 1


def commands(block, before):
    """The (command, expected lines) pairs a block shows."""
    if block and block[0].startswith("$ "):
        out, cmd, expect, cont = [], None, [], False
        for line in block:
            if cont:
                cmd = cmd[:-1] + " " + line.strip()
                cont = cmd.endswith("\\")
            elif line.startswith("$ "):
                if cmd is not None:
                    out.append((cmd, expect))
                cmd, expect = line[2:].strip(), []
                cont = cmd.endswith("\\")
            else:
                expect.append(line)
        if cmd is not None:
            out.append((cmd, expect))
        return out
    m = INLINE.search(before)
    if m:
        return [(m.group(1), block)]
    return []


def run(cmd):
    argv = shlex.split(cmd)
    if argv[0] == "parley":
        argv[0] = PARLEY
    elif argv[0].startswith("build/"):
        argv[0] = os.path.join(BUILD, argv[0][len("build/"):])
    p = subprocess.run(argv, cwd=SRC, capture_output=True, text=True, timeout=300)
    return p.stdout.rstrip("\n").split("\n"), (p.stdout + p.stderr).rstrip("\n").split("\n")


def matches(got, expect):
    got = [l.rstrip() for l in got]
    expect = [l.rstrip() for l in expect]
    while expect and expect[-1] == "":
        expect.pop()
    if any(l.strip() == "..." for l in expect):
        # Segments between "..." lines appear in order; the first begins the output unless the
        # block begins with "...", the last ends it unless the block ends with "...".
        segs, cur = [], []
        for l in expect:
            if l.strip() == "...":
                segs.append(cur)
                cur = []
            else:
                cur.append(l)
        segs.append(cur)
        pos = 0
        for n, seg in enumerate(segs):
            if not seg:
                continue
            if n == 0:
                if got[:len(seg)] != seg:
                    return False
                pos = len(seg)
                continue
            if n == len(segs) - 1:
                return len(got) - len(seg) >= pos and got[len(got) - len(seg):] == seg
            k = next((i for i in range(pos, len(got) - len(seg) + 1) if got[i:i + len(seg)] == seg), -1)
            if k < 0:
                return False
            pos = k + len(seg)
        return True
    return got == expect


for doc in DOCS:
    text = open(os.path.join(SRC, doc), encoding="utf-8").read()
    for lineno, info, block, before in blocks(text):
        if "norun" in info or info.split(" ")[0] in SOURCE:
            continue
        for cmd, expect in commands(block, before):
            out, both = run(cmd)
            got = out if matches(out, expect) or not matches(both, expect) else both
            if matches(got, expect):
                passed += 1
            else:
                failed += 1
                print(f"FAIL {doc}:{lineno}: {cmd}")
                import difflib
                for d in difflib.unified_diff([l.rstrip() for l in expect], [l.rstrip() for l in got],
                                              "shown", "output", lineterm="", n=1):
                    print("    " + d)

print(f"docs: {passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
