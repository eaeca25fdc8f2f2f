"""The static SVG map: projection, outlines and rendering."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from label_map import projection, svgmap
from label_map.svgmap import _outlines, outlines_geojson, render_map_svg
from label_map.targets import Group, MapPoint

SVG = "{http://www.w3.org/2000/svg}"

# (lat, lon, easting, northing) computed with pyproj 3.7.2, EPSG:4326 -> EPSG:2154.
PYPROJ_L93 = [
    (48.8566, 2.3522, 652469.023, 6862035.259),
    (48.3904, -4.4861, 146632.979, 6836262.327),
    (41.9192, 8.7386, 1176667.561, 6108273.283),
    (51.0, 2.5, 664824.362, 7100575.954),
    (43.3, 5.4, 894829.409, 6247498.204),
    (46.5, 3.0, 700000.0, 6600000.0),
]

PLACES = [  # name, lat, lon, département whose outline holds it
    ("Paris", 48.8566, 2.3522, "75"),
    ("Brest", 48.3904, -4.4861, "29"),
    ("Strasbourg", 48.5734, 7.7521, "67"),
    ("Ajaccio", 41.9192, 8.7386, "2A"),
    ("Pointe-à-Pitre", 16.2411, -61.5331, "971"),
    ("Saint-Denis", -20.8789, 55.4481, "974"),
    ("Cayenne", 4.9372, -52.326, "973"),
    ("Fort-de-France", 14.6161, -61.0588, "972"),
    ("Mamoudzou", -12.7806, 45.2278, "976"),
]


@pytest.mark.parametrize(("lat", "lon", "x", "y"), PYPROJ_L93)
def test_lambert93_matches_pyproj(lat, lon, x, y):
    ours = projection.lambert93(lat, lon)
    assert abs(ours[0] - x) < 1.0 and abs(ours[1] - y) < 1.0


@pytest.mark.parametrize(("name", "lat", "lon", "dep"), PLACES)
def test_places_land_in_their_departement(name, lat, lon, dep):
    x, y = projection.project(lat, lon)
    x0, y0, x1, y1 = _outlines()[dep].bbox
    assert x0 <= x <= x1 and y0 <= y <= y1, name
    vx, vy, vw, vh = projection.VIEWBOX
    assert vx <= x <= vx + vw and vy <= y <= vy + vh


def test_outside_the_map():
    assert projection.project(46.78, -56.17) is None  # Saint-Pierre-et-Miquelon
    assert projection.project(-17.53, -149.57) is None  # Tahiti
    assert projection.project(40.4, -3.7) is None  # Madrid
    assert projection.map_position(48.8566, 2.3522) == projection.project(48.8566, 2.3522)


def test_insets_do_not_overlap_mainland():
    main_x0 = min(d.bbox[0] for c, d in _outlines().items() if c not in projection.INSETS_BY_CODE)
    boxes = [i.box for i in projection.INSETS]
    for (x, y, w, h), (_, y2, _, _) in zip(boxes, boxes[1:], strict=False):
        assert x + w < main_x0
        assert y + h < y2
    for code, inset in projection.INSETS_BY_CODE.items():
        x, y, w, h = inset.box
        bx0, by0, bx1, by1 = _outlines()[code].bbox
        assert x <= bx0 and bx1 <= x + w and y <= by0 and by1 <= y + h, code


def _points():
    return [
        MapPoint(lat, lon, name, f"/territoires/{name.lower()}/", f"niveau-{i % 5 + 1}")
        for i, (name, lat, lon, _) in enumerate(PLACES)
    ]


def test_render_is_valid_accessible_and_deterministic():
    points = _points() + [MapPoint(46.78, -56.17, "Saint-Pierre", "/sp/")]  # off the map
    svg = render_map_svg(points, title="Carte des labellisés", description="Les villes & co")
    assert svg == render_map_svg(
        points, title="Carte des labellisés", description="Les villes & co"
    )
    root = ET.fromstring(svg)
    assert root.get("aria-labelledby") == "carte-titre carte-desc"
    assert root.get("role") is None
    assert root.find(f"{SVG}title").text == "Carte des labellisés"
    assert root.find(f"{SVG}desc").text == "Les villes & co"
    links = {a.get("aria-label"): a for a in root.findall(f".//{SVG}a")}
    assert set(links) == {p[0] for p in PLACES}  # in reading order: top to bottom
    assert links["Paris"].find(f"{SVG}title").text == "Paris"
    assert links["Paris"].find(f"{SVG}circle").get("class") == "marque niveau-1"
    assert "style=" not in svg
    paths = root.findall(f".//{SVG}path")
    assert len(paths) == 101
    assert {p.get("class") for p in paths} >= {"dep-2A", "dep-2B", "dep-971", "dep-976"}


def _crowd(n: int) -> list[MapPoint]:
    """n points over mainland France, grouped as départements and régions would be."""
    return [
        MapPoint(
            43 + (i % 60) / 10,
            -1 + (i // 60) * (7.5 / (n // 60 + 1)),
            f"Ville numéro {i}",
            f"/territoires/ville-numero-{i}-{i:05d}/",
            "niveau-3",
            (
                Group(f"dep-{i // 15}", f"Département {i // 15}", f"/departements/{i // 15}/"),
                Group(f"reg-{i // 120}", f"Région {i // 120}", f"/regions/{i // 120}/"),
            ),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize(("n", "budget"), [(300, 130_000), (1500, 400_000)])
def test_home_map_stays_small(n, budget):
    svg = render_map_svg(_crowd(n), title="Carte", description=f"{n} villes")
    root = ET.fromstring(svg)
    assert len(root.findall(f".//{SVG}a[@class='point']")) == n  # each, shown or grouped
    assert root.findall(f".//{SVG}a[@class='grappe']")  # crowded: grouped
    assert len(svg.encode()) < budget


def _rects(svg: str) -> list[tuple[float, float, float, float]]:
    root = ET.fromstring(svg)
    shown = root.find(f"{SVG}g[@class='points']")
    return [
        tuple(float(r.get(k)) for k in ("x", "y", "width", "height"))
        for r in shown.iter(f"{SVG}rect")
    ]


@pytest.mark.parametrize("n", [12, 300, 1500])
def test_targets_are_finger_sized_apart_and_inside(n):
    """24 px or more where the map is drawn narrowest (375 px phone), none overlapping another,
    the corner of the « Carte interactive » button or the view's edge."""
    svg = render_map_svg(_crowd(n), title="Carte", description="d")
    px = projection.VIEWBOX[2] / svgmap.NARROW_PX
    rects = _rects(svg)
    assert rects
    corner = svgmap.reserved_corner(projection.VIEWBOX)
    vx, vy, vw, vh = projection.VIEWBOX
    for i, (x, y, w, h) in enumerate(rects):
        assert w >= 24 * px and h >= 24 * px
        assert vx <= x and x + w <= vx + vw and vy <= y and y + h <= vy + vh
        assert not (x < corner[2] and corner[0] < x + w and y < corner[3] and corner[1] < y + h)
        for x2, y2, w2, h2 in rects[i + 1 :]:
            assert not (x < x2 + w2 and x2 < x + w and y < y2 + h2 and y2 < y + h)


def test_close_points_are_moved_apart_with_a_leader_line():
    """Two collectivities at one town hall (a town and its intercommunality): two targets side
    by side, each with a line to where they really are."""
    twins = [
        MapPoint(48.3904, -4.4861, "Brest", "/territoires/brest/"),
        MapPoint(48.3904, -4.4861, "Brest Métropole", "/territoires/brest-metropole/"),
    ]
    svg = render_map_svg(twins, title="Carte", description="d")
    root = ET.fromstring(svg)
    assert len(_rects(svg)) == 2
    assert len(root.findall(f".//{SVG}line[@class='renvoi']")) == 2
    anchors = root.findall(f".//{SVG}circle[@class='ancre']")
    x, y = projection.project(48.3904, -4.4861)
    assert all(
        abs(float(a.get("cx")) - x) < 0.01 and abs(float(a.get("cy")) - y) < 0.01 for a in anchors
    )


def test_places_map_draws_the_communes_under_the_points():
    """Zoomed on a town, the map shows its communes' outlines and names: dots on a map, not on
    an empty box."""
    places = [
        MapPoint(45.4397, 4.3872, "Hôtel de ville", "/actions/a/", "lieu"),
        MapPoint(45.4300, 4.3900, "Médiathèque", "/actions/b/", "lieu"),
    ]
    svg = render_map_svg(places, title="Lieux", description="d", focus=["42"], fit=6.0)
    root = ET.fromstring(svg)
    communes = root.findall(f".//{SVG}g[@class='communes']/{SVG}path")
    assert "commune-42218" in {p.get("class") for p in communes}
    names = [t.text for t in root.findall(f".//{SVG}g[@class='communes-noms']/{SVG}text")]
    assert "Saint-Étienne" in names
    assert svg == render_map_svg(places, title="Lieux", description="d", focus=["42"], fit=6.0)


def test_inset_names_are_twelve_pixels_on_a_phone():
    svg = render_map_svg([], title="Carte", description="d")
    root = ET.fromstring(svg)
    names = root.find(f".//{SVG}g[@class='encarts-noms']")
    px = projection.VIEWBOX[2] / svgmap.NARROW_PX
    assert float(names.get("font-size")) / px >= 12
    assert [t.text for t in names] == [
        "Guadeloupe",
        "Martinique",
        "Guyane",
        "La Réunion",
        "Mayotte",
    ]


def test_focus_crops_the_view():
    svg = render_map_svg(_points(), title="Gironde", description="d", focus=["33"])
    root = ET.fromstring(svg)
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    x0, y0, x1, y1 = _outlines()["33"].bbox
    assert x < x0 and y < y0 and x + w > x1 and y + h > y1
    assert w < 200 and h < 200
    focused = root.findall(f".//{SVG}g[@class='departements departements-focus']/{SVG}path")
    assert [p.get("class") for p in focused] == ["dep-33"]
    assert root.findall(f".//{SVG}a") == []  # none of the sample places is near Bordeaux


def test_focus_on_overseas_shows_its_inset():
    svg = render_map_svg(_points(), title="Réunion", description="d", focus=["974"])
    root = ET.fromstring(svg)
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    bx, by, bw, bh = projection.INSETS_BY_CODE["974"].box
    assert x <= bx and y <= by and x + w >= bx + bw and y + h >= by + bh
    assert w < 250
    assert [a.get("aria-label") for a in root.findall(f".//{SVG}a")] == ["Saint-Denis"]


def test_unknown_focus_is_an_error():
    with pytest.raises(ValueError, match="99"):
        render_map_svg([], title="t", description="d", focus=["99"])


def test_escaping_and_ids():
    point = MapPoint(48.8566, 2.3522, "L’Haÿ & <Cie>", '/a?b=1&c="2"', "niveau-5")
    svg = render_map_svg([point], title="A < B", description="d", id_prefix="carte-2")
    root = ET.fromstring(svg)
    link = root.find(f".//{SVG}a")
    assert link.get("href") == '/a?b=1&c="2"'
    assert link.get("aria-label") == "L’Haÿ & <Cie>"
    assert root.find(f"{SVG}title").get("id") == "carte-2-titre"


def test_geojson_outlines():
    data = outlines_geojson()
    assert data["type"] == "FeatureCollection"
    features = {f["properties"]["code"]: f for f in data["features"]}
    assert len(features) == 101
    assert features["33"]["properties"]["nom"] == "Gironde"
    ring = features["33"]["geometry"]["coordinates"][0][0]
    assert ring[0] == ring[-1] and len(ring) > 50
    x, y = projection.project(44.8378, -0.5792)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    assert min(xs) < x < max(xs) and min(ys) < y < max(ys)


def test_stale_layout_is_caught(tmp_path, monkeypatch):
    import gzip
    import json

    from label_map import svgmap

    data = json.loads(gzip.decompress(svgmap.OUTLINES.read_bytes()))
    data["layout"]["viewBox"] = [0, 0, 900, 900]
    stale = tmp_path / "carte.json.gz"
    stale.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(RuntimeError, match="refresh_reference"):
        svgmap._outlines(stale)


def test_scale_at_follows_each_inset():
    """The places map's minimum width is in metres: Réunion is drawn larger than the mainland,
    Guyane smaller."""
    mainland = projection.scale_at(45.44, 4.39)
    assert projection.scale_at(-20.88, 55.45) > mainland > projection.scale_at(4.94, -52.33)
    a, b = projection.project(45.44, 4.39), projection.project(45.44, 4.39 + 0.1)
    metres = 0.1 * 111_320 * math.cos(math.radians(45.44))
    assert abs((b[0] - a[0]) / metres - mainland) / mainland < 0.01
