"""The build's closing summary, in French: what was made, the output's size, time per stage."""

from __future__ import annotations

from label_data.typo import number
from label_infra.progress import REPORT, directory_size


def _fr(value: float, digits: int = 1) -> str:
    """French figures: « 52,3 », « 1 088 » (the one typography module's)."""
    return number(value, digits)


LABELS = {"pages": "dont pages tirées des données"}  # counts keep short keys for the bench


def summary(output: str, total_seconds: float) -> str:
    files, size, pages = directory_size(output)
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
