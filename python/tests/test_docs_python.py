"""docs/python.md cannot go stale: its ```python blocks run in order in one
namespace (from the source folder), and what each prints must equal the
```text block right after it (a block with no output block after it must
print nothing)."""
import contextlib
import io
import os
import re

from conftest import SRC

DOC = os.path.join(SRC, "docs", "python.md")


def blocks():
    text = open(DOC, encoding="utf-8").read()
    out = []
    for m in re.finditer(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", text, re.S | re.M):
        out.append((m.group(1), m.group(2), text[:m.start()].count("\n") + 1))
    return out


def test_python_md_examples(monkeypatch):
    monkeypatch.chdir(SRC)
    bs = blocks()
    ran = 0
    ns = {"__name__": "__docs__"}
    for k, (lang, code, line) in enumerate(bs):
        if lang != "python":
            continue
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(code, "%s:%d" % (DOC, line), "exec"), ns)
        want = ""
        if k + 1 < len(bs) and bs[k + 1][0] == "text":
            want = bs[k + 1][1]
        assert buf.getvalue().rstrip("\n") == want.rstrip("\n"), "docs/python.md:%d" % line
        ran += 1
    assert ran >= 4
