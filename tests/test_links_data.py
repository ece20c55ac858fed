"""The links data, entry by entry: every network, programme and not-paid host is tested by its
own example links, every listed shortener by a short link on it, every exclusion by its
evidence; the shipped public list keeps its licence and attribution, and the refresh script
brings in a newer copy."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from lint import lint_text
from lint.document import Document
from training.links.dataset import rows, split_rows

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "lint" / "data" / "links"
LINK_RULES = ("shortener", "likely-shortener", "affiliate", "referral")
NETWORKS = yaml.safe_load((DATA / "networks.yaml").read_text(encoding="utf-8"))["entries"]
NOT_SHORTENERS = yaml.safe_load((DATA / "not-shorteners.yaml").read_text(encoding="utf-8"))[
    "groups"
]


def _domains(path: Path) -> list[str]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            found.append(words[0])
    return found


def _answers(text: str, path: str) -> list[tuple[int, str, str]]:
    """(line, rule, message) of every shortener, affiliate or referral finding."""
    result = lint_text(text, path=path, select=["links"])
    assert result.document is not None
    return [
        (result.document.position(f.start)[0], f.rule, f.message)
        for f in result.findings
        if f.rule in LINK_RULES
    ]


def _document(url: str) -> tuple[str, str]:
    if url.startswith("//"):
        return f'<iframe src="{url}"></iframe>\n', "x.html"
    return url + "\n", "x.txt"


def _shouted(url: str) -> str:
    """The URL with its scheme and host in capitals."""
    match = re.match(r"((?:https?:)?//)?([^/?#]+)", url)
    assert match is not None
    return (match.group(1) or "").upper() + match.group(2).upper() + url[match.end() :]


def _examples(kind: str) -> Iterator[Any]:
    for index, entry in enumerate(NETWORKS):
        for url in entry.get(kind, ()):
            yield pytest.param(entry, url, id=f"{index}:{entry['name']}:{url[:60]}")


@pytest.mark.parametrize(("entry", "url"), list(_examples("examples")))
def test_every_network_example_is_decided_by_its_entry(entry: dict[str, Any], url: str) -> None:
    text, path = _document(url)
    found = _answers(text, path)
    if entry["kind"] == "not-paid":
        from lint.checks.links.classify import _evidence
        from lint.checks.links.lexicon import entry_of
        from lint.checks.links.url import parse_url

        parts = parse_url(url)
        assert parts is not None
        params = [param for param in parts.params if param.value]
        hosts = entry["hosts"]
        host = parts.host if hosts == ["*"] else next(h for h in hosts if parts.host.endswith(h))
        assert _evidence(entry_of(entry), host, parts.path, params) is not None
        assert found == []
        return
    assert found, f"{url} is not reported"
    _, rule, message = found[0]
    assert rule == entry["kind"]
    assert f"({entry['name']}: " in message
    if url.startswith("//"):
        return
    # The same link with its host in capitals, inside a Markdown link.
    markdown = _answers(f"See [this offer]({_shouted(url)}).\n", "x.md")
    assert [(r, m.split(": it ")[0].lower()) for _, r, m in markdown] == [
        (rule, message.split(": it ")[0].lower())
    ]


@pytest.mark.parametrize(("entry", "url"), list(_examples("clean")))
def test_every_clean_link_of_an_entry_is_left_alone(entry: dict[str, Any], url: str) -> None:
    del entry
    assert _answers(*_document(url)) == []


def test_every_entry_has_an_example_and_a_known_kind() -> None:
    for entry in NETWORKS:
        assert entry["kind"] in ("affiliate", "referral", "not-paid"), entry["name"]
        assert entry.get("examples"), entry["name"]
        assert entry["hosts"] == ["*"] or "*" not in entry["hosts"], entry["name"]
        for key in ("path", "value", "host"):
            if key in entry:
                re.compile(entry[key])


def _listed_domains() -> dict[str, bool]:
    """Listed shortener -> dead, as the data files say (public list, then the team's file)."""
    listed = dict.fromkeys(_domains(DATA / "url-shorteners" / "list.txt"), False)
    listed.update(dict.fromkeys(_domains(DATA / "url-shorteners" / "inactive.txt"), True))
    for line in (DATA / "shorteners.txt").read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            listed[words[0]] = words[1:2] == ["defunct"]
    return listed


def _covered(domain: str, hosts: set[str]) -> bool:
    labels = domain.split(".")
    return any(".".join(labels[index:]) in hosts for index in range(len(labels)))


def test_every_listed_shortener_is_reported_as_a_short_link() -> None:
    """Each of the 2,600 listed domains, as https://DOMAIN/Ab3dE9 on a line of its own, is a
    shortened link (dead ones say so), unless not-shorteners.yaml or a network claims it."""
    from lint.checks.links.domains import normalize_host

    listed = {normalize_host(domain): dead for domain, dead in _listed_domains().items()}
    excluded = {
        normalize_host(domain)
        for group in NOT_SHORTENERS
        if "paths" not in group and not group.get("named")
        for domain in group["domains"]
    }
    claimed = {
        normalize_host(host)
        for entry in NETWORKS
        if entry["hosts"] != ["*"] and "path" not in entry and "params" not in entry
        for host in entry["hosts"]
    }
    domains = sorted(listed)
    text = "".join(f"https://{domain}/Ab3dE9\n" for domain in domains)
    found = {line: (rule, message) for line, rule, message in _answers(text, "x.txt")}
    wrong = []
    for line, domain in enumerate(domains, 1):
        rule, message = found.get(line, ("none", ""))
        # An exclusion covers the domain itself; a network claims its subdomains too.
        if domain in excluded or _covered(domain, claimed):
            expected = "none" if domain in excluded else rule
            if rule != expected:
                wrong.append(f"{domain}: {rule}")
            continue
        dead = "dead shortener" in message
        if rule != "shortener" or dead != listed[domain]:
            wrong.append(f"{domain}: {rule} {message}")
    assert len(domains) > 2600
    assert wrong == []


@pytest.mark.parametrize(
    ("group", "url"),
    [
        pytest.param(group, url, id=f"{group['why'][:30]}:{url[:50]}")
        for group in NOT_SHORTENERS
        for url in group["examples"]
    ],
)
def test_not_shortener_examples_are_left_alone(group: dict[str, Any], url: str) -> None:
    del group
    assert [rule for _, rule, _ in _answers(*_document(url)) if "shortener" in rule] == []


@pytest.mark.parametrize(
    "url",
    [url for group in NOT_SHORTENERS if group.get("named") for url in group["reported"]],
)
def test_codes_on_a_named_only_domain_are_still_short_links(url: str) -> None:
    """A ``named: true`` group covers a brand's named pages only: its codes are reported."""
    host = url.split("/")[2]
    assert [(rule, message) for _, rule, message in _answers(*_document(url))] == [
        (
            "shortener",
            f"Shortened link ({host} is a URL shortener): the destination is hidden;"
            " link to the final URL instead",
        )
    ]


def test_every_not_shortener_is_on_a_shipped_list() -> None:
    listed = set(_listed_domains())
    for group in NOT_SHORTENERS:
        for domain in group["domains"]:
            assert _covered(domain, listed), domain
        assert group["examples"], group["why"]


def test_shorteners_txt_is_tidy_and_adds_to_the_public_list() -> None:
    text = (DATA / "shorteners.txt").read_text(encoding="utf-8")
    assert "CC0" in text[:1500]
    public = set(_domains(DATA / "url-shorteners" / "list.txt")) | set(
        _domains(DATA / "url-shorteners" / "inactive.txt")
    )
    entries = []
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        assert re.fullmatch(r"[a-z0-9.-]+\.[a-z0-9-]+", words[0]), line
        assert words[1:] in ([], ["defunct"]), line
        # A listed domain is here only to mark it dead.
        assert words[0] not in public or words[1:] == ["defunct"], line
        entries.append(words[0])
    assert entries == sorted(set(entries))


def test_the_public_list_ships_with_its_licence_and_attribution() -> None:
    folder = DATA / "url-shorteners"
    assert "Attribution-ShareAlike 4.0 International" in (folder / "LICENSE.txt").read_text(
        encoding="utf-8"
    )
    source = (folder / "SOURCE.md").read_text(encoding="utf-8")
    assert "https://github.com/PeterDaveHello/url-shorteners" in source
    assert re.search(r"Upstream commit: [0-9a-f]{40} \(\d{4}-\d{2}-\d{2}\)", source)
    assert len(_domains(folder / "list.txt")) > 1400
    assert len(_domains(folder / "inactive.txt")) > 1000
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "lint/data/links/url-shorteners/LICENSE.txt" in pyproject
    assert "CC-BY-SA-4.0" in pyproject


def test_examples_never_come_from_the_test_part() -> None:
    """The data is tuned on the dev part only (training/links/SPLIT.md)."""
    test_urls = {row.url for row in split_rows("test")}
    used = [url for entry in NETWORKS for url in (*entry["examples"], *entry.get("clean", ()))]
    used += [
        url for group in NOT_SHORTENERS for url in (*group["examples"], *group.get("reported", ()))
    ]
    assert sorted(set(used) & test_urls) == []
    assert len(test_urls) > 250 and len(list(rows())) >= 800


def test_rules_say_where_the_shortener_list_comes_from() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lint", "rules", "links/shortener"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert "github.com/PeterDaveHello/url-shorteners" in done.stdout
    assert "CC BY-SA 4.0" in done.stdout
    assert "python scripts/refresh_shorteners.py" in done.stdout


def test_refresh_script_brings_in_a_newer_list(tmp_path: Path) -> None:
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    shipped = DATA / "url-shorteners"
    newer = shipped.joinpath("list.txt").read_text(encoding="utf-8") + "brand-new.example\n"
    (upstream / "list").write_text(newer, encoding="utf-8")
    shutil.copyfile(shipped / "inactive.txt", upstream / "inactive")
    shutil.copyfile(shipped / "LICENSE.txt", upstream / "LICENSE")
    data = tmp_path / "data"
    data.mkdir()
    shutil.copytree(shipped, data / "url-shorteners")
    shutil.copyfile(DATA / "not-shorteners.yaml", data / "not-shorteners.yaml")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "refresh_shorteners.py"),
            str(upstream),
            "--commit",
            "0" * 40,
            "--date",
            "2030-01-01",
            "--data",
            str(data),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "+1 (brand-new.example)" in done.stdout
    assert (data / "url-shorteners" / "list.txt").read_text(encoding="utf-8") == newer
    source = (data / "url-shorteners" / "SOURCE.md").read_text(encoding="utf-8")
    assert f"Upstream commit: {'0' * 40} (2030-01-01)" in source


def test_capital_hosts_and_markdown_links_to_listed_shorteners() -> None:
    text = (
        "Read [the story](HTTPS://MNG.BZ/QwZG) and [this](https://Read.Bi/2IlgzVs).\n"
        "Old: [map](HTTP://GOO.GL/cvSjeY), bare KORTLINK.DK/2mdnz and [x](dy.fi/iagw).\n"
    )
    found = [(line, rule, "dead" in message) for line, rule, message in _answers(text, "x.md")]
    assert found == [
        (1, "shortener", False),
        (1, "shortener", False),
        (2, "shortener", True),
        (2, "shortener", False),
        (2, "shortener", False),
    ]


def test_document_for_path_is_used_for_every_example() -> None:
    # The examples are linted as the check sees real files: plain text and HTML.
    assert Document.for_path("x\n", "x.txt").markup == "text"
    assert Document.for_path("x\n", "x.html").markup == "html"


def test_every_shape_exclusion_keeps_its_codes_unjudged() -> None:
    """Every host of link-shapes.yaml's ``not_shorteners`` (pastes, profiles, shared snippets
    such as play.golang.org/p/HmnNoBf0p1z) is never reported as likely shortened, whether the
    code is the whole path or sits under a one-letter section."""
    shapes = yaml.safe_load((DATA / "link-shapes.yaml").read_text(encoding="utf-8"))
    hosts = shapes["likely"]["not_shorteners"]
    text = "".join(f"https://{host}/Ab3dE9\nhttps://{host}/p/Ab3dE9x\n" for host in hosts)
    found = [(line, rule) for line, rule, _ in _answers(text, "x.txt")]
    assert len(hosts) > 100
    assert [item for item in found if item[1] == "likely-shortener"] == []
    # The same codes on a host no list names are reported: the exclusion is what keeps them.
    assert [rule for _, rule, _ in _answers("https://qz7.ly/p/Ab3dE9x\n", "x.txt")] == [
        "likely-shortener"
    ]
