"""What every template may call, for every generator (Pelican's own included).

In: nothing. Out: ``FILTERS`` and ``GLOBALS``, given to Pelican by pelicanconf.py
(``JINJA_FILTERS``, ``JINJA_GLOBALS``) so that articles, pages and our data pages share them.
"""

from __future__ import annotations

from label_data import urls

from .assets import asset_url
from .fmt import FILTERS as _FORMAT_FILTERS
from .machine import jsonld

FILTERS = {**_FORMAT_FILTERS, "jsonld": jsonld}
# The URL contract: templates link the contract's pages by name (``urls.PALMARES``).
GLOBALS = {"asset": asset_url, "urls": urls}
