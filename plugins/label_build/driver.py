"""One build: check the data, run Pelican into a staging directory, then swap it in.

In: the settings file and the environment's ``DATA``, ``NOW``, ``OUTPUTDIR``, ``CACHEDIR``.
Out: exit status 0 with the new site in ``OUTPUTDIR``, or 1 with every data problem printed and
the previous site untouched. Data problems print as ``file:line:col: message``, no traceback.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from pathlib import Path

from label_data.problems import DataError
from label_data.published import checked, forget
from label_data.validate import parse_now, report
from label_pages.content_links import check_content_links

from . import progress, reuse
from .cache import cache_dir_problem
from .fresh import clear_plugin_caches
from .output import (
    PREVIEW_MARKER,
    PUBLIC_DIR,
    discard,
    is_preview,
    locked,
    preview_refusal,
    replace_output,
    staging_for,
)
from .schedule import write_schedule


def build(settings_file: str, output: Path, overrides: dict, *, publish: bool = False) -> int:
    from pelican import log as pelican_log
    from pelican.settings import read_settings

    start = time.perf_counter()
    progress.REPORT.reset()
    forget()
    clear_plugin_caches()
    pelican_log.init(logging.WARNING, fatal="warnings")
    try:
        now = parse_now(overrides.get("LABEL_NOW"))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    # One instant for the whole build: every generator decides embargoes at the same « now ».
    overrides = {**overrides, "LABEL_NOW": now.isoformat()}
    settings = read_settings(settings_file, override=overrides)
    refused = cache_dir_problem(settings.get("LABEL_CACHE"), settings, output)
    if refused:
        print(f"{refused}. Le site précédent ({output}) est intact.", file=sys.stderr)
        return 2
    # One build at a time per output directory: a second one waits, never touches our files.
    with locked(output):
        if settings.get("LABEL_PREVIEW"):
            refusal = preview_refusal(output, Path(settings_file).resolve().parent / PUBLIC_DIR)
            if refusal:
                print(refusal, file=sys.stderr)
                return 2
        staging = staging_for(output)
        settings = read_settings(settings_file, override={**overrides, "OUTPUT_PATH": str(staging)})
        return _build_locked(settings, settings_file, output, staging, start, publish)


def _build_locked(
    settings: dict, settings_file: str, output: Path, staging: Path, start: float, publish: bool
) -> int:
    try:
        built = _run(settings, settings_file, output, staging, publish)
    except DataError as exc:
        discard(staging)
        print("\n".join(exc.problems.lines()), file=sys.stderr)
        print(
            f"Données invalides : {exc.problems.summary()} Corrigez puis relancez. "
            f"Le site précédent ({output}) est intact.",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:
        discard(staging)
        # A bug, not a data problem: developers need the traceback. Printed directly, since
        # Pelican's fatal logger would turn a logged error into another exception.
        traceback.print_exc(file=sys.stderr)
        print(
            f"Échec de la construction : {exc}. Le site précédent ({output}) est intact.",
            file=sys.stderr,
        )
        return 1
    if built is not None:
        with progress.stage("Écriture"):
            replace_output(staging, output)
            counts = dict(progress.REPORT.counts)
            reuse.remember(settings.get("LABEL_CACHE"), output, built, counts)
    return _finish(output, start, preview=bool(settings.get("LABEL_PREVIEW")))


def _run(
    settings: dict, settings_file: str, output: Path, staging: Path, publish: bool
) -> str | None:
    """Check the data and run Pelican into ``staging``; the build's fingerprint, or None
    when the site in place is already what this build would write."""
    from pelican import Pelican

    with progress.stage("Chargement et vérification des données"):
        state = checked(settings)
    print(report(state.dataset, state.problems, parse_now(settings["LABEL_NOW"])), file=sys.stderr)
    if settings.get("LABEL_SCHEDULE") and not settings.get("LABEL_PREVIEW"):
        # For the scheduled function only, outside the site (see schedule.py).
        now = parse_now(settings["LABEL_NOW"])
        print(write_schedule(state.dataset, now, Path(settings["LABEL_SCHEDULE"])), file=sys.stderr)
    built = reuse.fingerprint(
        settings_file,
        Path(settings["LABEL_DATA"]),
        state.view.editions,
        bool(settings.get("LABEL_PREVIEW")),
        (settings.get("THEME", ""), settings.get("PATH", "")),
    )
    previous = reuse.unchanged(settings.get("LABEL_CACHE"), output, built)
    if previous is not None:
        discard(staging)
        progress.REPORT.counts.update(previous.get("counts", {}))
        print(
            "Rien n’a changé depuis la construction précédente : le site en place "
            f"({output}) est déjà à jour.",
            file=sys.stderr,
        )
        return None
    Pelican(settings).run()
    _check_content_links(settings, staging)
    if settings.get("LABEL_PREVIEW"):
        (staging / PREVIEW_MARKER).write_text(
            "Aperçu sous embargo : ce dossier ne doit jamais être publié.\n", encoding="utf-8"
        )
    elif publish and is_preview(staging):  # pragma: no cover - defensive
        raise RuntimeError("un aperçu sous embargo ne peut pas être publié")
    return built


def _check_content_links(settings: dict, staging: Path) -> None:
    """Editorial links to pages this dataset does not produce stop the build at their line."""
    domain = settings.get("SITE_DOMAIN") or ""
    with progress.stage("Liens des pages éditoriales"):
        problems = check_content_links(Path(settings["PATH"]), staging, domain)
    if problems.errors:
        raise DataError(problems)


def _finish(output: Path, start: float, *, preview: bool = False) -> int:
    total = time.perf_counter() - start
    print(progress.summary(str(output), total), file=sys.stderr)
    if preview:
        print(
            f"APERÇU sous embargo écrit dans {output}/ : à regarder en local, jamais à publier.",
            file=sys.stderr,
        )
    if os.environ.get("BUILD_REPORT"):  # machine-readable figures, for the benchmark
        progress.write_json(os.environ["BUILD_REPORT"], str(output), total)
    return 0
