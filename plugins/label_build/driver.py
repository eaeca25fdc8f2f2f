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

from . import progress, reuse
from .output import PREVIEW_MARKER, discard, is_preview, replace_output, staging_for
from .schedule import write_schedule


def build(settings_file: str, output: Path, overrides: dict, *, publish: bool = False) -> int:
    from pelican import Pelican
    from pelican import log as pelican_log
    from pelican.settings import read_settings

    start = time.perf_counter()
    progress.REPORT.reset()
    forget()
    pelican_log.init(logging.WARNING, fatal="warnings")
    try:
        now = parse_now(overrides.get("LABEL_NOW"))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    # One instant for the whole build: every generator decides embargoes at the same « now ».
    overrides = {**overrides, "LABEL_NOW": now.isoformat()}
    staging = staging_for(output)
    settings = read_settings(settings_file, override={**overrides, "OUTPUT_PATH": str(staging)})
    try:
        with progress.stage("Chargement et vérification des données"):
            state = checked(settings)
        print(report(state.dataset, state.problems, now), file=sys.stderr)
        if overrides.get("LABEL_SCHEDULE") and not settings.get("LABEL_PREVIEW"):
            # For the scheduled function only, outside the site (see schedule.py).
            line = write_schedule(state.dataset, now, Path(overrides["LABEL_SCHEDULE"]))
            print(line, file=sys.stderr)
        built = reuse.fingerprint(
            settings_file,
            Path(settings["LABEL_DATA"]),
            state.view.editions,
            bool(settings.get("LABEL_PREVIEW")),
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
            return _finish(output, start)
        Pelican(settings).run()
        if settings.get("LABEL_PREVIEW"):
            (staging / PREVIEW_MARKER).write_text(
                "Aperçu sous embargo : ce dossier ne doit jamais être publié.\n", encoding="utf-8"
            )
        elif publish and is_preview(staging):  # pragma: no cover - defensive
            raise RuntimeError("un aperçu sous embargo ne peut pas être publié")
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
    with progress.stage("Écriture"):
        replace_output(staging, output)
        reuse.remember(settings.get("LABEL_CACHE"), output, built, dict(progress.REPORT.counts))
    return _finish(output, start)


def _finish(output: Path, start: float) -> int:
    total = time.perf_counter() - start
    print(progress.summary(str(output), total), file=sys.stderr)
    if os.environ.get("BUILD_REPORT"):  # machine-readable figures, for the benchmark
        progress.write_json(os.environ["BUILD_REPORT"], str(output), total)
    return 0
