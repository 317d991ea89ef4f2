#!/usr/bin/env python3
"""parley under mpirun (issue 14, docs/cluster.md): the same bytes as one process, faults.

usage: test_mpi.py PARLEY SOURCE_DIR MPIRUN

For -np 1, 2 and 3 (--oversubscribe: the machine may have fewer cores), each distributed
command's output must equal the single process's, byte for byte, with the same --seed:
forecast --runs on a YAML scenario with an `uncertainty:` section and on a KTAB CSV,
score --runs, tournament (JSON with every negotiation), forecast --deu. Then the faults: bad input that every
rank sees is reported once, exit 2, no output file; a rank that fails alone (the test hook
PARLEY_MPI_TEST_FAIL_RANK) is reported once, by rank 0, with its exit code; a rank that is
killed (PARLEY_MPI_TEST_KILL_RANK) ends the job with a non-zero exit and no output file; a
command that does not spread its work runs once; runs kept in a --store are stored once.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile

from testlib import check, finish

PARLEY, SRC, MPIRUN = sys.argv[1], sys.argv[2], sys.argv[3]
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMPI_MCA_rmaps_base_oversubscribe="1")
for hook in ("PARLEY_MPI_TEST_KILL_RANK", "PARLEY_MPI_TEST_FAIL_RANK"):
    ENV.pop(hook, None)
TMP = tempfile.mkdtemp(prefix="parley-mpi-")
DATA = os.path.join(SRC, "data")


def run(args, np=0, out=None, env=None, timeout=120):
    """parley ARGS, alone (np 0) or under mpirun -np NP; returns (rc, output bytes or None, stderr)."""
    cmd = [PARLEY] + args
    if np:
        cmd = [MPIRUN, "--oversubscribe", "-np", str(np)] + cmd
    if out:
        cmd += ["-o", out]
        if os.path.exists(out):
            os.remove(out)
    p = subprocess.run(cmd, capture_output=True, env=env or ENV, cwd=TMP, timeout=timeout)
    data = None
    if out and os.path.exists(out):
        with open(out, "rb") as f:
            data = f.read()
    elif not out:
        data = p.stdout
    return p.returncode, data, p.stderr.decode(errors="replace")


def parley_lines(stderr):
    """The lines parley wrote to standard error (mpirun's own notices left out)."""
    return [ln for ln in stderr.splitlines() if ln.startswith("parley")]


CASES = [
    ("forecast --runs, YAML with uncertainty (JSON)",
     ["forecast", os.path.join(SRC, "examples", "ukraine-2025.yaml"), "--runs", "60", "--seed",
      "11", "--format", "json"]),
    ("forecast --runs, KTAB CSV (CSV of every run)",
     ["forecast", "--ktab", os.path.join(DATA, "forecast", "ktab", "SOE-Pol-Comp.csv"), "--runs",
      "25", "--seed", "5", "--format", "csv"]),
    ("forecast --runs, KTAB CSV (text)",
     ["forecast", "--ktab", os.path.join(DATA, "forecast", "ktab", "dummyData-a040.csv"),
      "--runs", "7", "--seed", "3", "--quiet"]),
    ("tournament (JSON, every negotiation)",
     ["tournament", os.path.join(DATA, "genius", "domains", "Laptop"), "--agents",
      "boulware,conceder,linear,hardliner,boa,nicetft,random", "--reps", "5", "--seed", "9",
      "--runs", "--format", "json", "--quiet"]),
    ("score --runs (JSON)",
     ["score", os.path.join(SRC, "examples", "ukraine-2025.yaml"), "--runs", "2000", "--seed",
      "4", "--format", "json"]),
    ("score --runs (text)",
     ["score", os.path.join(SRC, "examples", "ukraine-2025.yaml"), "--plan", "us28", "--runs",
      "500", "--seed", "8"]),
    ("forecast --deu (SMP on every issue)",
     ["forecast", "--deu", os.path.join(DATA, "forecast", "deu", "deu3.csv"), "--model", "smp",
      "--format", "json"]),
    ("forecast --deu (median, CSV)",
     ["forecast", "--deu", os.path.join(DATA, "forecast", "deu", "deu3.csv"), "--model",
      "median", "--format", "csv"]),
]

for name, args in CASES:
    out = os.path.join(TMP, "out")
    rc, single, err = run(args + ["--threads", "2"], out=out)
    check(f"{name}: single process", rc == 0 and single, err)
    for np in (1, 2, 3):
        threads = ["--threads", "1"] if np == 2 else []
        rc, got, err = run(args + threads, np=np, out=out)
        check(f"{name}: mpirun -np {np} {' '.join(threads)}exit 0", rc == 0, err)
        check(f"{name}: mpirun -np {np} gives the single process's bytes", got == single,
              f"{len(got or b'')} bytes against {len(single or b'')}")
        check(f"{name}: mpirun -np {np} writes nothing to standard error but its own",
              all(not ln.startswith("-") for ln in err.splitlines()), err)

# More processes than units: some ranks have an empty block.
args = ["forecast", "--ktab", os.path.join(DATA, "forecast", "ktab", "SOE-Pol-Comp.csv"),
        "--runs", "2", "--seed", "1", "--format", "csv"]
rc, single, _ = run(args)
rc3, got, err = run(args, np=3)
check("2 runs on 3 processes", rc == 0 and rc3 == 0 and got == single, err)

# Standard output: written once, by rank 0.
args = ["tournament", os.path.join(DATA, "genius", "domains", "Laptop"), "--agents",
        "boulware,conceder", "--reps", "3", "--quiet"]
rc, single, _ = run(args)
rc2, got, err = run(args, np=2)
check("tournament to standard output under -np 2: printed once", rc2 == 0 and got == single,
      f"{got!r} against {single!r}; {err}")

# A command that does not spread its work runs on rank 0 alone: one output.
args = ["score", os.path.join(SRC, "examples", "ukraine-2025.yaml"), "--plan", "framework20"]
rc, single, _ = run(args)
rc2, got, err = run(args, np=2)
check("score under -np 2 prints once", rc == 0 and rc2 == 0 and got == single, err)
rc2, got, err = run(["forecast", "--ktab", os.path.join(DATA, "forecast", "ktab",
                                                         "SOE-Pol-Comp.csv")], np=2)
rc, single, _ = run(["forecast", "--ktab", os.path.join(DATA, "forecast", "ktab",
                                                         "SOE-Pol-Comp.csv")])
check("a single forecast under -np 2 prints once", rc2 == 0 and got == single, err)

# Rank 0 cannot write: one message, exit 4 from every process.
rc, _, err = run(["forecast", "--ktab", os.path.join(DATA, "forecast", "ktab", "SOE-Pol-Comp.csv"),
                  "--runs", "4", "-o", "/dev/full"], np=2)
check("-o /dev/full under -np 2: exit 4, one message",
      rc == 4 and parley_lines(err) == ["parley: /dev/full: write error: No space left on device"],
      f"rc {rc}: {err}")
rc, got, err = run(["forecast", "--help"], np=3)
check("--help under -np 3 printed once", rc == 0 and got.count(b"usage: parley forecast") == 1,
      got)

# Runs kept in a store: stored once, by rank 0.
db = os.path.join(TMP, "runs.sqlite")
rc, _, err = run(["forecast", "--ktab", os.path.join(DATA, "forecast", "ktab", "SOE-Pol-Comp.csv"),
                  "--runs", "4", "--store", db, "--quiet"], np=2)
n = sqlite3.connect(db).execute("SELECT count(*) FROM run").fetchone()[0] if rc == 0 else -1
check("--runs 4 --store under -np 2 stores 4 runs", rc == 0 and n == 4, f"rc {rc}, {n} runs; {err}")

# Bad input every rank sees: one message, exit 2, no file.
out = os.path.join(TMP, "bad.json")
bad = os.path.join(TMP, "bad.csv")
with open(bad, "w") as f:
    f.write("Scenario,bad\nnot,a,ktab,file\n")
for args in (["forecast", "--ktab", bad, "--runs", "10"],
             ["forecast", "--ktab", os.path.join(TMP, "missing.csv"), "--runs", "10"],
             ["tournament", os.path.join(DATA, "genius", "domains", "Laptop"), "--agents",
              "boulware,nosuchagent"],
             ["forecast", "--deu", bad],
             ["score", bad, "--runs", "10"]):
    rc, got, err = run(args + ["--format", "json"], np=2, out=out)
    lines = parley_lines(err)
    check(f"bad input under -np 2 ({' '.join(args[:2])}): exit 2", rc == 2, f"rc {rc}: {err}")
    check(f"bad input under -np 2 ({' '.join(args[:2])}): reported once", len(lines) == 1,
          err)
    check(f"bad input under -np 2 ({' '.join(args[:2])}): no output file",
          got is None and os.listdir(TMP).count("bad.json") == 0, os.listdir(TMP))

# A failure on one rank alone: reported once, by rank 0, with that rank's code.
for args in (["forecast", "--ktab", os.path.join(DATA, "forecast", "ktab", "SOE-Pol-Comp.csv"),
              "--runs", "9"],
             ["tournament", os.path.join(DATA, "genius", "domains", "Laptop"), "--agents",
              "boulware,conceder", "--reps", "4"],
             ["forecast", "--deu", os.path.join(DATA, "forecast", "deu", "deu3.csv"), "--model",
              "compromise"],
             ["score", os.path.join(SRC, "examples", "ukraine-2025.yaml"), "--runs", "100"]):
    env = dict(ENV, PARLEY_MPI_TEST_FAIL_RANK="2")
    rc, got, err = run(args, np=3, out=out, env=env)
    lines = parley_lines(err)
    check(f"rank 2 fails ({args[0]} {args[1]}): exit 3, no file", rc == 3 and got is None,
          f"rc {rc}: {err}")
    check(f"rank 2 fails ({args[0]} {args[1]}): one message naming the rank",
          lines == ["parley: out of memory (PARLEY_MPI_TEST_FAIL_RANK) [rank 2 of 3]"], err)

# The hooks fire as a rank starts its first unit: with 1 run on 2 processes, rank 0 has the
# run (chunk 0) and rank 1 nothing.
args = ["forecast", "--ktab", os.path.join(DATA, "forecast", "ktab", "SOE-Pol-Comp.csv"),
        "--runs", "1"]
rc, got, err = run(args, np=2, env=dict(ENV, PARLEY_MPI_TEST_FAIL_RANK="1"))
check("1 run on 2 processes: rank 1 computes nothing", rc == 0 and got, err)
rc, got, err = run(args, np=2, env=dict(ENV, PARLEY_MPI_TEST_FAIL_RANK="0"))
check("1 run on 2 processes: rank 0 computes it", rc == 3 and
      parley_lines(err) == ["parley: out of memory (PARLEY_MPI_TEST_FAIL_RANK)"], err)

# A rank killed mid-run: the job ends, non-zero, no output file and no temporary file.
for args in (["forecast", "--ktab", os.path.join(DATA, "forecast", "ktab", "SOE-Pol-Comp.csv"),
              "--runs", "9"],
             ["tournament", os.path.join(DATA, "genius", "domains", "Laptop"), "--agents",
              "boulware,conceder", "--reps", "4"]):
    env = dict(ENV, PARLEY_MPI_TEST_KILL_RANK="1")
    rc, got, err = run(args, np=2, out=out, env=env, timeout=60)
    check(f"rank 1 killed ({args[0]}): non-zero exit", rc != 0, err)
    check(f"rank 1 killed ({args[0]}): mpirun names it", "rank 1" in err and "signal 9" in err,
          err)
    check(f"rank 1 killed ({args[0]}): no output file",
          got is None and not [f for f in os.listdir(TMP) if f.startswith("bad.json")],
          os.listdir(TMP))

# The hook does nothing outside mpirun.
rc, got, err = run(["forecast", "--ktab", os.path.join(DATA, "forecast", "ktab",
                                                        "SOE-Pol-Comp.csv"), "--runs", "3"],
                   env=dict(ENV, PARLEY_MPI_TEST_KILL_RANK="0", PARLEY_MPI_TEST_FAIL_RANK="0"))
check("the test hooks do nothing in a plain run", rc == 0 and got, err)

finish("test_mpi: ")
