"""Read YAML files as nodes that keep their file, line and column, and decode them strictly.

PyYAML's composer (libyaml when available) gives nodes with marks; we never let PyYAML
construct Python values on its own, because it silently turns an unquoted ``01001`` into 513,
``no`` into False, and keeps the last of two duplicate keys. ``Reader`` decodes each node by the
type the schema expects and records a problem at the node's line when it cannot.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from .problems import Location, Problems
from .yaml_messages import explain

try:  # libyaml: about 10x faster on the national dataset
    Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML wheels ship libyaml
    Loader = yaml.SafeLoader

Node = yaml.Node
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def compose_file(path: Path, shown: str, problems: Problems) -> Node | None:
    """Parse one file into a node tree; a syntax error becomes a problem at its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.error(
            Location(shown, 1, 1),
            f"le fichier n’est pas en UTF-8 ({exc.reason}) : enregistrez-le en UTF-8",
        )
        return None
    try:
        return yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.error(Location(shown, line, col), f"syntaxe YAML invalide : {explain(exc, text)}")
        return None


class Reader:
    """Decodes nodes of one file into typed values, recording problems at their lines."""

    def __init__(self, shown: str, problems: Problems):
        self.file = shown
        self.problems = problems

    def loc(self, node: Node) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def error(self, node: Node, message: str) -> None:
        self.problems.error(self.loc(node), message)

    def warning(self, node: Node, message: str) -> None:
        self.problems.warning(self.loc(node), message)

    # -- containers ---------------------------------------------------------------------------
    def mapping(
        self, node: Node, what: str, allowed: Iterable[str], required: Iterable[str] = ()
    ) -> dict[str, Node] | None:
        """A mapping with known keys only (``x-…`` keys are free); duplicates are errors."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} doit être une table de champs « clé: valeur »")
            return None
        allowed = set(allowed)
        fields: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.error(key_node, f"clé invalide dans {what}")
                continue
            if key in fields:
                self.error(
                    key_node, f"le champ « {key} » est en double dans {what} : gardez-en un seul"
                )
                continue
            if key.startswith("x-"):
                continue
            if key not in allowed:
                hint = _closest(key, allowed)
                tip = f" ; vouliez-vous dire « {hint} » ?" if hint else ""
                self.error(
                    key_node,
                    f"champ inconnu « {key} » dans {what}{tip} "
                    f"(champs permis : {', '.join(sorted(allowed))})",
                )
                continue
            fields[key] = value_node
        for key in required:
            if key not in fields or self.is_null(fields[key]):
                self.error(node, f"le champ obligatoire « {key} » manque dans {what}")
        return fields

    def sequence(self, node: Node, what: str) -> list[Node]:
        if self.is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} doit être une liste (lignes commençant par « - »)")
            return []
        return list(node.value)

    # -- scalars ------------------------------------------------------------------------------
    @staticmethod
    def is_null(node: Node | None) -> bool:
        return node is None or (isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG)

    def _scalar(self, node: Node, what: str) -> yaml.ScalarNode | None:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} doit être une valeur simple, pas une liste ni une table")
            return None
        return node

    def text(self, node: Node, what: str) -> str | None:
        """Any scalar read as the text typed, so « Non » or « 1984 » stay what they say."""
        scalar = self._scalar(node, what)
        if scalar is None or scalar.tag == NULL_TAG:
            return None
        return scalar.value

    def code(self, node: Node, what: str) -> str | None:
        """A code (INSEE, SIREN, département): always text, as typed, leading zeros kept."""
        scalar = self._scalar(node, what)
        if scalar is None or scalar.tag == NULL_TAG:
            return None
        # The source text, not the resolved value: an unquoted 01001 stays "01001" (not 513).
        return scalar.value.strip()

    def integer(self, node: Node, what: str) -> int | None:
        scalar = self._scalar(node, what)
        if scalar is None or scalar.tag == NULL_TAG:
            return None
        if scalar.tag != INT_TAG or not re.fullmatch(r"[-+]?[0-9_]+", scalar.value):
            self.error(node, f"{what} doit être un nombre entier (lu : « {scalar.value} »)")
            return None
        return int(scalar.value.replace("_", ""), 10)

    def number(self, node: Node, what: str) -> float | None:
        scalar = self._scalar(node, what)
        if scalar is None or scalar.tag == NULL_TAG:
            return None
        try:
            return float(scalar.value)
        except ValueError:
            self.error(node, f"{what} doit être un nombre (lu : « {scalar.value} »)")
            return None

    def boolean(self, node: Node, what: str) -> bool | None:
        scalar = self._scalar(node, what)
        if scalar is None or scalar.tag == NULL_TAG:
            return None
        if scalar.tag != BOOL_TAG or scalar.value not in ("true", "false"):
            self.error(node, f"{what} doit valoir true ou false (lu : « {scalar.value} »)")
            return None
        return scalar.value == "true"

    def date(self, node: Node, what: str) -> dt.date | None:
        scalar = self._scalar(node, what)
        if scalar is None or scalar.tag == NULL_TAG:
            return None
        match = DATE_RE.match(scalar.value.strip())
        if not match:
            self.error(node, f"{what} doit être une date AAAA-MM-JJ (lu : « {scalar.value} »)")
            return None
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            self.error(
                node,
                f"{what} : la date « {scalar.value} » n’existe pas "
                "(mois de 1 à 12, jour valide pour ce mois)",
            )
            return None

    def instant(self, node: Node, what: str) -> dt.datetime | None:
        """A date and time with its UTC offset, e.g. 2026-02-03T11:00:00+01:00."""
        scalar = self._scalar(node, what)
        if scalar is None or scalar.tag == NULL_TAG:
            return None
        raw = scalar.value.strip()
        try:
            value = dt.datetime.fromisoformat(raw.replace(" ", "T", 1))
        except ValueError:
            self.error(
                node, f"{what} doit être un instant AAAA-MM-JJTHH:MM:SS+01:00 (lu : « {raw} »)"
            )
            return None
        if value.tzinfo is None:
            self.error(
                node,
                f"{what} « {raw} » n’a pas de décalage UTC : ajoutez +01:00 "
                "(heure d’hiver à Paris) ou +02:00 (heure d’été)",
            )
            return None
        return value


def _closest(key: str, allowed: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return found[0] if found else None
