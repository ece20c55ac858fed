"""The trained line classifier: which lines of a text or Markdown page are furniture.

The model (``line-model.json``, written by ``training/chrome/train.py``) has a ``chrome``
head, the probability that a line is furniture, and one ``kind:<kind>`` head per kind of
furniture, which names it in the message. Two cut-offs come with it: ``report`` (the line
is reported) and ``fix`` (sure enough to delete). Both were chosen on held-out sites of the
training data for how much of the article they keep.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

from lint.checks.chrome.features import (
    Row,
    article_edges,
    article_extent,
    article_span,
    numbered_items,
)
from lint.scoring import Head, HeadGroup, LinearModel, head_group, load_model, logistic

MODEL_PACKAGE = "lint.checks.chrome"
MODEL_FILE = "line-model.json"

KIND_LABELS = {
    "navigation": "navigation",
    "related": "related links",
    "footer": "footer",
    "share": "share bar",
    "comment-form": "comment form",
    "newsletter": "newsletter",
    "cookie": "cookie notice",
    "advertisement": "advertisement",
    "tags": "tag list",
    "archive": "archive widget",
    "author-box": "author box",
    "site-name": "site name",
}
# What a feature means, for the reasons in a message (the first matching prefix wins).
_REASONS = (
    ("zone:above", "above the article"),
    ("zone:below", "below the article"),
    ("zone:none", "no article prose on the page"),
    ("short-run", "in a run of short lines"),
    ("repeated", "repeated on the page"),
    ("lex:", "furniture words"),
    ("copyright", "a copyright mark"),
    ("sep", "menu separators"),
    ("count", "a count in parentheses"),
    ("url", "an address"),
    ("number-only", "a bare number"),
    ("date", "a date"),
    ("p:", "beside furniture"),
    ("n:", "beside furniture"),
    ("pp:", "beside furniture"),
    ("nn:", "beside furniture"),
    ("end:", "no sentence end"),
    ("len:", "a short line"),
    ("words:", "a short line"),
    ("caps", "capitalised words"),
    ("stop", "few function words"),
    ("doc-", "a page of short lines"),
    ("first", "at the top of the page"),
    ("last", "at the bottom of the page"),
)


class Verdict:
    """A line the classifier reports: its index (0-based first line), last line (a
    hard-wrapped paragraph is judged whole), probability, kind and (asked for only for the
    surest line of a finding) why. ``sentence``: reads as a sentence and names no
    furniture, so in doubt it is reported but never deleted; ``settled``: what ``fix`` goes
    by (``settled_probability``). A plain class: a dataclass costs start-up."""

    __slots__ = ("features", "index", "kind", "last", "probability", "sentence", "settled",
                 "structural")  # fmt: skip

    def __init__(
        self,
        index: int,
        last: int,
        probability: float,
        kind: str,
        structural: bool,
        features: dict[str, float],
        sentence: bool = False,
        settled: float = 0.0,
    ) -> None:
        self.index = index
        self.last = last
        self.probability = probability
        self.kind = kind
        self.structural = structural
        self.features = features
        self.sentence = sentence
        self.settled = settled

    def reasons(self) -> tuple[str, ...]:
        return _reasons(model().head("chrome").strongest(self.features, 8))


def model() -> LinearModel:
    return load_model(MODEL_PACKAGE, MODEL_FILE)


@cache
def _kind_heads() -> HeadGroup:
    return head_group(model(), "kind:")


MIN_LINES = 3  # fewer reported lines on a page are a stray heading or sign-off, not furniture
BLOCK_LINES = 3  # a paragraph of this many short lines is a list, a stanza, an address


def verdicts(rows: list[Row], skip: Callable[[int], bool]) -> list[Verdict]:
    """The paragraphs at or above the ``report`` cut-off, in order, that ``skip`` does not
    exclude (``rows``: ``features.document_rows``).

    Never reported by the classifier alone: paragraphs inside the article (the densest run
    of prose, with what ``features.article_extent`` adds to it), those between its first
    and last paragraph that name no furniture (``features.article_span``), and its head
    (headline, byline, date); Markdown headings, list items and quotes; paragraphs of three
    or more lines that do not read as prose (a list, a stanza, an address); anything on a
    page with no prose at all (a list, a poem, a table of contents) or with fewer than
    three paragraphs to report.
    """
    found = list(_verdicts(rows, skip))
    return found if len(found) >= MIN_LINES else []


def candidates(rows: list[Row]) -> Iterator[int]:
    """The positions of the rows the classifier may report (see ``verdicts``): the rules
    settle every other row. The model is fitted on these rows alone (``training/chrome``)."""
    article = article_extent(rows)
    span = article_span(rows, article) or (len(rows), -1)
    edges = article_edges(rows, span) | numbered_items(rows)
    for position, row in enumerate(rows):
        if "zone:none" in row.features:
            return
        if row.title or row.structural or "zone:in" in row.features or position in article:
            continue
        if position in edges:
            continue
        if span[0] < position < span[1] and not row.kinds:
            continue
        if row.last - row.index + 1 >= BLOCK_LINES and not row.prose:
            continue
        yield position


def _verdicts(rows: list[Row], skip: Callable[[int], bool]) -> Iterator[Verdict]:
    shipped = model()
    head = shipped.head("chrome")
    cut = shipped.cut("report")
    for position in candidates(rows):
        row = rows[position]
        if any(skip(index) for index in range(row.index, row.last + 1)):
            continue
        score = head.score(row.features)
        probability = logistic(score)
        if probability >= cut:
            yield Verdict(
                row.index,
                row.last,
                probability,
                _kind(row),
                row.structural,
                row.features,
                row.prose and not row.kinds,
                _settled(head, row.features, score),
            )


def settled_probability(head: Head, features: dict[str, float]) -> float:
    """The probability ``fix`` goes by: without the features that say how near the text's
    edge the line stands (``first:``, ``last:``, a neighbour that is the edge), when those
    raise it. Deleting the first line makes the next one first: by its place alone it must
    not become sure, or every pass of ``fix`` would take one more line."""
    return _settled(head, features, head.score(features))


def _settled(head: Head, features: dict[str, float], score: float) -> float:
    weights = head.weights
    edge = sum(
        weights.get(name, 0.0) * value
        for name, value in features.items()
        if name.startswith(_EDGE_PREFIXES) or name.endswith(":edge")
    )
    return logistic(score - max(edge, 0.0))


_EDGE_PREFIXES = ("first:", "last:")


def _kind(row: Row) -> str:
    if row.kinds:
        return KIND_LABELS.get(row.kinds.most_common(1)[0][0], "navigation")
    heads = _kind_heads()
    if not heads.names:
        return "navigation"
    best = heads.best(row.features)[5:]
    return KIND_LABELS.get(best, best.replace("-", " "))


def _reasons(strongest: list[tuple[str, float]]) -> tuple[str, ...]:
    said: list[str] = []
    for name, _ in strongest:
        for part in name.split("&"):
            for prefix, reason in _REASONS:
                if part.startswith(prefix):
                    if reason not in said:
                        said.append(reason)
                    break
        if len(said) >= 3:
            break
    return tuple(said[:3])
