"""Data problems: collected across all files, printed one a line, editor-clickable.

A problem names a file, a line and a column (1-based), says in French what is wrong and what
to do. Errors stop the build; warnings (e.g. R9, where the jury is sovereign) are printed only.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .typo import agree

ERROR = "erreur"
WARNING = "avertissement"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    where: Location
    message: str
    severity: str = ERROR

    @property
    def text(self) -> str:
        """The message as printed, without the place (« avertissement : … » for a warning)."""
        prefix = "avertissement : " if self.severity == WARNING else ""
        return f"{prefix}{self.message}"

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


def display_path(path: Path | str) -> str:
    """The path as staff typed it: relative to the working directory when inside it, with
    invisible characters spelled out and bytes that are not UTF-8 shown as \\xNN (printing
    them as they are would garble the terminal or stop the report)."""
    path = Path(path)
    try:
        text = os.path.relpath(path) if path.is_absolute() else str(path)
    except ValueError:  # another drive on Windows
        text = str(path)
    text = os.fsencode(text).decode("utf-8", "backslashreplace")
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


@dataclass
class Problems:
    """Collects problems from every stage, then reports them sorted."""

    items: list[Problem] = field(default_factory=list)

    def error(self, where: Location, message: str) -> None:
        self.items.append(Problem(where, message, ERROR))

    def warning(self, where: Location, message: str) -> None:
        self.items.append(Problem(where, message, WARNING))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    def lines(self) -> list[str]:
        return [str(p) for p in sorted(set(self.items))]

    def summary(self) -> str:
        n_err, n_warn = len(self.errors), len(self.warnings)
        parts = [_plural(n_err, "erreur", "erreurs")]
        if n_warn:
            parts.append(_plural(n_warn, "avertissement", "avertissements"))
        return " et ".join(parts) + "."


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {agree(n, one, many)}"  # a plain space: a terminal line, not a page


class DataError(Exception):
    """Raised when the data has errors; carries the problems for the reporter."""

    def __init__(self, problems: Problems):
        super().__init__(problems.summary())
        self.problems = problems
