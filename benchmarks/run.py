"""Reproducible benchmark of snslint (stdlib only): one command, one table.

    .venv/bin/python benchmarks/run.py                 # full run: 10 interleaved rounds, scaling, textlint
    .venv/bin/python benchmarks/run.py --quick         # 3 rounds, fewer scaling points (a smoke test)
    .venv/bin/python benchmarks/run.py --no-textlint   # skip the textlint comparison
    .venv/bin/python benchmarks/run.py --profile       # cProfile of one draft and of 1,000 drafts

Every figure is the median of interleaved rounds: each round runs every measurement once, in
a shuffled (seeded) order, together with `python -c pass` of the interpreter that runs
snslint, so load from other processes hits the baseline and the measurement alike. Times
are wall-clock times of a new process (stdout and stderr are not a terminal), from
fork to exit; peak RSS is the child's ru_maxrss from wait4(2). The generated corpus, the
bytecode cache, the result cache and textlint live in a temporary folder that is removed
afterwards (--keep keeps it). See benchmarks/README.md for what each row means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (benchmarks/corpus.py)

SEED = 20261125
MIB = 1024 * 1024
LINT_OK = (0, 1)  # 1 = findings at the fail level; 2 = an error, which spoils a measurement

# Targets from the issue; all times are medians minus `python -c pass` of the same run.
TARGET_VERSION = 0.060
TARGET_ONE_PLAIN = 0.100
TARGET_ONE_URL = 0.250
TARGET_1000_JOBS1 = 2.0
TARGET_1000_DEFAULT = 1.2
TARGET_RSS = 200 * MIB
TARGET_RATIO_ONE = 5.0
TARGET_RATIO_1000 = 10.0

COUNTS_FULL = (1, 10, 100, 500, 1000, 2000)
COUNTS_QUICK = (1, 100, 500, 1000)
# snslint refuses files over 1,000,000 bytes (sources.MAX_BYTES): the largest is 999,000 bytes.
SIZES_FULL = (1_000, 10_000, 100_000, 300_000, 999_000)
SIZES_QUICK = (1_000, 10_000, 100_000, 300_000, 999_000)


@dataclass
class Measure:
    key: str
    label: str
    argv: list[str]
    ok: tuple[int, ...] = (0,)
    baseline: str | None = "python"  # key of the measurement subtracted from this one
    target: float | None = None  # seconds, after subtracting the baseline
    group: str = "main"
    samples: list[tuple[float, float, int]] = field(default_factory=list)  # wall s, cpu s, maxrss B
    errors: list[str] = field(default_factory=list)

    def median(self, index: int = 0) -> float | None:
        values = [s[index] for s in self.samples]
        return statistics.median(values) if values else None


# --------------------------------------------------------------------------- processes

def run_once(argv: list[str], cwd: Path, env: dict, stdout=subprocess.DEVNULL,
             err_path: Path | None = None) -> tuple[float, float, int, int]:
    """(wall seconds, user+sys CPU seconds, peak RSS bytes, exit code) of one child process.

    wait4 gives the rusage of exactly this child (with the children it waited for, such
    as a process pool's workers: their CPU time is added, ru_maxrss is the largest one).
    """
    err = open(err_path, "wb") if err_path else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=stdout, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    finally:
        if err_path:
            err.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, proc.returncode


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


def _rollup(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


def tree_memory(argv: list[str], cwd: Path, env: dict) -> tuple[int, int, int] | None:
    """Peak of the summed RSS and PSS over a process and its descendants (sampled every 20 ms).

    Used for the parallel run, whose memory is spread over a parent and its workers;
    forked workers share pages, so the RSS sum counts them twice and PSS does not.
    Returns (rss sum, pss sum, exit code), or None where /proc cannot tell.
    """
    if not Path("/proc/self/smaps_rollup").exists():
        return None
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    while True:
        pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        pids, todo = [], [proc.pid]
        while todo:
            current = todo.pop()
            pids.append(current)
            todo += _children(current)
        sums = [_rollup(p) for p in pids]
        peak_rss = max(peak_rss, sum(s[0] for s in sums))
        peak_pss = max(peak_pss, sum(s[1] for s in sums))
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return peak_rss, peak_pss, proc.returncode


def interpreter_of(script: Path) -> str:
    """The Python a console script runs with (its #! line), for the baseline."""
    try:
        first = script.read_bytes().split(b"\n", 1)[0].decode()
    except (OSError, UnicodeDecodeError):
        return sys.executable
    if first.startswith("#!") and "python" in first:
        return first[2:].strip().split()[0]
    return sys.executable


def child_env(work: Path) -> dict:
    env = dict(os.environ)
    # Cold runs start a new process, but with compiled bytecode, as after `pip install`
    # (pip compiles it). A private bytecode folder keeps the repository untouched and
    # does not depend on PYTHONDONTWRITEBYTECODE being set in the caller's shell.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE", "PYTHONPROFILEIMPORTTIME", "PYTHONSTARTUP",
                 "GITHUB_ACTIONS", "SNSLINT_DEBUG", "PYTHONWARNINGS"):
        env.pop(name, None)
    return env


# --------------------------------------------------------------------------- set-up

def write_corpus(work: Path, seed: int, counts, sizes) -> dict:
    (work / ".snslint.yaml").write_text(corpus.CONFIG_TEXT, encoding="utf-8")
    biggest = max(max(counts, default=0), 1000)
    drafts = corpus.generate(biggest, seed)
    corpus.write(drafts[:1000], work / "corpus")
    plain, linked = corpus.single_drafts(seed)
    corpus.write([plain, linked], work / "single")
    for count in counts:
        corpus.write(drafts[:count], work / "scale" / f"drafts-{count}")
    for size in sizes:
        text = corpus.long_text(size, seed)
        (work / "scale" / f"length-{size}.txt").write_text(text, encoding="utf-8", newline="\n")
    info = corpus.summary(drafts[:1000])
    info["single"] = {"no-url.txt": plain.body_chars, "with-url.txt": linked.body_chars}
    return info


def rule_selection(python: str, env: dict, work: Path) -> tuple[list[str], str]:
    """Extra arguments so that every shipped rule runs (rules off by default need --select)."""
    code = ("import json; from snslint.rules import load_rules; r = load_rules(); "
            "print(json.dumps([[x.id, bool(x.enabled)] for x in r]))")
    done = subprocess.run([python, "-c", code], cwd=work, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        return [], "could not list the rules: " + (done.stderr.strip().splitlines() or ["?"])[-1]
    rules = json.loads(done.stdout)
    off = [rid for rid, enabled in rules if not enabled]
    if not off:
        return [], f"{len(rules)} rules, all enabled by default"
    return (["--select", ",".join(rid for rid, _ in rules)],
            f"{len(rules)} rules; {len(off)} off by default, enabled with --select")


FINGERPRINT = """
import hashlib, pathlib, snslint
from snslint.rules import builtin_rules_dir
digest = hashlib.sha256()
for root in sorted({pathlib.Path(snslint.__file__).parent, builtin_rules_dir()}):
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path).encode() + b"\\0" + path.read_bytes())
print(digest.hexdigest()[:12])
"""


def fingerprint(python: str, env: dict, work: Path) -> str:
    """A hash of snslint's source and rule packs: a change during the run spoils the figures."""
    done = subprocess.run([python, "-c", FINGERPRINT], cwd=work, env=env, capture_output=True, text=True)
    return done.stdout.strip() or "?"


def cache_state(work: Path) -> tuple[int, int] | None:
    try:
        stat = (work / ".snslint_cache" / "results-v1.json").stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def setup_textlint(work: Path, prefix: str | None) -> tuple[Path | None, str]:
    """Install textlint + textlint-rule-preset-japanese into a temporary folder."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return None, "textlint skipped: node or npm is not on PATH"
    folder = Path(prefix) if prefix else work / "textlint"
    binary = folder / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        print(f"[setup] npm install textlint textlint-rule-preset-japanese into {folder} …",
              file=sys.stderr, flush=True)
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund",
                               "--no-save", "--loglevel=error", "textlint",
                               "textlint-rule-preset-japanese"],
                              capture_output=True, text=True)
        if done.returncode != 0 or not binary.exists():
            tail = " ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
            return None, f"textlint skipped: npm install failed ({tail or 'exit ' + str(done.returncode)})"
    versions = []
    for package in ("textlint", "textlint-rule-preset-japanese"):
        try:
            meta = json.loads((folder / "node_modules" / package / "package.json").read_text())
            versions.append(f"{package} {meta['version']}")
        except (OSError, ValueError, KeyError):
            versions.append(f"{package} ?")
    node_version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    (work / "textlintrc.json").write_text(json.dumps({"rules": {"preset-japanese": True}}))
    return binary, f"{', '.join(versions)}, node {node_version}"


# --------------------------------------------------------------------------- measuring

def rounds(measures: list[Measure], runs: int, work: Path, env: dict, seed: int, phase: str) -> None:
    started = time.perf_counter()
    for round_no in range(runs):
        order = measures[:]
        random.Random(f"{seed}-{phase}-{round_no}").shuffle(order)
        for measure in order:
            err_path = work / "stderr.txt"
            wall, cpu, rss, code = run_once(measure.argv, work, env, err_path=err_path)
            if code in measure.ok:
                measure.samples.append((wall, cpu, rss))
            else:
                text = err_path.read_text(errors="replace").strip()
                measure.errors.append(f"exit {code}: {text[-400:]}")
        elapsed = time.perf_counter() - started
        left = elapsed / (round_no + 1) * (runs - round_no - 1)
        print(f"[{phase}] round {round_no + 1}/{runs} done, {elapsed:.0f} s elapsed, "
              f"about {left:.0f} s left", file=sys.stderr, flush=True)


def check_outputs(snslint: str, select: list[str], work: Path, env: dict) -> dict:
    """Run the lint commands once untimed: they must work, and say what the corpus yields."""
    facts: dict = {}
    for name, args in (("corpus", ["corpus"]), ("no-url", ["single/no-url.txt"]),
                       ("with-url", ["single/with-url.txt"])):
        done = subprocess.run([snslint, "--no-cache", "--jobs", "1", "--format", "json", *select, *args],
                              cwd=work, env=env, capture_output=True, text=True)
        if done.returncode not in LINT_OK:
            raise SystemExit(f"snslint failed on the {name} (exit {done.returncode}); not benchmarking "
                             f"a broken linter:\n{done.stderr.strip()[-2000:]}")
        report = json.loads(done.stdout)
        facts[name] = report["summary"] | {
            "drafts_with_findings": sum(1 for f in report["files"] if f["findings"]),
            "drafts_with_error": sum(1 for f in report["files"]
                                     if any(x["severity"] == "error" for x in f["findings"])),
        }
    text = subprocess.run([snslint, "--no-cache", *select, "corpus"], cwd=work, env=env,
                          capture_output=True, text=True)
    if "\x1b[" in text.stdout:
        facts["warning"] = "the text report has escape codes although stdout is not a terminal"
    return facts


def same_output_checks(snslint: str, select: list[str], work: Path, env: dict) -> str:
    """--jobs 1, the default jobs and the warm cache must print the same report."""
    outputs = []
    for extra in (["--no-cache", "--jobs", "1"], ["--no-cache"], []):
        outputs.append(subprocess.run([snslint, *extra, "--format", "json", *select, "corpus"],
                                      cwd=work, env=env, capture_output=True).stdout)
    return "identical" if len(set(outputs)) == 1 else "DIFFERENT (see --keep and compare)"


# --------------------------------------------------------------------------- reporting

def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if abs(seconds) < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def fmt_mib(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value / MIB:.{digits}f} MiB"


def spread(measure: Measure) -> str:
    walls = [s[0] for s in measure.samples]
    if not walls:
        return "—"
    return f"{fmt_time(min(walls))}–{fmt_time(max(walls))}"


def table(headers: list[str], rows: list[list[str]], right: set[int]) -> str:
    widths = [max(_width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells):
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - _width(str(cell)))
            out.append(pad + str(cell) if i in right else str(cell) + pad)
        return "| " + " | ".join(out) + " |"

    sep = "|" + "|".join(("-" * (w + 1) + ":") if i in right else ("-" * (w + 2))
                         for i, w in enumerate(widths)) + "|"
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def main_table(measures: dict[str, Measure], extra: dict) -> str:
    rows = []
    verdicts = []

    def add(label, median, minus, target_text, ok, spread_text, cpu, rss):
        verdict = "—" if ok is None else ("pass" if ok else "FAIL")
        if ok is not None:
            verdicts.append(ok)
        rows.append([label, median, minus, target_text, verdict, spread_text, cpu, rss])

    for measure in measures.values():
        if measure.group not in ("main", "textlint"):
            continue
        med = measure.median()
        if med is None:
            add(measure.label, "ERROR", "—", _target_text(measure), False if measure.target else None,
                "—", "—", "—")
            continue
        base = measures[measure.baseline].median() if measure.baseline else None
        minus = med - base if base is not None and measure.key != measure.baseline else None
        ok = None if measure.target is None or minus is None else minus <= measure.target
        add(measure.label, fmt_time(med),
            ("+" + fmt_time(minus)) if minus is not None and minus >= 0 else fmt_time(minus),
            _target_text(measure), ok, spread(measure), fmt_time(measure.median(1)),
            fmt_mib(measure.median(2)))

    # Peak memory of 1,000 drafts.
    for key, label in (("jobs1-text", "peak RSS, 1,000 drafts, --jobs 1 (one process)"),
                       ("default-text", "peak RSS, 1,000 drafts, default jobs (largest process)")):
        measure = measures.get(key)
        value = measure.median(2) if measure else None
        add(label, fmt_mib(value, 1), "", f"≤ {TARGET_RSS // MIB} MiB",
            None if value is None else value <= TARGET_RSS, "", "", "")
    tree = extra.get("tree_memory")
    if tree:
        add("peak memory, 1,000 drafts, default jobs (PSS sum of all processes)",
            fmt_mib(tree["pss"], 1), "", f"≤ {TARGET_RSS // MIB} MiB", tree["pss"] <= TARGET_RSS,
            "", "", "")
        add("peak memory, 1,000 drafts, default jobs (RSS sum of all processes)",
            fmt_mib(tree["rss"]), "", "—", None, "", "", "")

    # textlint ratios: raw wall-clock medians (what a user waits for); the note column
    # gives the ratio with each tool's interpreter start-up (python / node) subtracted.
    if "tl-one-plain" in measures and measures["tl-one-plain"].samples:
        for tl_key, sn_key, label, target in (
                ("tl-one-plain", "one-plain", "textlint ÷ snslint, one draft without URL", TARGET_RATIO_ONE),
                ("tl-one-url", "one-url", "textlint ÷ snslint, one draft with URL", TARGET_RATIO_ONE),
                ("tl-1000", "jobs1-text", "textlint ÷ snslint, 1,000 drafts (--jobs 1)", TARGET_RATIO_1000),
                ("tl-1000", "default-text", "textlint ÷ snslint, 1,000 drafts (default jobs)",
                 TARGET_RATIO_1000)):
            tl, sn = measures[tl_key].median(), measures[sn_key].median()
            if tl is None or sn is None:
                continue
            tl_net = tl - measures["node"].median()
            sn_net = sn - measures["python"].median()
            net = f"net {tl_net / sn_net:.1f}×" if sn_net > 0 else ""
            add(label, f"{tl / sn:.2f}×", net, f"≥ {target:.0f}×", tl / sn >= target, "", "", "")

    headers = ["measurement", "median", "− baseline", "target", "result", "min–max", "CPU", "peak RSS"]
    passed = sum(verdicts)
    return (table(headers, rows, right={1, 2, 5, 6, 7})
            + f"\n\n{passed} of {len(verdicts)} targets met.")


def _target_text(measure: Measure) -> str:
    return "—" if measure.target is None else f"≤ +{fmt_time(measure.target)}"


def linear_fit(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Least squares t = a + b·x: (a, b, R²)."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    sxy = sum((x - mx) * (y - my) for x, y in points)
    b = sxy / sxx if sxx else 0.0
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for _, y in points)
    ss_res = sum((y - a - b * x) ** 2 for x, y in points)
    return a, b, (1 - ss_res / ss_tot) if ss_tot else 1.0


def _verdict(points: list[tuple[float, float]], slope: float, r2: float, ratio: float) -> str:
    """linear; at most linear (no step costs more a unit than the fit, the later ones less:
    what caches of repeated work give); or NOT linear (some step costs more, as a
    quadratic scan would)."""
    if r2 >= 0.99 and 0.67 <= ratio <= 1.5:
        return "linear"
    steps = [(y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in zip(points, points[1:])]
    if slope > 0 and all(step <= 1.5 * slope for step in steps) and ratio <= 1:
        return "at most linear (the later rows cost less a unit)"
    return "NOT linear"


def scaling_tables(measures: dict[str, Measure], counts, sizes, facts: dict) -> str:
    """Wall time and CPU time against the number of drafts and the length of one draft.

    Every run is one process (--jobs 1), so its CPU time is the work done and hardly
    changes with the load of other processes; the verdict is taken on it, the wall-clock
    fit is shown beside it. The fits start at `fit_from` (100 drafts, 100 KB): the first
    drafts also pay one-time costs that their content triggers (the URL code and the
    public-suffix list, the patterns compiled on first use), a step, not a slope.
    """
    baseline = measures["scale-python"]
    base_wall, base_cpu = baseline.median(0), baseline.median(1)

    def block(keys, xs, unit_label, unit_div, describe, title, fit_from, fit_label):
        rows, walls, cpus = [], [], []
        previous = None
        for key, x in zip(keys, xs):
            measure = measures[key]
            if not measure.samples:
                rows.append([describe(x), "ERROR", "", "", "", "", ""])
                continue
            wall, cpu = measure.median(0) - base_wall, measure.median(1) - base_cpu
            walls.append((x, wall))
            cpus.append((x, cpu))
            units = x / unit_div
            marginal = ""
            if previous is not None:
                marginal = f"{(cpu - previous[1]) / ((x - previous[0]) / unit_div) * 1000:.1f} ms"
            previous = (x, cpu)
            rows.append([describe(x), fmt_time(measure.median(0)), "+" + fmt_time(wall),
                         "+" + fmt_time(cpu), f"{cpu / units * 1000:.1f} ms", marginal,
                         fmt_mib(measure.median(2))])
        headers = [describe(None), "wall", "wall − baseline", "CPU − baseline",
                   f"CPU per {unit_label}", f"marginal CPU per {unit_label}", "peak RSS"]
        text = f"{title}\n\n" + table(headers, rows, right={1, 2, 3, 4, 5, 6})
        walls = [point for point in walls if point[0] >= fit_from]
        cpus = [point for point in cpus if point[0] >= fit_from]
        if len(cpus) >= 3:
            text += "\n"
            for name, points in (("wall", walls), ("CPU", cpus)):
                a, b, r2 = linear_fit(points)
                step = (points[-1][1] - points[-2][1]) / (points[-1][0] - points[-2][0])
                ratio = step / b if b > 0 else float("inf")
                verdict = ""
                if name == "CPU":
                    verdict = " → " + _verdict(points, b, r2, ratio)
                text += (f"\n{name} fit from {fit_label} on: "
                         f"{fmt_time(a)} + {b * unit_div * 1000:.2f} ms per {unit_label}, "
                         f"R² = {r2:.4f}; last step ÷ slope = {ratio:.2f}{verdict}")
        return text

    found = facts.get("size_findings", {})
    sizes_bytes = [facts["size_bytes"][s] for s in sizes]
    return "\n\n".join([
        block([f"count-{c}" for c in counts], counts, "draft", 1,
              lambda x: "drafts" if x is None else f"{x:,}",
              "Scaling with the number of drafts (--jobs 1, text; folders of ~300-character drafts)",
              100, "100 drafts"),
        block([f"size-{s}" for s in sizes], sizes_bytes, "KB", 1000,
              lambda x: "one file of" if x is None else f"{x:,} B ({found.get(x, '?')} findings)",
              "Scaling with the length of one draft (--jobs 1, text; 1 KB = 1,000 bytes; the largest "
              "is 999,000 bytes, as snslint refuses files over 1,000,000 bytes)",
              99_000, "100 KB"),
    ])


# --------------------------------------------------------------------------- profile

def profile(snslint: str, python: str, select: list[str], work: Path, env: dict, top: int) -> str:
    """cProfile (sorted by cumulative time) of one draft cold and of 1,000 drafts with --jobs 1."""
    import pstats

    out = []
    cases = (("one draft with URL, cold", ["single/with-url.txt"]),
             ("1,000 drafts, --jobs 1", ["--jobs", "1", "corpus"]))
    for title, args in cases:
        prof = work / "profile.out"
        subprocess.run([python, "-m", "cProfile", "-o", str(prof), "-m", "snslint", "--no-cache",
                        *select, *args], cwd=work, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        stats = pstats.Stats(str(prof))
        total = stats.total_tt
        entries = sorted((kv for kv in stats.stats.items() if not _wrapper(kv[0])),
                         key=lambda kv: -kv[1][3])[:top]
        rows = [[_func_name(func), f"{calls:,}", f"{tt:.3f}", f"{ct:.3f}", f"{ct / total * 100:.0f}%"]
                for func, (_cc, calls, tt, ct, _callers) in entries]
        out.append(f"cProfile, {title} (total {total:.2f} s under the profiler), top {top} by "
                   "cumulative time\n\n" + table(["function", "calls", "own s", "cumulative s", "share"],
                                                 rows, right={1, 2, 3, 4}))
        own = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
        rows = [[_func_name(func), f"{calls:,}", f"{tt:.3f}", f"{tt / total * 100:.0f}%"]
                for func, (_cc, calls, tt, _ct, _callers) in own]
        out.append(f"cProfile, {title}: top {top} by own time\n\n"
                   + table(["function", "calls", "own s", "share"], rows, right={1, 2, 3}))
    # Start-up: which imports the one-draft run pays for.
    done = subprocess.run([python, "-X", "importtime", "-m", "snslint", "--no-cache", *select,
                           "single/with-url.txt"], cwd=work, env=env, capture_output=True, text=True)
    imports = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self" in line:
            continue
        head, cumulative_us, name = line.split("|", 2)
        self_us = int(head.split(":", 1)[1])
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        imports.append((int(cumulative_us), self_us, depth, name.strip()))
    top_level = sorted((i for i in imports if i[2] == 0), reverse=True)[:top]
    rows = [[name, f"{cum / 1000:.1f} ms", f"{own / 1000:.1f} ms"] for cum, own, _d, name in top_level]
    total_us = sum(i[0] for i in imports if i[2] == 0)
    out.append(f"-X importtime, one draft with URL: {total_us / 1000:.0f} ms of imports in all; "
               "the first import of each package by cumulative time\n\n"
               + table(["module", "cumulative", "own"], rows, right={1, 2}))
    return "\n\n".join(out)


def _wrapper(func) -> bool:
    """Frames that only pass the call on (runpy, click, importlib's inner steps)."""
    path, _line, name = func
    if path == "<frozen importlib._bootstrap>":
        return name != "_find_and_load"
    return (path in ("<frozen runpy>", "<string>") or path.endswith(("click/core.py", "__main__.py"))
            or path.startswith("<frozen importlib._bootstrap_external>")
            or name == "<built-in method builtins.exec>")


def _func_name(func) -> str:
    import re

    path, line, name = func
    if path == "~":
        return name
    path = re.sub(r"^.*/(site-packages|src)/", "", path)
    path = re.sub(r"^.*/lib/python3\.\d+/", "", path)
    return f"{path}:{line}({name})"


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=None, help="interleaved rounds (default 10; --quick 3)")
    parser.add_argument("--scale-runs", type=int, default=None,
                        help="rounds of the scaling runs (default 5; --quick 2)")
    parser.add_argument("--quick", action="store_true", help="fewer rounds and scaling points")
    parser.add_argument("--no-textlint", action="store_true", help="skip the textlint comparison")
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling tables")
    parser.add_argument("--profile", action="store_true",
                        help="also print cProfile and -X importtime summaries (untimed)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"corpus seed (default {SEED})")
    parser.add_argument("--snslint", default=None,
                        help="snslint executable (default: the one next to this Python)")
    parser.add_argument("--textlint-prefix", default=None,
                        help="reuse textlint installed in this folder instead of a fresh npm install")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--save", default=None, help="also write every sample as JSON to this file")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 10)
    scale_runs = args.scale_runs or (2 if args.quick else 5)
    counts = COUNTS_QUICK if args.quick else COUNTS_FULL
    sizes = SIZES_QUICK if args.quick else SIZES_FULL

    snslint = Path(args.snslint or Path(sys.executable).parent / "snslint")
    if not snslint.exists():
        found = shutil.which(str(snslint))
        if not found:
            print(f"snslint not found at {snslint}; pass --snslint PATH", file=sys.stderr)
            return 2
        snslint = Path(found)
    snslint = str(snslint)
    python = interpreter_of(Path(snslint))

    work = Path(tempfile.mkdtemp(prefix="snslint-bench-"))
    env = child_env(work)
    load_before = os.getloadavg()
    started = time.time()
    try:
        print(f"[setup] corpus and scaling files in {work}", file=sys.stderr, flush=True)
        info = write_corpus(work, args.seed, () if args.no_scaling else counts,
                            () if args.no_scaling else sizes)
        select, rules_note = rule_selection(python, env, work)
        version = subprocess.run([snslint, "--version"], cwd=work, env=env, capture_output=True,
                                 text=True).stdout.strip()
        where = subprocess.run([python, "-c", "import snslint; print(snslint.__file__)"], cwd=work,
                               env=env, capture_output=True, text=True).stdout.strip()
        # Untimed: the commands must work (this also compiles the bytecode) and say what
        # the corpus yields.
        source_before = fingerprint(python, env, work)
        facts = check_outputs(snslint, select, work, env)
        subprocess.run([snslint, *select, "corpus"], cwd=work, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)  # fills .snslint_cache/ for the warm-cache row
        facts["same_output"] = same_output_checks(snslint, select, work, env)

        lint = [snslint, "--no-cache", *select]
        measures = [
            Measure("python", "python -c pass (baseline)", [python, "-c", "pass"], baseline=None),
            Measure("version", "snslint --version", [snslint, "--version"], target=TARGET_VERSION),
            Measure("help", "snslint --help", [snslint, "--help"], target=TARGET_VERSION),
            Measure("one-plain", "one draft without URL (cold, text)", [*lint, "single/no-url.txt"],
                    ok=LINT_OK, target=TARGET_ONE_PLAIN),
            Measure("one-url", "one draft with URL (cold, text)", [*lint, "single/with-url.txt"],
                    ok=LINT_OK, target=TARGET_ONE_URL),
            Measure("jobs1-text", "1,000 drafts, --jobs 1, text", [*lint, "--jobs", "1", "corpus"],
                    ok=LINT_OK, target=TARGET_1000_JOBS1),
            Measure("jobs1-json", "1,000 drafts, --jobs 1, JSON",
                    [*lint, "--jobs", "1", "--format", "json", "corpus"], ok=LINT_OK,
                    target=TARGET_1000_JOBS1),
            Measure("default-text", f"1,000 drafts, default jobs ({os.cpu_count()}), text",
                    [*lint, "corpus"], ok=LINT_OK, target=TARGET_1000_DEFAULT),
            Measure("default-json", f"1,000 drafts, default jobs ({os.cpu_count()}), JSON",
                    [*lint, "--format", "json", "corpus"], ok=LINT_OK, target=TARGET_1000_DEFAULT),
            Measure("warm", "1,000 drafts, warm result cache, default jobs, text",
                    [snslint, *select, "corpus"], ok=LINT_OK),
        ]
        textlint_note = "textlint skipped (--no-textlint)"
        if not args.no_textlint:
            binary, textlint_note = setup_textlint(work, args.textlint_prefix)
            if binary:
                tl = [str(binary), "--config", str(work / "textlintrc.json")]
                smoke = subprocess.run([*tl, "single/no-url.txt"], cwd=work, capture_output=True, text=True)
                if smoke.returncode not in LINT_OK:
                    textlint_note = (f"textlint skipped: it failed on a draft (exit {smoke.returncode}: "
                                     f"{smoke.stderr.strip()[-300:]})")
                else:
                    node = shutil.which("node")
                    measures += [
                        Measure("node", "node -e 0 (textlint's baseline)", [node, "-e", "0"],
                                baseline=None, group="textlint"),
                        Measure("tl-one-plain", "textlint, one draft without URL",
                                [*tl, "single/no-url.txt"], ok=LINT_OK, baseline="node", group="textlint"),
                        Measure("tl-one-url", "textlint, one draft with URL",
                                [*tl, "single/with-url.txt"], ok=LINT_OK, baseline="node", group="textlint"),
                        Measure("tl-1000", "textlint, 1,000 drafts", [*tl, "corpus"], ok=LINT_OK,
                                baseline="node", group="textlint"),
                    ]
                    done = subprocess.run([*tl, "--format", "json", "corpus"], cwd=work,
                                          capture_output=True, text=True)
                    try:
                        report = json.loads(done.stdout)
                        textlint_note += (f"; on the corpus: {len(report)} files, "
                                          f"{sum(len(f['messages']) for f in report)} messages")
                    except ValueError:
                        pass
            print(f"[setup] {textlint_note}", file=sys.stderr, flush=True)

        by_key = {m.key: m for m in measures}
        cache_before = cache_state(work)
        rounds(measures, runs, work, env, args.seed, "main")
        if cache_state(work) != cache_before:
            facts["warning_cache"] = ("the warm-cache runs rewrote the cache, so they missed it "
                                      "(did the rule packs change during the run?)")
        extra = {}
        result = tree_memory([*lint, "corpus"], work, env)
        if result and result[2] in LINT_OK:
            extra["tree_memory"] = {"rss": result[0], "pss": result[1]}

        scale_text = ""
        if not args.no_scaling:
            scale = [Measure("scale-python", "python -c pass", [python, "-c", "pass"], baseline=None,
                             group="scale")]
            scale += [Measure(f"count-{c}", f"{c} drafts", [*lint, "--jobs", "1", f"scale/drafts-{c}"],
                              ok=LINT_OK, group="scale") for c in counts]
            scale += [Measure(f"size-{s}", f"{s} bytes", [*lint, "--jobs", "1", f"scale/length-{s}.txt"],
                              ok=LINT_OK, group="scale") for s in sizes]
            facts["size_bytes"] = {s: (work / "scale" / f"length-{s}.txt").stat().st_size for s in sizes}
            facts["size_findings"] = {}
            for s in sizes:
                done = subprocess.run([*lint, "--jobs", "1", "--format", "json", f"scale/length-{s}.txt"],
                                      cwd=work, env=env, capture_output=True, text=True)
                try:
                    summary = json.loads(done.stdout)["summary"]
                    facts["size_findings"][facts["size_bytes"][s]] = (
                        summary["errors"] + summary["warnings"] + summary["infos"])
                except (ValueError, KeyError):
                    facts["size_findings"][facts["size_bytes"][s]] = "?"
            rounds(scale, scale_runs, work, env, args.seed, "scaling")
            by_key.update({m.key: m for m in scale})
            scale_text = scaling_tables(by_key, counts, sizes, facts)

        profile_text = profile(snslint, python, select, work, env, 20) if args.profile else ""
        load_after = os.getloadavg()
        source_after = fingerprint(python, env, work)

        # ------------------------------------------------------------------ report
        print()
        print(f"snslint benchmark — {time.strftime('%Y-%m-%d %H:%M:%S %z', time.localtime(started))}, "
              f"{runs} interleaved rounds (medians)")
        print(f"{version} ({where}, source+rules fingerprint {source_before}); Python {platform.python_version()} at {python}; "
              f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores; {rules_note}")
        print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
              f"(1 min); other processes on the machine slow every row alike, the baseline too")
        print()
        print(main_table(by_key, extra))
        print()
        c = info
        print(f"corpus (seed {args.seed}): {c['drafts']} drafts, {c['bytes_total']:,} bytes, body "
              f"{c['chars_min']}–{c['chars_max']} characters (median {c['chars_median']}); "
              f"{c['with_url']} with a URL, {c['with_hashtags']} with hashtags, "
              f"{c['with_front_matter']} with front matter, {c['with_problem']} with a planted problem")
        s = facts["corpus"]
        print(f"snslint on the corpus: {s['errors']} errors, {s['warnings']} warnings, {s['infos']} infos "
              f"in {s['drafts_with_findings']} drafts ({s['drafts_with_error']} with an error); "
              f"--jobs 1, default jobs and warm cache reports: {facts['same_output']}")
        print(f"single drafts: no-url.txt {c['single']['no-url.txt']} characters, "
              f"{facts['no-url']['errors'] + facts['no-url']['warnings'] + facts['no-url']['infos']} findings; "
              f"with-url.txt {c['single']['with-url.txt']} characters, "
              f"{facts['with-url']['errors'] + facts['with-url']['warnings'] + facts['with-url']['infos']} findings")
        print(textlint_note)
        for name in ("warning", "warning_cache"):
            if name in facts:
                print("WARNING:", facts[name])
        if source_after != source_before:
            print(f"WARNING: snslint's source or rule packs changed during the run (fingerprint "
                  f"{source_before} → {source_after}): the figures mix versions; run again on a "
                  "quiet tree or on an installed copy (--snslint)")
        for m in by_key.values():
            if m.errors:
                print(f"ERROR in {m.label}: {len(m.errors)} of {len(m.errors) + len(m.samples)} runs "
                      f"failed; last: {m.errors[-1]}")
        if scale_text:
            print()
            print(scale_text)
        if profile_text:
            print()
            print(profile_text)
        if args.save:
            Path(args.save).write_text(json.dumps({
                "version": version, "runs": runs, "seed": args.seed, "corpus": info,
                "facts": {k: v for k, v in facts.items() if k not in ("size_bytes", "size_findings")},
                "tree_memory": extra.get("tree_memory"),
                "samples": {m.key: {"label": m.label, "wall_cpu_rss": m.samples, "errors": m.errors}
                            for m in by_key.values()},
            }, ensure_ascii=False, indent=1))
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
