"""A Pelican generator for the pages rendered from the published view (not from Markdown).

In: the published view (``label_data``) and, for the home page and the sitemap, the articles
and pages Pelican read. Out: one page per collectivity, action, edition, département, région
and enjeu, their indexes, the home page and the 404 page at the contract's URLs; the
fingerprinted CSS/JS; sitemap.xml, robots.txt and the palmarès Atom feed.

Rendering is a flat list of ``Job`` (save_as, template, variables), built first and written
after, so that a later change can spread the list over processes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from label_data.published import published_view
from pelican.generators import Generator

from . import machine, pagedata
from .assets import write_assets

log = logging.getLogger(__name__)

# Pages other plugins write (open data, search): listed in the sitemap too.
OTHER_PAGES = ("donnees/", "recherche/")


@dataclass(frozen=True)
class Job:
    save_as: str
    template: str
    url: str | None  # public URL, relative (None: no canonical URL, e.g. the 404 page)
    vars: dict = field(default_factory=dict)


class LabelPagesGenerator(Generator):
    def generate_context(self) -> None:
        self.view = published_view(self.settings)
        self.context["label"] = self.view
        domain = self.settings.get("SITE_DOMAIN") or self.settings.get("SITEURL") or ""
        self.index = pagedata.SiteIndex.build(self.view, domain)

    def jobs(self) -> list[Job]:
        """Every page of the data, in a stable order."""
        view, index = self.view, self.index
        jobs = [
            Job(
                "index.html",
                "accueil.html",
                "",
                pagedata.home_vars(index, self.context.get("articles", [])),
            )
        ]
        for t in view.territories.values():
            jobs.append(
                Job(
                    t.url + "index.html",
                    "territoire.html",
                    t.url,
                    pagedata.territory_vars(index, t),
                )
            )
        for a in view.actions.values():
            jobs.append(
                Job(a.url + "index.html", "action.html", a.url, pagedata.action_vars(index, a))
            )
        jobs.append(
            Job(
                "palmares/index.html",
                "palmares_index.html",
                "palmares/",
                {"editions": [view.editions[y] for y in reversed(index.years)]},
            )
        )
        for ed in view.editions.values():
            jobs.append(
                Job(
                    ed.url + "index.html",
                    "palmares.html",
                    ed.url,
                    pagedata.palmares_vars(index, ed),
                )
            )
        jobs.append(
            Job(
                "departements/index.html",
                "departements.html",
                "departements/",
                pagedata.departements_index_vars(index),
            )
        )
        for dep in view.departements.values():
            jobs.append(
                Job(
                    dep.url + "index.html",
                    "departement.html",
                    dep.url,
                    pagedata.departement_vars(index, dep),
                )
            )
        jobs.append(
            Job(
                "regions/index.html", "regions.html", "regions/", pagedata.regions_index_vars(index)
            )
        )
        for reg in view.regions.values():
            jobs.append(
                Job(
                    reg.url + "index.html", "region.html", reg.url, pagedata.region_vars(index, reg)
                )
            )
        jobs.append(
            Job("enjeux/index.html", "enjeux.html", "enjeux/", pagedata.enjeux_index_vars(index))
        )
        for enjeu_id in view.enjeux:
            jobs.append(
                Job(
                    f"enjeux/{enjeu_id}/index.html",
                    "enjeu.html",
                    f"enjeux/{enjeu_id}/",
                    pagedata.enjeu_vars(index, enjeu_id),
                )
            )
        jobs.append(
            Job(
                "plan-du-site/index.html",
                "plan.html",
                "plan-du-site/",
                {"editions": [view.editions[y] for y in reversed(index.years)]},
            )
        )
        jobs.append(Job("404.html", "404.html", None))
        return jobs

    def generate_output(self, writer) -> None:
        jobs = self.jobs()
        templates = {}
        for job in jobs:
            if job.template not in templates:
                templates[job.template] = self.get_template(job.template.removesuffix(".html"))
            writer.write_file(
                job.save_as,
                templates[job.template],
                self.context,
                url=job.url,
                page_url=job.url,
                **job.vars,
            )
        output = Path(self.output_path)
        write_assets(output)
        self._write_machine_files(output, [j.url for j in jobs if j.url is not None])
        log.info("label_pages: %d pages written", len(jobs))

    def _write_machine_files(self, output: Path, urls: list[str]) -> None:
        domain = self.index.domain
        public = list(urls) + list(OTHER_PAGES) + ["actualites/"]
        public += [p.url for p in self.context.get("pages", [])]
        public += [a.url for a in self.context.get("articles", [])]
        files = {
            "sitemap.xml": machine.sitemap(domain, public),
            "robots.txt": machine.robots(domain, self.view.preview),
        }
        feed = machine.palmares_feed(domain, self.settings["SITENAME"], self.view.editions.values())
        if feed is not None:
            files["feeds/palmares.atom.xml"] = feed
        for name, text in files.items():
            path = output / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
