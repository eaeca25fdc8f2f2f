"""Pelican settings for the showcase. Build through ``make``; see README.md.

The label's own settings come from the environment so that every ``make`` target takes them:
``DATA`` (data directory), ``NOW`` (the instant taken as « now » for embargoes), ``CACHEDIR``
(generated images and documents kept between builds). ``OUTPUTDIR`` is given by the build.
"""

import os
import sys

import jinja2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))

from label_data import urls as _urls  # noqa: E402
from label_pages import jinja as _label_jinja  # noqa: E402

AUTHOR = "Villes Internet"
SITENAME = "Label Territoires, Villes et Villages Internet"
SITEURL = ""
SITE_DOMAIN = "https://label.villes-internet.net"  # canonical URLs, sitemap, Open Graph
PATH = "content"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
LOCALE = ("C.UTF-8",)  # dates are formatted with Babel, never with the system locale

THEME = "theme"
THEME_STATIC_DIR = "static"
# Strict templates: an undefined variable is an error, not an empty string.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.do"],
    "undefined": jinja2.StrictUndefined,
    "autoescape": True,  # names and titles come from data: escaped unless marked safe
}
# French dates and numbers (Babel), levels in words, JSON-LD, fingerprinted asset URLs.
JINJA_FILTERS = _label_jinja.FILTERS
JINJA_GLOBALS = _label_jinja.GLOBALS

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    # YAML front matter (« --- » header) in Markdown, as the web editor writes it; a file without
    # one is read as Pelican's « Key: value » header. label_content.front_matter checks it first.
    "pelican.plugins.yaml_metadata",
    "label_data",
    "label_content",
    "label_pages",
    "label_panels",
    "label_kits",
    "label_map",
    "label_search",
    "label_opendata",
    "label_badge",
    "label_admin",
    "label_build",
]

LABEL_DATA = os.environ.get("DATA") or "data"
LABEL_NOW = os.environ.get("NOW") or ""
LABEL_CACHE = os.environ.get("CACHEDIR") or ".cache"
LABEL_PREVIEW = os.environ.get("PREVIEW") == "1"
# Verify mode: after the build, the same build cold, every kept file compared (label_build.verify).
LABEL_VERIFY = os.environ.get("LABEL_VERIFY") == "1"
# After a build, the kits of editions under embargo are made into the cache (label_kits), so
# the ceremony's build finds them ready; a build whose cache is thrown away turns it off.
LABEL_KITS_AHEAD = True

# The web editor at /admin/ (docs/editeur.md): the GitHub repository it commits to. After a
# change, `make admin-config` writes theme/admin/config.yml again.
EDITOR_REPOSITORY = "villes-internet/label-territoires-internet"
EDITOR_BRANCH = "main"

# News are Pelican articles under content/news; editorial pages under content/pages.
ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# The URL contract's news folder (label_data.urls.NEWS), where the index lists them.
ARTICLE_URL = _urls.NEWS + "{slug}/"
ARTICLE_SAVE_AS = _urls.page_file(ARTICLE_URL)
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
INDEX_SAVE_AS = _urls.page_file(_urls.NEWS)
DEFAULT_PAGINATION = False
DIRECT_TEMPLATES = ["index"]
# One set of public URLs (see the data contract): no tag, category, author or date archives.
TAGS_SAVE_AS = TAG_SAVE_AS = CATEGORIES_SAVE_AS = CATEGORY_SAVE_AS = ""
AUTHORS_SAVE_AS = AUTHOR_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
# Dated content is judged at the build's « now », not the machine's clock (label_content.dated):
# Pelican's own future-date rule stays off.
WITH_FUTURE_DATES = True
SLUGIFY_SOURCE = "basename"

FEED_DOMAIN = SITE_DOMAIN
FEED_ALL_ATOM = _urls.NEWS_FEED  # the URL contract names it; templates link urls.NEWS_FEED
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {"smart_angled_quotes": True},
    },
    "output_format": "html5",
}
TYPOGRIFY = False
CHECK_MODIFIED_METHOD = "md5"
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_RETENTION = []
RELATIVE_URLS = False
