"""The check as it would judge a link whose host no list or entry names.

The project is scored on links it has never seen, through shorteners and programmes named
nowhere in its data. ``unnamed(lexicon, host)`` is the lexicon less everything that names
``host`` or a parent domain of it: the shortener lists, the listed hosts that are not
shorteners, the networks and programmes on that host. What still decides such a link is
the evidence that generalises: the any-host shapes of ``networks.yaml`` and the shape of a
short link. Judging every labelled URL this way (``benchmarks/links_quality.py --unnamed``)
measures that evidence on its own.
"""

from __future__ import annotations

from dataclasses import replace

from lint.checks.links.domains import parents
from lint.checks.links.lexicon import Lexicon


def unnamed(lexicon: Lexicon, host: str) -> Lexicon:
    """``lexicon`` without any entry for ``host`` or its parent domains."""
    names = set(parents(host))
    return replace(
        lexicon,
        shorteners={k: v for k, v in lexicon.shorteners.items() if k not in names},
        not_shorteners={k: v for k, v in lexicon.not_shorteners.items() if k not in names},
        by_host={k: v for k, v in lexicon.by_host.items() if k not in names},
        shape=replace(lexicon.shape, not_shorteners=lexicon.shape.not_shorteners - names),
    )
