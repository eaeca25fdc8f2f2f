"""The build's closing summary, in French: what was made, the output's size, time per stage."""

from __future__ import annotations

from label_data.typo import number
from label_infra.progress import REPORT


def _fr(value: float, digits: int = 1) -> str:
    """French figures: « 52,3 », « 1 088 » (the one typography module's)."""
    return number(value, digits)


LABELS = {"pages": "dont pages tirées des données"}  # counts keep short keys for the bench


def site_totals(files: dict[str, list]) -> tuple[int, int, int]:
    """Files, bytes and HTML pages of a site, from its record (each file's key, size, mtime):
    two walks of a national site's 38,000 files cost a second and a half."""
    return len(files), sum(entry[1] for entry in files.values()), sum(map(_is_page, files))


def _is_page(name: str) -> bool:
    return name.endswith(".html")


def summary(totals: tuple[int, int, int], total_seconds: float) -> str:
    """``totals``: the site's files, bytes and HTML pages."""
    files, size, pages = totals
    lines = ["Résumé de la construction :", f"  pages HTML : {_fr(pages, 0)}"]
    for what, n in REPORT.counts.items():
        lines.append(f"  {LABELS.get(what, what)} : {_fr(n, 0)}")
    lines.append(f"  fichiers écrits : {_fr(files, 0)}, {_fr(size / 1e6)}\u00a0Mo")
    for name, seconds in REPORT.stages.items():
        lines.append(f"  {name} : {_fr(seconds)}\u00a0s")
    # Pelican's own work (reading, pages, feeds, search index) is not a named stage.
    rest = total_seconds - sum(REPORT.stages.values())
    if REPORT.stages and rest > 0:
        lines.append(f"  le reste (Pelican, flux, données ouvertes, badges) : {_fr(rest)}\u00a0s")
    lines.append(f"  total : {_fr(total_seconds)}\u00a0s")
    return "\n".join(lines)
