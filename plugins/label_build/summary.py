"""The build's closing summary, in French: what was made, the output's size, time per stage."""

from __future__ import annotations

from pathlib import Path

from label_data.typo import number
from label_infra.progress import REPORT, directory_size

from .site_files import previous_site


def _fr(value: float, digits: int = 1) -> str:
    """French figures: « 52,3 », « 1 088 » (the one typography module's)."""
    return number(value, digits)


LABELS = {"pages": "dont pages tirées des données"}  # counts keep short keys for the bench


def site_totals(cache_dir: str | None, output: Path) -> tuple[int, int, int]:
    """Files, bytes and HTML pages of the site in ``output``: from the record its build left
    (every file it holds, with its size), else counted on disk (two walks of a national site
    cost a second and a half)."""
    site = previous_site(cache_dir, output)
    if site is None:
        return directory_size(str(output))
    sizes = [entry[1] for entry in site.files.values()]
    return len(sizes), sum(sizes), sum(name.endswith(".html") for name in site.files)


def summary(totals: tuple[int, int, int], total_seconds: float) -> str:
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
