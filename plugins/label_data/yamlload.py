"""Read YAML files as nodes that keep their file, line and column, and decode them strictly.

PyYAML's composer (libyaml when available) gives nodes with marks; we never let PyYAML
construct Python values on its own, because it silently turns an unquoted ``01001`` into 513,
``no`` into False, and keeps the last of two duplicate keys. ``Reader`` decodes each node by the
type the schema expects and records a problem at the node's line when it cannot.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import yaml

from . import paris_time
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


# Limits: far above any real file, far below what would make a build crawl or a site balloon.
FILE_MAX_BYTES = 4_000_000  # the largest commune's actions fit in a few hundred KB
ALIAS_EXTRA_MAX = 10_000  # nodes that YAML aliases (*ancre) may add to a file, once expanded
ID_MAX = 80  # an id is a URL path segment
NAME_MAX = 200  # a name, a title, a place: one line
TEXT_MAX = 20_000  # a description, a jury question or note: a few pages at most
URL_MAX = 2_000

# The one definition of an id that becomes a path (/actions/<id>/, /enjeux/<id>/, …): lower
# case ASCII, digits, dashes. \A…\Z, not ^…$: « $ » also matches before a final newline.
IDENT_RE = re.compile(r"\A[a-z0-9][a-z0-9-]*\Z")
# Control characters (but tab and line breaks in long texts) and Unicode non-characters:
# invisible in an editor, refused by XML (kits, feeds, sitemaps), unsafe in paths.
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_BAD_IN_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
_BAD_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_NONCHARACTERS}]")


def shown(value: str, limit: int = 60) -> str:
    """A value as it may be printed in a message: invisible characters spelled out (U+000B),
    long values cut."""
    cut = value if len(value) <= limit else value[:limit] + "…"
    return _BAD_IN_LINE.sub(lambda m: f"<U+{ord(m.group()):04X}>", cut)


def file_problem(path: Path, root: Path | None) -> str | None:
    """Why a data file cannot be read as one, in French, or None: every data file is a
    regular file inside the data directory, not empty and not huge."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            return f"lien symbolique cassé (vers {shown(str(target), 300)}) : mettez-y le fichier"
        if root is not None and not target.is_relative_to(Path(root).resolve()):
            return (
                "lien symbolique vers un fichier hors du dossier de données "
                f"({shown(str(target), 300)})"
                " : copiez le fichier dans le dossier de données s’il doit être publié"
            )
    if path.is_dir():
        return "c’est un dossier, pas un fichier : renommez-le ou déplacez son contenu"
    if not path.is_file():
        return "ce n’est pas un fichier ordinaire (tube, périphérique…) : remplacez-le"
    size = path.stat().st_size
    if size == 0:
        return "fichier vide : écrivez son contenu ou supprimez-le"
    if size > FILE_MAX_BYTES:
        megabytes = f"{size / 1e6:.1f}".replace(".", ",")
        return (
            f"fichier trop gros ({megabytes}\u00a0Mo ; {FILE_MAX_BYTES // 1_000_000}\u00a0Mo au "
            "plus) : un texte aussi long n’a pas sa place dans les données du site"
        )
    return None


def compose_file(path: Path, shown_as: str, problems: Problems, root: Path | None = None):
    """Parse one file into a node tree; a syntax error becomes a problem at its line, and so
    do a file that is not a regular file of the data directory, an empty one, and one whose
    aliases would expand into a huge tree."""
    refused = file_problem(path, root)
    if refused:
        problems.error(Location(shown_as, 1, 1), refused)
        return None
    return compose_bytes(path.read_bytes(), shown_as, problems)


def compose_bytes(data: bytes, shown_as: str, problems: Problems):
    """Parse the bytes of one data file (already accepted by ``file_problem``) into a node
    tree, as ``compose_file`` does: the loader reads each file once, to hash it and to parse
    it."""
    try:
        # As a text-mode read does: strict UTF-8, any line ending read as « \n ».
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        problems.error(
            Location(shown_as, 1, 1),
            f"le fichier n’est pas en UTF-8 ({exc.reason}) : enregistrez-le en UTF-8",
        )
        return None
    try:
        root_node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.error(
            Location(shown_as, line, col), f"syntaxe YAML invalide : {explain(exc, text)}"
        )
        return None
    if root_node is None:
        problems.error(
            Location(shown_as, 1, 1),
            "le fichier ne contient aucune donnée (vide ou seulement des commentaires) : "
            "écrivez son contenu ou supprimez-le",
        )
        return None
    if "*" in text and not _aliases_ok(root_node, text, shown_as, problems):
        return None
    return root_node


def _aliases_ok(root: Node, text: str, shown_as: str, problems: Problems) -> bool:
    """Refuse aliases that loop or expand into a huge tree (« billion laughs »): a node
    reached twice is an alias, counted each time it is reached, as every reader would."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise RecursionError
        busy.add(key)
        children = node.value if isinstance(node.value, list) else []
        flat = [c for child in children for c in (child if isinstance(child, tuple) else (child,))]
        total = 1 + sum(size(child) for child in flat)
        busy.discard(key)
        sizes[key] = total
        return total

    try:
        extra = size(root) - len(sizes)
    except RecursionError:
        extra = None
    if extra is not None and extra <= ALIAS_EXTRA_MAX:
        return True
    events = yaml.parse(text, Loader=Loader)
    alias = next((e for e in events if isinstance(e, yaml.AliasEvent)), None)
    line, column = (alias.start_mark.line + 1, alias.start_mark.column + 1) if alias else (1, 1)
    what = (
        "un alias qui se contient lui-même"
        if extra is None
        else f"des alias (*) qui ajoutent {extra} éléments une fois dépliés "
        f"({ALIAS_EXTRA_MAX} au plus)"
    )
    problems.error(
        Location(shown_as, line, column),
        f"{what} : recopiez les valeurs plutôt que d’utiliser des ancres et des alias YAML",
    )
    return False


def text_problem(
    value: str, what: str, *, limit: int = NAME_MAX, multiline: bool = False
) -> str | None:
    """Why a text cannot be taken, in French, or None: invisible characters and overlong
    values are refused, since names and titles end up in file names, XML documents and kits,
    where they would break. The one rule, for the loader and the importers alike."""
    bad = (_BAD_IN_TEXT if multiline else _BAD_IN_LINE).search(value)
    if bad:
        char = bad.group()
        kind = (
            "un caractère de contrôle invisible"
            if unicodedata.category(char) == "Cc"
            else "un caractère interdit (non-caractère Unicode)"
        )
        where = "" if multiline else " ; un retour à la ligne n’y est pas permis non plus"
        return (
            f"{what} contient {kind} (U+{ord(char):04X}) en position {bad.start() + 1} : "
            f"supprimez-le (souvent un reste de copier-coller){where}"
        )
    if len(value) > limit:
        return (
            f"{what} est trop long ({len(value)} caractères, {limit} au plus) : "
            f"« {shown(value, 40)} »"
        )
    return None


def ident_problem(value: str, what: str) -> str | None:
    """Why a text is not an id that becomes a path, or None: checked here, for every kind of
    id, so that nothing else needs to (the loader and the importers call this)."""
    problem = text_problem(value, what, limit=TEXT_MAX)
    if problem:
        return problem
    if len(value) > ID_MAX or not IDENT_RE.match(value):
        return (
            f"{what} « {shown(value)} » invalide : minuscules sans accents, chiffres et "
            f"tirets seulement, {ID_MAX} caractères au plus (il sert d’adresse de page)"
        )
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

    def text(
        self, node: Node, what: str, *, limit: int = NAME_MAX, multiline: bool = False
    ) -> str | None:
        """Any scalar read as the text typed, so « Non » or « 1984 » stay what they say."""
        scalar = self._scalar(node, what)
        if scalar is None or scalar.tag == NULL_TAG:
            return None
        problem = text_problem(scalar.value, what, limit=limit, multiline=multiline)
        if problem:
            self.error(node, problem)
            return None
        return scalar.value

    def ident(self, node: Node, what: str) -> str | None:
        """An id that becomes a path (/actions/<id>/, /enjeux/<id>/)."""
        value = self.text(node, what, limit=TEXT_MAX)
        if value is None:
            return None
        problem = ident_problem(value, what)
        if problem:
            self.error(node, problem)
            return None
        return value

    def code(self, node: Node, what: str) -> str | None:
        """A code (INSEE, SIREN, département): always text, as typed, leading zeros kept."""
        # The source text, not the resolved value: an unquoted 01001 stays "01001" (not 513).
        value = self.text(node, what, limit=ID_MAX)
        return None if value is None else value.strip()

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
        # Paris time (the ceremony's): no offset, or another offset than Paris's on that
        # date, is refused with the instant to write instead.
        if value.tzinfo is None:
            self.error(node, f"{what} {paris_time.missing_offset_advice(value, raw)}")
            return None
        problem = paris_time.offset_problem(value, raw)
        if problem:
            self.error(node, f"{what} {problem}")
            return None
        return value


def _closest(key: str, allowed: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return found[0] if found else None
