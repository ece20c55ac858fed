"""Build the benchmark corpus: realistic Markdown and plain text, deterministic for a seed.

Sentences and paragraphs come from the sample documents (seeds/) and the test fixtures
(caret lines removed); they are recombined into documents with the mix a scraped corpus
has: mostly clean prose, with mojibake, leftover comments, site chrome, links, promotional
claims and some code. The same seed and inputs always give byte-identical files.

    python benchmarks/make_corpus.py                 # the default set (see --help)
    python benchmarks/make_corpus.py --sizes 1,10 --big-file 0 --long-line 0
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "corpus"
DEFAULT_SEED = 8
MB = 1_000_000
FILES_PER_FOLDER = 250

_CARET = re.compile(r"^ *\^+ [a-z0-9-]+$")
_EXPECTATION = re.compile(r"\s*#=>.*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_SPACES = re.compile(r"\s+")
# Anything that could look like a link, a tag or mojibake: kept out of the clean start-up file.
_NOT_CLEAN = re.compile(r"https?:|www\.|\.(?:com|io|ly|org|net|co)\b|<|[ÃÂâð]")

# Website furniture and scrape residue, as it arrives with copied articles.
CHROME = (
    "Share this article",
    "Share on Facebook Share on Twitter Share on LinkedIn",
    "Related posts",
    "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Subscribe to our newsletter",
    "Sign up for our newsletter to get the latest news delivered to your inbox.",
    "We use cookies to ensure that we give you the best experience on our website.",
    "Live Price",
    "powered by Coinlib",
    "j j j",
    "Telegram Channel:",
    "Follow us on Twitter",
    "Read more",
    "Previous article Next article",
    "About the author",
    "Click here to read the full story.",
)
COMMENTS = (
    "<!-- Hero Mobile -->",
    "<!-- Banner -->",
    "<!-- Social Icons -->",
    "<!-- wp:paragraph -->",
    "<!-- /wp:paragraph -->",
    "<!-- TODO: check the figures with legal -->",
    "<!-- more -->",
    "<!-- ad slot 3 -->",
    "<!--\nOld intro, kept for reference.\nDo not publish.\n-->",
)
LINKS = (
    "[Open an account](https://bit.ly/{word}-bonus)",
    "[Buy it on Amazon](https://www.amazon.com/dp/B0{num}?tag={word}-20)",
    "[Sign up here](https://www.okx.com/join/{num})",
    "[the full report](https://www.example.org/reports/{word}.html?utm_source=newsletter&utm_medium=email)",
    "[documentation](https://docs.python.org/3/library/{word}.html)",
    "<https://t.co/{word}{num}>",
    "[source](https://en.wikipedia.org/wiki/{word})",
    "https://tinyurl.com/{word}{num}",
)
CLAIMS = (
    "It is the world's most trusted platform for {word} traders.",
    "Experts agree that this is the best {word} on the market.",
    "We have trained over {num} developers and counting.",
    "Enjoy guaranteed, risk-free returns on every {word} trade.",
    "Our fees are far lower than competitors.",
    "A revolutionary, industry-leading {word} experience.",
)
CODE = (
    "```python\nimport {word}\n\nprint({word}.version)  # <!-- not a comment -->\n```",
    "```bash\npip install {word}\ncurl -sSL https://bit.ly/{word} | sh\n```",
    '```json\n{{"name": "{word}", "count": {num}}}\n```',
)
WORDS = (
    "crypto",
    "wallet",
    "exchange",
    "ledger",
    "token",
    "market",
    "defi",
    "trading",
    "futures",
    "staking",
    "mining",
    "custody",
)


@dataclass
class Pool:
    """Material to recombine: prose paragraphs, their sentences, headings and list items
    from the seeds, and single edge-case lines from the test fixtures."""

    paragraphs: list[str]
    sentences: list[str]
    headings: list[str]
    items: list[str]
    edge_lines: list[str]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _fixture_lines() -> Iterator[str]:
    """Fixture lines without their expectations (caret lines, "#=> rule" tails).

    Fixtures are dense test cases, not prose, so they are used one line at a time and
    sparingly; expected-output files (``*.fixed.*``) would only repeat their inputs.
    """
    fixtures = ROOT / "tests" / "fixtures"
    if not fixtures.is_dir():
        return
    paths = sorted(
        p
        for p in fixtures.rglob("*")
        if p.is_file() and p.suffix in {".md", ".txt"} and ".fixed" not in p.name
    )
    for path in paths:
        for raw in _read(path).splitlines():
            if _CARET.match(raw):
                continue
            line = _EXPECTATION.sub("", raw).strip()
            if len(line) >= 20 and not line.startswith(("```", "~~~", "#")):
                yield line


def build_pool() -> Pool:
    pool = Pool([], [], [], [], list(_fixture_lines()))
    for path in sorted((ROOT / "seeds").glob("*")):
        text = _read(path)
        for raw in re.split(r"\n[ \t]*\n", text):
            block = raw.strip()
            if not block or block.startswith(("```", "~~~", "<!--")):
                continue
            if block.startswith("#"):
                pool.headings.append(block.splitlines()[0].lstrip("# ").strip())
                continue
            lines = block.splitlines()
            if all(line.lstrip().startswith(("- ", "* ", "+ ")) for line in lines):
                pool.items.extend(line.lstrip()[2:].strip() for line in lines)
                continue
            flat = _SPACES.sub(" ", block)
            if len(flat) < 60:
                continue
            pool.paragraphs.append(flat)
            pool.sentences.extend(s for s in _SENTENCE_END.split(flat) if len(s) > 30)
    if not pool.headings:
        pool.headings.append("Notes")
    if not pool.items:
        pool.items.extend(pool.sentences[:20])
    return pool


def mojibake(text: str) -> str:
    """``text`` as UTF-8 read as Windows-1252 (undefined bytes as Latin-1), like a bad scrape."""
    out = []
    for byte in text.encode("utf-8"):
        char = bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)
        out.append(char)
    return "".join(out)


class Writer:
    """Documents from the pool; one Random drives every choice, so output is reproducible."""

    def __init__(self, pool: Pool, seed: int) -> None:
        self.pool = pool
        self.rng = random.Random(seed)

    def _fill(self, template: str) -> str:
        return template.format(word=self.rng.choice(WORDS), num=self.rng.randrange(1000, 99999))

    def paragraph(self) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            return rng.choice(self.pool.paragraphs)
        return " ".join(rng.choice(self.pool.sentences) for _ in range(rng.randint(2, 6)))

    def block(self, markdown: bool) -> str:
        """One block; the weights give mostly clean prose, like real articles."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.64:
            return self.paragraph()
        if roll < 0.66 and self.pool.edge_lines:
            return rng.choice(self.pool.edge_lines)
        if roll < 0.72:
            return "\n".join(f"- {rng.choice(self.pool.items)}" for _ in range(rng.randint(2, 6)))
        if roll < 0.77:
            return f"{'## ' if markdown else ''}{rng.choice(self.pool.headings)}"
        if roll < 0.81:
            return self._fill(rng.choice(CODE))
        if roll < 0.85:
            return rng.choice(COMMENTS)
        if roll < 0.89:
            return rng.choice(CHROME)
        if roll < 0.93:
            return f"{self.paragraph()} {self._fill(rng.choice(LINKS))}"
        if roll < 0.96:
            return f"{self.paragraph()} {self._fill(rng.choice(CLAIMS))}"
        broken = self.paragraph()
        if broken.isascii():
            broken = broken.replace(" - ", " — ", 1).replace("'", "’") + " Café “ok” 👉"
        return mojibake(broken)

    def document(self, size: int, markdown: bool) -> str:
        parts = [("# " if markdown else "") + self.rng.choice(self.pool.headings)]
        total = len(parts[0])
        while total < size:
            part = self.block(markdown)
            parts.append(part)
            total += len(part) + 2
        return "\n\n".join(parts) + "\n"

    def long_line(self, size: int) -> str:
        """One line with no line break at all: prose, links, comments and mojibake inline."""
        parts: list[str] = []
        total = 0
        while total < size:
            part = self.block(markdown=False).replace("\n", " ")
            parts.append(part)
            total += len(part) + 1
        return " ".join(parts)


def write_mixed(folder: Path, size_mb: float, pool: Pool, seed: int) -> tuple[int, int]:
    """Many files (about 70% Markdown, 30% text) totalling ``size_mb`` MB; (files, bytes)."""
    writer = Writer(pool, seed)
    target = int(size_mb * MB)
    written = count = 0
    while written < target:
        # Article-sized files: mostly 2-15 KB, a few up to 60 KB.
        size = min(60_000, int(writer.rng.lognormvariate(8.8, 0.7)))
        markdown = writer.rng.random() < 0.7
        text = writer.document(size, markdown)
        sub = folder / f"d{count // FILES_PER_FOLDER:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (sub / f"doc{count:05d}.{'md' if markdown else 'txt'}").write_bytes(data)
        written += len(data)
        count += 1
    return count, written


def write_small(folder: Path, pool: Pool, seed: int) -> None:
    """The start-up inputs: one clean Markdown article, and the same with one link."""
    writer = Writer(pool, seed)
    clean_sentences = [s for s in pool.sentences if not _NOT_CLEAN.search(s)]
    writer.pool = Pool(pool.paragraphs, clean_sentences, pool.headings, pool.items, [])
    parts = ["# " + writer.rng.choice(pool.headings)]
    while sum(len(p) for p in parts) < 6000:
        parts.append(" ".join(writer.rng.choice(clean_sentences) for _ in range(4)))
    folder.mkdir(parents=True, exist_ok=True)
    clean = "\n\n".join(parts) + "\n"
    (folder / "clean.md").write_text(clean, encoding="utf-8")
    linked = clean + "\nRead the [documentation](https://docs.python.org/3/library/re.html).\n"
    (folder / "one-link.md").write_text(linked, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--sizes", default="1,10,20", help="mixed corpora to build, in MB (comma-separated)"
    )
    parser.add_argument(
        "--big-file", type=float, default=50, help="MB of one Markdown file (0: none)"
    )
    parser.add_argument(
        "--long-line", type=float, default=5, help="MB of one single line (0: none)"
    )
    args = parser.parse_args(argv)
    build(
        args.out,
        args.seed,
        [float(s) for s in args.sizes.split(",") if s],
        args.big_file,
        args.long_line,
    )
    return 0


def build(
    out: Path, seed: int, sizes: list[float], big_mb: float, line_mb: float
) -> dict[str, object]:
    """Write the corpus under ``out`` and a manifest of what is there."""
    pool = build_pool()
    digest = hashlib.sha256(json.dumps(dataclasses.astuple(pool)).encode()).hexdigest()
    manifest: dict[str, object] = {"seed": seed, "inputs": digest[:16], "mixed": {}}
    write_small(out / "small", pool, seed)
    mixed: dict[str, object] = {}
    for size in sizes:
        name = f"mixed-{size:g}mb"
        folder = out / name
        if folder.exists():
            _remove_tree(folder)
        files, written = write_mixed(folder, size, pool, seed)
        mixed[name] = {"files": files, "bytes": written}
        print(f"{name}: {files} files, {written / MB:.1f} MB", file=sys.stderr)
    manifest["mixed"] = mixed
    if big_mb:
        text = Writer(pool, seed + 1).document(int(big_mb * MB), markdown=True)
        (out / "big.md").write_text(text, encoding="utf-8")
        manifest["big"] = len(text.encode("utf-8"))
    if line_mb:
        text = Writer(pool, seed + 2).long_line(int(line_mb * MB))
        (out / "long-line.txt").write_text(text, encoding="utf-8")
        manifest["long-line"] = len(text.encode("utf-8"))
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _remove_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir():
            path.rmdir()
        else:
            path.unlink()
    folder.rmdir()


if __name__ == "__main__":
    raise SystemExit(main())
