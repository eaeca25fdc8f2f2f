"""A Pelican generator for the pages rendered from the published view (not from Markdown).

In: the published view (``label_data``). Out: one page per collectivity, action, edition,
département, région and enjeu, plus their indexes and the home page, written through Pelican's
own writer at the contract's URLs.
"""

from __future__ import annotations

from pelican.generators import Generator

from label_data.published import published_view


class LabelPagesGenerator(Generator):
    def generate_context(self) -> None:
        self.view = published_view(self.settings)
        self.context["label"] = self.view

    def generate_output(self, writer) -> None:
        view = self.view
        for territory in view.territories.values():
            writer.write_file(territory.url + "index.html", self.get_template("territoire"),
                              self.context, url=territory.url, territory=territory)
