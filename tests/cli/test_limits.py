#!/usr/bin/env python3
"""Resource limits of `parley stability`, `forecast`, `concede`, `negotiate` and
`tournament` (issue 15, item 7): the memory and work a request needs are estimated before it starts;
over --max-memory (default half the physical memory) or --max-work it stops
at once with exit 3 and a message naming the option that raises the limit;
long runs show progress on standard error when it is a terminal. Also checks
the stability memory estimate against the measured peak RSS.

usage: test_limits.py PARLEY SOURCE_DIR
"""
import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time
from testlib import check, conflict, finish  # noqa: E402

PARLEY, SRC = sys.argv[1], sys.argv[2]
KTAB = os.path.join(SRC, "data", "forecast", "ktab")
with open(PARLEY, "rb") as f:  # AddressSanitizer: slower, and its shadow memory inflates the RSS
    SANITIZED = b"__asan_init" in f.read()


def run(*args, timeout=120):
    t0 = time.time()
    p = subprocess.run([PARLEY, *args], capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr, time.time() - t0


SIZE = {"bytes": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3, "TB": 1024 ** 4}


def needed_bytes(err):
    m = re.search(r"needs? about ([0-9.]+) (bytes|KB|MB|GB|TB)", err)
    return float(m.group(1)) * SIZE[m.group(2)] if m else None


def run_on_pty(args):
    """Runs with standard error on a terminal; returns (exit, what it showed there, peak RSS KB)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([PARLEY, *args], stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    shown = b""
    rusage = None
    while rusage is None:
        r, _, _ = select.select([master], [], [], 0.1)
        if r:
            try:
                shown += os.read(master, 4096)
            except OSError:
                pass
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            rusage, rc = ru, os.waitstatus_to_exitcode(status)
    try:
        while select.select([master], [], [], 0.1)[0]:
            shown += os.read(master, 4096)
    except OSError:
        pass
    os.close(master)
    return rc, shown.decode(errors="replace"), rusage.ru_maxrss


with tempfile.TemporaryDirectory() as tmp:
    def conflict_file(m, d=3):
        path = os.path.join(tmp, f"c{m}.yaml")
        if not os.path.exists(path):
            with open(path, "w") as f:
                f.write(conflict(m, d))
        return path

    # -- stability: refused at once, before the payoffs are derived --------------
    out = os.path.join(tmp, "out.txt")
    for m in (24, 26):
        rc, _, err, secs = run("stability", conflict_file(m), "-o", out)
        check(f"stability {m} options refused", rc == 3 and
              f"solving {2 ** m} states needs about" in err and "raise it with --max-work" in err,
              f"{rc} {err!r}")
        check(f"stability {m} options refused at once", secs < 5, f"{secs:.1f} s")
        check(f"stability {m} options: no output", not os.path.exists(out) and
              not any(".tmp." in n for n in os.listdir(tmp)), os.listdir(tmp))
    c18 = conflict_file(18)
    rc, _, err, _ = run("stability", c18, "--max-memory", "1M")
    load = needed_bytes(err)
    check("stability: loading over --max-memory", rc == 3 and load and
          "of memory to load, over the memory limit of 1.0 MB" in err and
          "raise the limit with --max-memory" in err, f"{rc} {err!r}")
    rc, _, err, _ = run("stability", c18, "--max-memory", str(int(load) + 2**20))
    solve = needed_bytes(err)
    check("stability: solving over --max-memory", rc == 3 and solve and solve > load and
          "raise it with --max-memory (e.g. --max-memory" in err, f"{rc} {err!r}")
    rc, _, err, _ = run("stability", c18, "--max-memory", str(int(solve * 1.01) + 1), "-o",
                        os.devnull)
    check("stability: just enough --max-memory", rc == 0, f"{rc} {err!r}")
    rc, _, err, _ = run("stability", c18, "--max-work", "1000")
    check("stability: over --max-work", rc == 3 and "over the limit of 1e+03; raise it with "
          "--max-work" in err, f"{rc} {err!r}")
    for bad in ("lots", "-5G", "0", "12Q"):
        rc, _, err, _ = run("stability", c18, "--max-memory", bad)
        check(f"--max-memory {bad} rejected", rc == 2 and "--max-memory must be a size" in err,
              f"{rc} {err!r}")
    rc, _, err, _ = run("stability", c18, "--max-memory", "2G", "--format", "json", "-o", os.devnull)
    check("--max-memory 2G accepted", rc == 0, f"{rc} {err!r}")
    # a large YAML file is weighed before libfyaml builds it (some 80 bytes a byte)
    big = os.path.join(tmp, "big.yaml")
    with open(big, "w") as f:
        f.write(conflict(6, 2) + ("# padding " + "x" * 90 + "\n") * 20000)
    rc, _, err, _ = run("stability", big, "--max-memory", "100M")
    check("stability: a 2 MB YAML file over --max-memory before parsing", rc == 3 and
          "bytes needs about 154.1 MB of memory to parse, over the memory limit of 100.0 MB" in err
          and "raise the limit with --max-memory" in err, f"{rc} {err!r}")
    rc, _, err, _ = run("stability", big, "--max-memory", "1G", "-o", os.devnull)
    check("stability: the same file within --max-memory", rc == 0, f"{rc} {err!r}")

    # -- stability: progress on a terminal, and the estimate against the peak ----
    c20 = conflict_file(18 if SANITIZED else 20)  # a few seconds either way
    rc, _, err, _ = run("stability", c20, "--max-memory", "1K")
    load = needed_bytes(err)
    rc, _, err, _ = run("stability", c20, "--threads", "1", "--max-memory", str(int(load) + 2**20))
    estimate = needed_bytes(err)
    # (ru_maxrss of a child counts what it had at fork: keep this process small)
    rc, shown, peak_kb = run_on_pty(["stability", c20, "--threads", "1", "-o", out])
    check("stability progress shown on a terminal", rc == 0 and
          re.search(r"parley stability: solving +[0-9.]+%", shown), repr(shown[-300:]))
    check("stability progress line cleared", shown.endswith("\r\x1b[K"), repr(shown[-40:]))
    ratio = estimate / (peak_kb * 1024.0)
    print(f"stability {'2^18' if SANITIZED else '2^20'} states, 1 thread: estimated {estimate / 2**20:.1f} MB, "
          f"peak RSS {peak_kb / 1024:.1f} MB (ratio {ratio:.2f})")
    if SANITIZED:
        print("(AddressSanitizer build: the peak RSS is not compared with the estimate)")
    else:
        check("stability estimate within a factor of 2 of the peak RSS", 0.5 <= ratio <= 2.0,
              f"ratio {ratio:.2f}")
    rc, _, err, _ = run("stability", conflict_file(16), "-o", out)
    check("no progress without a terminal", rc == 0 and err == "", repr(err))

    # -- forecast: absurd requests refused at once --------------------------------
    dummy = os.path.join(KTAB, "dummyData_3Dim.csv")
    rc, _, err, secs = run("forecast", "--ktab", dummy, "--runs", "10000000")
    check("forecast --runs 10000000 refused", rc == 3 and
          err.startswith("parley forecast: 10000000 runs of 7 actors needs about 1e+12, over the "
                         "limit of 2e+10; raise it with --max-work") and secs < 5,
          f"{rc} {secs:.1f} s {err!r}")
    rc, _, err, _ = run("forecast", "--ktab", os.path.join(KTAB, "dummyData-a160.csv"),
                        "--runs", "1000")
    check("forecast 1000 runs of 160 actors refused", rc == 3 and "--max-work" in err, err)
    rc, _, err, _ = run("forecast", "--ktab", dummy, "--runs", "1000", "--max-memory", "100K")
    check("forecast over --max-memory", rc == 3 and "over the limit of 100.0 KB; raise it with "
          "--max-memory" in err, f"{rc} {err!r}")
    rc, _, err, _ = run("forecast", "--ktab", dummy, "--runs", "1000", "--max-work", "1e6")
    check("forecast over --max-work", rc == 3 and "over the limit of 1e+06" in err, err)
    rc, _, err, _ = run("forecast", "--ktab", dummy, "--runs", "1000", "--max-work", "no")
    check("forecast --max-work checked", rc == 2 and "--max-work must be a number" in err, err)
    rc, out_text, err, _ = run("forecast", "--ktab", dummy, "--runs", "200", "--format", "json")
    check("forecast within the limits runs", rc == 0 and '"runs": 200' in out_text, err)
    rc, shown, _ = run_on_pty(["forecast", "--ktab", os.path.join(KTAB, "dummyData-a080.csv"),
                               "--runs", "60", "--threads", "1", "-o", out])
    check("forecast progress shown on a terminal", rc == 0 and
          re.search(r"parley forecast: runs +[0-9.]+%", shown), repr(shown[-300:]))

    # -- concede: the integer program's memory, estimated before it is built ------
    def additive(path, n_issues, n_opts, n_parties=3):
        """n_issues integer issues 0..n_opts-1, parties pulling opposite ways, a plan setting all at 0."""
        lines = ["parties:"] + [f"  - {{id: P{p}, walk_away: 0.5}}" for p in range(n_parties)]
        lines.append("issues:")
        lines += [f"  - {{id: i{i}, type: integer, range: [0, {n_opts - 1}]}}" for i in range(n_issues)]
        lines.append("preferences:")
        for p in range(n_parties):
            lines += [f"  P{p}:", "    weights: {" + ", ".join(f"i{i}: 1" for i in range(n_issues)) + "}",
                      "    values:"]
            lines += [f"      i{i}: {{shape: {'increasing' if (p + i) % 2 else 'decreasing'}}}"
                      for i in range(n_issues)]
        lines += ["plans:", "  - id: p", "    points:"]
        lines += [f"      - {{id: \"{i}\", text: t, sets: {{i{i}: 0}}}}" for i in range(n_issues)]
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    big = additive(os.path.join(tmp, "big.yaml"), 150, 100)
    rc, text, err, secs = run("concede", big, "--plan", "p", "--for", "P0", "--keep", "P1", "--quiet",
                              "--max-memory", "4M")
    need = needed_bytes(err)
    check("concede over --max-memory refused at once", rc == 3 and text == "" and secs < 5 and need and
          err.startswith("parley concede: the integer program needs about") and
          "over the limit of 4.0 MB; raise it with --max-memory" in err, f"{rc} {secs:.1f} s {err!r}")
    rc, text, err, _ = run("concede", big, "--plan", "p", "--for", "P0", "--keep", "P1", "--quiet",
                           "--max-memory", "4M", "--format", "json")
    check("concede limit as a JSON error", rc == 3 and '"code": 3' in text and '"field": "--max-memory"' in text,
          text)
    if not SANITIZED:
        rc, _, peak_kb = run_on_pty(["concede", big, "--plan", "p", "--for", "P0", "--keep", "P1", "--quiet",
                                     "-o", out])
        ratio = need / (peak_kb * 1024.0)
        print(f"concede 150 issues x 100 options: estimated {need / 2**20:.1f} MB, peak RSS "
              f"{peak_kb / 1024:.1f} MB (ratio {ratio:.2f})")
        check("concede runs within the default limit", rc == 0, rc)
        check("concede estimate within a factor of 2 of the peak RSS", 0.5 <= ratio <= 2.0, f"ratio {ratio:.2f}")
    rc, _, err, _ = run("concede", big, "--plan", "p", "--for", "P0", "--objective", "nash", "--quiet",
                        "--max-memory", "4M", "-o", out)
    check("concede nash is not the integer program", rc == 0 and "integer program" not in err, f"{rc} {err!r}")

    # -- concede: the search, bounded in branch-and-bound nodes (--max-work) -------
    ukraine = os.path.join(SRC, "examples", "ukraine-2025.yaml")
    args = ("concede", ukraine, "--plan", "framework20", "--for", "RU", "--keep-all", "--quiet")
    rc, text, err, _ = run(*args, "--max-work", "5", "-o", out + ".nodes")
    check("concede over --max-work: exit 3, the option named, no file",
          rc == 3 and "more than 5 branch-and-bound nodes" in err and "--max-work 50" in err
          and not os.path.exists(out + ".nodes"), f"{rc} {err!r}")
    rc, text, err, _ = run(*args, "--max-work", "5", "--format", "json")
    check("concede --max-work as a JSON error", rc == 3 and '"field": "--max-work"' in text, text)
    rc, text, err, _ = run(*args, "--max-work", "100", "--format", "json")
    check("concede within --max-work answers", rc == 0 and json.loads(text)["parties"], f"{rc} {err!r}")
    rc, text, err, _ = run(*args, "--max-work", "0")
    check("concede --max-work 0 refused", rc == 2 and "--max-work must be" in err, err)

    # -- negotiate: the trace, estimated before the frontier is computed ---------
    textbook = os.path.join(SRC, "examples", "textbook.yaml")
    rc, text, err, secs = run("negotiate", textbook, "--agent", "hardliner", "--agent", "hardliner",
                              "--steps", "1000000", "--max-memory", "20M")
    need = needed_bytes(err)
    check("negotiate trace over --max-memory", rc == 3 and text == "" and secs < 5 and need and
          err.startswith("parley negotiate: the trace of 1e+06 actions needs about") and
          "raise it with --max-memory" in err, f"{rc} {err!r}")
    rc, _, peak_kb = run_on_pty(["negotiate", textbook, "--agent", "hardliner", "--agent", "hardliner",
                                 "--steps", "1000000", "--format", "csv", "-o", out])
    check("negotiate: 1e6 hardline steps run within the default limit", rc == 0 and
          sum(1 for _ in open(out)) == 1000001, rc)
    if not SANITIZED:
        print(f"negotiate 1e6 steps: estimated {need / 2**20:.1f} MB, peak RSS {peak_kb / 1024:.1f} MB")
        check("negotiate estimate covers the peak RSS, within a factor of 3", peak_kb * 1024.0 <= need * 1.1
              and need <= 3 * peak_kb * 1024.0, f"{need} vs {peak_kb} KB")
    rc, _, err, _ = run("negotiate", textbook, "--agent", "linear", "--agent", "linear", "--rounds", "1000000",
                        "--max-memory", "100M")
    check("negotiate rounds count every party's turn", rc == 3 and "the trace of 2e+06 actions" in err, err)

    # -- tournament: negotiations x deadline (work), their results (memory) -------
    rc, text, err, secs = run("tournament", textbook, "--agents", "linear,conceder", "--reps", "1000",
                              "--steps", "1000000")
    check("tournament over --max-work", rc == 3 and text == "" and secs < 5 and err.startswith(
        "parley tournament: a tournament of 4e+03 negotiations of up to 1e+06 actions needs about 4e+09, "
        "over the limit of 2e+09; raise it with --max-work") and secs < 5, f"{rc} {secs:.1f} s {err!r}")
    rc, text, err, _ = run("tournament", textbook, "--agents", "linear,conceder,boulware", "--reps", "100000",
                           "--max-memory", "10M")
    check("tournament over --max-memory", rc == 3 and "a tournament of 9e+05 negotiations (3 strategies, "
          "2 parties, 100000 reps)" in err and "raise it with --max-memory" in err, f"{rc} {err!r}")
    rc, text, err, _ = run("tournament", textbook, "--agents", "linear,conceder", "--reps", "10",
                           "--steps", "100", "--max-work", "3999")
    check("tournament --max-work is the limit", rc == 3 and "needs about 4e+03, over the limit of 4e+03" in err,
          f"{rc} {err!r}")
    rc, text, err, _ = run("tournament", textbook, "--agents", "linear,conceder", "--reps", "10",
                           "--steps", "100", "--max-work", "4000", "--quiet")
    check("tournament just within --max-work", rc == 0 and "negotiations" not in err, f"{rc} {err!r}")
    rc, text, err, _ = run("tournament", textbook, "--agents", "linear", "--max-work", "many")
    check("tournament --max-work checked", rc == 2 and "--max-work must be a number" in err, err)

finish()
