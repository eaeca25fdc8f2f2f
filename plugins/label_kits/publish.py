"""Which kits the site offers (R12) and their bytes, cached by a hash of their inputs.

In: the published view. Out: a ``KitSubject`` for every laureate of the current and the
previous published edition (showing last year's label is allowed), a ``NationalEdition`` for
each of those editions, and the zips, made once per distinct input and kept in ``CACHEDIR``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from label_data.offer import PanelSpec, offered_years, spec_for
from label_data.view import PublicEdition, PublishedView
from label_infra.cache import FileCache
from label_infra.code import code_digest
from label_infra.digests import digest, file_digest
from label_panels.publish import panel_files

from .national import build_national_kit_zip
from .subject import KitSubject, NationalEdition
from .zipkit import build_kit_zip


@lru_cache(maxsize=1)
def renderer_digest() -> str:
    """The kits' makers' code and libraries (``label_infra.code``: the panels' renderer, the
    typography, python-docx, ReportLab, Pillow included) and their fonts: new ones, new kits."""
    from .subject import FONT_BOLD, FONT_REGULAR

    makers = code_digest(build_kit_zip, build_national_kit_zip)
    return digest([makers, file_digest(FONT_REGULAR), file_digest(FONT_BOLD)])


def subjects(view: PublishedView, domain: str) -> list[tuple[KitSubject, PanelSpec]]:
    out = []
    for year in offered_years(view):
        edition = view.editions[year]
        for lau in edition.laureates:
            t = view.territories[lau.territoire]
            counted = sum(1 for a in t.actions if view.actions[a].counts_for(year))
            before = [lab for lab in t.labels if lab.annee < year]
            subject = KitSubject(
                code=t.code,
                nom=t.nom,
                slug=t.slug,
                kind=t.type,
                level=lau.label.arobases,
                year=year,
                mentions=tuple(m.nom for m in lau.label.mentions),
                green=lau.label.verte,
                excellence=lau.label.excellence,
                actions_counted=counted,
                departement=_name(view.departements, t.departement),
                region=_name(view.regions, t.region),
                page_url=f"{domain}/{t.url}",
                ceremony_date=edition.ceremonie_date,
                ceremony_place=edition.ceremonie_lieu,
                previous_level=lau.previous.arobases if lau.previous else None,
                change=lau.change,
                last_label=(before[-1].annee, before[-1].arobases) if before else None,
                actions_published=len(t.actions),
                consecutive_years=_in_a_row(view, {lab.annee for lab in t.labels}, year),
            )
            out.append((subject, spec_for(t, lau.label)))
    return out


def _in_a_row(view: PublishedView, labelled: set[int], year: int) -> int:
    """How many published editions in a row, up to ``year``, labelled the collectivity."""
    count = 0
    for edition in sorted((y for y in view.editions if y <= year), reverse=True):
        if edition not in labelled:
            break
        count += 1
    return count


def by_panel(jobs: Iterable[tuple[KitSubject, PanelSpec]]) -> list[tuple[KitSubject, PanelSpec]]:
    """The kit jobs ordered by panel, stably: the kits that show one panel then follow each
    other in a worker, which decodes and scales that panel once for all of them (the images'
    caches hold a few panels), not once per kit."""
    return sorted(jobs, key=lambda job: job[1].stem)


def national_edition(view: PublishedView, edition: PublicEdition, domain: str) -> NationalEdition:
    previous = view.editions.get(edition.previous) if edition.previous else None
    names = {lau.territoire: view.territories[lau.territoire].nom for lau in edition.laureates}
    changes = [lau.change for lau in edition.laureates]
    return NationalEdition(
        year=edition.annee,
        ceremony_date=edition.ceremonie_date,
        ceremony_place=edition.ceremonie_lieu,
        counts_by_level=edition.counts_by_level,
        counts_by_kind=edition.counts_by_kind,
        previous_counts_by_level=previous.counts_by_level if previous else None,
        previous_counts_by_kind=previous.counts_by_kind if previous else None,
        newcomers=changes.count("nouveau"),
        promoted=changes.count("hausse"),
        demoted=changes.count("baisse"),
        returns=changes.count("retour"),
        left=len(edition.not_relabelled),
        carried=[view.territories[c].nom for c in edition.carried],
        mentions=[
            (m.nom, [names[lau.territoire] for lau in edition.laureates if m in lau.label.mentions])
            for m in edition.mentions
        ],
        excellence=[names[lau.territoire] for lau in edition.laureates if lau.label.excellence],
        top_laureates=[
            names[lau.territoire] for lau in edition.laureates if lau.label.arobases == 5
        ],
        site_url=domain,
    )


def _name(areas, code: str | None) -> str:
    return areas[code].nom if code in areas else ""


def kit_key(subject: KitSubject, panels: dict[str, bytes]) -> str:
    """What a kit is made from: its subject, its panels' bytes, the makers' code and fonts."""
    panel_digests = (hashlib.sha256(panels[n]).hexdigest() for n in sorted(panels))
    return digest([renderer_digest(), repr(subject), *panel_digests])


def kit_file(subject: KitSubject, spec: PanelSpec, cache_dir: str | None) -> Path | bytes:
    """The kit's zip in the cache (its path, to be linked), or its bytes without a cache."""
    panels = panel_files(spec, cache_dir)
    key = kit_key(subject, panels)
    return FileCache(cache_dir, "kits").file_or_bytes(key, lambda: build_kit_zip(subject, panels))


def national_kit_bytes(
    edition: NationalEdition, palmares_csv: bytes, specs: Iterable[PanelSpec], cache_dir: str | None
) -> bytes:
    panels: dict[str, bytes] = {}
    for spec in specs:
        panels.update(panel_files(spec, cache_dir))
    key = digest(
        [
            renderer_digest(),
            repr(edition),
            palmares_csv,
            *(hashlib.sha256(panels[n]).hexdigest() for n in sorted(panels)),
        ]
    )
    return FileCache(cache_dir, "kits").get_or_make(
        key, lambda: build_national_kit_zip(edition, palmares_csv, panels)
    )
