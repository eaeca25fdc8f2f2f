"""Load ``data/`` into the model: every file decoded strictly, every problem at its line.

In: the data directory. Out: a ``Dataset`` and the problems found, which ``rules.check`` then
completes with the rules that span several files. Each file is walked against its declaration
in ``label_data.schema`` (keys, types, required fields, messages); what stays here is what a
field type cannot know alone: a code equal to its file name, a mention declared in its edition,
an action's end after its start, an id unique across files, a photo present in ``photos/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from . import schema
from .model import (
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
    Referentiel,
    Service,
    Territory,
)
from .problems import Location, Problems, display_path
from .schema import Record
from .yamlload import Reader, compose_file


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
    fields = schema.SITE.decode(reader, root) or {}
    return bool(fields.get("demo"))


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
    fields = schema.REFERENTIEL.decode(reader, root)
    if fields is None:
        return empty
    cats = _entries(problems, fields, "categories", schema.CATEGORY)
    enjeux = _entries(problems, fields, "enjeux", schema.ENJEU)
    services = _entries(problems, fields, "services", schema.SERVICE)
    for ident, values in services.items():
        if values.get("enjeu") not in enjeux:
            problems.error(
                values.where,
                f"le service « {ident} » renvoie à l’enjeu inconnu "
                f"« {values.get('enjeu')} » : utilisez un id de la liste « enjeux »",
            )
    return Referentiel(
        {k: Category(k, v.get("nom") or k) for k, v in cats.items()},
        {k: Enjeu(k, v.get("nom") or k, v.get("question") or "") for k, v in enjeux.items()},
        {k: Service(k, v.get("nom") or k, v.get("enjeu") or "") for k, v in services.items()},
        dict(fields.at),
    )


def _entries(
    problems: Problems, fields: Record, key: str, kind: schema.Mapping
) -> dict[str, Record]:
    """The entries of one list of the référentiel by id; a second entry with an id is refused."""
    out: dict[str, Record] = {}
    for item in fields.get(key) or []:
        ident = item.get("id")
        if not ident:
            continue
        if ident in out:
            problems.error(item.where, f"{kind.what} « {ident} » est en double : gardez-en un seul")
            continue
        out[ident] = item
    return out


def _load_territory(path: Path, problems: Problems, data_dir: Path) -> Territory | None:
    reader, root = _open(path, problems, data_dir)
    if root is None:
        return None
    f = schema.TERRITORY.decode(reader, root)
    code = f.get("code") if f else None
    if f is None or code is None:
        return None
    if code != path.stem:
        problems.error(
            f.at["code"],
            f"le code « {code} » ne correspond pas au nom du fichier : "
            f"renommez le fichier en {code}.yaml ou corrigez le code",
        )
    return Territory(
        code=code,
        nom=f.get("nom") or "",
        type=f.get("type") or "",
        departement=f.get("departement"),
        region=f.get("region"),
        population=f.get("population"),
        position=f.get("position"),
        site=f.get("site"),
        epci=f.get("epci"),
        cotisations=frozenset(f["cotisations"]) if "cotisations" in f else None,
        contact=_contact(f.get("contact")),
        photos=tuple(
            _photo(problems, p, path.parent.parent / PHOTOS_DIR)
            for p in f.get("photos_panneaux") or ()
        ),
        where=f.where,
    )


def _contact(values: Record | None) -> Contact | None:
    if values is None:
        return None
    return Contact(values.get("nom"), values.get("courriel"), values.get("telephone"))


PHOTOS_DIR = "photos"  # beside territoires/: the panel photos' files


def _photo(problems: Problems, f: Record, photos: Path) -> PanelPhoto:
    fichier = f.get("fichier") or ""
    # Its name and format are the schema's (PhotoFile); whether it is there, the loader's.
    if fichier and not (photos / fichier).is_file():
        problems.error(
            f.at["fichier"],
            f"photo « {fichier} » introuvable : placez le fichier dans le dossier "
            f"{PHOTOS_DIR}/ des données (à côté de territoires/)",
        )
    return PanelPhoto(
        fichier=fichier,
        adresse=f.get("adresse"),
        date=f.get("date"),
        credit=f.get("credit") or "",
    )


def _load_edition(path: Path, problems: Problems, data_dir: Path) -> Edition | None:
    reader, root = _open(path, problems, data_dir)
    if root is None:
        return None
    kind = schema.EDITION
    f = kind.nodes(reader, root)
    if not f or "edition" not in f or "embargo" not in f:
        return None
    annee = kind.value(reader, f, "edition")
    if annee is not None and path.stem != str(annee):
        reader.error(
            f["edition"],
            f"l’édition {annee} est dans le fichier {path.name} : renommez-le en {annee}.yaml",
        )
    embargo = kind.value(reader, f, "embargo")
    if annee is None or embargo is None:
        return None
    ceremonie = kind.value(reader, f, "ceremonie") or {}
    mentions = {
        m["id"]: Mention(m["id"], m.get("nom") or "")
        for m in kind.value(reader, f, "mentions")
        if m.get("id") and "nom" in m
    }
    laureates = []
    for node in reader.sequence(f.get("laureats"), "laureats"):
        laureate = _laureate(reader, node, annee, mentions)
        if laureate is not None:
            laureates.append(laureate)
    return Edition(
        annee,
        embargo,
        ceremonie.get("date"),
        ceremonie.get("lieu"),
        mentions,
        tuple(laureates),
        reader.loc(root),
    )


def _laureate(
    reader: Reader, node: yaml.Node, annee: int, mentions: dict[str, Mention]
) -> Laureate | None:
    kind = schema.LAUREATE
    f = kind.nodes(reader, node)
    if not f or "territoire" not in f or "arobases" not in f:
        return None
    code = kind.value(reader, f, "territoire")
    level = kind.value(reader, f, "arobases")
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
    flags = {k: bool(kind.value(reader, f, k)) for k in ("excellence", "alerte")}
    if code is None or level is None:
        return None
    return Laureate(
        code,
        level,
        tuple(held),
        flags["excellence"],
        flags["alerte"],
        kind.value(reader, f, "note_jury"),
        reader.loc(node),
    )


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
    kind = schema.ACTION
    f = kind.nodes(reader, node)
    if not f or any(k not in f for k in ("id", "titre", "categorie", "mise_a_jour")):
        return None
    ident = kind.value(reader, f, "id")
    updated = kind.value(reader, f, "mise_a_jour")
    if not ident or updated is None:
        return None
    v = kind.values(reader, f, skip=("id", "mise_a_jour"))
    debut, fin = v.get("debut"), v.get("fin")
    if debut and fin and fin < debut:
        reader.error(f["fin"], f"la fin ({fin}) précède le début ({debut}) de l’action")
    porteur = v.get("porteur")
    return Action(
        id=ident,
        territoire=code,
        titre=v.get("titre") or "",
        description=v.get("description") or "",
        categorie=v.get("categorie") or "",
        services=tuple(v.get("services") or ()),
        porteur=Carrier(porteur.get("nom") or "", porteur.get("type") or "") if porteur else None,
        acteurs=tuple(v.get("acteurs") or ()),
        debut=debut,
        fin=fin,
        mise_a_jour=updated,
        lieux=tuple(
            Place(p.get("nom") or "", p.get("adresse"), p.get("position"))
            for p in v.get("lieux") or ()
        ),
        lien=v.get("lien"),
        contact=_contact(v.get("contact")),
        where=reader.loc(node),
    )
