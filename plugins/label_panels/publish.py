"""Which panels the public site offers (R11), and their files, cached by content hash.

In: the published view. Out: the ``PanelSpec`` of every « kind · level · year » awarded in the
current or the previous published edition, the green-@ variant where a laureate of that kind,
level and year holds the transition écologique mention (R8), and the 5 @ a « Territoire
d'excellence numérique » title carries (R9). Older levels are drawn on pages, not as files.
"""

from __future__ import annotations

from functools import lru_cache

from label_data.view import Label, PublicTerritory, PublishedView
from label_infra.cache import FileCache
from label_infra.digests import digest

from .render import PanelSpec, charter_digest, load_charter, render_all

FORMATS = (
    ".svg",
    ".png",
    "-impression.png",
    ".pdf",
    "-traits-de-coupe.pdf",
    "-fiche-technique.txt",
)


def spec_for(territory: PublicTerritory, label: Label) -> PanelSpec:
    return PanelSpec(territory.type, label.arobases, label.annee, label.verte)


def panel_specs(view: PublishedView) -> list[PanelSpec]:
    years = sorted(view.editions)[-2:]
    specs: set[PanelSpec] = set()
    for year in years:
        for lau in view.editions[year].laureates:
            territory = view.territories[lau.territoire]
            specs.add(PanelSpec(territory.type, lau.label.arobases, year))
            if lau.label.verte:
                specs.add(spec_for(territory, lau.label))
    for territory in view.territories.values():
        if territory.current is not None:
            specs.add(spec_for(territory, territory.current.label))
    return sorted(specs, key=lambda s: s.stem)


@lru_cache(maxsize=1)
def _charter():
    charter = load_charter()
    return charter, charter_digest(charter)


def panel_files(spec: PanelSpec, cache_dir: str | None) -> dict[str, bytes]:
    """Every format of one panel, from the cache when the charter, font and spec are unchanged."""
    charter, charter_key = _charter()
    cache = FileCache(cache_dir, "panneaux")
    names = [spec.stem + suffix for suffix in FORMATS]
    rendered: dict[str, bytes] = {}

    def make(name: str) -> bytes:
        if not rendered:
            rendered.update(render_all(spec, charter))
        return rendered[name]

    return {
        name: cache.get_or_make(digest([charter_key, name]), lambda n=name: make(n))
        for name in names
    }
