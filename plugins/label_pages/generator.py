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
from label_data.published import published_view
from pelican.generators import Generator

from . import figures_page, machine, pagedata, photos
from .assets import write_assets
from .redirects import redirects

log = logging.getLogger(__name__)

# Pages other plugins write (open data, search): listed in the sitemap too.
OTHER_PAGES = ("donnees/", "recherche/")


@dataclass(frozen=True)
class Job:
    save_as: str
    template: str
    url: str | None  # public URL, relative (None: no canonical URL, e.g. the 404 page)
    vars: dict | Callable[[], dict] = field(default_factory=dict)  # or what computes them

    def variables(self) -> dict:
        """What the template reads on top of the site context (url and page_url included)."""
        own = self.vars() if callable(self.vars) else self.vars
        return {"url": self.url, "page_url": self.url, **own}


class LabelPagesGenerator(Generator):
    def generate_context(self) -> None:
        self.view = published_view(self.settings)
        self.context["label"] = self.view
        domain = self.settings.get("SITE_DOMAIN") or self.settings.get("SITEURL") or ""
        self.index = pagedata.SiteIndex.build(self.view, domain)

    def jobs(self) -> list[Job]:
        """Every page of the data, in a stable order. Variables are computed when rendered."""
        view, index = self.view, self.index
        editions = partial(_editions_newest_first, view, index)
        jobs = [
            Job(
                "index.html",
                "accueil.html",
                "",
                partial(pagedata.home_vars, index, self.context.get("articles", [])),
            )
        ]
        for t in view.territories.values():
            vars_ = partial(pagedata.territory_vars, index, t)
            jobs.append(Job(t.url + "index.html", "territoire.html", t.url, vars_))
        for a in view.actions.values():
            vars_ = partial(pagedata.action_vars, index, a)
            jobs.append(Job(a.url + "index.html", "action.html", a.url, vars_))
        jobs.append(Job("palmares/index.html", "palmares_index.html", "palmares/", editions))
        for ed in view.editions.values():
            vars_ = partial(pagedata.palmares_vars, index, ed)
            jobs.append(Job(ed.url + "index.html", "palmares.html", ed.url, vars_))
        vars_ = partial(pagedata.departements_index_vars, index)
        jobs.append(Job("departements/index.html", "departements.html", "departements/", vars_))
        for dep in view.departements.values():
            vars_ = partial(pagedata.departement_vars, index, dep)
            jobs.append(Job(dep.url + "index.html", "departement.html", dep.url, vars_))
        vars_ = partial(pagedata.regions_index_vars, index)
        jobs.append(Job("regions/index.html", "regions.html", "regions/", vars_))
        for reg in view.regions.values():
            vars_ = partial(pagedata.region_vars, index, reg)
            jobs.append(Job(reg.url + "index.html", "region.html", reg.url, vars_))
        vars_ = partial(pagedata.enjeux_index_vars, index)
        jobs.append(Job("enjeux/index.html", "enjeux.html", "enjeux/", vars_))
        for enjeu_id in view.enjeux:
            vars_ = partial(pagedata.enjeu_vars, index, enjeu_id)
            jobs.append(
                Job(f"enjeux/{enjeu_id}/index.html", "enjeu.html", f"enjeux/{enjeu_id}/", vars_)
            )
        vars_ = partial(figures_page.chiffres_vars, index)
        jobs.append(Job("chiffres/index.html", "chiffres.html", "chiffres/", vars_))
        vars_ = partial(figures_page.territoires_vars, index)
        jobs.append(Job("territoires/index.html", "territoires.html", "territoires/", vars_))
        jobs.append(Job("plan-du-site/index.html", "plan.html", "plan-du-site/", editions))
        jobs.append(Job("404.html", "404.html", None))
        return jobs

    def generate_output(self, writer) -> None:
        jobs = self.jobs()
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
        write_assets(output)
        self._write_photos(output)
        self._write_machine_files(output, [j.url for j in jobs if j.url is not None])
        log.info("label_pages: %d pages written", len(jobs))

    def _write_photos(self, output: Path) -> None:
        """The panel photos' responsive images (R11), for the collectivity pages."""
        made, sources = [], []
        for t in self.view.territories.values():
            for item, p in zip(pagedata.panel_photos(t), t.photos, strict=True):
                made.append(item)
                sources.append(p.source)
        cache = self.settings.get("LABEL_CACHE") or None
        count = photos.write_photos(made, sources, output, cache)
        if count:
            log.info("label_pages: %d panel photo files written", count)

    def _write_machine_files(self, output: Path, urls: list[str]) -> None:
        domain = self.index.domain
        public = list(urls) + list(OTHER_PAGES) + ["actualites/"]
        public += [p.url for p in self.context.get("pages", [])]
        public += [a.url for a in self.context.get("articles", [])]
        files = {
            "sitemap.xml": machine.sitemap(domain, public),
            "robots.txt": machine.robots(domain, self.view.preview),
            "_redirects": redirects(self.view),
        }
        feed = machine.palmares_feed(
            self.settings.get("FEED_DOMAIN") or domain,
            self.settings["SITENAME"],
            self.settings.get("AUTHOR"),
            self.view.editions.values(),
        )
        if feed is not None:
            files["feeds/palmares.atom.xml"] = feed
        for name, text in files.items():
            path = output / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def _editions_newest_first(view, index: pagedata.SiteIndex) -> dict:
    return {"editions": [view.editions[y] for y in reversed(index.years)]}
