"""The rules of the ``links`` check: ids, default severities and the words ``rules`` shows."""

from __future__ import annotations

from lint.finding import Rule, Severity

SHORTENER = Rule(
    "shortener",
    Severity.WARNING,
    "Link through a URL shortener",
    "A shortened link (bit.ly, t.co, tinyurl.com ...) hides where it goes: readers cannot see "
    "the destination before they click, link checkers cannot follow it, and the link dies with "
    "the shortening service. Links through a shortener that has shut down are dead already, and "
    "the message says so. Promotional pages use shorteners to hide referral codes. The list is "
    "the maintained public one, github.com/PeterDaveHello/url-shorteners (about 1,500 active "
    "and 1,100 defunct domains; CC BY-SA 4.0, shipped unchanged in "
    "lint/data/links/url-shorteners/ with its licence and source), plus the project's own "
    "additions in lint/data/links/shorteners.txt. To refresh it, clone the upstream repository "
    "and run `python scripts/refresh_shorteners.py PATH/TO/url-shorteners`. Not reported: the "
    "listed hosts in lint/data/links/not-shorteners.yaml whose links stay on the brand's own "
    "site or are chats and forms (youtu.be, t.me, aka.ms, eepurl.com ...), a service's own "
    "pages (its home page, files, /pages/ ...), and your `first-party-short-domains` and "
    "`allow-domains`; add more with `shorteners`. Link to the final URL instead.",
    "[Explore the platform](https://bit.ly/okx-bonus)  ->  link to the page itself",
)
LIKELY_SHORTENER = Rule(
    "likely-shortener",
    Severity.INFO,
    "Link that looks shortened",
    "A host no list knows, with one short code as the whole path (or under a one-letter "
    "section: /d/cSNyCNl) and no query, that a small "
    "model judges more likely than not to be a short link: it weighs the registered name's "
    "length, a 'domain hack' or country ending (.ly, .gd, .to, .su), a name that says it "
    "shortens (short, url, lnk, link, tiny ...), a short-link subdomain (go., on., s.), and "
    "the code's length, its mix of case and digits and whether its letters read like words "
    "(lint/checks/links/likely-shortener.json, trained by training/links/train.py). A "
    "short-link subdomain of a short name with an opaque code also counts, and so does a name "
    "coined for shortening (a shortening word and at most three more characters: tinyurl, "
    "gclnk) with a code or two (onelink.me/0H1s/3T23), or with any one segment when the name "
    "is shortening words only (urlshrt.co/lern). Numbers, versions, "
    "document ids (PR54965), user pages (/~name, /@name), files, a site's own sections "
    "(/about), links with a fragment, pastes, rooms and profiles, and long names are not "
    "codes, nor are words and hyphenated slugs (/magic, /learn-open-source): they name a "
    "page. The destination is hidden just the same; this is evidence, not proof, so it is "
    "reported at info with the three strongest features and the score in the message. Add "
    "the host to `shorteners` to make it a warning, or to `allow-domains` to silence it.",
    "https://kurlz.ru/LBjJE  ->  the page's own URL",
)
AFFILIATE = Rule(
    "affiliate",
    Severity.WARNING,
    "Affiliate link",
    "The link pays its author a commission on sales: it goes through an affiliate network or "
    "redirect host (Amazon short links, CJ, Awin, Impact, Rakuten, Skimlinks, ShareASale, "
    "TradeTracker, Daisycon, Admitad, A8.net, LTK, ShopMy ...), an Amazon creator storefront "
    "(/shop/<creator>), a network's click shape (/c/123/456/789), or carries an affiliate "
    "parameter (Amazon tag=, aff_id=, network click ids). Parameters that are affiliate only "
    "on one site, such as tag= on Amazon or campid= on eBay, count only there. The networks, "
    "each with the real links that test it, are data in lint/data/links/networks.yaml. "
    "Affiliate links are legitimate when disclosed; the finding names the network and what "
    "in the link showed it.",
    "https://www.amazon.com/dp/B08N5WRWNW?tag=deals-20",
)
REFERRAL = Rule(
    "referral",
    Severity.WARNING,
    "Referral or invite link with a code",
    "A sign-up or invite link that carries the author's referral code, so the author is paid "
    "when a reader signs up: programmes such as okx.com/join/CODE, m.do.co/c/CODE or Linode "
    "?r=CODE, and the generic shapes /invite/CODE, /r/CODE, /invite/u/NAME, ?ref=CODE, "
    "?referral_code=, ?via=NAME and a bot's start=ref_CODE. A code must look like a code: "
    "ref=homepage, a git ref or a site name is a source tag. Invites that pay nobody are left "
    "alone: chat and community invites (Discord, Slack, Zulip /join/), newsletter sign-ups, "
    "donation campaign codes, survey links (lint/data/links/networks.yaml, kind not-paid).",
    "https://www.okx.com/join/JAYHAO8  ->  disclose it, or link to the plain sign-up page",
)
UNDISCLOSED = Rule(
    "undisclosed",
    Severity.WARNING,
    "Monetised links without a disclosure",
    "The document earns from its links but never says so. Monetised means an affiliate or "
    "referral link, or a shortened link in a promotional call to action (its path or text "
    "says bonus, deal, offer, join, sign up ...), since a shortener is the usual way to hide a "
    "referral code. Advertising rules (such as the FTC Endorsement Guides) and search engines "
    "expect a clear disclosure near and before the links, such as 'This post contains "
    "affiliate links' or 'We may earn a commission'. Reported once, at the first such link; "
    "phrases are configurable in `disclosure-phrases`.",
    "[Claim your bonus](https://bit.ly/okx-bonus) with no 'affiliate link' anywhere",
)
LATE_DISCLOSURE = Rule(
    "late-disclosure",
    Severity.WARNING,
    "Disclosure only after the monetised links",
    "The document discloses its affiliate or referral links, but only after the first of "
    "them (typically in a footer). A reader who clicks early never sees it; a disclosure "
    "must come before the first monetised link or right next to it (within "
    "`disclosure-distance` characters). Reported once, at the first such link.",
    "[Buy it](https://amzn.to/3xYz) ... (end of post) As an Amazon Associate I earn ...",
)
MISSING_REL = Rule(
    "missing-rel",
    Severity.WARNING,
    'Affiliate link without rel="sponsored"',
    'Search engines ask that paid links say so with rel="sponsored" (rel="nofollow" is still '
    "accepted); unmarked affiliate links can cost a site its ranking. Applies to HTML <a> tags "
    "(also inline HTML in Markdown) whose link is affiliate or referral. The safe fix adds "
    'rel="sponsored nofollow", or extends an existing rel value, and changes nothing else in '
    "the tag.",
    '<a href="https://amzn.to/3xYz">  ->  <a href="https://amzn.to/3xYz" rel="sponsored nofollow">',
    "safe",
)
TRACKING = Rule(
    "tracking",
    Severity.INFO,
    "Tracking parameters in a link",
    "utm_*, fbclid, gclid, mc_eid and similar parameters follow readers across sites and "
    "make links long and unique; they are noise in published text. Parameters that are "
    "tracking only on one site (si= on YouTube, trk= on LinkedIn) count only there. The "
    "unsafe fix (--unsafe-fixes) removes just those parameters and keeps every other byte "
    "of the URL.",
    "https://example.com/post?id=7&utm_source=x  ->  https://example.com/post?id=7",
    "unsafe",
)

RULES = (
    SHORTENER,
    LIKELY_SHORTENER,
    AFFILIATE,
    REFERRAL,
    UNDISCLOSED,
    LATE_DISCLOSURE,
    MISSING_REL,
    TRACKING,
)
