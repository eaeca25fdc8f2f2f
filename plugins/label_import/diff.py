"""Say what an import changes, in words for staff and as a line diff for the careful.

In: the old and new contents (plain values parsed back from the YAML texts, or ``None`` for a
file that does not exist yet). Out: French lines « + ajouté … », « − retiré … », « ~ … » and a
unified diff of the texts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

import yaml

FLOAT_RE = re.compile(r"^-?\d+\.\d+$")  # codes never hold a dot, dates never look like this
EMPTY = (None, "", "null", "~", "false", [], {})


def load_plain(text: str | None):
    """Parse YAML for comparison only, every scalar as the text typed (BaseLoader): an unquoted
    01001 in a hand-edited file stays « 01001 », and both sides compare alike. Empty values
    (null, false, []) are dropped, so that `fin: null` and no `fin` at all are the same."""
    return None if text is None else _prune(yaml.load(text, Loader=yaml.BaseLoader))


def _prune(value):
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if _prune(v) not in EMPTY}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    if isinstance(value, str) and FLOAT_RE.match(value):
        return float(value)  # 8.72970 and 8.7297 are the same longitude
    return value


def text_diff(old: str | None, new: str, name: str) -> str:
    lines = difflib.unified_diff(
        (old or "").splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"{name} (actuel)" if old is not None else "/dev/null",
        tofile=f"{name} (après import)",
    )
    return "".join(lines)


def _at(n: int) -> str:
    return f"{n}\u00a0@"


def edition_changes(old: dict | None, new: dict, names: Callable[[str], str]) -> list[str]:
    """Lauréats added, removed, with a changed level, mentions or title; head fields changed."""
    out = []
    if old is None:
        laureats = new.get("laureats") or []
        count = len(laureats)
        out.append(f"  + nouvelle édition {new['edition']} : {count} lauréat{'s' * (count > 1)}")
        for lau in laureats:
            code = lau["territoire"]
            out.append(f"  + {names(code)} ({code}), {_at(lau['arobases'])}")
        return out
    for key, label in (
        ("embargo", "embargo"),
        ("ceremonie", "cérémonie"),
        ("mentions", "mentions de l’édition"),
    ):
        if old.get(key) != new.get(key):
            out.append(f"  ~ {label} : {_show(old.get(key))} → {_show(new.get(key))}")
    before = {lau["territoire"]: lau for lau in old.get("laureats") or []}
    after = {lau["territoire"]: lau for lau in new.get("laureats") or []}
    for code in sorted(after.keys() - before.keys()):
        out.append(f"  + ajouté : {names(code)} ({code}), {_at(after[code]['arobases'])}")
    for code in sorted(before.keys() - after.keys()):
        out.append(f"  − retiré : {names(code)} ({code}), était {_at(before[code]['arobases'])}")
    for code in sorted(before.keys() & after.keys()):
        a, b = before[code], after[code]
        if a.get("arobases") != b.get("arobases"):
            out.append(
                f"  ~ niveau : {names(code)} ({code}) {_at(a['arobases'])} → {_at(b['arobases'])}"
            )
        for key, label in (
            ("mentions", "mentions"),
            ("excellence", "excellence"),
            ("alerte", "alerte"),
            ("note_jury", "note du jury"),
        ):
            if a.get(key) != b.get(key):
                out.append(
                    f"  ~ {label} : {names(code)} ({code}) {_show(a.get(key))} → "
                    f"{_show(b.get(key))}"
                )
    return out


def actions_changes(old: list | None, new: list) -> list[str]:
    """Actions added, removed, and changed (with the names of the changed fields)."""
    before = {a["id"]: a for a in old or []}
    after = {a["id"]: a for a in new or []}
    out = [f"  + ajoutée : {i} « {after[i]['titre']} »" for i in after if i not in before]
    out += [f"  − retirée : {i} « {before[i]['titre']} »" for i in before if i not in after]
    for ident in after:
        if ident in before and before[ident] != after[ident]:
            keys = sorted(
                k
                for k in before[ident].keys() | after[ident].keys()
                if before[ident].get(k) != after[ident].get(k)
            )
            out.append(f"  ~ modifiée : {ident} ({', '.join(keys)})")
    return out


def _show(value) -> str:
    if value in EMPTY:
        return "non" if value == "false" else "aucun"
    if value == "true":
        return "oui"
    if isinstance(value, list):
        return ", ".join(str(v.get("id", v)) if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items() if v is not None)
    return str(value)
