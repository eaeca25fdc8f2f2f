"""The national press kit of one edition, published after the ceremony (R10, R12).

In: a ``NationalEdition`` (the edition's public figures), the palmarès as open-data CSV bytes
and the edition's panel files by name. Out: ``build_national_kit_zip`` gives the zip bytes
(national press release as DOCX, PDF and text, the palmarès, key figures with the previous
edition's, the panels, a LISEZMOI), deterministic; the pieces are public functions too.
"""

from __future__ import annotations

from collections.abc import Mapping

from label_opendata.files import csv_bytes

from label_kits.archive import deterministic_zip
from label_kits.document import Block, Meta, Run, block, to_docx, to_text
from label_kits.press_pdf import release_pdf
from label_kits.press_release import at_place, boilerplate_blocks, panel_logo
from label_kits.subject import (
    NationalEdition,
    at_sign,
    fixed_datetime,
    fr,
    fr_date,
    fr_number,
    join_and,
    plural,
    quoted,
    texts,
    typo,
)
from label_kits.zipkit import (
    PANEL_DIR,
    README,
    check_panel_names,
    choose_panel_png,
    in_folder,
    readme_text,
)

LEVELS = (5, 4, 3, 2, 1)
KINDS = (("ville", "ville"), ("village", "village"), ("territoire", "intercommunalité"))


def _total(counts: Mapping[int, int]) -> int:
    return sum(counts.values())


def _kinds(counts: Mapping[str, int]) -> str:
    """« 169 villes, 45 villages et 12 intercommunalités » (kinds with none are left out)."""
    return join_and([plural(counts.get(kind, 0), noun) for kind, noun in KINDS if counts.get(kind)])


def title(edition: NationalEdition) -> str:
    total = plural(
        _total(edition.counts_by_level), "collectivité labellisée", "collectivités labellisées"
    )
    return fr(f"Palmarès {edition.year} du label {quoted(texts()['label'])} : {total}")


def _movements(edition: NationalEdition) -> str:
    parts = []
    if edition.newcomers:
        verb = "fait son entrée" if edition.newcomers == 1 else "font leur entrée"
        parts.append(f"{plural(edition.newcomers, 'collectivité')} {verb} au palmarès")
    if edition.returns:
        verb = "revient" if edition.returns == 1 else "reviennent"
        parts.append(f"{fr_number(edition.returns)} {verb} après une absence")
    if edition.promoted:
        verb = "progresse" if edition.promoted == 1 else "progressent"
        parts.append(f"{fr_number(edition.promoted)} {verb} d’au moins une @")
    if edition.demoted:
        verb = "perd" if edition.demoted == 1 else "perdent"
        parts.append(f"{fr_number(edition.demoted)} {verb} une @")
    if edition.left:
        verb = "n’est pas labellisée" if edition.left == 1 else "ne sont pas labellisées"
        parts.append(f"{fr_number(edition.left)} {verb} de nouveau")
    return f"Par rapport à l’édition {edition.year - 1}, {join_and(parts)}." if parts else ""


def release_blocks(edition: NationalEdition) -> list[Block]:
    year = edition.year
    total = _total(edition.counts_by_level)
    blocks = [
        block("title", title(edition)),
        block(
            "subtitle",
            "Des villages aux métropoles, les collectivités distinguées pour leur politique "
            "numérique au service des habitants.",
        ),
    ]
    place = typo(edition.ceremony_place) if edition.ceremony_place else None
    if edition.ceremony_date:
        where = f"{place}, le" if place else "Le"
        dateline = Run(f"{where} {fr_date(edition.ceremony_date)} — ", bold=True)
    else:
        dateline = Run("[lieu], [date] — ", bold=True, highlight=True)
    opening = "L’association Villes Internet a remis"
    if place:
        opening += f", {at_place(place)},"
    opening += (
        f" les distinctions du label {quoted(texts()['label'])} {year}. Au total, "
        f"{plural(total, 'collectivité')} {'est labellisée' if total == 1 else 'sont labellisées'}"
    )
    kinds = _kinds(edition.counts_by_kind)
    opening += f" : {kinds}" if kinds else ""
    if edition.previous_counts_by_level:
        opening += f" (contre {fr_number(_total(edition.previous_counts_by_level))} en {year - 1})"
    opening += ". Chaque collectivité participante reçoit de 1 à 5 @."
    blocks.append(block("body", dateline, fr(opening)))
    movements = _movements(edition)
    if movements:
        blocks.append(block("body", fr(movements)))

    blocks.append(block("heading", "Répartition par nombre de @"))
    previous = edition.previous_counts_by_level
    for level in LEVELS:
        line = f"{at_sign(level)} : {plural(edition.counts_by_level.get(level, 0), 'collectivité')}"
        if previous is not None:
            line += f" ({fr_number(previous.get(level, 0))} en {year - 1})"
        blocks.append(block("bullet", fr(line)))

    awarded = [(name, list(names)) for name, names in edition.mentions if names]
    if awarded:
        blocks.append(block("heading", "Mentions thématiques"))
        for name, names in awarded:
            laureates = join_and([typo(n) for n in names])
            blocks.append(block("bullet", Run(fr(f"{typo(name)} : "), bold=True), fr(laureates)))
        if any(name.casefold() == "transition écologique" for name, _ in awarded):
            green = quoted("Transition écologique")
            blocks.append(
                block(
                    "body",
                    fr(
                        f"La mention {green} se voit sur le panneau des lauréats : l’une de "
                        "leurs arobases est verte."
                    ),
                )
            )
    if edition.excellence:
        blocks.append(block("heading", "Territoires d’excellence numérique"))
        blocks.append(
            block(
                "body",
                fr(
                    f"Le jury a décerné le titre de {quoted('Territoire d’excellence numérique')} "
                    f"à {join_and([typo(n) for n in edition.excellence])}."
                ),
            )
        )
    if edition.carried:
        blocks.append(
            block(
                "body",
                fr(
                    f"{join_and([typo(n) for n in edition.carried])} "
                    + ("garde" if len(edition.carried) == 1 else "gardent")
                    + " l’affichage à 5 @ grâce au titre de "
                    + f"{quoted('Territoire d’excellence numérique')} reçu précédemment."
                ),
            )
        )
    if edition.top_laureates:
        blocks.append(block("heading", "Les collectivités les mieux distinguées"))
        blocks.append(block("body", fr(join_and([typo(n) for n in edition.top_laureates]) + ".")))
    blocks.append(
        block(
            "body",
            fr(
                "Chaque collectivité labellisée peut afficher en entrée de ville un panneau "
                f"millésimé {quoted('Ville Internet')}, {quoted('Village Internet')} ou "
                f"{quoted('Territoire Internet')} {year}. Le palmarès complet et la page de "
                f"chaque collectivité sont en ligne : {edition.site_url}"
            ),
        )
    )
    blocks.extend(boilerplate_blocks())
    return blocks


def _meta(edition: NationalEdition) -> Meta:
    return Meta(
        title=title(edition),
        subject=fr(f"Communiqué de presse national : label {texts()['label']} {edition.year}"),
        keywords=f"Villes Internet; label {edition.year}; palmarès",
        when=fixed_datetime(edition.year, edition.ceremony_date),
    )


def national_release_docx(
    edition: NationalEdition, panel_files: Mapping[str, bytes] | None = None
) -> bytes:
    """The national release, headed by the edition's 5 @ panel when panels are given."""
    logo = panel_logo(national_panel(edition, panel_files)) if panel_files else None
    return to_docx(release_blocks(edition), _meta(edition), logo)


def national_panel(edition: NationalEdition, panel_files: Mapping[str, bytes]) -> bytes:
    """The panel heading the national release: the 5 @ town's, else the closest to web size."""
    panel = panel_files.get(f"ville-internet-5-{edition.year}.png")
    return panel if panel is not None else choose_panel_png(panel_files)


def national_release_pdf(edition: NationalEdition, panel_files: Mapping[str, bytes]) -> bytes:
    """The same release as a PDF headed by the edition's 5 @ panel (``press_pdf``)."""
    panel = national_panel(edition, panel_files)
    kind = "Communiqué de presse national"
    return release_pdf(release_blocks(edition), _meta(edition), panel, edition.year, kind)


def national_release_text(edition: NationalEdition) -> bytes:
    return to_text(release_blocks(edition)).encode("utf-8")


def figures_csv(edition: NationalEdition) -> bytes:
    """Key figures by level, by kind and in total, beside the previous edition's (if any)."""
    year = edition.year
    rows = [["regroupement", "modalite", str(year), str(year - 1)]]

    def previous(counts: Mapping | None, key) -> str:
        return "" if counts is None else str(counts.get(key, 0))

    for level in LEVELS[::-1]:
        rows.append(
            [
                "arobases",
                level,
                edition.counts_by_level.get(level, 0),
                previous(edition.previous_counts_by_level, level),
            ]
        )
    for kind, _ in KINDS:
        rows.append(
            [
                "type",
                kind,
                edition.counts_by_kind.get(kind, 0),
                previous(edition.previous_counts_by_kind, kind),
            ]
        )
    prev_total = edition.previous_counts_by_level
    rows.append(
        [
            "total",
            "labellises",
            _total(edition.counts_by_level),
            "" if prev_total is None else _total(prev_total),
        ]
    )
    for name, value in (
        ("entrees", edition.newcomers),
        ("progressions", edition.promoted),
        ("baisses", edition.demoted),
        ("retours", edition.returns),
        ("non_relabellises", edition.left),
        ("titre_excellence_5_arobases", len(edition.carried)),
    ):
        rows.append(["mouvements", name, value, ""])
    return csv_bytes(rows)  # the one CSV writer: RFC 4180, formulas neutralised


def lisezmoi_national(edition: NationalEdition, member_names: list[str]) -> bytes:
    t = texts()["lisezmoi"]
    values = {"year": edition.year, "site_url": edition.site_url}
    descriptions = {key.format(**values): text for key, text in t["fichiers"].items()}
    descriptions[PANEL_DIR] = t["fichiers"]["panneaux-national/"]
    entries, panel_names = [], []
    for name in member_names:
        if name.startswith(PANEL_DIR):
            panel_names.append(name[len(PANEL_DIR) :])
            if entries and entries[-1][0] == PANEL_DIR:
                continue
            name = PANEL_DIR
        entries.append((name, descriptions[name].format(**values)))
    entries.append((README, descriptions[README]))
    return readme_text(
        fr(t["titre_national"].format(**values)),
        fr(t["fichiers_titre_national"]),
        fr(t["intro_national"].format(**values)),
        entries,
        panel_names,
        fr(t["contact_national"].format(**values)),
    )


def national_members(
    edition: NationalEdition, palmares_csv: bytes, panel_files: Mapping[str, bytes]
) -> list[tuple[str, bytes]]:
    year = edition.year
    members = [
        (f"communique-national-{year}.docx", national_release_docx(edition, panel_files)),
        (f"communique-national-{year}.pdf", national_release_pdf(edition, panel_files)),
        (f"communique-national-{year}.txt", national_release_text(edition)),
        (f"palmares-{year}.csv", palmares_csv),
        (f"chiffres-{year}.csv", figures_csv(edition)),
    ]
    members += [(PANEL_DIR + name, panel_files[name]) for name in check_panel_names(panel_files)]
    members.append((README, lisezmoi_national(edition, [name for name, _ in members])))
    return members


def build_national_kit_zip(
    edition: NationalEdition, palmares_csv: bytes, panel_files: Mapping[str, bytes]
) -> bytes:
    """The kit published at /kits/<year>/dossier-national-<year>.zip, in one folder."""
    when = fixed_datetime(edition.year, edition.ceremony_date)
    members = national_members(edition, palmares_csv, panel_files)
    return deterministic_zip(in_folder(national_folder(edition.year), members), when)


def national_folder(year: int) -> str:
    """The one folder of the unzipped press kit, named as the zip is."""
    return f"dossier-national-{year}/"
