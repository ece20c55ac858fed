"""The ``links`` check: shortened, affiliate and referral links, disclosure, rel, tracking."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from lint.checks import Options, StateCache
from lint.checks.links.rules import RULES
from lint.document import Document
from lint.finding import Edit, Finding, Fix, Rule
from lint.speed import regexcache

if TYPE_CHECKING:
    from lint.checks.links.classify import Verdict
    from lint.checks.links.finder import Link
    from lint.checks.links.lexicon import Lexicon
    from lint.checks.links.phrases import PhraseMatcher
    from lint.checks.links.url import Param, UrlParts

# The link modules compile their patterns at import: they load with the first document, so
# a run that does not select this check (or has no link) never pays for them.

_REL = regexcache.compile(
    r"""[rR][eE][lL][ \t\r\n]{0,10}=[ \t\r\n]{0,10}(?:"([^"]{0,2000})"|'([^']{0,2000})'|([^\s"'<>`=]{1,2000}))"""
)
_NOT_ALNUM = regexcache.compile(r"[^0-9A-Za-z]+")
# What every link the finder reports contains: "://" or "//" (a URL, an href or src value),
# "www." in any case, or a ".tld/" (a bare domain). A document without any has no link, and
# the check returns before it loads the finder or builds its lexicon.
_LINK_ANCHOR = regexcache.compile(r"//|www\.|\.[a-z]{2,12}/", re.IGNORECASE)
_CONTEXT = 120
_SEEN_LIMIT = 50_000


class _State(NamedTuple):
    lexicon: Lexicon
    disclosure: PhraseMatcher
    cta: re.Pattern[str] | None
    distance: int
    rel_accepted: frozenset[str]
    rel_added: str
    resolve: bool
    timeout: float
    # url -> (parts, verdict, tracking parameters): links repeat across a corpus.
    seen: dict[str, tuple[UrlParts | None, Verdict | None, list[Param]]]

    def analyse(self, url: str) -> tuple[UrlParts | None, Verdict | None, list[Param]]:
        known = self.seen.get(url)
        if known is None:
            from lint.checks.links.classify import classify, tracking
            from lint.checks.links.url import parse_url

            parts = parse_url(url)
            if parts is None:
                known = (None, None, [])
            else:
                known = (parts, classify(parts, self.lexicon), tracking(parts, self.lexicon))
            if len(self.seen) >= _SEEN_LIMIT:
                self.seen.clear()
            self.seen[url] = known
        return known


def _alternation(phrases: Iterable[str]) -> re.Pattern[str] | None:
    from lint.checks.links.phrases import phrase_pattern

    # Longest first, so that the earliest match is also the most specific one.
    parts = sorted(
        {phrase_pattern(p.strip()) for p in phrases if p.strip()}, key=lambda p: (-len(p), p)
    )
    return (
        regexcache.compile("|".join(f"(?:{part})" for part in parts), re.IGNORECASE)
        if parts
        else None
    )


def _build(options: Options) -> _State:
    from lint.checks.links.lexicon import Lexicon, read_list
    from lint.checks.links.phrases import PhraseMatcher

    phrases = list(options["disclosure-phrases"])
    if options["builtin-disclosure-phrases"]:
        phrases.extend(read_list("disclosure-phrases.txt"))
    return _State(
        lexicon=Lexicon.build(options),
        disclosure=PhraseMatcher(phrases),
        cta=_alternation(options["cta-words"]),
        distance=int(options["disclosure-distance"]),
        rel_accepted=frozenset(value.lower() for value in options["rel-accepted"]),
        rel_added=str(options["rel-added"]),
        resolve=bool(options["resolve-links"]),
        timeout=float(options["resolve-timeout"]),
        seen={},
    )


class _Monetised(NamedTuple):
    link: Link
    why: str


class LinksCheck:
    """Finds links that hide their destination or earn money, and what they lack."""

    id: ClassVar[str] = "links"
    summary: ClassVar[str] = (
        "Shortened, affiliate and referral links, missing disclosure or rel, tracking parameters"
    )
    rules: ClassVar[tuple[Rule, ...]] = RULES
    default_options: ClassVar[Mapping[str, Any]] = {}

    def __init__(self) -> None:
        self._state = StateCache(_build)

    def check(self, document: Document, options: Options) -> Iterator[Finding]:
        if _LINK_ANCHOR.search(document.text) is None:
            return
        from lint.checks.links.finder import find_links

        state = self._state.get(options)
        first: _Monetised | None = None
        for link in find_links(document, bare_domains=state.lexicon.bare_domains):
            parts, verdict, tracked = state.analyse(link.url)
            if parts is None:
                continue
            if verdict is not None:
                destination = None
                if state.resolve and verdict.kind in ("shortener", "likely-shortener"):
                    verdict, destination = self._resolve(link, verdict, state)
                yield self._finding(link, verdict)
                why = self._monetised(document, link, parts, verdict, state)
                if destination is not None and destination.kind in ("affiliate", "referral"):
                    why = why or f"shortened {destination.kind} link"
                if why and first is None:
                    first = _Monetised(link, why)
                if verdict.kind in ("affiliate", "referral") and link.tag:
                    yield from self._missing_rel(document, link, verdict, state)
            if tracked:
                yield self._tracking(link, parts, tracked)
        if first is not None:
            yield from self._disclosure(document, first, state)

    def _resolve(
        self, link: Link, verdict: Verdict, state: _State
    ) -> tuple[Verdict, Verdict | None]:
        """The verdict with the link's destination in its reason, and the destination's class."""
        from lint.checks.links.classify import classify
        from lint.checks.links.resolve import resolve_url  # network code loads only when asked for
        from lint.checks.links.url import parse_url

        resolution = resolve_url(link.url, state.timeout)
        if resolution.error:
            return verdict._replace(
                reason=f"{verdict.reason}; not resolved: {resolution.error}"
            ), None
        final = parse_url(resolution.final)
        destination = classify(final, state.lexicon) if final else None
        where = f"{verdict.reason}; it leads to {resolution.final}"
        if destination is None or destination.kind not in ("affiliate", "referral"):
            return verdict._replace(reason=where), None
        where += f", an {destination.kind} link ({destination.reason})"
        return verdict._replace(reason=where), destination

    def _finding(self, link: Link, verdict: Verdict) -> Finding:
        if verdict.defunct:
            return Finding(
                "links",
                verdict.kind,
                link.start,
                link.end,
                f"Link through a dead shortener ({verdict.reason}): the link is broken or "
                "soon will be; replace it with the final URL",
            )
        messages = {
            "shortener": "Shortened link ({}): the destination is hidden; link to the final URL instead",
            "likely-shortener": "Link looks shortened ({}): if it is, the destination is "
            "hidden; link to the final URL, or add the host to allow-domains if it is not a "
            "shortener",
            "affiliate": "Affiliate link ({}): it earns a commission; disclose it",
            "referral": "Referral link ({}): it pays for sign-ups; disclose it",
        }
        return Finding(
            "links",
            verdict.kind,
            link.start,
            link.end,
            messages[verdict.kind].format(verdict.reason),
        )

    def _monetised(
        self, document: Document, link: Link, parts: UrlParts, verdict: Verdict, state: _State
    ) -> str:
        """Why the link earns money, or ``""`` when it does not (as far as we can tell)."""
        if verdict.kind in ("affiliate", "referral"):
            return f"{verdict.kind} link"
        if state.cta is None:
            return ""
        words = parts.path[:_CONTEXT] + " " + link.text[:_CONTEXT]  # a CTA says so early
        if link.kind in ("url", "www", "bare-domain"):
            floor = max(0, link.start - _CONTEXT)
            line_start = max(document.text.rfind("\n", floor, link.start) + 1, floor)
            words += " " + document.text[line_start : link.start]
        match = state.cta.search(_NOT_ALNUM.sub(" ", words))
        return f'shortened link in a call to action ("{match.group()}")' if match else ""

    def _missing_rel(
        self, document: Document, link: Link, verdict: Verdict, state: _State
    ) -> Iterator[Finding]:
        assert link.tag is not None
        start, end = link.tag
        text = document.text
        rel = None
        for match in _REL.finditer(text, start, end):
            if text[match.start() - 1].isspace():
                rel = match
                break
        if rel is not None:
            group = next(index for index in (1, 2, 3) if rel.group(index) is not None)
            value = rel.group(group)
            if state.rel_accepted & set(value.lower().split()):
                return
            extended = (
                (value.rstrip() + " " + state.rel_added) if value.strip() else state.rel_added
            )
            if group == 3:
                edit = Edit(rel.start(group), rel.end(group), f'"{extended}"')
            else:
                edit = Edit(rel.start(group), rel.end(group), extended)
        else:
            close = end - 1
            if text[close - 1] == "/":
                close -= 1
            while close > start and text[close - 1].isspace():
                close -= 1
            edit = Edit(close, close, f' rel="{state.rel_added}"')
        yield Finding(
            "links",
            "missing-rel",
            start,
            end,
            f'{verdict.kind.capitalize()} link without rel="sponsored": '
            f'mark paid links with rel="{state.rel_added}"',
            fix=Fix((edit,)),
        )

    def _tracking(self, link: Link, parts: UrlParts, found: list[Param]) -> Finding:
        from lint.checks.links.url import without_params

        clean = without_params(link.url, parts, found)
        query_end = parts.query_end
        edit = Edit(
            link.start + parts.query_start,
            link.start + query_end,
            clean[parts.query_start : len(clean) - (len(link.url) - query_end)],
        )
        names = ", ".join(dict.fromkeys(param.name for param in found))
        return Finding(
            "links",
            "tracking",
            link.start,
            link.end,
            f"Tracking parameters ({names}): they follow readers; remove them",
            fix=Fix((edit,), safe=False),
        )

    def _disclosure(
        self, document: Document, first: _Monetised, state: _State
    ) -> Iterator[Finding]:
        found = state.disclosure.first(document.text)
        if found and found.start <= first.link.end + state.distance:
            return
        if found:
            line, _ = document.position(found.start)
            yield Finding(
                "links",
                "late-disclosure",
                first.link.start,
                first.link.end,
                f'The disclosure ("{found.text.strip()}", line {line}) comes after the first '
                f"monetised link ({first.why}); move it before this link",
            )
            return
        yield Finding(
            "links",
            "undisclosed",
            first.link.start,
            first.link.end,
            f"Monetised links but no disclosure: this is the first ({first.why}); "
            'say so before it, e.g. "This post contains affiliate links"',
        )
