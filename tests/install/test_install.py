#!/usr/bin/env python3
"""What `cmake --install` produces, used as a user would use it.

usage: test_install.py STEP BUILD_DIR SOURCE_DIR PREFIX VERSION CC [CFLAGS]

STEP is one of
  setup        cmake --install BUILD_DIR --prefix PREFIX (into an emptied PREFIX)
  files        the installed files, the library's soname links, `parley
               --version` from the prefix (found through its RPATH)
  pkgconfig    examples/api/on_board.c built with `pkg-config --cflags --libs
               parley` (shared) and `--static`, and run; PARLEY_VERSION and its
               parts against VERSION and parley_version()
  findpackage  the CMake project tests/install/find_package built against
               PREFIX with find_package(parley), and run
  symbols      nm -D of libparley.so: only parley_ names defined, exactly the
               functions declared PARLEY_API in the installed headers, and
               every function declared there is marked PARLEY_API
  man          every page renders with `man --warnings -l` without a warning;
               one page per command of `parley --help`; each page names
               exactly the options of `parley COMMAND --help`
  completion   the bash completion completes commands, options and values
  notests      -DBUILD_TESTING=OFF configures with cmocka hidden from
               pkg-config and python3 disabled (and, as a control, the default
               configuration then fails); PREFIX is a scratch directory here
Prints 'N passed, N failed'; exits 1 on any failure.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

STEP, BUILD, SRC, PREFIX, VERSION, CC = sys.argv[1:7]
CFLAGS = sys.argv[7].split() if len(sys.argv) > 7 else []
LIBDIR = os.environ.get("PARLEY_LIBDIR", "lib")  # CMAKE_INSTALL_LIBDIR
LIB = os.path.join(PREFIX, LIBDIR)
BIN = os.path.join(PREFIX, "bin", "parley")
EXAMPLE = os.path.join(SRC, "examples", "api", "on_board.c")
SCENARIO = os.path.join(SRC, "examples", "ukraine-2025.yaml")
ON_BOARD_OUT = re.compile(r"us28:  UA -?[0-9]+%.*to bring [A-Z]+ to its walk-away on "
                          r"[a-z0-9-]+: (possible|impossible)", re.S)
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def run(cmd, env=None, **kw):
    e = dict(os.environ)
    e.pop("LD_LIBRARY_PATH", None)  # what is installed must run without it
    e.update(env or {})
    return subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=300, **kw)


def ok(name, p):
    check(name, p.returncode == 0,
          f"exit {p.returncode}\n{' '.join(p.args)}\n{p.stdout[-2000:]}{p.stderr[-2000:]}")
    return p.returncode == 0


def commands():
    """The commands listed by `parley --help`."""
    out = run([BIN, "--help"]).stdout
    block = out.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines() if line.strip()]


OPT = re.compile(r"(?<![\w-])(--?[a-zA-Z][a-zA-Z0-9-]*)")


def options(text):
    return {o for o in OPT.findall(text) if not re.fullmatch(r"-[a-zA-Z][a-zA-Z0-9-]+", o)}


def setup():
    shutil.rmtree(PREFIX, ignore_errors=True)
    ok("cmake --install", run(["cmake", "--install", BUILD, "--prefix", PREFIX]))


def files():
    for rel in ["bin/parley", "L/libparley.a", "L/libparley.so",
                f"L/libparley.so.{VERSION.split('.')[0]}", f"L/libparley.so.{VERSION}",
                "include/parley.h", "include/parley/core.h", "include/parley/version.h",
                "L/pkgconfig/parley.pc", "L/cmake/parley/parleyConfig.cmake",
                "L/cmake/parley/parleyConfigVersion.cmake", "L/cmake/parley/parleyTargets.cmake",
                "share/bash-completion/completions/parley", "share/doc/parley/copyright"] + \
            (["share/man/man1/parley.1"] if os.environ.get("PARLEY_MAN", "1") == "1" else []):
        rel = LIBDIR + rel[1:] if rel.startswith("L/") else rel
        check(f"installed {rel}", os.path.exists(os.path.join(PREFIX, rel)))
    for h in glob.glob(os.path.join(SRC, "include", "parley", "*.h")):
        check(f"installed header {os.path.basename(h)}",
              os.path.exists(os.path.join(PREFIX, "include", "parley", os.path.basename(h))))
    major = VERSION.split(".")[0]
    check("libparley.so -> libparley.so.MAJOR",
          os.readlink(os.path.join(LIB, "libparley.so")) == f"libparley.so.{major}")
    check("libparley.so.MAJOR -> libparley.so.VERSION",
          os.readlink(os.path.join(LIB, f"libparley.so.{major}")) == f"libparley.so.{VERSION}")
    soname = run(["readelf", "-d", os.path.join(LIB, "libparley.so")]).stdout
    check("soname", f"[libparley.so.{major}]" in soname, soname)
    # The installed command runs from the prefix (RPATH), not from the build tree.
    p = run([BIN, "--version"])
    check("parley --version", p.returncode == 0 and p.stdout == f"parley {VERSION}\n",
          repr(p.stdout + p.stderr))
    ldd = run(["ldd", BIN]).stdout
    line = next((l for l in ldd.splitlines() if "libparley.so" in l), "")
    target = line.split("=>")[-1].split("(")[0].strip()
    check("parley loads the installed libparley",
          target and os.path.realpath(target).startswith(os.path.realpath(LIB)), ldd)
    p = run([BIN, "score", SCENARIO, "--plan", "us28", "--format", "json"])
    check("installed parley scores", p.returncode == 0 and '"parties"' in p.stdout, p.stderr)


def pkgconfig():
    env = {"PKG_CONFIG_PATH": os.path.join(LIB, "pkgconfig")}
    tmp = tempfile.mkdtemp(prefix="parley-pc-")
    try:
        pc = run(["pkg-config", "--cflags", "--libs", "parley"], env=env)
        if not ok("pkg-config --cflags --libs parley", pc):
            return
        check("pkg-config --modversion", run(["pkg-config", "--modversion", "parley"],
                                              env=env).stdout.strip() == VERSION)
        exe = os.path.join(tmp, "on_board")
        if ok("cc on_board.c $(pkg-config --cflags --libs parley)",
              run([CC, *CFLAGS, EXAMPLE, "-o", exe, *pc.stdout.split(), "-Wl,-rpath," + LIB])):
            p = run([exe, SCENARIO])
            check("on_board (shared) runs", p.returncode == 0 and ON_BOARD_OUT.search(p.stdout),
                  p.stdout + p.stderr)
            ldd = run(["ldd", exe]).stdout
            check("on_board links libparley.so", "libparley.so" in ldd, ldd)
        # Static: libparley.a with the private dependencies of parley.pc.
        st = run(["pkg-config", "--static", "--cflags", "--libs", "parley"], env=env)
        flags = [f for f in st.stdout.split() if f != "-lparley"]
        exe_s = os.path.join(tmp, "on_board_static")
        if ok("cc on_board.c libparley.a $(pkg-config --static ...)",
              run([CC, *CFLAGS, EXAMPLE, "-o", exe_s, os.path.join(LIB, "libparley.a"), *flags])):
            p = run([exe_s, SCENARIO])
            check("on_board (static) runs", p.returncode == 0 and ON_BOARD_OUT.search(p.stdout),
                  p.stdout + p.stderr)
            check("on_board (static) needs no libparley.so",
                  "libparley" not in run(["ldd", exe_s]).stdout)
        # The version macros and the library agree with the project version.
        src = os.path.join(tmp, "version.c")
        with open(src, "w") as f:
            f.write('#include <parley.h>\n#include <stdio.h>\n'
                    'int main(void) { printf("%s %d.%d.%d %s %d\\n", PARLEY_VERSION, '
                    'PARLEY_VERSION_MAJOR, PARLEY_VERSION_MINOR, PARLEY_VERSION_PATCH, '
                    'parley_version(), PARLEY_VERSION_NUMBER); return 0; }\n')
        exe_v = os.path.join(tmp, "version")
        if ok("cc version.c", run([CC, *CFLAGS, src, "-o", exe_v, *pc.stdout.split(),
                                    "-Wl,-rpath," + LIB])):
            ma, mi, pa = (int(x) for x in VERSION.split("."))
            want = f"{VERSION} {VERSION} {VERSION} {ma * 10000 + mi * 100 + pa}\n"
            got = run([exe_v]).stdout
            check("PARLEY_VERSION, its parts, parley_version()", got == want, f"{got!r} != {want!r}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def findpackage():
    tmp = tempfile.mkdtemp(prefix="parley-cmake-")
    try:
        b = os.path.join(tmp, "build")
        cfg = run(["cmake", "-S", os.path.join(SRC, "tests", "install", "find_package"), "-B", b,
                   "-DCMAKE_PREFIX_PATH=" + PREFIX, "-DCMAKE_C_COMPILER=" + CC,
                   "-DCMAKE_C_FLAGS=" + " ".join(CFLAGS), "-DPARLEY_EXAMPLE=" + EXAMPLE,
                   "-DPARLEY_EXPECT_VERSION=" + VERSION])
        if not ok("cmake configure with find_package(parley)", cfg):
            return
        check("found the installed parley", os.path.realpath(PREFIX) in cfg.stdout, cfg.stdout)
        if not ok("cmake --build", run(["cmake", "--build", b])):
            return
        p = run([os.path.join(b, "on_board"), SCENARIO])
        check("on_board (find_package) runs", p.returncode == 0 and ON_BOARD_OUT.search(p.stdout),
              p.stdout + p.stderr)
        # The version file refuses an incompatible request.
        bad = run(["cmake", "-S", os.path.join(SRC, "tests", "install", "find_package"), "-B",
                   os.path.join(tmp, "bad"), "-DCMAKE_PREFIX_PATH=" + PREFIX,
                   "-DPARLEY_EXAMPLE=" + EXAMPLE, "-DPARLEY_EXPECT_VERSION=99.0"])
        check("find_package(parley 99.0) fails", bad.returncode != 0, bad.stdout)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def strip_c(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"#ifdef __cplusplus.*?#endif", " ", text, flags=re.S)  # extern "C" { }
    lines, cont = [], False
    for line in text.split("\n"):  # drop preprocessor lines (with continuations)
        if cont or line.lstrip().startswith("#"):
            cont = line.rstrip().endswith("\\")
            continue
        lines.append(line)
    return "\n".join(lines)


def declared_functions():
    """{name: marked} for every function declared in the installed headers."""
    found = {}
    for h in [os.path.join(PREFIX, "include", "parley.h"),
              *glob.glob(os.path.join(PREFIX, "include", "parley", "*.h"))]:
        text = strip_c(open(h).read())
        # Remove function bodies (static inline helpers) and struct/enum bodies.
        while True:
            t2 = re.sub(r"\{[^{}]*\}", ";", text)
            if t2 == text:
                break
            text = t2
        for stmt in text.split(";"):
            s = " ".join(stmt.split())
            if not s or s.startswith(("typedef", "static", 'extern "C"')):
                continue
            m = re.search(r"\b(parley_\w+)\s*\(", s)
            if m and "(*" not in s[:m.start()]:
                found[m.group(1)] = s.startswith("PARLEY_API ")
    return found


def symbols():
    so = os.path.join(LIB, "libparley.so")
    nm = run(["nm", "-D", "--defined-only", so])
    if not ok("nm -D", nm):
        return
    names = {l.split()[-1] for l in nm.stdout.splitlines() if l.strip()}
    others = sorted(n for n in names if not n.startswith("parley_"))
    check("only parley_ names are exported", not others, " ".join(others[:50]))
    decl = declared_functions()
    check("headers declare the public API", len(decl) > 100, str(len(decl)))
    unmarked = sorted(n for n, marked in decl.items() if not marked)
    check("every public function is PARLEY_API", not unmarked, " ".join(unmarked))
    missing = sorted(set(decl) - names)
    check("every public function is exported", not missing, " ".join(missing))
    extra = sorted(names - set(decl) - set(others))
    check("nothing but the public API is exported", not extra, " ".join(extra))


def man():
    mandir = os.path.join(PREFIX, "share", "man", "man1")
    pages = sorted(glob.glob(os.path.join(mandir, "*.1")))
    check("man pages installed", len(pages) > 1, mandir)
    for page in pages:
        name = os.path.basename(page)
        for enc in ("UTF-8", "ascii"):
            p = run(["man", "--warnings", "-E", enc, "-l", "-P", "cat", page],
                    env={"MANWIDTH": "80", "LC_ALL": "C.UTF-8"})
            check(f"man -l {name} ({enc})", p.returncode == 0 and not p.stderr.strip()
                  and "NAME" in p.stdout, p.stderr)
    p = run(["man", "-M", os.path.join(PREFIX, "share", "man"), "-P", "cat", "parley-score"])
    check("man -M PREFIX/share/man parley-score", p.returncode == 0 and "parley score" in p.stdout,
          p.stderr)

    def page_text(name):
        # Wide lines: no option is hyphenated across a line break.
        return run(["man", "-E", "ascii", "-l", "-P", "cat", os.path.join(mandir, name + ".1")],
                   env={"MANWIDTH": "1000"}).stdout

    def compare(what, help_text, page, allowed):
        h, m = options(help_text), options(page)
        check(f"{what}: every option of --help is in the man page", h <= m, sorted(h - m))
        check(f"{what}: every option of the man page is in --help", m <= h | allowed,
              sorted(m - h - allowed))

    # parley(1) may also show options of the commands (in its examples).
    every = set().union(*(options(run([BIN, c, "--help"]).stdout) for c in commands()))
    compare("parley", run([BIN, "--help"]).stdout, page_text("parley"),
            {"--help", "-h", "--version"} | every)
    top = page_text("parley")
    for c in commands():
        exists = os.path.exists(os.path.join(mandir, f"parley-{c}.1"))
        check(f"parley-{c}(1) exists", exists)
        check(f"parley(1) lists {c}", f"parley-{c}(1)" in top)
        if exists:
            compare(f"parley-{c}", run([BIN, c, "--help"]).stdout, page_text(f"parley-{c}"),
                    {"--help"})


def completion():
    script = os.path.join(PREFIX, "share", "bash-completion", "completions", "parley")

    def complete(*words):
        line = " ".join(f"'{w}'" for w in words)
        p = run(["bash", "--norc", "--noprofile", "-c",
                 f'source "{script}"; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; '
                 '_parley; printf "%s\\n" "${COMPREPLY[@]}"'],
                env={"PATH": os.path.dirname(BIN) + os.pathsep + os.environ["PATH"]},
                cwd=os.path.join(SRC, "examples"))
        return sorted(w for w in p.stdout.split("\n") if w)

    check("complete 'parley '", complete("parley", "") == sorted(commands()),
          complete("parley", ""))
    check("complete 'parley sc'", complete("parley", "sc") == ["score"], complete("parley", "sc"))
    check("complete 'parley --v'", complete("parley", "--v") == ["--version"])
    got = complete("parley", "score", "x.yaml", "--")
    score_opts = ["--plan", "--format", "--quiet", "--help", "--set", "--weight", "--walk-away",
                  "--power", "--runs", "--seed", "--threads", "--vary-pos", "--vary-sal"]
    check("complete 'parley score x.yaml --'",
          got == sorted(score_opts + ["-o"]) or got == sorted(score_opts), got)
    got = complete("parley", "concede", "x.yaml", "--ob")
    check("complete 'parley concede x.yaml --ob'", got == ["--objective"], got)
    got = complete("parley", "concede", "x.yaml", "--objective", "")
    check("complete '--objective '", got == ["loss", "nash", "points"], got)
    got = complete("parley", "score", "x.yaml", "--format", "j")
    check("complete '--format j'", got == ["json"], got)
    got = complete("parley", "forecast", "--model", "e")
    check("complete forecast '--model e' (no choices in --help: nothing)", got == [], got)
    got = complete("parley", "score", "x.yaml", "--plan", "")
    check("complete '--plan ' (a value: nothing)", got == [], got)
    got = complete("parley", "score", "textb")
    check("complete a file name", got == ["textbook.yaml"], got)
    got = complete("parley", "score", "x.yaml", "-o", "ukr")
    check("complete '-o ukr' (a file)", got == ["ukraine-2025.yaml"], got)
    got = complete("parley", "stability", "x.yaml", "--th")
    check("complete stability '--th'", got == ["--threads"], got)
    got = complete("parley", "plot", "")
    check("complete 'parley plot ' (the kinds)", got == sorted(
        ["onboard", "diff", "frontier", "mediate", "forecast", "trace", "stability"]), got)
    got = complete("parley", "plot", "fr")
    check("complete 'parley plot fr'", got == ["frontier"], got)
    got = complete("parley", "plot", "frontier", "textb")
    check("complete 'parley plot frontier textb' (a file)", got == ["textbook.yaml"], got)
    got = complete("parley", "plot", "mediate", "x.yaml", "--concept", "k")
    check("complete plot '--concept k'", got == ["kalai", "ks"], got)


def notests():
    """BUILD_TESTING=OFF needs neither cmocka nor python3 (configure only: the
    library and command are built that way by scripts/deb-test.sh)."""
    shutil.rmtree(PREFIX, ignore_errors=True)
    pcdir = os.path.join(PREFIX, "pc")
    os.makedirs(pcdir)
    path = run(["pkg-config", "--variable", "pc_path", "pkg-config"]).stdout.strip()
    for d in path.split(":") + os.environ.get("PKG_CONFIG_PATH", "").split(":"):
        for pc in glob.glob(os.path.join(d, "*.pc")) if d else []:
            name = os.path.basename(pc)
            if name != "cmocka.pc" and not os.path.exists(os.path.join(pcdir, name)):
                os.symlink(pc, os.path.join(pcdir, name))
    env = {"PKG_CONFIG_LIBDIR": pcdir, "PKG_CONFIG_PATH": ""}
    common = ["cmake", "-S", SRC, "-DCMAKE_DISABLE_FIND_PACKAGE_Python3=ON",
              "-DCMAKE_C_COMPILER=" + CC]
    p = run(common + ["-B", os.path.join(PREFIX, "off"), "-DBUILD_TESTING=OFF"], env=env)
    ok("configure -DBUILD_TESTING=OFF without cmocka and python3", p)
    targets = run(["cmake", "--build", os.path.join(PREFIX, "off"), "--target", "help"]).stdout
    check("the library and the command are targets",
          all(t in targets for t in ("parley_cli", "parley_shared", "parley_man")), targets[:500])
    check("no tests are registered",
          not os.path.exists(os.path.join(PREFIX, "off", "CTestTestfile.cmake")))
    p = run(common + ["-B", os.path.join(PREFIX, "on")], env=env)
    check("control: the default configuration needs cmocka", p.returncode != 0
          and "cmocka" in p.stdout + p.stderr, p.stdout[-500:] + p.stderr[-500:])
    shutil.rmtree(PREFIX, ignore_errors=True)


{"notests": notests, "setup": setup, "files": files, "pkgconfig": pkgconfig, "findpackage": findpackage,
 "symbols": symbols, "man": man, "completion": completion}[STEP]()
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
