"""A Pelican generator for the search page ``/recherche/``.

In: nothing but the theme. Out: ``recherche/index.html`` rendered with ``recherche.html``;
the page's script (theme/static/js/search.js) queries the Pagefind bundle that ``index.py``
writes once the whole site is written.
"""

from __future__ import annotations

from label_data import urls
from label_data.published import view_in
from pelican.generators import Generator

from .index import shards_in_use

URL = urls.SEARCH
SAVE_AS = urls.page_file(URL)


class SearchPageGenerator(Generator):
    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        writer.write_file(
            SAVE_AS,
            self.get_template("recherche"),
            self.context,
            url=URL,
            page_url=URL,
            # The action bundles the page merges into its second index, asked after /pagefind/.
            search_shards=[f"/{name}/" for name in shards_in_use(view_in(self.context))],
        )
