"""The benchmark: whole-process timings of contentlint, proselint and a plain-Python floor.

    python benchmarks/run.py            # build the corpus if needed, measure, print, write RESULTS.md
    python benchmarks/run.py --quick    # a small corpus and one run each: a smoke test

Every figure is a whole process started from the command line, as a user or a hook
would start it: median wall time of several runs (hyperfine for the start-up figures
when it is installed), peak RSS from ``wait4``. proselint runs from its own virtual
environment (benchmarks/.venv, created on first use) on the same files in the same run,
so ratios stay meaningful on a busy machine even when absolute times move.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = HERE / ".venv"
CONFIG = HERE / "contentlint.yaml"
CHECKS = ("encoding", "html-comment", "chrome", "links", "claims")
MB = 1_000_000
LONG_RUN = 20.0  # seconds: a run this long is not repeated (its noise is small anyway)
TIMEOUT = 300.0  # seconds: a run is stopped here and reported as "> 300 s"

sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402


@dataclass
class Timing:
    """Wall seconds (median over runs), CPU seconds (median) and peak RSS (max, MB)."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    exit_codes: set[int] = field(default_factory=set)
    timed_out: bool = False

    @property
    def wall(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus) if self.cpus else float("nan")


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # Byte-code caching as an installed package has it; some shells switch it off.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


GNU_TIME = Path("/usr/bin/time")


def run_once(command: list[str], env: dict[str, str], timing: Timing) -> None:
    """One run. Peak RSS comes from GNU time when it is there: a process started straight
    from this one inherits this process's high-water mark across exec (Linux), so its own
    ``ru_maxrss`` would be at least ours."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = [str(GNU_TIME), "-f", "%M", "-o", rss.name, *command]
        start = time.perf_counter()
        process = subprocess.Popen(
            wrapped if GNU_TIME.exists() else command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        deadline = start + TIMEOUT
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                timing.timed_out = True
                break
            time.sleep(0.002)
        timing.walls.append(time.perf_counter() - start)
        peak_kib = float(usage.ru_maxrss)
        if GNU_TIME.exists():
            lines = rss.read().split()
            peak_kib = float(lines[-1]) if lines and lines[-1].isdigit() else peak_kib
    timing.cpus.append(usage.ru_utime + usage.ru_stime)
    timing.rss_mb = max(timing.rss_mb, peak_kib / 1024)
    timing.exit_codes.add(os.waitstatus_to_exitcode(status))


def measure(command: list[str], env: dict[str, str], runs: int, warmup: int = 1) -> Timing:
    """Median of ``runs`` runs after ``warmup``; a run longer than LONG_RUN is not repeated."""
    timing = Timing()
    for _ in range(warmup):
        first = Timing()
        run_once(command, env, first)
        if first.walls[-1] > LONG_RUN:  # warm enough: measure it, do not run it again
            return first
    for _ in range(runs):
        run_once(command, env, timing)
        if timing.walls[-1] > LONG_RUN or timing.timed_out:
            break
    return timing


def hyperfine(command: list[str], env: dict[str, str], runs: int) -> Timing:
    """Start-up figures: hyperfine's median when it is installed, else ours."""
    timing = measure(command, env, 3, warmup=1)  # for RSS and exit codes
    exe = shutil.which("hyperfine")
    if exe is None:
        more = measure(command, env, runs, warmup=0)
        timing.walls = more.walls
        return timing
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "out.json"
        subprocess.run(
            [
                *(exe, "-N", "-i", "--warmup", "3", "--runs", str(runs)),
                *("--export-json", str(export), "--", " ".join(map(_quote, command))),
            ],
            check=True,
            capture_output=True,
            env=env,
            cwd=ROOT,
        )
        data = json.loads(export.read_text(encoding="utf-8"))["results"][0]
    timing.walls = list(data["times"])
    return timing


def _quote(part: str) -> str:
    return part if part and all(c.isalnum() or c in "-_./=:," for c in part) else repr(part)


# --- the tools --------------------------------------------------------------------------


def contentlint_command(explicit: str | None) -> list[str]:
    if explicit:
        return [explicit]
    script = Path(sys.executable).parent / "contentlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "lint"]


def proselint_command(install: bool) -> list[str] | None:
    exe = VENV / "bin" / "proselint"
    if not exe.exists() and install:
        print("installing proselint into benchmarks/.venv ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", "proselint"],
            check=False,
        )
    return [str(exe), "check"] if exe.exists() else None


def _version(command: list[str], env: dict[str, str]) -> str:
    try:
        out = subprocess.run(
            command, check=False, capture_output=True, text=True, env=env, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr) else "?"


# --- the run ----------------------------------------------------------------------------


@dataclass
class Corpus:
    folder: Path
    small: Path
    linked: Path
    proselint_slice: Path
    base: Path
    double: Path
    big: Path
    line: Path

    def size(self, path: Path) -> int:
        if path.is_file():
            return path.stat().st_size
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def ensure_corpus(quick: bool, rebuild: bool) -> Corpus:
    folder = make_corpus.DEFAULT_OUT / ("quick" if quick else "")
    sizes, big, line = ([1.0, 2.0], 5.0, 1.0) if quick else ([1.0, 10.0, 20.0], 50.0, 5.0)
    names = [f"mixed-{s:g}mb" for s in sizes]
    if rebuild or not all((folder / n).is_dir() for n in names) or not (folder / "big.md").exists():
        print(f"building the corpus in {folder} ...", file=sys.stderr)
        make_corpus.build(folder, make_corpus.DEFAULT_SEED, sizes, big, line)
    return Corpus(
        folder=folder,
        small=folder / "small" / "clean.md",
        linked=folder / "small" / "one-link.md",
        proselint_slice=folder / names[0],
        base=folder / names[-2] if len(names) > 2 else folder / names[0],
        double=folder / names[-1],
        big=folder / "big.md",
        line=folder / "long-line.txt",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="contentlint's benchmark (see benchmarks/README.md)"
    )
    parser.add_argument("--quick", action="store_true", help="small corpus, one run each")
    parser.add_argument("--runs", type=int, default=3, help="runs per throughput figure")
    parser.add_argument("--startup-runs", type=int, default=20, help="runs per start-up figure")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the corpus first")
    parser.add_argument("--no-proselint", action="store_true", help="skip proselint")
    parser.add_argument("--contentlint", help="the contentlint executable to time")
    parser.add_argument(
        "--results", type=Path, default=HERE / "RESULTS.md", help="where to write the results"
    )
    parser.add_argument("--no-write", action="store_true", help="print only; write no file")
    parser.add_argument(
        "--render-only", action="store_true", help="rebuild the report from the last run's figures"
    )
    args = parser.parse_args(argv)
    if args.render_only:
        return _render_only(args)
    runs = 1 if args.quick else args.runs
    startup_runs = 5 if args.quick else args.startup_runs
    env = _environment()
    corpus = ensure_corpus(args.quick, args.rebuild)
    lint = contentlint_command(args.contentlint)
    base = [*lint, "check", "--config", str(CONFIG), "--no-respect-gitignore", "-q"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    m: dict[str, Any] = {"runs": runs, "cores": cores}

    def step(name: str) -> None:
        print(f"  {name} ...", file=sys.stderr, flush=True)

    started = time.time()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    step("start-up")
    m["python"] = hyperfine([sys.executable, "-c", "pass"], env, startup_runs)
    m["import"] = hyperfine([sys.executable, "-c", "import lint"], env, startup_runs)
    m["startup"] = hyperfine([*base, str(corpus.small)], env, startup_runs)
    m["startup_link"] = hyperfine([*base, str(corpus.linked)], env, startup_runs)
    core = ["--select", "encoding,html-comment"]
    m["startup_core"] = hyperfine([*base, *core, str(corpus.small)], env, startup_runs)
    step("throughput, one job")
    m["j1"] = measure([*base, "--jobs", "1", str(corpus.base)], env, runs)
    step(f"throughput, --jobs {cores}")
    m["jall"] = measure([*base, "--jobs", str(cores), str(corpus.base)], env, runs)
    step("scaling")
    m["j1_double"] = measure([*base, "--jobs", "1", str(corpus.double)], env, runs)
    step("one big file and one long line")
    m["big"] = measure([*base, "--jobs", "1", str(corpus.big)], env, runs)
    m["line"] = measure([*base, "--jobs", "1", str(corpus.line)], env, runs)
    step("each check alone (whole process)")
    m["select"] = {
        check: measure([*base, "--jobs", "1", "--select", check, str(corpus.base)], env, runs)
        for check in _available_checks(lint, env)
    }
    step("each check alone (in process)")
    m["inproc"] = _in_process(lint, corpus.base, env)
    step("floor")
    m["floor"] = measure([sys.executable, str(HERE / "floor.py"), str(corpus.base)], env, runs)
    m["j1_slice"] = measure([*base, "--jobs", "1", str(corpus.proselint_slice)], env, runs)
    prose = None if args.no_proselint else proselint_command(install=True)
    if prose is not None:
        step("proselint")
        m["proselint"] = measure([*prose, str(corpus.proselint_slice)], env, 1 if args.quick else 2)
        m["proselint_startup"] = measure([*prose, str(corpus.small)], env, 5)
        m["proselint_version"] = _version(
            [
                str(VENV / "bin" / "python"),
                "-c",
                "from importlib.metadata import version as v; print('proselint', v('proselint'))",
            ],
            env,
        )
    sizes = {
        key: corpus.size(path)
        for key, path in {
            "base": corpus.base,
            "double": corpus.double,
            "big": corpus.big,
            "line": corpus.line,
            "slice": corpus.proselint_slice,
            "small": corpus.small,
        }.items()
    }
    _save(corpus.folder / "last-run.json", m, sizes, started, load)
    report = render(m, sizes, corpus, started, load)
    print(report)
    if not args.no_write and not args.quick:
        args.results.write_text(report, encoding="utf-8")
        print(f"wrote {args.results}", file=sys.stderr)
    return 0


def _render_only(args: argparse.Namespace) -> int:
    corpus = ensure_corpus(args.quick, rebuild=False)
    m, sizes, started, load = _restore(corpus.folder / "last-run.json")
    report = render(m, sizes, corpus, started, load)
    print(report)
    if not args.no_write and not args.quick:
        args.results.write_text(report, encoding="utf-8")
    return 0


def _save(
    path: Path, m: dict[str, Any], sizes: dict[str, int], started: float, load: float
) -> None:
    """The raw figures, so that ``--render-only`` can rebuild the report without measuring."""

    def plain(value: Any) -> Any:
        if isinstance(value, Timing):
            return {
                "__timing__": dataclasses.asdict(value) | {"exit_codes": sorted(value.exit_codes)}
            }
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    data = {"m": plain(m), "sizes": sizes, "started": started, "load": load}
    path.write_text(json.dumps(data), encoding="utf-8")


def _restore(path: Path) -> tuple[dict[str, Any], dict[str, int], float, float]:
    def typed(value: Any) -> Any:
        if isinstance(value, dict) and "__timing__" in value:
            fields = value["__timing__"]
            return Timing(**(fields | {"exit_codes": set(fields["exit_codes"])}))
        if isinstance(value, dict):
            return {k: typed(v) for k, v in value.items()}
        return value

    data = json.loads(path.read_text(encoding="utf-8"))
    return typed(data["m"]), data["sizes"], data["started"], data["load"]


def _available_checks(lint: list[str], env: dict[str, str]) -> list[str]:
    out = subprocess.run(
        [*lint, "rules", "--format", "json"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        data = json.loads(out.stdout)
    except json.JSONDecodeError:
        return list(CHECKS)
    found = {str(item.get("check", "")) for item in data if isinstance(item, dict)}
    return [check for check in CHECKS if check in found] or list(CHECKS)


def _in_process(lint: list[str], folder: Path, env: dict[str, str]) -> dict[str, Any]:
    python = lint[0] if lint[0].endswith("python") or "python" in Path(lint[0]).name else None
    if python is None:
        python = str(Path(lint[0]).parent / "python")
    out = subprocess.run(
        [python, str(HERE / "check_speed.py"), str(folder), str(CONFIG)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        result: dict[str, Any] = json.loads(out.stdout)
    except json.JSONDecodeError:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    return result


# --- the report ---------------------------------------------------------------------------


def _mbs(size: int, seconds: float) -> float:
    return size / MB / seconds if seconds > 0 else float("nan")


def _rate(size: int, timing: Timing) -> str:
    """MB/s, or an upper bound when the run was stopped at the timeout."""
    rate = _mbs(size, timing.wall)
    return f"< {rate:.2f}" if timing.timed_out else f"{rate:.2f}"


def _ok(met: bool) -> str:
    return "met" if met else "**not met**"


def render(
    m: dict[str, Any], sizes: dict[str, int], corpus: Corpus, started: float, load: float
) -> str:
    base_mb = sizes["base"] / MB
    j1 = _mbs(sizes["base"], m["j1"].wall)
    jall = _mbs(sizes["base"], m["jall"].wall)
    floor = _mbs(sizes["base"], m["floor"].wall)
    scaling = m["j1_double"].wall / m["j1"].wall
    prose = m.get("proselint")
    prose_mbs = _mbs(sizes["slice"], prose.wall) if prose else float("nan")
    prose_cpu_ratio = (
        _mbs(sizes["base"], m["j1"].cpu) / _mbs(sizes["slice"], prose.cpu)
        if prose
        else float("nan")
    )
    rss = max(m[k].rss_mb for k in ("j1", "jall", "j1_double"))
    linear = (
        not (m["big"].timed_out or m["line"].timed_out)
        and min(_mbs(sizes["big"], m["big"].wall), _mbs(sizes["line"], m["line"].wall)) >= 0.5 * j1
    )
    startup_ms = m["startup"].wall * 1000
    link_ms = m["startup_link"].wall * 1000
    inproc = m["inproc"]
    check_rows = []
    slowest = float("inf")
    for check, timing in m["select"].items():
        alone = inproc.get("checks", {}).get(check)
        own = _mbs(inproc["bytes"], alone["seconds"]) if alone else float("nan")
        slowest = min(slowest, own)
        check_rows.append(
            f"| `--select {check}` | {timing.wall:.2f} s | {_rate(sizes['base'], timing)} MB/s "
            f"| {own:.1f} MB/s | {alone['findings'] if alone else '?'} |"
        )
    index_mbs = _mbs(inproc["bytes"], inproc["indexes"]) if "indexes" in inproc else float("nan")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started))
    lines = [
        "# Benchmark results",
        "",
        f"Measured {when} with `python benchmarks/run.py`: {m['cores']} cores, "
        f"Python {platform.python_version()}, {platform.machine()}, load average {load:.1f} at the start; "
        f"median of {m['runs']} runs (a run over {LONG_RUN:.0f} s is not repeated), start-up figures "
        f"median of {len(m['startup'].walls)} runs{' (hyperfine)' if shutil.which('hyperfine') else ''}. "
        f"Corpus: `{corpus.base.name}` ({base_mb:.1f} MB, seed {make_corpus.DEFAULT_SEED}); "
        f"proselint ({m.get('proselint_version', 'not installed')}) on `{corpus.proselint_slice.name}` "
        f"({sizes['slice'] / MB:.1f} MB) in the same run.",
        "",
        *(
            [
                f"The machine was busy (load {load:.1f} on {m['cores']} cores): wall times are "
                "inflated; the CPU figures are the programs' own cost, and the ratios of this run "
                "still compare like with like.",
                "",
            ]
            if load > m["cores"]
            else []
        ),
        "## Targets",
        "",
        "| figure | target | measured | |",
        "|---|---|---|---|",
        f"| throughput, one job, all checks | ≥ 10 MB/s, ≥ 50× proselint | {j1:.1f} MB/s "
        f"({_mbs(sizes['base'], m['j1'].cpu):.1f} MB/s of CPU time) = {j1 / prose_mbs:.0f}× proselint "
        f"({prose_mbs:.2f} MB/s; by CPU time {prose_cpu_ratio:.0f}×); {floor / j1:.0f}× below the floor "
        f"({floor:.0f} MB/s) | {_ok(j1 >= 10 and j1 / prose_mbs >= 50)} |",
        f"| `--jobs {m['cores']}` | ≥ 1.6× one job | {jall:.1f} MB/s = {jall / j1:.2f}× | {_ok(jall / j1 >= 1.6)} |",
        f"| scaling | 2× input ≤ 2.2× time | {sizes['double'] / MB:.0f} MB takes {scaling:.2f}× "
        f"the time of {base_mb:.0f} MB | {_ok(scaling <= 2.2 * sizes['double'] / sizes['base'] / 2)} |",
        f"| no quadratic path | linear | {sizes['big'] / MB:.0f} MB file: {_rate(sizes['big'], m['big'])} MB/s; "
        f"{sizes['line'] / MB:.0f} MB single line: {_rate(sizes['line'], m['line'])} MB/s "
        f"(met when each is at least half the corpus rate) | {_ok(linear)} |",
        f"| start-up, small Markdown, no links | ≤ 150 ms | {startup_ms:.0f} ms "
        f"({m['startup'].cpu * 1000:.0f} ms CPU; with only the encoding and html-comment checks "
        f"{m['startup_core'].wall * 1000:.0f} ms, {m['startup_core'].cpu * 1000:.0f} ms CPU) "
        f"(python itself {m['python'].wall * 1000:.0f} ms, `import lint` {m['import'].wall * 1000:.0f} ms) "
        f"| {_ok(startup_ms <= 150)} |",
        f"| start-up, one link | ≤ 350 ms | {link_ms:.0f} ms ({m['startup_link'].cpu * 1000:.0f} ms CPU) "
        f"| {_ok(link_ms <= 350)} |",
        f"| peak memory | ≤ 100 MB | {rss:.0f} MB (largest single process, mixed corpora) | {_ok(rss <= 100)} |",
        f"| each check alone | ≥ 25 MB/s | slowest {slowest:.1f} MB/s (table below) | {_ok(slowest >= 25)} |",
        "",
        "## All figures",
        "",
        "| run | wall | CPU | MB/s | peak RSS |",
        "|---|---|---|---|---|",
    ]
    rows = [
        ("python -c pass", "python", sizes["small"]),
        ("import lint", "import", sizes["small"]),
        ("small clean Markdown file", "startup", sizes["small"]),
        ("small file with one link", "startup_link", sizes["small"]),
        ("small clean file, encoding and html-comment only", "startup_core", sizes["small"]),
        (f"{corpus.base.name}, --jobs 1", "j1", sizes["base"]),
        (f"{corpus.base.name}, --jobs {m['cores']}", "jall", sizes["base"]),
        (f"{corpus.double.name}, --jobs 1", "j1_double", sizes["double"]),
        (f"{corpus.big.name} (one file)", "big", sizes["big"]),
        (f"{corpus.line.name} (one line)", "line", sizes["line"]),
        (f"{corpus.proselint_slice.name}, --jobs 1", "j1_slice", sizes["slice"]),
        (f"floor: read + decode + 3 regex scans, {corpus.base.name}", "floor", sizes["base"]),
        (f"proselint, {corpus.proselint_slice.name}", "proselint", sizes["slice"]),
        ("proselint, small clean Markdown file", "proselint_startup", sizes["small"]),
    ]
    for label, key, size in rows:
        timing = m.get(key)
        if timing is None:
            continue
        stopped = " (stopped)" if timing.timed_out else ""
        lines.append(
            f"| {label} | {timing.wall * 1000:.0f} ms{stopped} | {timing.cpu * 1000:.0f} ms "
            f"| {_rate(size, timing)} | {timing.rss_mb:.0f} MB |"
        )
    lines += [
        "",
        "## Each check alone",
        "",
        f"Whole process with `--select` on {corpus.base.name} (includes start-up, walking, reading and "
        f"the shared indexes), and in process: the check's own `check()` time with the shared "
        f"indexes already built ({index_mbs:.0f} MB/s to build them), best of 3 passes.",
        "",
        "| run | wall | MB/s (process) | MB/s (check alone) | findings |",
        "|---|---|---|---|---|",
        *check_rows,
        "",
    ]
    if "error" in inproc:
        lines.append(f"In-process timing failed: {inproc['error']}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
