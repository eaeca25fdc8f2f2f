"""A Pelican generator for the search page ``/recherche/``.

In: the published view and the theme. Out: ``recherche/index.html`` rendered with
``recherche.html``, ``urls.SEARCH_LABELS`` (levels.py: the codes of the collectivities of
each level and edition, which the page fetches only when one of those filters is picked) and
``urls.SEARCH_NAMES`` (names.py: every collectivity's name, for typo tolerance); the
page's script (theme/static/js/search.js) queries the Pagefind bundles that ``index.py`` writes
once the whole site is written.
"""

from __future__ import annotations

from label_build.site_files import files_in
from label_data import urls
from label_data.published import view_in
from pelican.generators import Generator

from .bundles import shards_in_use
from .levels import label_codes_json
from .names import names_json

URL = urls.SEARCH
SAVE_AS = urls.page_file(URL)


class SearchPageGenerator(Generator):
    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        view = view_in(self.context)
        files = files_in(self.context)
        files.write(urls.SEARCH_LABELS, label_codes_json(view), "label_search")
        files.write(urls.SEARCH_NAMES, names_json(view), "label_search")
        writer.write_file(
            SAVE_AS,
            self.get_template("recherche"),
            self.context,
            url=URL,
            page_url=URL,
            # The action bundles the page merges into its second index, asked after /pagefind/.
            search_shards=[f"/{name}/" for name in shards_in_use(view)],
            search_labels="/" + urls.SEARCH_LABELS,
            search_names="/" + urls.SEARCH_NAMES,
        )
