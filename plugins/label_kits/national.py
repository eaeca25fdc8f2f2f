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
    return fr(_say("titre", annee=edition.year, label=quoted(texts()["label"]), total=total))


def _say(key: str, **words: object) -> str:
    """One sentence of the national release (``texts.yaml``, « communique_national »), filled."""
    return texts()["communique_national"][key].format(**words)


def _heading(key: str) -> Block:
    """A heading, printed as written (only its apostrophes made typographic)."""
    return block("heading", typo(texts()["communique_national"][key]))


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
    t = texts()
    blocks = [
        block("title", title(edition)),
        block("subtitle", typo(t["communique_national"]["sous_titre"])),
        block("body", _dateline(edition), fr(_opening(edition))),
    ]
    movements = _movements(edition)
    if movements:
        blocks.append(block("body", fr(movements)))
    blocks += _levels(edition) + _mentions(edition) + _excellence(edition)
    if edition.top_laureates:
        blocks.append(_heading("mieux_distinguees_titre"))
        blocks.append(block("body", fr(join_and([typo(n) for n in edition.top_laureates]) + ".")))
    ville, village, territoire = (
        quoted(f"{k} Internet") for k in ("Ville", "Village", "Territoire")
    )
    panels = f"{ville}, {village} ou {territoire}"
    words = {"panneaux": panels, "annee": edition.year, "adresse": edition.site_url}
    blocks.append(block("body", fr(_say("panneau", **words))))
    blocks.extend(boilerplate_blocks())
    return blocks


def _dateline(edition: NationalEdition) -> Run:
    """« Paris, le 3 février 2026 — », or a placeholder to complete when the date is unknown."""
    if not edition.ceremony_date:
        return Run("[lieu], [date] — ", bold=True, highlight=True)
    place = typo(edition.ceremony_place) if edition.ceremony_place else None
    where = f"{place}, le" if place else "Le"
    return Run(f"{where} {fr_date(edition.ceremony_date)} — ", bold=True)


def _opening(edition: NationalEdition) -> str:
    year, total = edition.year, _total(edition.counts_by_level)
    place = typo(edition.ceremony_place) if edition.ceremony_place else None
    previous = edition.previous_counts_by_level
    kinds = _kinds(edition.counts_by_kind)
    return _say(
        "ouverture",
        lieu=f", {at_place(place)}," if place else "",
        label=quoted(texts()["label"]),
        annee=year,
        total=f"{plural(total, 'collectivité')} "
        + ("est labellisée" if total == 1 else "sont labellisées"),
        types=f" : {kinds}" if kinds else "",
        avant=" " + _say("avant", nombre=fr_number(_total(previous)), annee=year - 1)
        if previous
        else "",
    )


def _levels(edition: NationalEdition) -> list[Block]:
    """How many collectivities at each level, beside the previous edition's count."""
    blocks = [_heading("repartition_titre")]
    previous = edition.previous_counts_by_level
    for level in LEVELS:
        line = f"{at_sign(level)} : {plural(edition.counts_by_level.get(level, 0), 'collectivité')}"
        if previous is not None:
            line += f" ({fr_number(previous.get(level, 0))} en {edition.year - 1})"
        blocks.append(block("bullet", fr(line)))
    return blocks


def _mentions(edition: NationalEdition) -> list[Block]:
    awarded = [(name, list(names)) for name, names in edition.mentions if names]
    if not awarded:
        return []
    blocks = [_heading("mentions_titre")]
    for name, names in awarded:
        laureates = join_and([typo(n) for n in names])
        blocks.append(block("bullet", Run(fr(f"{typo(name)} : "), bold=True), fr(laureates)))
    green = texts()["mention_verte"]
    if any(name.casefold() == green.casefold() for name, _ in awarded):
        blocks.append(block("body", fr(_say("mention_verte", verte=quoted(green)))))
    return blocks


def _excellence(edition: NationalEdition) -> list[Block]:
    """The excellence titles given this year, and those that still show 5 @ (R9)."""
    blocks = []
    title = quoted(texts()["titre_excellence"])
    if edition.excellence:
        names = join_and([typo(n) for n in edition.excellence])
        blocks.append(_heading("excellence_titre"))
        blocks.append(block("body", fr(_say("excellence", excellence=title, noms=names))))
    if edition.carried:
        names = join_and([typo(n) for n in edition.carried])
        keeps = "garde" if len(edition.carried) == 1 else "gardent"
        words = {"noms": names, "garde": keeps, "excellence": title}
        blocks.append(block("body", fr(_say("excellence_gardee", **words))))
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
