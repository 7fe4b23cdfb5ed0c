"""What the Python checkers share: the repository's samples, a check that records
a failure and goes on (every failure is listed, not only the first), running a
command with its output captured, and the closing verdict -- for one source
(report) or for named parts each in a temporary folder of its own (run_parts)."""
import os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = sorted(os.path.join(ROOT, "samples", s) for s in os.listdir(os.path.join(ROOT, "samples")) if s.endswith(".xml"))
failures = []
_passed = [0]


def check(cond, what):
    if cond:
        _passed[0] += 1
    else:
        failures.append(what)
    return cond


def tally(name=""):
    """Prints every failure and 'N passed, M failed' (after `name: `); exits 1 if any failed."""
    for f in failures:
        print("FAIL", f)
    print(f"{name + ': ' if name else ''}{_passed[0]} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


def run(*cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def report(name):
    """Prints the failures about one source and its verdict; the exit status."""
    for f in failures:
        print(f"FAIL {name}: {f}")
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


def finish():
    """Prints every failure and the verdict; exits 1 if anything failed."""
    for f in failures:
        print("FAIL", f)
    print(f"{'ok' if not failures else 'FAILED'}: {len(failures)} failures")
    sys.exit(1 if failures else 0)


def run_parts(parts, prefix):
    """argv: PLANPRESS [PART...] (all parts when none named); each part(pp, tmp)."""
    pp = os.path.abspath(sys.argv[1])
    for name in sys.argv[2:] or parts:
        tmp = tempfile.mkdtemp(prefix=f"{prefix}-{name}-")
        try:
            n = len(failures)
            parts[name](pp, tmp)
            print(f"{name}: {'ok' if len(failures) == n else 'FAILED'}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    finish()
