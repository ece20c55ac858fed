"""Quality of the links check on held-out real URLs and on engineering blogs, new against old.

    python benchmarks/links_quality.py                 # the test part, against the old check
    python benchmarks/links_quality.py --part dev      # the part the data was tuned on
    python benchmarks/links_quality.py --old REV       # another previous version (git revision)
    python benchmarks/links_quality.py --misses        # also list every wrong answer
    python benchmarks/links_quality.py --unnamed       # each host as if no list named it
    python benchmarks/links_quality.py --rows-of REV   # only the URLs labelled at REV

Each labelled URL of ``training/links/urls.tsv`` (split by source site, see
``training/links/SPLIT.md``) is linted on its own, as a line of plain text (a scheme-relative
``//host/...`` as the ``src`` of an HTML iframe, where such links occur), with the links check
only; the first shortener, likely-shortener, affiliate or referral finding is the answer,
none is ``none``. The previous version runs from ``git archive REV lint config.yaml`` in a
temporary folder, in a subprocess, on the same inputs. The report gives precision and recall
per label, and for label groups: shortened links (a listed shortener reported as likely, at
the lower severity, is still found) and affiliate+referral (a referral link reported as
affiliate is still found). The targets are for ``shortener`` and affiliate+referral. Then the warnings per MB of
``links`` on the real engineering-blog posts of ``benchmarks/corpora/blogs/``, where nearly
every finding is a false alarm.

Last, how many ordinary links of software documentation (``training/links/doc-links.tsv``, the
same part) each version reports as shortened: real links it has to leave alone.

``--unnamed`` judges each URL with a lexicon that names nothing about its host (no
shortener list entry, no exclusion, no network or programme on it, see ``_UNNAMED``). Only the evidence that generalises decides, as it must for the shorteners
and programmes of held-out links that no data file names; on ``dev`` this is the honest
measure of that evidence, since the named data was built from ``dev``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from old_tree import export_tree

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from training.links.dataset import split_rows  # noqa: E402

# main before the sixth round of issue 18 (the fifth round's data); before it b5f0ab2 (the
# fourth round's data), 29939dc (the third round's data),
# 4d51dc17c335c9c43402b8c04c2f3536fa557bc7 (the second round: the likely-shortener model, the
# generic affiliate shapes),
# fa8e348aefa7a9ce98cdfee5ef9021dc1b926f70 (the first round: the public shortener list and the
# network data) and 796224ab9b39c7c7ab002f01f044f92ee13d4d01.
OLD = "0502e50"
LINK_RULES = ("shortener", "likely-shortener", "affiliate", "referral")
MONETISED = frozenset({"affiliate", "referral"})
SHORTENED = frozenset({"shortener", "likely-shortener"})
BLOGS = ROOT / "benchmarks" / "corpora" / "blogs"
DOCS = ROOT / "training" / "links" / "doc-links.tsv"

# Run by the old version in its own process: reads JSON requests on stdin, writes answers.
_WORKER = r"""
import json, sys
from lint import lint_text
LINK_RULES = ("shortener", "likely-shortener", "affiliate", "referral")
request = json.load(sys.stdin)
answers = []
if request["unnamed"]:
    exec(request["unnamed"])
    answers = unnamed_answers([url for url, _ in request["plain"]])
for text, path in request["urls"] if not request["unnamed"] else ():
    result = lint_text(text, path=path, select=["links"])
    rules = [f.rule for f in result.findings if f.rule in LINK_RULES]
    answers.append(rules[0] if rules else "none")
warnings = 0
for text, path in request["blogs"]:
    result = lint_text(text, path=path, select=["links"])
    warnings += sum(1 for f in result.findings if str(f.severity) in ("warning", "error"))
json.dump({"answers": answers, "warnings": warnings}, sys.stdout)
"""


def document(url: str) -> tuple[str, str]:
    """The one-link document a URL is linted as: text and file name."""
    if url.startswith("//"):
        return f'<iframe src="{url}"></iframe>\n', "link.html"
    return url + "\n", "link.txt"


def doc_links(part: str) -> list[str]:
    """The ordinary links of software documentation in ``part`` (``doc-links.tsv``: the
    ``dev`` part trains the likely-shortener model, the ``test`` part only measures it)."""
    lines = DOCS.read_text(encoding="utf-8").splitlines()[1:]
    found = (line.split("\t") for line in lines if line.strip())
    return [url for url, label, where in found if label == "none" and where == part]


def blog_documents() -> list[tuple[str, str]]:
    lines = (BLOGS / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [
        ((BLOGS / name).read_text(encoding="utf-8"), name)
        for name in (line.split("\t")[0] for line in lines if line.strip())
    ]


# Judges bare URLs with a lexicon that names nothing about their hosts; run as it is by both
# versions (the previous one in its own process), so it uses only what both have.
_UNNAMED = r"""
def replace(record, **changes):
    # A named tuple, a dataclass or a plain class, as each version has them; a cached
    # value derived from the old fields is dropped with them.
    if hasattr(record, "_replace"):
        return record._replace(**changes)
    import copy
    from functools import cached_property

    new = copy.copy(record)
    for name in [n for n in getattr(new, "__dict__", {}) if n not in changes]:
        if isinstance(getattr(type(new), name, None), cached_property):
            del new.__dict__[name]
    for name, value in changes.items():
        object.__setattr__(new, name, value)
    return new


def unnamed_answers(urls):
    from lint.checks.links import _build
    from lint.checks.links.classify import classify
    from lint.checks.links.domains import parents
    from lint.checks.links.url import parse_url
    from lint.config import load_config

    lexicon = _build(load_config().checks["links"].options).lexicon
    answers = []
    for url in urls:
        parts = parse_url(url)
        if parts is None:
            answers.append("none")
            continue
        names = set(parents(parts.host))
        alone = replace(
            lexicon,
            shorteners={k: v for k, v in lexicon.shorteners.items() if k not in names},
            not_shorteners={k: v for k, v in lexicon.not_shorteners.items() if k not in names},
            by_host={k: v for k, v in lexicon.by_host.items() if k not in names},
            shape=replace(lexicon.shape, not_shorteners=lexicon.shape.not_shorteners - names),
        )
        verdict = classify(parts, alone)
        answers.append(verdict.kind if verdict is not None else "none")
    return answers
"""


def run_new(
    urls: Sequence[tuple[str, str]],
    blogs: Sequence[tuple[str, str]],
    plain: Sequence[str] = (),
) -> dict[str, object]:
    from lint import lint_text
    from lint.finding import Severity

    answers: list[str] = []
    if plain:
        scope: dict[str, object] = {}
        exec(_UNNAMED, scope)
        answers = scope["unnamed_answers"](plain)  # type: ignore[operator]
        urls = ()
    for text, path in urls:
        result = lint_text(text, path=path, select=["links"])
        rules = [f.rule for f in result.findings if f.rule in LINK_RULES]
        answers.append(rules[0] if rules else "none")
    warnings = 0
    for text, path in blogs:
        result = lint_text(text, path=path, select=["links"])
        warnings += sum(
            1 for f in result.findings if f.severity in (Severity.WARNING, Severity.ERROR)
        )
    return {"answers": answers, "warnings": warnings}


def run_old(
    revision: str,
    urls: Sequence[tuple[str, str]],
    blogs: Sequence[tuple[str, str]],
    plain: Sequence[str] = (),
) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        export_tree(revision, folder)
        env = dict(os.environ, PYTHONPATH=folder, CONTENTLINT_CACHE_DIR="")
        done = subprocess.run(
            [sys.executable, "-c", _WORKER],
            input=json.dumps(
                {
                    "urls": list(urls),
                    "blogs": list(blogs),
                    "plain": [[url, ""] for url in plain],
                    "unnamed": _UNNAMED if plain else "",
                }
            ),
            capture_output=True,
            text=True,
            env=env,
            cwd=folder,
            check=True,
        )
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


def scores(pairs: Iterable[tuple[str, str]], wanted: frozenset[str]) -> tuple[float, float, str]:
    """Precision and recall of answering one of ``wanted`` for a label in ``wanted``."""
    tp = fp = fn = 0
    for label, answer in pairs:
        if answer in wanted and label in wanted:
            tp += 1
        elif answer in wanted:
            fp += 1
        elif label in wanted:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, f"tp={tp} fp={fp} fn={fn}"


def strict(pairs: Iterable[tuple[str, str]], label: str) -> tuple[float, float, str]:
    tp = fp = fn = 0
    for wanted, answer in pairs:
        tp += wanted == label and answer == label
        fp += wanted != label and answer == label
        fn += wanted == label and answer != label
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, f"tp={tp} fp={fp} fn={fn}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--part", choices=("test", "dev"), default="test")
    parser.add_argument("--old", default=OLD, help="git revision of the previous version")
    parser.add_argument("--misses", action="store_true", help="list every wrong answer")
    parser.add_argument(
        "--unnamed", action="store_true", help="judge each URL as if no list named its host"
    )
    parser.add_argument(
        "--rows-of", metavar="REV", help="only the labelled URLs urls.tsv had at git revision REV"
    )
    args = parser.parse_args(argv)

    rows = split_rows(args.part)
    if args.rows_of:
        earlier = subprocess.run(
            ["git", "show", f"{args.rows_of}:training/links/urls.tsv"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout
        known = {line.split("\t", 1)[0] for line in earlier.splitlines()[1:]}
        rows = [row for row in rows if row.url in known]
    docs = doc_links(args.part)
    every = [row.url for row in rows] + docs
    urls = [document(url) for url in every]
    blogs = blog_documents()
    megabytes = sum(len(text.encode("utf-8")) for text, _ in blogs) / 1e6
    plain = every if args.unnamed else []
    results = {
        "new": run_new(urls, blogs, plain),
        "old": run_old(args.old, urls, blogs, plain),
    }
    alarms: dict[str, list[str]] = {}
    for version, result in results.items():
        answers = result["answers"]
        assert isinstance(answers, list)
        result["answers"] = answers[: len(rows)]
        alarms[version] = [
            url
            for url, answer in zip(docs, answers[len(rows) :], strict=True)
            if answer in SHORTENED
        ]

    labels = Counter(row.label for row in rows)
    print(
        ("unnamed hosts: " if args.unnamed else "")
        + f"links quality on the {args.part} part: {len(rows)} real URLs from "
        f"{len({row.site for row in rows})} source sites "
        f"({', '.join(f'{name} {count}' for name, count in sorted(labels.items()))})"
    )
    print(f"{'':28}{'new':>36}{'old (' + args.old[:7] + ')':>36}")
    lines = [(label, frozenset({label}), True) for label in LINK_RULES]
    lines.append(("shortener+likely-shortener", SHORTENED, False))
    lines.append(("affiliate+referral", MONETISED, False))
    for name, wanted, exact in lines:
        cells = []
        for version in ("new", "old"):
            answers = results[version]["answers"]
            assert isinstance(answers, list)
            pairs = [(row.label, answer) for row, answer in zip(rows, answers, strict=True)]
            precision, recall, counts = strict(pairs, name) if exact else scores(pairs, wanted)
            cells.append(f"P={precision:.3f} R={recall:.3f} {counts:>18}")
        print(f"{name:28}{cells[0]:>36}{cells[1]:>36}")
    print(
        f"links warnings on {len(blogs)} engineering-blog posts ({megabytes:.2f} MB): "
        + ", ".join(
            f"{version} {results[version]['warnings']} "
            f"({int(str(results[version]['warnings'])) / megabytes:.2f}/MB)"
            for version in ("new", "old")
        )
    )
    print(
        f"shortened-link alarms on {len(docs)} ordinary documentation links ({args.part} part "
        f"of doc-links.tsv): new {len(alarms['new'])}, old {len(alarms['old'])}"
    )
    if args.misses:
        answers = results["new"]["answers"]
        assert isinstance(answers, list)
        for row, answer in zip(rows, answers, strict=True):
            if answer != row.label:
                print(f"  {row.label:>16} -> {answer:<16} {row.url[:100]}")
        for url in alarms["new"]:
            print(f"  {'none (doc)':>16} -> {'shortened':<16} {url[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
