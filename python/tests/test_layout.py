"""The ctypes mirrors of parley/_structs.py against the C compiler: the size of
every mirrored struct and the offset of every field, from a probe program
compiled against include/ (so a header change not mirrored fails here)."""
import ctypes
import os
import subprocess

from conftest import BUILD, SRC
from parley import _structs as S


def test_struct_layouts(tmp_path):
    lines = ['#include "parley.h"', "#include <stddef.h>", "#include <stdio.h>",
             "int main(void) {"]
    for cname, mirror in S.MIRRORS.items():
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
        want[cname] = str(ctypes.sizeof(mirror))
        for field, _ in mirror._fields_:
            want["%s.%s" % (cname, field)] = str(getattr(mirror, field).offset)
    assert got == want
