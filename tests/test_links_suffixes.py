"""Public suffixes from the snapshot as sets give tldextract's answers, on every host tried."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.checks.links import suffixes
from lint.checks.links.domains import normalize_host
from lint.checks.links.url import parse_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def reference():
    import tldextract

    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def answer(host: str) -> tuple[str, str]:
        result = extractor.extract_str(host, include_psl_private_domains=False)
        return str(result.top_domain_under_public_suffix), str(result.suffix)

    return answer


def _hosts() -> list[str]:
    """Every public and private rule under one and two more labels (wildcards filled in,
    exceptions as written), the hosts of the labelled URLs and of the shipped lists, and odd
    cases: IP addresses, single labels, unknown suffixes, punycode and bare suffixes."""
    sets = suffixes.suffix_sets()
    assert sets is not None
    text = suffixes._snapshot_text()
    assert text is not None
    rules = set(sets[0])
    private = text.partition("// ===BEGIN PRIVATE DOMAINS===")[2]
    rules.update(line.split()[0] for line in private.splitlines() if line[:1].isalnum())
    hosts = set()
    for rule in rules:
        bare = rule.lstrip("!").replace("*.", "x1.")
        hosts.update({bare, f"example.{bare}", f"a.b.{bare}", f"www.{bare}"})
        if not bare.isascii():  # as links give them: punycode
            hosts.update({normalize_host(bare), normalize_host(f"example.{bare}")})
    for line in (ROOT / "training" / "links" / "urls.tsv").read_text(encoding="utf-8").splitlines():
        parts = parse_url(line.split("\t")[0])
        if parts:
            hosts.add(parts.host)
    data = ROOT / "lint" / "data" / "links"
    for path in data.rglob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.split("#")[0].strip().split(" ")[0]
            if "." in word and "/" not in word:
                hosts.update({normalize_host(word), "www." + normalize_host(word)})
    hosts.update(
        {
            "localhost",
            "127.0.0.1",
            "10.0.0.1.5",
            "256.1.1.1",
            "intranet",
            "server.local",
            "a.b.invalid-tld",
            "com",
            "co.uk",
            "www.ck",
            "a.www.ck",
            "x.ck",
            "city.kawasaki.jp",
            "a.city.kawasaki.jp",
            "b.kawasaki.jp",
            "a.b.kawasaki.jp",
            "kawasaki.jp",
            normalize_host("bücher.de"),
            normalize_host("例え.テスト"),
            normalize_host("公司.cn"),
            normalize_host("a.公司.cn"),
            normalize_host("ñandú.com.ar"),
            "xn--invalid-.com",
            "xn--.example",
            "waiterrant.blogspot.com",
            "user.github.io",
            "a.s3.amazonaws.com",
        }
    )
    return sorted(hosts)


def test_same_answers_as_tldextract_on_every_host(reference) -> None:
    hosts = _hosts()
    assert len(hosts) > 20_000
    differ = [
        (host, suffixes.split_host(host), reference(host))
        for host in hosts
        if suffixes.split_host(host) != reference(host)
    ]
    assert differ == []


def test_examples_say_what_a_suffix_is() -> None:
    assert suffixes.split_host("forums.bbc.co.uk") == ("bbc.co.uk", "co.uk")
    assert suffixes.split_host("on.wsj.com") == ("wsj.com", "com")
    assert suffixes.split_host("a.b.x.ck") == ("b.x.ck", "x.ck")  # *.ck
    assert suffixes.split_host("a.www.ck") == ("www.ck", "ck")  # !www.ck
    assert suffixes.split_host("blog.blogspot.com") == ("blogspot.com", "com")  # private: off
    assert suffixes.split_host("127.0.0.1") == ("", "")
    assert suffixes.split_host("localhost") == ("", "")
    assert suffixes.split_host("co.uk") == ("", "co.uk")


def test_the_sets_come_from_tldextracts_snapshot_without_importing_it() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from lint.checks.links.suffixes import split_host; "
        "print(split_host('a.example.co.uk'), 'tldextract' in sys.modules)"
    )
    env = {"PYTHONPATH": str(ROOT), "CONTENTLINT_CACHE_DIR": ""}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "('example.co.uk', 'co.uk') False"


def test_without_the_snapshot_tldextract_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suffixes, "_snapshot_text", lambda: None)
    suffixes.suffix_sets.cache_clear()
    suffixes.split_host.cache_clear()
    try:
        assert suffixes.split_host("a.example.co.uk") == ("example.co.uk", "co.uk")
        assert suffixes.split_host("a.b.x.ck") == ("b.x.ck", "x.ck")
    finally:
        suffixes.suffix_sets.cache_clear()
        suffixes.split_host.cache_clear()


def test_parse_reads_rules_as_tldextract_does() -> None:
    text = (
        "// comment\n\ncom\n*.ck\n!www.ck\n  indented.example\nco.uk // trailing comment\n"
        "// ===BEGIN PRIVATE DOMAINS===\nblogspot.com\n"
    )
    rules, nodes = suffixes.parse(text)
    assert rules == {"com", "*.ck", "!www.ck", "co.uk"}
    assert nodes == rules | {"ck", "uk"}
