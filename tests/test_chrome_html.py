"""chrome in HTML: furniture by structure; the article is never removed (issue 15's pages)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint import fix_text, lint_text

PARAGRAPHS = [
    "The harbour authority closed three berths on Monday after the storm damaged the piers.",
    "Repairs will take until spring, officials said, and ferries will use the north quay.",
    "Fishing crews asked for help with the cost of moving their boats to other harbours.",
]


def article(wrapper_open: str, wrapper_close: str) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<html>\n<body>\n<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\n"
        f"{wrapper_open}\n<h1>Storm closes berths</h1>\n{body}\n{wrapper_close}\n"
        "<footer><a href='/privacy'>Privacy</a> <a href='/terms'>Terms</a></footer>\n"
        "</body>\n</html>\n"
    )


def kept_paragraphs(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [p.get_text() for p in soup.find_all("p")]


def test_an_article_in_a_widget_named_wrapper_is_kept() -> None:
    for wrapper in (
        '<div class="widget Blog" id="Blog1">',
        '<div class="elementor-widget-wrap">',
        '<div class="c-article l-article-body-segment">',
        '<div class="sidebar-layout">',
    ):
        html = article(wrapper, "</div>")
        fixed = fix_text(html, path="page.html", select=["chrome"], unsafe=True).text
        assert kept_paragraphs(fixed) == PARAGRAPHS, wrapper
        assert "<h1>Storm closes berths</h1>" in fixed
        assert "<nav>" not in fixed and "<footer>" not in fixed


def test_a_section_whose_id_mentions_sharing_is_content() -> None:
    section = (
        '<section id="sharing-with-a-single-developer">\n<h2>Sharing with one developer</h2>\n'
        "<p>When only one developer needs access, share the project with that account and "
        "keep the owner role for the team lead, so that nothing is lost when people leave.</p>\n"
        "</section>\n"
    )
    html = article("<main>", section + "</main>")
    records = lint_text(html, path="page.html", select=["chrome"]).records()
    assert [r["line"] for r in records] == [3, len(html.split("\n")) - 3]
    fixed = fix_text(html, path="page.html", select=["chrome"]).text
    assert 'id="sharing-with-a-single-developer"' in fixed


def test_a_share_bar_by_its_whole_class_name_is_removed_with_its_lines() -> None:
    share = '<div class="share-bar">\n  <a href="#">Facebook</a>\n  <a href="#">X</a>\n</div>'
    html = article("<div>", share + "\n</div>")
    records = lint_text(html, path="page.html", select=["chrome"]).records()
    bar = [r for r in records if "share-bar" in r["message"]]
    start = html.split("\n").index('<div class="share-bar">') + 1
    assert [(r["line"], r["end_line"]) for r in bar] == [(start, start + 3)]
    fixed = fix_text(html, path="page.html", select=["chrome"]).text
    assert "share-bar" not in fixed and "Facebook" not in fixed
    assert kept_paragraphs(fixed) == PARAGRAPHS


CLASS_WORDS = st.sampled_from(
    [
        "widget", "share", "sidebar", "related", "comments", "social", "post", "entry",
        "content", "elementor", "wrap", "body", "segment", "blog", "main", "sharing",
        "newsletter", "ad", "nav", "menu", "article", "x1",
    ]
)  # fmt: skip
WRAPPERS = st.sampled_from(["div", "section", "article", "main", "aside", "span"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(WRAPPERS, st.lists(CLASS_WORDS, min_size=1, max_size=3)), max_size=4),
    st.lists(st.sampled_from(["nav", "footer", "aside", "form"]), max_size=3),
)
def test_generated_pages_never_lose_the_main_text(
    wrappers: list[tuple[str, list[str]]], furniture: list[str]
) -> None:
    opening = "".join(f'<{tag} class="{"-".join(words)}">\n' for tag, words in wrappers)
    closing = "".join(f"</{tag}>\n" for tag, _ in reversed(wrappers))
    extra = "".join(f"<{tag}><a href='/a'>A</a> <a href='/b'>B</a></{tag}>\n" for tag in furniture)
    html = article(extra + opening, closing + extra)
    fixed = fix_text(html, path="page.html", select=["chrome"], unsafe=True).text
    assert kept_paragraphs(fixed) == PARAGRAPHS
