"""The declaration of the panels' charter (``label_panels/charter.yaml``).

In: plain values read by PyYAML (numbers are numbers there). Out: ``CHARTER``, whose
``problems`` give messages naming the key path, the way designers read the file
(« panneau.largeur doit être un nombre supérieur à 0 (lu : -5) »), and the measure types it is
made of. Read by ``label_panels.charter`` through ``label_data.schema``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .fieldtypes import Field, FieldType, Mapping
from .model import KINDS

# --- the panels' charter (label_panels/charter.yaml) ---------------------------------------
# Read by PyYAML as plain values (numbers are numbers there); messages name the key path, the
# way designers read the file: « panneau.largeur doit être un nombre supérieur à 0 (lu : -5) ».

MIN_BLEED = 3.0  # mm: what printers ask for at least


class Measure(FieldType):
    """A charter value: ``rule`` says what it must be, the message adds the value read."""

    def rule(self, value: Any) -> str | None:
        raise NotImplementedError

    def check(self, value: Any, what: str) -> str | None:
        fragment = self.rule(value)
        return None if fragment is None else f"{what} {fragment} (lu : {value!r})"


class Dimension(Measure):
    """A number of millimetres (or a ratio), at least ``minimum`` (above it when strict)."""

    def __init__(self, minimum: float = 0.0, strict: bool = False):
        self.minimum, self.strict = minimum, strict
        self.doc = "number"

    def rule(self, value: Any) -> str | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and (value > self.minimum if self.strict else value >= self.minimum):
            return None
        bound = f"supérieur à {self.minimum:g}" if self.strict else f"au moins {self.minimum:g}"
        return f"doit être un nombre {bound}"


class Pixels(Measure):
    doc = "integer"

    def __init__(self, minimum: int):
        self.minimum = minimum

    def rule(self, value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and value >= self.minimum:
            return None
        return f"doit être un entier d’au moins {self.minimum}"


class Colour(Measure):
    doc = "#RRGGBB"

    def rule(self, value: Any) -> str | None:
        if isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            return None
        return "doit être une couleur « #RRGGBB »"


class Words(Measure):
    doc = "text"

    def rule(self, value: Any) -> str | None:
        return None if isinstance(value, str) and value.strip() else "doit être un texte non vide"


class Flag(Measure):
    doc = "true/false"

    def rule(self, value: Any) -> str | None:
        return None if isinstance(value, bool) else "doit valoir true ou false"


class FontKey(Measure):
    doc = "`gras`, `normal`"

    def rule(self, value: Any) -> str | None:
        return None if value in ("gras", "normal") else "doit valoir gras ou normal"


class PrintColours(Measure):
    """``{"#RRGGBB": {nom: …, cmjn: [c, m, j, n], ton_direct: …}}``, percentages 0 to 100."""

    doc = "table of #RRGGBB → {nom, cmjn, ton_direct}"

    def rule(self, value: Any) -> str | None:
        if not isinstance(value, dict) or not value:
            return "doit être une table « #RRGGBB » → {nom, cmjn}"
        for key, entry in value.items():
            if Colour().rule(key) is not None:
                return f"{key!r} n’est pas une couleur « #RRGGBB »"
            if not isinstance(entry, dict) or not {"nom", "cmjn"} <= set(entry):
                return f"{key} : nom et cmjn attendus"
            if set(entry) - {"nom", "cmjn", "ton_direct"}:
                return f"{key} : seules les clés nom, cmjn et ton_direct sont permises"
            cmyk = entry["cmjn"]
            percentages = isinstance(cmyk, list) and len(cmyk) == 4
            if not percentages or not all(Dimension().rule(v) is None and v <= 100 for v in cmyk):
                return f"{key} : cmjn doit être une liste de 4 pourcentages de 0 à 100"
        return None


class Section(Mapping):
    """A section of the charter: every key required, messages naming the dotted key path."""

    def __init__(self, what: str, fields: Sequence[Field]):
        super().__init__(what, [replace(f, required=True) for f in fields])

    def named(self, field: Field, path: str) -> str:
        return path

    def not_a_table(self, path: str) -> str:
        return f"{path or 'la charte'} doit être une table de clés"

    def unknown(self, path: str, key: str) -> str:
        return f"clé inconnue : {self._key(path, key)}"

    def missing(self, path: str, key: str) -> str:
        return f"clé manquante : {self._key(path, key)}"


_POSITIVE = Dimension(strict=True)


def _text_style(what: str) -> list[Field]:
    return [
        Field("police", FontKey(), meaning=f"the {what}'s font"),
        Field("taille", _POSITIVE, meaning="its size (em, mm)"),
        Field("approche", Dimension(-0.2), meaning="tracking, a fraction of the size"),
        Field("couleur", Colour(), meaning="its colour"),
        Field("ligne_de_base", _POSITIVE, meaning="its baseline, mm from the top"),
    ]


def _section(what: str, *fields: tuple[str, FieldType, str]) -> Field:
    return Field(what, Section(what, [Field(n, t, meaning=m) for n, t, m in fields]))


CHARTER = Section(
    "la charte",
    [
        _section(
            "panneau",
            ("largeur", _POSITIVE, "width, mm"),
            ("hauteur", _POSITIVE, "height, mm"),
            ("rayon", Dimension(), "corner radius, mm"),
            ("fond", Colour(), "background colour"),
        ),
        _section(
            "cadre",
            ("marge", Dimension(), "margin outside the frame, mm"),
            ("epaisseur", Dimension(), "frame thickness, mm"),
            ("rayon", Dimension(), "frame corner radius, mm"),
            ("couleur", Colour(), "frame colour"),
        ),
        _section(
            "polices",
            ("gras", Words(), "bold font file, relative to the charter"),
            ("normal", Words(), "regular font file"),
        ),
        Field("marge_interieure", Dimension(), meaning="padding inside the frame, mm"),
        Field(
            "titre",
            Section(
                "titre",
                [
                    Field(
                        "textes",
                        Section("textes", [Field(k, Words(), meaning="R11") for k in KINDS]),
                        meaning="the title of each kind of panel",
                    ),
                    *_text_style("title"),
                ],
            ),
        ),
        _section(
            "arobases",
            ("police", FontKey(), "the @'s font"),
            ("taille", _POSITIVE, "their size"),
            ("pas", _POSITIVE, "distance between two @, mm"),
            ("ligne_de_base", _POSITIVE, "their baseline"),
            ("couleur", Colour(), "an @ earned"),
            ("couleur_verte", Colour(), "the green @ (R8)"),
            ("afficher_vides", Flag(), "draw the @ not earned"),
            ("couleur_vide", Colour(), "an @ not earned"),
        ),
        Field("annee", Section("annee", _text_style("year")), meaning="the year (R11)"),
        _section(
            "exports",
            ("largeur_png_web", Pixels(100), "PNG width for the web"),
            ("largeur_png_impression", Pixels(1), "PNG width for print"),
        ),
        _section(
            "impression",
            ("fond_perdu", Dimension(MIN_BLEED), "bleed, mm"),
            ("traits_de_coupe", _POSITIVE, "crop mark length, mm"),
            ("couleurs", PrintColours(), "CMYK of every colour drawn"),
        ),
    ],
)
