"""The URL contract (docs/DATA_FORMAT.md, « Public URLs »): every public path, made here only.

In: the parts of a path (a slug, a code, a year, an id). Out: the path relative to the site's
root (``territoires/bordeaux-33063/``; a folder ends with ``/`` and is served by its
``index.html``). These URLs are promised to communes' sites: change none without a redirect
(``label_pages.redirects``). Ids and slugs are checked where they are read (``yamlload``), so
every path made here stays one segment per part.
"""

from __future__ import annotations

HOME = ""
TERRITORIES = "territoires/"
ACTIONS = "actions/"
PALMARES = "palmares/"
DEPARTEMENTS = "departements/"
REGIONS = "regions/"
ENJEUX = "enjeux/"
FIGURES = "chiffres/"
SEARCH = "recherche/"
OPEN_DATA = "donnees/"
NEWS = "actualites/"
SITE_MAP = "plan-du-site/"
NOT_FOUND = "404.html"
PANELS = "panneaux/"
SHARE = "partage/"
SITEMAP_XML = "sitemap.xml"
ROBOTS = "robots.txt"
REDIRECTS = "_redirects"
PALMARES_FEED = "feeds/palmares.atom.xml"
NEWS_FEED = "feeds/actualites.atom.xml"
BADGE = "badge.svg"
# The staff's web editor: served by the site, never listed (sitemap, robots, search).
ADMIN = "admin/"
CONTACT = "contact/"  # a Pelican page (content/pages/contact.md): the footer links to it
# Other Pelican pages (content/pages/<slug>.md) the menu and the footer link to.
ABOUT = "le-label/"
TAKE_PART = "participer/"
LICENCE = "licence/"
LEGAL = "mentions-legales/"
ACCESSIBILITY = "accessibilite/"
# Level and edition → collectivity codes, fetched by the search page when a visitor picks one.
SEARCH_LABELS = f"{SEARCH}niveaux-editions.json"
# The published collectivities' names, matched with typos allowed by the search page.
SEARCH_NAMES = f"{SEARCH}noms.json"


def territory(slug: str, code: str) -> str:
    return f"{TERRITORIES}{slug}-{code}/"


def action(action_id: str) -> str:
    return f"{ACTIONS}{action_id}/"


def palmares(year: int) -> str:
    return f"{PALMARES}{year}/"


def departement(code: str) -> str:
    return f"{DEPARTEMENTS}{code}/"


def region(code: str) -> str:
    return f"{REGIONS}{code}/"


def enjeu(enjeu_id: str) -> str:
    return f"{ENJEUX}{enjeu_id}/"


def badge(territory_url: str) -> str:
    return territory_url + BADGE


def panel(stem: str, suffix: str) -> str:
    """``panneaux/ville-internet-4-2026.svg``: ``stem`` from ``PanelSpec.stem``."""
    return f"{PANELS}{stem}{suffix}"


def photo(slug: str, code: str, stem: str) -> str:
    """A panel photo's files without width and extension: ``photos/<slug>-<code>/<stem>``."""
    return f"photos/{slug}-{code}/{stem}"


def kit(year: int, slug: str, code: str) -> str:
    """``kits/2026/saint-etienne-42218-2026.zip``: the edition in the file's own name, so
    that kits downloaded in different years never overwrite each other."""
    return f"kits/{year}/{slug}-{code}-{year}.zip"


def kit_without_year(year: int, slug: str, code: str) -> str:
    """The kit's name until December 2026 (``kits/2026/saint-etienne-42218.zip``): still
    answers, by a redirect (``label_pages.redirects``)."""
    return f"kits/{year}/{slug}-{code}.zip"


def national_kit(year: int) -> str:
    return f"kits/{year}/dossier-national-{year}.zip"


def territory_share(territory_url: str) -> str:
    return territory_url + "partage.png"


def palmares_share(year: int) -> str:
    return f"{SHARE}palmares-{year}.png"


GENERIC_SHARE = f"{SHARE}label-villes-internet.png"


def open_data(name: str) -> str:
    """``donnees/palmares-2026.csv`` and the other files of the open data."""
    return f"{OPEN_DATA}{name}"


def page_file(url: str) -> str:
    """The file that serves a folder URL: ``palmares/2026/`` → ``palmares/2026/index.html``."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def absolute(domain: str, url: str) -> str:
    """The URL on the site's domain, for feeds, sitemap, Open Graph and JSON-LD."""
    return f"{domain.rstrip('/')}/{url}"
