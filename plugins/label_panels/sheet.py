"""The « fiche technique » of one panel: what a sign maker or a printer needs to know.

In: a ``PanelSpec`` and a ``Charter``. Out: a French UTF-8 text (``<stem>-fiche-technique.txt``,
published beside the panel's files and put in the kits): finished size, corner radius, bleed,
every colour in CMYK and hex, the typeface, and which file to send to whom. Everything comes
from the charter, so a new charter gives a new sheet.
"""

from __future__ import annotations

import textwrap

from fontTools.ttLib import TTFont
from label_data.typo import number

from label_panels.charter import NBSP, Charter
from label_panels.geometry import PanelSpec
from label_panels.pdfx import CONDITION, PDFX_VERSION

WRAP = 78


def number_fr(value: float) -> str:
    return number(value)  # as the site's pages write numbers


def _mm(value: float) -> str:
    return f"{number_fr(round(value, 1))}{NBSP}mm"


def _size(width: float, height: float) -> str:
    return f"{number_fr(round(width, 1))}{NBSP}×{NBSP}{_mm(height)}"


def _font_names(charter: Charter) -> str:
    names = []
    for path in sorted(set(charter.fonts[key] for key in ("gras", "normal"))):
        name = TTFont(path, lazy=True)["name"]
        names.append(
            f"{name.getDebugName(1)} {name.getDebugName(2)}".replace("Bold", "Gras").replace(
                "Regular", "normal"
            )
        )
    return ", ".join(names)


def _colors(charter: Charter) -> list[str]:
    lines = []
    for hex_color in charter.colors:
        color = charter.print_color(hex_color)
        c, m, y, k = (number_fr(v) for v in color.cmyk)
        spot = f", ton direct «{NBSP}{color.spot}{NBSP}»" if color.spot else ""
        lines.append(
            f"{color.name}{NBSP}: C{NBSP}{c} M{NBSP}{m} J{NBSP}{y} N{NBSP}{k}{spot} ({hex_color})"
        )
    return lines


def _files(spec: PanelSpec, charter: Charter) -> list[str]:
    stem = spec.stem
    return [
        f"{stem}.pdf{NBSP}: le fichier à envoyer au fabricant de panneaux ou à l’imprimeur. "
        f"{PDFX_VERSION} vectoriel au format réel, couleurs CMJN seules, police incorporée ; "
        "format fini (TrimBox) et fond perdu (BleedBox) déclarés.",
        f"{stem}-traits-de-coupe.pdf{NBSP}: le même, avec des traits de coupe hors du fond "
        "perdu, pour l’imprimeur qui les demande.",
        f"{stem}.svg{NBSP}: le dessin vectoriel (couleurs d’écran, textes vectorisés), pour un "
        "graphiste ou une découpe d’adhésif.",
        f"{stem}-impression.png{NBSP}: une image de {number_fr(charter.png_print_width)} "
        "pixels de large (couleurs "
        "d’écran), pour un tirage de petit format seulement.",
        f"{stem}.png{NBSP}: l’image de {number_fr(charter.png_web_width)} pixels pour un "
        "site ou un bulletin.",
    ]


def _wrap(text: str, bullet: bool = False) -> list[str]:
    return textwrap.wrap(
        text.replace(" ;", NBSP + ";"),
        WRAP,
        initial_indent="  • " if bullet else "",
        subsequent_indent="    " if bullet else "",
        break_long_words=False,
        break_on_hyphens=False,
    )


def technical_sheet(spec: PanelSpec, charter: Charter) -> bytes:
    title = f"Fiche technique{NBSP}: panneau «{NBSP}{spec.label}{NBSP}»"
    bleed = charter.bleed
    lines = [title, "=" * len(title), ""]
    lines += _wrap(
        f"Panneau routier du label «{NBSP}Territoires, Villes et Villages Internet{NBSP}», "
        "selon la charte graphique de l’association Villes Internet (règle R11)."
    )
    lines += ["", "Dimensions", "----------", ""]
    for text in (
        f"Format fini{NBSP}: {_size(charter.width, charter.height)} (largeur × hauteur), "
        f"angles arrondis de {_mm(charter.radius)} de rayon.",
        f"Fond perdu{NBSP}: {_mm(bleed)} de chaque côté, soit "
        f"{_size(charter.width + 2 * bleed, charter.height + 2 * bleed)} ; le fond déborde "
        "dans le fond perdu.",
        f"Filet{NBSP}: {_mm(charter.frame_thickness)} d’épaisseur, à {_mm(charter.frame_margin)} "
        "du bord.",
        f"Police{NBSP}: {_font_names(charter)} (licence SIL Open Font License 1.1), "
        "incorporée au PDF ; zéro sans barre.",
    ):
        lines += _wrap(text, bullet=True)
    lines += ["", "Couleurs (quadrichromie CMJN, en %)", "-----------------------------------", ""]
    for text in _colors(charter):
        lines += _wrap(text, bullet=True)
    lines += ["", "Quel fichier envoyer, à qui", "---------------------------", ""]
    for text in _files(spec, charter):
        lines += _wrap(text, bullet=True)
    lines += [""] + _wrap(
        f"PDF/X{NBSP}: les PDF sont déclarés {PDFX_VERSION}, avec pour condition d’impression "
        f"{CONDITION} (offset sur papier couché, ISO 12647-2) et son profil ICC incorporé. Les "
        "valeurs CMJN de la charte s’impriment telles quelles ; l’imprimeur dont la presse suit "
        "une autre condition (PSO Coated v3, papier non couché, sérigraphie…) les convertit lors "
        "du contrôle avant impression."
    )
    return ("\n".join(lines) + "\n").encode("utf-8")
