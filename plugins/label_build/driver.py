"""One build: load → check → publish (the view) → Pelican generators → write → swap.

In: the settings file and the environment's ``DATA``, ``NOW``, ``OUTPUTDIR``, ``CACHEDIR``.
Out: exit status 0 with the new site in ``OUTPUTDIR``, or 1 with every data problem printed and
the previous site untouched (2: the build was refused before it started). Data problems print
as ``file:line:col: message``, no traceback. Nothing of a build outlives it in this process:
the view lives in Pelican's context, and the plugins' memos are emptied at the start.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import time
import traceback
from pathlib import Path

from label_content.content_links import check_content_links
from label_content.dated import held_lines
from label_content.dated import registry as dated_content
from label_content.front_matter import check_content
from label_data import urls
from label_data.problems import DataError
from label_data.published import CONTEXT_KEY, Checked, check
from label_data.typo import spaced
from label_data.validate import parse_now, report
from label_infra import progress

from . import hooks, reuse, summary, verify
from .fresh import clear_plugin_caches
from .output import (
    PREVIEW_MARKER,
    PUBLIC_DIR,
    cache_dir_problem,
    discard,
    is_preview,
    locked,
    preview_refusal,
    replace_output,
    staging_for,
)
from .page_keys import SOURCES_KEY
from .schedule import write_schedule
from .site_files import CONTEXT_KEY as FILES_KEY
from .site_files import SiteFileError, SiteFiles, previous_site, remember_site
from .sitemap import sitemap
from .template_cache import with_bytecode_cache


class Refused(Exception):
    """The build must not start (its message says why, in French): exit status 2."""


def build(settings_file: str, output: Path, overrides: dict, *, publish: bool = False) -> int:
    """A build; in verify mode (``LABEL_VERIFY``), then the same build cold, compared."""
    status, settings = _build(settings_file, output, overrides, publish)
    if status == 0 and settings and verify.requested(settings):
        return _verified(settings_file, settings, overrides, output)
    return status


def _build(settings_file: str, output: Path, overrides: dict, publish: bool) -> tuple[int, dict]:
    """The whole build, read as its pipeline; returns the exit status (and the settings)."""
    start = time.perf_counter()
    settings: dict = {}
    umask = os.umask(0o022)  # every file of the site readable by the web server's user
    try:
        settings = _settings(settings_file, output, overrides)
        with locked(output):  # one build at a time per output directory; a second one waits
            _refuse_unsafe_preview(settings, settings_file, output)
            inputs = _inputs(settings, settings_file)
            if _unchanged(settings, output, inputs):  # the site in place is this build's
                return _finish(output, start, settings), settings
            staging = staging_for(output)
            settings["OUTPUT_PATH"] = str(staging)
            # Every write of the build is recorded; what did not change is kept from the site
            # in place (its record, left by the previous build, says what each file is).
            previous = previous_site(settings.get("LABEL_CACHE"), output)
            settings[FILES_KEY] = SiteFiles(staging, previous)
            try:
                state = _check(settings)  # load → check → publish (the view)
                _write(settings, state, staging, publish)  # Pelican's generators, then checks
            except BaseException as exc:
                discard(staging)
                return _failed(exc, output), settings
            _swap(settings, staging, output, inputs, state)
        # Work for later that must not hold the lock (the kits under embargo, in the cache).
        hooks.site_replaced.send(settings, dataset=state.dataset, now=state.view.now)
    except Refused as exc:
        print(exc, file=sys.stderr)
        return 2, settings
    finally:
        os.umask(umask)
    return _finish(output, start, settings), settings


def _settings(settings_file: str, output: Path, overrides: dict) -> dict:
    """Pelican's settings with one « now » for the whole build: every generator decides
    embargoes at the same instant."""
    from pelican import log as pelican_log
    from pelican.settings import read_settings

    progress.REPORT.reset()
    clear_plugin_caches()
    pelican_log.init(logging.WARNING, fatal="warnings")
    try:
        now = parse_now(overrides.get("LABEL_NOW"))
    except ValueError as exc:
        raise Refused(str(exc)) from None
    settings = read_settings(settings_file, override={**overrides, "LABEL_NOW": now.isoformat()})
    refused = cache_dir_problem(settings.get("LABEL_CACHE"), settings, output)
    if refused:
        raise Refused(f"{refused}. Le site précédent ({output}) est intact.")
    with_bytecode_cache(settings)
    return settings


def _refuse_unsafe_preview(settings: dict, settings_file: str, output: Path) -> None:
    if settings.get("LABEL_PREVIEW"):
        refusal = preview_refusal(output, Path(settings_file).resolve().parent / PUBLIC_DIR)
        if refusal:
            raise Refused(refusal)


def _check(settings: dict) -> Checked:
    """Load, check and publish; the view enters Pelican's context (made from the settings).
    The news and pages' front matter is checked with the data, before Pelican reads it (its
    plugin would only log a bad header): its problems are reported with the data's."""
    with progress.stage("Chargement et vérification des données"):
        content = check_content(settings)
        try:
            state = check(settings)
        except DataError as exc:
            exc.problems.items.extend(content.items)
            raise
        state.problems.items.extend(content.items)
        if content.errors:
            raise DataError(state.problems)
    print(report(state.dataset, state.problems, state.view.now), file=sys.stderr)
    settings[CONTEXT_KEY] = state.view
    return state


def _inputs(settings: dict, settings_file: str) -> dict:
    """What this build is made from, but « now »: the digests of the sources (code, theme,
    content, settings) and of the data files, and whether it is a preview."""
    elsewhere = [Path(settings["PATH"]), Path(settings["THEME"])]
    sources = reuse.sources_digest(settings_file, elsewhere)
    settings[SOURCES_KEY] = sources  # part of every page's key (label_build.page_keys)
    data = reuse.data_digest(Path(settings["LABEL_DATA"]))
    return {"sources": sources, "data": data, "preview": bool(settings.get("LABEL_PREVIEW"))}


def _unchanged(settings: dict, output: Path, inputs: dict) -> bool:
    """Whether the site in place is what this build would write (checked before loading).
    A production build always loads: it writes the embargo schedule beside the site."""
    if settings.get("LABEL_SCHEDULE"):
        return False
    now = dt.datetime.fromisoformat(settings["LABEL_NOW"])
    previous = reuse.unchanged(settings.get("LABEL_CACHE"), output, inputs, now)
    if previous is None:
        return False
    progress.REPORT.counts.update(previous.get("counts", {}))
    if previous.get("totals"):
        progress.REPORT.totals = tuple(previous["totals"])
    print(
        "Rien n’a changé depuis la construction précédente : le site en place "
        f"({output}) est déjà à jour.",
        file=sys.stderr,
    )
    return True


def _write(settings: dict, state: Checked, staging: Path, publish: bool) -> None:
    """Every generator builds its context, then every generator writes (``Pelican.run``)."""
    from pelican import Pelican

    Pelican(settings).run()
    dated = dated_content(settings)  # the news and pages dated after « now », held back
    for line in held_lines(dated):
        print(line, file=sys.stderr)
    _write_sitemap(settings)
    if state.view.preview:
        settings[FILES_KEY].write(
            PREVIEW_MARKER,
            "Aperçu sous embargo : ce dossier ne doit jamais être publié.\n",
            "label_build",
        )
    stray = settings[FILES_KEY].unrecorded()
    if stray:  # every file goes through the URL contract's record (one path, one writer)
        raise SiteFileError(f"fichiers écrits sans passer par le registre : {stray[:10]}")
    _check_content_links(settings, staging, dated.held())
    settings[FILES_KEY].settle()  # what Pelican and Pagefind wrote as before stays untouched
    if settings.get("LABEL_SCHEDULE") and not state.view.preview:
        # For the scheduled function only, outside the site (see schedule.py).
        path = Path(settings["LABEL_SCHEDULE"])
        print(write_schedule(state.dataset, state.view.now, dated.held(), path), file=sys.stderr)
    if publish and is_preview(staging):  # pragma: no cover - defensive
        raise RuntimeError("un aperçu sous embargo ne peut pas être publié")


def _write_sitemap(settings: dict) -> None:
    """The sitemap lists every HTML page the build recorded, whoever wrote it."""
    files: SiteFiles = settings[FILES_KEY]
    domain = settings.get("SITE_DOMAIN") or settings.get("SITEURL") or ""
    files.write(urls.SITEMAP_XML, sitemap(domain, files.page_urls()), "label_build")


def _check_content_links(settings: dict, staging: Path, held: list) -> None:
    """Editorial links to pages this dataset does not produce stop the build at their line.
    A news item under embargo is checked once it is published (it may link its palmarès)."""
    domain = settings.get("SITE_DOMAIN") or ""
    with progress.stage("Liens des pages éditoriales"):
        problems = check_content_links(Path(settings["PATH"]), staging, domain, held)
    if problems.errors:
        raise DataError(problems)


def _swap(settings: dict, staging: Path, output: Path, inputs: dict, state: Checked) -> None:
    files: SiteFiles = settings[FILES_KEY]
    with progress.stage("Écriture"):
        record = files.record()
        progress.count("fichiers gardés", len(files.kept))
        progress.REPORT.totals = summary.site_totals(record["files"])
        replace_output(staging, output, written=files.written())
        contents = dated_content(settings).instants()
        facts = {
            "embargoes": {str(y): e.embargo.isoformat() for y, e in state.dataset.editions.items()},
            "published": sorted(state.view.editions),
            "contents": contents,  # the date of every dated news item and page, by source
            "contents_passed": reuse.passed(contents, state.view.now),
            "counts": dict(progress.REPORT.counts),
            "totals": progress.REPORT.totals,
        }
        reuse.remember(settings.get("LABEL_CACHE"), output, inputs, facts, record["files"])
        remember_site(settings.get("LABEL_CACHE"), output, record)


def _failed(exc: BaseException, output: Path) -> int:
    """Report a failed build; the previous site is untouched. Re-raise what is not a failure
    of this build (Ctrl+C, exit)."""
    if isinstance(exc, DataError):
        print("\n".join(exc.problems.lines()), file=sys.stderr)
        print(
            f"Données invalides : {exc.problems.summary()} Corrigez puis relancez. "
            f"Le site précédent ({output}) est intact.",
            file=sys.stderr,
        )
        return 1
    if not isinstance(exc, Exception):
        raise exc
    # A bug, not a data problem: developers need the traceback. Printed directly, since
    # Pelican's fatal logger would turn a logged error into another exception.
    traceback.print_exception(exc, file=sys.stderr)
    print(
        f"Échec de la construction : {exc}. Le site précédent ({output}) est intact.",
        file=sys.stderr,
    )
    return 1


def _finish(output: Path, start: float, settings: dict) -> int:
    total = time.perf_counter() - start
    preview = bool(settings.get("LABEL_PREVIEW"))
    totals = progress.REPORT.totals or progress.directory_size(str(output))
    print(summary.summary(totals, total), file=sys.stderr)
    if preview:
        print(
            f"APERÇU sous embargo écrit dans {output}/ : à regarder en local, jamais à publier.",
            file=sys.stderr,
        )
    if os.environ.get("BUILD_REPORT"):  # machine-readable figures, for the benchmark
        progress.write_json(os.environ["BUILD_REPORT"], totals, total)
    return 0


def _verified(settings_file: str, settings: dict, overrides: dict, output: Path) -> int:
    """Verify mode: the site in place must be, byte for byte, what a cold build makes."""
    with progress.stage("Vérification : la même construction à froid"):
        found = verify.verify(settings_file, settings, overrides, output)
    if found:
        print(verify.report(found), file=sys.stderr)
        return 1
    print(
        spaced("Vérification : le site gardé est identique à une construction à froid."),
        file=sys.stderr,
    )
    return 0
