"""Stable URLs: the Netlify ``_redirects`` file for kits and panels that left the site.

In: the published view and the public files this build writes. Out: the text of
``/_redirects``, one ``from to 301`` line per kit or panel URL of a published edition that the
site no longer offers (kits and panel files exist for the last two editions only: which ones,
and which panels an edition gives, is ``label_data.offer``'s answer): a kit goes to its
collectivity's page (a kit under its former name without the year, to the kit itself while it
is offered), a national press kit to its palmarès, a panel to the panel of the same kind and
level the site offers now, else to its edition's palmarès. A link from a
commune's site, once published, keeps answering. Only the published view is read (R10).
"""

from __future__ import annotations

from collections.abc import Iterator

from label_data import urls
from label_data.offer import FORMATS, offered_years, panel_specs, panels_ever_offered
from label_data.view import PublishedView


def redirects(view: PublishedView) -> str:
    """The ``_redirects`` file (Netlify's format), sorted, one rule a line."""
    rules = dict(_kit_rules(view))
    rules.update(_panel_rules(view))
    return "".join(f"{source} {target} 301\n" for source, target in sorted(rules.items()))


def _kit_rules(view: PublishedView) -> Iterator[tuple[str, str]]:
    offered = set(offered_years(view))
    for year, edition in view.editions.items():
        if year not in offered:
            yield "/" + urls.national_kit(year), "/" + edition.url
        for lau in edition.laureates:
            t = view.territories[lau.territoire]
            kit = "/" + urls.kit(year, t.slug, t.code)
            target = kit if year in offered else "/" + t.url
            # The name kits had before it carried the year: to the kit while it is offered.
            yield "/" + urls.kit_without_year(year, t.slug, t.code), target
            if year not in offered:
                yield kit, target


def _panel_rules(view: PublishedView) -> Iterator[tuple[str, str]]:
    offered = {spec.stem: spec for spec in panel_specs(view)}
    current = {(s.kind, s.level, s.green): s for s in offered.values()}
    for spec in sorted(panels_ever_offered(view), key=lambda s: s.stem):
        if spec.stem in offered:
            continue
        now = current.get((spec.kind, spec.level, spec.green)) or current.get(
            (spec.kind, spec.level, False)
        )
        for fmt in FORMATS:
            target = "/" + (urls.panel(now.stem, fmt) if now else view.editions[spec.year].url)
            yield "/" + urls.panel(spec.stem, fmt), target
