"""The chrome check: labelled fixtures (line-level precision/recall), seeds, fixes, speed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lint import fix_text, lint_text
from lint.checks.chrome.lexicon import Lexicon, builtin_entries
from lint.config import load_config
from lint.document import Document
from tests.clirun import run_cli
from tests.timing import BOUND, K, settled_growth

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "chrome"
SEEDS = ROOT / "seeds"
RULES = ("boilerplate", "dangling-reference", "truncated")
DOCUMENTS = sorted(p for p in FIXTURES.iterdir() if p.suffix in {".txt", ".md", ".html"})


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def labels(path: Path) -> dict[str, set[int]]:
    """``rule: 1, 4-6`` lines of the sidecar file, as sets of non-blank line numbers."""
    text = read(path)
    lines = re.split(r"\r\n|\r|\n", text)
    found: dict[str, set[int]] = {rule: set() for rule in RULES}
    sidecar = path.with_suffix(".labels")
    if not sidecar.exists():
        return found
    for raw in read(sidecar).splitlines():
        rule, _, numbers = raw.partition(":")
        for part in filter(None, (p.strip() for p in numbers.split(","))):
            first, _, last = part.partition("-")
            for number in range(int(first), int(last or first) + 1):
                if lines[number - 1].strip():
                    found[rule.strip()].add(number)
    return found


def predicted(path: Path, text: str | None = None) -> dict[str, set[int]]:
    text = read(path) if text is None else text
    result = lint_text(text, path=path.name, select=["chrome"])
    found: dict[str, set[int]] = {rule: set() for rule in RULES}
    lines = re.split(r"\r\n|\r|\n", text)
    for finding in result.records():
        span = range(finding["line"], finding["end_line"] + 1)
        if finding["rule"] == "boilerplate":
            found["boilerplate"].update(n for n in span if lines[n - 1].strip())
        else:
            found[finding["rule"]].add(finding["line"])
    return found


def test_fixture_set_is_big_enough_and_mixed() -> None:
    suffixes = {p.suffix for p in DOCUMENTS}
    assert len(DOCUMENTS) >= 20
    assert suffixes == {".txt", ".md", ".html"}


def test_line_level_precision_and_recall(capsys: pytest.CaptureFixture[str]) -> None:
    totals = {rule: [0, 0, 0] for rule in RULES}  # true positives, predicted, labelled
    misses: list[str] = []
    for path in DOCUMENTS:
        want, got = labels(path), predicted(path)
        for rule in RULES:
            counts = totals[rule]
            counts[0] += len(want[rule] & got[rule])
            counts[1] += len(got[rule])
            counts[2] += len(want[rule])
            for number in sorted(got[rule] - want[rule]):
                misses.append(f"{path.name}:{number}: false {rule}")
            for number in sorted(want[rule] - got[rule]):
                misses.append(f"{path.name}:{number}: missed {rule}")
    with capsys.disabled():
        print()
        for rule, (hits, guessed, labelled) in totals.items():
            precision = hits / guessed if guessed else 1.0
            recall = hits / labelled if labelled else 1.0
            print(
                f"chrome/{rule}: precision {precision:.3f} recall {recall:.3f} ({hits}/{guessed}/{labelled})"
            )
        for miss in misses:
            print("  " + miss)
    hits, guessed, labelled = (sum(t[i] for t in totals.values()) for i in range(3))
    assert hits / guessed >= 0.95, misses
    assert hits / labelled >= 0.90, misses
    boilerplate = totals["boilerplate"]
    assert boilerplate[0] / boilerplate[1] >= 0.95, misses
    assert boilerplate[0] / boilerplate[2] >= 0.90, misses


@pytest.mark.parametrize(
    ("seed", "removed"),
    [
        ("000_f97d405b5bae933c.txt", []),
        (
            "001_14df5722e7ff5116.txt",
            [
                "Bit News Live",
                "Add comment",
                "Leave a Reply",
                "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
                "Live Price",
                "powered by\xa0Coinlib",
                "Crypto Converter",
                "powered by\xa0Coinlib",
                "Subscribe via Email",
                "Enter your email address to subscribe and receive notifications of new posts by email.",
                "%d bloggers like this:",
            ],
        ),
        (
            "002_2f7540672d0e4c26.txt",
            ["Telegram Channel:", "Facebook Public Group:", "Original Source:", "j j j"],
        ),
        ("003_5175ea774710e62a.txt", []),
        (
            "004_6d6f8457f5f39ca5.txt",
            ["okx learn", "OKX Learn", "Follow OKX", "Twitter:\xa0https://twitter.com/OKX"],
        ),
    ],
)
def test_seed_fix_removes_exactly_the_chrome_lines(seed: str, removed: list[str]) -> None:
    text = read(SEEDS / seed)
    fixed = fix_text(text, path=seed, select=["chrome"]).text
    before = [line for line in re.split(r"\r\n|\r|\n", text) if line.strip()]
    after = [line for line in re.split(r"\r\n|\r|\n", fixed) if line.strip()]
    gone = list(before)
    for line in after:
        gone.remove(line)
    assert gone == removed
    # Nothing else changed: every kept line is still there, in order.
    assert [line for line in before if line not in removed or line in after] == after
    assert text.endswith("\n") == fixed.endswith("\n")
    assert fix_text(fixed, path=seed, select=["chrome"]).text == fixed


def test_seed_001_leaves_one_paragraph_break_and_reports_the_cut_paragraph() -> None:
    text = read(SEEDS / "001_14df5722e7ff5116.txt")
    fixed = fix_text(text, path="001.txt", select=["chrome"]).text
    assert fixed.startswith("Interview With Jay Hao, CEO, OKEx:")
    assert fixed.endswith("is up over 90% year-to-date in 2020 –")
    records = lint_text(text, path="001.txt", select=["chrome"]).records()
    truncated = [r for r in records if r["rule"] == "truncated"]
    assert [(r["line"], r["column"]) for r in truncated] == [(33, 1)]
    assert "year-to-date in 2020 –" in truncated[0]["message"]


def test_seed_002_dangling_references() -> None:
    text = read(SEEDS / "002_2f7540672d0e4c26.txt")
    records = lint_text(text, path="002.txt", select=["chrome/dangling-reference"]).records()
    by_line = {r["line"]: r for r in records}
    assert by_line[97]["message"] == (
        "'reach out to Jay at or Anndy at' leads to a link or handle that was lost in the copy"
    )
    assert text.splitlines()[96][by_line[97]["column"] - 1 :].startswith("reach out to Jay at")
    assert "information on" in by_line[99]["message"]
    assert by_line[99]["column"] == 10


def test_preposition_shared_with_the_next_is_not_a_lost_object() -> None:
    text = (
        "The new versions fix several security issues in the parser and the runtime.\n"
        "Releases will be available on, or shortly after, Tuesday, January 21, 2025.\n"
        "For more information on, you can reach us at the usual place.\n"
    )
    records = lint_text(text, path="a.md", select=["chrome/dangling-reference"]).records()
    assert [(r["line"], r["column"]) for r in records] == [(3, 10)]


def test_phrase_library_fix_is_safe_and_line_shape_fix_is_unsafe() -> None:
    body = "An article about tides and the moon, written for curious readers.\n\n"
    known = body + "Share this:\nTwitter\n"
    assert fix_text(known, path="a.txt", select=["chrome"]).text == body.rstrip("\n") + "\n"
    shaped = body + "Share this:\nMy Odd Widget\n"
    records = lint_text(shaped, path="b.txt", select=["chrome"]).records()
    assert [(r["line"], r["rule"], r["fixable"]) for r in records] == [(3, "boilerplate", False)]
    assert records[0]["message"] == (
        "website furniture in the text: share bar, short line beside them (2 lines)"
    )
    assert fix_text(shaped, path="b.txt", select=["chrome"]).text == shaped
    unsafe = fix_text(shaped, path="b.txt", select=["chrome"], unsafe=True).text
    assert unsafe == body.rstrip("\n") + "\n"


def test_crlf_and_final_newline_are_kept() -> None:
    intro = "Intro paragraph of a real article, with enough words to count.\r\n\r\n"
    rest = "The article continues here with more words."
    text = intro + "Share this:\r\nTwitter\r\n\r\n" + rest + "\r\n"
    assert fix_text(text, path="c.txt", select=["chrome"]).text == intro + rest + "\r\n"
    no_final = intro + rest + "\r\n\r\nLeave a Reply"
    assert fix_text(no_final, path="c.txt", select=["chrome"]).text == intro + rest


def test_html_fix_removes_exact_element_span() -> None:
    text = read(FIXTURES / "news-page.html")
    fixed = fix_text(text, path="news.html", select=["chrome"]).text
    assert '<div class="breadcrumbs">' not in fixed
    assert "<form" not in fixed
    assert "<h1>Storm closes ports along the coast</h1>\n<p>A winter storm" in fixed
    assert fixed.startswith("<html>\n<body>\n<h1>")
    assert fixed.endswith("</p>\n</body>\n</html>\n")


def test_markdown_code_is_never_chrome() -> None:
    records = lint_text(
        read(FIXTURES / "readme-followup.md"), path="r.md", select=["chrome"]
    ).records()
    assert records == []


@pytest.mark.parametrize(
    ("piece", "size"),
    [
        ("[", 50_000),
        ("a", 1_250_000),
        ("Share ", 50_000),
        ("# ", 25_000),
        ("j ", 25_000),
        ("Leave a reply\n", 12_500),
    ],
)
def test_scan_is_linear_on_adversarial_lines(piece: str, size: int) -> None:
    lexicon = Lexicon(builtin_entries())
    ratio = settled_growth(lambda text: list(lexicon.scan(text)), piece.__mul__, size, K, BOUND)
    assert ratio < BOUND, f"{K}x the input took {ratio:.1f}x the time"


def test_scan_finds_every_repeated_line() -> None:
    assert len(list(Lexicon(builtin_entries()).scan("Leave a reply\n" * 50_000))) == 50_000


HARD_NEGATIVES = [
    "toc.md",
    "poem.txt",
    "lyrics.txt",
    "interview.txt",
    "letter.txt",
    "markdown-table.md",
    "readme-followup.md",
    "ordinary-words.txt",
    "privacy-policy.md",
    "changelog.md",
    "faq.txt",
    "essay-ending.txt",
    "docs-page.html",
]


@pytest.mark.parametrize("name", HARD_NEGATIVES)
def test_hard_negatives_are_left_alone(name: str) -> None:
    path = FIXTURES / name
    text = read(path)
    assert lint_text(text, path=name, select=["chrome"]).records() == []
    assert fix_text(text, path=name, select=["chrome"], unsafe=True).text == text


def test_recipe_keeps_its_lists_and_loses_its_share_bar() -> None:
    text = read(FIXTURES / "recipe.md")
    fixed = fix_text(text, path="recipe.md", select=["chrome"]).text
    assert fixed == text[: text.index("\nShare this:")]
    for kept in (
        "- 3 eggs",
        "Serve with yoghurt\nFresh berries\nA little honey",
        "leave a comment below",
    ):
        assert kept in fixed


def test_every_library_file_has_a_license_header_and_compiles() -> None:
    import importlib.resources
    import re as regex

    from lint.checks.chrome.lexicon import parse_entries
    from lint.checks.chrome.patterns import translate

    folder = importlib.resources.files("lint").joinpath("data", "chrome")
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".txt"))
    assert len(names) >= 15
    for name in names:
        text = folder.joinpath(name).read_text(encoding="utf-8")
        assert "License: CC0" in text.split("\n", 3)[1] + text.split("\n", 3)[2], name
        if name in {"README.txt", "site-words.txt"}:
            continue
        lines = [
            line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
        ]
        assert len(lines) == len(set(lines)), f"duplicate entry in {name}"
        for entry in parse_entries(name[:-4], lines):
            regex.compile(translate(entry.pattern), regex.IGNORECASE)


PROSE = [
    "The council voted on Tuesday to add protected bike lanes along four downtown streets.",
    "Miners moved fewer coins to exchanges over the past month than in any month since summer.",
    "Share the document a day ahead so that people can read it properly before the meeting.",
]
SHORT = ["Conclusion", "JH:", "Follow-up", "2 cups flour", "la la la", "## Contents", "- item"]
CHROME = [
    "Share this:",
    "Twitter",
    "Leave a Reply",
    "Live Price",
    "powered by Coinlib",
    "j j j",
    "Menu",
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_is_idempotent_and_keeps_every_sentence(newline: str) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    line = st.sampled_from(PROSE + SHORT + CHROME + [""])

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(line, max_size=14), st.booleans(), st.sampled_from(["x.txt", "x.md"]))
    def check(lines: list[str], final: bool, name: str) -> None:
        text = newline.join(lines) + (newline if final and lines else "")
        once = fix_text(text, path=name, select=["chrome"], unsafe=True).text
        assert fix_text(once, path=name, select=["chrome"], unsafe=True).text == once
        for sentence in PROSE:
            assert once.count(sentence) == text.count(sentence)
        if text.strip() and once.strip():
            assert once.endswith(newline) == text.endswith(newline)
        assert "\n" not in once.replace("\r\n", "") or newline == "\n"

    check()


def test_configured_phrases_extend_and_allow() -> None:
    body = "Body of the article, with enough words to be a real paragraph here.\n\n"
    extra = {"checks": {"chrome": {"extend-phrases": ["brought to you by acme"]}}}
    text = body + "Brought to you by Acme\n"
    assert lint_text(text, path="a.txt", select=["chrome"]).records() == []
    records = lint_text(text, path="a.txt", select=["chrome"], config=extra).records()
    assert [(r["line"], r["message"]) for r in records] == [
        (3, "website furniture in the text: configured phrase (1 line)")
    ]
    allow = {"checks": {"chrome": {"allow": ["share this:", "twitter"]}}}
    shared = body + "Share this:\nTwitter\n"
    assert lint_text(shared, path="a.txt", select=["chrome"], config=allow).records() == []
    assert lint_text(shared, path="a.txt", select=["chrome"]).records() != []


@pytest.mark.parametrize(
    "piece",
    [
        "Share\n",
        "Leave a Reply\n\nA sentence of prose that is long enough to count as content.\n\n",
        "Twitter\nla la la\n",
        "JH:\n",
        "You can reach out to Jay at or ",
        "[",
    ],
)
def test_whole_check_grows_linearly(piece: str) -> None:
    from lint.checks.chrome import ChromeCheck

    check = ChromeCheck()
    options = load_config(discover=False).checks["chrome"].options

    def work(text: str) -> object:
        return list(check.check(Document.for_path(text, "x.md"), options))

    ratio = settled_growth(work, piece.__mul__, 2_000, K, BOUND)
    assert ratio < BOUND, f"{K}x the input took {ratio:.1f}x the time"


def test_an_html_dump_of_too_many_tags_is_not_parsed() -> None:
    from lint.checks.chrome.html import MAX_TAGS

    page = (FIXTURES / "blog-page.html").read_text(encoding="utf-8")

    def chrome(text: str) -> list[str]:
        return [f.rule for f in lint_text(text, markup="html").findings if f.check == "chrome"]

    assert "boilerplate" in chrome(page)
    assert chrome(page.replace("<body>", "<body>" + "<p>a</p>\n" * MAX_TAGS)) == []


@pytest.mark.parametrize(
    ("name", "text"), [("x.txt", "x\n"), ("X.md", "X"), ("t.txt", "Twitter\n")]
)
def test_a_lone_word_with_no_chrome_around_it_is_not_furniture(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, _ = run_cli(capsys, ["check", "--isolated", str(path)])
    assert (code, out) == (0, "All checks passed: 1 file checked.\n")


def test_a_letter_below_prose_is_not_a_share_button_but_a_network_name_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    prose = "The council voted on Tuesday to add protected bike lanes along four streets.\n\n"
    (tmp_path / "x.txt").write_text(prose + "x\n", encoding="utf-8")
    (tmp_path / "t.txt").write_text(prose + "Twitter\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, ["check", "--isolated", "--select", "chrome", str(tmp_path)])
    assert code == 1
    assert out.splitlines()[0] == (
        f"{tmp_path / 't.txt'}:3:1: chrome/boilerplate [*] website furniture in the text: "
        "share bar (1 line)"
    )
    assert "x.txt" not in out


def test_a_markdown_link_definition_is_not_the_value_of_a_label_above_it() -> None:
    # "Share this:" above an address reads as a label with its value ("Media contact:" and
    # the address); a link definition is not shown, so the label stays a share bar's, and
    # the two share lines go together or not at all (the paragraph keeps its rendering).
    text = "The end.\n<!-- x -->\nShare this:\nShare this:\n\n[ref]: https://example.com/ref\n"
    records = lint_text(text, path="post.md", select=["chrome"]).records()
    assert [(r["line"], r["end_line"]) for r in records] == [(3, 6)]
    assert fix_text(text, path="post.md").text == text


def test_everyday_words_in_prose_name_no_furniture() -> None:
    from lint.checks.chrome.features import text_row

    prose = text_row(
        "Most of the crew also read the next chapter before the top scores came in, "
        "and more of them wanted to read on."
    )
    assert not prose.kinds
    assert text_row("Read more »").kinds.most_common(1)[0][0] == "related"
    assert text_row("Most popular").kinds.most_common(1)[0][0] == "related"
    assert text_row("Home | World | Business | Tech").kinds["navigation"] == 4
    headline = text_row("Also read: how the crew rebuilt the engine in a weekend and kept going")
    assert headline.kinds.most_common(1)[0][0] == "related"
