"""A labelled collectivity's communication kit (R12) as one zip, and its LISEZMOI.txt.

In: a ``KitSubject`` and its panel files by name (rendered by the panels plugin: SVG, PNG,
PDF…; the PNG closest to 1200 pixels wide is used for the images and cards). Out:
``build_kit_zip`` gives the zip bytes, deterministic, every member in one top folder
(``kit_folder``); ``kit_members`` gives the same members as (name, bytes) pairs, in order,
named inside that folder.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from types import MappingProxyType

from label_panels.charter import load_charter
from PIL import Image

from label_kits.archive import deterministic_zip
from label_kits.cards import greeting_card_pdf, postcard_pdf
from label_kits.images import email_signature, social_image
from label_kits.press_release import press_release_docx, press_release_pdf, press_release_text
from label_kits.subject import (
    NBSP,
    KitSubject,
    at_sign,
    fixed_datetime,
    fr,
    fr_number,
    grammar,
    level_words,
    texts,
    to_phrase,
)

PANEL_DIR = "panneaux/"
README = "LISEZMOI.txt"
WRAP = 78  # a text file read in any editor: wrapped, unlike the press release


def _kit_files(subject: KitSubject, panel_png: bytes) -> list[tuple[str, Callable[[], bytes]]]:
    """The generated members, in zip order, each with the function that makes it."""
    return [
        ("communique-de-presse.docx", lambda: press_release_docx(subject, panel_png)),
        ("communique-de-presse.pdf", lambda: press_release_pdf(subject, panel_png)),
        ("communique-de-presse.txt", lambda: press_release_text(subject)),
        ("reseaux-sociaux-1200x630.png", lambda: social_image(subject, panel_png, (1200, 630))),
        ("reseaux-sociaux-1200x1200.png", lambda: social_image(subject, panel_png, (1200, 1200))),
        ("signature-courriel.png", lambda: email_signature(subject, panel_png)),
        ("signature-courriel-2x.png", lambda: email_signature(subject, panel_png, scale=2)),
        ("carte-postale-a6.pdf", lambda: postcard_pdf(subject)),
        ("carte-de-voeux.pdf", lambda: greeting_card_pdf(subject)),
    ]


def check_panel_names(panel_files: Mapping[str, bytes]) -> list[str]:
    """Panel file names, sorted; a name with a folder in it is refused (it would escape)."""
    for name in panel_files:
        if not name or "/" in name or "\\" in name or name.startswith("."):
            raise ValueError(f"panel file name must be a plain file name: {name!r}")
    return sorted(panel_files)


def choose_panel_png(panel_files: Mapping[str, bytes]) -> bytes:
    """The PNG panel closest to 1200 pixels wide (the web one, not the 4000-pixel print one)."""
    candidates = []
    for name in sorted(panel_files):
        if name.lower().endswith(".png"):
            with Image.open(io.BytesIO(panel_files[name])) as image:  # reads the header only
                candidates.append((abs(image.width - 1200), name))
    if not candidates:
        raise ValueError("the kit needs a PNG panel among panel_files (none given)")
    return panel_files[min(candidates)[1]]


def kit_members(subject: KitSubject, panel_files: Mapping[str, bytes]) -> list[tuple[str, bytes]]:
    panel_names = check_panel_names(panel_files)
    panel_png = choose_panel_png(panel_files)
    made = [(name, make()) for name, make in _kit_files(subject, panel_png)]
    members = made[:3]  # the release: DOCX, PDF, text
    members += [(PANEL_DIR + name, panel_files[name]) for name in panel_names]
    members += made[3:]
    names = [name for name, _ in members]
    members.append((README, lisezmoi(subject, names)))
    return members


def kit_folder(subject: KitSubject) -> str:
    """The one folder every file of the kit is in (``saint-etienne-2026-kit-label/``): an
    unzipped kit is one folder named after its commune and year, not 16 loose files."""
    return f"{subject.slug}-{subject.year}-kit-label/"


def build_kit_zip(subject: KitSubject, panel_files: Mapping[str, bytes]) -> bytes:
    """The kit published at /kits/<year>/<slug>-<code>-<year>.zip (``label_data.urls.kit``)."""
    when = fixed_datetime(subject.year, subject.ceremony_date)
    members = kit_members(subject, panel_files)
    return deterministic_zip(in_folder(kit_folder(subject), members), when)


def in_folder(folder: str, members: Sequence[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The members under ``folder`` (names inside the zip always use ``/``)."""
    return [(folder + name, data) for name, data in members]


# ---------------------------------------------------------------- LISEZMOI.txt


def _paragraph(text: str, indent: str = "", first: str | None = None) -> list[str]:
    # textwrap splits on ASCII spaces only: no-break spaces keep « 4 @ » and « : » together,
    # and the attribution the licence asks for is kept on one line.
    text = text.replace(f"Source{NBSP}: www", f"Source{NBSP}:{NBSP}www")
    return textwrap.wrap(
        text,
        WRAP,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def readme_text(
    title: str,
    files_title: str,
    intro: str,
    files: Sequence[tuple[str, str]],
    panel_names: Sequence[str],
    closing: str,
) -> bytes:
    """A LISEZMOI: title, intro, one entry per file (panels listed one by one), the rules."""
    t = texts()["lisezmoi"]
    lines = [title, "=" * len(title), ""]
    lines += _paragraph(intro) + ["", files_title, "-" * len(files_title), ""]
    for name, description in files:
        lines += _paragraph(fr(f"{name} : {description}"), "    ", "  • ")
        if name == PANEL_DIR:
            lines += [f"      {PANEL_DIR}{panel}" for panel in panel_names]
    regles = fr(t["regles_titre"])
    lines += ["", regles, "-" * len(regles), ""]
    for rule in t["regles"]:
        lines += _paragraph(fr(rule), "    ", "  • ")
    lines += [""] + _paragraph(closing) + [""] + _paragraph(fr(texts()["licence"]))
    return ("\n".join(lines) + "\n").encode("utf-8")


@cache
def panel_values() -> Mapping[str, str]:
    """The panel's finished size and bleed, from the charter, as the LISEZMOI writes them.

    Read once per process: the charter is part of the renderer (its digest keys the kits), and
    parsing and checking its YAML for every kit cost a fifth of a kit's time.
    """
    charter = load_charter()
    size = f"{fr_number(round(charter.width))}{NBSP}×{NBSP}{fr_number(round(charter.height))}"
    return MappingProxyType(
        {"panel_size": f"{size}{NBSP}mm", "bleed": f"{charter.bleed:g}{NBSP}mm"}
    )


def lisezmoi(subject: KitSubject, member_names: Sequence[str] | None = None) -> bytes:
    """LISEZMOI.txt (French): what each file of the kit is for, and the rules of use.

    ``member_names`` are the kit's files; without them, the files a kit always has.
    """
    g = grammar(subject)
    t = texts()["lisezmoi"]
    values = {
        "year": subject.year,
        "next_year": subject.year + 1,
        "label_name": g.label_name,
        "level": at_sign(subject.level),
        "to_designation": to_phrase(g.designation),
        "labellisee": (
            f"labellisé{g.agree} avec {level_words(subject.level)} ({at_sign(subject.level)})"
        ),
        "page_url": subject.page_url,
        **panel_values(),
    }
    if member_names is None:
        member_names = [name for name, _ in _kit_files(subject, b"")]
    panel_names = [n[len(PANEL_DIR) :] for n in member_names if n.startswith(PANEL_DIR)]
    entries = []
    for name in member_names:
        if name.startswith(PANEL_DIR):
            if entries and entries[-1][0] == PANEL_DIR:
                continue
            name = PANEL_DIR
        entries.append((name, t["fichiers"][name].format(**values)))
    entries.append((README, t["fichiers"][README]))
    return readme_text(
        fr(t["titre"].format(**values)),
        fr(t["fichiers_titre"]),
        fr(t["intro"].format(**values)),
        entries,
        panel_names,
        fr(t["contact"].format(**values)),
    )
