"""What every template may call, for every generator (Pelican's own included).

In: nothing. Out: ``FILTERS`` and ``GLOBALS``, given to Pelican by pelicanconf.py
(``JINJA_FILTERS``, ``JINJA_GLOBALS``) so that articles, pages and our data pages share them.
"""

from __future__ import annotations

from label_data import urls
from label_data.model import GREEN_MENTION
from label_data.rules import REFERENTIEL_COUNTS
from label_data.typo import number

from .assets import asset_url
from .figures_chart import editions_chart
from .fmt import FILTERS as _FORMAT_FILTERS
from .machine import jsonld

FILTERS = {**_FORMAT_FILTERS, "jsonld": jsonld}
# R6 says how many enjeux the référentiel has: the pages say it in words (« 16 enjeux »).
ENJEUX_COUNT = {key: count for key, count, _ in REFERENTIEL_COUNTS}["enjeux"]
GLOBALS = {
    "asset": asset_url,
    "editions_chart": editions_chart,  # the label in figures (/chiffres/), colours from the CSS
    # The URL contract: templates link the contract's pages by name (``urls.PALMARES``).
    "urls": urls,
    # R8: the mention shown as a green @ (``mention.id == GREEN_MENTION``).
    "GREEN_MENTION": GREEN_MENTION,
    "enjeux_words": f"{number(ENJEUX_COUNT)} enjeux",
}
