"""Bylines and datelines at an article's head are content (issue 17); furniture elsewhere."""

from __future__ import annotations

from lint import fix_text, lint_text

FIRST = (
    "I have been pulled into many discussions that are not taking all of ATNA into account,"
    " and they are either just taking the secure communications part or just the audit part.\n"
)
SECOND = (
    "Let me explain what each of the three functions does, and why a node that only does one"
    " of them should not be trusted with patient data.\n"
)
BODY = FIRST + "\n" + SECOND


def findings(text: str) -> list[tuple[int, int, bool, str]]:
    records = lint_text(text, path="post.md", select=["chrome"]).records()
    return [(r["line"], r["column"], r["fixable"], r["message"]) for r in records]


def fixed(text: str, unsafe: bool = False) -> str:
    return fix_text(text, path="post.md", select=["chrome"], unsafe=unsafe).text


def test_exported_post_head_is_not_reported() -> None:
    text = (
        "# Don't disassemble ATNA, what you are looking for is there.\n\n"
        "Originally posted: https://healthcaresecprivacy.blogspot.com/2015/08/dont-disassemble.html\n"
        "Published: 2015-08-29T16:16:00.003Z\n"
        "Updated: 2015-08-29T16:16:36.772Z\n"
        "Author: John Moehrke\n\n---\n\n" + BODY
    )
    assert findings(text) == []
    assert fixed(text, unsafe=True) == text


def test_dateline_between_dek_and_tag_list_stays() -> None:
    text = (
        "How Companies Report Earnings and What Revenue Growth Indicates\n\n"
        + FIRST
        + "\nPublished: February 26, 2026\ncybersecuritysecuritytechnology\n\n"
        + "Introduction\n\n"
        + SECOND
    )
    assert findings(text) == []
    assert fixed(text) == text


def test_byline_under_headline_stays() -> None:
    text = "Tides and the Moon\n\nPosted by Jane Doe on March 3, 2015\n\n" + BODY
    assert findings(text) == []
    assert fixed(text) == text


def test_run_beside_head_dateline_is_reported_with_an_unsafe_fix() -> None:
    headline = "Why a node that only does one of them should not be trusted\n\n"
    text = headline + "Share this:\nTwitter\nPublished: February 26, 2026\n\n" + BODY
    assert findings(text) == [
        (3, 1, False, "website furniture in the text: share bar, post metadata (3 lines)")
    ]
    assert fixed(text) == text
    assert fixed(text, unsafe=True) == headline + BODY


def test_post_meta_at_the_foot_is_still_removed() -> None:
    for footer in ("Posted in Uncategorized | Leave a comment", "Posted on March 3, 2015"):
        text = BODY + "\n" + footer + "\n"
        assert findings(text) == [
            (5, 1, True, "website furniture in the text: post metadata (1 line)")
        ]
        assert fixed(text) == BODY


def test_filed_under_after_the_article_is_still_removed() -> None:
    text = BODY + "\nFiled under: Security, Standards\n"
    assert findings(text) == [(5, 1, True, "website furniture in the text: post metadata (1 line)")]
    assert fixed(text) == BODY
