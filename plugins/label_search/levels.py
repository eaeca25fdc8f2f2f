"""Which collectivities hold each level and each edition, for the search page's action filters.

In: the published view. Out: a small JSON text, ``{"niveau": {"4 @": [codes]}, "edition":
{"2026": [codes]}}``, written to ``urls.SEARCH_LABELS``; the codes are the values of the action
pages' ``territoire`` filter (the collectivity's INSEE code or SIREN, lower case).

Why: a collectivity's level and editions change at every ceremony. Carried by each action
page as filters, they changed the indexed text of every action and re-indexed both action
bundles (~9.5 s each at national scale, issue #14). Action pages now carry only stable fields;
when a visitor picks a level or an edition, theme/static/js/search.js fetches this file (once)
and narrows the actions to those collectivities' codes. The collectivity pages keep their own
``niveau`` and ``edition`` filters: the values here are theirs, so the two lists agree.
"""

from __future__ import annotations

import json

from label_data.view import PublicTerritory, PublishedView
from label_data.words import level_short

FILTER = "territoire"  # the action pages' filter these codes are values of


def territory_key(t: PublicTerritory) -> str:
    """The ``territoire`` filter value of a collectivity's actions: its code alone (a
    postcode may equal another commune's INSEE code, so the ``code`` filter would not do)."""
    return t.code.lower()


def label_codes(view: PublishedView) -> dict[str, dict[str, list[str]]]:
    """Level (as the ``niveau`` filter writes it) and edition year → sorted codes."""
    levels: dict[str, set[str]] = {}
    editions: dict[str, set[str]] = {}
    for t in view.territories.values():
        if not t.actions:  # nothing to narrow: keeps the file small
            continue
        key = territory_key(t)
        if t.current:
            levels.setdefault(level_short(t.current.label.arobases), set()).add(key)
        for label in t.labels:
            editions.setdefault(str(label.annee), set()).add(key)
    return {
        "niveau": {k: sorted(v) for k, v in sorted(levels.items())},
        "edition": {k: sorted(v) for k, v in sorted(editions.items())},
    }


def label_codes_json(view: PublishedView) -> str:
    """The file's text: compact, keys sorted (reproducible bytes)."""
    return json.dumps(label_codes(view), ensure_ascii=False, separators=(",", ":"))
