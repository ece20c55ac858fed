"""The chrome check on lines from fresh real pages (training/chrome/fresh/): blog and archive
furniture it knows, and the article lines it leaves alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint import fix_text, lint_text
from lint.checks.chrome.features import text_row

ROOT = Path(__file__).resolve().parent.parent
FRESH = ROOT / "training" / "chrome" / "fresh"

BLOGGER_POST = """\
Veritas - why the delay?

Veritas (the company)'s vice president commercial channels admitted recently that the company \
was preparing "its biggest ever product launch".

Apparently "There was a big argument... some people wanted to launch in December." Well, they \
were only a couple of days late with their new product...

No comments:

Post a Comment
"""


def findings(text: str) -> list[tuple[int, int, str, str]]:
    result = lint_text(text, path="page.txt", select=["chrome"])
    return [(r["line"], r["end_line"], r["rule"], r["message"]) for r in result.records()]


def test_blogger_comment_lines_go_and_a_trailing_ellipsis_before_them_is_the_authors() -> None:
    # "No comments:" (with Blogger's colon) and "Post a Comment" close the post; the post's
    # own last sentence trails off on purpose, it is not an excerpt cut short.
    assert [(line, end, rule) for line, end, rule, _ in findings(BLOGGER_POST)] == [
        (7, 9, "boilerplate")
    ]
    fixed = fix_text(BLOGGER_POST, path="page.txt", select=["chrome"]).text
    assert fixed.endswith("late with their new product...\n")


def test_an_ellipsis_before_a_read_more_link_is_still_an_excerpt_cut_short() -> None:
    text = BLOGGER_POST.replace("No comments:\n\nPost a Comment\n", "Read more\n\nRelated Posts\n")
    truncated = [
        (line, message) for line, _, rule, message in findings(text) if rule == "truncated"
    ]
    assert truncated == [
        (5, "paragraph stops mid-sentence ('…days late with their new product...'): "
            "the rest was cut off in the copy")
    ]  # fmt: skip


ARCHIVE_PAGE = """\
You are currently browsing the archives for the Photos In The News category.

May 4th, 2011

Talking About the Deaths We Don't Talk About

In the two weeks since the deaths of photographers Tim Hetherington and Chris Hondros, the \
photojournalism community has been working through the stages of grief, and searching for ways \
to make something positive out of tragedy.
"""


def test_archive_banner_goes_but_the_post_date_above_the_headline_stays() -> None:
    assert [(line, end, rule) for line, end, rule, _ in findings(ARCHIVE_PAGE)] == [
        (1, 1, "boilerplate")
    ]
    fixed = fix_text(ARCHIVE_PAGE, path="page.txt", select=["chrome"]).text
    assert fixed.startswith("May 4th, 2011\n\nTalking About the Deaths")


@pytest.mark.parametrize(
    "line",
    [
        "Skip to content",  # above a date and a headline: not the article's head
        "Home » Fake Photos»",  # a breadcrumb ending on its separator
        "Showing posts with label album reviews. Show all posts",
        "Advertiser Disclosure",
        "You’re reading a preview, subscribe to read more.",
    ],
)
def test_furniture_lines_of_fresh_pages_are_known_at_the_top(line: str) -> None:
    text = f"{line}\n\n{ARCHIVE_PAGE.split(chr(10), 2)[2]}"
    assert [(first, rule) for first, _, rule, _ in findings(text)][:1] == [(1, "boilerplate")]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Email: press@acme.example", "share"),
        ("Website: https://www.acme.example", "comment-form"),
        ("For Immediate Release Contact: Doug Nicoll", "footer"),
    ],
)
def test_a_contact_field_with_its_value_names_no_furniture(line: str, kind: str) -> None:
    # A letterhead's or press release's fields; the bare label is still the share button,
    # the comment form's field or the footer's link.
    assert not any(f.startswith(f"lex:{kind}") for f in text_row(line).own)
    bare = line.split(":", maxsplit=1)[0].rsplit(maxsplit=1)[-1]
    assert any(f.startswith(f"lex:{kind}") for f in text_row(bare).own)


def test_fresh_pages_have_one_label_a_line() -> None:
    labels = json.loads((FRESH / "labels.json").read_text(encoding="utf-8"))
    assert len(labels) >= 90
    for page, entry in labels.items():
        rows = [r for r in (FRESH / f"{page}.txt").read_text(encoding="utf-8").split("\n") if r]
        assert len(rows) == len(entry["labels"]), page
        assert set(entry["labels"]) <= {"article", "title", "chrome"}, page
        assert all(not r.isspace() for r in rows), page


def test_short_article_lines_of_the_fourth_batch_are_left_alone() -> None:
    # Batch 4: recipes, score lists, FAQs, event listings, poems, product cards and rating
    # scales, whose article is short lines by nature. No chrome finding covers any of its
    # article or title lines (line, as the user sees it: 1-based over the page's text).
    labels = json.loads((FRESH / "labels.json").read_text(encoding="utf-8"))
    pages = [page for page, entry in labels.items() if entry["batch"] == 4]
    assert len(pages) >= 30
    wrong = []
    for page in pages:
        text = (FRESH / f"{page}.txt").read_text(encoding="utf-8")
        numbers = [n for n, row in enumerate(text.split("\n"), start=1) if row]
        article = {
            number
            for number, label in zip(numbers, labels[page]["labels"], strict=True)
            if label != "chrome"
        }
        for record in lint_text(text, path="page.txt", select=["chrome"]).records():
            covered = set(range(record["line"], record["end_line"] + 1)) & article
            wrong += [(page, number) for number in sorted(covered)]
    assert wrong == []
