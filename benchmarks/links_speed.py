"""Speed of the links check, new against old, and of its public-suffix lookups.

    python benchmarks/links_speed.py                  # builds benchmarks/corpus/ if needed
    python benchmarks/links_speed.py --corpus FOLDER --runs 5 --old REV

Three figures, each measured in the same run so that a busy machine moves both sides:

- the links check alone, in process (``check()`` over every file, shared document indexes
  built first, best of ``--runs`` passes), for this tree and for ``--old`` (from
  ``git archive``), the two taking turns;
- the public-suffix lookup a likely-shortener needs, in a fresh process after ``import
  lint.checks.links``: importing ``lint.checks.links.suffixes`` and answering one host (sets from
  tldextract's snapshot, read from contentlint's cache and, with the cache off, parsed),
  against importing tldextract and answering the same host; the median of ``--runs``
  processes each;
- how many hosts (every Public Suffix List rule under a label, the labelled URLs' hosts)
  get the same registered domain and suffix from both.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from old_tree import export_tree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OLD = "796224ab9b39c7c7ab002f01f044f92ee13d4d01"  # before issue 18

# Times the links check alone over a folder; printed as JSON (runs in either tree).
_CHECK_SPEED = r"""
import json, sys, time
from pathlib import Path
from lint.config import load_config
from lint.document import Document
from lint.registry import load_checks
folder, runs = Path(sys.argv[1]), int(sys.argv[2])
paths = sorted(p for p in folder.rglob("*") if p.suffix in {".md", ".txt", ".html"} and p.is_file())
texts = [(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in paths]
check = load_checks()["links"]
options = load_config(None, discover=False).checks["links"].options
for path, text in texts[:20]:
    list(check.check(Document.for_path(text, path), options))
best, findings = float("inf"), 0
for _ in range(runs):
    documents = [Document.for_path(text, path) for path, text in texts]
    for d in documents:
        _ = d.line_starts, d.lines, d.code, d.comments, d.skipped
    start = time.perf_counter()
    findings = sum(1 for d in documents for _ in check.check(d, options))
    best = min(best, time.perf_counter() - start)
print(json.dumps({"bytes": sum(p.stat().st_size for p in paths), "seconds": best,
                  "findings": findings}))
"""

# Both time only the lookup's own imports and first answer: the links check is loaded first.
_SETS = (
    "import lint.checks.links, time; t = time.perf_counter(); "
    "from lint.checks.links.suffixes import split_host; split_host('go.example.co.uk'); "
    "print(time.perf_counter() - t)"
)
_TLDEXTRACT = (
    "import lint.checks.links, time; t = time.perf_counter(); import tldextract; "
    "e = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None); "
    "e.extract_str('go.example.co.uk', include_psl_private_domains=False); "
    "print(time.perf_counter() - t)"
)


def _old_tree(revision: str, folder: Path) -> Path:
    return export_tree(revision, folder)


def _python(code: Sequence[str], tree: Path, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, *code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),  # never the repository: its lint/ would shadow the tree
        env=dict(os.environ, PYTHONPATH=str(tree), **env),
    )
    return done.stdout


def check_speed(corpus: Path, runs: int, trees: dict[str, Path]) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for _ in range(2):  # the trees take turns; each keeps its best
        for name, tree in trees.items():
            found = json.loads(_python(["-c", _CHECK_SPEED, str(corpus), str(runs)], tree))
            if name not in results or found["seconds"] < results[name]["seconds"]:
                results[name] = found
    return results


def startup(runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {"sets, cached": [], "sets, parsed": [], "tldextract": []}
    _python(["-c", _SETS], ROOT)  # fills the cache
    for _ in range(runs):
        samples["sets, cached"].append(float(_python(["-c", _SETS], ROOT)))
        samples["sets, parsed"].append(
            float(_python(["-c", _SETS], ROOT, CONTENTLINT_CACHE_DIR=""))  # cache off
        )
        samples["tldextract"].append(float(_python(["-c", _TLDEXTRACT], ROOT)))
    return {name: statistics.median(values) * 1000 for name, values in samples.items()}


def agreement() -> tuple[int, int]:
    sys.path.insert(0, str(ROOT))
    import tldextract

    from lint.checks.links import suffixes
    from lint.checks.links.url import parse_url

    sets = suffixes.suffix_sets()
    assert sets is not None
    hosts = {f"example.{rule.lstrip('!').replace('*.', 'x1.')}" for rule in sets[0]}
    urls = (ROOT / "training" / "links" / "urls.tsv").read_text(encoding="utf-8").splitlines()
    for line in urls[1:]:
        parts = parse_url(line.split("\t")[0])
        if parts:
            hosts.add(parts.host)
    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    same = 0
    for host in hosts:
        result = extractor.extract_str(host, include_psl_private_domains=False)
        same += suffixes.split_host(host) == (result.top_domain_under_public_suffix, result.suffix)
    return same, len(hosts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus" / "mixed-10mb")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--old", default=OLD, help="git revision of the previous version")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_corpus.py"),
                *("--sizes", "10", "--big-file", "0", "--long-line", "0"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    with tempfile.TemporaryDirectory() as folder:
        trees = {"new": ROOT, "old": _old_tree(args.old, Path(folder))}
        speed = check_speed(args.corpus, args.runs, trees)
    megabytes = speed["new"]["bytes"] / 1e6
    print(f"links alone, in process, {args.corpus.name} ({megabytes:.1f} MB), best of {args.runs}:")
    for name in ("new", "old"):
        rate = megabytes / speed[name]["seconds"]
        print(f"  {name:4} {rate:6.1f} MB/s  ({int(speed[name]['findings'])} findings)")
    ratio = speed["old"]["seconds"] / speed["new"]["seconds"]
    print(f"  new/old speed: {ratio:.2f}x")
    times = startup(args.runs)
    print(f"public-suffix lookup in a fresh process (median of {args.runs}):")
    for name, milliseconds in times.items():
        print(f"  {name:13} {milliseconds:6.1f} ms")
    same, total = agreement()
    print(f"same registered domain and suffix as tldextract: {same} of {total} hosts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
