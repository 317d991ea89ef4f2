"""No leak through the binding: RSS stays flat over 10 000 calls."""
import os

import pytest

import parley
from conftest import SANITIZED, UKRAINE


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(SANITIZED, reason="ASan's allocator keeps freed memory in quarantine")
def test_flat_over_10000_calls():
    sc = parley.load(UKRAINE)
    for _ in range(200):  # warm up the allocator and Python's caches
        sc.score("framework20")
    before = rss_mb()
    for i in range(10000):
        r = sc.score("us28" if i % 2 else "framework20")
        assert r["plan"]["id"]
    grown = rss_mb() - before
    assert grown < 4, "RSS grew by %.1f MB over 10 000 calls" % grown


@pytest.mark.skipif(SANITIZED, reason="ASan's allocator keeps freed memory in quarantine")
def test_flat_over_loads_and_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("parties: [\n")
    for _ in range(50):
        parley.load(UKRAINE).close()
    before = rss_mb()
    for _ in range(1000):
        parley.load(UKRAINE).close()
        try:
            parley.load(bad)
        except parley.ParleyError:
            pass
    grown = rss_mb() - before
    assert grown < 4, "RSS grew by %.1f MB over 1000 loads" % grown
