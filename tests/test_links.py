"""The links check: labelled URLs (precision and recall per rule), carets, fixes, seeds,
disclosure, the offline guarantee, the opt-in resolver, data files and linear time."""

from __future__ import annotations

import re
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from lint import fix_text, lint_text
from lint.checks.links import LinksCheck
from lint.document import Document
from lint.finding import Finding
from tests.caret import Expected, parse
from tests.timing import BOUND, K, settled_growth

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "links"
LABELLED = sorted((FIXTURES / "labelled").iterdir())
CARETS = sorted(p for p in FIXTURES.iterdir() if p.is_file() and ".fixed." not in p.name)
LINK_RULES = ("shortener", "likely-shortener", "affiliate", "referral", "tracking", "missing-rel")
LABEL = re.compile(r"\s+#=>\s*(.*)$")
MIN_PRECISION, MIN_RECALL = 0.97, 0.95


def _links(text: str, path: str = "x.md", config: object = None) -> list[tuple[int, int, str, str]]:
    result = lint_text(text, path=path, select=["links"], config=config)  # type: ignore[arg-type]
    document = result.document
    assert document is not None
    return [(*document.position(f.start), f.rule, f.message) for f in result.findings]


def _labelled(path: Path) -> tuple[str, dict[int, set[str]]]:
    """The fixture without its ``#=> rules`` labels, and the labels by line."""
    lines, labels = [], {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        match = LABEL.search(raw)
        if match:
            labels[number] = {rule.strip() for rule in match.group(1).split(",")} - {"clean"}
        lines.append(raw[: match.start()] if match else raw)
    return "\n".join(lines), labels


def test_labelled_urls_precision_and_recall_per_rule() -> None:
    counts = {rule: Counter[str]() for rule in LINK_RULES}
    labelled = 0
    misses = []
    for path in LABELLED:
        text, labels = _labelled(path)
        labelled += len(labels)
        found: dict[int, set[str]] = {}
        for line, _, rule, _ in _links(text, path.name):
            if rule in LINK_RULES:
                found.setdefault(line, set()).add(rule)
        for line in set(labels) | set(found):
            wanted, got = labels.get(line, set()), found.get(line, set())
            if wanted != got:
                misses.append(f"{path.name}:{line}: wanted {sorted(wanted)}, got {sorted(got)}")
            for rule in LINK_RULES:
                key = {(True, True): "tp", (False, True): "fp", (True, False): "fn"}.get(
                    (rule in wanted, rule in got)
                )
                if key:
                    counts[rule][key] += 1
    print(f"\n{labelled} labelled cases")
    failures = []
    for rule, count in counts.items():
        tp, fp, fn = count["tp"], count["fp"], count["fn"]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"{rule:17} P={precision:.3f} R={recall:.3f} (tp={tp} fp={fp} fn={fn})")
        assert tp + fn >= 5, f"too few {rule} examples to measure"
        if precision < MIN_PRECISION or recall < MIN_RECALL:
            failures.append(rule)
    print("\n".join(misses))
    assert labelled >= 250
    assert not failures, misses


@pytest.mark.parametrize("path", CARETS, ids=lambda p: p.name)
def test_findings_match_carets(path: Path) -> None:
    text, expected = parse(path)
    result = lint_text(text, path=path.name, select=["links"])
    found = set()
    assert result.document is not None
    for finding in result.findings:
        line, column = result.document.position(finding.start)
        width = min(finding.end, result.document.lines[line - 1].end) - finding.start
        found.add(Expected(line, column, width, finding.rule))
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize(
    "path",
    [p for p in CARETS if p.with_name(f"{p.stem}.fixed{p.suffix}").exists()],
    ids=lambda p: p.name,
)
def test_fix_gives_the_fixed_file_and_is_idempotent(path: Path) -> None:
    text, _ = parse(path)
    wanted = path.with_name(f"{path.stem}.fixed{path.suffix}").read_text(encoding="utf-8")
    unsafe = ".unsafe." in path.name
    first = fix_text(text, path=path.name, select=["links"], unsafe=unsafe)
    assert first.text == wanted
    second = fix_text(first.text, path=path.name, select=["links"], unsafe=unsafe)
    assert second.text == wanted
    assert second.fixed == 0


def test_tracking_fix_is_unsafe_only() -> None:
    text = "See https://example.com/a?id=1&utm_source=x&b=2 now.\n"
    assert fix_text(text, path="x.md", select=["links"]).text == text
    fixed = fix_text(text, path="x.md", select=["links"], unsafe=True).text
    assert fixed == "See https://example.com/a?id=1&b=2 now.\n"


def test_tracking_fix_keeps_the_rest_of_the_url_byte_for_byte() -> None:
    url = "HTTPS://Example.COM:8080/A%20b;p?Z=%7E&amp;utm_source=a+b&x=&fbclid=1#Frag?utm_x=1"
    text = f'<a href="{url}">x</a>\n'
    fixed = fix_text(text, path="x.html", select=["links"], unsafe=True).text
    assert fixed == '<a href="HTTPS://Example.COM:8080/A%20b;p?Z=%7E&x=#Frag?utm_x=1">x</a>\n'


def test_a_url_ends_before_the_end_of_an_html_comment() -> None:
    # A comment's end left without its start (a scraped conditional comment).
    text = "Read the notes of the release at https://example.com/?utm_source=x&utm_medium=y-->\n"
    assert _links(text) == [
        (
            1,
            34,
            "tracking",
            "Tracking parameters (utm_source, utm_medium): they follow readers; remove them",
        )
    ]
    fixed = fix_text(text, path="x.md", select=["links"], unsafe=True).text
    assert fixed == "Read the notes of the release at https://example.com/-->\n"


def test_a_code_in_the_fragment_counts_and_no_fix_touches_it() -> None:
    text = (
        "Host with https://www.example-host.com/hosting#a_aid=6818d638aa861&chan=code3 now.\n"
        "Read https://docs.example.com/guide#section-2 and https://app.example.com/#/signup?ref=header\n"
        "Old: https://example.com/a?utm_source=x#a_aid=6818d638aa861\n"
    )
    found = [(line, column, rule, message) for line, column, rule, message in _links(text)]
    assert [(line, column, rule) for line, column, rule, _ in found] == [
        (1, 11, "affiliate"),
        (1, 11, "undisclosed"),
        (3, 6, "affiliate"),
        (3, 6, "tracking"),
    ]
    assert found[0][3] == (
        "Affiliate link (Post Affiliate Pro: a_aid=6818d638aa861): it earns a commission; "
        "disclose it"
    )
    fixed = fix_text(text, path="x.md", select=["links"], unsafe=True).text
    assert fixed == text.replace("?utm_source=x#", "#")


def test_seed_000_bitly_links_and_missing_disclosure() -> None:
    path = ROOT / "seeds" / "000_f97d405b5bae933c.txt"
    found = _links(path.read_text(encoding="utf-8"), path.name)
    shorteners = [(line, column) for line, column, rule, _ in found if rule == "shortener"]
    assert shorteners == [(9, 50), (112, 39)]
    undisclosed = [(line, message) for line, _, rule, message in found if rule == "undisclosed"]
    assert len(undisclosed) == 1
    assert undisclosed[0][0] == 9
    assert '"bonus"' in undisclosed[0][1]


def test_other_seeds_have_no_monetised_links() -> None:
    for path in sorted((ROOT / "seeds").iterdir()):
        if not path.name.startswith("000"):
            rules = {rule for _, _, rule, _ in _links(path.read_text(encoding="utf-8"), path.name)}
            assert not rules & {"shortener", "affiliate", "referral", "undisclosed"}, path.name


def test_messages_say_exactly_why() -> None:
    text = (
        "Go to https://bit.ly/3xYz.\n"
        "Buy [it](https://www.amazon.com/dp/B0?tag=me-20) now.\n"
        "Join at https://www.okx.com/join/JAYHAO8 today.\n"
        "Read https://example.com/?utm_source=x&utm_medium=y.\n"
    )
    found = {(line, column, rule): message for line, column, rule, message in _links(text)}
    assert found[(1, 7, "shortener")] == (
        "Shortened link (bit.ly is a URL shortener): the destination is hidden; "
        "link to the final URL instead"
    )
    assert found[(2, 10, "affiliate")] == (
        "Affiliate link (Amazon Associates: tag=me-20): it earns a commission; disclose it"
    )
    assert found[(3, 9, "referral")] == (
        "Referral link (OKX: /join/JAYHAO8): it pays for sign-ups; disclose it"
    )
    assert found[(4, 6, "tracking")] == (
        "Tracking parameters (utm_source, utm_medium): they follow readers; remove them"
    )
    assert found[(2, 10, "undisclosed")].startswith("Monetised links but no disclosure")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # monetised, never disclosed
        ("Buy [it](https://amzn.to/3xYz).\n", {"undisclosed"}),
        ("Sign up: https://bit.ly/3xYz today\n", {"undisclosed"}),
        ("[Get the deal](https://tinyurl.com/abc123)\n", {"undisclosed"}),
        ("[Claim the bonus][1]\n\n[1]: <https://bit.ly/3xYzAbC>\n", {"undisclosed"}),
        ("Sign up at okx.com/join/JAYHAO8 now.\n", {"undisclosed"}),
        # disclosed before, or right after the first monetised link
        ("This post contains affiliate links.\n\nBuy [it](https://amzn.to/3xYz).\n", set()),
        ("Buy [it](https://amzn.to/3xYz) (affiliate link).\n", set()),
        (
            "As an Amazon Associate I earn from qualifying purchases.\n[x](https://amzn.to/3x)\n",
            set(),
        ),
        ("#ad Use https://www.okx.com/join/JAYHAO8\n", set()),
        ("Use my referral code: https://www.okx.com/join/JAYHAO8\n", set()),
        ("SPONSORED\n\nhttps://amzn.to/3xYz\n", set()),
        # disclosed only at the very end
        (
            "Buy [it](https://amzn.to/3xYz).\n\n"
            + "Text. " * 100
            + "\n\n*We may earn a commission.*\n",
            {"late-disclosure"},
        ),
        # look-alikes are not disclosures
        ("#adidas shoes: https://amzn.to/3xYz\n", {"undisclosed"}),
        ("Our sponsors: https://amzn.to/3xYz\n", {"undisclosed"}),
        # not monetised: a shortener without a call to action, plain links
        ("Read the story at https://nyti.ms/3xYz9Ab\n", set()),
        ("See https://example.com/page and https://www.amazon.com/dp/B0\n", set()),
    ],
)
def test_disclosure(text: str, expected: set[str]) -> None:
    rules = [rule for _, _, rule, _ in _links(text)]
    assert {r for r in rules if r in ("undisclosed", "late-disclosure")} == expected
    assert rules.count("undisclosed") + rules.count("late-disclosure") == len(expected)


def test_late_disclosure_names_the_line() -> None:
    text = "[lamp](https://amzn.to/3xYz)\n" + "Text.\n" * 80 + "Disclosure: affiliate links.\n"
    (message,) = [m for _, _, rule, m in _links(text) if rule == "late-disclosure"]
    assert message.startswith('The disclosure ("Disclosure:", line 82) comes after the first')


def test_links_in_code_are_content() -> None:
    text = "```\nhttps://bit.ly/abc123\n```\n\n`https://amzn.to/x`\n\n    https://bit.ly/indented\n"
    assert _links(text) == []
    assert (
        _links("<pre>https://bit.ly/abc123</pre>\n<code>https://amzn.to/x</code>", "x.html") == []
    )


def test_a_cache_buster_on_a_static_asset_is_not_a_referral_code() -> None:
    text = (
        "Assets: https://cdn.example.com/app.js?r=20231101 and "
        "https://example.com/logo.png?ref=1699999999\n"
        "Sign up: https://example.com/signup?r=20231101\n"
    )
    assert [(line, column, rule) for line, column, rule, _ in _links(text)] == [
        (2, 10, "referral"),
        (2, 10, "undisclosed"),
    ]
    assert "(a referral code: r=20231101)" in _links(text)[0][3]


def test_configured_shorteners_and_allow_list() -> None:
    config = {"checks": {"links": {"shorteners": ["go.example.org"], "allow-domains": ["bit.ly"]}}}
    text = "https://go.example.org/spring-news and https://bit.ly/3xYz\n"
    rules = [(column, rule) for _, column, rule, _ in _links(text, config=config)]
    assert rules == [(1, "shortener")]


def test_no_network_and_no_cache_writes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Public suffixes come from tldextract's bundled snapshot: no fetch, no cache folder of
    its own (contentlint's cache is switched off here, so nothing may be written at all)."""
    from lint.checks.links import domains, suffixes

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for variable in ("HOME", "XDG_CACHE_HOME", "TLDEXTRACT_CACHE"):
        monkeypatch.setenv(variable, str(tmp_path))
    monkeypatch.setenv("CONTENTLINT_CACHE_DIR", "")
    for cached in (suffixes.suffix_sets, suffixes.split_host, suffixes._extractor):
        cached.cache_clear()
    domains.registered_domain.cache_clear()
    domains.public_suffix.cache_clear()
    assert domains.registered_domain("on.wsj.com") == "wsj.com"
    assert domains.registered_domain("a.b.example.co.uk") == "example.co.uk"
    check = LinksCheck()  # a fresh lexicon: nothing built before the sockets were blocked
    document = Document.for_path("https://go.acme.io/3xYzAb2 and https://bit.ly/x1\n", "x.md")
    options = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["checks"]["links"]
    rules = [finding.rule for finding in check.check(document, options)]
    assert rules == ["likely-shortener", "shortener"]
    assert list(tmp_path.iterdir()) == []


class _Redirects(BaseHTTPRequestHandler):
    """/s/N redirects to /s/N-1 ... /s/0 -> /final; /loop redirects to itself; /nohead
    refuses HEAD; /aff leads to an affiliate link."""

    def _route(self, head: bool) -> None:
        if self.path == "/nohead" and head:
            self.send_response(405)
        elif self.path == "/nohead":
            self.send_response(302)
            self.send_header("Location", "/final?utm_source=x")
        elif self.path == "/aff":
            port = self.server.server_address[1]  # type: ignore[index]
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{port}/final?aff_id=42")
        elif self.path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
        elif self.path.startswith("/s/"):
            hops = int(self.path[3:])
            self.send_response(301)
            self.send_header("Location", f"/s/{hops - 1}" if hops else "/final")
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self._route(head=True)

    def do_GET(self) -> None:
        self._route(head=False)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Redirects)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_resolver_follows_redirects(server: str) -> None:
    from lint.checks.links.resolve import resolve_url

    done = resolve_url(f"{server}/s/3", 5.0)
    assert (done.final, done.hops, done.error) == (f"{server}/final", 4, "")
    loop = resolve_url(f"{server}/loop", 5.0)
    assert loop.error == "more than 10 redirects"
    assert loop.hops == 10
    refused = resolve_url(f"{server}/nohead", 5.0)
    assert (refused.final, refused.error) == (f"{server}/final?utm_source=x", "")


def test_resolve_links_option_reports_the_destination(server: str) -> None:
    config = {"checks": {"links": {"resolve-links": True, "shorteners": ["127.0.0.1"]}}}
    found = _links(f"See {server}/s/1 here.\n", config=config)
    assert [rule for _, _, rule, _ in found] == ["shortener"]
    assert found[0][3].endswith(
        f"(127.0.0.1 is a URL shortener; it leads to {server}/final): "
        "the destination is hidden; link to the final URL instead"
    )


def test_rules_are_documented() -> None:
    rules = {rule.id: rule for rule in LinksCheck.rules}
    assert set(rules) == {*LINK_RULES, "undisclosed", "late-disclosure"}
    for rule in rules.values():
        assert len(rule.explanation) > 200 and rule.example, rule.id
    assert rules["missing-rel"].fix == "safe"
    assert rules["tracking"].fix == "unsafe"


def test_every_option_in_config_yaml_is_commented_and_used() -> None:
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    section = text[text.index("\n  links:\n") : text.index("\n  claims:\n")]
    options = yaml.safe_load(section)["links"]
    source = (ROOT / "lint" / "checks" / "links" / "__init__.py").read_text(encoding="utf-8")
    source += (ROOT / "lint" / "checks" / "links" / "lexicon.py").read_text(encoding="utf-8")
    for key in options:
        if key in ("enabled", "rules"):
            continue
        assert re.search(rf"#[^\n]*\n(?:\s*#[^\n]*\n)*\s*{re.escape(key)}:", section), key
        assert f'"{key}"' in source, key


@pytest.mark.parametrize(
    "opener",
    ["https://", "www.", "[", "](", "<a href=", ' href="', "a.ly/", "://", "https://x.com/(", "#"],
)
def test_adversarial_input_is_linear(opener: str) -> None:
    check = LinksCheck()
    options = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["checks"]["links"]
    name = "x.html" if "href" in opener else "x.md"

    def work(text: str) -> list[Finding]:
        return list(check.check(Document.for_path(text, name), options))

    ratio = settled_growth(work, opener.__mul__, 20_000, K, BOUND)
    assert ratio < BOUND, f"{K}x the input took {ratio:.1f}x the time"


def test_resolved_affiliate_destination_makes_the_link_monetised(server: str) -> None:
    config = {"checks": {"links": {"resolve-links": True, "shorteners": ["localhost"]}}}
    short = server.replace("127.0.0.1", "localhost")
    found = _links(f"See {short}/aff here.\n", config=config)
    assert [rule for _, _, rule, _ in found] == ["shortener", "undisclosed"]
    assert (
        f"it leads to {server}/final?aff_id=42, an affiliate link (in-house affiliate programme: "
        "aff_id=42)" in found[0][3]
    )
    assert "(shortened affiliate link)" in found[1][3]


def test_resolve_links_is_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    import lint.checks.links.resolve

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("resolved without being asked")

    monkeypatch.setattr(lint.checks.links.resolve, "resolve_url", refuse)
    assert [rule for _, _, rule, _ in _links("https://bit.ly/3xYz\n")] == ["shortener"]


def test_cli_resolve_links_flag(server: str, tmp_path: Path) -> None:
    from tests.conftest import run_cli

    (tmp_path / ".contentlint.yaml").write_text(
        "checks:\n  links:\n    shorteners: ['127.0.0.1']\n", encoding="utf-8"
    )
    (tmp_path / "post.md").write_text(f"See {server}/s/2 here.\n", encoding="utf-8")
    plain = run_cli(["check", "post.md", "--format", "json"], cwd=tmp_path)
    resolved = run_cli(["check", "post.md", "--format", "json", "--resolve-links"], cwd=tmp_path)
    assert "leads to" not in plain.out
    assert f"it leads to {server}/final" in resolved.out, resolved.err


# A megabyte-long line of each shape, built from its size in units: (before, unit, after).
MEGABYTE_LINES = {
    "long-url": ("https://bit.ly/", "a", ""),
    "many-params": ("https://example.com/?", "utm_a=1&", ""),
    "long-link-text": ("[", "a", "](https://bit.ly/x)"),
    "long-undisclosed": ("https://www.amazon.com/dp/x?tag=a-20 ", "earn ", ""),
}
MEGABYTE_UNITS = {"long-url": 2_000_000, "many-params": 200_000, "long-link-text": 2_000_000}


@pytest.mark.parametrize("shape", MEGABYTE_LINES)
def test_megabyte_lines_take_linear_time(shape: str) -> None:
    check = LinksCheck()
    options = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["checks"]["links"]
    before, unit, after = MEGABYTE_LINES[shape]

    def line(units: int) -> str:
        return before + unit * units + after

    def work(text: str) -> list[Finding]:
        return list(check.check(Document.for_path(text, "x.md"), options))

    units = MEGABYTE_UNITS.get(shape, 400_000)
    assert work(line(units))  # the link is still found at full size
    ratio = settled_growth(work, line, units // K, K, BOUND)
    assert ratio < BOUND, f"{K}x the input took {ratio:.1f}x the time"


def test_a_brands_named_short_link_is_left_alone_and_its_code_is_not() -> None:
    """red.ht, ubr.to and oreil.ly are on the shortener lists, but their named paths lead to
    the brand's own pages (not-shorteners.yaml, ``named: true``); their opaque codes do not."""
    text = (
        "Docs: https://red.ht/lab-hotstarter and https://oreil.ly/EfficientNodeJS\n"
        "Zone: https://red.ht/Ab3dE9\n"
        "Help: https://ubr.to/sign-in-help/\n"
    )
    assert _links(text, "notes.txt") == [
        (
            2,
            7,
            "shortener",
            "Shortened link (red.ht is a URL shortener): the destination is hidden; "
            "link to the final URL instead",
        )
    ]


def test_an_archive_snapshot_is_not_a_short_link() -> None:
    # perma.cc ids look like codes (4M79-7QY4) but name a snapshot, as archive.is ids do.
    assert _links("Permalink: https://perma.cc/4M79-7QY4\n", "notes.txt") == []


def test_a_dead_shortener_of_2009_says_so() -> None:
    [(line, column, rule, message)] = _links("See http://TwitPWR.com/mP0/ here\n", "notes.txt")
    assert (line, column, rule) == (1, 5, "shortener")
    assert message.startswith("Link through a dead shortener (twitpwr.com no longer works)")


@pytest.mark.parametrize(
    ("url", "network"),
    [
        ("https://clnk.in/iQ78", "Cuelinks: clnk.in"),
        ("https://atid.me/00p2cf002mmu", "AccessTrade: atid.me"),
        ("https://fave.co/4jgccso", "fave.co deal links: fave.co"),
    ],
)
def test_network_short_domains_are_affiliate_not_shortened(url: str, network: str) -> None:
    found = [(rule, message) for _, _, rule, message in _links(f"Buy it: {url}\n", "notes.txt")]
    assert found[0] == (
        "affiliate",
        f"Affiliate link ({network}): it earns a commission; disclose it",
    )
