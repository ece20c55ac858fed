"""What the chrome check reports."""

from __future__ import annotations

from lint.finding import Rule, Severity

BOILERPLATE = Rule(
    id="boilerplate",
    severity=Severity.WARNING,
    summary="Website furniture (share bars, comment forms, newsletter boxes, menus) in the text",
    explanation=(
        "Text copied from a web page brings the page's furniture along: the site's name, "
        "navigation, share bars, comment forms, newsletter and cookie boxes, widget titles "
        "such as 'Live Price' or 'powered by Coinlib', 'Follow us' blocks and icon-font "
        "letters. A run of such lines is one finding; the fix removes it and leaves one "
        "paragraph break. The fix is safe when the phrase library (lint/data/chrome) knows "
        "every line, and needs --unsafe-fixes when a short line is taken only because of its "
        "shape and its place next to chrome. In HTML, nav, site header and footer, aside, "
        "form and their ARIA roles, and elements whose class or id says share, comments, "
        "newsletter, cookie, sidebar or related are reported outside the article."
    ),
    example="Leave a Reply\n\nThis site uses Akismet to reduce spam.\n\n%d bloggers like this:",
    fix="sometimes",
)
DANGLING = Rule(
    id="dangling-reference",
    severity=Severity.WARNING,
    summary="A lead-in whose link or handle was lost in the copy",
    explanation=(
        "When a page is copied as text, links vanish and the words that led to them stay: "
        "'You can reach out to Jay at or Anndy at', 'For more information on, you can reach "
        "us at:', 'click here'. The sentence now points at nothing. Restore the link or "
        "rewrite the sentence; the check cannot know what was there, so it only reports."
    ),
    example="You can reach out to Jay at or Anndy at",
)
TRUNCATED = Rule(
    id="truncated",
    severity=Severity.WARNING,
    summary="A paragraph cut off mid-sentence before chrome or the end of the text",
    explanation=(
        "A paragraph that ends with a dash, a comma or a word such as 'the' or 'and', right "
        "before the page's furniture or the end of the document, was cut off when the page "
        "was copied (an excerpt, a paywall, a lazy-loaded block). Find the rest of the text "
        "or end the sentence; nothing is changed automatically."
    ),
    example="The total cryptocurrency market cap is up over 90% year-to-date in 2020 –",
)
