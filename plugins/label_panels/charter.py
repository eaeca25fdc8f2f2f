"""The panels' graphic charter: load, validate, and fingerprint ``charter.yaml``.

In: a YAML charter file (default: ``charter.yaml`` beside this module), whose keys are French
because designers and staff edit it. Out: a frozen ``Charter`` (measures in mm, colours as
``#RRGGBB``, font paths resolved relative to the charter file), or a ``CharterError`` that lists
every problem, one per line, as ``file:line:column: message`` in French. ``charter_digest``
fingerprints everything that shapes a panel (charter bytes, font bytes, and the digest of the
renderers' code and libraries, ``label_infra.code``) so that callers can cache rendered files
by content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from label_data.offer import MAX_LEVEL
from label_data.problems import Location, Problems
from label_data.schema import CHARTER
from label_data.typo import NBSP
from label_infra.code import code_digest
from label_infra.digests import digest

from label_panels.fonts import font_info
from label_panels.pdfx import pdfx_digest

DEFAULT_CHARTER = Path(__file__).with_name("charter.yaml")
MIN_PRINT_WIDTH = 4000
# The widest year the layout must hold: every digit at its widest.
_WIDEST_YEAR_DIGITS = 4


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


# --- loading ------------------------------------------------------------------------------


def _marks(
    node: yaml.Node, prefix: str, out: dict[str, tuple[int, int]], problems: Problems, file: str
) -> None:
    """Record line and column of every key path; report duplicate keys (PyYAML keeps the last)."""
    out.setdefault(prefix, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            path = f"{prefix}.{key}" if prefix else key
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key in seen:
                problems.error(Location(file, line, column), _french(f"clé en double : {path}"))
            seen.add(key)
            out[path] = (line, column)
            _marks(value_node, path, out, problems, file)


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
    """Every text must hold in the frame, with its glyphs in the font, rows not overlapping:
    the title, then the row of @, then the year (each row checked against the one above)."""
    _check_title(charter, report)
    at_bottom = _check_ats(charter, report)
    _check_year(charter, report, at_bottom)


def _check_title(charter: Charter, report: Callable[[str, str], None]) -> None:
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


def _check_ats(charter: Charter, report: Callable[[str, str], None]) -> float:
    """The row of @ under the title; gives the row's bottom, in mm from the top."""
    inner_width = charter.inner_right - charter.inner_left
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
    return at_bottom


def _check_year(charter: Charter, report: Callable[[str, str], None], at_bottom: float) -> None:
    inner_width = charter.inner_right - charter.inner_left
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
    problems = Problems()
    marks: dict[str, tuple[int, int]] = {}
    if node is not None:
        _marks(node, "", marks, problems, str(path))

    def report(key_path: str, message: str) -> None:
        # A missing key is told at its section, the nearest place the file has.
        while key_path not in marks and key_path:
            key_path = key_path.rpartition(".")[0]
        line, column = marks.get(key_path, (1, 1))
        problems.error(Location(str(path), line, column), _french(message))

    # The one schema machinery (label_data.schema): every key, its type, its message.
    for key_path, message in CHARTER.problems(data if data is not None else {}):
        report(key_path, message)
    if problems.errors:
        raise CharterError(path, problems.lines())
    charter = _build(path, data)
    _check_charter(charter, report)
    if problems.errors:
        raise CharterError(path, problems.lines())
    parts: list[bytes | str] = [source.encode("utf-8")]
    for key in sorted(charter.fonts):
        parts += [key, charter.fonts[key].read_bytes()]
    return replace(charter, source_digest=digest(parts))


def _check_charter(charter: Charter, report: Callable[[str, str], None]) -> None:
    """What spans several keys: print width, a CMYK for each colour drawn, fonts, layout."""
    if charter.png_print_width < MIN_PRINT_WIDTH:
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


def _french(text: str) -> str:
    """No-break spaces before « : » and inside guillemets, as French typography wants."""
    return text.replace(" :", NBSP + ":").replace("« ", "«" + NBSP).replace(" »", NBSP + "»")


def charter_digest(charter: Charter) -> str:
    """A hash of all that shapes a panel: the charter and font files, and the renderers' code
    with the libraries it runs (the print profile beside it and pikepdf included)."""
    return digest([code_digest("label_panels.render"), charter.source_digest, pdfx_digest()])
