"""What the site offers of each published edition: panel files (R11), kits (R12), share images.

In: the published view. Out: the ``PanelSpec`` (kind, level, year, green @) of every panel file
the site offers now or ever offered, the suffixes of a panel's files, and whether a
collectivity's current label has its kit (and so its own share image). Pages, redirects,
panels and kits all ask here, so the page that links a file and the plugin that writes it can
never disagree. Which editions: ``rules.shown_years`` (the current and the previous one).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import KINDS
from .public import Label, PublicTerritory, PublishedView
from .rules import shown_years, title_until
from .typo import NBSP
from .words import kind_title

MAX_LEVEL = 5  # R2: from 1 to 5 @

# The files of one panel, by what follows its stem (DATA_FORMAT.md, « Public URLs »).
SVG = ".svg"  # the vector master
WEB_PNG = ".png"  # the web image (the charter's web width)
PRINT_PNG = "-impression.png"
PDF = ".pdf"  # print: CMYK, real size, bleed
CROP_PDF = "-traits-de-coupe.pdf"  # the same with crop marks
SHEET = "-fiche-technique.txt"  # for the sign maker
FORMATS = (SVG, WEB_PNG, PRINT_PNG, PDF, CROP_PDF, SHEET)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class PanelSpec:
    """What a panel shows: « <kind> Internet », ``level`` @ (R2), the ``year``, a green @ (R8)."""

    kind: str
    level: int
    year: int
    green: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown panel kind {self.kind!r}, expected one of {KINDS}")
        if not _is_int(self.level) or not 1 <= self.level <= MAX_LEVEL:
            raise ValueError(f"panel level must be 1 to {MAX_LEVEL}, got {self.level!r}")
        if not _is_int(self.year) or not 1000 <= self.year <= 9999:
            raise ValueError(f"panel year must have four digits, got {self.year!r}")

    @property
    def stem(self) -> str:
        """The public file name stem (DATA_FORMAT.md): ``ville-internet-4-2026[-verte]``."""
        return f"{self.kind}-internet-{self.level}-{self.year}" + ("-verte" if self.green else "")

    @property
    def label(self) -> str:
        """What the panel says, in French, for alt texts and document titles."""
        plural = "s" if self.level > 1 else ""
        count = f"{self.level}{NBSP}arobase{plural}"
        if self.green:
            mention = "transition écologique"
            count += (
                f" dont une arobase verte ({mention})" if self.level > 1 else f" verte ({mention})"
            )
        return f"{kind_title(self.kind)}, {count}, {self.year}"


def spec_for(territory: PublicTerritory, label: Label) -> PanelSpec:
    """The panel of a collectivity's label: its kind, level, year and green @."""
    return PanelSpec(territory.type, label.arobases, label.annee, label.verte)


def offered_years(view: PublishedView) -> list[int]:
    """The published editions whose panel files and kits the site offers (R11, R12)."""
    return shown_years(view.editions)


def edition_panels(view: PublishedView, year: int) -> set[PanelSpec]:
    """The panels an edition gives: each level it awarded, of each kind, and its green
    variant where a laureate holds the transition écologique mention (R8)."""
    specs: set[PanelSpec] = set()
    for lau in view.editions[year].laureates:
        territory = view.territories[lau.territoire]
        specs.add(PanelSpec(territory.type, lau.label.arobases, year))
        if lau.label.verte:
            specs.add(spec_for(territory, lau.label))
    return specs


def panel_specs(view: PublishedView) -> list[PanelSpec]:
    """Every panel the site offers as files, by stem: those of the offered editions, and the
    5 @ a « Territoire d'excellence numérique » title carries now (R9)."""
    specs: set[PanelSpec] = set()
    for year in offered_years(view):
        specs |= edition_panels(view, year)
    for territory in view.territories.values():
        if territory.current is not None:
            specs.add(spec_for(territory, territory.current.label))
    return sorted(specs, key=lambda s: s.stem)


def panels_ever_offered(view: PublishedView) -> set[PanelSpec]:
    """Every panel a published edition gave, when it was one of the offered editions: each
    level awarded, its green variant (R8), and the 5 @ an excellence title carried (R9)."""
    specs: set[PanelSpec] = set()
    for year in view.editions:
        specs |= edition_panels(view, year)
    for t in view.territories.values():
        for label in t.labels:
            if label.excellence:
                covered = range(label.annee, title_until(label.annee) + 1)
                specs.update(PanelSpec(t.type, 5, y) for y in covered if y in view.editions)
    return specs


def kit_label(view: PublishedView, t: PublicTerritory) -> Label | None:
    """The label whose kit the site offers the collectivity (R12), which its page links and
    whose social image it shares: its current label, won in an offered edition (none for the
    5 @ an excellence title carries: it did not win that edition)."""
    current = t.current
    if current is None or current.carried or current.label.annee not in offered_years(view):
        return None
    if not any(lau.territoire == t.code for lau in view.editions[current.label.annee].laureates):
        return None
    return current.label
