"""The chrome line classifier: the shipped model is what the data gives; its verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint import fix_text, lint_text
from lint.scoring import load_model

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "lint" / "checks" / "chrome" / "line-model.json"


@pytest.mark.slow
def test_retraining_from_the_committed_data_gives_the_shipped_model(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from training.chrome import train

    target = tmp_path / "line-model.json"
    shipped = MODEL.read_text(encoding="utf-8")
    original = train.MODEL
    try:
        train.MODEL = target
        assert train.main([]) == 0
    finally:
        train.MODEL = original
    assert target.read_text(encoding="utf-8") == shipped


def test_the_model_names_its_cut_offs_and_kinds() -> None:
    model = load_model("lint.checks.chrome", "line-model.json")
    assert 0.5 <= model.cut("report") < model.cut("fix") < 1.0
    assert {"chrome", "kind:navigation", "kind:footer", "kind:related"} <= set(model.heads)
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    assert data["trained"]["script"] == "training/chrome/train.py"


ARTICLE = (
    "The city council voted on Tuesday to add protected bike lanes along four downtown "
    "streets, after a year of public hearings and a pilot on Main Street that cut crashes."
)
MENU = ["Home", "News", "Sports", "Business", "Opinion", "Entertainment", "Weather", "Video"]
FOOTER = ["About Us", "Contact", "Privacy Policy", "Terms of Use", "© 2024 Example Media"]


def scraped_page() -> str:
    body = [
        ARTICLE,
        "Officials said the lanes would open in spring, with work starting on the busiest "
        "corner first so that buses keep their stops during the months of construction.",
        "Residents who spoke at the final hearing were mostly in favour, though several shop "
        "owners asked for loading zones to be kept on the side streets near their doors.",
    ]
    parts = [*MENU, "Council backs downtown bike lanes", "By Ana Ruiz", *body, *FOOTER]
    return "\n\n".join(parts) + "\n"


def test_a_scraped_menu_and_footer_are_reported_and_the_article_head_is_not() -> None:
    text = scraped_page()
    records = lint_text(text, path="page.txt", select=["chrome"]).records()
    lines = text.split("\n")
    flagged = {n for r in records for n in range(r["line"], r["end_line"] + 1) if lines[n - 1]}
    wanted = {lines.index(item) + 1 for item in MENU + FOOTER}
    assert len(flagged & wanted) >= 0.8 * len(wanted)
    for kept in ("Council backs downtown bike lanes", "By Ana Ruiz", ARTICLE):
        assert lines.index(kept) + 1 not in flagged
    assert any("navigation" in r["message"] for r in records)
    assert any("line classifier" in r["message"] for r in records)


def test_the_fix_keeps_every_article_sentence() -> None:
    text = scraped_page()
    fixed = fix_text(text, path="page.txt", select=["chrome"], unsafe=True).text
    for sentence in (ARTICLE, "Council backs downtown bike lanes", "By Ana Ruiz"):
        assert sentence in fixed
    assert len(fixed) < len(text)


PRODUCTS = [
    "Trek FX 2",
    "$799 at REI",
    "Cannondale Quick 4",
    "$649 at Amazon",
    "Giant Escape 3",
    "$729 at Target",
    "Specialized Sirrus",
    "$850 at Backcountry",
    "Marin Fairfax 1",
    "$599 at Walmart",
]


def test_short_lines_between_article_paragraphs_are_left_to_the_article() -> None:
    # A box of products between two paragraphs of the story reads like a menu to the line
    # classifier; between the article's paragraphs, with no furniture words, it is the
    # article's (a table, a poll, a product list): neither reported nor deleted. The menu
    # above the story and the footer below still go.
    text = scraped_page()
    middle = text.index("Officials said the lanes")
    text = text[:middle] + "\n\n".join(PRODUCTS) + "\n\n" + text[middle:]
    reported = lint_text(text, path="page.txt", select=["chrome"]).findings
    assert not [f for f in reported if middle <= f.start < text.index("Officials said")]
    assert any("Entertainment" in text[f.start : f.end] for f in reported)
    fixed = fix_text(text, path="page.txt", select=["chrome"]).text
    assert "\n\n".join(PRODUCTS) in fixed
    assert "Entertainment" not in fixed and "Terms of Use" not in fixed


SHORT_STORY = [
    "The bridge on Mill Road will close for repairs from Monday, the county said today.",
    "Drivers are asked to use the ring road, and buses will stop at the station instead.",
]


def test_a_run_of_sentences_is_never_furniture_as_a_whole() -> None:
    # Two sentences amid long runs of short lines, far above the page's densest prose: the
    # classifier alone would report the second; a run of sentences is the article's.
    sections = [f"Section {n}" for n in range(30)]
    body = scraped_page().split("\n\n")[len(MENU) + 2 : -len(FOOTER)]
    text = "\n\n".join([*sections, *SHORT_STORY, *sections, *body, *FOOTER]) + "\n"
    reported = lint_text(text, path="page.txt", select=["chrome"]).findings
    flagged = "".join(text[f.start : f.end] for f in reported)
    assert "Section 12" in flagged and "Terms of Use" in flagged
    assert not any(sentence in flagged for sentence in SHORT_STORY)


def test_a_long_paragraph_of_japanese_is_prose() -> None:
    # Written without spaces: its words are not its spaces (one "word" would make a
    # 120-character paragraph a short line beside a menu, and `fix` deleted one).
    from lint.checks.chrome.features import text_row

    paragraph = "今回の事件のように、権利者の許諾を得ずに改造した商品を販売することは、" * 4
    assert len(paragraph) > 100
    row = text_row(paragraph)
    assert row.prose and row.words >= 60


def test_hard_wrapped_markdown_paragraphs_and_lists_are_the_authors() -> None:
    wrapped = (
        "# Release notes\n\n"
        "This release brings a new scheduler and many smaller fixes that\n"
        "users asked for over the last year. Read on for the details.\n\n"
        "Changes\n"
        "- Faster start-up\n- New plugin system\n- Dropped Python 3.8\n\n"
        "Thanks to\nevery contributor\n\nSee you\nat the meetup\n\nCheers\n"
    )
    assert lint_text(wrapped, path="notes.md", select=["chrome"]).records() == []


def test_a_line_inside_a_paragraph_is_never_deleted_safely() -> None:
    text = scraped_page().replace("Privacy Policy\n\n", "Privacy Policy\nand more words here\n")
    result = fix_text(text, path="page.txt", select=["chrome"])
    assert "Privacy Policy\nand more words here" in result.text


HTML_MODEL = ROOT / "lint" / "checks" / "chrome" / "html-model.json"


@pytest.mark.slow
def test_retraining_the_element_classifier_gives_the_shipped_model(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from training.chrome import train_html

    target = tmp_path / "html-model.json"
    original = train_html.MODEL
    try:
        train_html.MODEL = target
        # Reading every train page also checks that the check's reader gives the lines the
        # labels were made on (page_data raises on the first page where it does not).
        assert train_html.main([]) == 0
    finally:
        train_html.MODEL = original
    assert target.read_text(encoding="utf-8") == HTML_MODEL.read_text(encoding="utf-8")


def test_the_element_classifier_names_its_cut_offs() -> None:
    model = load_model("lint.checks.chrome", "html-model.json")
    assert 0.5 < model.cut("report") <= model.cut("inside") < 1.0
    assert 0.0 < model.cut("floor") < model.cut("report")
    assert json.loads(HTML_MODEL.read_text(encoding="utf-8"))["trained"]["script"] == (
        "training/chrome/train_html.py"
    )


def _train_page(prefix: str) -> str:
    [path] = (ROOT / "training" / "chrome" / "text").glob(f"{prefix}*.txt")
    return path.read_text(encoding="utf-8")


def test_short_lines_beside_library_phrases_go_when_the_classifier_is_sure_of_them() -> None:
    # A bbc.com page (train split): "Skip to content" is a library phrase; "BBC Account" and
    # "Home" join its run by their shape alone. The line classifier is sure of them too, so
    # the run's fix is safe and `fix` deletes it; the article's head stays.
    text = _train_page("70cb2d5bca75")
    run = "Accessibility links\n\nSkip to content\n\nAccessibility Help\n\nBBC Account\n\nHome"
    [finding] = [
        f
        for f in lint_text(text, path="page.txt", select=["chrome"]).findings
        if text[f.start : f.end] == run
    ]
    assert "short line beside them" in finding.message
    assert finding.fix is not None and finding.fix.safe
    fixed = fix_text(text, path="page.txt", select=["chrome"]).text
    assert "\nBBC Account\n" not in fixed


def test_without_the_classifier_a_run_joined_by_shape_is_reported_not_deleted() -> None:
    text = _train_page("70cb2d5bca75")
    config = {"checks": {"chrome": {"line-classifier": False}}}
    run = "Accessibility links\n\nSkip to content\n\nAccessibility Help\n\nBBC Account\n\nHome"
    [finding] = [
        f
        for f in lint_text(text, path="page.txt", select=["chrome"], config=config).findings
        if text[f.start : f.end] == run
    ]
    assert finding.fix is not None and not finding.fix.safe


def _flagged_lines(text: str) -> set[str]:
    records = lint_text(text, path="page.txt", select=["chrome"]).records()
    lines = text.split("\n")
    return {lines[n - 1] for r in records for n in range(r["line"], r["end_line"] + 1)}


HEADS = {
    # A headline that opens with a quote mark, its date line, then a share row between
    # them and the byline.
    "quoted headline": (
        ["News > Local", "‘We’re on it’: council backs downtown bike lanes after a year of "
         "hearings", "UPDATED: Tue., Nov. 19, 2019", "Twitter", "Facebook", "By Ana Ruiz"],
        {1, 2, 5},
    ),
    # A post's age is its date line; the author's name stands beside it.
    "age of the post": (
        ["Council backs downtown bike lanes after a year of hearings", "Ana Ruiz", "1 day ago"],
        {0, 1, 2},
    ),
    # The dek right above the byline is not the headline: the line above the dek is.
    "headline above a dek": (
        ["Council backs downtown bike lanes", "New, 15 comments",
         "The vote ends a year of hearings on the four streets",
         "By Ana Ruiz Nov 19, 2019, 7:53pm EST"],
        {0, 2, 3},
    ),
    # A headline may open with a number and quote with guillemets.
    "number and guillemets": (
        ["4 streets, 1 vote: «bike lanes first», says the council",
         "Text: Ana Ruiz · 19 November 2019"],
        {0, 1},
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(HEADS))
def test_the_article_head_is_content_however_it_is_laid_out(name: str) -> None:
    from lint.checks.chrome.features import document_rows
    from lint.document import Document

    head, wanted = HEADS[name]
    body = scraped_page().split("\n\n")[len(MENU) + 2 :]
    text = "\n\n".join([*MENU, *head, *body])
    rows = document_rows(Document.for_path(text, "page.txt"))
    assert [row.text for row in rows if row.title] == [head[n] for n in sorted(wanted)]
    flagged = _flagged_lines(text)
    assert "Entertainment" in flagged and "Terms of Use" in flagged
    assert not flagged & {head[n] for n in wanted}


PLANTS = ["Oak", "Birch", "Maple", "Willow", "Poplar", "Alder", "Hazel", "Rowan", "Elm", "Ash"]
PLANTS += [f"{name} saplings" for name in PLANTS]


def test_lines_between_the_articles_paragraphs_are_not_reported_without_furniture_words() -> None:
    # A story split by an advertisement and a long list of short lines (a poll's tallies):
    # the list reads like a menu to the classifier, and the densest prose is only one half
    # of the story. Between the article's first and last paragraph, lines that name no
    # furniture are the article's; the advertisement and the page's menu and footer are not.
    body = scraped_page().split("\n\n")[len(MENU) + 2 : -len(FOOTER)]
    tallies = [f"{name} {n}%" for n, name in enumerate(PLANTS, start=3)]
    halves = [*body[:2], "Advertisement", *tallies, body[2], body[0].replace("city", "county")]
    text = "\n\n".join([*MENU, "Council backs downtown bike lanes", *halves, *FOOTER]) + "\n"
    flagged = _flagged_lines(text)
    assert {"Advertisement", "Terms of Use", "Entertainment"} <= flagged
    assert not flagged & set(tallies)


def test_the_article_reaches_past_one_furniture_line_between_its_paragraphs() -> None:
    # Past a table that splits the densest prose from the rest of the story, one line with
    # furniture words between two of its paragraphs (a product box's "See it now: Amazon",
    # an inline "Related stories") does not end the article: the paragraph after it is the
    # article's, never the classifier's to report.
    from lint.checks.chrome.features import article_extent, document_rows
    from lint.document import Document

    body = scraped_page().split("\n\n")[len(MENU) + 2 : -len(FOOTER)]
    table = [f"Route {n}" for n in range(20)]
    later = body[1].replace("spring", "summer")
    parts = [*MENU, *body, *table, body[0], "Related stories", later, *FOOTER]
    rows = document_rows(Document.for_path("\n\n".join(parts) + "\n", "page.txt"))
    extent = {rows[p].text for p in article_extent(rows)}
    assert {body[0], later} <= extent
    assert not extent & {*MENU, *FOOTER}


def test_fix_settles_on_every_real_page() -> None:
    # Deleting a page's first line makes the next one first; by its place alone that line
    # must not become sure, or each pass of fix takes one more line and fix never settles.
    for path in sorted((ROOT / "training" / "chrome" / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        fixed = fix_text(text, path="page.txt", select=["chrome"]).text
        assert fix_text(fixed, path="page.txt", select=["chrome"]).text == fixed, path.name


def test_the_articles_sign_off_and_the_list_it_announces_are_left_to_it() -> None:
    # A line that ends a sentence and names no furniture, right after the last paragraph,
    # is the article's sign-off; a last paragraph ending with a colon announces the short
    # rows after it. The footer, which names itself, is still reported.
    body = scraped_page().split("\n\n")[len(MENU) + 2 : -len(FOOTER)]
    lead_in = (
        "The council also published the order in which the four streets will get their "
        "lanes, starting with the one where most of the crashes happened last year:"
    )
    streets = ["Main Street", "Oak Avenue", "River Road", "Station Lane"]
    sign_off = "Thanks to every reader who wrote in!"
    parts = [*MENU, "Council backs downtown bike lanes", *body, lead_in, *streets]
    flagged = _flagged_lines("\n\n".join([*parts, *FOOTER]) + "\n")
    assert not flagged & set(streets)
    assert {"Terms of Use", "Privacy Policy"} <= flagged
    flagged = _flagged_lines("\n\n".join([*parts[:-4], sign_off, *FOOTER]) + "\n")
    assert sign_off not in flagged
    assert {"Terms of Use", "Privacy Policy"} <= flagged


def test_a_numbered_list_in_order_is_the_articles() -> None:
    # A listicle's items, numbered in order, after the last paragraph: the article's, not
    # a menu of short lines; the same names unnumbered are reported.
    body = scraped_page().split("\n\n")[len(MENU) + 2 : -len(FOOTER)]
    games = ["Monopoly Travel", "Taboo", "Labyrinth", "Operation", "Polaroid 600 Camera"]
    numbered = [f"{n}) {game}" for n, game in enumerate(games, start=1)]
    page = [*MENU, "Council backs downtown bike lanes", *body]
    flagged = _flagged_lines("\n\n".join([*page, *numbered, *FOOTER]) + "\n")
    assert not flagged & set(numbered)
    assert "Terms of Use" in flagged
    flagged = _flagged_lines("\n\n".join([*page, *games, *FOOTER]) + "\n")
    assert set(games) <= flagged


# A buying guide's product cards, shaped like those of the fresh pages (gearpatrol.com's
# "7.5 ounces, 4 mm drop", mensjournal.com's "Weight: 8.4 oz  Drop: 3mm", hercampus.com's
# "Overall Rating: 5/10"): a name, a short paragraph, then a box of short lines.
CARDS = [
    ("Best overall: Sony WF-1000XM4",
     "Sony's earbuds have the best noise cancelling we tested, and they sound rich without "
     "any tweaking. The case is small, and the battery lasts a full workday.",
     ["8 hours battery, IPX4", "Pros:", "Excellent noise cancelling", "Cons:", "Bulky buds",
      "Rating: 4.5/5", "$278 at Amazon", "$279 at Best Buy"]),
    ("Best budget: Anker Soundcore Life P3",
     "For under $80 these get you most of what the expensive pairs do, including decent "
     "noise cancelling and an app with an equaliser.",
     ["7 hours battery, IPX5", "Pros:", "Cheap", "Cons:", "Plain looks", "Rating: 4/5",
      "$79 at Amazon", "Shop now at Walmart"]),
    ("Best for running: Jabra Elite Active 75t",
     "They stay put on long runs and shrug off sweat. The sound is punchy and the controls "
     "are physical buttons that work through gloves.",
     ["7.5 hours battery, IP57", "Pros:", "Secure fit", "Cons:", "Average calls",
      "Rating: 4/5", "$149 at Amazon", "Free shipping at Jabra"]),
]  # fmt: skip
GUIDE_INTRO = (
    "We tested 40 pairs of earbuds over three months, on commutes, runs and calls, to find "
    "the ones worth your money. Here are our picks, with what each does best and where to "
    "buy it."
)
GUIDE_CLOSE = (
    "How we tested: each pair was worn for at least a week by two testers, who rated "
    "comfort, sound and call quality, and we measured battery life by looping a playlist "
    "at half volume until the buds died."
)


def _guide(numbered: bool, closing: bool) -> tuple[str, set[str]]:
    lines = ["The best wireless earbuds of 2021", GUIDE_INTRO]
    for number, (name, paragraph, box) in enumerate(CARDS, start=1):
        lines += [f"{number}. {name}" if numbered else name, paragraph, *box]
    lines += [GUIDE_CLOSE] if closing else []
    return "\n\n".join([*MENU, *lines, *FOOTER]) + "\n", set(lines)


def test_a_buying_guides_product_cards_between_its_paragraphs_are_the_articles() -> None:
    # The densest prose is the introduction; each card's box of short lines costs the
    # zone more than its paragraph gains. Walking out of the zone, a name or a retailer
    # line that mentions a furniture word among others ("Life", "Shop", "shipping") does
    # not end the article, nor does "battery life" in the closing paragraph: every card
    # is the article's. The menu and the footer are still reported.
    text, article = _guide(numbered=False, closing=True)
    flagged = _flagged_lines(text)
    assert not flagged & article
    assert {"Entertainment", "Terms of Use"} <= flagged


def test_a_numbered_guide_keeps_its_last_cards_box_with_no_paragraph_after_it() -> None:
    # With nothing after the last card but the footer, no paragraph of prose brings the
    # cards into the article; numbered in order, they are a list whose items hold as
    # many rows as the shortest item before the last. Unnumbered, the boxes are reported.
    text, article = _guide(numbered=True, closing=False)
    flagged = _flagged_lines(text)
    assert not flagged & article
    assert {"Entertainment", "Terms of Use"} <= flagged
    text, article = _guide(numbered=False, closing=False)
    assert "$149 at Amazon" in _flagged_lines(text)


def test_a_label_of_furniture_still_ends_the_article_walking_out() -> None:
    # "Related posts" is furniture words and little else: past a long gap it stops the
    # walk, so the teaser paragraph after it is not the article's.
    from lint.checks.chrome.features import article_extent, document_rows
    from lint.document import Document

    body = scraped_page().split("\n\n")[len(MENU) + 2 : -len(FOOTER)]
    headlines = [f"Route {n} reopens" for n in range(6)]
    teaser = body[1].replace("spring", "autumn")
    parts = [*MENU, *body, *headlines, "Related posts", teaser, *FOOTER]
    rows = document_rows(Document.for_path("\n\n".join(parts) + "\n", "page.txt"))
    extent = {rows[p].text for p in article_extent(rows)}
    assert teaser not in extent


def test_a_lead_in_right_after_the_article_announces_the_rows_under_it() -> None:
    # wpsdlocal6.com's scores (fresh batch 4) right above a site's footer: "Boys:" and
    # "Girls:" end with a colon and name no furniture, so the score lines under them are
    # the article's, as under a last paragraph that ends with a colon. The footer is not.
    body = scraped_page().split("\n\n")[len(MENU) + 2 : -len(FOOTER)]
    scores = [
        "Boys:",
        "University Heights 73, Lexington (Alabama) 53",
        "Doss 64, Hopkinsville 61",
        "Trigg County 53, Hickman County 47",
        "Girls:",
        "Christian County 51, Franklin-Simpson 45",
        "McCracken County 64, Hopkins County Central 49",
    ]
    lines = [*MENU, "Council backs downtown bike lanes", *body, *scores, *FOOTER]
    flagged = _flagged_lines("\n\n".join(lines) + "\n")
    assert not flagged & set(scores)
    assert {"Terms of Use", "Privacy Policy"} <= flagged
