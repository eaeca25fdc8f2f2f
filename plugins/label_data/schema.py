"""One declarative schema for every YAML file the project reads (MkDocs' config is the model).

In: nothing but declarations. Each file kind is a ``Mapping`` of ``Field``s: the name is the
YAML key, then the field type, whether it is required, whether it is private, and its meaning.
Out: the same declaration serves

- the loader (``label_data.load``), which walks YAML nodes with ``FieldType.decode`` and records
  every problem at its file:line:col (``Problems``, one problem type for all);
- the importers (``label_import``), which check the plain values they are about to write with
  ``FieldType.problems``: the same rule and the same message as the checker's;
- the panels' charter (``label_panels.charter``) and the kits' texts (``label_kits.subject``);
- the docs test, which walks ``DOCUMENTED`` (nested fields included) against the references.

Rules spanning several fields or files (a code equal to its file name, a mention declared in
its edition, the référentiel's four categories and sixteen enjeux…) stay in the loader and in
``label_data.rules``: a field type only knows its own value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from .model import CARRIER_TYPES, KINDS, Position
from .problems import Location
from .yamlload import (
    ID_MAX,
    NAME_MAX,
    NULL_TAG,
    TEXT_MAX,
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
    """A code (INSEE, SIREN, département): text as typed, leading zeros kept."""

    doc = "code"

    def __init__(self) -> None:
        super().__init__(ID_MAX)

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


class Url(Text):
    """A web address, ``https://…`` (``http://`` still read)."""

    doc = "URL"

    def __init__(self) -> None:
        super().__init__(URL_MAX)

    def decode(self, r: Reader, node: Node, what: str) -> str | None:
        value = super().decode(r, node, what)
        problem = None if value is None else self._web(value, what)
        if problem:
            r.error(node, problem)
            return None
        return value

    def check(self, value: Any, what: str) -> str | None:
        return super().check(value, what) or self._web(value, what)

    @staticmethod
    def _web(value: str, what: str) -> str | None:
        if value.startswith(("https://", "http://")):
            return None
        return f"adresse web attendue pour {what}, commençant par https:// (lu : « {value} »)"


class Choice(Text):
    """One word of a fixed list; ``message`` names the list (``{value}``: the word read)."""

    def __init__(self, values: Sequence[str], message: str):
        super().__init__()
        self.values, self.message = tuple(values), message
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
    its meaning (English, one line), and how messages name it when not by its key."""

    name: str
    type: FieldType
    required: bool = False
    private: bool = False
    meaning: str = ""
    label: str | None = None

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
        self.doc = "{" + ", ".join(self.names) + "}"

    def fields(self) -> Sequence[Field]:
        return list(self.by_name.values())

    def nodes(self, r: Reader, node: Node) -> dict[str, Node] | None:
        """The field nodes by key, unknown and missing keys reported (a first stage)."""
        return r.mapping(node, self.what, self.names, self.required)

    def value(self, r: Reader, nodes: dict[str, Node], name: str) -> Any:
        """One field decoded by its type; absent or null: None (an empty list for a list)."""
        field = self.by_name[name]
        node = nodes.get(name)
        if node is None or node.tag == NULL_TAG:  # only a scalar has the null tag
            return [] if field.name in self.lists else None
        return field.type.decode(r, node, field.what)

    def decode(self, r: Reader, node: Node, what: str = "") -> Record | None:
        nodes = self.nodes(r, node)
        if nodes is None:
            return None
        record = Record((name, self.value(r, nodes, name)) for name in nodes)
        record.file, record.node, record.nodes = r.file, node, nodes
        return record

    def check_field(self, name: str, value: Any) -> str | None:
        """The message the checker gives for this one value of this field, or None."""
        field = self.by_name[name]
        return field.type.check(value, field.what)

    def problems(self, value: Any, path: str = "") -> Iterator[tuple[str, str]]:
        """Every problem of a plain dict about to be written (``None`` values: absent)."""
        if not isinstance(value, dict):
            yield path, f"{self.what} doit être une table de champs « clé: valeur »"
            return
        for key in value:
            if key not in self.by_name and not str(key).startswith("x-"):
                yield self._key(path, key), self.unknown(path, key)
        for field in self.by_name.values():
            sub = self._key(path, field.name)
            if value.get(field.name) is None:
                if field.required:
                    yield sub, self.missing(path, field.name)
            elif isinstance(field.type, Mapping | ListOf):
                yield from field.type.problems(value[field.name], sub)
            elif message := field.type.check(value[field.name], field.what):
                yield sub, message

    @staticmethod
    def _key(path: str, key: str) -> str:
        return f"{path}.{key}" if path else str(key)

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
                Field("lat", Number(), True, meaning="latitude, -90 to 90"),
                Field("lon", Number(), True, meaning="longitude, -180 to 180"),
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


# --- the data files (docs/DATA_FORMAT.md) -------------------------------------------------

POSITION = PositionType()
CONTACT = Mapping(
    "contact",
    [
        Field("nom", Text(), meaning="the contact person's name"),
        Field("courriel", Text(), meaning="e-mail address"),
        Field("telephone", Text(), meaning="phone number"),
    ],
)
_ID = Field("id", Ident(), True, meaning="the id (a URL path segment)", label="l’id")
_NOM = Field("nom", Text(), True, meaning="the name shown")

SITE = Mapping(
    "site.yaml",
    [Field("demo", Bool(), meaning="demonstration data: a banner on every page")],
    doc=("`site.yaml`", "`site.yaml`"),
)
CATEGORY = Mapping("la catégorie", [_ID, _NOM])
ENJEU = Mapping(
    "l’enjeu",
    [_ID, _NOM, Field("question", Text(TEXT_MAX, True), True, meaning="its jury question")],
)
SERVICE = Mapping(
    "le service",
    [_ID, _NOM, Field("enjeu", Text(), True, meaning="the enjeu it belongs to (an id)")],
)
REFERENTIEL = Mapping(
    "le référentiel",
    [
        Field("categories", ListOf(CATEGORY), True, meaning="the four categories (R6)"),
        Field("enjeux", ListOf(ENJEU), True, meaning="the 16 enjeux (R6)"),
        Field("services", ListOf(SERVICE), True, meaning="the services, each under one enjeu"),
    ],
    doc=("`referentiel.yaml`", "`referentiel.yaml`"),
)
PHOTO = Mapping(
    "la photo de panneau",
    [
        Field("fichier", FileName(), True, meaning="the photo's file name"),
        Field("adresse", Text(), meaning="where the panel stands"),
        Field("date", Date(), meaning="when the photo was taken"),
        Field("credit", Text(), True, meaning="the photographer or owner"),
    ],
)
TERRITORY = Mapping(
    "la collectivité",
    [
        Field("code", Code(), True, meaning="INSEE code or SIREN; equals the file name"),
        Field("nom", Text(), meaning="the name; the official one otherwise"),
        Field(
            "type",
            Choice(KINDS, "type « {value} » inconnu : écrivez ville, village ou territoire"),
            True,
            meaning="R1",
        ),
        Field("departement", Code(), meaning="optional; must match the official list"),
        Field("region", Code(), meaning="optional; must match the official list"),
        Field("population", Int(), meaning="optional; the official figure otherwise"),
        Field("position", POSITION, meaning="optional; the town hall otherwise"),
        Field("site", Url(), meaning="its web site"),
        Field("epci", Code(), meaning="the intercommunality it belongs to"),
        Field(
            "cotisations",
            ListOf(Int(), "une année de cotisation"),
            private=True,
            meaning="R3: years with dues paid",
        ),
        Field("contact", CONTACT, private=True, meaning="R13"),
        Field("photos_panneaux", ListOf(PHOTO), meaning="photos of installed panels (R11)"),
    ],
    doc=("`territoires/<code>.yaml`", "`territoires/<code>.yaml`"),
)
MENTION = Mapping(
    "la mention",
    [
        Field("id", Ident(), True, meaning="the mention's id", label="l’id de la mention"),
        _NOM,
    ],
)
LAUREATE = Mapping(
    "le lauréat",
    [
        Field("territoire", Ref("territoire", Code()), True, meaning="a collectivity's code"),
        Field("arobases", Int(1, 5), True, meaning="R2"),
        Field("mentions", ListOf(Ref("mention", Text()), "mention"), meaning="R8, declared above"),
        Field("excellence", Bool(), meaning="R9"),
        Field("alerte", Bool(), private=True, meaning="R5"),
        Field("note_jury", Text(TEXT_MAX, True), private=True, meaning="the jury's note"),
    ],
    doc=("laureate", "lauréat"),
)
EDITION = Mapping(
    "l’édition",
    [
        Field("edition", Int(), True, meaning="the year; equals the file name"),
        Field("embargo", Instant(), True, meaning="R10: nothing public before it"),
        Field(
            "ceremonie",
            Mapping(
                "ceremonie",
                [
                    Field("date", Date(), meaning="its day", label="date de la cérémonie"),
                    Field("lieu", Text(), meaning="its place"),
                ],
            ),
            meaning="the ceremony",
        ),
        Field("mentions", ListOf(MENTION), meaning="this edition's mentions (R8)"),
        Field("laureats", ListOf(LAUREATE), True, meaning="the laureates"),
    ],
    doc=("`palmares/<année>.yaml`", "`palmares/<année>.yaml`"),
)
CARRIER = Mapping(
    "porteur",
    [
        Field("nom", Text(), True, meaning="who delivers the action"),
        Field(
            "type",
            Choice(
                CARRIER_TYPES,
                "type de porteur « {value} » inconnu : écrivez " + ", ".join(CARRIER_TYPES),
            ),
            True,
            meaning="R6",
        ),
    ],
)
PLACE = Mapping(
    "le lieu",
    [
        Field("nom", Text(), True, meaning="the place's name"),
        Field("adresse", Text(), meaning="its address"),
        Field("position", POSITION, meaning="its position"),
    ],
)
ACTION = Mapping(
    "l’action",
    [
        Field("id", Ident(), True, meaning="unique; the URL", label="l’identifiant d’action"),
        Field("titre", Text(), True, meaning="its title"),
        Field("description", Text(TEXT_MAX, True), meaning="Markdown, sanitised"),
        Field("categorie", Ref("categorie", Text()), True, meaning="R6"),
        Field("services", ListOf(Ref("service", Text()), "service"), True, meaning="R6"),
        Field("porteur", CARRIER, meaning="who delivers it"),
        Field("acteurs", ListOf(Text(), "acteur"), meaning="other actors"),
        Field("debut", Date(), meaning="start"),
        Field("fin", Date(), meaning="end; null or absent: still running"),
        Field("mise_a_jour", Date(), True, meaning="R7"),
        Field("lieux", ListOf(PLACE), meaning="places"),
        Field("lien", Url(), meaning="a link"),
        Field("contact", CONTACT, private=True, meaning="R13"),
    ],
    doc=("action", "action"),
)
ACTIONS_FILE = ListOf(ACTION)

# Documented on their own in docs/DATA_FORMAT.md and docs/format-des-donnees.md.
DOCUMENTED = (SITE, REFERENTIEL, TERRITORY, EDITION, LAUREATE, ACTION)


def walk(mapping: Mapping, prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Every field of a documented mapping as (dotted path, field), nested fields included,
    but not those of a mapping documented on its own (a laureate, an action)."""
    for field in mapping.fields():
        path = f"{prefix}{field.name}"
        yield path, field
        inner = field.type.item if isinstance(field.type, ListOf) else field.type
        if isinstance(inner, Mapping) and inner.doc_labels is None:
            for sub, nested in walk(inner, path + "."):
                yield sub, replace_private(nested, field.private)


def replace_private(field: Field, private: bool) -> Field:
    """A field nested in a private one is private too."""
    if not private or field.private:
        return field
    return Field(field.name, field.type, field.required, True, field.meaning, field.label)
