"""Fingerprinted CSS and JavaScript: a content hash in the file name, so they can be cached
for a year and a new version is a new URL.

In: every ``.css`` and ``.js`` file under ``theme/static``. Out: ``asset_url(name)``
(a Jinja global: ``asset('css/site.css')`` → ``/static/css/site.1a2b3c4d5e.css``) and
``write_assets(files)``, which writes every such file under its hashed name. Templates only
reference hashed names; the unhashed copies Pelican makes of the theme's static folder are
never linked. Fonts keep their names: their URLs live inside the CSS, whose hash changes
whenever they are re-pointed.

The files are served minified (rcssmin, rjsmin: comments and spaces out, a third to a half of
the bytes a phone loads, issue #25's page budget), the theme's sources keep their comments.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import rcssmin
import rjsmin

THEME_STATIC = Path(__file__).resolve().parent.parent.parent / "theme" / "static"
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
def hashed_name(name: str, static: Path = THEME_STATIC) -> str:
    """``css/site.css`` → ``css/site.<hash>.css`` (the hash of the bytes served); unknown
    files are a build error."""
    path = static / name
    if not path.is_file() or path.suffix not in FINGERPRINTED:
        raise FileNotFoundError(f"label_pages: no fingerprinted asset {name!r} in {static}")
    digest = hashlib.sha256(minified(path)).hexdigest()[:HASH_LENGTH]
    stem, _, ext = path.name.rpartition(".")
    return str(Path(name).parent / f"{stem}.{digest}.{ext}")


def asset_url(name: str) -> str:
    return "/static/" + hashed_name(name)


def write_assets(files, static: Path = THEME_STATIC) -> list[str]:
    """Copy every CSS and JS file of the theme under its hashed name (recorded in ``files``,
    the build's ``SiteFiles``); returns the names."""
    written = []
    for path in sorted(static.rglob("*")):
        if not path.is_file() or path.suffix not in FINGERPRINTED:
            continue
        # Beside the original, so that relative URLs inside (fonts, images) still resolve.
        name = hashed_name(path.relative_to(static).as_posix(), static)
        files.write(f"static/{name}", minified(path), "label_pages")
        written.append(name)
    return written
