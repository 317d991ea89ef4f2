"""What the CLI test scripts share: a tally of checks, and inputs they generate.

Each script runs as `python3 tests/cli/test_X.py PARLEY SOURCE_DIR ...`, so this
folder is on sys.path and `from testlib import ...` finds this file.
"""
import sys

_passed = _failed = 0


def check(name, cond, detail=""):
    """Counts one check; prints FAIL with the detail when cond is false."""
    global _passed, _failed
    if cond:
        _passed += 1
    else:
        _failed += 1
        print(f"FAIL {name}: {detail}")


def finish(prefix=""):
    """Prints the closing 'N passed, N failed' line and exits 1 on any failure."""
    print(f"{prefix}{_passed} passed, {_failed} failed")
    sys.exit(1 if _failed else 0)


def conflict(m, d):
    """A GMCR conflict with m options split among d decision makers (2^m states)."""
    lines = ["conflict:", "  name: big", "  decision_makers:"]
    opts, k = [], 0
    for i in range(d):
        lines += [f"    - id: D{i}", "      options:"]
        for _ in range(m // d + (1 if i < m % d else 0)):
            lines.append(f"        - {{id: o{k}}}")
            opts.append(f"o{k}")
            k += 1
    lines.append("  preferences:")
    for i in range(d):
        lines += [f"    D{i}:", "      statements:"]
        for j in range(min(m, 8)):
            lines.append(f"        - {'not ' if (i + j) % 2 else ''}{opts[(i * 3 + j * 5) % m]}")
    return "\n".join(lines) + "\n"
