"""The GIL is released while the library computes (ctypes.CDLL does it):
another Python thread keeps running during one long C call. Ctrl-C
(SIGINT) is handled when the C call returns: the call runs to its end, then
KeyboardInterrupt is raised."""
import os
import signal
import threading
import time

import pytest

import parley
from conftest import DATA

A080 = os.path.join(DATA, "forecast", "ktab", "dummyData-a080.csv")


def runs_for(sc, seconds):
    """Monte Carlo runs of A080 on one thread that take about `seconds`."""
    t0 = time.monotonic()
    sc.forecast(runs=4, threads=1)
    per_run = max((time.monotonic() - t0) / 4, 1e-4)
    return max(4, min(5000, int(seconds / per_run)))


def test_another_thread_runs_during_a_long_call():
    sc = parley.load(A080)
    runs = runs_for(sc, 1.0)
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    time.sleep(0.05)
    start = time.monotonic()
    r = sc.forecast(runs=runs, threads=1)  # one C call (parley_fc_monte_carlo), about 1 s
    end = time.monotonic()
    stop.set()
    t.join()
    assert r["runs"] == runs
    during = [x for x in ticks if start + 0.05 < x < end - 0.05]
    # With the GIL held for the whole call the thread could not tick at all.
    assert end - start > 0.3, "the call was too short to tell"
    assert len(during) > 0.2 * (end - start - 0.1) / 0.002, (len(during), end - start)


def test_ctrl_c_waits_for_the_call():
    sc = parley.load(A080)
    runs = runs_for(sc, 0.8)
    t0 = time.monotonic()
    short = sc.forecast(runs=runs, threads=1)
    full = time.monotonic() - t0
    assert short["runs"] == runs
    timer = threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT))
    t0 = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        sc.forecast(runs=runs, threads=1)
        time.sleep(5)  # the interrupt is raised no later than here
    elapsed = time.monotonic() - t0
    timer.join()
    # raised only after the C call had run to its end (not after 0.1 s)
    assert elapsed > 0.6 * full, (elapsed, full)
