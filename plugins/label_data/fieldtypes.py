"""The field types of the schema (``label_data.schema``), and how a declaration is walked.

The composite types are here (a list, a field, a mapping, a position, a table, and the
``Record`` a mapping decodes to); the scalar ones (text, code, number, date…) in ``scalars``,
re-exported here.

In: YAML nodes (``decode``: the loader, problems recorded at file:line:col through a
``Reader``) or plain Python values (``problems``/``check``: the importers before they write,
the panels' charter). Out: decoded values (a ``Record`` for a mapping) or French messages.
Each type holds the one rule for its kind of value, so the loader and the importers cannot
disagree; the message texts are those the staff already know.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import yaml

from .model import Position
from .problems import Location
from .scalars import (
    FILENAME_RE,
    Bool,
    Choice,
    Code,
    Date,
    Email,
    Field,
    FieldType,
    FileName,
    Ident,
    Instant,
    Int,
    Node,
    Number,
    PhotoFile,
    Ref,
    ShapedText,
    Text,
    Url,
)
from .yamlload import NULL_TAG, Reader

# The scalar types live in ``scalars``; this module is the one name the schema imports.
__all__ = [
    "FILENAME_RE",
    "Bool",
    "Choice",
    "Code",
    "Date",
    "Email",
    "Field",
    "FieldType",
    "FileName",
    "Ident",
    "Instant",
    "Int",
    "ListOf",
    "Mapping",
    "Node",
    "Number",
    "PhotoFile",
    "PositionType",
    "Record",
    "Ref",
    "ShapedText",
    "Table",
    "Text",
    "Url",
]


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
