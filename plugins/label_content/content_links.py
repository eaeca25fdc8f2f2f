"""Internal links of the editorial content, checked against the site the build just wrote.

In: the content directory (Markdown of ``content/``), the built output directory, the site's
domain. Out: a ``Problems`` with one error per link to a page this build does not produce, at
the Markdown file's line and column. Editorial pages are written once for every dataset, so a
link to a page of one dataset (a demo town, an action) would break on another one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from label_data.problems import Location, Problems, display_path
from label_data.typo import instant

from .dated import Dated

# Markdown inline links and images `](target "title")`, and HTML href/src attributes.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|\b(?:href|src)\s*=\s*[\"']([^\"']+)[\"']")


def check_content_links(
    content: Path, output: Path, domain: str, held: Iterable[Dated] = ()
) -> Problems:
    """Every root-relative or on-domain link of ``content/**/*.md`` must resolve in ``output``.
    ``held``: the news and pages under embargo (label_content.dated), not written by this build:
    their own links wait for their date, and a link to one of them says why it is missing."""
    problems = Problems()
    waiting = {item.source: item for item in held}
    by_page = {item.page: item for item in waiting.values()}
    for source in sorted(content.rglob("*.md")):
        if source.relative_to(content).as_posix() in waiting:
            continue
        for line_no, column, target in _links(source):
            path = _site_path(target, domain)
            if path is not None and not _answers(output, path):
                where = Location(display_path(source), line_no, column)
                problems.error(where, _missing(target, by_page.get(path)))
    return problems


def _missing(target: str, held: Dated | None) -> str:
    if held is not None:
        return (
            f"lien interne vers « {target} » : {held.name} est sous embargo jusqu’au "
            f"{instant(held.instant)} et n’existe pas encore sur le site. Retirez le lien "
            "jusque-là, ou datez cette page à la même heure ou après"
        )
    return (
        f"lien interne vers « {target} » : aucune page de ce site ne porte cette "
        "adresse. Corrigez le lien, ou liez une page qui existe quelles que soient "
        "les données (par exemple /palmares/ ou /departements/)."
    )


def _links(source: Path):
    text = source.read_text(encoding="utf-8")
    for line_no, line in enumerate(text.splitlines(), start=1):
        for match in _LINK.finditer(line):
            group = 1 if match.group(1) is not None else 2
            yield line_no, match.start(group) + 1, match.group(group)


def _site_path(target: str, domain: str) -> str | None:
    """The path on this site a link points to, or None for another site, a mail, an anchor."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        own = urlsplit(domain)
        if (parts.scheme, parts.netloc) != (own.scheme, own.netloc) or not own.netloc:
            return None
    elif not parts.path.startswith("/"):
        return None  # relative links and {filename} links are Pelican's to resolve
    return unquote(parts.path or "/")


def _answers(output: Path, path: str) -> bool:
    """Whether the built site serves ``path``: the file, or the folder's index.html."""
    relative = path.lstrip("/")
    candidate = (output / relative).resolve()
    if not candidate.is_relative_to(output.resolve()):
        return False
    if path.endswith("/"):
        return (candidate / "index.html").is_file()
    return candidate.is_file() or (candidate / "index.html").is_file()
