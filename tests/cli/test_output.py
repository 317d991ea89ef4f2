#!/usr/bin/env python3
"""Output files and write errors of the parley command (issue 15, item 8):
-o is atomic and leaves no temporary file behind on failure or on SIGINT /
SIGTERM, keeps an existing file's permissions, writes through a symbolic
link, and every write error (disk full, /dev/full, file size limit, closed
or full standard output) ends with a message and exit 4.

usage: test_output.py PARLEY SOURCE_DIR
"""
import os
import resource
import signal
import stat
import subprocess
import sys
import tempfile
import time
from testlib import check, conflict, finish  # noqa: E402

PARLEY, SRC = sys.argv[1], sys.argv[2]
TEXTBOOK = os.path.join(SRC, "examples", "textbook.yaml")


def run(*args, stdout=subprocess.PIPE, preexec=None):
    p = subprocess.run([PARLEY, *args], stdout=stdout, stderr=subprocess.PIPE, text=True,
                       timeout=120, preexec_fn=preexec)
    return p.returncode, p.stdout, p.stderr


def leftovers(folder):
    return [n for n in os.listdir(folder) if ".tmp." in n]


with tempfile.TemporaryDirectory() as tmp:
    # -- write errors: message and exit 4 --------------------------------------
    rc, _, err = run("score", TEXTBOOK, "-o", "/dev/full")
    check("-o /dev/full", rc == 4 and err == "parley: /dev/full: write error: No space left on device\n",
          f"{rc} {err!r}")
    with open("/dev/full", "w") as full:
        rc, _, err = run("score", TEXTBOOK, "--format", "json", stdout=full)
    check("stdout /dev/full", rc == 4 and
          err == "parley: standard output: write error: No space left on device\n", f"{rc} {err!r}")
    with open("/dev/full", "w") as full:
        rc, _, err = run("--help", stdout=full)
    check("--help to /dev/full", rc == 4 and "standard output: write error" in err, f"{rc} {err!r}")
    # closed standard output: the write fails (it must not land in a file parley opened)
    p = subprocess.run(["sh", "-c", 'exec "$0" score "$1" >&-', PARLEY, TEXTBOOK],
                       capture_output=True, text=True, timeout=60)
    check("closed stdout", p.returncode == 4 and
          p.stderr == "parley: standard output: write error: Bad file descriptor\n",
          f"{p.returncode} {p.stderr!r}")

    # a temporary file that cannot be written whole (file size limit, like a
    # full disk): message, exit 4, neither the file nor its temporary remain
    big = os.path.join(tmp, "c16.yaml")
    with open(big, "w") as f:
        f.write(conflict(16, 3))
    target = os.path.join(tmp, "big.json")

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    rc, _, err = run("stability", big, "--format", "json", "-o", target, preexec=small_files)
    check("file size limit", rc == 4 and err == f"parley: {target}: write error: File too large\n",
          f"{rc} {err!r}")
    check("file size limit leaves nothing", not os.path.exists(target) and not leftovers(tmp),
          os.listdir(tmp))
    rc, _, err = run("score", TEXTBOOK, "-o", os.path.join(tmp, "no", "such", "dir.txt"))
    check("-o in a missing folder", rc == 4 and "cannot create output file: No such file or directory"
          in err, f"{rc} {err!r}")

    plain = os.path.join(tmp, "plain.txt")
    with open(plain, "w") as f:
        f.write("x")
    rc, _, err = run("convert", TEXTBOOK, "--drop-rules", "-o", os.path.join(plain, "genius"))
    check("convert: folder not creatable", rc == 4 and "cannot create folder: Not a directory" in err,
          f"{rc} {err!r}")
    os.unlink(plain)

    # -- permissions: an existing file's mode is kept, a new one follows umask --
    out = os.path.join(tmp, "out.txt")
    rc, _, _ = run("score", TEXTBOOK, "-o", out, preexec=lambda: os.umask(0o022))
    check("new file 0666 & ~umask", rc == 0 and stat.S_IMODE(os.stat(out).st_mode) == 0o644,
          oct(os.stat(out).st_mode))
    for mode in (0o644, 0o640, 0o604):
        os.chmod(out, mode)
        rc, _, _ = run("score", TEXTBOOK, "-o", out, preexec=lambda: os.umask(0o077))
        check(f"existing {oct(mode)} kept", rc == 0 and stat.S_IMODE(os.stat(out).st_mode) == mode,
              oct(os.stat(out).st_mode))
    os.unlink(out)
    rc, _, _ = run("score", TEXTBOOK, "-o", out, preexec=lambda: os.umask(0o027))
    check("new file under umask 027", rc == 0 and stat.S_IMODE(os.stat(out).st_mode) == 0o640,
          oct(os.stat(out).st_mode))

    # -- symbolic links: written through, the link stays ------------------------
    sub = os.path.join(tmp, "sub")
    os.mkdir(sub)
    real = os.path.join(sub, "real.txt")
    with open(real, "w") as f:
        f.write("old\n")
    link = os.path.join(tmp, "link.txt")
    os.symlink("sub/real.txt", link)
    rc, _, _ = run("check", TEXTBOOK, "-o", link)
    check("-o symlink stays a link", rc == 0 and os.path.islink(link) and
          os.readlink(link) == "sub/real.txt", os.listdir(tmp))
    check("-o symlink writes the target", open(real).read().startswith(TEXTBOOK + ": valid"),
          open(real).read()[:80])
    check("-o symlink: temporary beside the target, none left", not leftovers(tmp) and not leftovers(sub))
    dangling = os.path.join(tmp, "dangling.txt")
    os.symlink("sub/new.txt", dangling)
    rc, _, _ = run("check", TEXTBOOK, "-o", dangling)
    check("-o dangling symlink creates the target", rc == 0 and os.path.islink(dangling) and
          os.path.isfile(os.path.join(sub, "new.txt")))

    # -- signals: no temporary file survives SIGINT / SIGTERM ---------------------
    # killed while writing: wait for the temporary file, then signal
    for sig in (signal.SIGTERM, signal.SIGINT):
        target = os.path.join(tmp, f"kill-{sig.name}.json")
        p = subprocess.Popen([PARLEY, "stability", big, "--format", "json", "-o", target],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen = False
        deadline = time.time() + 60
        while p.poll() is None and time.time() < deadline:
            if any(n.startswith(os.path.basename(target) + ".tmp.") for n in os.listdir(tmp)):
                seen = True
                p.send_signal(sig)
                break
            time.sleep(0.002)
        rc = p.wait(timeout=60)
        check(f"{sig.name} while writing: signalled", seen and rc == -sig, f"seen {seen} rc {rc}")
        check(f"{sig.name} while writing: nothing left", not os.path.exists(target) and
              not leftovers(tmp), os.listdir(tmp))
    # killed while computing (stability used to open its output first)
    slow = os.path.join(tmp, "c20.yaml")
    with open(slow, "w") as f:
        f.write(conflict(20, 3))
    target = os.path.join(tmp, "slow.txt")
    p = subprocess.Popen([PARLEY, "stability", slow, "-o", target, "--threads", "1"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.8)
    p.send_signal(signal.SIGTERM)
    rc = p.wait(timeout=60)
    check("SIGTERM while computing", rc == -signal.SIGTERM and not os.path.exists(target) and
          not leftovers(tmp), f"rc {rc} {os.listdir(tmp)}")

finish()
