"""The panels' graphic charter: load, validate, and fingerprint ``charter.yaml``.

In: a YAML charter file (default: ``charter.yaml`` beside this module), whose keys are French
because designers and staff edit it. Out: a frozen ``Charter`` (measures in mm, colours as
``#RRGGBB``, font paths resolved relative to the charter file), or a ``CharterError`` that lists
every problem, one per line, as ``file:line:column: message`` in French. ``charter_digest``
fingerprints everything that shapes a panel (charter bytes, font bytes, ``RENDERER_VERSION``) so
that callers can cache rendered files by content.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from label_build.cache import digest

from label_panels.fonts import font_info

# Bump whenever a renderer's output bytes change for the same charter and fonts.
RENDERER_VERSION = "2"

DEFAULT_CHARTER = Path(__file__).with_name("charter.yaml")
KINDS = ("ville", "village", "territoire")
MAX_LEVEL = 5
MIN_PRINT_WIDTH = 4000
MIN_BLEED = 3.0  # mm: what printers ask for at least
# The widest year the layout must hold: every digit at its widest.
_WIDEST_YEAR_DIGITS = 4
NBSP = "\u00a0"


class CharterError(ValueError):
    """A charter file with one or more bad values; the message lists them all."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        count = len(problems)
        plural = "s" if count > 1 else ""
        summary = f"{count} problème{plural} dans la charte des panneaux {path}"
        super().__init__("\n".join([*problems, summary]))


@dataclass(frozen=True)
class TextStyle:
    font: str  # key of Charter.fonts
    size: float  # em, mm
    tracking: float  # mm added between two glyphs
    color: str
    baseline: float  # mm from the panel's top


@dataclass(frozen=True)
class PrintColor:
    """A charter colour for print: its name, its CMYK in percent, an optional spot ink."""

    name: str
    cmyk: tuple[float, float, float, float]
    spot: str | None = None


@dataclass(frozen=True)
class Charter:
    path: Path
    width: float
    height: float
    radius: float
    background: str
    frame_margin: float
    frame_thickness: float
    frame_radius: float
    frame_color: str
    fonts: dict[str, Path]
    padding: float
    titles: dict[str, str]
    title: TextStyle
    at_font: str
    at_size: float
    at_pitch: float
    at_baseline: float
    at_color: str
    at_green_color: str
    show_empty: bool
    empty_color: str
    year: TextStyle
    png_web_width: int
    png_print_width: int
    bleed: float  # mm of « fond perdu » around the trim size
    crop_mark_length: float  # mm, outside the bleed
    print_colors: dict[str, PrintColor]  # "#RRGGBB" → its print value
    # Hash of the charter's and fonts' bytes as loaded, so that a later edit of the files
    # cannot make a cache key disagree with the charter in hand.
    source_digest: str = ""

    def print_color(self, hex_color: str) -> PrintColor:
        return self.print_colors[hex_color.upper()]

    @property
    def colors(self) -> list[str]:
        """Every colour the charter draws with, in the order a reader meets them."""
        used = [self.background, self.frame_color, self.title.color, self.at_color]
        used += [self.at_green_color, self.empty_color, self.year.color]
        return list(dict.fromkeys(used))

    @property
    def inner_left(self) -> float:
        """Left edge of the free area inside the frame and its padding."""
        return self.frame_margin + self.frame_thickness + self.padding

    @property
    def inner_right(self) -> float:
        return self.width - self.inner_left

    @property
    def inner_top(self) -> float:
        return self.frame_margin + self.frame_thickness + self.padding

    @property
    def inner_bottom(self) -> float:
        return self.height - self.inner_top


# --- schema -------------------------------------------------------------------------------

Check = Callable[[Any], str | None]


def _number(minimum: float = 0.0, strict: bool = False) -> Check:
    def check(value: Any) -> str | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and (value > minimum if strict else value >= minimum):
            return None
        bound = f"supérieur à {minimum:g}" if strict else f"au moins {minimum:g}"
        return f"doit être un nombre {bound}"

    return check


def _integer(minimum: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
            return None
        return f"doit être un entier d’au moins {minimum}"

    return check


def _color(value: Any) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        return None
    return "doit être une couleur « #RRGGBB »"


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "doit être un texte non vide"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "doit valoir true ou false"


def _print_colors(value: Any) -> str | None:
    """``{"#RRGGBB": {nom: …, cmjn: [c, m, j, n], ton_direct: …}}``, percentages 0 to 100."""
    if not isinstance(value, dict) or not value:
        return "doit être une table « #RRGGBB » → {nom, cmjn}"
    for key, entry in value.items():
        if _color(key) is not None:
            return f"{key!r} n’est pas une couleur « #RRGGBB »"
        if not isinstance(entry, dict) or not {"nom", "cmjn"} <= set(entry):
            return f"{key} : nom et cmjn attendus"
        if set(entry) - {"nom", "cmjn", "ton_direct"}:
            return f"{key} : seules les clés nom, cmjn et ton_direct sont permises"
        cmyk = entry["cmjn"]
        percentages = isinstance(cmyk, list) and len(cmyk) == 4
        if not percentages or not all(_number()(v) is None and v <= 100 for v in cmyk):
            return f"{key} : cmjn doit être une liste de 4 pourcentages de 0 à 100"
    return None


def _font_key(value: Any) -> str | None:
    return None if value in ("gras", "normal") else "doit valoir gras ou normal"


_POSITIVE = _number(strict=True)
_NON_NEGATIVE = _number()
_TEXT_STYLE = {
    "police": _font_key,
    "taille": _POSITIVE,
    "approche": _number(-0.2),
    "couleur": _color,
    "ligne_de_base": _POSITIVE,
}
SCHEMA: dict[str, Any] = {
    "panneau": {"largeur": _POSITIVE, "hauteur": _POSITIVE, "rayon": _NON_NEGATIVE, "fond": _color},
    "cadre": {
        "marge": _NON_NEGATIVE,
        "epaisseur": _NON_NEGATIVE,
        "rayon": _NON_NEGATIVE,
        "couleur": _color,
    },
    "polices": {"gras": _text, "normal": _text},
    "marge_interieure": _NON_NEGATIVE,
    "titre": {"textes": {kind: _text for kind in KINDS}, **_TEXT_STYLE},
    "arobases": {
        "police": _font_key,
        "taille": _POSITIVE,
        "pas": _POSITIVE,
        "ligne_de_base": _POSITIVE,
        "couleur": _color,
        "couleur_verte": _color,
        "afficher_vides": _boolean,
        "couleur_vide": _color,
    },
    "annee": dict(_TEXT_STYLE),
    "exports": {"largeur_png_web": _integer(100), "largeur_png_impression": _integer(1)},
    "impression": {
        "fond_perdu": _number(MIN_BLEED),
        "traits_de_coupe": _POSITIVE,
        "couleurs": _print_colors,
    },
}


# --- loading ------------------------------------------------------------------------------


def _marks(node: yaml.Node, prefix: str, out: dict[str, tuple[int, int]], problems: list[str]):
    """Record line and column of every key path; report duplicate keys (PyYAML keeps the last)."""
    out.setdefault(prefix, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            path = f"{prefix}.{key}" if prefix else key
            if key in seen:
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                problems.append(f"{line}:{column}: clé en double : {path}")
            seen.add(key)
            out[path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _marks(value_node, path, out, problems)


def _walk(schema: dict[str, Any], data: Any, prefix: str, report: Callable[[str, str], None]):
    if not isinstance(data, dict):
        report(prefix, f"{prefix or 'la charte'} doit être une table de clés")
        return
    for key in data:
        path = f"{prefix}.{key}" if prefix else str(key)
        if key not in schema and not str(key).startswith("x-"):
            report(path, f"clé inconnue : {path}")
    for key, rule in schema.items():
        path = f"{prefix}.{key}" if prefix else key
        if key not in data:
            report(prefix, f"clé manquante : {path}")
        elif isinstance(rule, dict):
            _walk(rule, data[key], path, report)
        elif (message := rule(data[key])) is not None:
            report(path, f"{path} {message} (lu{NBSP}: {data[key]!r})")


def _style(section: dict[str, Any]) -> TextStyle:
    return TextStyle(
        font=section["police"],
        size=float(section["taille"]),
        tracking=float(section["approche"]) * float(section["taille"]),
        color=section["couleur"].upper(),
        baseline=float(section["ligne_de_base"]),
    )


def _build(path: Path, data: dict[str, Any]) -> Charter:
    panel, frame, at = data["panneau"], data["cadre"], data["arobases"]
    return Charter(
        path=path,
        width=float(panel["largeur"]),
        height=float(panel["hauteur"]),
        radius=float(panel["rayon"]),
        background=panel["fond"].upper(),
        frame_margin=float(frame["marge"]),
        frame_thickness=float(frame["epaisseur"]),
        frame_radius=float(frame["rayon"]),
        frame_color=frame["couleur"].upper(),
        fonts={key: (path.parent / value).resolve() for key, value in data["polices"].items()},
        padding=float(data["marge_interieure"]),
        titles=dict(data["titre"]["textes"]),
        title=_style(data["titre"]),
        at_font=at["police"],
        at_size=float(at["taille"]),
        at_pitch=float(at["pas"]),
        at_baseline=float(at["ligne_de_base"]),
        at_color=at["couleur"].upper(),
        at_green_color=at["couleur_verte"].upper(),
        show_empty=at["afficher_vides"],
        empty_color=at["couleur_vide"].upper(),
        year=_style(data["annee"]),
        png_web_width=data["exports"]["largeur_png_web"],
        png_print_width=data["exports"]["largeur_png_impression"],
        bleed=float(data["impression"]["fond_perdu"]),
        crop_mark_length=float(data["impression"]["traits_de_coupe"]),
        print_colors={
            key.upper(): PrintColor(
                str(entry["nom"]),
                tuple(float(v) for v in entry["cmjn"]),
                entry.get("ton_direct") or None,
            )
            for key, entry in data["impression"]["couleurs"].items()
        },
    )


def _check_fonts(charter: Charter, report: Callable[[str, str], None]) -> bool:
    ok = True
    for key, font_path in charter.fonts.items():
        try:
            head = font_path.read_bytes()[:4]
        except OSError:
            report(f"polices.{key}", f"polices.{key} : fichier introuvable ({font_path})")
            ok = False
            continue
        if head not in (b"\x00\x01\x00\x00", b"true"):
            report(f"polices.{key}", f"polices.{key} : police TrueType (.ttf) attendue")
            ok = False
    return ok


def _check_layout(charter: Charter, report: Callable[[str, str], None]) -> None:
    """Every text must hold in the frame, with its glyphs in the font, rows not overlapping."""
    inner_width = charter.inner_right - charter.inner_left
    title_font = font_info(charter.fonts[charter.title.font])
    cap = title_font.cap_height / title_font.units_per_em
    for kind, text in charter.titles.items():
        missing = sorted({char for char in text if not title_font.has_char(char)})
        if missing:
            report(
                f"titre.textes.{kind}",
                f"titre.textes.{kind} : caractères absents de la police : {' '.join(missing)}",
            )
            continue
        width = title_font.text_width(text, charter.title.size, charter.title.tracking)
        if width > inner_width:
            report(
                "titre.taille",
                f"titre.taille : « {text} » mesure {width:.0f} mm, plus que "
                f"la largeur libre de {inner_width:.0f} mm",
            )
    if charter.title.baseline - cap * charter.title.size < charter.inner_top:
        report("titre.ligne_de_base", "titre.ligne_de_base : le titre déborde en haut du cadre")

    at_font = font_info(charter.fonts[charter.at_font])
    at_box = at_font.box("@")
    scale = charter.at_size / at_font.units_per_em
    at_width = (at_box.x_max - at_box.x_min) * scale
    if at_width >= charter.at_pitch:
        report(
            "arobases.pas",
            f"arobases.pas : les arobases se chevauchent ({at_width:.0f} mm "
            f"de large pour un pas de {charter.at_pitch:g} mm)",
        )
    row = (MAX_LEVEL - 1) * charter.at_pitch + at_width
    if row > inner_width:
        report(
            "arobases.pas",
            f"arobases.pas : la rangée de {MAX_LEVEL} arobases mesure "
            f"{row:.0f} mm, plus que la largeur libre de {inner_width:.0f} mm",
        )
    at_top = charter.at_baseline - at_box.y_max * scale
    at_bottom = charter.at_baseline - at_box.y_min * scale
    if at_top <= charter.title.baseline:
        report("arobases.ligne_de_base", "arobases.ligne_de_base : les arobases touchent le titre")

    year_font = font_info(charter.fonts[charter.year.font])
    digits = max("0123456789", key=year_font.advance)
    year_width = year_font.text_width(
        digits * _WIDEST_YEAR_DIGITS, charter.year.size, charter.year.tracking
    )
    if year_width > inner_width:
        report(
            "annee.taille",
            f"annee.taille : l’année mesure jusqu’à {year_width:.0f} mm, plus "
            f"que la largeur libre de {inner_width:.0f} mm",
        )
    year_cap = year_font.cap_height / year_font.units_per_em * charter.year.size
    if charter.year.baseline - year_cap <= at_bottom:
        report("annee.ligne_de_base", "annee.ligne_de_base : l’année touche les arobases")
    if charter.year.baseline > charter.inner_bottom:
        report("annee.ligne_de_base", "annee.ligne_de_base : l’année déborde en bas du cadre")


def load_charter(path: Path | None = None) -> Charter:
    """Read and validate a charter; raise ``CharterError`` listing every problem."""
    path = Path(path) if path is not None else DEFAULT_CHARTER
    try:
        source = path.read_text(encoding="utf-8")
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except (OSError, yaml.YAMLError) as error:
        raise CharterError(path, [f"{path}: lecture impossible{NBSP}: {error}"]) from None
    marks: dict[str, tuple[int, int]] = {}
    located: list[str] = []
    if node is not None:
        _marks(node, "", marks, located)
    problems = [f"{path}:{_french(problem)}" for problem in located]

    def report(key_path: str, message: str) -> None:
        line, column = marks.get(key_path, marks.get("", (1, 1)))
        problems.append(f"{path}:{line}:{column}: {_french(message)}")

    _walk(SCHEMA, data if data is not None else {}, "", report)
    if problems:
        raise CharterError(path, sorted(problems, key=_line_order))
    charter = _build(path, data)
    if data["exports"]["largeur_png_impression"] < MIN_PRINT_WIDTH:
        report(
            "exports.largeur_png_impression",
            f"exports.largeur_png_impression doit valoir au "
            f"moins {MIN_PRINT_WIDTH} pixels (lu{NBSP}: {charter.png_print_width})",
        )
    missing = [color for color in charter.colors if color not in charter.print_colors]
    if missing:
        report(
            "impression.couleurs",
            f"impression.couleurs : pas de valeur CMJN pour {', '.join(missing)}",
        )
    if _check_fonts(charter, report):
        _check_layout(charter, report)
    if problems:
        raise CharterError(path, sorted(problems, key=_line_order))
    parts: list[bytes | str] = [source.encode("utf-8")]
    for key in sorted(charter.fonts):
        parts += [key, charter.fonts[key].read_bytes()]
    return replace(charter, source_digest=digest(parts))


def _french(text: str) -> str:
    """No-break spaces before « : » and inside guillemets, as French typography wants."""
    return text.replace(" :", NBSP + ":").replace("« ", "«" + NBSP).replace(" »", NBSP + "»")


def _line_order(problem: str) -> tuple[int, int, str]:
    match = re.search(r":(\d+):(\d+): ", problem)
    return (int(match.group(1)), int(match.group(2)), problem) if match else (0, 0, problem)


def charter_digest(charter: Charter) -> str:
    """A hash of all that shapes a panel: charter file, font files and renderer version."""
    return digest([RENDERER_VERSION, charter.source_digest])
