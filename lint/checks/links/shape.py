"""The shape of a short link, as named features for the ``likely-shortener`` model.

A link no list names is judged by what can be seen in it: a short registrable name (``kurl``,
``rb``), a top-level domain chosen to spell a word (``.ly``, ``.gd``, ``.to``), a name that
says it shortens (``short``, ``lnk``, ``url``), a short-link subdomain (``on.``, ``go.``), and
one opaque code as the whole path (``2mdnz``, ``3eqJ565``: digits woven into letters, inner
capitals, no vowels) rather than a word, a name or a slug. Each feature is a string the
message can show; ``likely-shortener.json`` (trained by ``training/links/train.py``) weighs
them. Computed from the host, its registered domain and the path token only: no regular
expression search, a few passes over two short strings.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lint.checks.links.lexicon import Shape
    from lint.checks.links.url import UrlParts

_VOWELS = frozenset("aeiouy")
_SEPARATORS = frozenset("-_.~!+@")

# Host names whose top-level domain is a plain commercial or organisational one.
_GENERIC = frozenset({"com", "net", "org", "edu", "gov"})


def _lengths(prefix: str, value: int, limits: tuple[int, ...]) -> list[str]:
    """``prefix<=N`` for every limit N that ``value`` is within: nested features, so that
    "at most 4" also counts as "at most 5" and each weight says what one more step adds."""
    return [f"{prefix}<={limit}" for limit in limits if value <= limit]


_NAME_LIMITS = (2, 3, 4, 5, 7, 10)
_TOKEN_LIMITS = (2, 3, 5, 7, 10, 16)


_CODE_SIGNS = frozenset(
    {
        "token:digit-switches",
        "token:inner-capital",
        "token:rare-pairs",
        "token:lower+digits",
        "token:upper+digits",
        "token:lowerupper",
        "token:lowerupper+digits",
    }
)


def features(
    host: str, name: str, suffix: str, token: str, shape: Shape, section: str = ""
) -> list[str]:
    """Every feature of a candidate short link: the host's, the token's (with the one-letter
    section it sits under, if any), and the two together where one alone says little (a name
    that says it shortens on a .com host, with a random code: ``tinyurl.com/2j582c6a``,
    ``gclnk.com/acjixzsRRd``)."""
    of_host = host_features(host, name, suffix, shape)
    of_token = token_features(token) + (["path:letter-section"] if section else [])
    if not _CODE_SIGNS.intersection(of_token):
        return of_host + of_token
    joint = ["code+" + feature for feature in of_host if feature == "name:says-short"]
    return of_host + of_token + joint


def host_features(host: str, name: str, suffix: str, shape: Shape) -> list[str]:
    """Features of a host: its registered ``name`` (without the public ``suffix``), the
    top-level domain and the subdomain."""
    found = _lengths("name-length", len(name), _NAME_LIMITS)
    tld = suffix.rpartition(".")[2]
    if tld in shape.hack_tlds:
        found.append("tld:word-hack")
    elif tld in _GENERIC:
        found.append("tld:generic")
    else:
        found.append("tld:country" if len(tld) == 2 else "tld:new")
    if "." in suffix:
        found.append("suffix:two-level")
    if any(word in name for word in shape.name_words):
        found.append("name:says-short")
    if any(char.isdigit() for char in name):
        found.append("name:digit")
    if any(char.isalpha() for char in name) and not any(char in _VOWELS for char in name):
        found.append("name:no-vowel")
    if "-" in name:
        found.append("name:hyphen")
    found.append(
        "sub:" + _subdomain_kind(host[: max(len(host) - len(name) - len(suffix) - 2, 0)], shape)
    )
    if len(name) <= 5 and tld in shape.hack_tlds:
        found.append("host:short-name+word-hack")
    return found


def _subdomain_kind(sub: str, shape: Shape) -> str:
    if not sub:
        return "none"
    if sub == "www":
        return "www"
    return "short-link" if sub in shape.short_subdomains else "other"


def token_features(token: str) -> list[str]:
    """Features of the one path segment: its length and how random its characters look."""
    found = _lengths("token-length", len(token), _TOKEN_LIMITS)
    lower = sum(char.islower() for char in token)
    upper = sum(char.isupper() for char in token)
    digits = sum(char.isdigit() for char in token)
    letters = lower + upper
    if letters + digits < len(token):
        separated = all(char.isalnum() or char in _SEPARATORS for char in token)
        found.append("token:separator" if separated else "token:punctuation")
    cases = ("lower" if lower else "") + ("upper" if upper else "")
    found.append("token:" + (cases or "no-letters") + ("+digits" if digits and letters else ""))
    pairs = list(pairwise(token))
    if sum(1 for a, b in pairs if a.isalnum() and b.isalnum() and a.isdigit() != b.isdigit()) >= 2:
        found.append("token:digit-switches")
    if any(a.islower() and b.isupper() for a, b in pairs):
        found.append("token:inner-capital")
    if letters >= 3 and not any(char.lower() in _VOWELS for char in token):
        found.append("token:no-vowel")
    if _longest_consonant_run(token) >= 4:
        found.append("token:consonant-run")
    found.extend(_pair_features(token))
    return found


@cache
def _common_pairs() -> frozenset[str]:
    from lint.speed import packagedata

    text = packagedata.read_text(__package__, "letter-pairs.txt")
    return frozenset(
        pair for line in text.splitlines() if not line.startswith("#") for pair in line.split()
    )


def _pair_features(token: str) -> list[str]:
    """How English the token's letters read: every adjacent pair of letters common in English
    words (a word or a slug of words: ``crosswords``, ``meetup-2024``), or half of them rare
    (drawn at random: ``oxgyc``, ``2IlgzVs``)."""
    pairs, rare = _rare_pairs(token)
    if len(pairs) < 2:
        return []
    if not rare:
        return ["token:english-pairs"] if len(pairs) >= _WORDLIKE_PAIRS else []
    return ["token:rare-pairs"] if 2 * rare >= len(pairs) else ["token:some-rare-pairs"]


# Nearly half of all letter pairs are common in English words, so two random letter pairs
# are both common one time in five: only three or more such pairs read like words.
_WORDLIKE_PAIRS = 3


def _rare_pairs(token: str) -> tuple[list[str], int]:
    """The token's adjacent letter pairs, and how many of them are rare in English words."""
    common = _common_pairs()
    lower = token.lower()
    pairs = [a + b for a, b in pairwise(lower) if a.isalpha() and b.isalpha() and a.isascii()]
    return pairs, sum(1 for pair in pairs if pair not in common)


def _longest_consonant_run(token: str) -> int:
    longest = run = 0
    for char in token.lower():
        run = run + 1 if char.isalpha() and char not in _VOWELS else 0
        longest = max(longest, run)
    return longest


_MAX_HOST = 60
_MAX_NAME = 12


def candidate_path(parts: UrlParts) -> str | None:
    """The path a short link's code is read from: the path of a link with no query and no
    fragment (a section of a page), or ``/<code>`` when the whole query is one opaque code
    after an empty path (``ley.su/?RKZp``); None for any other query (a page's parameters).
    A bare query must look random, not merely unlike a word: ``/?amp``, ``/?s`` and
    ``/?feed`` are a site's own switches."""
    if parts.fragment:
        return None
    if not parts.params:
        return parts.path
    return "/" + parts.query_code if opaque(parts.query_code) else None


def short_link_parts(host: str, path: str, shape: Shape) -> tuple[str, str, str, str] | None:
    """The registered name, public suffix, path token and one-letter section of a link shaped
    like a short link (``kurl.ru/LBjJE``, ``go.acme.io/x7Y2kQ/``, ``amzn.in/d/cSNyCNl``), or
    None: more segments, a file name, a token too long to be a code, a site's own section
    (``/about``), a number, a version or a document id (an issue, an episode, a proposal, a
    release, a paper: ``kep.k8s.io/4191``, ``xkcd.com/927``, ``cookbooks.dev/1.0/``,
    ``gcc.gnu.org/PR54965``, ``wg21.link/p0466`` are content ids as often as codes), a user's
    page (``/~benc``, ``/@jane``), or a registered name longer than any short domain's.
    Services that keep their codes under one letter (``/d/``, ``/l/``) count only with an
    opaque code: a word or a name there is a page of the site (``/u/jane``, ``/r/rust``)."""
    if not path.startswith("/") or len(host) > _MAX_HOST:
        return None
    token = path[1:-1] if path.endswith("/") else path[1:]
    section, _, code = token.partition("/")
    if code and len(section) == 1 and section.isalpha() and section.isascii() and opaque(code):
        token = code
    else:
        section = ""
    if not token or "/" in token or len(token) > shape.max_token:
        return None
    if not token.strip("0123456789.-_") or _document_id(token) or token[0] in "~@":
        return None
    if named(token):
        return None
    if token.lower() in shape.site_sections:
        return None
    if "." in token and token.rpartition(".")[2].lower() in shape.file_extensions:
        return None
    from lint.checks.links.domains import public_suffix, registered_domain

    suffix = public_suffix(host)
    registered = registered_domain(host)
    if not suffix or not registered.endswith("." + suffix) or not suffix.isascii():
        return None
    name = registered[: -len(suffix) - 1]
    if len(name) > _MAX_NAME:
        return None
    return name, suffix, token, section


_COINED_REST = 3
_MAX_CODE_SEGMENT = 12


def coined_short_link(host: str, path: str, shape: Shape) -> tuple[str, str] | None:
    """The shortening word a host's name is coined from and the path shown, when a link the
    model does not take is still a short link by its name: a name that is a shortening word
    with at most three more characters (``tinyurl``, ``gclnk``, ``reurl``, ``vzturl``; a
    longer name only contains the word: ``linkerd``, ``gemini``), with one path segment that
    is a code (digits woven into letters, capitals inside, letters unlike words, a number of
    five digits or more on a name at most two characters longer than the word), or two codes
    (``onelink.me/0H1s/3T23``). Any other segment (a vanity alias: ``urlshrt.co/lern``) counts
    only when the whole name is made of shortening words (``urlshrt``, ``tinyurl``): a product
    named after one (``curl``, ``shortcut``) has pages with words for names."""
    from lint.checks.links.domains import public_suffix, registered_domain

    if not path.startswith("/") or len(host) > _MAX_HOST:
        return None
    segments = path.strip("/").split("/")
    number = len(segments) == 1 and _number_code(segments[0])
    if len(segments) == 2:
        if not all(_code_segment(segment) for segment in segments):
            return None
    elif len(segments) != 1 or not (number or _page_free(segments[0], shape)):
        return None
    suffix = public_suffix(host)
    registered = registered_domain(host)
    if not suffix or not registered.endswith("." + suffix):
        return None
    name = registered[: -len(suffix) - 1]
    word = _coined_word(name, shape)
    if not word or (number and not _number_name(name, word, shape)):
        return None
    token = "/".join(segments)
    vanity = (
        len(segments) == 1 and not number and not _CODE_SIGNS.intersection(token_features(token))
    )
    if vanity and not _short_words_only(name, shape):
        return None
    return word, f"{host}/{token}"


_NUMBER_CODE = (5, 10)
_NUMBER_REST = 2


def _number_code(segment: str) -> bool:
    """A number of five to ten digits (not a year): on a name coined for shortening
    (``shortna.me/26797``, ``tinyurl``; not ``linkerd.io``, see ``_number_name``) it is a short link's
    id, as sequential shorteners such as YOURLS write them; elsewhere a number is a content id
    (an issue, an episode) as often as a code."""
    return (
        segment.isdigit()
        and segment.isascii()
        and _NUMBER_CODE[0] <= len(segment) <= _NUMBER_CODE[1]
    )


def _number_name(name: str, word: str, shape: Shape) -> bool:
    """Whether a name is coined closely enough for a number to be its code: the word and at
    most two characters (``shortna``), or shortening words alone (``tinyurl``)."""
    return len(name) - len(word) <= _NUMBER_REST or _short_words_only(name, shape)


def _coined_word(name: str, shape: Shape) -> str:
    for word in shape.name_words:
        rest = len(name) - len(word)
        if 0 <= rest <= _COINED_REST and (name.startswith(word) or name.endswith(word)):
            return word
    return ""


def _short_words_only(name: str, shape: Shape, start: int = 0, abbreviated: bool = False) -> bool:
    """Whether ``name`` is two or more shortening words and nothing else, one of them
    abbreviated (``urlshrt``, ``tinyurl``, ``lnkshrnk``): two plain English words make a
    product's name (``shortcut``), an abbreviation makes a shortener's."""
    if start == len(name):
        return abbreviated
    return any(
        name.startswith(word, start)
        and len(word) < len(name)
        and _short_words_only(name, shape, start + len(word), abbreviated or _abbreviation(word))
        for word in shape.name_words
    )


def _abbreviation(word: str) -> bool:
    return "url" in word or not any(char in "aeiou" for char in word)


def _code_segment(segment: str) -> bool:
    """A short code of letters and digits (``0H1s``, ``3T23``)."""
    return (
        0 < len(segment) <= _MAX_CODE_SEGMENT
        and segment.isalnum()
        and segment.isascii()
        and any(char.isdigit() for char in segment)
        and not segment.isdigit()
    )


def _page_free(token: str, shape: Shape) -> bool:
    """Whether a one-segment path can be a short link's code or alias rather than one of the
    site's own pages, a file, a number or a user's page."""
    if not token or len(token) > shape.max_token or token[0] in "~@":
        return False
    if not token.strip("0123456789.-_") or token.lower() in shape.site_sections:
        return False
    return not ("." in token and token.rpartition(".")[2].lower() in shape.file_extensions)


def _slug(token: str) -> bool:
    """Words joined by hyphens (``learn-open-source``, ``ai4-docs``, ``bca-coa2025``): a
    page's name, which a code generator never writes. A part woven of digits and letters or
    with capitals inside keeps it a code (``p2sPFm-oaEq``, ``support-fo2k``)."""
    parts = token.split("-")
    return len(parts) > 1 and all(part and not opaque(part, shortest=1) for part in parts)


def named(token: str) -> bool:
    """A page's name rather than a code: a word, words joined by hyphens, or capitalised words
    run together (``EfficientNodeJS``, ``GetStarted``; a part of at most three capitals is an
    acronym). A code generator's capitals fall inside its letters instead (``VlIfX``)."""
    return _slug(token) or _word(token) or _camel_words(token)


_CAMEL_PART = re.compile(r"[A-Z][a-z]+|[A-Z]{1,3}(?![a-z])")
_MIN_CAMEL_WORD = 4


def _camel_words(token: str) -> bool:
    """Two or more capitalised words run together, each a word by its letter pairs, and at
    most one acronym of up to three capitals (``EfficientNodeJS``); one long word at least."""
    if not (token.isalpha() and token.isascii() and token[0].isupper()):
        return False
    parts = _CAMEL_PART.findall(token)
    if len(parts) < 2 or "".join(parts) != token:
        return False
    words = [part for part in parts if not part.isupper()]
    acronyms = len(parts) - len(words)
    return (
        acronyms <= 1
        and len(words) >= 2
        and any(len(word) >= _MIN_CAMEL_WORD for word in words)
        and all(_word(word.lower()) for word in words)
    )


def _word(token: str) -> bool:
    """Lower-case letters whose every adjacent pair is common in English words (``magic``,
    ``cli``, ``guides``): a word names a page; a code generator's letters do not read so."""
    if not (token.isalpha() and token.islower()):
        return False
    pairs, rare = _rare_pairs(token)
    return len(pairs) >= 2 and not rare


def _document_id(token: str) -> bool:
    """A few letters then a number of three digits or more (``PR54965``, ``p0466``,
    ``cwg1227``, ``rfc-9110``): how trackers and standards name their documents. A random code
    weaves its digits into the letters instead."""
    head = token.rstrip("0123456789")
    digits = len(token) - len(head)
    head = head.rstrip("-_")
    return digits >= 3 and 1 <= len(head) <= 5 and head.isalpha() and head.isascii()


def short_subdomain(host: str, name: str, suffix: str, shape: Shape) -> str:
    """The subdomain when it is one brands put short links on (``go``, ``on``, ``s`` ...)."""
    sub = host[: -len(name) - len(suffix) - 2]
    return sub if sub in shape.short_subdomains else ""


def opaque(token: str, shortest: int = 4) -> bool:
    """A random-looking code: ``shortest`` to 12 letters and digits, with digits woven into
    letters (two switches or more) or capitals mixed into lower case."""
    if not shortest <= len(token) <= 12 or not token.isalnum() or not token.isascii():
        return False
    switches = sum(1 for left, right in pairwise(token) if left.isdigit() != right.isdigit())
    inner_capital = any(a.islower() and b.isupper() for a, b in pairwise(token))
    return switches >= 2 or inner_capital or _mixed_case(token)


def _mixed_case(token: str) -> bool:
    """Capitals and lower case mixed otherwise than in a capitalised word (``1SFTp``, not
    ``Jane``)."""
    upper = sum(char.isupper() for char in token)
    lower = sum(char.islower() for char in token)
    return upper > 0 and lower > 0 and not (upper == 1 and token[0].isupper())


def _article(number: int) -> str:
    """ "an" before a number read with a vowel sound (8, 11, 18, 80 ...), else "a"."""
    return "an" if str(number).startswith("8") or number in (11, 18) else "a"


def evidence(feature: str, host: str, name: str, suffix: str, token: str) -> str:
    """A feature in the words of a finding's message."""
    kind = feature.partition(":")[0]
    if kind.startswith("name-length"):
        return f"{_article(len(name))} {len(name)}-character name"
    if kind.startswith("token-length"):
        return f"{_article(len(token))} {len(token)}-character code"
    tld = suffix.rpartition(".")[2]
    sub = host[: -len(name) - len(suffix) - 2]
    words = {
        "tld:word-hack": f"a short-link ending (.{tld})",
        "host:short-name+word-hack": f"a short name on a short-link ending ({name}.{tld})",
        "tld:country": f"a country domain (.{tld})",
        "tld:new": f"a new top-level domain (.{tld})",
        "tld:generic": f"a .{tld} domain",
        "name:says-short": "the name says it shortens",
        "code+name:says-short": "a random code on a name that says it shortens",
        "name:digit": "digits in the name",
        "name:no-vowel": "an abbreviated name",
        "sub:none": "no subdomain",
        "sub:short-link": f"a short-link subdomain ({sub}.)",
        "token:lower+digits": "letters mixed with digits",
        "token:upper+digits": "capitals mixed with digits",
        "token:lowerupper": "mixed case",
        "token:lowerupper+digits": "mixed case and digits",
        "token:inner-capital": "capitals inside the code",
        "token:digit-switches": "digits woven into letters",
        "token:no-vowel": "no vowels in the code",
        "token:consonant-run": "unpronounceable",
        "token:rare-pairs": "letters unlike words",
        "token:some-rare-pairs": "letters partly unlike words",
        "token:english-pairs": "letters like words",
        "path:letter-section": "a code under a one-letter section",
    }
    return words.get(feature, feature)
