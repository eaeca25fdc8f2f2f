"""A Pelican generator for the pages rendered from the published view (not from Markdown).

In: the published view (``label_data``) and, for the home page and the sitemap, the articles
and pages Pelican read. Out: one page per collectivity, action, edition, département, région
and enjeu, their indexes, « Le label en chiffres » (/chiffres/), every collectivity A to Z
(/territoires/), the home page and the 404 page at the contract's URLs; the
fingerprinted CSS/JS; sitemap.xml, robots.txt and the palmarès Atom feed.

Rendering is a flat list of ``Job`` (save_as, template, variables), built first and then
rendered and written on every core (``label_build.pages``). The variables of the many
collectivity and action pages are functions, called in the worker that renders the page, so
that preparing them is spread over the cores too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from label_build.page_keys import PageKeys, serialisable, shared_digest
from label_build.pages import Page, write_pages
from label_build.site_files import SiteFiles, files_in
from label_content import dated
from label_data import reads, urls
from label_data.context_keys import KIT_SIZES, PANEL_SIZES
from label_data.published import view_in
from label_data.reads import Read
from label_infra import progress
from pelican.generators import Generator

from . import edition_page, figures_page, machine, pagedata, photos, territory_page
from .assets import theme_static, write_assets
from .redirects import redirects

log = logging.getLogger(__name__)

WRITER = "label_pages"


@dataclass(frozen=True)
class Job:
    url: str  # public URL from the contract (label_data.urls), relative
    template: str
    vars: dict | Callable[[], dict] = field(default_factory=dict)  # or what computes them
    subject: Read | None = None  # the view entry the page is about, handed to ``vars``

    @property
    def save_as(self) -> str:
        return urls.page_file(self.url)

    def variables(self) -> dict:
        """What the template reads on top of the site context (url and page_url included).
        The 404 page has no canonical URL: it answers at every missing address."""
        if self.subject is not None:  # given to the page, not looked up: recorded here
            reads.record(*self.subject)
        own = self.vars() if callable(self.vars) else self.vars
        url = None if self.url == urls.NOT_FOUND else self.url
        return {"url": url, "page_url": url, **own}


class LabelPagesGenerator(Generator):
    def generate_context(self) -> None:
        self.view = view_in(self.context)
        domain = self.settings.get("SITE_DOMAIN") or self.settings.get("SITEURL") or ""
        # The context too: what label_panels and label_badge hand the pages (context_keys).
        self.index = pagedata.SiteIndex.build(self.view, domain, self.context)

    def jobs(self) -> list[Job]:
        """Every page of the data, in a stable order. Variables are computed when rendered."""
        view, index = self.view, self.index
        editions = partial(_editions_newest_first, view, index)
        articles = self.context.get("articles", [])
        jobs = [Job(urls.HOME, "accueil.html", partial(pagedata.home_vars, index, articles))]
        for t in view.territories.values():
            vars_ = partial(territory_page.territory_vars, index, t)
            jobs.append(Job(t.url, "territoire.html", vars_, ("territories", t.code)))
        for a in view.actions.values():
            vars_ = partial(pagedata.action_vars, index, a)
            jobs.append(Job(a.url, "action.html", vars_, ("actions", a.id)))
        jobs.append(Job(urls.PALMARES, "palmares_index.html", editions))
        for ed in view.editions.values():
            vars_ = partial(edition_page.palmares_vars, index, ed)
            jobs.append(Job(ed.url, "palmares.html", vars_, ("editions", ed.annee)))
        jobs += self._area_jobs()
        jobs.append(Job(urls.ENJEUX, "enjeux.html", partial(pagedata.enjeux_index_vars, index)))
        for enjeu_id in view.enjeux:
            vars_ = partial(pagedata.enjeu_vars, index, enjeu_id)
            jobs.append(Job(urls.enjeu(enjeu_id), "enjeu.html", vars_))
        jobs.append(Job(urls.FIGURES, "chiffres.html", partial(figures_page.chiffres_vars, index)))
        vars_ = partial(figures_page.territoires_vars, index)
        jobs.append(Job(urls.TERRITORIES, "territoires.html", vars_))
        jobs.append(Job(urls.SITE_MAP, "plan.html", editions))
        jobs.append(Job(urls.NOT_FOUND, "404.html"))
        return jobs

    def _area_jobs(self) -> list[Job]:
        view, index = self.view, self.index
        jobs = [
            Job(
                urls.DEPARTEMENTS,
                "departements.html",
                partial(pagedata.departements_index_vars, index),
            )
        ]
        for dep in view.departements.values():
            vars_ = partial(pagedata.departement_vars, index, dep)
            jobs.append(Job(dep.url, "departement.html", vars_, ("departements", dep.code)))
        jobs.append(Job(urls.REGIONS, "regions.html", partial(pagedata.regions_index_vars, index)))
        for reg in view.regions.values():
            vars_ = partial(pagedata.region_vars, index, reg)
            jobs.append(Job(reg.url, "region.html", vars_, ("regions", reg.code)))
        return jobs

    def generate_output(self, writer) -> None:
        jobs = self.jobs()
        files = files_in(self.context)
        for job in jobs:  # claimed before the workers fork: a second writer is named now
            files.claim(job.save_as, WRITER)
        keys = self._page_keys()
        todo = [job for job in jobs if not _kept(job, keys, files)]
        # Templates compiled once, before the workers fork, so that none compiles them again.
        templates = {}
        for job in todo:
            if job.template not in templates:
                templates[job.template] = self.get_template(job.template.removesuffix(".html"))
        pages = [Page(j.save_as, templates[j.template], j.variables) for j in todo]
        template_of = {j.save_as: j.template for j in todo}
        with progress.stage("Pages", total=len(pages)) as bar:
            for done in write_pages(pages, self.context, Path(self.output_path)):
                for save_as, seen in done:  # the key the next build compares with
                    files.made(save_as, keys.key(template_of[save_as], seen), serialisable(seen))
                bar.advance(len(done))
        progress.count("pages", len(jobs))
        progress.count("pages rendues", len(pages))
        write_assets(files, theme_static(self.settings), self.settings["THEME_STATIC_DIR"])
        self._write_photos()
        self._write_machine_files()
        log.info("label_pages: %d pages written", len(jobs))

    def _page_keys(self) -> PageKeys:
        view = self.view
        sources = {
            **self.index.sources(),
            PANEL_SIZES: self.context.get(PANEL_SIZES, {}),
            KIT_SIZES: self.context.get(KIT_SIZES, {}),
            pagedata.NEWS: pagedata.news_source(self.context.get("articles", [])),
        }
        # A preview's banner also names the news and pages still dated after « now ».
        banner = [(i.source, i.instant.isoformat()) for i in dated.registry(self.settings).banner()]
        facts = (view.settings, view.preview, view.embargoed, banner)  # settings: demo too
        return PageKeys(shared_digest(self.settings, facts), sources)

    def _write_photos(self) -> None:
        """The panel photos' responsive images (R11), for the collectivity pages."""
        made, sources = [], []
        for t in self.view.territories.values():
            for item, p in zip(territory_page.panel_photos(t), t.photos, strict=True):
                made.append(item)
                sources.append(p.source)
        cache = self.settings.get("LABEL_CACHE") or None
        count = photos.write_photos(made, sources, files_in(self.context), cache)
        if count:
            log.info("label_pages: %d panel photo files written", count)

    def _write_machine_files(self) -> None:
        files = files_in(self.context)
        files.write(urls.ROBOTS, machine.robots(self.index.domain, self.view.preview), WRITER)
        files.write(urls.REDIRECTS, redirects(self.view), WRITER)
        feed = machine.palmares_feed(
            self.settings.get("FEED_DOMAIN") or self.index.domain,
            self.settings["SITENAME"],
            self.settings.get("AUTHOR"),
            self.view.editions.values(),
        )
        if feed is not None:
            files.write(urls.PALMARES_FEED, feed, WRITER)


def _kept(job: Job, keys: PageKeys, files: SiteFiles) -> bool:
    """Whether the page in place is still this job's page: the reads it recorded then give
    the same key today (nothing it read changed), and the file is as that build left it."""
    previous = files.previous
    if previous is None:
        return False
    recorded = previous.reads(job.save_as)
    key = keys.previous_key(job.template, recorded)
    return key is not None and files.keep(job.save_as, WRITER, key, recorded)


def _editions_newest_first(view, index: pagedata.SiteIndex) -> dict:
    return {"editions": [view.editions[y] for y in reversed(index.years)]}
