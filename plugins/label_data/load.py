"""Load ``data/`` into the model: every file decoded strictly, every problem at its line.

In: the data directory and the reference data. Out: a ``Dataset`` (or ``None`` when a file
could not be read at all) and the problems found, which ``rules.check`` then completes with the
rules that span several files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from .model import (
    CARRIER_TYPES,
    KINDS,
    Action,
    Carrier,
    Category,
    Contact,
    Dataset,
    Edition,
    Enjeu,
    Laureate,
    Mention,
    PanelPhoto,
    Place,
    Position,
    Referentiel,
    Service,
    Territory,
)
from .problems import Location, Problems, display_path
from .yamlload import ID_MAX, TEXT_MAX, URL_MAX, Reader, compose_file, shown

FILENAME_RE = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]*\Z")  # a photo's file name


def load_dataset(data_dir: Path, problems: Problems) -> Dataset:
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        problems.error(
            Location(display_path(data_dir)),
            "dossier de données introuvable : vérifiez le chemin donné à DATA=",
        )
        return Dataset(False, Referentiel({}, {}, {}), {}, {}, {})
    demo = _load_site(data_dir / "site.yaml", problems, data_dir)
    referentiel = _load_referentiel(data_dir / "referentiel.yaml", problems, data_dir)
    territories = {}
    unreadable = set()
    for path in _yaml_files(data_dir / "territoires", problems):
        territory = _load_territory(path, problems, data_dir)
        if territory is not None:
            territories[territory.code] = territory
        else:
            unreadable.add(path.stem)
    editions = {}
    for path in _yaml_files(data_dir / "palmares", problems):
        edition = _load_edition(path, problems, data_dir)
        if edition is not None:
            editions[edition.annee] = edition
    actions: dict[str, Action] = {}
    by_territory: dict[str, tuple[Action, ...]] = {}
    for path in _yaml_files(data_dir / "actions", problems):
        loaded = _load_actions(path, problems, data_dir)
        by_territory[path.stem] = tuple(loaded)
        for action in loaded:
            if action.id in actions:
                first = actions[action.id].where
                problems.error(
                    action.where,
                    f"identifiant d’action « {action.id} » déjà utilisé "
                    f"({first}) : chaque action doit avoir un id unique",
                )
                problems.error(
                    first, f"identifiant d’action « {action.id} » utilisé aussi dans {action.where}"
                )
                continue
            actions[action.id] = action
    return Dataset(
        demo,
        referentiel,
        territories,
        dict(sorted(editions.items())),
        actions,
        by_territory,
        frozenset(unreadable - territories.keys()),
        photos_dir=str((data_dir / PHOTOS_DIR).resolve()),
    )


def _yaml_files(directory: Path, problems: Problems) -> list[Path]:
    if not directory.is_dir():
        return []
    found = sorted(directory.iterdir())
    for path in found:
        if path.suffix == ".yml":
            problems.error(
                Location(display_path(path)),
                "extension .yml : renommez le fichier en .yaml pour qu’il soit lu",
            )
    return [p for p in found if p.suffix == ".yaml" and not p.name.startswith(".")]


def _open(path: Path, problems: Problems, data_dir: Path) -> tuple[Reader, yaml.Node | None]:
    shown_as = display_path(path)
    return Reader(shown_as, problems), compose_file(path, shown_as, problems, data_dir)


def _load_site(path: Path, problems: Problems, data_dir: Path) -> bool:
    if not os.path.lexists(path):  # a broken link is reported, not taken for no file
        return False
    reader, root = _open(path, problems, data_dir)
    if root is None:
        return False
    fields = reader.mapping(root, "site.yaml", ["demo"]) or {}
    return bool(fields.get("demo") is not None and reader.boolean(fields["demo"], "demo"))


def _load_referentiel(path: Path, problems: Problems, data_dir: Path) -> Referentiel:
    empty = Referentiel({}, {}, {})
    if not os.path.lexists(path):
        problems.error(
            Location(display_path(path)),
            "fichier manquant : le référentiel (catégories, enjeux, services) est requis",
        )
        return empty
    reader, root = _open(path, problems, data_dir)
    if root is None:
        return empty
    fields = reader.mapping(
        root,
        "le référentiel",
        ["categories", "enjeux", "services"],
        ["categories", "enjeux", "services"],
    )
    if fields is None:
        return empty

    def entries(key: str, keys: list[str], what: str) -> dict[str, tuple[dict, yaml.Node]]:
        out: dict[str, tuple[dict, yaml.Node]] = {}
        for node in reader.sequence(fields.get(key), key) if key in fields else []:
            item = reader.mapping(node, what, keys, keys)
            if not item:
                continue
            values = {k: _referentiel_value(reader, k, v) for k, v in item.items()}
            ident = values.get("id")
            if not ident:
                continue
            if ident in out:
                reader.error(node, f"{what} « {ident} » est en double : gardez-en un seul")
                continue
            out[ident] = (values, node)
        return out

    cats = entries("categories", ["id", "nom"], "la catégorie")
    enjeux = entries("enjeux", ["id", "nom", "question"], "l’enjeu")
    services = entries("services", ["id", "nom", "enjeu"], "le service")
    if "categories" in fields and len(cats) != 4:
        reader.error(
            fields["categories"],
            f"le référentiel doit avoir exactement 4 catégories (R6), il en a {len(cats)}",
        )
    if "enjeux" in fields and len(enjeux) != 16:
        reader.error(
            fields["enjeux"],
            f"le référentiel doit avoir exactement 16 enjeux (R6), il en a {len(enjeux)}",
        )
    for ident, (values, node) in services.items():
        if values.get("enjeu") not in enjeux:
            reader.error(
                node,
                f"le service « {ident} » renvoie à l’enjeu inconnu "
                f"« {values.get('enjeu')} » : utilisez un id de la liste « enjeux »",
            )
    return Referentiel(
        {k: Category(k, v["nom"] or k) for k, (v, _) in cats.items()},
        {k: Enjeu(k, v["nom"] or k, v["question"] or "") for k, (v, _) in enjeux.items()},
        {k: Service(k, v["nom"] or k, v["enjeu"] or "") for k, (v, _) in services.items()},
    )


def _referentiel_value(reader: Reader, key: str, node: yaml.Node) -> str | None:
    if key == "id":
        return reader.ident(node, "l’id")
    if key == "question":
        return reader.text(node, key, limit=TEXT_MAX, multiline=True)
    return reader.text(node, key)


def _filename(reader: Reader, node: yaml.Node) -> str | None:
    """A photo's file name: one name, never a path (no « / », no « .. » in front)."""
    value = reader.text(node, "fichier", limit=ID_MAX)
    if value and not FILENAME_RE.match(value):
        reader.error(
            node,
            f"nom de fichier « {shown(value)} » invalide : lettres sans accents, chiffres, "
            "points, tirets, sans dossier (par exemple bordeaux-2025.jpg)",
        )
        return None
    return value


TERRITORY_FIELDS = [
    "code",
    "nom",
    "type",
    "departement",
    "region",
    "population",
    "position",
    "site",
    "epci",
    "cotisations",
    "contact",
    "photos_panneaux",
]


def _load_territory(path: Path, problems: Problems, data_dir: Path) -> Territory | None:
    reader, root = _open(path, problems, data_dir)
    if root is None:
        return None
    f = reader.mapping(root, "la collectivité", TERRITORY_FIELDS, ["code", "type"])
    if f is None:
        return None
    code = reader.code(f["code"], "code") if "code" in f else None
    if code is None:
        return None
    if code != path.stem:
        reader.error(
            f["code"],
            f"le code « {code} » ne correspond pas au nom du fichier : "
            f"renommez le fichier en {code}.yaml ou corrigez le code",
        )
    kind = reader.text(f["type"], "type") if "type" in f else None
    if kind is not None and kind not in KINDS:
        reader.error(f["type"], f"type « {kind} » inconnu : écrivez ville, village ou territoire")
    cotisations = None
    if "cotisations" in f:
        years = [
            reader.integer(n, "une année de cotisation")
            for n in reader.sequence(f["cotisations"], "cotisations")
        ]
        cotisations = frozenset(y for y in years if y is not None)
    return Territory(
        code=code,
        nom=reader.text(f["nom"], "nom") if "nom" in f else "",
        type=kind or "",
        departement=reader.code(f["departement"], "departement") if "departement" in f else None,
        region=reader.code(f["region"], "region") if "region" in f else None,
        population=reader.integer(f["population"], "population") if "population" in f else None,
        position=_position(reader, f.get("position")),
        site=_url(reader, f.get("site"), "site"),
        epci=reader.code(f["epci"], "epci") if "epci" in f else None,
        cotisations=cotisations,
        contact=_contact(reader, f.get("contact")),
        photos=tuple(
            _photo(reader, n, path.parent.parent / PHOTOS_DIR)
            for n in reader.sequence(f.get("photos_panneaux"), "photos_panneaux")
        ),
        where=reader.loc(root),
    )


def _position(reader: Reader, node: yaml.Node | None) -> Position | None:
    if reader.is_null(node):
        return None
    f = reader.mapping(node, "position", ["lat", "lon"], ["lat", "lon"])
    if not f or "lat" not in f or "lon" not in f:
        return None
    lat, lon = reader.number(f["lat"], "lat"), reader.number(f["lon"], "lon")
    if lat is None or lon is None:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        reader.error(
            node,
            f"position impossible (lat {lat}, lon {lon}) : la latitude va de -90 "
            "à 90, la longitude de -180 à 180",
        )
        return None
    return Position(lat, lon)


def _url(reader: Reader, node: yaml.Node | None, what: str) -> str | None:
    if reader.is_null(node):
        return None
    value = reader.text(node, what, limit=URL_MAX)
    if value and not value.startswith(("https://", "http://")):
        reader.error(
            node, f"{what} doit être une adresse web commençant par https:// (lu : « {value} »)"
        )
        return None
    return value


def _contact(reader: Reader, node: yaml.Node | None) -> Contact | None:
    if reader.is_null(node):
        return None
    f = reader.mapping(node, "contact", ["nom", "courriel", "telephone"]) or {}
    return Contact(
        *(reader.text(f[k], k) if k in f else None for k in ("nom", "courriel", "telephone"))
    )


PHOTOS_DIR = "photos"  # beside territoires/: the panel photos' files
PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp")


def _photo(reader: Reader, node: yaml.Node, photos: Path) -> PanelPhoto:
    f = (
        reader.mapping(
            node,
            "la photo de panneau",
            ["fichier", "adresse", "date", "credit"],
            ["fichier", "credit"],
        )
        or {}
    )
    # The name is checked first (one name, never a path), then its type and its presence.
    fichier = _filename(reader, f["fichier"]) or "" if "fichier" in f else ""
    if fichier and Path(fichier).suffix.lower() not in PHOTO_TYPES:
        reader.error(f["fichier"], f"photo « {fichier} » : format JPEG, PNG ou WebP attendu")
    elif fichier and (Path(fichier).name != fichier or not (photos / fichier).is_file()):
        reader.error(
            f["fichier"],
            f"photo « {fichier} » introuvable : placez le fichier dans le dossier "
            f"{PHOTOS_DIR}/ des données (à côté de territoires/)",
        )
    return PanelPhoto(
        fichier=fichier,
        adresse=reader.text(f["adresse"], "adresse") if "adresse" in f else None,
        date=reader.date(f["date"], "date") if "date" in f else None,
        credit=reader.text(f["credit"], "credit") or "" if "credit" in f else "",
    )


EDITION_FIELDS = ["edition", "embargo", "ceremonie", "mentions", "laureats"]
LAUREATE_FIELDS = ["territoire", "arobases", "mentions", "excellence", "alerte", "note_jury"]


def _load_edition(path: Path, problems: Problems, data_dir: Path) -> Edition | None:
    reader, root = _open(path, problems, data_dir)
    if root is None:
        return None
    f = reader.mapping(root, "l’édition", EDITION_FIELDS, ["edition", "embargo", "laureats"])
    if not f or "edition" not in f or "embargo" not in f:
        return None
    annee = reader.integer(f["edition"], "edition")
    if annee is not None and path.stem != str(annee):
        reader.error(
            f["edition"],
            f"l’édition {annee} est dans le fichier {path.name} : renommez-le en {annee}.yaml",
        )
    embargo = reader.instant(f["embargo"], "embargo")
    if annee is None or embargo is None:
        return None
    date = lieu = None
    if "ceremonie" in f:
        c = reader.mapping(f["ceremonie"], "ceremonie", ["date", "lieu"]) or {}
        date = reader.date(c["date"], "date de la cérémonie") if "date" in c else None
        lieu = reader.text(c["lieu"], "lieu") if "lieu" in c else None
    mentions: dict[str, Mention] = {}
    for node in reader.sequence(f.get("mentions"), "mentions"):
        m = reader.mapping(node, "la mention", ["id", "nom"], ["id", "nom"]) or {}
        ident = reader.ident(m["id"], "l’id de la mention") if "id" in m else None
        if ident and "nom" in m:
            mentions[ident] = Mention(ident, reader.text(m["nom"], "nom") or "")
    laureates = []
    for node in reader.sequence(f.get("laureats"), "laureats"):
        laureate = _laureate(reader, node, annee, mentions)
        if laureate is not None:
            laureates.append(laureate)
    return Edition(annee, embargo, date, lieu, mentions, tuple(laureates), reader.loc(root))


def _laureate(
    reader: Reader, node: yaml.Node, annee: int, mentions: dict[str, Mention]
) -> Laureate | None:
    f = reader.mapping(node, "le lauréat", LAUREATE_FIELDS, ["territoire", "arobases"])
    if not f or "territoire" not in f or "arobases" not in f:
        return None
    code = reader.code(f["territoire"], "territoire")
    level = reader.integer(f["arobases"], "arobases")
    if level is not None and not 1 <= level <= 5:
        reader.error(f["arobases"], f"arobases doit être un entier de 1 à 5 (lu : {level})")
        level = None
    held = []
    for m in reader.sequence(f.get("mentions"), "mentions"):
        ident = reader.text(m, "mention")
        if ident not in mentions:
            known = ", ".join(mentions) or "aucune"
            reader.error(
                m,
                f"mention « {ident} » inconnue pour l’édition {annee} : déclarez-la "
                f"dans « mentions » en tête du fichier (déclarées : {known})",
            )
        else:
            held.append(ident)
    flags = {
        k: (reader.boolean(f[k], k) if k in f else False) or False for k in ("excellence", "alerte")
    }
    if code is None or level is None:
        return None
    return Laureate(
        code,
        level,
        tuple(held),
        flags["excellence"],
        flags["alerte"],
        reader.text(f["note_jury"], "note_jury", limit=TEXT_MAX, multiline=True)
        if "note_jury" in f
        else None,
        reader.loc(node),
    )


ACTION_FIELDS = [
    "id",
    "titre",
    "description",
    "categorie",
    "services",
    "porteur",
    "acteurs",
    "debut",
    "fin",
    "mise_a_jour",
    "lieux",
    "lien",
    "contact",
]


def _load_actions(path: Path, problems: Problems, data_dir: Path) -> list[Action]:
    reader, root = _open(path, problems, data_dir)
    if root is None:
        return []
    return [
        a
        for a in (
            _action(reader, n, path.stem) for n in reader.sequence(root, "le fichier d’actions")
        )
        if a
    ]


def _action(reader: Reader, node: yaml.Node, code: str) -> Action | None:
    f = reader.mapping(
        node, "l’action", ACTION_FIELDS, ["id", "titre", "categorie", "services", "mise_a_jour"]
    )
    if not f or any(k not in f for k in ("id", "titre", "categorie", "mise_a_jour")):
        return None
    ident = reader.ident(f["id"], "l’identifiant d’action")
    updated = reader.date(f["mise_a_jour"], "mise_a_jour")
    if not ident or updated is None:
        return None
    carrier = None
    if "porteur" in f and not reader.is_null(f["porteur"]):
        p = reader.mapping(f["porteur"], "porteur", ["nom", "type"], ["nom", "type"]) or {}
        kind = reader.text(p["type"], "type") if "type" in p else None
        if kind is not None and kind not in CARRIER_TYPES:
            reader.error(
                p["type"],
                f"type de porteur « {kind} » inconnu : écrivez " + ", ".join(CARRIER_TYPES),
            )
        carrier = Carrier(reader.text(p["nom"], "nom") or "" if "nom" in p else "", kind or "")
    places = []
    for n in reader.sequence(f.get("lieux"), "lieux"):
        p = reader.mapping(n, "le lieu", ["nom", "adresse", "position"], ["nom"]) or {}
        places.append(
            Place(
                reader.text(p["nom"], "nom") or "" if "nom" in p else "",
                reader.text(p["adresse"], "adresse") if "adresse" in p else None,
                _position(reader, p.get("position")),
            )
        )
    services = tuple(
        s
        for s in (reader.text(n, "service") for n in reader.sequence(f["services"], "services"))
        if s
    )
    debut = reader.date(f["debut"], "debut") if "debut" in f else None
    fin = reader.date(f["fin"], "fin") if "fin" in f else None
    if debut and fin and fin < debut:
        reader.error(f["fin"], f"la fin ({fin}) précède le début ({debut}) de l’action")
    return Action(
        id=ident,
        territoire=code,
        titre=reader.text(f["titre"], "titre") or "",
        description=reader.text(f["description"], "description", limit=TEXT_MAX, multiline=True)
        or ""
        if "description" in f
        else "",
        categorie=reader.text(f["categorie"], "categorie") or "",
        services=services,
        porteur=carrier,
        acteurs=tuple(
            a
            for a in (
                reader.text(n, "acteur") for n in reader.sequence(f.get("acteurs"), "acteurs")
            )
            if a
        ),
        debut=debut,
        fin=fin,
        mise_a_jour=updated,
        lieux=tuple(places),
        lien=_url(reader, f.get("lien"), "lien"),
        contact=_contact(reader, f.get("contact")),
        where=reader.loc(node),
    )
