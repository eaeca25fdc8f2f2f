"""Each data file alone → its value in the model (``parse_cache`` keeps it by the file's bytes).

In: a ``Source`` (one file's path, the name it is shown as, its bytes). Out: the file's value
(``SiteSettings``, ``Referentiel``, a ``Territory``, an ``Edition``, a file's actions) and, in
the source, its problems at file:line:col and the photos it names. Each file is walked against
its declaration in ``label_data.schema``; what stays here is what a field type cannot know
alone: a code equal to its file name, a mention declared in its edition, an action's end after
its start. What spans files (ids unique across files, photos present) is ``load``'s.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import yaml

from . import schema
from .model import (
    Action,
    Association,
    Calls,
    Carrier,
    Category,
    Contact,
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
from .parse_cache import Kind, Source
from .problems import Problems
from .schema import Record
from .yamlload import Reader, compose_bytes


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
SITE_KIND = Kind(_parse_site, SiteSettings)
REFERENTIEL_KIND = Kind(_parse_referentiel, Referentiel)
KIND_OF_DIR = {
    "territoires": Kind(_parse_territory, Territory | None),
    "palmares": Kind(_parse_edition, Edition | None),
    "actions": Kind(_parse_actions, tuple[Action, ...]),
}
