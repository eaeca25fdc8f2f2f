"""Generate a dataset on the data contract: the demonstration data or a national-scale one.

    .venv/bin/python scripts/generate_dataset.py demo data/            # the committed demo
    .venv/bin/python scripts/generate_dataset.py national /tmp/national  # ~1,500 collectivities
    .venv/bin/python scripts/generate_dataset.py national /tmp/n5000 --collectivites 5000

Real codes and names come from the shipped reference data; awards, actions, contacts and jury
notes are fictional and seeded, so the same command always writes the same files. Levels follow
R4 (never more than one @ lost), dues cover every labelled year (R3), excellence titles follow
R9. Private fields are filled too, so that tests can prove they never reach the site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from dataset_texts import ACTION_IDEAS, CARRIERS, PLACES  # noqa: E402
from label_data.reference import load_reference  # noqa: E402

DEMO_VILLES = [
    "33063",
    "75056",
    "69123",
    "13055",
    "31555",
    "44109",
    "67482",
    "59350",
    "35238",
    "34172",
    "06088",
    "38185",
    "21231",
    "29019",
    "37261",
    "63113",
    "87085",
    "42218",
    "94038",
    "93066",
    "64102",
    "2A004",
    "2B033",
    "97411",
    "97209",
    "97101",
    "97302",
    "97611",
    "17300",
    "56121",
]
DEMO_EPCIS_OF = ["33063", "35238", "38185", "29019", "21231"]  # their EPCIs are territoires
MENTIONS_BEFORE_2022 = [
    ("sante-numerique", "Santé numérique"),
    ("inclusion-numerique", "Inclusion numérique"),
]
MENTIONS_SINCE_2022 = [
    ("transition-ecologique", "Transition écologique"),
    ("democratie-locale", "Démocratie locale"),
    ("numerique-educatif", "Numérique éducatif"),
    ("mediation-numerique", "Médiation numérique"),
]
CEREMONY_PLACES = ["Paris", "Lyon", "Bordeaux", "Rennes", "Nantes", "Montpellier", "Lille"]


def q(value: str) -> str:
    """A YAML double-quoted string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ceremony(year: int) -> dt.date:
    """The first Tuesday of February: the ceremony, and the embargo's day."""
    day = dt.date(year, 2, 1)
    return day + dt.timedelta(days=(1 - day.weekday()) % 7)


# The national dataset's default size and mix: 1,000 villes, 420 villages, 80 EPCIs, and
# 16,000 actions (about 10.7 a collectivity). Other sizes keep these proportions.
NATIONAL = 1500
NATIONAL_MIX = (1000, 420, 80)
NATIONAL_ACTIONS = 16000


def national_mix(total: int, villes_available: int) -> tuple[int, int, int]:
    """(villes, villages, EPCIs) for ``total`` collectivities, in the default proportions. The
    reference lists about 3,300 communes of 3,500 inhabitants or more: beyond, villages fill in."""
    villes = round(total * NATIONAL_MIX[0] / NATIONAL)
    epcis = round(total * NATIONAL_MIX[2] / NATIONAL)
    villes = min(villes, villes_available)
    return villes, total - villes - epcis, epcis


def pick_territories(
    ref, scale: str, rng: random.Random, total: int = NATIONAL
) -> list[tuple[str, str]]:
    """(code, type) pairs: real villes, villages and intercommunalities."""
    if scale == "demo":
        chosen = [(c, "ville") for c in DEMO_VILLES if c in ref.communes]
        small = sorted(
            (
                c
                for c in ref.communes.values()
                if c.population
                and 40 <= c.population < 2000
                and c.departement in {"2A", "2B", "05", "12", "22", "39", "46", "48", "974"}
            ),
            key=lambda c: c.code,
        )
        by_dep: dict[str, list] = {}
        for c in small:
            by_dep.setdefault(c.departement, []).append(c)
        chosen += [(rng.choice(v).code, "village") for _, v in sorted(by_dep.items())]
        epcis = [ref.communes[c].epci for c in DEMO_EPCIS_OF if ref.communes.get(c)]
        chosen += [(e, "territoire") for e in epcis if e in ref.epcis]
        return chosen
    communes = sorted(ref.communes.values(), key=lambda c: c.code)
    villes = [c for c in communes if (c.population or 0) >= 3500]
    villages = [c for c in communes if 40 <= (c.population or 0) < 3500]
    n_villes, n_villages, n_epcis = national_mix(total, len(villes))
    picked = rng.sample(villes, n_villes) + rng.sample(villages, n_villages)
    chosen = [(c.code, "ville" if (c.population or 0) >= 3500 else "village") for c in picked]
    epcis = rng.sample(sorted(ref.epcis), n_epcis)
    return sorted(chosen + [(e, "territoire") for e in epcis])


def level_history(
    years: list[int], rng: random.Random, rate: float, span: int | None = None
) -> dict[int, int]:
    """A plausible run of levels: joins once, mostly stays, rises slowly, falls by one at most.
    ``span``: how many years it takes part at most (None: until the last edition)."""
    history: dict[int, int] = {}
    start = rng.choice(years[: max(1, len(years) - 1)])
    if span is not None:  # some took part before the first edition generated
        start = rng.randint(years[0] - span + 1, years[-1])
        years = [y for y in years if y < start + span]
    level = rng.choices([1, 2, 3, 4, 5], [25, 30, 25, 12, 8])[0]
    for year in years:
        if year < start or rng.random() > rate:
            continue
        history[year] = level
        roll = rng.random()
        if roll < 0.25 and level < 5:
            level += 1
        elif roll < 0.32 and level > 1:
            level -= 1
    return history


def write_dataset(out: Path, scale: str, seed: int, total: int = NATIONAL) -> None:
    """Write the dataset; ``total``: how many collectivities (national scale only)."""
    ref = load_reference()
    rng = random.Random(seed)
    years = list(range(2015, 2028)) if scale == "demo" else list(range(2000, 2027))
    if out.exists():
        for sub in ("territoires", "palmares", "actions"):
            shutil.rmtree(out / sub, ignore_errors=True)
    for sub in ("territoires", "palmares", "actions"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    if scale != "demo" or not (out / "referentiel.yaml").exists():
        shutil.copy(ROOT / "data" / "referentiel.yaml", out / "referentiel.yaml")
    shutil.copy(ROOT / "scripts" / "demo_site.yaml", out / "site.yaml")
    services = _services(out / "referentiel.yaml")
    territories = pick_territories(ref, scale, rng, total)
    if scale == "demo":
        histories = {code: level_history(years, rng, 0.85) for code, _ in territories}
    else:  # about 250 laureates an edition, as in the real palmarès
        histories = {
            code: level_history(years, rng, 0.9, rng.randint(2, 8)) for code, _ in territories
        }
    titles: dict[str, int] = {}  # code -> year of its excellence title (R9)
    if scale == "demo":
        # Two long-standing 5 @: Paris titled in 2022; Rennes titled in 2025 and not a
        # candidate in 2026, so its page shows the 5 @ the title carries (R9).
        histories["75056"] = {y: 5 for y in years}
        histories["35238"] = {y: 5 for y in years if y <= 2025}
        titles = {"75056": 2022, "35238": 2025}
    else:
        titles = {
            code: 2021
            for code, h in histories.items()
            if all(h.get(y) == 5 for y in range(2014, 2022))
        }
    for code, kind in territories:
        _write_territory(out, ref, code, kind, histories[code], rng)
    if scale == "demo":
        _write_demo_photos(out)
    for year in years:
        _write_edition(out, year, territories, histories, titles, rng)
    n_actions = 300 if scale == "demo" else round(NATIONAL_ACTIONS * total / NATIONAL)
    _write_actions(out, ref, territories, services, n_actions, rng)


def _services(path: Path) -> list[tuple[str, str]]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(s["id"], s["enjeu"]) for s in data["services"]]


def _public_contact(code: str, nom: str, kind: str, site: str) -> str:
    """The town hall's public contact (published), distinct from the agent's (private)."""
    hall = "Siège de la communauté" if kind == "territoire" else "Hôtel de ville"
    return (
        f"accueil: {{adresse: {q(f'{hall}, {nom}')}, courriel: {q(f'accueil-{code}@example.org')}, "
        f"telephone: {q('04 99 00 ' + code[-4:-2] + ' ' + code[-2:])}, formulaire: {site}/contact}}"
    )


def _write_territory(
    out: Path, ref, code: str, kind: str, history: dict[int, int], rng: random.Random
) -> None:
    nom = ref.communes[code].nom if kind != "territoire" else ref.epcis[code].nom
    lines = [f"code: {q(code)}", f"nom: {q(nom)}", f"type: {kind}"]
    if rng.random() < 0.7:
        site = "https://www.example.org/" + code
        lines.append(f"site: {site}")
        lines.append(_public_contact(code, nom, kind, site))
    dues = sorted(set(history) | {y + 1 for y in history if rng.random() < 0.3})
    lines.append(f"cotisations: [{', '.join(str(y) for y in dues)}]")
    lines.append(
        f"contact: {{nom: {q('Agent ' + code)}, courriel: {q(f'contact-{code}@example.org')}, "
        f"telephone: {q('01 00 00 ' + code[-4:-2] + ' ' + code[-2:])}}}"
    )
    (out / "territoires" / f"{code}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


# The demo's panel photos (R11): drawn illustrations (scripts/demo_photos.py), kept in data/.
DEMO_PHOTOS = {
    "33063": [
        ("bordeaux-2026-quai.jpg", "Quai des Chartrons, entrée nord", "2026-03-12"),
        ("bordeaux-2025-avenue.jpg", "Avenue Thiers, entrée est", "2025-04-02"),
    ],
    "12197": [("requista-2026.jpg", "Route de Rodez, entrée du village", "2026-04-20")],
}


def _write_demo_photos(out: Path) -> None:
    for code, photos in DEMO_PHOTOS.items():
        path = out / "territoires" / f"{code}.yaml"
        if not path.is_file():  # another seed drew other collectivities: no photo to add
            continue
        lines = ["# Demo panel photos: drawn illustrations, not photographs.", "photos_panneaux:"]
        lines += [
            f"  - {{fichier: {name}, adresse: {q(where)}, date: {day}, "
            f"credit: {q('Illustration de démonstration')}}}"
            for name, where, day in photos
        ]
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        source = ROOT / "data" / "photos"
        (out / "photos").mkdir(exist_ok=True)
        for name, _, _ in photos:
            if (source / name).resolve() != (out / "photos" / name).resolve():
                shutil.copy(source / name, out / "photos" / name)


def _write_edition(out: Path, year: int, territories, histories, titles, rng) -> None:
    day = ceremony(year)
    mentions = MENTIONS_SINCE_2022 if year >= 2022 else MENTIONS_BEFORE_2022
    if 2021 <= year < 2022:
        mentions = [*mentions, MENTIONS_SINCE_2022[0]]
    lines = [
        f"edition: {year}",
        f"embargo: {day.isoformat()}T11:00:00+01:00",
        f"ceremonie: {{date: {day.isoformat()}, lieu: {q(rng.choice(CEREMONY_PLACES))}}}",
        "mentions:",
    ]
    lines += [f"  - {{id: {i}, nom: {q(n)}}}" for i, n in mentions]
    lines.append("laureats:")
    for code, _ in territories:
        level = histories[code].get(year)
        if level is None:
            continue
        lines += [f"  - territoire: {q(code)}", f"    arobases: {level}"]
        held = [i for i, _ in mentions if rng.random() < 0.06 * level / 3]
        if held:
            lines.append(f"    mentions: [{', '.join(held)}]")
        if titles.get(code) == year:
            lines.append("    excellence: true")
        if rng.random() < 0.08:
            lines.append("    alerte: true")
            lines.append(f"    note_jury: {q('Note confidentielle du jury pour ' + code)}")
    (out / "palmares" / f"{year}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_actions(out: Path, ref, territories, services, total: int, rng) -> None:
    weights = [3 if kind == "ville" else 1 for _, kind in territories]
    counts: dict[str, int] = {}
    for code, _ in rng.choices(territories, weights, k=total):
        counts[code] = counts.get(code, 0) + 1
    for code, _kind in territories:
        n = counts.get(code, 0)
        if not n:
            continue
        place = ref.communes.get(code) or ref.epcis.get(code)
        nom = place.nom
        lines = []
        for i in range(n):
            service, _ = rng.choice(services)
            idea = rng.choice(ACTION_IDEAS.get(service, ACTION_IDEAS["*"]))
            title = idea["titre"]
            action_id = f"{_slug(nom)}-{code.lower()}-{i + 1:03d}"
            start = dt.date(rng.randint(2016, 2026), rng.randint(1, 12), rng.randint(1, 28))
            updated = min(start + dt.timedelta(days=rng.randint(30, 900)), dt.date(2026, 11, 20))
            end = None
            if rng.random() < 0.25:
                end = min(start + dt.timedelta(days=rng.randint(90, 1200)), dt.date(2027, 6, 30))
            carrier_type, carrier = rng.choice(CARRIERS)
            lines += [f"- id: {action_id}", f"  titre: {q(title)}", "  description: |"]
            lines += [
                "    " + line if line else ""
                for line in idea["description"].format(nom=nom).splitlines()
            ]
            lines += [
                f"  categorie: {idea['categorie']}",
                f"  services: [{service}]",
                f"  porteur: {{nom: {q(carrier.format(nom=nom))}, type: {carrier_type}}}",
                f"  debut: {start.isoformat()}",
                f"  fin: {end.isoformat() if end else 'null'}",
                f"  mise_a_jour: {updated.isoformat()}",
            ]
            if place.position and rng.random() < 0.8:
                lat, lon = place.position
                lieu = rng.choice(PLACES)
                lines += [
                    "  lieux:",
                    f"    - nom: {q(lieu)}",
                    f"      position: {{lat: {lat + rng.uniform(-0.01, 0.01):.5f}, "
                    f"lon: {lon + rng.uniform(-0.01, 0.01):.5f}}}",
                ]
            if rng.random() < 0.5:
                lines.append(f"  lien: https://www.example.org/{code}/{i + 1}")
            if rng.random() < 0.3:
                lines.append(f"  contact: {{courriel: {q(f'porteur-{code}-{i}@example.org')}}}")
        (out / "actions" / f"{code}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _slug(text: str) -> str:
    from pelican.utils import slugify

    return slugify(text, regex_subs=[(r"[^\w\s-]", " "), (r"[-\s]+", "-")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scale", choices=["demo", "national"])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--collectivites",
        type=int,
        default=NATIONAL,
        metavar="N",
        help=f"national : nombre de collectivités (défaut {NATIONAL}, actions en proportion)",
    )
    args = parser.parse_args()
    if args.scale == "demo" and args.collectivites != NATIONAL:
        parser.error("--collectivites ne vaut que pour le jeu national")
    if not 10 <= args.collectivites <= 20000:
        parser.error("--collectivites : de 10 à 20 000")
    write_dataset(args.out, args.scale, args.seed, args.collectivites)
    print(f"Jeu de données « {args.scale} » écrit dans {args.out}")


if __name__ == "__main__":
    main()
