"""The adaptable press release a labelled collectivity sends to its local press (R12).

In: a ``KitSubject``. Out: the release as blocks (``release_blocks``), as DOCX bytes
(``press_release_docx``) and as UTF-8 text (``press_release_text``), deterministic. The
passages the collectivity must complete (the elected official's quote, its press contact) are
between square brackets and highlighted in the DOCX.
"""

from __future__ import annotations

from label_kits.document import Block, Meta, Run, block, to_docx, to_text
from label_kits.subject import (
    KitSubject,
    at_sign,
    fixed_datetime,
    fr,
    fr_date,
    fr_number,
    grammar,
    join_and,
    level_words,
    of_phrase,
    plural,
    quoted,
    texts,
    typo,
)

SEAT_PLACEHOLDER = "[Commune du siège]"


def at_place(place: str) -> str:
    """« à Paris », « au Havre », « à la Cité des sciences »: the place as the staff wrote it."""
    place = typo(place)
    for article, contracted in (("Le ", "au "), ("Les ", "aux "), ("La ", "à la ")):
        if place.startswith(article):
            return contracted + place[len(article) :]
    if place.startswith("L’"):
        return "à l’" + place[2:]
    return "à " + place


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _where(subject: KitSubject) -> str:
    return {
        "ville": "à ses entrées de ville",
        "village": "à l’entrée du village",
        "territoire": "sur son territoire",
    }[subject.kind]


def _history(subject: KitSubject) -> str:
    """The sentence its label's story calls for: first label, return, same level, up, down."""
    g = grammar(subject)
    year, level, previous = subject.year, subject.level, subject.previous_level
    if subject.change == "retour" and subject.last_label:
        last_year, last_level = subject.last_label
        return (
            f"{g.Pronoun} retrouve ainsi le palmarès, où {g.pronoun} figurait pour la dernière "
            f"fois en {last_year} avec {at_sign(last_level)}."
        )
    if subject.change == "hausse" and previous:
        before = f"{at_sign(previous)} en {year - 1}"
        return f"{g.Pronoun} progresse : {before}, {at_sign(level)} en {year}."
    if subject.change == "stable":
        return f"{g.Pronoun} confirme ainsi son niveau de {year - 1} ({at_sign(level)})."
    if subject.change == "baisse" and previous:
        return (
            f"{g.Pronoun} reste labellisé{g.agree} cette année, après {at_sign(previous)} "
            f"en {year - 1}."
        )
    if subject.change == "nouveau":
        return f"C’est son premier label : {g.short} fait son entrée au palmarès {year}."
    return ""


def _actions(subject: KitSubject) -> str:
    """Which actions the jury examined (R7), counted as the collectivity's page counts them."""
    g = grammar(subject)
    counted, published = subject.actions_counted, subject.actions_published
    if counted <= 0:
        return ""
    year = subject.year
    of_all = (
        f"les {plural(published, 'action')}"
        if counted == published
        else f"{plural(counted, 'action')} sur les {fr_number(published)}"
    )
    if published <= 1:
        of_all = "la seule action"
    return (
        f"Le jury a examiné les actions numériques {of_phrase(g.short)} mises à jour en "
        f"{year - 1} ou {year}, en cours ou de moins de deux ans : {of_all} qu’{g.pronoun} a "
        f"publiée{'s' if published > 1 else ''} dans l’Atlaas, la base d’actions partagée du "
        "réseau Villes Internet."
    )


def title(subject: KitSubject) -> str:
    label = quoted(texts()["label"])
    return fr(f"{subject.nom} obtient {at_sign(subject.level)} au label {label} {subject.year}")


def release_blocks(subject: KitSubject) -> list[Block]:
    g = grammar(subject)
    t = texts()
    year, level = subject.year, subject.level
    label = f"label {quoted(t['label'])} {year}"
    words = f"{level_words(level)} ({at_sign(level)})"
    blocks = [
        block("title", title(subject)),
        block(
            "subtitle",
            fr(
                f"{g.Designation} reçoit {words} pour sa politique numérique au service des "
                "habitants."
            ),
        ),
    ]

    # The opening paragraph starts with the dateline; without a known date, a placeholder.
    # A dateline names a place: the commune; an intercommunality's seat is not in the
    # reference data, so its release asks for it, highlighted like the other blanks.
    place = typo(subject.nom) if subject.kind != "territoire" else SEAT_PLACEHOLDER
    if subject.ceremony_date:
        dateline = Run(
            f"{place}, le {fr_date(subject.ceremony_date)} — ",
            bold=True,
            highlight=subject.kind == "territoire",
        )
        # The dateline already gives the date: the sentence gives the place.
        opening = "Lors de la cérémonie nationale de remise des labels"
        if subject.ceremony_place:
            opening = capitalise(at_place(subject.ceremony_place)) + ", l" + opening[1:]
        opening += f", {g.designation} a reçu {words} au {label}."
    else:
        dateline = Run(f"{place}, [date] — ", bold=True, highlight=True)
        opening = f"{g.Designation} a reçu {words} au {label}."
    opening += (
        " Décerné chaque année par l’association Villes Internet, ce label national distingue "
        "les collectivités qui mettent le numérique au service de leurs habitants."
    )
    blocks.append(block("body", dateline, opening))

    history = " ".join(filter(None, [_history(subject), _actions(subject)]))
    if history:
        blocks.append(block("body", fr(history)))

    if subject.mentions:
        names = join_and([quoted(name) for name in subject.mentions])
        noun = "la mention" if len(subject.mentions) == 1 else "les mentions"
        honours = f"Le jury lui a également décerné {noun} {names}."
        if subject.green:
            honours += (
                f" La mention {quoted('Transition écologique')} se voit sur son panneau : "
                "l’une de ses arobases y est verte."
            )
        blocks.append(block("body", fr(honours)))
    if subject.excellence:
        blocks.append(
            block(
                "body",
                fr(
                    f"{g.Pronoun} porte en outre le titre de "
                    f"{quoted('Territoire d’excellence numérique')}, que le jury réserve aux "
                    "collectivités qui conduisent depuis de nombreuses années une politique "
                    "numérique de tout premier plan."
                ),
            )
        )
    blocks.append(
        block(
            "body",
            fr(
                f"Comme toutes les collectivités labellisées, {g.short} peut afficher "
                f"{_where(subject)} le panneau {quoted(g.label_name)} millésimé {year}, "
                f"avec ses {at_sign(level)}, et le faire figurer dans ses supports de "
                "communication."
                if level > 1
                else f"Comme toutes les collectivités labellisées, {g.short} peut afficher "
                f"{_where(subject)} le panneau {quoted(g.label_name)} millésimé {year} et le "
                "faire figurer dans ses supports de communication."
            ),
        )
    )
    blocks.append(block("placeholder", fr(t["citation"][subject.kind])))
    blocks.append(
        block(
            "body",
            fr(
                f"Les actions {of_phrase(g.short)} et l’historique de son label sont à "
                f"retrouver sur le site du label : {subject.page_url}"
            ),
        )
    )
    blocks.append(block("body", Run(fr(t["contact_local"]), highlight=True)))
    blocks.extend(boilerplate_blocks())
    return blocks


def boilerplate_blocks() -> list[Block]:
    """« À propos du label », the association's contact and the licence: every release ends so."""
    t = texts()
    enjeux = join_and(t["enjeux"])
    blocks = [block("heading", fr(t["a_propos_titre"]))]
    blocks += [block("body", fr(text.format(enjeux=enjeux))) for text in t["a_propos"]]
    blocks.append(block("heading", fr(t["contact_titre"])))
    blocks += [block("body", fr(line)) for line in t["contact"]]
    blocks.append(block("small", fr(t["licence"])))
    return blocks


def _meta(subject: KitSubject) -> Meta:
    return Meta(
        title=title(subject),
        subject=fr(f"Communiqué de presse : label {texts()['label']} {subject.year}"),
        keywords=f"Villes Internet; label {subject.year}; {typo(subject.nom)}",
        when=fixed_datetime(subject.year, subject.ceremony_date),
    )


def press_release_docx(subject: KitSubject) -> bytes:
    return to_docx(release_blocks(subject), _meta(subject))


def press_release_text(subject: KitSubject) -> bytes:
    return to_text(release_blocks(subject)).encode("utf-8")
