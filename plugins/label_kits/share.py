"""The images a shared link shows (``og:image``, 1200 × 630) and where the site puts them.

In: the published view (which pages get which image) and, for the generic images, a headline.
Out: public paths (DATA_FORMAT.md): ``territoires/<slug>-<code>/partage.png`` is the social
image of the collectivity's current kit (the very bytes of its ``reseaux-sociaux-1200x630.png``);
``partage/palmares-<année>.png`` for a published palmarès; ``partage/label-villes-internet.png``
for the home and every other page. Only published editions are drawn (R10).
"""

from __future__ import annotations

from label_data import urls
from label_data.view import PublishedView
from label_infra.cache import FileCache
from label_infra.code import code_digest
from label_infra.digests import digest
from PIL import Image, ImageDraw

from label_kits.images import SEPARATOR, SITE, Line, _png, draw_text_box, font
from label_kits.publish import renderer_digest
from label_kits.subject import GREY, INK, RED, plural, texts, typo

SIZE = (1200, 630)
KIT_MEMBER = "reseaux-sociaux-1200x630.png"


def generic_image(headline: str, detail: str) -> bytes:
    """A 1200 × 630 card: the label's name, five red @, a headline, a detail, the site."""
    width, height = SIZE
    image = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(image)
    label = f"Label «\u00a0{texts()['label']}\u00a0»"
    draw.text((width / 2, 84), label, font=font(False, 32), fill=GREY, anchor="ms")
    at, pitch = font(True, 120), 150
    for slot in range(5):
        draw.text((width / 2 + (slot - 2) * pitch, 230), "@", font=at, fill=RED, anchor="ms")
    draw.rectangle((200, 280, width - 200, 281), fill=SEPARATOR)
    lines = [
        Line(typo(headline), 64, bold=True, min_size=36, max_lines=2, gap=0.3),
        Line(typo(detail), 36, color=INK, min_size=24, max_lines=2),
    ]
    draw_text_box(draw, lines, (80, 300, width - 80, height - 84), align="center")
    draw.text((width / 2, height - 44), SITE, font=font(False, 26), fill=GREY, anchor="ms")
    draw.rectangle((0, height - 12, width, height), fill=RED)  # the label's red, as on panels
    return _png(image)


def site_images(view: PublishedView, cache_dir: str | None = None) -> dict[str, bytes]:
    """The generic image and one per published palmarès, by public path; cached by their
    text and the kit renderer, so a build redraws only a new edition's image."""
    cards = {
        urls.GENERIC_SHARE: (
            "Le label des politiques numériques locales",
            "Villes, villages et intercommunalités de 1 à 5 arobases",
        )
    }
    for year, edition in view.editions.items():
        count = plural(
            len(edition.laureates), "collectivité labellisée", "collectivités labellisées"
        )
        cards[urls.palmares_share(year)] = (f"Palmarès {year}", count)
    cache = FileCache(cache_dir, "partage")
    return {
        path: cache.get_or_make(
            digest([code_digest(generic_image), renderer_digest(), *card]),
            lambda card=card: generic_image(*card),
        )
        for path, card in cards.items()
    }
