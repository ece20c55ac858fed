"""Links from installed software documentation, as ordinary negatives for the
``likely-shortener`` model and a held-out measure of its false alarms: ``doc-links.tsv``.

    python training/links/doc_links.py /usr/share/doc /work/venv/lib/python3.12/site-packages

Every http(s) URL written in the text files under the given folders (Debian package
changelogs, copyright and README files; Python packages' ``METADATA``) whose whole path is one
token is kept once, labelled by the lists alone as ``page_links.py`` does, whatever the token
(numbers, files and versions too: the benchmark measures every version on the same links). Such links are
what project pages, bug trackers, profiles and short vanity domains of real software look
like (``bugs.gnu.org/16876``, ``lz4.github.io/lz4/``, ``code.fb.com/codeofconduct/``), the
shapes a link check must leave alone. Each registered domain gets a part by
``sha256("links-doc/" + domain)``: ``dev`` rows train the model, ``test`` rows only measure it
(``benchmarks/links_quality.py`` counts the ``test`` rows it reports).
"""

from __future__ import annotations

import gzip
import hashlib
import re
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from training.links.dataset import HERE
from training.links.page_links import label_links

OUT = HERE / "doc-links.tsv"
_URL = re.compile(r"""https?://[A-Za-z0-9.-]+(?:/[^\s<>"'`()\[\]{},;|*]*)?""")
_MAX_BYTES = 2_000_000


def part_of(url: str) -> str:
    from lint.checks.links.domains import registered_domain
    from lint.checks.links.url import parse_url

    parts = parse_url(url)
    domain = registered_domain(parts.host) if parts else url
    digest = hashlib.sha256(f"links-doc/{domain}".encode()).digest()
    return "test" if digest[0] % 2 else "dev"


def doc_urls(folders: list[Path]) -> set[str]:
    urls: set[str] = set()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.is_symlink() or path.stat().st_size > _MAX_BYTES:
                continue
            if "site-packages" in path.parts and path.name != "METADATA":
                continue
            data = path.read_bytes()
            if path.suffix == ".gz":
                try:
                    data = gzip.decompress(data)
                except (OSError, EOFError):
                    continue
            if b"\0" in data[:1024]:
                continue
            text = data.decode("utf-8", "replace")
            urls.update(url.rstrip(".:!'\\") for url in _URL.findall(text))
    return urls


def main(argv: list[str]) -> int:
    rows = label_links(doc_urls([Path(folder) for folder in argv]), shaped=False)
    lines = ["url\tlabel\tpart"] + [f"{url}\t{label}\t{part_of(url)}" for url, label in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} links ({sum(label == 'shortener' for _, label in rows)} shortened)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
