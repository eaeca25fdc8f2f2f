"""Draw the demo data's panel photos (R11): illustrations, not photographs.

In: nothing. Out: JPEG files in data/photos/ showing a road-side panel « Ville Internet »
or « Village Internet » with its @ and year, each marked « ILLUSTRATION » so that nobody takes
them for real photos. Run once (``python scripts/demo_photos.py``); the files are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "assets" / "fonts" / "AtkinsonHyperlegible-Bold.ttf"
OUT = ROOT / "data" / "photos"
SIZE = (1440, 960)
PHOTOS = {
    "bordeaux-2026-quai.jpg": ("Ville Internet", 3, 2026, (138, 182, 222)),
    "bordeaux-2025-avenue.jpg": ("Ville Internet", 3, 2025, (170, 200, 230)),
    "requista-2026.jpg": ("Village Internet", 2, 2026, (150, 190, 215)),
}


def _landscape(sky: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", SIZE, sky)
    draw = ImageDraw.Draw(image)
    w, h = SIZE
    for y in range(int(h * 0.55)):  # the sky lightens towards the horizon
        k = y / (h * 0.55)
        draw.line([(0, y), (w, y)], fill=tuple(int(c + (250 - c) * k * 0.6) for c in sky))
    draw.rectangle([0, h * 0.55, w, h], fill=(96, 140, 72))
    draw.polygon(
        [(w * 0.42, h * 0.55), (w * 0.58, h * 0.55), (w * 0.95, h), (w * 0.05, h)],
        fill=(80, 82, 88),
    )
    return image


def draw(name: str, kind: str, level: int, year: int, sky: tuple[int, int, int]) -> None:
    image = _landscape(sky)
    draw = ImageDraw.Draw(image)
    big = ImageFont.truetype(str(FONT), 58)
    ats = ImageFont.truetype(str(FONT), 110)
    small = ImageFont.truetype(str(FONT), 34)
    x0, y0, x1, y1 = 770, 180, 1330, 560
    draw.rectangle([1045, y1, 1075, 900], fill=(120, 124, 130))  # the post
    draw.rounded_rectangle([x0, y0, x1, y1], 18, fill="white", outline=(11, 61, 110), width=14)
    cx = (x0 + x1) / 2
    draw.text((cx, y0 + 80), kind, font=big, fill=(11, 61, 110), anchor="mm")
    draw.text((cx, y0 + 210), "@" * level, font=ats, fill=(11, 61, 110), anchor="mm")
    draw.text((cx, y0 + 320), str(year), font=big, fill=(11, 61, 110), anchor="mm")
    draw.rectangle([0, 0, 420, 70], fill=(0, 0, 0))
    draw.text((20, 35), "ILLUSTRATION", font=small, fill="white", anchor="lm")
    OUT.mkdir(parents=True, exist_ok=True)
    image.save(OUT / name, "JPEG", quality=78, optimize=True, progressive=True)


if __name__ == "__main__":
    for file_name, spec in PHOTOS.items():
        draw(file_name, *spec)
