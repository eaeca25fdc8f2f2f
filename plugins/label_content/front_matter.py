"""The YAML front matter of the news and pages, checked before Pelican reads them.

In: the content folder and its news and page folders (Pelican's ``PATH``, ``ARTICLE_PATHS``,
``PAGE_PATHS``). Out: ``Problems`` at the lines of the ``.md`` file itself, in French: a YAML
syntax error, a header that is not a table of fields, a missing, unknown or mistyped key, a date
without Paris's offset of that instant. Each header is decoded by the loader's own reader
against its declaration (``label_data.schema``: ``NEWS``, ``PAGE``), so a news item's date and
a palmarès embargo get the same rule and the same message. A file without a header (Pelican's
« Key: value » lines) is not checked here: Pelican reads it as before.

Why first: pelican-yaml-metadata only logs a bad header and goes on, and a news item would then
be published without its title or its date (and so without its embargo).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from label_data import schema
from label_data.problems import Location, Problem, Problems, display_path
from label_data.typo import NBSP
from label_data.yamlload import NULL_TAG, STR_TAG, Reader, compose_bytes

# The plugin's own pattern (pelican.plugins.yaml_metadata.HEADER_RE): a file it reads with a
# header is a file checked here, and no other.
HEADER_RE = re.compile(
    r"\s*^---$(?P<metadata>.+?)^(?:---|\.\.\.)$(?P<content>.*)", re.MULTILINE | re.DOTALL
)
OPENED_RE = re.compile(r"\s*^---$", re.MULTILINE)
MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")  # Pelican's MarkdownReader.file_extensions
# Text fields PyYAML would hand Pelican as another type when written without quotes.
_TEXTS = ("title", "summary")


def check_content(settings: Mapping[str, Any]) -> Problems:
    """Every problem of the front matters of the news and pages Pelican will read."""
    base = Path(settings["PATH"])
    ignored = settings.get("IGNORE_FILES") or []
    problems = Problems()
    for folders, kind in (("ARTICLE_PATHS", schema.NEWS), ("PAGE_PATHS", schema.PAGE)):
        for path in _markdown_files(base, settings.get(folders) or [], ignored):
            check_file(path, kind, problems)
    return _in_french(problems)


def _markdown_files(base: Path, folders: Iterable[str], ignored: list[str]) -> list[Path]:
    found = set()
    for folder in folders:
        for path in (base / folder).rglob("*"):
            rel = path.relative_to(base).as_posix()
            if path.suffix in MARKDOWN and path.is_file() and not _ignored(rel, ignored):
                found.add(path)
    return sorted(found)


def _ignored(rel: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(Path(rel).name, p) for p in patterns)


def check_file(path: Path, kind: schema.Mapping, problems: Problems) -> None:
    """The problems of one file's header, at the file's own lines."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # any line ending read as « \n »
    except UnicodeDecodeError as exc:
        problems.error(
            Location(shown, 1, 1),
            f"le fichier n’est pas en UTF-8 ({exc.reason}) : enregistrez-le en UTF-8",
        )
        return
    header = HEADER_RE.fullmatch(text)
    if header is None:
        opened = OPENED_RE.match(text)
        if opened:  # read as Markdown by the plugin: the header would show on the page
            line = text[: opened.end()].count("\n") + 1
            problems.error(
                Location(shown, line, 1),
                "l’en-tête YAML ouvert par « --- » n’est jamais fermé : ajoutez une ligne "
                "« --- » après son dernier champ, avant le texte",
            )
        return  # Pelican's « Key: value » lines, read by Pelican as before
    before = text[: header.start("metadata")]
    if not header.group("metadata").strip():
        line = before.count("\n") + 1
        problems.error(
            Location(shown, line, 1),
            f"l’en-tête YAML est vide : écrivez au moins {_required(kind)}",
        )
        return
    # Blank lines in place of what precedes the header: the parser's lines are the file's.
    padded = "\n" * before.count("\n") + header.group("metadata")
    root = compose_bytes(padded.encode("utf-8"), shown, problems)
    if root is None:
        return
    reader = Reader(shown, problems)
    if kind.decode(reader, root) is not None:
        _typed_texts(reader, root)


def _required(kind: schema.Mapping) -> str:
    return " et ".join(kind.required)


def _typed_texts(reader: Reader, root: yaml.MappingNode) -> None:
    """A title or a summary YAML would read as another type (yes, 2026, 1.10, a date): Pelican
    would show True, 2026, 1.1. The loader reads it as typed; Pelican does not."""
    for key, node in root.value:
        if key.value not in _TEXTS or not isinstance(node, yaml.ScalarNode):
            continue
        if not node.style and node.tag not in (STR_TAG, NULL_TAG):  # plain: no quotes
            reader.error(
                node,
                f"{key.value} « {node.value} » serait lu comme autre chose qu’un texte : "
                f'écrivez-le entre guillemets ({key.value}: "{node.value}")',
            )


def _in_french(problems: Problems) -> Problems:
    """No-break spaces before « : ; ! ? » and inside guillemets, as on the site's pages."""
    out = Problems()
    for p in problems.items:
        message = re.sub(r" ([:;!?»])", NBSP + r"\1", p.message).replace("« ", "«" + NBSP)
        out.items.append(Problem(p.where, message, p.severity))
    return out
