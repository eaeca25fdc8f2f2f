"""Fingerprinted CSS and JavaScript: a content hash in the file name, so they can be cached
for a year and a new version is a new URL.

In: every ``.css`` and ``.js`` file under the static folder of the theme the settings name
(``THEME``), served under ``THEME_STATIC_DIR``. Out: ``asset_url(name)`` (a Jinja global:
``asset('css/site.css')`` → ``/static/css/site.1a2b3c4d5e.css``) and ``write_assets(files,
static)``, which writes every such file under its hashed name. Templates only
reference hashed names; the unhashed copies Pelican makes of the theme's static folder are
never linked. Fonts keep their names: their URLs live inside the CSS, whose hash changes
whenever they are re-pointed.

The files are served minified (rcssmin, rjsmin: comments and spaces out, a third to a half of
the bytes a phone loads, issue #25's page budget), the theme's sources keep their comments.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import rcssmin
import rjsmin
from jinja2 import pass_context

# The repository's own theme (pelicanconf's THEME): the default of write_assets only.
THEME_STATIC = Path(__file__).resolve().parent.parent.parent / "theme" / "static"
STATIC_DIR = "static"  # Pelican's THEME_STATIC_DIR in pelicanconf
FINGERPRINTED = (".css", ".js")
HASH_LENGTH = 10


@lru_cache(maxsize=64)
def minified(path: Path) -> bytes:
    """The bytes served for a theme CSS or JS file. Licence comments (``/*! … */``) stay;
    vendored libraries come minified by their authors and are served as they are."""
    if "vendor" in path.parts:
        return path.read_bytes()
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".css":
        return rcssmin.cssmin(text, keep_bang_comments=True).encode("utf-8")
    return rjsmin.jsmin(text, keep_bang_comments=True).encode("utf-8")


@lru_cache(maxsize=64)
def hashed_name(name: str, static: Path) -> str:
    """``css/site.css`` → ``css/site.<hash>.css`` (the hash of the bytes served); unknown
    files are a build error."""
    path = static / name
    if not path.is_file() or path.suffix not in FINGERPRINTED:
        raise FileNotFoundError(f"label_pages: no fingerprinted asset {name!r} in {static}")
    digest = hashlib.sha256(minified(path)).hexdigest()[:HASH_LENGTH]
    stem, _, ext = path.name.rpartition(".")
    return str(Path(name).parent / f"{stem}.{digest}.{ext}")


def theme_static(settings: Mapping) -> Path:
    """The static folder of the theme the settings name, as Pelican copies it (its
    ``THEME_STATIC_PATHS`` default, ``static``; ``label_build._record_static`` does the same)."""
    return Path(settings["THEME"]) / "static"


@pass_context
def asset_url(context, name: str) -> str:
    """``asset('css/site.css')``: the theme and the static folder are the page's settings."""
    static = theme_static(context)
    return f"/{context['THEME_STATIC_DIR']}/{hashed_name(name, static)}"


def write_assets(files, static: Path = THEME_STATIC, static_dir: str = STATIC_DIR) -> list[str]:
    """Copy every CSS and JS file of the theme's ``static`` folder (``theme_static(settings)``)
    under its hashed name into ``static_dir`` (``THEME_STATIC_DIR``), recorded in ``files``, the
    build's ``SiteFiles``; returns the names."""
    written = []
    for path in sorted(static.rglob("*")):
        if not path.is_file() or path.suffix not in FINGERPRINTED:
            continue
        # Beside the original, so that relative URLs inside (fonts, images) still resolve.
        name = hashed_name(path.relative_to(static).as_posix(), static)
        files.write(f"{static_dir}/{name}", minified(path), "label_pages")
        written.append(name)
    return written
