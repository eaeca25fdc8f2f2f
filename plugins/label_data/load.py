"""Load ``data/`` into the model: every file decoded strictly, every problem at its line.

In: the data directory (and ``CACHEDIR``, if any). Out: a ``Dataset`` and the problems found,
which ``rules.check`` then completes with the rules that span several files. Each file is
parsed alone (``parsers``), and ``parse_cache`` keeps what it gives while the file's bytes
stay the same; what spans files is checked here on every load. Each file is walked
against its declaration in ``label_data.schema`` (keys, types, required fields, messages).
What stays here is checked on every load, cached parse or not: an id unique across files and
a photo present in ``photos/``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import parse_cache
from .model import Action, Dataset, Referentiel, SiteSettings, Territory
from .parse_cache import Parsed
from .parsers import KIND_OF_DIR, REFERENTIEL_KIND, SITE_KIND
from .problems import Location, Problems, display_path

Take = Callable[[Path], Any]  # a file's value, its problems reported, its photos checked


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
    listed = {sub: _listing(data_dir / sub) for sub in KIND_OF_DIR}
    files = [
        (kind, path) for kind, path in ((SITE_KIND, site), (REFERENTIEL_KIND, ref)) if _exists(path)
    ]
    files += [(KIND_OF_DIR[sub], p) for sub, found in listed.items() for p in _yaml(found)]
    parsed = parse_cache.load_files(files, data_dir, cache_dir)

    def take(path: Path) -> Any:
        return _take(parsed[path], data_dir / PHOTOS_DIR, problems)

    settings = take(site) if _exists(site) else SiteSettings()  # problems in this order
    referentiel = _referentiel(ref, take, problems)
    territories, unreadable = _territories(_yaml_files(listed["territoires"], problems), take)
    editions = [take(path) for path in _yaml_files(listed["palmares"], problems)]
    actions, by_territory = _actions(_yaml_files(listed["actions"], problems), take, problems)
    return Dataset(
        referentiel,
        territories,
        dict(sorted({e.annee: e for e in editions if e is not None}.items())),
        actions,
        by_territory,
        frozenset(unreadable - territories.keys()),
        photos_dir=str((data_dir / PHOTOS_DIR).resolve()),
        settings=settings,
    )


def _referentiel(ref: Path, take: Take, problems: Problems) -> Referentiel:
    if _exists(ref):
        return take(ref)
    problems.error(
        Location(display_path(ref)),
        "fichier manquant : le référentiel (catégories, enjeux, services) est requis",
    )
    return Referentiel({}, {}, {})


def _territories(paths: list[Path], take: Take) -> tuple[dict[str, Territory], set[str]]:
    """The territories by code, and the stems of the files that gave none (unreadable)."""
    territories: dict[str, Territory] = {}
    unreadable = set()
    for path in paths:
        territory = take(path)
        if territory is not None:
            territories[territory.code] = territory
        else:
            unreadable.add(path.stem)
    return territories, unreadable


def _actions(
    paths: list[Path], take: Take, problems: Problems
) -> tuple[dict[str, Action], dict[str, tuple[Action, ...]]]:
    """Every action by id (each id once across files) and each territory's file's actions."""
    actions: dict[str, Action] = {}
    by_territory: dict[str, tuple[Action, ...]] = {}
    for path in paths:
        by_territory[path.stem] = take(path)
        _add_unique(actions, by_territory[path.stem], problems)
    return actions, by_territory


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


PHOTOS_DIR = "photos"  # beside territoires/: the panel photos' files
