"""The field types of the schema (``label_data.schema``), and how a declaration is walked.

In: YAML nodes (``decode``: the loader, problems recorded at file:line:col through a
``Reader``) or plain Python values (``problems``/``check``: the importers before they write,
the panels' charter). Out: decoded values (a ``Record`` for a mapping) or French messages.
Each type holds the one rule for its kind of value, so the loader and the importers cannot
disagree; the message texts are those the staff already know.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from .model import Position
from .problems import Location
from .yamlload import (
    ID_MAX,
    NAME_MAX,
    NULL_TAG,
    URL_MAX,
    Reader,
    ident_problem,
    shown,
    text_problem,
)

Node = yaml.Node
NBSP = "\u00a0"
FILENAME_RE = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]*\Z")  # a photo's file name


class Record(dict):
    """A decoded mapping: its values by key, where it starts (``where``), and where each
    value is (``at``); places are worked out only when asked (the national dataset has
    hundreds of thousands of values, and a problem is rare)."""

    file: str
    node: Node
    nodes: dict[str, Node]

    @property
    def where(self) -> Location:
        return _location(self.file, self.node)

    @property
    def at(self) -> dict[str, Location]:
        return {name: _location(self.file, node) for name, node in self.nodes.items()}


def _location(file: str, node: Node) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


# --- field types --------------------------------------------------------------------------


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


class ListOf(FieldType):
    """A YAML list; ``label`` names one item in messages (« une année de cotisation »)."""

    def __init__(self, item: FieldType, label: str | None = None):
        self.item, self.label = item, label
        self.doc = f"list of {item.doc}"

    def decode(self, r: Reader, node: Node, what: str) -> list:
        values = (self.item.decode(r, n, self.label or what) for n in r.sequence(node, what))
        return [v for v in values if v is not None]

    def problems(self, value: Any, path: str) -> Iterator[tuple[str, str]]:
        if not isinstance(value, list | tuple):
            yield path, f"{path} doit être une liste"
            return
        for item in value:
            if isinstance(self.item, Mapping):
                yield from self.item.problems(item, path)
            else:
                message = self.item.check(item, self.label or path.rsplit(".", 1)[-1])
                if message:
                    yield path, message

    def fields(self) -> Sequence[Field]:
        return self.item.fields()


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


class Mapping(FieldType):
    """A table of known fields (``x-…`` keys free, unknown keys and duplicates refused).

    ``what`` names it in messages (« l’action »); ``doc`` is the first cell of its rows in
    the field references (English, French) when it is documented on its own."""

    def __init__(self, what: str, fields: Sequence[Field], doc: tuple[str, str] | None = None):
        self.what, self.doc_labels = what, doc
        self.by_name = {f.name: f for f in fields}
        self.names = list(self.by_name)
        self.required = [f.name for f in fields if f.required]
        self.lists = {f.name for f in fields if isinstance(f.type, ListOf)}
        self.decoders = {f.name: (f.type.decode, f.what) for f in fields}
        self.doc = "{" + ", ".join(self.names) + "}"

    def fields(self) -> Sequence[Field]:
        return list(self.by_name.values())

    def nodes(self, r: Reader, node: Node) -> dict[str, Node] | None:
        """The field nodes by key, unknown and missing keys reported (a first stage)."""
        return r.mapping(node, self.what, self.names, self.required)

    def value(self, r: Reader, nodes: dict[str, Node], name: str) -> Any:
        """One field decoded by its type; absent or null: None (an empty list for a list)."""
        node = nodes.get(name)
        if node is None or node.tag == NULL_TAG:  # only a scalar has the null tag
            return [] if name in self.lists else None
        decode, what = self.decoders[name]
        return decode(r, node, what)

    def values(self, r: Reader, nodes: dict[str, Node], skip: Iterable[str] = ()) -> Record:
        """Every field present decoded by its type (``value`` for each, inlined: the national
        dataset decodes a few hundred thousand values)."""
        record = Record()
        lists, decoders, skipped = self.lists, self.decoders, set(skip)
        for name, node in nodes.items():
            if name in skipped:
                continue
            if node.tag == NULL_TAG:
                record[name] = [] if name in lists else None
            else:
                decode, what = decoders[name]
                record[name] = decode(r, node, what)
        return record

    def decode(self, r: Reader, node: Node, what: str = "") -> Record | None:
        nodes = self.nodes(r, node)
        if nodes is None:
            return None
        record = self.values(r, nodes)
        record.file, record.node, record.nodes = r.file, node, nodes
        return record

    def check_field(self, name: str, value: Any) -> str | None:
        """The message the checker gives for this one value of this field, or None."""
        field = self.by_name[name]
        return field.type.check(value, field.what)

    def problems(self, value: Any, path: str = "") -> Iterator[tuple[str, str]]:
        """Every problem of a plain dict about to be written (``None`` values: absent)."""
        if not isinstance(value, dict):
            yield path, self.not_a_table(path)
            return
        for key in value:
            if key not in self.by_name and not str(key).startswith("x-"):
                yield self._key(path, key), self.unknown(path, key)
        for field in self.by_name.values():
            sub = self._key(path, field.name)
            if value.get(field.name) is None:
                if field.required:
                    yield sub, self.missing(path, field.name)
            elif isinstance(field.type, Mapping | ListOf | Table):
                yield from field.type.problems(value[field.name], sub)
            elif message := field.type.check(value[field.name], self.named(field, sub)):
                yield sub, message

    def named(self, field: Field, path: str) -> str:
        """How a message names a field: its label, else its key."""
        return field.what

    @staticmethod
    def _key(path: str, key: str) -> str:
        return f"{path}.{key}" if path else str(key)

    def not_a_table(self, path: str) -> str:
        return f"{self.what} doit être une table de champs « clé: valeur »"

    def unknown(self, path: str, key: str) -> str:
        return f"champ inconnu « {key} » dans {self.what}"

    def missing(self, path: str, key: str) -> str:
        return f"le champ obligatoire « {key} » manque dans {self.what}"


class PositionType(Mapping):
    """``{lat, lon}`` in degrees, within the globe."""

    def __init__(self) -> None:
        super().__init__(
            "position",
            [
                Field("lat", Number(), True, meaning="latitude, -90 to 90", title="Latitude"),
                Field("lon", Number(), True, meaning="longitude, -180 to 180", title="Longitude"),
            ],
        )

    def decode(self, r: Reader, node: Node, what: str = "") -> Position | None:  # type: ignore[override]
        f = self.nodes(r, node)
        if not f or "lat" not in f or "lon" not in f:
            return None
        lat, lon = r.number(f["lat"], "lat"), r.number(f["lon"], "lon")
        if lat is None or lon is None:
            return None
        problem = self._globe(lat, lon)
        if problem:
            r.error(node, problem)
            return None
        return Position(lat, lon)

    def problems(self, value: Any, path: str = "") -> Iterator[tuple[str, str]]:
        found = list(super().problems(value, path))
        yield from found
        if not found and (problem := self._globe(value["lat"], value["lon"])):
            yield path, problem

    @staticmethod
    def _globe(lat: float, lon: float) -> str | None:
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return None
        return (
            f"position impossible (lat {lat}, lon {lon}) : la latitude va de -90 "
            "à 90, la longitude de -180 à 180"
        )


class Table(FieldType):
    """A mapping whose keys are free text (file names…) and whose values share one type."""

    def __init__(self, value: FieldType, what: str):
        self.item, self.what = value, what
        self.doc = f"table of {value.doc}"

    def decode(self, r: Reader, node: Node, what: str) -> dict | None:
        if not isinstance(node, yaml.MappingNode):
            r.error(node, f"{self.what} doit être une table de champs « clé: valeur »")
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = r.text(key_node, f"une clé de {self.what}")
            if key is None:
                continue
            if key in out:
                r.error(key_node, f"la clé « {key} » est en double dans {self.what}")
                continue
            out[key] = self.item.decode(r, value_node, key)
        return out

    def problems(self, value: Any, path: str) -> Iterator[tuple[str, str]]:
        if not isinstance(value, dict):
            yield path, f"{self.what} doit être une table de champs « clé: valeur »"
            return
        for key, item in value.items():
            if message := self.item.check(item, str(key)):
                yield f"{path}.{key}", message
