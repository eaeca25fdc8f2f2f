"""The scalar field types of the schema: one value each (a text, a code, a number, a date…).

In: a YAML node (``decode``, problems at its line through a ``Reader``) or a plain Python value
(``check``). Out: the decoded value or a French message. ``FieldType`` is the base every type
of ``label_data.fieldtypes`` derives from, and ``Field`` the declaration of one key (here, so
that this module needs nothing of ``fieldtypes``); the composite types (a list, a mapping, a
table) are there, and ``fieldtypes`` re-exports these, the name the rest of the code imports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from .yamlload import (
    ID_MAX,
    NAME_MAX,
    URL_MAX,
    Reader,
    ident_problem,
    shown,
    text_problem,
)

Node = yaml.Node
FILENAME_RE = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]*\Z")  # a photo's file name


class FieldType:
    """How one value is read from a YAML node (``decode``, problems at the node's line) and
    checked as a plain Python value (``check``: the importers, before they write)."""

    doc = "value"

    def decode(self, r: Reader, node: Node, what: str) -> Any:
        raise NotImplementedError

    def check(self, value: Any, what: str) -> str | None:
        return None

    def problems(self, value: Any, path: str) -> Iterator[tuple[str, str]]:
        """(path, message) for each problem of a plain value; the path names the field."""
        message = self.check(value, path.rsplit(".", 1)[-1])
        if message:
            yield path, message

    def fields(self) -> Sequence[Field]:
        """Nested fields, for the docs test (a mapping's, or a list's items')."""
        return ()


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its type, whether it is required, private (never published),
    its meaning (English, one line), how messages name it when not by its key, and how the web
    editor shows it to staff (``title``, ``help``: French, see ``label_admin``)."""

    name: str
    type: FieldType
    required: bool = False
    private: bool = False
    meaning: str = ""
    label: str | None = None
    title: str = ""
    help: str = ""

    @property
    def what(self) -> str:
        return self.label or self.name


def _not_text(value: Any, what: str) -> str | None:
    return None if isinstance(value, str) else f"{what} doit être un texte (lu : « {value} »)"


class Text(FieldType):
    """One line of at most ``limit`` characters, or a long text when ``multiline``."""

    doc = "text"

    def __init__(self, limit: int = NAME_MAX, multiline: bool = False):
        self.limit, self.multiline = limit, multiline

    def decode(self, r: Reader, node: Node, what: str) -> str | None:
        return r.text(node, what, limit=self.limit, multiline=self.multiline)

    def check(self, value: Any, what: str) -> str | None:
        return _not_text(value, what) or text_problem(
            value, what, limit=self.limit, multiline=self.multiline
        )


class Code(Text):
    """A code (INSEE, SIREN, département): text as typed, leading zeros kept. ``pattern``: what
    such a code looks like (``label_data.codes``), which the rules check across files and the
    web editor checks as it is typed."""

    doc = "code"

    def __init__(self, pattern: re.Pattern | None = None, example: str = "") -> None:
        super().__init__(ID_MAX)
        self.pattern, self.example = pattern, example

    def decode(self, r: Reader, node: Node, what: str) -> str | None:
        return r.code(node, what)


class Ident(FieldType):
    """An id that becomes a path: lower case ASCII, digits, dashes (``IDENT_RE``)."""

    doc = "id"

    def decode(self, r: Reader, node: Node, what: str) -> str | None:
        return r.ident(node, what)

    def check(self, value: Any, what: str) -> str | None:
        return _not_text(value, what) or ident_problem(value, what)


class FileName(Text):
    """A file name, never a path (no « / », no « .. » in front)."""

    doc = "file name"

    def __init__(self) -> None:
        super().__init__(ID_MAX)

    def decode(self, r: Reader, node: Node, what: str) -> str | None:
        value = super().decode(r, node, what)
        problem = None if value is None else self._name(value)
        if problem:
            r.error(node, problem)
            return None
        return value

    def check(self, value: Any, what: str) -> str | None:
        return super().check(value, what) or self._name(value)

    @staticmethod
    def _name(value: str) -> str | None:
        if FILENAME_RE.match(value):
            return None
        return (
            f"nom de fichier « {shown(value)} » invalide : lettres sans accents, chiffres, "
            "points, tirets, sans dossier (par exemple bordeaux-2025.jpg)"
        )


class PhotoFile(FileName):
    """A photo's file name: a JPEG, PNG or WebP image (the build resizes it)."""

    doc = "image file name"
    TYPES = (".jpg", ".jpeg", ".png", ".webp")

    @staticmethod
    def _name(value: str) -> str | None:
        problem = FileName._name(value)
        if problem is None and not value.lower().endswith(PhotoFile.TYPES):
            return f"photo « {shown(value)} » : format JPEG, PNG ou WebP attendu"
        return problem


class Int(FieldType):
    """An integer, within ``low``..``high`` when given."""

    doc = "integer"

    def __init__(self, low: int | None = None, high: int | None = None):
        self.low, self.high = low, high

    def decode(self, r: Reader, node: Node, what: str) -> int | None:
        value = r.integer(node, what)
        problem = None if value is None else self._range(value, what)
        if problem:
            r.error(node, problem)
            return None
        return value

    def check(self, value: Any, what: str) -> str | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{what} doit être un nombre entier (lu : « {value} »)"
        return self._range(value, what)

    def _range(self, value: int, what: str) -> str | None:
        if self.low is None or self.high is None or self.low <= value <= self.high:
            return None
        return f"{what} doit être un entier de {self.low} à {self.high} (lu : {value})"


class Number(FieldType):
    doc = "number"

    def decode(self, r: Reader, node: Node, what: str) -> float | None:
        return r.number(node, what)

    def check(self, value: Any, what: str) -> str | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return None
        return f"{what} doit être un nombre (lu : « {value} »)"


class Bool(FieldType):
    doc = "true/false"

    def decode(self, r: Reader, node: Node, what: str) -> bool | None:
        return r.boolean(node, what)

    def check(self, value: Any, what: str) -> str | None:
        if isinstance(value, bool):
            return None
        return f"{what} doit valoir true ou false (lu : « {value} »)"


class Date(FieldType):
    doc = "date"

    def decode(self, r: Reader, node: Node, what: str) -> dt.date | None:
        return r.date(node, what)

    def check(self, value: Any, what: str) -> str | None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return None
        return f"{what} doit être une date AAAA-MM-JJ (lu : « {value} »)"


class Instant(FieldType):
    doc = "instant with UTC offset"

    def decode(self, r: Reader, node: Node, what: str) -> dt.datetime | None:
        return r.instant(node, what)

    def check(self, value: Any, what: str) -> str | None:
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return None
        return f"{what} doit être un instant AAAA-MM-JJTHH:MM:SS+01:00 (lu : « {value} »)"


class ShapedText(Text):
    """Text that must have a shape (an e-mail address, a web address): ``shape_problem``
    says what is wrong, the same message when the loader reads it and the importers check it."""

    def decode(self, r: Reader, node: Node, what: str) -> str | None:
        value = super().decode(r, node, what)
        problem = None if value is None else self.shape_problem(value, what)
        if problem:
            r.error(node, problem)
            return None
        return value

    def check(self, value: Any, what: str) -> str | None:
        return super().check(value, what) or self.shape_problem(value, what)

    def shape_problem(self, value: str, what: str) -> str | None:
        raise NotImplementedError


class Email(ShapedText):
    """An e-mail address a visitor can write to (a ``mailto:`` link is made of it)."""

    doc = "e-mail"
    PATTERN = re.compile(r'[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>".]+')

    def shape_problem(self, value: str, what: str) -> str | None:
        if self.PATTERN.fullmatch(value):
            return None
        example = "comme contact@exemple.fr"
        return f"adresse électronique attendue pour {what}, {example} (lu : « {value} »)"


class Url(ShapedText):
    """A web address, ``https://…`` (``http://`` still read)."""

    doc = "URL"

    def __init__(self) -> None:
        super().__init__(URL_MAX)

    def shape_problem(self, value: str, what: str) -> str | None:
        if value.startswith(("https://", "http://")):
            return None
        return f"adresse web attendue pour {what}, commençant par https:// (lu : « {value} »)"


class Choice(Text):
    """One word of a fixed list; ``message`` names the list (``{value}``: the word read)."""

    def __init__(self, values: Sequence[str], message: str, names: dict[str, str] | None = None):
        super().__init__()
        self.values, self.message = tuple(values), message
        self.names = names or {}  # how the web editor lists each value, in French
        self.doc = ", ".join(f"`{v}`" for v in values)

    def decode(self, r: Reader, node: Node, what: str) -> str | None:
        value = super().decode(r, node, what)
        if value is not None and value not in self.values:
            r.error(node, self.message.format(value=value))
            return None
        return value

    def check(self, value: Any, what: str) -> str | None:
        problem = super().check(value, what)
        if problem or value in self.values:
            return problem
        return self.message.format(value=value)


class Ref(FieldType):
    """A reference to an entry of another kind (``kind``): read as ``base`` reads it; whether
    the entry exists is a rule across files (``label_data.rules``)."""

    def __init__(self, kind: str, base: FieldType):
        self.kind, self.base = kind, base
        self.doc = f"{kind} id"
        self.decode = base.decode  # type: ignore[method-assign]  # one call less per value

    def decode(self, r: Reader, node: Node, what: str) -> Any:
        return self.base.decode(r, node, what)

    def check(self, value: Any, what: str) -> str | None:
        return self.base.check(value, what)
