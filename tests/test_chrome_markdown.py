"""The chrome check on Markdown: an authored document's sections and own links are the
author's; furniture in Markdown converted from a scraped page is still found."""

from __future__ import annotations

from pathlib import Path

from lint import lint_text
from lint.checks.chrome.authored import authored_lines
from lint.checks.chrome.features import document_rows
from lint.document import Document

ROOT = Path(__file__).resolve().parent.parent
MARKDOWN = ROOT / "training" / "chrome" / "markdown"
FRESH = ROOT / "benchmarks" / "corpora" / "fresh"


def findings(text: str) -> list[str]:
    document = Document(text, markup="markdown")
    result = lint_text(text, markup="markdown", select=["chrome"])
    out = []
    for f in result.findings:
        line, col = document.position(f.start)
        out.append(f"{line}:{col} {f.rule} {f.message}")
    return out


def test_a_cheat_sheet_with_short_sections_has_no_furniture() -> None:
    """contaware's Markdown notes: before, ten lines below its densest prose were reported
    ("[Comment]: #", "[Internal link](#headings)", images, sentences)."""
    text = (FRESH / "contaware-markdown-notes.md").read_text(encoding="utf-8")
    assert findings(text) == []


def test_a_jekyll_post_template_keeps_its_see_also_lines() -> None:
    text = (FRESH / "materialize-jekyll-post-template.md").read_text(encoding="utf-8")
    assert findings(text) == []


CHEAT_SHEET = """\
# Notes

## Links

The path of a link is relative to the current file, and on GitHub a leading slash is the root.

### Internal link

The anchors are derived from the headers like this, in order:

[Internal link](#links)

### Another file

[Link to another md file](another.md)

![alt text](header.png "Optional image title")

[Comment]: #

### Image size

Images take no width, so use HTML where the renderer allows it:

<img src="header.png" width="300" alt="alt text">
"""


def test_own_links_definitions_and_relative_images_are_the_authors() -> None:
    document = Document(CHEAT_SHEET, markup="markdown")
    rows = document_rows(document)
    own = {i + 1 for i in authored_lines(document, rows, furnished=False)}
    # the sentences of authored sections, "[Internal link](#links)", the relative .md link
    # and image, the comment definition and the <img>
    assert own == {5, 11, 15, 17, 19, 23, 25}


def test_an_anchor_no_heading_has_and_a_root_link_are_not_the_documents_own() -> None:
    text = "# Setup\n\nA sentence of the guide that goes on for a while.\n\n[Skip](#main)\n\n[Home](/)\n"
    document = Document(text, markup="markdown")
    rows = document_rows(document)
    own = {i + 1 for i in authored_lines(document, rows, furnished=True)}
    assert 3 in own
    assert not {5, 7} & own


FOOTER = """\
# Weekly report

## Notes of the week

Most of this week went to the new Python driver, which now runs the common queries and \
reads every data type the server sends, so the next step is the adapter for dbt.

The End

keep going, keep coding

donate

Links

E-Mail

© 2018 — 2025

Total Words: 308.0k
"""


def test_a_footer_after_the_last_sections_prose_is_left_to_the_classifier() -> None:
    """A page with no phrase the library knows: the last section's body ends a few rows
    after its last sentence, so a theme's footer below it stays reportable."""
    document = Document(FOOTER, markup="markdown")
    own = {i + 1 for i in authored_lines(document, document_rows(document), furnished=False)}
    assert own == {5, 7, 9, 11}  # the sentence and three rows after it, no more


SCRAPED = """\
[Skip to content](#main)
[Alex Rusin Blog](https://blog.example.com/)
* Blog
+ [AWS](https://blog.example.com/category/aws/)
+ [Laravel](https://blog.example.com/category/laravel/)
# How to Offload WordPress Media to AWS S3
Managing media files can become a challenge as your website grows. Large media libraries \
can slow down your website, increase storage costs, and impact performance.
## Conclusion
Offloading your WordPress media to Amazon S3 is an effective way to optimize your website.
Share this article
Post Tags:
[#aws](https://blog.example.com/tag/aws/)
## Similar Posts
### [Adding a Signup Form to Your Website](https://blog.example.com/signup-form/)
MailChimp now gives you an option of creating a popup signup form that can be embedded \
on any website, and here is how to set it up.
Share this article
[Read More Adding a Signup Form](https://blog.example.com/signup-form/)
"""


def test_a_scraped_page_in_markdown_keeps_its_furniture() -> None:
    assert findings(SCRAPED) == [
        "1:1 boilerplate website furniture in the text: navigation, short line beside them "
        "(3 lines)",
        "10:1 boilerplate website furniture in the text: share bar (1 line)",
        "16:1 boilerplate website furniture in the text: share bar, short line beside them "
        "(2 lines)",
    ]


def test_the_labelled_markdown_folder_is_complete() -> None:
    import json

    labels = json.loads((MARKDOWN / "labels.json").read_text(encoding="utf-8"))
    files = {p.name for p in MARKDOWN.glob("*.md") if p.name != "SOURCE.md"}
    assert set(labels) == files
    source = (MARKDOWN / "SOURCE.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in source for name in files)


HISTORY = """\
0.2.4 (2011-02-19)
------------------

-   Python 2.5 Support
-   PyPy-c v1.4 Support
-   Auto-Authentication tests

0.2.3 (2011-02-15)
------------------

-   Still handles request in the event of an HTTPError. (Issue \\#2)

0.2.2 (2011-02-14)
------------------

-   Eventlet and Gevent Monkeypatch support.
"""


def test_setext_headings_and_their_entries_are_the_authors() -> None:
    """requests' HISTORY.md: version lines underlined with dashes were reported as
    navigation, one finding each, 34 in the file."""
    document = Document(HISTORY, markup="markdown")
    own = {i + 1 for i in authored_lines(document, document_rows(document), furnished=False)}
    assert {1, 8, 13} <= own
