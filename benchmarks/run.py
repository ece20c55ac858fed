"""The benchmark: every speed figure contentlint promises, measured in one run.

    python benchmarks/run.py                    # ~5 minutes: measure, print, write RESULTS.md
    python benchmarks/run.py --before ../main   # also another checkout: the "before" columns
    python benchmarks/run.py --quick            # a smoke test (1 MB, one round), writes nothing
    python benchmarks/run.py --long             # also one 50 MB file and one 5 MB line
    python benchmarks/run.py --only startup     # one section alone (startup, jobs): prints its
                                                # figures, writes nothing

Every figure is a whole process started as a user starts it (``python -m lint``, byte-code
caching on, the default configuration plus benchmarks/contentlint.yaml), pinned to one
processor, except the ``--jobs 2`` runs, which get two. Commands that are compared run in
turn, round after round (A B A B ...), and a ratio is the median of the rounds' ratios, so
a machine whose speed drifts during the run still compares like with like. "Where the
time goes" comes from benchmarks/stages.py, in process, for this checkout and the
``--before`` one. Nothing here needs more than Python and the corpus builder; GNU time,
when present, gives the peak memory of a process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONFIG = HERE / "contentlint.yaml"
CHECKS = ("encoding", "html-comment", "chrome", "links", "claims")
MB = 1_000_000
GNU_TIME = Path("/usr/bin/time")
TARGETS = {
    "throughput": 10.0,  # MB/s, all checks, one job
    "floor_ratio": 6.5,  # at most this many times the floor's time
    "alone": 25.0,  # MB/s, each check alone
    "startup": 8.0,  # times python -c pass, small Markdown file
    "startup_link": 12.0,  # the same with one link
    "scaling": 2.2,  # time for twice the corpus
    "jobs": 1.7,  # --jobs 2 against one job
    "rss": 80.0,  # MB, peak of one process on the corpus
}

sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402


@dataclass
class Runs:
    """One command's runs: wall and CPU seconds, peak RSS (MB), exit codes."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    exit_codes: set[int] = field(default_factory=set)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus) if self.cpus else float("nan")


@dataclass
class Command:
    argv: list[str]
    env: dict[str, str]
    cpus: set[int]
    runs: Runs = field(default_factory=Runs)
    memory: bool = False  # measure peak RSS (through GNU time, when present)

    def run(self) -> float:
        """One run; returns its CPU seconds (user and system, with its child processes)."""
        argv = self.argv
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
            if self.memory and GNU_TIME.exists():
                argv = [str(GNU_TIME), "-f", "%M", "-o", rss.name, *argv]
            cpus = self.cpus
            start = time.perf_counter()
            process = subprocess.Popen(
                argv,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=self.env,
                # In the checkout measured: `python -m` puts the working folder before
                # PYTHONPATH, so from this one a --before run would import this tree.
                cwd=self.env.get("PYTHONPATH") or ROOT,
                preexec_fn=_pin(cpus),  # noqa: PLW1509 - this runner starts no threads
            )
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            if self.memory and GNU_TIME.exists():
                text = rss.read().split()
                if text and text[-1].isdigit():
                    self.runs.rss_mb = max(self.runs.rss_mb, int(text[-1]) / 1024)
        self.runs.walls.append(wall)
        self.runs.cpus.append(usage.ru_utime + usage.ru_stime)
        self.runs.exit_codes.add(os.waitstatus_to_exitcode(status))
        return self.runs.cpus[-1]


def rounds(commands: Sequence[Command], count: int, warmup: bool = True) -> list[list[float]]:
    """``count`` rounds of every command in turn; each round's CPU times.

    Figures are CPU time: on a shared machine a process's wall time also counts the time it
    waited for the processor, which moves with everyone else's load; its CPU time is its own
    work. Only ``--jobs``, whose point is wall time, is compared on wall time."""
    if warmup:
        for command in commands:
            command.run()
            command.runs = Runs()
    return [[command.run() for command in commands] for _ in range(count)]


def ratio(table: list[list[float]], a: int, b: int) -> float:
    """The median over rounds of command ``a``'s time over command ``b``'s."""
    return statistics.median(row[a] / row[b] for row in table)


# --- setting up ---------------------------------------------------------------------------


def environment(checkout: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte-code caching, as an installed package has
    env["PYTHONPATH"] = str(checkout)
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


def _pin(cpus: set[int]) -> Any:
    """A function that pins the process it runs in to ``cpus`` (None: leave it be)."""
    return (lambda: os.sched_setaffinity(0, cpus)) if cpus else None


def processors(count: int) -> set[int]:
    """The last ``count`` processors this process may use (empty: no pinning possible)."""
    if not hasattr(os, "sched_getaffinity"):
        return set()
    allowed = sorted(os.sched_getaffinity(0))
    return set(allowed[-count:]) if len(allowed) >= count else set(allowed)


@dataclass
class Corpus:
    small: Path
    linked: Path
    slice: Path
    base: Path
    double: Path
    big: Path
    line: Path

    @staticmethod
    def size(path: Path) -> int:
        if path.is_file():
            return path.stat().st_size
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def ensure_corpus(quick: bool, long: bool, rebuild: bool) -> Corpus:
    folder = HERE / "corpus"
    sizes = [1.0] if quick else [1.0, 5.0, 10.0]
    names = [f"mixed-{s:g}mb" for s in sizes]
    missing = [s for s, n in zip(sizes, names, strict=True) if rebuild or not (folder / n).is_dir()]
    small_missing = rebuild or not (folder / "small" / "clean.md").exists()
    big_missing = long and (rebuild or not (folder / "big.md").exists())
    if missing or small_missing or big_missing:
        print("building the corpus (benchmarks/make_corpus.py) ...", file=sys.stderr)
        make_corpus.build(
            folder,
            make_corpus.DEFAULT_SEED,
            missing or [],
            50 if big_missing else 0,
            5 if big_missing else 0,
        )
    return Corpus(
        small=folder / "small" / "clean.md",
        linked=folder / "small" / "one-link.md",
        slice=folder / names[0],
        base=folder / names[1] if len(names) > 1 else folder / names[0],
        double=folder / names[-1],
        big=folder / "big.md",
        line=folder / "long-line.txt",
    )


def proselint_command() -> list[str] | None:
    """proselint from this environment, else from benchmarks/.venv (installed on first use)."""
    here = Path(sys.executable).parent / "proselint"
    if here.exists():
        return [str(here), "check"]
    venv = HERE / ".venv"
    exe = venv / "bin" / "proselint"
    if not exe.exists():
        print("installing proselint into benchmarks/.venv ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "proselint"], check=False
        )
    return [str(exe), "check"] if exe.exists() else None


def stages(checkout: Path, corpus: Path, passes: int) -> dict[str, Any]:
    """benchmarks/stages.py run against ``checkout``, pinned to one processor."""
    cpus = processors(1)
    out = subprocess.run(
        [
            sys.executable,
            str(HERE / "stages.py"),
            str(corpus),
            "--config",
            str(CONFIG),
            "--passes",
            str(passes),
        ],
        capture_output=True,
        text=True,
        env=environment(checkout),
        cwd=ROOT,
        preexec_fn=_pin(cpus),  # this runner starts no threads
        check=False,
    )
    try:
        result: dict[str, Any] = json.loads(out.stdout)
    except json.JSONDecodeError:
        lines = out.stderr.strip().splitlines()
        return {"error": lines[-1] if lines else "stages.py failed"}
    return result


# --- the run ------------------------------------------------------------------------------


@dataclass
class Setup:
    corpus: Corpus
    one: set[int]  # the processor a one-job run gets
    two: set[int]  # the processors --jobs 2 gets
    after: dict[str, str]  # the environment that runs this checkout
    before: dict[str, str] | None  # ... and the --before one
    count: int  # rounds per throughput figure
    quick: bool

    def contentlint(
        self, *extra: str, before: bool = False, cpus: set[int] | None = None, memory: bool = False
    ) -> Command:
        env = self.before if before and self.before is not None else self.after
        argv = [
            sys.executable,
            "-m",
            "lint",
            "check",
            "--config",
            str(CONFIG),
            "--no-respect-gitignore",
            "-q",
            *extra,
        ]
        return Command(argv, env, self.one if cpus is None else cpus, memory=memory)


def _step(name: str) -> None:
    print(f"  {name} ...", file=sys.stderr, flush=True)


def measure_startup(s: Setup, count: int) -> dict[str, float]:
    _step("start-up")
    small, linked = str(s.corpus.small), str(s.corpus.linked)
    commands = [
        Command([sys.executable, "-c", "pass"], s.after, s.one),
        s.contentlint(small),
        s.contentlint(linked),
        s.contentlint("--select", "encoding,html-comment", small),
    ]
    if s.before is not None:
        commands += [s.contentlint(small, before=True), s.contentlint(linked, before=True)]
    table = rounds(commands, count)
    found = {
        "python_ms": commands[0].runs.cpu * 1000,
        "small_ms": commands[1].runs.cpu * 1000,
        "link_ms": commands[2].runs.cpu * 1000,
        "core_ms": commands[3].runs.cpu * 1000,
        "python_wall_ms": commands[0].runs.wall * 1000,
        "small_wall_ms": commands[1].runs.wall * 1000,
        "small": ratio(table, 1, 0),
        "link": ratio(table, 2, 0),
        "core": ratio(table, 3, 0),
    }
    if s.before is not None:
        found |= {"before_small": ratio(table, 4, 0), "before_link": ratio(table, 5, 0)}
    return found


def measure_throughput(s: Setup) -> dict[str, Any]:
    base, double = s.corpus.base, s.corpus.double
    _step(f"throughput, one job: {base.name}, {double.name} and the floor")
    floor = Command([sys.executable, str(HERE / "floor.py"), str(base)], s.after, s.one)
    single = s.contentlint("--jobs", "1", str(base), memory=True)
    twice = s.contentlint("--jobs", "1", str(double), memory=True)
    group = [floor, single, twice]
    if s.before is not None:
        group.append(s.contentlint("--jobs", "1", str(base), before=True, memory=True))
    table = rounds(group, s.count)
    found = {
        "floor_s": floor.runs.cpu,
        "single_s": single.runs.cpu,
        "single_wall_s": single.runs.wall,
        "double_s": twice.runs.cpu,
        "floor_ratio": ratio(table, 1, 0),
        "scaling": ratio(table, 2, 1),
        "rss_mb": max(single.runs.rss_mb, twice.runs.rss_mb),
        "exit_codes": sorted(single.runs.exit_codes),
    }
    if s.before is not None:
        found |= {
            "before_s": group[3].runs.cpu,
            "before_floor_ratio": ratio(table, 3, 0),
            "before_ratio": ratio(table, 3, 1),
            "before_rss_mb": group[3].runs.rss_mb,
        }
    return found


def measure_jobs(s: Setup) -> dict[str, float]:
    _step("--jobs 2 against one job")
    base = str(s.corpus.base)
    pair = [s.contentlint("--jobs", "1", base), s.contentlint("--jobs", "2", base, cpus=s.two)]
    if s.before is not None:
        pair += [
            s.contentlint("--jobs", "1", base, before=True),
            s.contentlint("--jobs", "2", base, before=True, cpus=s.two),
        ]
    rounds(pair, s.count)
    walls = [[command.runs.walls[i] for command in pair] for i in range(s.count)]
    found = {"one_s": pair[0].runs.wall, "two_s": pair[1].runs.wall, "speedup": ratio(walls, 0, 1)}
    if s.before is not None:
        found |= {
            "before_one_s": pair[2].runs.wall,
            "before_two_s": pair[3].runs.wall,
            "before_speedup": ratio(walls, 2, 3),
        }
    return found


def measure_alone(s: Setup) -> dict[str, float]:
    _step("each check alone (whole process)")
    found = {}
    for check in CHECKS:
        command = s.contentlint("--jobs", "1", "--select", check, str(s.corpus.base))
        rounds([command], 1 if s.quick else 2)
        found[check] = command.runs.cpu
    return found


def measure_proselint(s: Setup, prose: list[str]) -> dict[str, float]:
    _step(f"proselint, {s.corpus.slice.name}")
    pair = [
        Command([*prose, str(s.corpus.slice)], s.after, s.one),
        s.contentlint("--jobs", "1", str(s.corpus.slice)),
    ]
    table = rounds(pair, 1 if s.quick else 2)
    return {
        "proselint_s": pair[0].runs.cpu,
        "contentlint_s": pair[1].runs.cpu,
        "ratio": ratio(table, 0, 1),
    }


def measure_long(s: Setup) -> dict[str, dict[str, float]]:
    _step("one 50 MB file and one 5 MB line")
    found = {}
    for key, path in (("big", s.corpus.big), ("line", s.corpus.line)):
        command = s.contentlint("--jobs", "1", str(path), memory=True)
        rounds([command], 1, warmup=False)
        found[key] = {"s": command.runs.cpu, "rss_mb": command.runs.rss_mb}
    return found


def measure_stages(s: Setup, before: Path | None, count: int) -> dict[str, Any]:
    """benchmarks/stages.py for this checkout and ``before``, in turn, ``count`` times each;
    the least time of each stage."""
    _step("where the time goes (in process)")
    found: dict[str, Any] = {}
    versions = [("after", ROOT)] + ([("before", before)] if before else [])
    for _ in range(count):
        for label, checkout in versions:
            one = stages(checkout, s.corpus.base, 1)
            if "error" in one:
                found[label] = one
                continue
            kept = found.setdefault(label, one)
            for part in ("stages", "alone"):
                for key, value in one[part].items():
                    kept[part][key] = min(kept[part].get(key, value), value)
    return found


def setup(args: argparse.Namespace) -> Setup:
    return Setup(
        ensure_corpus(args.quick, args.long, args.rebuild),
        processors(1),
        processors(2),
        environment(ROOT),
        environment(args.before) if args.before else None,
        1 if args.quick else args.rounds,
        args.quick,
    )


# The sections --only runs by themselves (a change aimed at one figure is measured alone).
SECTIONS = ("startup", "jobs")


def measure_only(args: argparse.Namespace) -> dict[str, Any]:
    s = setup(args)
    if args.only == "startup":
        return measure_startup(s, 5 if args.quick else args.startup_rounds)
    return measure_jobs(s)


def measure(args: argparse.Namespace) -> dict[str, Any]:
    s = setup(args)
    corpus = s.corpus
    m: dict[str, Any] = {"cores": len(s.two), "pinned": sorted(s.one), "rounds": s.count}
    m["startup"] = measure_startup(s, 5 if args.quick else args.startup_rounds)
    m["throughput"] = measure_throughput(s)
    if len(s.two) >= 2:
        m["jobs"] = measure_jobs(s)
    m["alone_process"] = measure_alone(s)
    prose = None if args.no_proselint else proselint_command()
    if prose is not None:
        m["proselint"] = measure_proselint(s, prose)
    if args.long:
        m["long"] = measure_long(s)
    m["stages"] = measure_stages(s, args.before, 1 if args.quick else 3)
    m["sizes"] = {
        key: Corpus.size(getattr(corpus, key)) for key in ("small", "slice", "base", "double")
    } | ({"big": Corpus.size(corpus.big), "line": Corpus.size(corpus.line)} if args.long else {})
    m["names"] = {key: getattr(corpus, key).name for key in ("slice", "base", "double")}
    return m


# --- the report ---------------------------------------------------------------------------


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _mbs(size: int, seconds: float) -> float:
    return size / MB / seconds if seconds > 0 else float("nan")


def render(m: dict[str, Any], when: str, load: float, before: str | None) -> str:
    sizes, names = m["sizes"], m["names"]
    base = sizes["base"]
    tp, su = m["throughput"], m["startup"]
    after = m["stages"].get("after", {})
    alone = after.get("alone", {})
    slowest = min(alone.items(), key=lambda kv: _mbs(base, kv[1]), default=(None, float("nan")))
    rate = _mbs(base, tp["single_s"])
    lines = [
        "# Benchmark results",
        "",
        f"Measured {when} with `python benchmarks/run.py{' --before ' + before if before else ''}`: "
        f"Python {platform.python_version()}, {platform.machine()}, {m['cores']} processors, "
        f"load average {load:.1f} at the start; one process pinned to processor {m['pinned']} "
        f"(`--jobs 2`: two). Times are CPU time (user and system) of the process, medians of "
        f"{m['rounds']} rounds; ratios are medians of the rounds' ratios; `--jobs 2` is compared "
        f"on wall time. Corpus `{names['base']}` ({base / MB:.1f} MB; twice it: "
        f"`{names['double']}`), start-up on a {sizes['small'] / 1000:.0f} KB Markdown file.",
        "",
        *(
            [
                f"The machine was busy (load {load:.1f} on {m['cores']} processors): a process's "
                "CPU time too moves by 10-40% from run to run (the processors' caches and "
                "cores are shared), so compare before and after within one table, prefer the "
                "in-process tables, and read `--jobs 2` (wall time) with care.",
                "",
            ]
            if load >= m["cores"]
            else []
        ),
        "## Targets",
        "",
        "| figure | target | measured | |",
        "|---|---|---|---|",
        f"| all checks, one job | ≥ {TARGETS['throughput']:g} MB/s | {rate:.1f} MB/s "
        f"({_mbs(base, tp['single_wall_s']):.1f} MB/s of wall time) | {_met(rate >= TARGETS['throughput'])} |",
        f"| ... against the floor (read, decode, three scans) | ≤ {TARGETS['floor_ratio']:g}× its time "
        f"| {tp['floor_ratio']:.1f}× ({_mbs(base, tp['floor_s']):.0f} MB/s) | {_met(tp['floor_ratio'] <= TARGETS['floor_ratio'])} |",
        f"| each check alone | ≥ {TARGETS['alone']:g} MB/s | slowest: {slowest[0]} {_mbs(base, slowest[1]):.1f} MB/s "
        f"(in process, table below) | {_met(_mbs(base, slowest[1]) >= TARGETS['alone'])} |",
        f"| start-up, small Markdown file | ≤ {TARGETS['startup']:g}× `python -c pass` | {su['small']:.1f}× "
        f"({su['small_ms']:.0f} ms; python {su['python_ms']:.0f} ms) | {_met(su['small'] <= TARGETS['startup'])} |",
        f"| start-up, with one link | ≤ {TARGETS['startup_link']:g}× | {su['link']:.1f}× ({su['link_ms']:.0f} ms) "
        f"| {_met(su['link'] <= TARGETS['startup_link'])} |",
        f"| twice the corpus | ≤ {TARGETS['scaling']:g}× the time | {tp['scaling']:.2f}× | {_met(tp['scaling'] <= TARGETS['scaling'])} |",
    ]
    if "jobs" in m:
        jobs = m["jobs"]["speedup"]
        lines.append(
            f"| `--jobs 2` | ≥ {TARGETS['jobs']:g}× one job | {jobs:.2f}× | {_met(jobs >= TARGETS['jobs'])} |"
        )
    lines.append(
        f"| peak RSS, one process on the corpus | ≤ {TARGETS['rss']:g} MB | {tp['rss_mb']:.0f} MB "
        f"| {_met(0 < tp['rss_mb'] <= TARGETS['rss']) if tp['rss_mb'] else 'not measured (no GNU time)'} |"
    )
    if "proselint" in m:
        pr = m["proselint"]
        lines.append(
            f"| against proselint ({names['slice']}) | | contentlint {pr['ratio']:.1f}× faster "
            f"({_mbs(sizes['slice'], pr['contentlint_s']):.2f} against {_mbs(sizes['slice'], pr['proselint_s']):.2f} MB/s) | |"
        )
    lines += ["", *_before_lines(m, before), *_time_table(m, before), *_other_figures(m)]
    return "\n".join(lines) + "\n"


def _before_lines(m: dict[str, Any], before: str | None) -> list[str]:
    if not before:
        return []
    tp, su, base = m["throughput"], m["startup"], m["sizes"]["base"]
    return [
        f"## Before and after (`{before}` against this checkout, same rounds)",
        "",
        "| figure | before | after |",
        "|---|---|---|",
        f"| all checks, one job | {_mbs(base, tp['before_s']):.1f} MB/s, {tp['before_floor_ratio']:.1f}× the floor "
        f"| {_mbs(base, tp['single_s']):.1f} MB/s, {tp['floor_ratio']:.1f}× the floor "
        f"({1 / tp['before_ratio']:.2f}× the time before, same rounds) |",
        f"| peak RSS, one process, {m['names']['base']} | {tp['before_rss_mb']:.0f} MB | {tp['rss_mb']:.0f} MB |",
        f"| start-up, small Markdown file | {su['before_small']:.1f}× `python -c pass` | {su['small']:.1f}× |",
        f"| start-up, with one link | {su['before_link']:.1f}× | {su['link']:.1f}× |",
        "",
    ]


def _time_table(m: dict[str, Any], before: str | None) -> list[str]:
    after = m["stages"].get("after", {})
    if "error" in after or not after:
        return [f"In-process timing failed: {after.get('error', 'no result')}", ""]
    previous = m["stages"].get("before", {})
    base = after["bytes"]
    total = sum(after["stages"].values())
    lines = [
        "## Where the time goes",
        "",
        f"In process (benchmarks/stages.py), CPU time of one pass over `{m['names']['base']}` with "
        "every check, best of 3, pinned to one processor: each stage of a `check` run, then each "
        "check alone (a linter with only that check, its scan included). Every pass is a first "
        "look at the corpus, as a `check` run's is (new check objects, the caches of earlier "
        'documents cleared), after a warm-up on the seeds; "first documents" is what that '
        "warm-up costs a new process beyond linting the seeds (lazy imports, patterns, models). "
        "The interpreter's start and the imports before the first document are the start-up "
        "figures below.",
        "",
        "| stage | " + ("before | " if previous else "") + "after | share | MB/s |",
        "|---|" + ("---|" if previous else "") + "---|---|---|",
    ]
    old = previous.get("stages", {})
    for stage, seconds in sorted(after["stages"].items(), key=lambda kv: -kv[1]):
        cells = [stage]
        if previous:
            cells.append(f"{old[stage] * 1000:.0f} ms" if stage in old else "-")
        cells += [
            f"{seconds * 1000:.0f} ms",
            f"{100 * seconds / total:.0f}%",
            f"{_mbs(base, seconds):.0f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    cells = ["**all**"]
    if previous:
        cells.append(f"{sum(old.values()) * 1000:.0f} ms")
    cells += [f"{total * 1000:.0f} ms", "100%", f"{_mbs(base, total):.1f}"]
    lines += ["| " + " | ".join(cells) + " |", ""]
    lines += [
        "| check alone | " + ("before | " if previous else "") + "after | target |",
        "|---|" + ("---|" if previous else "") + "---|---|",
    ]
    for check, seconds in after.get("alone", {}).items():
        cells = [check]
        if previous:
            was = previous.get("alone", {}).get(check)
            cells.append(f"{_mbs(base, was):.1f} MB/s" if was else "-")
        rate = _mbs(base, seconds)
        cells += [f"{rate:.1f} MB/s", _met(rate >= TARGETS["alone"])]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _other_figures(m: dict[str, Any]) -> list[str]:
    sizes, names = m["sizes"], m["names"]
    lines = ["## Other figures", "", "| run | CPU time | MB/s |", "|---|---|---|"]
    rows: list[tuple[str, float, int]] = [
        (f"{names['base']}, one job", m["throughput"]["single_s"], sizes["base"]),
        (f"{names['double']}, one job", m["throughput"]["double_s"], sizes["double"]),
        (f"floor, {names['base']}", m["throughput"]["floor_s"], sizes["base"]),
    ]
    rows.append(
        (f"{names['base']}, one job: wall time", m["throughput"]["single_wall_s"], sizes["base"])
    )
    if "jobs" in m:
        rows.append(
            (
                f"{names['base']}, --jobs 1 (in turn with --jobs 2): wall time",
                m["jobs"]["one_s"],
                sizes["base"],
            )
        )
        rows.append((f"{names['base']}, --jobs 2: wall time", m["jobs"]["two_s"], sizes["base"]))
    rows += [
        (f"`--select {check}`, {names['base']}", seconds, sizes["base"])
        for check, seconds in m["alone_process"].items()
    ]
    if "proselint" in m:
        rows.append((f"proselint, {names['slice']}", m["proselint"]["proselint_s"], sizes["slice"]))
    for key, figures in m.get("long", {}).items():
        rows.append(
            (
                f"{'one 50 MB file' if key == 'big' else 'one 5 MB line'} (peak {figures['rss_mb']:.0f} MB)",
                figures["s"],
                sizes[key],
            )
        )
    lines += [
        f"| {label} | {seconds:.2f} s | {_mbs(size, seconds):.1f} |"
        for label, seconds, size in rows
    ]
    su = m["startup"]
    lines += [
        f"| start-up: `python -c pass` | {su['python_ms']:.0f} ms (wall {su['python_wall_ms']:.0f} ms) | |",
        f"| start-up: small Markdown file | {su['small_ms']:.0f} ms (wall {su['small_wall_ms']:.0f} ms) | |",
        f"| start-up: with one link | {su['link_ms']:.0f} ms | |",
        f"| start-up: encoding and html-comment only | {su['core_ms']:.0f} ms ({su['core']:.1f}×) | |",
        "",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--before", type=Path, help="another checkout to measure in the same rounds"
    )
    parser.add_argument("--quick", action="store_true", help="1 MB, one round each; writes nothing")
    parser.add_argument("--long", action="store_true", help="also the 50 MB file and the 5 MB line")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per throughput figure")
    parser.add_argument("--startup-rounds", type=int, default=15, help="rounds per start-up figure")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the corpus first")
    parser.add_argument(
        "--only", choices=SECTIONS, help="measure one section alone and print its figures"
    )
    parser.add_argument("--no-proselint", action="store_true", help="skip proselint")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--render-only", action="store_true", help="render the last run's figures again"
    )
    args = parser.parse_args(argv)
    saved = HERE / "corpus" / "last-run.json"
    if args.only:
        print(json.dumps(measure_only(args), indent=1))
        return 0
    if args.render_only:
        data = json.loads(saved.read_text(encoding="utf-8"))
        m, when, load, before = data["m"], data["when"], data["load"], data["before"]
    else:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        before = str(args.before) if args.before else None
        m = measure(args)
        saved.write_text(
            json.dumps({"m": m, "when": when, "load": load, "before": before}), encoding="utf-8"
        )
    report = render(m, when, load, before)
    print(report)
    if not args.no_write and not args.quick:
        args.results.write_text(report, encoding="utf-8")
        print(f"wrote {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
