"""The likely-shortener model: the shipped weights are what the committed data gives, and the
check reports a short link on an unnamed host with the evidence that weighed most."""

from __future__ import annotations

import json

import pytest

from lint import lint_text
from lint.scoring import load_model
from training.links import letters, train


def test_shipped_model_is_what_the_committed_data_gives() -> None:
    pytest.importorskip("sklearn", reason="retraining needs the train extra")
    shipped = json.loads(train.MODEL.read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(train.build()))


def test_shipped_letter_pairs_are_what_the_sentences_give() -> None:
    shipped = letters.PAIRS.read_text(encoding="utf-8")
    assert shipped == letters.document(letters.common_pairs())


def test_model_file_names_its_data_and_threshold() -> None:
    model = load_model("lint.checks.links", "likely-shortener.json")
    assert model.threshold == train.THRESHOLD
    assert model.trained["script"] == "training/links/train.py"
    assert set(model.heads) == {"likely-shortener"}


def _findings(url: str) -> list[tuple[str, str]]:
    result = lint_text(url + "\n", path="x.txt", select=["links"])
    return [(f.rule, f.message) for f in result.findings]


@pytest.mark.parametrize(
    ("url", "evidence"),
    [
        # Hosts on no list, with a code as the whole path.
        ("https://qz7.ly/3fKx9Q", "qz7.ly/3fKx9Q: "),
        ("https://lnkx.ru/Ab3dE9", "lnkx.ru/Ab3dE9: "),
        ("https://go.acme.io/3xYzAb2", "go.acme.io/3xYzAb2: "),
        # Endings brands pick for their short domains (mng.bz, ibm.biz), in capitals too.
        ("https://zq.bz/QwZG4", "zq.bz/QwZG4: "),
        ("HTTPS://IBX.BIZ/BdPqXa", "ibx.biz/BdPqXa: "),
        # Vanity endings shorteners pick (sg.run, shre.ink).
        ("https://qz.run/3fKx9Q", "qz.run/3fKx9Q: "),
        # An opaque code under a one-letter section (amzn.in/d/..., l.linklyhq.com/l/...).
        ("https://qz7.in/d/cS7NyCNl", "qz7.in/d/cS7NyCNl: "),
        # Capitals mixed into a code with one digit (l.linklyhq.com/l/1SFTp).
        ("https://qz7.in/l/1SFTp", "qz7.in/l/1SFTp: "),
        # A code written as the whole query, its case kept (ley.su/?RKZp).
        ("https://qz.su/?RKZp", "qz.su/?RKZp: "),
        ("https://qz.su?YOrX", "qz.su/?YOrX: "),
    ],
)
def test_unnamed_short_links_are_likely_shortened(url: str, evidence: str) -> None:
    [(rule, message)] = _findings(url)
    assert rule == "likely-shortener"
    assert message.startswith(f"Link looks shortened ({evidence}")
    assert "; score 0." in message
    assert message.endswith(
        "): if it is, the destination is hidden; link to the final URL, or add the host to "
        "allow-domains if it is not a shortener"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://kep.k8s.io/4191",  # a number: a proposal, an issue, an episode
        "https://www.theguardian.com/crosswords",  # a word on a long name
        "https://twitter.com/AlBawabaEnglish",  # a profile (CamelCase words)
        "https://example.com/about",
        "https://qz7.ly/3fKx9Q?page=2",  # a query: not a bare code
        "https://qz7.ly/a/b/3fKx9Q",  # three segments
        "https://qz7.ly/logo.png",  # a file
        "https://bootstrap.pypa.io/get-pip.py",  # a script
        "https://qz7.ly/3fKx9Q#top",  # a fragment: a section of a page
        "https://gcc.gnu.org/PR54965",  # a bug report
        "https://wg21.link/p0466",  # a paper: letters then a number
        "https://cookbooks.dev/1.0/",  # a version
        "http://bur.st/~benc/",  # a user's home page
        "https://mstdn.io/@Jane42",  # a profile
        "https://qz7.ly/magic",  # a word names a page (twil.io/magic, mdb.link/memex)
        "https://qz7.ly/learn-open-source",  # words joined by hyphens: a page's name
        "https://qz7.ly/bca-coa2025",  # a slug with a year
        "https://qz7.in/u/jane",  # a name under a one-letter section: a profile
        "https://qz7.in/u/Jane",  # a capitalised name there too
        "https://qz7.in/d/x/cS7NyCNl",  # three segments
        "https://play.golang.org/p/HmnNoBf0p1z",  # a shared snippet, not a redirect
        "https://wiki.debian.org/GCC5",  # a wiki page: a name and a version
        "https://qz.su/?amp",  # a bare query that is a site's switch, not a code
        "https://qz.su/?rkzp",  # lower-case letters alone are not random enough bare
        "https://qz.su/?RKZp=1",  # a parameter with a value
        "https://qz.su/page?RKZp",  # a query after a page's path
    ],
)
def test_ordinary_links_are_not(url: str) -> None:
    assert _findings(url) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://zipurl.com/26797",  # 'url' and three more letters: a product's name
        "https://linkerd.io/26797",  # a project's issue or release number
        "https://shortna.xyz/2024",  # four digits: a year
        "https://shortna.xyz/12",  # too short to be an id
    ],
)
def test_a_number_is_a_code_only_on_a_name_coined_closely_for_shortening(url: str) -> None:
    assert _findings(url) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://oreil.ly/EfficientNodeJS",
        "https://brnd.ly/GetStarted",
        "https://brnd.ly/PowerToysOverview",
    ],
)
def test_capitalised_words_run_together_are_a_name_not_a_code(url: str) -> None:
    """A brand's named link in camel case (``EfficientNodeJS``) is a page's name, as a slug is."""
    assert _findings(url) == []


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://brnd.ly/VlIfX", "brnd.ly/VlIfX"),  # capitals inside letters unlike words
        ("https://brnd.ly/NoqkC", "brnd.ly/NoqkC"),
    ],
)
def test_random_capitals_are_still_a_code(url: str, shown: str) -> None:
    [(rule, message)] = _findings(url)
    assert rule == "likely-shortener"
    assert message.startswith(f"Link looks shortened ({shown}: ")


@pytest.mark.parametrize(
    ("url", "shown", "word"),
    [
        # A number, which the model never scores, as a sequential shortener's id on a name
        # coined from a shortening word with at most two more letters (shortna.me/26797).
        ("https://shortna.xyz/26797", "shortna.xyz/26797", "shortn"),
        # ... or made of shortening words alone.
        ("https://shrturl.com/26797", "shrturl.com/26797", "shrt"),
        # A vanity alias on a name made of shortening words only.
        ("https://lnkurl.co/lern", "lnkurl.co/lern", "lnk"),
        ("https://lnkurl.co/spring-sale", "lnkurl.co/spring-sale", "lnk"),
        # Two codes, as app-link services write them (onelink.me/0H1s/3T23).
        ("https://onelnk.me/0H1s/3T23", "onelnk.me/0H1s/3T23", "lnk"),
    ],
)
def test_a_name_coined_for_shortening_is_evidence_alone(url: str, shown: str, word: str) -> None:
    [(rule, message)] = _findings(url)
    assert rule == "likely-shortener"
    assert message.startswith(
        f"Link looks shortened ({shown}: the name is coined from '{word}', a short path): "
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://shortcut.com/roadmap",  # two plain words name a product, a word its page
        "https://hurl.dev/tutorial",  # a word on a name that only ends in "url"
        "https://weburl.com/mywords",  # a word on a name with more than shortening words
        "https://lnkurl.co/about",  # the site's own page
        "https://onelnk.me/about/3T23",  # a section, then a code
        "https://lnkurl.co/a/b/c",  # three segments
        "https://urlbox.io/screenshot-api",  # a slug on a name with more than one word
    ],
)
def test_a_coined_name_with_a_page_path_is_not(url: str) -> None:
    assert _findings(url) == []


def test_two_common_letter_pairs_do_not_read_as_a_word() -> None:
    from lint.checks.links.shape import token_features

    assert "token:english-pairs" not in token_features("E09EIF")
    assert "token:english-pairs" in token_features("crosswords")


def test_message_shows_the_section_and_its_evidence() -> None:
    [(rule, message)] = _findings("https://qz7.in/d/cS7NyCNl")
    assert rule == "likely-shortener"
    assert message.startswith("Link looks shortened (qz7.in/d/cS7NyCNl: ")


def test_hyphenated_code_stays_a_code() -> None:
    [(rule, _)] = _findings("https://qz7.me/p2sPFm-oaEq")
    assert rule == "likely-shortener"


def test_message_names_the_strongest_evidence() -> None:
    [(_, message)] = _findings("https://kurlz.ru/LBjJE")
    reasons = message.split("(", 1)[1].split(";", 1)[0]
    assert reasons.startswith("kurlz.ru/LBjJE: ")
    assert len(reasons.split(": ", 1)[1].split(", ")) == 3
