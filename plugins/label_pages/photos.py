"""Responsive images of the installed panels' photos (R11), made at build time with Pillow.

In: a collectivity's ``PublicPhoto`` list (files in the data's ``photos/`` folder). Out, for
the page: ``Photo`` records (URLs of each width in WebP and JPEG, the largest width and height,
an alt text and a caption); for the site: the image files under
``/photos/<slug>-<code>/<name>-<width>.webp|jpg``. Images are re-encoded, so the camera's
metadata (EXIF: GPS position, device) never reaches the site. Encoded files are cached by the
source's content and these settings, so a warm build encodes nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from label_data import reads, urls
from label_data.view import PublicPhoto, PublicTerritory
from label_infra.cache import FileCache
from label_infra.code import code_digest
from label_infra.digests import digest, file_digest
from PIL import Image, ImageOps

from .fmt import date_fr, french

WIDTHS = (480, 960, 1440)  # srcset steps; never larger than the source
FORMATS = (("webp", "WEBP", {"quality": 76, "method": 4}), ("jpg", "JPEG", {"quality": 80}))
SIZES = "(min-width: 52rem) 34rem, calc(100vw - 2rem)"


@dataclass(frozen=True)
class Photo:
    webp: str  # srcset
    jpeg: str  # srcset
    src: str  # the fallback JPEG
    width: int
    height: int
    alt: str
    caption: str
    files: tuple[tuple[str, str, int], ...]  # (site path, format, width) to write


def _widths(source_width: int) -> list[int]:
    return sorted({min(w, source_width) for w in WIDTHS})


def photo(t: PublicTerritory, p: PublicPhoto, panel_name: str) -> Photo:
    """What the page shows of one photo; reading the source's header only (cheap)."""
    reads.record(reads.FILE, str(p.source))  # the page shows its size: a new file, a new page
    with Image.open(p.source) as image:
        w, h = ImageOps.exif_transpose(image).size if _rotated(image) else image.size
    stem = Path(p.source).stem
    base = urls.photo(t.slug, t.code, stem)
    widths = _widths(w)
    files = tuple((f"{base}-{x}.{ext}", ext, x) for x in widths for ext, _, _ in FORMATS)
    where = f" {p.adresse}" if p.adresse else ""
    when = f" Photo du {date_fr(p.date)}." if p.date else ""
    return Photo(
        webp=", ".join(f"/{base}-{x}.webp {x}w" for x in widths),
        jpeg=", ".join(f"/{base}-{x}.jpg {x}w" for x in widths),
        src=f"/{base}-{widths[-1]}.jpg",
        width=widths[-1],
        height=round(h * widths[-1] / w),
        alt=french(f"{panel_name} installé à {t.nom}{',' + where if where else ''}"),
        caption=french(f"{p.adresse or 'Panneau installé'}.{when} Crédit : {p.credit}."),
        files=files,
    )


def _rotated(image: Image.Image) -> bool:
    # EXIF orientations 5 to 8 swap width and height.
    return image.getexif().get(0x0112, 1) in (5, 6, 7, 8)


def encode(source: str, fmt: str, width: int, cache_dir: str | None) -> bytes:
    """One variant's bytes, from the cache when the same source was encoded before."""
    key = digest([code_digest(_encode), file_digest(Path(source)), fmt, width])
    return FileCache(cache_dir, "photos").get_or_make(key, lambda: _encode(source, fmt, width))


def _encode(source: str, fmt: str, width: int) -> bytes:
    pillow_format, options = next((f, o) for ext, f, o in FORMATS if ext == fmt)
    with Image.open(source) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        if image.width > width:
            height = round(image.height * width / image.width)
            image = image.resize((width, height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, pillow_format, **options)  # no exif= argument: metadata is dropped
        return out.getvalue()


def write_photos(photos: list[Photo], sources: list[str], files, cache: str | None) -> int:
    """Write every variant of ``photos`` (``sources`` in the same order) through ``files``,
    the build's ``SiteFiles``; returns how many."""
    count = 0
    for item, source in zip(photos, sources, strict=True):
        for path, fmt, width in item.files:
            files.write(path, encode(source, fmt, width, cache), "label_pages")
            count += 1
    return count
