"""The ctypes mirrors of parley/_structs.py against the C compiler: the size of
every mirrored struct and the offset of every field, from a probe program
compiled against include/ (so a header change not mirrored fails here)."""
import ctypes
import os
import re
import subprocess

from conftest import BUILD, SRC
from parley import _structs as S


def declared():
    """The struct names the public headers define (a mirror may wait for its header)."""
    text = ""
    for d in (os.path.join(SRC, "include", "parley"),):
        for f in os.listdir(d):
            if f.endswith(".h"):
                text += open(os.path.join(d, f)).read()
    return {n for n in S.MIRRORS if re.search(r"\b%s\b" % n, text)}


def test_struct_layouts(tmp_path):
    names = declared()
    assert {"parley_error", "parley_score", "parley_analysis_options"} <= names
    lines = ['#include "parley.h"', "#include <stddef.h>", "#include <stdio.h>",
             "int main(void) {"]
    for cname, mirror in S.MIRRORS.items():
        if cname not in names:
            continue
        lines.append('printf("%s %%zu\\n", sizeof(%s));' % (cname, cname))
        for field, _ in mirror._fields_:
            lines.append('printf("%s.%s %%zu\\n", offsetof(%s, %s));'
                         % (cname, field, cname, field))
    lines += ["return 0;", "}"]
    src = tmp_path / "probe.c"
    src.write_text("\n".join(lines) + "\n")
    exe = tmp_path / "probe"
    cc = os.environ.get("CC", "cc")
    subprocess.run([cc, "-std=c11", "-I", os.path.join(SRC, "include"), "-I",
                    os.path.join(BUILD, "include"), str(src), "-o", str(exe)], check=True)
    got = dict(line.split() for line in subprocess.run(
        [str(exe)], check=True, capture_output=True, text=True).stdout.splitlines())
    want = {}
    for cname, mirror in S.MIRRORS.items():
        if cname not in names:
            continue
        want[cname] = str(ctypes.sizeof(mirror))
        for field, _ in mirror._fields_:
            want["%s.%s" % (cname, field)] = str(getattr(mirror, field).offset)
    assert got == want
