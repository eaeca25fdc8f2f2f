"""Apply an import: validate it on a copy of the data, then write it, or show it and write nothing.

In: the data directory and the files an import would write (path, new text, what it means in
words). Out: printed lines (what is added, changed, removed; the checker's problems; the diff
with ``--dry-run``) and an exit status. Nothing is written unless the whole result passes the
same checker as the build, and an existing file that would change needs ``--force``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from label_data.problems import Problem, display_path
from label_data.validate import validate
from label_infra.atomic import write_atomic

from .diff import text_diff
from .problems import NBSP, french_spacing

# The checker's R3 hint (label_data.rules, also printed by make validate) names the option;
# someone importing must also read what it does: the dues of *every* laureate of the file.
DUES_OPTION = "l’option --cotisations-payees"


@dataclass
class FileChange:
    path: Path  # destination inside the data directory
    new: str
    summary: list[str] = field(default_factory=list)  # French lines for staff
    old: str | None = None
    # False for a change staff asked for by name (a year of dues added): no --force needed.
    needs_force: bool = True
    # Line of ``new`` -> where it comes from in the import's input (see origins.py).
    origins: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.path.exists():
            self.old = self.path.read_text(encoding="utf-8")

    @property
    def changed(self) -> bool:
        return self.old != self.new


def check_on_copy(data_dir: Path, changes: list[FileChange]) -> tuple[list[str], list[str]]:
    """The checker's errors and warnings once ``changes`` are applied to a copy of the data.

    Warnings are kept for the files the import touches only: the others are not its business.
    """
    data_dir = Path(data_dir)
    with tempfile.TemporaryDirectory(prefix="import-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        for change in changes:
            target = copy / change.path.relative_to(data_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(change.new, encoding="utf-8")
        _dataset, problems = validate(copy)
        shown_copy, shown_data = display_path(copy), display_path(data_dir)
        origins = {display_path(copy / c.path.relative_to(data_dir)): c.origins for c in changes}

        def real(p: Problem) -> str:  # name the spreadsheet's row, or the real file
            origin = origins.get(p.where.file, {}).get(p.where.line)
            line = at_import(origin, p.text) if origin else str(p)
            return line.replace(shown_copy, shown_data)

        errors = sorted(real(p) for p in set(problems.errors))
        warnings = sorted(real(p) for p in set(problems.warnings) if p.where.file in origins)
    return errors, warnings


def at_import(origin: str, text: str) -> str:
    """A checker's problem as staff importing a spreadsheet read it: at its row, the R3 hint
    saying what --cotisations-payees does; with the origin's typography (a workbook's)."""
    year = re.search(r"enregistrée pour (\d{4})", text)
    what = f"la cotisation {year[1]}" if year else "la cotisation de l’édition"
    text = text.replace(
        DUES_OPTION,
        f"{DUES_OPTION}, qui enregistre {what} de tous les lauréats du tableur "
        "(à n’utiliser que si tous l’ont réglée)",
    )
    line = f"{origin} : {text}"
    return french_spacing(line) if NBSP in origin else line


def apply(
    data_dir: Path,
    changes: list[FileChange],
    *,
    dry_run: bool,
    force: bool,
    out: Callable[[str], None] = print,
) -> int:
    """Print what changes; validate; write unless dry run or an unforced overwrite. Status."""
    changed = [c for c in changes if c.changed]
    if not changed:
        out("Aucun changement : les fichiers sont déjà à jour.")
        return 0
    for change in changed:
        verb = "modifié" if change.old is not None else "créé"
        out(f"{display_path(change.path)} ({verb}) :")
        for line in change.summary or ["  (mise en forme seulement)"]:
            out(line)
    errors, warnings = check_on_copy(data_dir, changed)
    for line in warnings:
        out(line)
    if errors:
        for line in errors:
            out(line)
        out(
            f"Le résultat ne passe pas la vérification ({len(errors)} erreur"
            f"{'s' if len(errors) > 1 else ''}) : rien n’a été écrit."
        )
        return 1
    overwrites = [c for c in changed if c.old is not None and c.needs_force]
    if dry_run or (overwrites and not force):
        for change in changed if dry_run else overwrites:
            out(text_diff(change.old, change.new, display_path(change.path)).rstrip("\n"))
        if dry_run:
            out("Essai à blanc (--dry-run) : rien n’a été écrit.")
            return 0
        names = ", ".join(display_path(c.path) for c in overwrites)
        verb = (
            "existe déjà et serait modifié"
            if len(overwrites) == 1
            else "existent déjà et seraient modifiés"
        )
        out(
            f"{names} {verb} : rien n’a été écrit. Relisez les différences ci-dessus, puis "
            "relancez avec --force pour remplacer."
        )
        return 1
    for change in changed:
        write_atomic(change.path, change.new)
    out(
        f"Écrit : {len(changed)} fichier{'s' if len(changed) > 1 else ''}. Vérifiez avec "
        "make validate, puis make preview."
    )
    return 0
