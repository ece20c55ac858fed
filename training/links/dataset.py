"""The labelled URLs (``urls.tsv``) and their split into ``dev`` and ``test`` by source site.

A row's *site* is the repository of a GitHub source (``github.com/owner/repo``: every file,
issue and pull request of one repository is one site) or the host of any other source page.
``split.tsv`` fixes each site's part once; ``python training/links/split.py`` gives new sites
a part and never moves an old one, so nothing tuned on ``dev`` leaks into ``test`` later.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
URLS = HERE / "urls.tsv"
SPLIT = HERE / "split.tsv"
LABELS = ("shortener", "likely-shortener", "affiliate", "referral", "none")

_GITHUB = re.compile(r"https?://(?:www\.)?github\.com/([^/]+/[^/#?\s]+)", re.IGNORECASE)
_HOST = re.compile(r"https?://(?:www\.)?([^/?#\s]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Row:
    url: str
    label: str
    kind: str
    service: str
    source: str
    note: str

    @property
    def site(self) -> str:
        return site_of(self.source)


def site_of(source: str) -> str:
    """``github.com/owner/repo`` for a GitHub source, else the source page's host."""
    source = (source.split(maxsplit=1) or [source])[0]
    found = _GITHUB.match(source)
    if found:
        return "github.com/" + found.group(1).lower()
    found = _HOST.match(source)
    return found.group(1).lower() if found else source.lower()


def rows() -> Iterator[Row]:
    with URLS.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield Row(
                record["url"],
                record["label"],
                record["kind"],
                record["service"],
                record["source"],
                record.get("note") or "",
            )


def parts() -> dict[str, str]:
    """Site -> ``dev`` or ``test``."""
    if not SPLIT.exists():
        return {}
    found = {}
    for line in SPLIT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            site, part = line.split("\t")[:2]
            found[site] = part
    return found


def split_rows(part: str) -> list[Row]:
    """The rows of one part (``dev`` or ``test``)."""
    where = parts()
    return [row for row in rows() if where.get(row.site) == part]
