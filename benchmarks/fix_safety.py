"""What a safe ``contentlint fix`` does to real documents nobody here wrote.

    python benchmarks/fix_safety.py                 # blogs, text dumps and HTML pages
    python benchmarks/fix_safety.py --only blogs    # or: comments, text, pages, fresh
    python benchmarks/fix_safety.py --old REF       # compare with another version ('': none)
    python benchmarks/fix_safety.py --show 3        # print the first changes of 3 documents

- ``benchmarks/corpora/blogs/``: 67 authored Markdown posts. After ``fix`` their CommonMark
  rendering (markdown-it-py, comments stripped, white space collapsed) must be unchanged:
  authored prose has nothing to repair. Also html-comment warnings per MB.
- ``benchmarks/corpora/fresh/``: about 40 documents gathered for this check alone (READMEs,
  docs pages, a changelog, blog posts with front matter, mojibake, HTML blocks and comments,
  footnotes; web pages as scraped text; CRLF and BOM copies), fixed with the safe fixes and
  with ``--unsafe-fixes``: a second fix must change nothing, line endings, the final newline
  and the BOM must stay, and every word of rendered text a fix takes out is listed (a repair
  such as mojibake replaces, it takes nothing).
- ``training/chrome/text/``: 91 real pages as a naive scrape gives them (plain text), and
- ``training/chrome/pages/html/``: the same 91 pages as served (HTML). For both: the share of
  the article text (``articleBody`` in ground-truth.json) still there after ``fix``: the
  article's 5-word shingles found in the fixed text over those found in the original.

Every document is fixed exactly as ``contentlint fix FILE`` fixes it (default configuration,
all checks), through the library's ``fix_text``. Each figure is printed beside the same figure
for the version at ``--old`` (default: the version before the fix guard), run from a copy of
its tree.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BLOGS = HERE / "corpora" / "blogs"
FRESH = HERE / "corpora" / "fresh"
CHROME = ROOT / "training" / "chrome"
OLD = "796224a"  # the version before the fix guard and the Markdown comment policy
SHINGLE = 5
KEPT_BAR = 0.99

# FIX_SAFETY_TREE: measure the contentlint in that folder (another version, see --old).
TREE = os.environ.get("FIX_SAFETY_TREE", "")
sys.path.insert(0, TREE or str(ROOT))

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TOKEN = re.compile(r"\w+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


# --- rendering ---------------------------------------------------------------------------


def render_markdown(text: str) -> str:
    """CommonMark HTML, front matter left out, comments stripped, one block a line."""
    from markdown_it import MarkdownIt

    from lint import regions

    spans = regions._front_matter(text)  # the same in every version
    if spans:
        text = "\n" * text.count("\n", 0, spans[0][1]) + text[spans[0][1] :]
    html = _COMMENT.sub("", MarkdownIt("commonmark").render(text))
    return "\n".join(" ".join(line.split()) for line in html.splitlines() if line.strip())


def visible_html_text(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    return soup.get_text(" ")


def shingles(text: str) -> set[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    return {tuple(tokens[i : i + SHINGLE]) for i in range(max(0, len(tokens) - SHINGLE + 1))}


# --- one document --------------------------------------------------------------------------


@dataclass
class Fixed:
    name: str
    before: str
    after: str
    applied: int
    refused: list[str] = field(default_factory=list)


def fix(text: str, name: str) -> Fixed:
    from lint import fix_text

    result = fix_text(text, path=name)
    refused = [f"{f.code}: {_refused(f.fix)}" for f in result.findings if _refused(f.fix)]
    return Fixed(name, text, result.text, result.fixed, refused)


def _refused(fix: object) -> str:
    """Why the guard refused the fix ("" when applied or no guard: versions before it)."""
    reason = getattr(fix, "refused", "")
    return reason if isinstance(reason, str) else ""


def first_change(before: str, after: str) -> str:
    import difflib

    lines = list(difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""))
    return "\n".join(line[:160] for line in lines[2:10])


# --- the corpora ---------------------------------------------------------------------------


def blog_posts() -> Iterator[tuple[str, str]]:
    manifest = (BLOGS / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for row in manifest:
        path = row.split("\t")[0]
        yield path, (BLOGS / path).read_text(encoding="utf-8")


def pages() -> Iterator[tuple[str, str, str]]:
    """(sha, page html, article text) for every page with a ground truth."""
    truth = json.loads((CHROME / "pages" / "ground-truth.json").read_text(encoding="utf-8"))
    for sha in sorted(truth):
        path = CHROME / "pages" / "html" / f"{sha}.html.gz"
        if path.exists():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            yield sha, html, truth[sha]["articleBody"]


def run_blogs(show: int) -> None:
    posts = list(blog_posts())
    changed: list[Fixed] = []
    applied = refused = 0
    started = time.perf_counter()
    for path, text in posts:
        outcome = fix(text, Path(path).name)
        applied += outcome.applied
        refused += len(outcome.refused)
        if render_markdown(outcome.before) != render_markdown(outcome.after):
            changed.append(outcome)
    seconds = time.perf_counter() - started
    print(f"## blogs: {len(posts)} authored Markdown posts ({BLOGS.relative_to(ROOT)})")
    print(f"rendering changed by fix: {len(changed)} of {len(posts)} posts")
    print(f"fixes applied: {applied}; fixes refused by the guard: {refused}; {seconds:.1f} s")
    for outcome in changed[:show]:
        print(
            f"--- {outcome.name}\n{first_change(render_markdown(outcome.before), render_markdown(outcome.after))}"
        )
    print()


def fresh_documents() -> Iterator[tuple[str, str]]:
    for path in sorted(FRESH.iterdir()):
        if path.is_file() and path.name != "SOURCE.md":
            yield path.name, path.read_bytes().decode("utf-8")


def rendered_words(text: str, name: str) -> Counter[str]:
    """The words a reader sees: Markdown as rendered (tags out), anything else as it is.
    ASCII words only: mojibake such as "â€“" is no word, so its repair takes none."""
    if name.endswith(".md"):
        text = unescape(re.sub(r"<[^>]*>", " ", render_markdown(text)))
    return Counter(_ASCII_WORD.findall(text.lower()))


def promises_broken(before: str, after: str, name: str, unsafe: bool) -> list[str]:
    """What ``fix`` promises beyond rendering: fix twice = no change, the line endings, the
    final newline and the byte order mark stay."""
    from lint import fix_text

    broken = []
    if fix_text(after, path=name, unsafe=unsafe).text != after:
        broken.append("a second fix changed it")
    if "\r\n" in before and after.replace("\r\n", "").count("\n") > before.replace(
        "\r\n", ""
    ).count("\n"):
        broken.append("a bare LF in a CRLF file")
    if after and before.endswith("\n") != after.endswith("\n"):
        broken.append("the final newline changed")
    if before.startswith("\ufeff") != after.startswith("\ufeff"):
        broken.append("the byte order mark changed")
    return broken


def run_fresh(show: int) -> None:
    from lint import fix_text

    documents = list(fresh_documents())
    megabytes = sum(len(text.encode()) for _, text in documents) / 1e6
    print(f"## fresh: {len(documents)} documents ({FRESH.relative_to(ROOT)}, {megabytes:.2f} MB)")
    print("| fixes | changed | applied | refused | words taken | broken promises |")
    print("|---|---|---|---|---|---|")
    for unsafe in (False, True):
        changed = applied = refused = 0
        taken: list[tuple[str, int, str]] = []
        broken: list[str] = []
        for name, text in documents:
            result = fix_text(text, path=name, unsafe=unsafe)
            after = result.text
            applied += result.fixed
            refused += sum(1 for f in result.findings if f.fix is not None and _refused(f.fix))
            if after == text:
                continue
            changed += 1
            # A repair replaces a word ("donâ€™t" -> "don’t"); only a deletion takes one.
            lost = sum(rendered_words(text, name).values()) - sum(
                rendered_words(after, name).values()
            )
            if lost > 0:
                taken.append((name, lost, first_change(text, after)))
            broken += [f"{name}: {why}" for why in promises_broken(text, after, name, unsafe)]
        label = "--unsafe-fixes" if unsafe else "safe"
        words = sum(count for _, count, _ in taken)
        print(
            f"| {label} | {changed} | {applied} | {refused} | {words} in {len(taken)} documents"
            f" | {len(broken)} |"
        )
        for line in broken:
            print(f"  broken: {line}")
        for name, count, change in taken[:show]:
            print(f"--- {name} ({label}): {count} words taken\n{change}")
    print()


def comment_warnings(texts: list[tuple[str, str]]) -> int:
    from lint import lint_text
    from lint.finding import Severity

    return sum(
        1
        for path, text in texts
        for f in lint_text(text, path=Path(path).name, select=["html-comment"]).findings
        if f.rule == "comment" and f.severity is not None and f.severity >= Severity.WARNING
    )


def old_tree(ref: str) -> tempfile.TemporaryDirectory[str] | None:
    """The lint package and config.yaml of the version at ``ref``, in a temporary folder."""
    folder = tempfile.TemporaryDirectory()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "lint", "config.yaml"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        print(f"(cannot read {ref}: {archive.stderr.decode().strip()})")
        folder.cleanup()
        return None
    subprocess.run(["tar", "-x", "-C", folder.name], input=archive.stdout, check=True)
    return folder


def run_old(ref: str, *args: str) -> str | None:
    """This script's output for the version at ``ref``."""
    folder = old_tree(ref)
    if folder is None:
        return None
    with folder:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--old", "", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "FIX_SAFETY_TREE": folder.name, "PYTHONPATH": folder.name},
            cwd=folder.name,
            check=False,
        )
    if done.returncode != 0:
        print(f"(the version at {ref} failed: {done.stderr.strip()[-300:]})")
        return None
    return done.stdout


def run_comment_rate(old: str) -> None:
    posts = list(blog_posts())
    megabytes = sum(len(text.encode()) for _, text in posts) / 1e6
    new = comment_warnings(posts)
    if TREE:  # measuring another version for --old: the number alone
        print(f"comment warnings: {new}")
        return
    previous = None
    if old:
        output = run_old(old, "--only", "comments")
        found = re.search(r"comment warnings: (\d+)", output or "")
        previous = int(found.group(1)) if found else None
    print(f"## html-comment warnings on the blog posts ({megabytes:.2f} MB)")
    print("| version | warnings | per MB |\n|---|---|---|")
    if previous is not None:
        print(f"| {old} (before) | {previous} | {previous / megabytes:.1f} |")
    print(f"| this tree | {new} | {new / megabytes:.1f} |")
    print()


@dataclass
class Kept:
    name: str
    share: float
    applied: int
    refused: int


def article_kept(article: str, before: str, after: str) -> float:
    wanted = shingles(article)
    there = wanted & shingles(before)
    if not there:
        return 1.0
    return len(there & shingles(after)) / len(there)


def report_kept(title: str, rows: list[Kept], seconds: float) -> None:
    print(f"## {title}")
    if not rows:
        print("no pages\n")
        return
    mean = sum(r.share for r in rows) / len(rows)
    worst = sorted(rows, key=lambda r: r.share)
    below = [r for r in rows if r.share < KEPT_BAR]
    applied = sum(r.applied for r in rows)
    refused = sum(r.refused for r in rows)
    print(
        f"article text kept: mean {mean:.2%}, lowest {worst[0].share:.2%};"
        f" pages below {KEPT_BAR:.0%}: {len(below)} of {len(rows)}"
    )
    print(f"fixes applied: {applied}; refused by the guard: {refused}; {seconds:.1f} s")
    for row in below[:10]:
        print(f"  {row.name}: {row.share:.2%} kept")
    print()


def run_text() -> None:
    rows = []
    started = time.perf_counter()
    for sha, _html, article in pages():
        path = CHROME / "text" / f"{sha}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        outcome = fix(text, f"{sha[:12]}.txt")
        share = article_kept(article, text, outcome.after)
        rows.append(Kept(sha[:12], share, outcome.applied, len(outcome.refused)))
    report_kept(
        "text: real pages as scraped plain text (training/chrome/text/)",
        rows,
        time.perf_counter() - started,
    )


def run_pages() -> None:
    rows = []
    started = time.perf_counter()
    for sha, html, article in pages():
        outcome = fix(html, f"{sha[:12]}.html")
        share = article_kept(article, visible_html_text(html), visible_html_text(outcome.after))
        rows.append(Kept(sha[:12], share, outcome.applied, len(outcome.refused)))
    report_kept(
        "pages: real HTML pages as served (training/chrome/pages/html/)",
        rows,
        time.perf_counter() - started,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--only", choices=["blogs", "comments", "text", "pages", "fresh"], action="append"
    )
    parser.add_argument("--old", default=OLD, help="version to compare with ('': none)")
    parser.add_argument("--show", type=int, default=0, help="print the changes of N documents")
    args = parser.parse_args(argv)
    only = set(args.only or ["blogs", "comments", "text", "pages", "fresh"])
    runs: tuple[tuple[str, Callable[[], None]], ...] = (
        ("blogs", lambda: run_blogs(args.show)),
        ("comments", lambda: run_comment_rate(args.old)),
        ("text", run_text),
        ("pages", run_pages),
        ("fresh", lambda: run_fresh(args.show)),
    )
    for name, run in runs:
        if name not in only:
            continue
        run()
        if args.old and name != "comments":
            when = " (before the fix guard)" if args.old == OLD else ""
            print(f"### the same with the version at {args.old}{when}")
            print((run_old(args.old, "--only", name) or "").strip() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
