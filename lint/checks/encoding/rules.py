"""What the encoding check reports."""

from __future__ import annotations

from lint.finding import Rule, Severity

RULES = (
    Rule(
        "mojibake",
        Severity.WARNING,
        "Text decoded with the wrong encoding (mojibake), such as â€” for —.",
        "UTF-8 text that was decoded as Windows-1252 or Latin-1 turns every non-ASCII character "
        "into two to four wrong ones: â€™ for ’, Ã© for é, ðŸ‘‰ for 👉. Readers see garbage, "
        "search engines index it, and it spreads when the text is copied again. The fix re-encodes "
        "each broken run exactly (with ftfy restricted to encoding repair) and leaves every other "
        "character alone: curly quotes, accents, CJK text and emoji that are already right are never "
        "changed. A character whose last byte was lost before publication (â€ at the end of a "
        "line, an emoji cut short before a space) is reported without a fix, since the repair "
        "would have to guess; what is left of a character lost as U+FFFD becomes that U+FFFD.",
        "It was a revolutionary moveâ€”one that ðŸ‘‰ changed trading.",
        "safe",
    ),
    Rule(
        "replacement-char",
        Severity.WARNING,
        "U+FFFD REPLACEMENT CHARACTER: a character was lost in an earlier conversion.",
        "The character � is what a decoder writes when it meets bytes it cannot read. The original "
        "character is gone; only the source can restore it, so this is reported, never fixed.",
        "The caf� on the corner.",
    ),
    Rule(
        "invalid-utf8",
        Severity.ERROR,
        "The file is not valid UTF-8; it is reported, never rewritten.",
        "contentlint reads files as UTF-8 (or UTF-16 with a byte-order mark). A file in another "
        "encoding (Windows-1252, Latin-1, Shift-JIS ...) is reported with the offset of the first "
        "byte that is not UTF-8 and the encoding it most likely is; convert it to UTF-8 (for example "
        "`iconv -f cp1252 -t utf-8`). It is never rewritten, and no other check runs on it.",
        "caf\\xe9 (a Latin-1 byte)",
    ),
    Rule(
        "control-char",
        Severity.WARNING,
        "An invisible control, zero-width or bidirectional-override character inside prose.",
        "C0 and C1 control characters, zero-width spaces and joiners, and bidirectional embedding, "
        "override and isolate characters are invisible but change how text is searched, copied, "
        "wrapped and displayed; bidi overrides can make text read differently from what it is. They "
        "are left alone where the script needs them: left-to-right and right-to-left marks and bidi "
        "controls on lines with Hebrew or Arabic text, zero-width non-joiners between letters of "
        "scripts that use them, and the zero-width joiner in emoji sequences (configurable). "
        "Removing them is an unsafe fix (--unsafe-fixes).",
        "Pay\u200bPal (a zero-width space between the halves)",
        "unsafe",
    ),
    Rule(
        "html-entity",
        Severity.WARNING,
        "An HTML entity such as &amp; or &#8217; left in plain text.",
        "In a plain-text file an entity is not markup: readers see the literal &amp; or &#8217;. "
        "It is a leftover of copying from HTML. The fix writes the character it stands for. "
        "Markdown and HTML files are left alone, since entities are legal there "
        "(entities-in-markdown turns the Markdown check on).",
        "Terms &amp; conditions apply; it&#8217;s free.",
        "safe",
    ),
)
