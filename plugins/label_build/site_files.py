"""What a build writes, and who writes it: one writer per path, every path inside the output.

In: relative paths from the URL contract (``label_data.urls``) and the name of their writer.
Out: the absolute path to write (checked), and the record of the build's files, from which the
sitemap is made. A path that escapes the output directory, or that a second writer claims (an
editorial page whose slug is a data page's URL, two plugins), stops the build with a message
naming both writers. One instance per build, in Pelican's context under ``CONTEXT_KEY``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from label_data.problems import DataError, Location, Problems, display_path

CONTEXT_KEY = "label_files"
CONTENT_PREFIX = "content:"  # a writer that is an editorial file: the problem goes to its line


class SiteFileError(ValueError):
    """A write the URL contract forbids (a bug of ours, not of the data)."""


class SiteFiles:
    def __init__(self, output: Path):
        self.root = Path(output).resolve()
        self.writers: dict[str, str] = {}

    def claim(self, relative: str, writer: str) -> Path:
        """The absolute path of ``relative``, recorded as ``writer``'s."""
        # Pure path arithmetic, no file-system call: this runs for every file of the site, and
        # the staging directory holds no link of ours that could lead elsewhere.
        key = posixpath.normpath(relative) if relative else "."
        if key.startswith(("/", "../")) or key in (".", ".."):
            raise SiteFileError(
                f"{writer} écrirait {relative!r} hors du dossier du site ({self.root})"
            )
        previous = self.writers.setdefault(key, writer)
        if previous != writer:
            _collision(key, previous, writer)
        return self.root / key

    def write(self, relative: str, data: bytes | str, writer: str) -> Path:
        path = self.claim(relative, writer)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return path

    def record_tree(self, folder: Path, writer: str) -> None:
        """Record files another program wrote under ``folder`` (Pagefind's bundles)."""
        base = Path(folder).resolve().relative_to(self.root)
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                self.claim((base / path.relative_to(folder)).as_posix(), writer)

    def unrecorded(self) -> list[str]:
        """Files in the output that no writer declared (each one is a bug of ours)."""
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(key for key in found if key not in self.writers)

    def page_urls(self) -> list[str]:
        """The URL of every HTML page written (``x/index.html`` → ``x/``), sorted."""
        return sorted(key.removesuffix("index.html") for key in self.writers if _is_page(key))


def _is_page(key: str) -> bool:
    return key == "index.html" or key.endswith("/index.html")


def _collision(key: str, first: str, second: str) -> None:
    message = (
        f"/{key} aurait deux auteurs : {_name(first)} et {_name(second)}. Une adresse du site "
        "n’a qu’un fichier : changez le « Slug » (ou le nom) de la page éditoriale."
    )
    for writer in (first, second):
        if writer.startswith(CONTENT_PREFIX):
            problems = Problems()
            problems.error(
                Location(display_path(writer.removeprefix(CONTENT_PREFIX)), 1, 1), message
            )
            raise DataError(problems)
    raise SiteFileError(message)


def _name(writer: str) -> str:
    if writer.startswith(CONTENT_PREFIX):
        return display_path(writer.removeprefix(CONTENT_PREFIX))
    return writer


def files_in(context: Mapping[str, Any]) -> SiteFiles:
    return context[CONTEXT_KEY]
