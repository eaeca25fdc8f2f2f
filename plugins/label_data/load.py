"""Load ``data/`` into the model: every file decoded strictly, every problem at its line.

In: the data directory (and ``CACHEDIR``, if any). Out: a ``Dataset`` and the problems found,
which ``rules.check`` then completes with the rules that span several files. Each file is
parsed alone by a ``_parse_…`` function, whose result ``parse_cache`` keeps while the file's
bytes stay the same; what spans files is checked here on every load. Each file is walked
against its declaration in ``label_data.schema`` (keys, types, required fields, messages);
what stays here is what a field type cannot know alone: a code equal to its file name, a
mention declared in its edition, an action's end after its start, and, on every load, an id
unique across files and a photo present in ``photos/``.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from . import parse_cache, schema
from .model import (
    Action,
    Association,
    Calls,
    Carrier,
    Category,
    Contact,
    Dataset,
    Edition,
    Enjeu,
    Laureate,
    Mention,
    Organisation,
    PanelPhoto,
    Place,
    PublicContact,
    Referentiel,
    Service,
    SiteSettings,
    Territory,
)
from .parse_cache import Kind, Parsed, Source
from .problems import Location, Problems, display_path
from .schema import Record
from .yamlload import Reader, compose_bytes


def load_dataset(
    data_dir: Path, problems: Problems, cache_dir: str | Path | None = None
) -> Dataset:
    """The dataset of ``data_dir``; each file's parse is kept in ``cache_dir`` (``CACHEDIR``)
    and read back while the file is unchanged (``parse_cache``). What spans files (ids unique
    across files, photos present) is checked here on every load."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        problems.error(
            Location(display_path(data_dir)),
            "dossier de données introuvable : vérifiez le chemin donné à DATA=",
        )
        return Dataset(Referentiel({}, {}, {}), {}, {}, {})
    site, ref = data_dir / "site.yaml", data_dir / "referentiel.yaml"
    listed = {sub: _listing(data_dir / sub) for sub in _KIND_OF_DIR}
    files = [
        (kind, path)
        for kind, path in ((_SITE_KIND, site), (_REFERENTIEL_KIND, ref))
        if _exists(path)
    ]
    files += [(_KIND_OF_DIR[sub], p) for sub, found in listed.items() for p in _yaml(found)]
    parsed = parse_cache.load_files(files, data_dir, cache_dir)

    def take(path: Path) -> Any:
        return _take(parsed[path], data_dir / PHOTOS_DIR, problems)

    settings = take(site) if _exists(site) else SiteSettings()
    if _exists(ref):
        referentiel = take(ref)
    else:
        referentiel = Referentiel({}, {}, {})
        problems.error(
            Location(display_path(ref)),
            "fichier manquant : le référentiel (catégories, enjeux, services) est requis",
        )
    territories: dict[str, Territory] = {}
    unreadable = set()
    for path in _yaml_files(listed["territoires"], problems):
        territory = take(path)
        if territory is not None:
            territories[territory.code] = territory
        else:
            unreadable.add(path.stem)
    editions = {}
    for path in _yaml_files(listed["palmares"], problems):
        edition = take(path)
        if edition is not None:
            editions[edition.annee] = edition
    actions: dict[str, Action] = {}
    by_territory: dict[str, tuple[Action, ...]] = {}
    for path in _yaml_files(listed["actions"], problems):
        by_territory[path.stem] = take(path)
        _add_unique(actions, by_territory[path.stem], problems)
    return Dataset(
        referentiel,
        territories,
        dict(sorted(editions.items())),
        actions,
        by_territory,
        frozenset(unreadable - territories.keys()),
        photos_dir=str((data_dir / PHOTOS_DIR).resolve()),
        settings=settings,
    )


def _exists(path: Path) -> bool:
    return os.path.lexists(path)  # a broken link is reported, not taken for no file


def _add_unique(actions: dict[str, Action], loaded: tuple[Action, ...], problems: Problems) -> None:
    """Add one file's actions by id; an id already used (here or in another file) is an
    error, told at both places, and the first action keeps it."""
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


def _take(parsed: Parsed, photos: Path, problems: Problems) -> Any:
    """A file's value, its problems reported again (cached or not), its photos checked: a
    photo's presence is not in the file's bytes, so it is never cached."""
    problems.items.extend(parsed.problems)
    for fichier, where in parsed.photos:
        if not (photos / fichier).is_file():
            problems.error(
                where,
                f"photo « {fichier} » introuvable : placez le fichier dans le dossier "
                f"{PHOTOS_DIR}/ des données (à côté de territoires/)",
            )
    return parsed.value


def _listing(directory: Path) -> list[Path]:
    return sorted(directory.iterdir()) if directory.is_dir() else []


def _yaml(found: list[Path]) -> list[Path]:
    return [p for p in found if p.suffix == ".yaml" and not p.name.startswith(".")]


def _yaml_files(found: list[Path], problems: Problems) -> list[Path]:
    for path in found:
        if path.suffix == ".yml":
            problems.error(
                Location(display_path(path)),
                "extension .yml : renommez le fichier en .yaml pour qu’il soit lu",
            )
    return _yaml(found)


def _open(source: Source) -> tuple[Reader, yaml.Node | None]:
    reader = Reader(source.shown_as, source.problems)
    if source.data is None:  # refused before parsing, and already reported
        return reader, None
    return reader, compose_bytes(source.data, source.shown_as, source.problems)


def _parse_site(source: Source) -> SiteSettings:
    reader, root = _open(source)
    if root is None:
        return SiteSettings()
    f = schema.SITE.decode(reader, root) or Record()
    default = SiteSettings()
    calls = f.get("candidatures")
    return SiteSettings(
        demo=bool(f.get("demo")),
        association=_association(f.get("association"), default.association),
        hebergeur=_host(f.get("hebergeur")) or default.hebergeur,
        candidatures=Calls(**_present(calls)) if calls else None,
    )


def _present(values: Record | None) -> dict[str, Any]:
    """A decoded mapping's fields that were given (an unreadable value stays unset)."""
    return {k: v for k, v in (values or {}).items() if v is not None}


def _association(values: Record | None, default: Association) -> Association:
    given = _present(values)
    if "contact" in given:
        given["contact"] = _public_contact(given["contact"]) or PublicContact()
    return replace(default, **given)


def _public_contact(values: Record | None) -> PublicContact | None:
    return PublicContact(**_present(values)) if values else None


def _host(values: Record | None) -> Organisation | None:
    given = _present(values)
    return Organisation(**given) if given.get("nom") else None


def _parse_referentiel(source: Source) -> Referentiel:
    empty = Referentiel({}, {}, {})
    problems = source.problems
    reader, root = _open(source)
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


def _parse_territory(source: Source) -> Territory | None:
    reader, root = _open(source)
    if root is None:
        return None
    f = schema.TERRITORY.decode(reader, root)
    code = f.get("code") if f else None
    if f is None or code is None:
        return None
    if code != source.path.stem:
        reader.problems.error(
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
        accueil=_public_contact(f.get("accueil")),
        photos=tuple(_photo(source, p) for p in f.get("photos_panneaux") or ()),
        where=f.where,
    )


def _contact(values: Record | None) -> Contact | None:
    if values is None:
        return None
    return Contact(values.get("nom"), values.get("courriel"), values.get("telephone"))


PHOTOS_DIR = "photos"  # beside territoires/: the panel photos' files


def _photo(source: Source, f: Record) -> PanelPhoto:
    fichier = f.get("fichier") or ""
    # Its name and format are the schema's (PhotoFile); whether it is there, the loader's, on
    # every load (``_take``): it is not in this file's bytes.
    if fichier:
        source.photos.append((fichier, f.at["fichier"]))
    return PanelPhoto(
        fichier=fichier,
        adresse=f.get("adresse"),
        date=f.get("date"),
        credit=f.get("credit") or "",
    )


def _parse_edition(source: Source) -> Edition | None:
    path = source.path
    reader, root = _open(source)
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


def _parse_actions(source: Source) -> tuple[Action, ...]:
    reader, root = _open(source)
    if root is None:
        return ()
    code = source.path.stem
    return tuple(
        a
        for a in (_action(reader, n, code) for n in reader.sequence(root, "le fichier d’actions"))
        if a
    )


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


# Each kind of data file: its parser and the type of what it gives (read back from the cache).
_SITE_KIND = Kind(_parse_site, SiteSettings)
_REFERENTIEL_KIND = Kind(_parse_referentiel, Referentiel)
_KIND_OF_DIR = {
    "territoires": Kind(_parse_territory, Territory | None),
    "palmares": Kind(_parse_edition, Edition | None),
    "actions": Kind(_parse_actions, tuple[Action, ...]),
}
