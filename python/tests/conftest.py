"""Shared by the binding's tests: where the command, the sources and the build are.

Run by CTest (test python_binding) with PARLEY_LIBRARY, PARLEY_CLI and
PARLEY_BUILD_DIR set; by hand from the source tree:
    PYTHONPATH=python PARLEY_LIBRARY=build/libparley.so python3 -m pytest python/tests
"""
import json
import os
import subprocess

import pytest

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("PARLEY_BUILD_DIR", os.path.join(SRC, "build"))
CLI = os.environ.get("PARLEY_CLI", os.path.join(BUILD, "src", "cli", "parley"))
DATA = os.path.join(SRC, "data")
ALL_EXAMPLES = sorted(os.path.join(SRC, "examples", f)
                      for f in os.listdir(os.path.join(SRC, "examples")) if f.endswith(".yaml"))


def _top_level(path, key):
    with open(path, encoding="utf-8") as f:
        return any(line.startswith(key + ":") for line in f)


# scenarios (parties, issues, plans) and the examples with a `conflict:` section
EXAMPLES = [p for p in ALL_EXAMPLES if _top_level(p, "parties")]
CONFLICT_EXAMPLES = [p for p in ALL_EXAMPLES if _top_level(p, "conflict")]
UKRAINE = os.path.join(SRC, "examples", "ukraine-2025.yaml")
SANITIZED = os.environ.get("PARLEY_SANITIZE", "0") in ("1", "ON", "TRUE", "true")


def cli_json(*args, ok=(0, 1)):
    """`parley ARGS --format json`, parsed (exit 0, or 1 for 'no answer')."""
    p = subprocess.run([CLI, *map(str, args), "--format", "json", "--quiet"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode in ok, (args, p.returncode, p.stderr)
    return json.loads(p.stdout)


def cli_csv(*args):
    p = subprocess.run([CLI, *map(str, args), "--format", "csv", "--quiet"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode in (0, 1), (args, p.returncode, p.stderr)
    return p.stdout


@pytest.fixture(scope="session")
def ukraine():
    import parley
    return parley.load(UKRAINE)
