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


NEWS_PAGE = """<!DOCTYPE html>
<html>
<head><title>Council backs downtown bike lanes | Example Times</title>
<meta property="og:title" content="Council backs downtown bike lanes"></head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<div class="top-bar"><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li>
</ul></div>
<div class="page">
<div class="story">
<h1>Council backs downtown bike lanes</h1>
<div class="meta"><span class="author">By Ana Ruiz</span> <time>May 3, 2024</time></div>
<div class="part">
<p>The city council voted on Tuesday to add protected bike lanes along four downtown streets, after a year of public hearings.</p>
<p>Officials said the lanes would open in spring, with work starting on the busiest corner first so that buses keep their stops.</p>
</div>
<table><tr><td>Street</td><td>Length</td></tr><tr><td>Main</td><td>1.2 km</td></tr><tr><td>Oak</td><td>0.8 km</td></tr></table>
<div class="part">
<p>Residents who spoke at the final hearing were mostly in favour, though several shop owners asked for loading zones.</p>
<p>The council will review the first year of the lanes next summer, with counts of riders and of crashes on each street.</p>
</div>
</div>
<div class="more-stories"><h2>More stories</h2><ul>
<li><a href="/a">Bus fares frozen for another year</a></li>
<li><a href="/b">New library opens on Oak Street</a></li>
<li><a href="/c">Mayor names new transport chief</a></li>
<li><a href="/d">Bridge repairs to start in June</a></li>
</ul></div>
</div>
<div class="bottom"><a href="/about">About us</a> | <a href="/privacy">Privacy Policy</a> | <a href="/terms">Terms of Use</a>
<p>© 2024 Example Times. All rights reserved.</p></div>
</body>
</html>
"""


def test_a_news_page_keeps_its_article_head_and_table_and_loses_its_furniture() -> None:
    fixed = fix_text(NEWS_PAGE, path="page.html", select=["chrome"], unsafe=True).text
    soup = BeautifulSoup(fixed, "html.parser")
    text = soup.get_text(" ", strip=True)
    for kept in (
        "Council backs downtown bike lanes",
        "By Ana Ruiz",
        "May 3, 2024",
        "The city council voted on Tuesday",
        "The council will review the first year",
        "Oak 0.8 km",
    ):
        assert kept in text, kept
    for gone in ("Skip to content", "Sport", "Bus fares frozen", "Privacy Policy", "© 2024"):
        assert gone not in text, gone


def test_html_findings_say_which_furniture_and_where() -> None:
    records = lint_text(NEWS_PAGE, path="page.html", select=["chrome"]).records()
    lines = NEWS_PAGE.split("\n")
    related = next(r for r in records if "More stories" in lines[r["line"] - 1])
    assert "related links" in related["message"]
    assert '<div class="more-stories">' in related["message"]
    assert lines[related["end_line"] - 1] == "</ul></div>"


def test_inside_the_article_only_library_phrases_go() -> None:
    """An "Advertisement" slot inside the article goes whatever it scores; a byline phrase
    and a pull quote shaped like furniture stay."""
    inside = (
        '<div class="ad-slot">Advertisement</div>\n'
        "<div>written by Ana Ruiz</div>\n"
        "<blockquote><a href='/q'>We will not wait</a></blockquote>\n"
    )
    html = article("<article>", inside + "</article>")
    fixed = fix_text(html, path="page.html", select=["chrome"], unsafe=True).text
    assert "Advertisement" not in fixed
    assert "<div>written by Ana Ruiz</div>\n" in fixed
    assert "<blockquote><a href='/q'>We will not wait</a></blockquote>\n" in fixed
    assert kept_paragraphs(fixed) == PARAGRAPHS


def test_a_row_of_share_links_inside_the_article_goes_whole() -> None:
    """A box of links without prose inside the article goes by its scores, every line of
    it, not only the lines the phrase library knows ("Facebook") with "Mix" left behind."""
    networks = ("Facebook", "Twitter", "Mix", "Tumblr", "Pocket", "WeChat")
    row = "".join(f'<li><a href="/s/{n}">{n}</a></li>\n' for n in networks)
    box = f'<div class="entry-buttons-content">\n<ul>\n{row}</ul>\n</div>\n'
    html = article("<article>", box + "</article>")
    records = lint_text(html, path="page.html", select=["chrome"]).records()
    start = html.split("\n").index('<div class="entry-buttons-content">') + 1
    found = [r for r in records if r["line"] == start]
    assert [r["end_line"] for r in found] == [start + 9]
    assert '<div class="entry-buttons-content">, 6 lines; element classifier' in found[0]["message"]
    fixed = fix_text(html, path="page.html", select=["chrome"]).text
    assert box not in fixed and "Mix" not in fixed and "WeChat" not in fixed
    assert kept_paragraphs(fixed) == PARAGRAPHS


def test_a_run_of_like_boxes_of_links_in_the_article_is_the_articles_own() -> None:
    """Given lines that score as furniture, one box of links inside the article goes; three
    boxes of one class there (product cards, steps) stay."""
    from lint.checks.chrome import html as chrome_html
    from lint.checks.chrome.page import read_page

    def card(i: int) -> str:
        return (
            f'<div class="deal-card">\n<h3><a href="/p{i}">Product {i}</a></h3>\n'
            f'<p><a href="/buy{i}">$49 at Shop</a></p>\n</div>\n'
        )

    cuts = chrome_html.Cuts(0.93, 0.95, 0.3, frozenset(), 0.99)
    gone: dict[int, list[str]] = {}
    for count in (1, 3):
        soup = chrome_html.parse(
            article("<article>", "".join(map(card, range(count))) + "</article>")
        )
        assert soup is not None
        page = read_page(soup)
        scores = [
            0.99 if "Product" in line.text or "Shop" in line.text else 0.01 for line in page.lines
        ]
        removed = chrome_html.removable(page, scores, set(), cuts)
        gone[count] = [page.nodes[index].name for index, _ in removed]
    assert gone == {1: ["nav", "div", "footer"], 3: ["nav", "footer"]}


def test_a_photo_credit_inside_the_article_is_reported_as_an_image_caption() -> None:
    figure = (
        '<figure>\n<img src="pier.jpg">\n<figcaption>Photo: Getty Images</figcaption>\n</figure>\n'
    )
    html = article("<article>", figure + "</article>")
    records = lint_text(html, path="page.html", select=["chrome"]).records()
    start = html.split("\n").index("<figure>") + 1
    found = [r for r in records if r["line"] == start]
    assert [r["end_line"] for r in found] == [start + 3]
    assert found[0]["message"].startswith("website furniture in the page: image caption (<figure>")
    fixed = fix_text(html, path="page.html", select=["chrome"], unsafe=True).text
    assert "Getty" not in fixed and "pier.jpg" not in fixed
    assert kept_paragraphs(fixed) == PARAGRAPHS


def test_an_author_box_after_the_article_goes_and_the_byline_under_the_headline_stays() -> None:
    """Class names split at case changes ("authorInfo") name an author box; the same kind
    of box between the headline and the article is the byline, which stays."""
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        "<html>\n<body>\n<article>\n<h1>Storm closes berths</h1>\n"
        '<div class="ArticleHeader-authorInfo"><a href="/ana">Ana Ruiz</a></div>\n'
        f"{body}\n</article>\n"
        '<div class="authorInfo">\n<h3>Ana Ruiz</h3>\n'
        '<div class="authorDesc">Ana covers the harbour for the paper.</div>\n</div>\n'
        "</body>\n</html>\n"
    )
    records = lint_text(html, path="page.html", select=["chrome"]).records()
    lines = html.split("\n")
    start = lines.index('<div class="authorInfo">') + 1
    assert [(r["line"], r["end_line"]) for r in records] == [(start, start + 3)]
    assert records[0]["message"].startswith("website furniture in the page: author box")
    fixed = fix_text(html, path="page.html", select=["chrome"]).text
    assert '<div class="ArticleHeader-authorInfo"><a href="/ana">Ana Ruiz</a></div>\n' in fixed
    assert "authorDesc" not in fixed and "Ana covers the harbour" not in fixed
    assert kept_paragraphs(fixed) == PARAGRAPHS
