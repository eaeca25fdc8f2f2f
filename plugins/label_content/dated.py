"""News and editorial pages under the same embargo as the palmarès (R10).

In: Pelican's articles and pages as they are read (their ``date``), the build's « now »
(``LABEL_NOW``, the one instant of the build) and whether the build is a staff preview.
Out: a content dated after « now » exists nowhere in a public build: Pelican files it as a
draft (never written: ``DRAFT_SAVE_AS`` is empty) and it is then taken out of every list and of
the map Pelican resolves ``{filename}`` links with, so no page, list, feed, sitemap, search
record or link names it. The registry (``DatedContent``, in the settings under ``KEY``) tells
the driver what was held back: its instants go into the scheduled function's schedule and
into the nothing-changed record. A preview shows everything, each held-back item named in
the banner.

Why not Pelican's ``WITH_FUTURE_DATES = False``: Pelican judges by the machine's clock, while
every embargo of a build is judged at its « now » (``NOW=`` rehearsals, the build's one
instant), and Pelican's drafts keep their URL in the ``{filename}`` map.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from label_data.typo import PARIS, duration, instant, quoted
from label_data.validate import parse_now
from pelican.contents import Article, Page

KEY = "LABEL_DATED"  # the build's registry, in Pelican's settings (and so in its context)


@dataclass(frozen=True)
class Dated:
    source: str  # relative to the content folder: news/2027-02-02-palmares.md
    page: str  # root-relative URL: /actualites/palmares-2027/
    title: str
    kind: str  # « actualité » or « page »
    instant: dt.datetime  # aware

    @property
    def name(self) -> str:
        """« actualité « Le palmarès 2027 est dévoilé » », for staff."""
        return f"{self.kind} {quoted(self.title)}"


class DatedContent:
    """Every dated article and page of one build, and those held back at its « now »."""

    def __init__(self, now: dt.datetime, preview: bool):
        self.now = now
        self.preview = preview
        self.items: dict[str, Dated] = {}
        self._held: list[object] = []  # Pelican's objects held back, to take out of lists
        self.held_files: list[str] = []  # files of the content folder named only by them

    def record(self, content: Article | Page) -> None:
        """Called as Pelican makes each article or page: hold it back when it is dated
        after « now » (but in a preview)."""
        date = getattr(content, "date", None)
        if not isinstance(date, dt.datetime) or content.status == "draft":
            return  # undated pages, and drafts, are never published by a date
        item = Dated(
            source=content.get_relative_source_path(),
            page="/" + content.url,
            title=str(content.title),
            kind="actualité" if isinstance(content, Article) else "page",
            instant=date if date.tzinfo else date.replace(tzinfo=PARIS),
        )
        self.items[item.source] = item
        if item.instant > self.now and not self.preview:
            content.status = "draft"
            self._held.append(content)

    def take_out(self, generator, lists: tuple[str, ...]) -> None:
        """Remove the held-back objects from ``generator``'s ``lists`` and from the
        ``{filename}`` map, so that nothing written can name them."""
        held = {id(c) for c in self._held}
        for name in lists:
            kept = [c for c in getattr(generator, name) if id(c) not in held]
            getattr(generator, name)[:] = kept
        generated = generator.context.get("generated_content", {})
        for path in [p for p, c in generated.items() if id(c) in held]:
            del generated[path]

    def _after_now(self) -> list[Dated]:
        return sorted((i for i in self.items.values() if i.instant > self.now), key=_order)

    def held(self) -> list[Dated]:
        """What this build does not show, soonest first (none in a preview)."""
        return [] if self.preview else self._after_now()

    def banner(self) -> list[Dated]:
        """A preview's items still dated after « now »: named in its embargo banner."""
        return self._after_now() if self.preview else []

    def instants(self) -> dict[str, str]:
        """Every dated item's instant, by source: whether « now » passed one of them decides
        whether the site in place is still this build's (label_build.reuse)."""
        return {s: i.instant.isoformat() for s, i in sorted(self.items.items())}


def _order(item: Dated) -> tuple:
    return (item.instant, item.source)


def registry(settings: dict) -> DatedContent:
    """The build's registry, made once per build from its « now »."""
    found = settings.get(KEY)
    if not isinstance(found, DatedContent):
        now = parse_now(settings.get("LABEL_NOW") or None)
        found = settings[KEY] = DatedContent(now, bool(settings.get("LABEL_PREVIEW")))
    return found


def on_initialized(pelican) -> None:
    # A fresh registry per build: a long-lived process (make serve) builds many times.
    pelican.settings.pop(KEY, None)
    registry(pelican.settings)


def on_content(content) -> None:
    if isinstance(content, Article | Page) and KEY in content.settings:
        content.settings[KEY].record(content)


def on_articles(generator) -> None:
    registry(generator.settings).take_out(generator, ("drafts", "drafts_translations"))


def on_pages(generator) -> None:
    registry(generator.settings).take_out(generator, ("draft_pages", "draft_translations"))


def on_static(generator) -> None:
    """A file of the content folder (an image) that only held-back news or pages name is held
    back with them: its name could say what they announce (« laureats-2027.jpg »)."""
    dated = registry(generator.settings)
    held = {item.source for item in dated.held()}
    if not held:
        return
    base = Path(generator.settings["PATH"])
    texts = {p.relative_to(base).as_posix(): _text(p) for p in sorted(base.rglob("*.md"))}
    secret = "\n".join(t for source, t in texts.items() if source in held)
    public = "\n".join(t for source, t in texts.items() if source not in held)

    def named_only_by_held(static) -> bool:
        path = static.get_relative_source_path().replace("\\", "/")
        return path in secret and path not in public

    hidden = [sf for sf in generator.staticfiles if named_only_by_held(sf)]
    dated.held_files = [sf.get_relative_source_path() for sf in hidden]
    generator.staticfiles[:] = [sf for sf in generator.staticfiles if sf not in hidden]
    for sf in hidden:
        generator.context.get("static_content", {}).pop(sf.get_relative_source_path(), None)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def held_lines(dated: DatedContent) -> list[str]:
    """The build log's lines for what is dated after « now », in Paris time."""
    shown = "montrée dans l’aperçu" if dated.preview else "absente du site"
    lines = [
        f"{item.name[:1].upper()}{item.name[1:]} : SOUS EMBARGO jusqu’au "
        f"{instant(item.instant)}, dans {duration(item.instant - dated.now)} ({shown})"
        for item in (dated.banner() if dated.preview else dated.held())
    ]
    lines += [
        f"Fichier {path} : retenu avec elles (seules elles le citent)" for path in dated.held_files
    ]
    return lines


def scan(settings_file: str, now: dt.datetime, overrides: dict | None = None) -> DatedContent:
    """Every dated news item and page of the content folder judged at ``now``, without a build
    (``make validate``): read by Pelican's own readers, as a build reads them. A file Pelican
    cannot read is left to the build, which reports it."""
    from pelican.readers import Readers
    from pelican.settings import read_settings

    override = {**(overrides or {}), "LABEL_NOW": now.isoformat()}
    settings = read_settings(settings_file, override=override)
    _connect_namespace_plugins(settings)  # their readers, as a build has them
    dated, readers = registry(settings), Readers(settings)
    base = Path(settings["PATH"])
    for key, kind in (("ARTICLE_PATHS", Article), ("PAGE_PATHS", Page)):
        for folder in settings[key]:
            for path in sorted((base / folder).rglob("*")):
                if path.suffix.lstrip(".") not in readers.extensions:
                    continue
                rel = path.relative_to(base).as_posix()
                try:
                    content = readers.read_file(base_path=str(base), path=rel, content_class=kind)
                except Exception:  # noqa: BLE001 - the build says what is wrong with it
                    continue
                dated.record(content)
    return dated


def _connect_namespace_plugins(settings: dict) -> None:
    """Connect the namespace plugins the settings name (pelican-yaml-metadata: the reader of
    the news and pages' front matter), as ``Pelican`` does when a build starts; connecting one
    twice changes nothing."""
    import importlib

    for name in settings.get("PLUGINS") or []:
        if isinstance(name, str) and name.startswith("pelican.plugins."):
            importlib.import_module(name).register()
