"""`cmake --install` into a scratch prefix puts the package in the prefix's
site-packages, and it imports from there (in a fresh interpreter, with no
PARLEY_LIBRARY and no build tree on the path) and finds the installed
library."""
import glob
import os
import subprocess
import sys

from conftest import BUILD, UKRAINE


def test_installed_prefix(tmp_path):
    prefix = tmp_path / "prefix"
    p = subprocess.run(["cmake", "--install", BUILD, "--prefix", str(prefix)],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    inits = glob.glob(str(prefix / "lib*" / "python3*" / "site-packages" / "parley" /
                          "__init__.py"))
    assert len(inits) == 1, inits
    site = os.path.dirname(os.path.dirname(inits[0]))
    env = {k: v for k, v in os.environ.items()
           if k not in ("PARLEY_LIBRARY", "PYTHONPATH", "LD_LIBRARY_PATH")}
    env["PYTHONPATH"] = site
    code = ("import parley, os; sc = parley.load(%r); "
            "print(os.path.realpath(parley.library_path())); "
            "print(parley.__file__); print(sc.score('us28')['utilities']['UA'])" % UKRAINE)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       cwd=str(tmp_path), timeout=60)
    assert p.returncode == 0, p.stderr
    lib, init, ua = p.stdout.split("\n")[:3]
    assert lib.startswith(os.path.realpath(str(prefix))), lib
    assert init.startswith(site)
    assert 0 <= float(ua) <= 1
