"""Links from real web pages, as ordinary negatives and short-link positives for the
``likely-shortener`` model: ``page-links.tsv``.

    python training/links/page_links.py PATH/TO/article-extraction-benchmark

The pages are the news and blog pages of the article-extraction benchmark
(github.com/scrapinghub/article-extraction-benchmark, MIT; the copy the team keeps under
``shared/data/article-extraction-benchmark/html/``). Every ``href`` to an http(s) URL whose
whole path is one token (the links the model judges) is kept once, in sorted order, with its
label from the lists alone: ``shortener`` when a shortener list names the host (and no
exclusion does), ``none`` otherwise; links to affiliate networks are left out, and so is any
URL of the held-out ``test`` part of ``urls.tsv``. A few unlisted shorteners may hide among
the ``none`` rows: the list, not a person, labelled them.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from training.links.dataset import HERE, split_rows

OUT = HERE / "page-links.tsv"
_ONE_TOKEN = re.compile(r"/[^/]+/?")
_HREF = re.compile(r"""href=["'](https?://[^"'\s<>]+)["']""", re.IGNORECASE)


def page_links(folder: Path) -> list[tuple[str, str]]:
    urls: set[str] = set()
    for page in sorted(folder.glob("*.html.gz")):
        text = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        urls.update(match.group(1).replace("&amp;", "&") for match in _HREF.finditer(text))
    return label_links(urls)


def label_links(urls: set[str], *, shaped: bool = True) -> list[tuple[str, str]]:
    """The links among ``urls`` whose whole path is one token with no query, sorted, each
    labelled by the lists alone; network links and held-out ``test`` URLs are left out.
    ``shaped``: only those the model judges (not a number, a file, a site's section ...)."""
    from lint.checks.links import _build
    from lint.checks.links.domains import parents
    from lint.checks.links.shape import short_link_parts
    from lint.checks.links.url import parse_url
    from lint.config import load_config

    lexicon = _build(load_config().checks["links"].options).lexicon
    held_out = {row.url for row in split_rows("test")}
    found = []
    for url in sorted(urls - held_out):
        parts = parse_url(url)
        if parts is None or parts.params or "." not in parts.host:
            continue
        if shaped and short_link_parts(parts.host, parts.path, lexicon.shape) is None:
            continue
        if not shaped and not _ONE_TOKEN.fullmatch(parts.path):
            continue
        label = "none"
        for candidate in parents(parts.host):
            if candidate in lexicon.not_shorteners and candidate not in lexicon.named_only:
                break
            if any(entry.kind != "not-paid" for entry in lexicon.by_host.get(candidate, ())):
                label = "network"
                break
            if candidate in lexicon.shorteners:
                label = "shortener"
                break
        if label != "network":
            found.append((url, label))
    return found


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) / "html"
    rows = page_links(folder)
    lines = ["url\tlabel"] + [f"{url}\t{label}" for url, label in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} links ({sum(label == 'shortener' for _, label in rows)} shortened)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
