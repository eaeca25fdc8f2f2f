"""PyYAML's syntax errors, explained in French for the staff who edit the data files.

In: a ``yaml.MarkedYAMLError`` (libyaml's or pure PyYAML's wording) and the file's text. Out: a
French sentence saying what is wrong at that place and how to fix it. An unknown wording is
still explained generally, with the parser's own words in brackets for the developers.
"""

from __future__ import annotations

import yaml

QUOTE_HINT = 'mettez la valeur entre guillemets droits ("…")'
INDENT_HINT = (
    "vérifiez l’indentation (les champs d’un même bloc commencent à la même colonne, "
    "indentés par des espaces)"
)
LIST_HINT = (
    "ligne mal alignée dans une liste : vérifiez l’indentation (les « - » d’une même liste, "
    "et les champs d’un même élément, commencent chacun à la même colonne)"
)
# (words of the parser's message, French explanation): first match wins.
EXPLANATIONS = (
    (
        "mapping values are not allowed",
        "deux-points inattendu : une valeur qui contient « : » s’écrit entre guillemets "
        f'(nom: "Saint-Denis : centre") ; sinon, {INDENT_HINT}',
    ),
    (
        "could not find expected ':'",
        "deux-points manquant : chaque champ s’écrit « clé: valeur » ; " + INDENT_HINT,
    ),
    (
        "expected ',' or ']'",
        "liste entre crochets mal fermée : séparez les éléments par des "
        "virgules et fermez-la par « ] » sur la même ligne",
    ),
    (
        "did not find expected ',' or ']'",
        "liste entre crochets mal fermée : séparez les "
        "éléments par des virgules et fermez-la par « ] » sur la même ligne",
    ),
    (
        "',' or '}'",
        "table entre accolades mal fermée : séparez les champs par des virgules et "
        "fermez-la par « } » sur la même ligne",
    ),
    (
        "unknown escape character",
        "barre oblique inverse « \\ » inconnue entre guillemets "
        "doubles : doublez-la (\\\\) ou utilisez des guillemets simples",
    ),
    (
        "found unexpected end of stream",
        "fin du fichier atteinte dans une valeur entre "
        "guillemets : un guillemet ouvrant n’est pas refermé",
    ),
    ("'-' indicator", LIST_HINT),
    ("found '<block sequence start>'", LIST_HINT),
    ("tab character", "tabulation interdite : indentez avec des espaces"),
    ("undefined alias", f"« * » en début de valeur désigne un alias YAML : {QUOTE_HINT}"),
    ("duplicate anchor", f"« & » en début de valeur désigne une ancre YAML : {QUOTE_HINT}"),
    (
        "but found another document",
        "« --- » sépare deux documents : un fichier de données "
        "n’en contient qu’un, retirez la ligne « --- »",
    ),
    (
        "did not find expected key",
        "texte inattendu à cet endroit : après une valeur entre "
        "guillemets, rien d’autre sur la ligne ; une apostrophe dans une valeur entre "
        f"apostrophes se double ('l''abbaye') ; {INDENT_HINT}",
    ),
    (
        "expected <block end>",
        "texte inattendu à cet endroit : après une valeur entre "
        "guillemets, rien d’autre sur la ligne ; une apostrophe dans une valeur entre "
        f"apostrophes se double ('l''abbaye') ; {INDENT_HINT}",
    ),
)


def _character(text: str, mark) -> str:
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def explain(exc: yaml.MarkedYAMLError, text: str) -> str:
    """The French explanation of a syntax error (without the location, given by the caller)."""
    problem = exc.problem or ""
    if "cannot start any token" in problem:
        char = _character(text, exc.problem_mark)
        if char == "\t":
            return "tabulation interdite : indentez avec des espaces"
        shown = f"« {char} »" if char else "ce caractère"
        return f"une valeur ne peut pas commencer par {shown} : {QUOTE_HINT}"
    for words, french in EXPLANATIONS:
        if words in problem or words in (exc.context or ""):
            return french
    return (
        f"erreur de syntaxe ({problem or exc.context or 'inconnue'}) : vérifiez l’indentation, "
        "les deux-points et les guillemets à cet endroit"
    )
