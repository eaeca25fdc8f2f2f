"""Write data files the way staff read them: fixed key order, codes quoted, one style.

In: plain values (dicts, lists, str, int, bool, dates). Out: YAML text in the layout of the data
contract (docs/DATA_FORMAT.md). The same input always gives the same bytes, so an import run twice
changes nothing, and a diff shows only what really changed.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from label_data.schema import ACTION

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Plain scalars that stay text for YAML (no number, date, boolean or null look-alike).
PLAIN_ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def quote(text: str) -> str:
    """A double-quoted YAML scalar (JSON escapes are valid YAML ones)."""
    out = json.dumps(text, ensure_ascii=False)
    # YAML treats these as line breaks even inside quotes: escape them.
    return out.replace("\u2028", "\\L").replace("\u2029", "\\P").replace("\u0085", "\\N")


def ident(text: str) -> str:
    """An id bare when it cannot be read as anything but text, else quoted."""
    return text if PLAIN_ID_RE.match(text) and text not in YAML_WORDS else quote(text)


def scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return quote(str(value))


def block(text: str, indent: str) -> str:
    """A literal block (``|``) for multi-line text; quoted when a block cannot keep it exact."""
    lines = text.split("\n")
    if (
        text.strip() != text.rstrip("\n")
        or "\t" in text
        or any(ln != ln.rstrip() for ln in lines)
        or not text.endswith("\n")
        or text.endswith("\n\n")
    ):
        return quote(text)
    body = "\n".join(f"{indent}  {ln}" if ln else "" for ln in lines[:-1])
    return "|\n" + body


def edition_yaml(edition: dict, names: dict[str, str] | None = None) -> str:
    """``palmares/<année>.yaml``: edition, embargo, ceremonie, mentions, laureats; each
    laureate's code followed by its name as a comment when ``names`` knows it."""
    names = names or {}
    out = [f"edition: {edition['edition']}", f"embargo: {scalar(edition['embargo'])}"]
    cer = edition.get("ceremonie") or {}
    parts = [f"{k}: {scalar(cer[k])}" for k in ("date", "lieu") if cer.get(k) is not None]
    if parts:
        out.append("ceremonie: {" + ", ".join(parts) + "}")
    if edition.get("mentions"):
        out.append("mentions:")
        out += [
            f"  - {{id: {ident(m['id'])}, nom: {quote(m['nom'])}}}" for m in edition["mentions"]
        ]
    out.append("laureats:" if edition["laureats"] else "laureats: []")
    for lau in edition["laureats"]:
        name = names.get(lau["territoire"], "").replace("\n", " ")
        comment = f"  # {name}" if name else ""
        out.append(f"  - territoire: {quote(lau['territoire'])}{comment}")
        out.append(f"    arobases: {lau['arobases']}")
        if lau.get("mentions"):
            out.append(f"    mentions: [{', '.join(ident(m) for m in lau['mentions'])}]")
        for flag in ("excellence", "alerte"):
            if lau.get(flag):
                out.append(f"    {flag}: true")
        if lau.get("note_jury"):
            out.append(f"    note_jury: {quote(lau['note_jury'])}")
    return "\n".join(out) + "\n"


def territory_yaml(territory: dict, comment: str = "") -> str:
    """A new ``territoires/<code>.yaml``: code, nom, type (the rest comes from the reference)."""
    head = [f"# {line}" for line in comment.splitlines()]
    return (
        "\n".join(
            [
                *head,
                f"code: {quote(territory['code'])}",
                f"nom: {quote(territory['nom'])}",
                f"type: {territory['type']}",
                *(
                    [f"cotisations: [{', '.join(str(y) for y in territory['cotisations'])}]"]
                    if territory.get("cotisations")
                    else []
                ),
            ]
        )
        + "\n"
    )


ACTION_KEYS = tuple(ACTION.names)  # the schema's order: one list of fields


def actions_yaml(actions: list[dict]) -> str:
    """``actions/<code>.yaml``: a list of actions, keys in the contract's order."""
    if not actions:
        return "[]\n"
    out = []
    for action in actions:
        lines = []
        for key in ACTION_KEYS:
            if key not in action:
                continue
            value = action[key]
            if key == "id":
                lines.append(f"id: {ident(value)}")
            elif key == "description":
                lines.append(f"description: {block(value, '  ')}")
            elif key in ("categorie",):
                lines.append(f"{key}: {ident(value)}")
            elif key == "services":
                lines.append(f"services: [{', '.join(ident(s) for s in value)}]")
            elif key == "acteurs":
                lines.append(f"acteurs: [{', '.join(quote(a) for a in value)}]")
            elif key in ("porteur", "contact"):
                inner = ", ".join(
                    f"{k}: {ident(v) if k == 'type' else quote(v)}" for k, v in value.items()
                )
                lines.append(f"{key}: {{{inner}}}")
            elif key == "lieux":
                lines.append("lieux:")
                lines += _place_lines(value)
            else:
                lines.append(f"{key}: {scalar(value)}")
        out.append("- " + "\n  ".join(lines))
    return "\n".join(out) + "\n"


def _place_lines(places: list[dict]) -> list[str]:
    out = []
    for place in places:
        first = f"  - nom: {quote(place['nom'])}"
        out.append(first)
        if place.get("adresse"):
            out.append(f"    adresse: {quote(place['adresse'])}")
        if place.get("position"):
            pos = place["position"]
            out.append(f"    position: {{lat: {pos['lat']!r}, lon: {pos['lon']!r}}}")
    return out
