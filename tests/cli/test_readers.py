#!/usr/bin/env python3
"""Every reader against bad and unusual input, through the parley command
(issue 15): exact exit codes and messages, never a crash or a hang.

The inputs are the files of fuzz/regressions/<reader>/ (also replayed by the
fuzz harnesses, see docs/fuzzing.md); EXPECT gives the exit code and the
message of each, and every file there, listed or not, must end with exit 0-3
and no signal within the time limit. Then the cases that are not bytes:
FIFOs without a writer, devices, directories, size limits.

usage: test_readers.py PARLEY SOURCE_DIR
"""
import os
import subprocess
import sys
import tempfile
from testlib import check, finish  # noqa: E402

PARLEY, SRC = sys.argv[1], sys.argv[2]
REG = os.path.join(SRC, "fuzz", "regressions")
SEP = b"\n=====\n"  # fuzz/fuzz.h FZ_GENIUS_SEPARATOR: domain, then profile
TIMEOUT = 30


def run(*args, stdin=None):
    try:
        p = subprocess.run([PARLEY, *args], capture_output=True, timeout=TIMEOUT, input=stdin)
    except subprocess.TimeoutExpired:
        return None, "", "timed out (hang)"
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def command(reader, path, tmp):
    """The parley command line that reads `path` with `reader`, and the file
    names its messages use ({f}, {d}, {p})."""
    if reader == "scenario":
        return ["check", path], {"f": path}
    if reader in ("conflict_yaml", "conflict_json"):
        return ["stability", path], {"f": path}
    if reader in ("ktab_csv", "ktab_xml"):
        return ["forecast", "--ktab", path], {"f": path}
    if reader == "deu":
        return ["forecast", "--deu", path], {"f": path}
    data = open(path, "rb").read()
    i = data.find(SEP)
    dom, prof = (data[:i], data[i + len(SEP):]) if i >= 0 else (data, data)
    d, p = os.path.join(tmp, "domain.xml"), os.path.join(tmp, "profile.xml")
    open(d, "wb").write(dom)
    open(p, "wb").write(prof)
    return ["frontier", "--genius", d, p], {"d": d, "p": p}


# (reader, file) -> (exit code, stderr line; None: no message expected)
EXPECT = {
    # 1. one party: parties stayed NULL with n_parties = 1, and freeing crashed
    ("scenario", "one-party.yaml"): (2, "{f}:1:12: parties: a scenario needs at least 2 parties, found 1"),
    # 2. libfyaml 0.7.12 spins forever on '%' then an invalid UTF-8 byte
    ("scenario", "directive-invalid-utf8.yaml"): (2, "{f}:2:3: invalid UTF-8 (byte 0xD1): text must be UTF-8"),
    ("conflict_yaml", "directive-invalid-utf8.yaml"):
        (2, "{f}:2:3: invalid UTF-8 (byte 0xD1): text must be UTF-8"),
    # 2. a NUL byte silently cut the file short
    ("scenario", "nul-byte.yaml"): (2, "{f}:3:12: a NUL byte: this is binary data, not text"),
    # ... as did a "\0" escape in a quoted string (the id read as "B")
    ("scenario", "nul-escape.yaml"): (2, "{f}:3:11: a NUL character in a string"),
    ("conflict_yaml", "nul-escape.yaml"): (2, "{f}:3:13: a NUL character in a string"),
    ("scenario", "utf16.yaml"):
        (2, "{f}:1:1: invalid UTF-8 (byte 0xFF): text must be UTF-8 (this looks like UTF-16)"),
    # 3. a null list item made cy_where() climb and descend forever
    ("conflict_yaml", "null-dm-item.yaml"):
        (2, "{f}:2:3: conflict.decision_makers[0]: a decision maker is a mapping {{id, name, options}}"),
    ("conflict_yaml", "duplicate-dm.yaml"):
        (2, "{f}:4:12: conflict.decision_makers[1]: decision maker 'A' appears twice"),
    # 4. internal entities in attributes were expanded by xmlGetProp (19 s, 398 MB)
    ("genius", "entity-expansion.xml"):
        (2, "{d}:2: DOCTYPE: document type declarations (DTDs, entities) are not accepted"),
    ("ktab_xml", "doctype-entities.xml"):
        (2, "{f}:2: DOCTYPE: document type declarations (DTDs, entities) are not accepted"),
    # 6. a Latin-1 actor name was accepted and then dropped from JSON output
    ("ktab_csv", "latin1-actor.csv"): (2, "{f}:8:2: invalid UTF-8 (byte 0xE9): text must be UTF-8"),
    ("ktab_csv", "nul-byte.csv"): (2, "{f}:8:2: a NUL byte: this is binary data, not text"),
    ("ktab_xml", "invalid-utf8.xml"): (2, "{f}:3:9: invalid UTF-8 (byte 0xC0): text must be UTF-8"),
    ("genius", "invalid-utf8.xml"): (2, "{d}:11:49: invalid UTF-8 (byte 0xE4): text must be UTF-8"),
    ("conflict_json", "invalid-utf8.json"): (2, "{f}:45:15: invalid UTF-8 (byte 0xFF): text must be UTF-8"),
    ("deu", "invalid-utf8.tsv"): (2, "{f}:1:11: invalid UTF-8 (byte 0xFF): text must be UTF-8"),
    ("deu", "nul-byte.tsv"): (2, "{f}:5:11: a NUL byte: this is binary data, not text"),
    # 9. CR-only line ends are line ends; subnormals are finite numbers
    ("scenario", "cr-only.yaml"): (0, None),
    ("conflict_yaml", "cr-only.yaml"): (0, None),
    ("ktab_csv", "cr-only.csv"): (0, None),
    ("deu", "cr-only.tsv"): (0, None),
    ("scenario", "subnormal.yaml"): (0, None),
    ("ktab_csv", "subnormal.csv"): (0, None),
    # 9. GMCR JSON schema errors name the line and column of the object
    ("conflict_json", "dm-without-options.json"):
        (2, "{f}:44:3: decision_makers[1]: a decision maker needs 'name' and 'options'"),
    ("conflict_json", "duplicate-dm-name.json"):
        (2, "{f}:44:3: decision_makers[1]: decision maker 'DM1' appears twice"),
    # found by fuzz_conflict_json: an error of the preference builder named no file
    ("conflict_json", "dm-without-preferences.json"):
        (2, "{f}:25:21: decision_makers: decision maker 'DM2' has no preferences (give statements or a ranking)"),
    # a 500-byte domain of integer ranges took 1.8 GB per issue to read: a limit on all values
    ("genius", "huge-integer-ranges.xml"):
        (3, "{d}:2: upperbound: issue 'i1' brings the domain to 9999999 values in all (limit 1000000 over all issues, about 300 bytes each)"),
    # found by fuzz_genius: an index beyond a long was converted anyway (undefined behaviour)
    ("genius", "issue-index-1e21.xml"):
        (2, '{d}:6: index: <issue index="1e+21">: not a whole number from -2147483647 to 2147483647'),
    # 9. GENIUS values out of range, a weight given twice
    ("genius", "weight-1e308.xml"):
        (2, "{p}:4: value: weight 1e+308 is above 1 (GENIUS weights are in [0, 1])"),
    ("genius", "negative-discount.xml"): (2, "{p}:117: value: <discount_factor>: -0.5 is not in [0, 1]"),
    ("genius", "duplicate-weight-index.xml"):
        (2, "{p}:5: index: issue 'CD player' has two <weight>s (also on line 4)"),
}

with tempfile.TemporaryDirectory() as tmp:
    seen = set()
    for reader in sorted(os.listdir(REG)):
        for name in sorted(os.listdir(os.path.join(REG, reader))):
            path = os.path.join(REG, reader, name)
            args, names = command(reader, path, tmp)
            rc, out, err = run(*args)
            tag = f"{reader}/{name}"
            check(f"{tag}: ends, exit 0-3", rc is not None and 0 <= rc <= 3, f"exit {rc}: {err!r}")
            if (reader, name) not in EXPECT:
                continue
            seen.add((reader, name))
            code, msg = EXPECT[(reader, name)]
            check(f"{tag}: exit {code}", rc == code, f"exit {rc}: {err!r}")
            if msg is not None:
                want = "parley: " + msg.format(**names)
                check(f"{tag}: message", err.strip().splitlines() == [want],
                      f"\n  got  {err.strip()!r}\n  want {want!r}")
                check(f"{tag}: no output", out == "", repr(out[:200]))
    check("every expected input exists", seen == set(EXPECT), sorted(set(EXPECT) - seen))

    # CR-only files read exactly like their LF twins.
    for reader, name, args in [("ktab_csv", "cr-only.csv", ["forecast", "--format", "json", "--ktab"]),
                               ("scenario", "cr-only.yaml", ["check", "--format", "json"]),
                               ("deu", "cr-only.tsv", ["forecast", "--format", "json", "--deu"])]:
        cr = os.path.join(REG, reader, name)
        lf = os.path.join(tmp, name)
        open(lf, "wb").write(open(cr, "rb").read().replace(b"\r", b"\n"))
        rc1, out1, _ = run(*args, cr)
        rc2, out2, _ = run(*args, lf)
        check(f"{reader}: CR-only same as LF", rc1 == rc2 == 0 and
              out1.replace(cr, "F") == out2.replace(lf, "F") and out1, f"{out1[:300]!r}\n{out2[:300]!r}")
    rc, out, _ = run("forecast", "--format", "json", "--ktab", os.path.join(REG, "ktab_csv", "cr-only.csv"))
    check("ktab_csv: CR-only keeps all 7 actors", rc == 0 and out.count('"BEL"') >= 1 and
          all(f'"{a}"' in out for a in ["DE", "FR", "IT", "UK", "NL", "BEL", "LU"]), out[:300])

    # A FIFO that nobody writes to reads as empty instead of blocking in open().
    fifo = os.path.join(tmp, "fifo")
    os.mkfifo(fifo)
    for args, want in [(["check", fifo], "empty file: expected a scenario"),
                       (["stability", fifo], "empty file"),
                       (["forecast", "--ktab", fifo], "empty scenario file"),
                       (["forecast", "--deu", fifo], "empty file"),
                       (["frontier", "--genius", fifo, fifo], "empty file")]:
        rc, out, err = run(*args)
        check(f"FIFO without writer: {args[0]} {args[1]}", rc == 2 and want in err, f"exit {rc}: {err!r}")
    # A pipe is read (here, the scenario through /dev/stdin).
    textbook = open(os.path.join(SRC, "examples", "textbook.yaml"), "rb").read()
    rc, out, err = run("check", "/dev/stdin", stdin=textbook)
    check("scenario from a pipe", rc == 0 and "valid" in out, err)
    # Devices and directories are refused, never read without end.
    for args in (["check", "/dev/zero"], ["forecast", "--deu", "/dev/zero"], ["stability", "/dev/zero"],
                 ["forecast", "--ktab", "/dev/zero"]):
        rc, out, err = run(*args)
        check(f"{' '.join(args)} refused", rc == 2 and
              err.strip() == "parley: /dev/zero: cannot read a character device: not a regular file or pipe",
              f"exit {rc}: {err!r}")
    rc, out, err = run("forecast", "--deu", tmp)
    check("a directory is refused", rc == 2 and "cannot read a directory" in err, err)

    # 5. The DEU reader has a size limit (it grew to gigabytes on /dev/zero).
    big = os.path.join(tmp, "big.tsv")
    with open(big, "wb") as f:
        f.truncate(100 << 20)  # sparse: 100 MiB of zeros, no disk used
    rc, out, err = run("forecast", "--deu", big)
    check("DEU: a 100 MiB file is over the limit", rc == 3 and err.strip() ==
          f"parley: {big}: file is 104857600 bytes; DEU files are limited to 67108864 bytes", err)
    rc, out, err = run("forecast", "--deu", "/dev/stdin", stdin=b"\0" * ((64 << 20) + 1))
    check("DEU: a pipe is cut at the limit", rc == 3 and err.strip() ==
          "parley: /dev/stdin: file is over 67108864 bytes; DEU files are limited to 67108864 bytes", err)

finish("readers: ")
