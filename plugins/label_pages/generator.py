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

from label_build import progress
from label_build.pages import Page, write_pages
from label_build.site_files import files_in
from label_data import urls
from label_data.published import view_in
from pelican.generators import Generator

from . import figures_page, machine, pagedata, photos
from .assets import write_assets
from .redirects import redirects

log = logging.getLogger(__name__)

WRITER = "label_pages"


@dataclass(frozen=True)
class Job:
    url: str  # public URL from the contract (label_data.urls), relative
    template: str
    vars: dict | Callable[[], dict] = field(default_factory=dict)  # or what computes them

    @property
    def save_as(self) -> str:
        return urls.page_file(self.url)

    def variables(self) -> dict:
        """What the template reads on top of the site context (url and page_url included).
        The 404 page has no canonical URL: it answers at every missing address."""
        own = self.vars() if callable(self.vars) else self.vars
        url = None if self.url == urls.NOT_FOUND else self.url
        return {"url": url, "page_url": url, **own}


class LabelPagesGenerator(Generator):
    def generate_context(self) -> None:
        self.view = view_in(self.context)
        domain = self.settings.get("SITE_DOMAIN") or self.settings.get("SITEURL") or ""
        self.index = pagedata.SiteIndex.build(self.view, domain)

    def jobs(self) -> list[Job]:
        """Every page of the data, in a stable order. Variables are computed when rendered."""
        view, index = self.view, self.index
        editions = partial(_editions_newest_first, view, index)
        articles = self.context.get("articles", [])
        jobs = [Job(urls.HOME, "accueil.html", partial(pagedata.home_vars, index, articles))]
        for t in view.territories.values():
            jobs.append(Job(t.url, "territoire.html", partial(pagedata.territory_vars, index, t)))
        for a in view.actions.values():
            jobs.append(Job(a.url, "action.html", partial(pagedata.action_vars, index, a)))
        jobs.append(Job(urls.PALMARES, "palmares_index.html", editions))
        for ed in view.editions.values():
            jobs.append(Job(ed.url, "palmares.html", partial(pagedata.palmares_vars, index, ed)))
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
            jobs.append(
                Job(dep.url, "departement.html", partial(pagedata.departement_vars, index, dep))
            )
        jobs.append(Job(urls.REGIONS, "regions.html", partial(pagedata.regions_index_vars, index)))
        for reg in view.regions.values():
            jobs.append(Job(reg.url, "region.html", partial(pagedata.region_vars, index, reg)))
        return jobs

    def generate_output(self, writer) -> None:
        jobs = self.jobs()
        files = files_in(self.context)
        for job in jobs:  # claimed before the workers fork: a second writer is named now
            files.claim(job.save_as, WRITER)
        # Templates compiled once, before the workers fork, so that none compiles them again.
        templates = {}
        for job in jobs:
            if job.template not in templates:
                templates[job.template] = self.get_template(job.template.removesuffix(".html"))
        pages = [Page(j.save_as, templates[j.template], j.variables) for j in jobs]
        output = Path(self.output_path)
        with progress.stage("Pages", total=len(pages)) as bar:
            for done in write_pages(pages, self.context, output):
                bar.advance(done)
        progress.count("pages", len(pages))
        write_assets(files)
        self._write_photos()
        self._write_machine_files()
        log.info("label_pages: %d pages written", len(jobs))

    def _write_photos(self) -> None:
        """The panel photos' responsive images (R11), for the collectivity pages."""
        made, sources = [], []
        for t in self.view.territories.values():
            for item, p in zip(pagedata.panel_photos(t), t.photos, strict=True):
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


def _editions_newest_first(view, index: pagedata.SiteIndex) -> dict:
    return {"editions": [view.editions[y] for y in reversed(index.years)]}
