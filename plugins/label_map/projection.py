"""Geographic (WGS84 lat/lon) to map coordinates for the map of France, in pure Python.

In: a latitude and longitude in degrees. Out: a point ``(x, y)`` in one map coordinate space
(``VIEWBOX``, y pointing down), or ``None`` when the place is on no part of the map.

Mainland France and Corsica use Lambert-93 (EPSG:2154: Lambert conformal conic on GRS80), then
an affine placement. The five overseas départements (971 Guadeloupe, 972 Martinique, 973 Guyane,
974 La Réunion, 976 Mayotte) are insets stacked in a column on the left, each with its own
scale (not the mainland's: they would be specks) and a local equirectangular projection, which
is accurate enough for islands of a few tens of kilometres.

The refresh script projects the shipped département outlines with the same layout, so outlines
and points always agree. Changing any constant here means running scripts/refresh_reference.py.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from pathlib import Path

# --- Lambert-93 (EPSG:2154) ---------------------------------------------------------------
_A = 6378137.0  # GRS80 semi-major axis (m)
_F = 1 / 298.257222101  # GRS80 flattening
_E = math.sqrt(2 * _F - _F * _F)
_LAT1, _LAT2, _LAT0 = math.radians(49.0), math.radians(44.0), math.radians(46.5)
_LON0 = math.radians(3.0)
_X0, _Y0 = 700000.0, 6600000.0


def _m(phi: float) -> float:
    s = math.sin(phi)
    return math.cos(phi) / math.sqrt(1 - _E * _E * s * s)


def _t(phi: float) -> float:
    s = math.sin(phi)
    return math.tan(math.pi / 4 - phi / 2) / ((1 - _E * s) / (1 + _E * s)) ** (_E / 2)


_N = (math.log(_m(_LAT1)) - math.log(_m(_LAT2))) / (math.log(_t(_LAT1)) - math.log(_t(_LAT2)))
_AF = _A * _m(_LAT1) / (_N * _t(_LAT1) ** _N)
_RHO0 = _AF * _t(_LAT0) ** _N


def lambert93(lat: float, lon: float) -> tuple[float, float]:
    """Lambert-93 easting and northing in metres (EPSG:2154) of a WGS84 point."""
    rho = _AF * _t(math.radians(lat)) ** _N
    theta = _N * (math.radians(lon) - _LON0)
    return _X0 + rho * math.sin(theta), _Y0 + _RHO0 - rho * math.cos(theta)


# --- Layout -------------------------------------------------------------------------------
VIEWBOX: tuple[float, float, float, float] = (0.0, 0.0, 1000.0, 775.0)
_MARGIN = 10.0
_COLUMN_WIDTH = 150.0  # the inset column on the left

# Lambert-93 extent of mainland France and Corsica (from the shipped outlines, rounded out).
_L93_XMIN, _L93_XMAX = 99_000.0, 1_243_000.0
_L93_YMIN, _L93_YMAX = 6_046_000.0, 7_111_000.0
_MAIN_LEFT = _MARGIN + _COLUMN_WIDTH + 20.0
_MAIN_SCALE = (VIEWBOX[2] - _MARGIN - _MAIN_LEFT) / (_L93_XMAX - _L93_XMIN)
_MAIN_TOP = (VIEWBOX[3] - (_L93_YMAX - _L93_YMIN) * _MAIN_SCALE) / 2
# Where a point is taken as mainland (lat, lon): generous, the outlines decide what shows.
_MAIN_BOUNDS = (41.2, -5.6, 51.2, 9.8)

_EARTH_RADIUS = 6_371_008.8  # mean radius (m), enough for the local inset projections
_INSET_GAP = 10.0
_INSET_LABEL = 16.0  # room at the top of each box for its name
_INSET_PAD = 5.0
# Select margin (degrees) around an inset's land: a point just offshore still shows.
_INSET_SLACK = 0.25


@dataclass(frozen=True, slots=True)
class Inset:
    """One overseas département drawn in its own box."""

    code: str
    nom: str
    box: tuple[float, float, float, float]  # x, y, width, height in map coordinates
    bounds: tuple[float, float, float, float]  # land extent: lat_min, lon_min, lat_max, lon_max
    lat0: float
    lon0: float
    scale: float  # map units per metre
    cx: float  # map position of (lat0, lon0)
    cy: float

    def contains(self, lat: float, lon: float) -> bool:
        lat_min, lon_min, lat_max, lon_max = self.bounds
        s = _INSET_SLACK
        return lat_min - s <= lat <= lat_max + s and lon_min - s <= lon <= lon_max + s

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        x = _EARTH_RADIUS * math.radians(lon - self.lon0) * math.cos(math.radians(self.lat0))
        y = _EARTH_RADIUS * math.radians(lat - self.lat0)
        return self.cx + x * self.scale, self.cy - y * self.scale


# Land extents (lat_min, lon_min, lat_max, lon_max) measured on the IGN commune outlines.
_OVERSEAS = (
    ("971", "Guadeloupe", (15.83, -61.81, 16.52, -61.0)),
    ("972", "Martinique", (14.39, -61.23, 14.88, -60.81)),
    ("973", "Guyane", (2.11, -54.61, 5.75, -51.61)),
    ("974", "La Réunion", (-21.39, 55.21, -20.87, 55.84)),
    ("976", "Mayotte", (-13.01, 45.01, -12.63, 45.3)),
)


def _make_insets() -> tuple[Inset, ...]:
    count = len(_OVERSEAS)
    height = (VIEWBOX[3] - 2 * _MARGIN - (count - 1) * _INSET_GAP) / count
    insets = []
    for i, (code, nom, bounds) in enumerate(_OVERSEAS):
        box = (_MARGIN, _MARGIN + i * (height + _INSET_GAP), _COLUMN_WIDTH, height)
        lat_min, lon_min, lat_max, lon_max = bounds
        lat0, lon0 = (lat_min + lat_max) / 2, (lon_min + lon_max) / 2
        width_m = _EARTH_RADIUS * math.radians(lon_max - lon_min) * math.cos(math.radians(lat0))
        height_m = _EARTH_RADIUS * math.radians(lat_max - lat_min)
        area_w = box[2] - 2 * _INSET_PAD
        area_h = box[3] - 2 * _INSET_PAD - _INSET_LABEL
        scale = min(area_w / width_m, area_h / height_m)
        cx = box[0] + box[2] / 2
        cy = box[1] + _INSET_LABEL + _INSET_PAD + area_h / 2
        insets.append(Inset(code, nom, box, bounds, lat0, lon0, scale, cx, cy))
    return tuple(insets)


INSETS: tuple[Inset, ...] = _make_insets()
INSETS_BY_CODE: dict[str, Inset] = {inset.code: inset for inset in INSETS}


def place_lambert93(x: float, y: float) -> tuple[float, float]:
    """Map position of a Lambert-93 point (metres): the mainland's affine placement."""
    return (
        _MAIN_LEFT + (x - _L93_XMIN) * _MAIN_SCALE,
        _MAIN_TOP + (_L93_YMAX - y) * _MAIN_SCALE,
    )


def project_mainland(lat: float, lon: float) -> tuple[float, float]:
    """Map position of a point with the mainland projection, wherever it is."""
    return place_lambert93(*lambert93(lat, lon))


def inset_for(lat: float, lon: float) -> Inset | None:
    """The overseas inset showing this point, if any."""
    for inset in INSETS:
        if inset.contains(lat, lon):
            return inset
    return None


def project(lat: float, lon: float) -> tuple[float, float] | None:
    """Map coordinates of a WGS84 point: mainland, the right inset, or None if on no part."""
    inset = inset_for(lat, lon)
    if inset is not None:
        return inset.project(lat, lon)
    lat_min, lon_min, lat_max, lon_max = _MAIN_BOUNDS
    if lat_min <= lat <= lat_max and lon_min <= lon <= lon_max:
        return project_mainland(lat, lon)
    return None


def layout() -> dict:
    """The layout in JSON terms, stored with the outlines so a stale outline file is caught."""
    return {
        "viewBox": list(VIEWBOX),
        "encarts": {i.code: [round(v, 3) for v in i.box] for i in INSETS},
    }


def stamp(path: Path) -> tuple[int, int]:
    """A shipped file's identity (size, modification time): the key of the memos of what is
    read from it, which then outlive a build (``make serve`` reads the outlines once, and
    again only if a refresh script rewrites them)."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def read_projected(path: Path, script: str) -> dict:
    """A shipped gzip JSON of outlines already projected (reference/carte-*.json.gz), refused
    when it was made for another layout than this module's: ``script`` remakes it."""
    data = json.loads(gzip.decompress(path.read_bytes()))
    if data.get("layout") != layout():
        raise RuntimeError(f"{path.name} was made for another map layout: run {script}")
    return data


def scale_at(lat: float, lon: float) -> float:
    """Map units per metre around a point: each inset has its own scale (Lambert-93's own
    distortion, under 0.1 % in France, is left out)."""
    inset = inset_for(lat, lon)
    return inset.scale if inset is not None else _MAIN_SCALE


# Same function under the name the site templates use for positions.
map_position = project
