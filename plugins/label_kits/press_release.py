"""The adaptable press release a labelled collectivity sends to its local press (R12).

In: a ``KitSubject`` (and, for the PDF, its panel as a PNG). Out: the release as blocks
(``release_blocks``, the one source of its sentences), as DOCX bytes (``press_release_docx``), as
a PDF with the panel (``press_release_pdf``) and as UTF-8 text (``press_release_text``),
deterministic. The passages the collectivity must complete (the elected official's quote, its
press contact) are between square brackets and highlighted in the DOCX and the PDF.
"""

from __future__ import annotations

from label_kits.document import Block, Logo, Meta, Run, block, to_docx, to_text
from label_kits.images import logo_png, panel_at
from label_kits.press_pdf import LOGO_PIXELS, release_pdf
from label_kits.subject import (
    KitSubject,
    at_sign,
    fixed_datetime,
    fr,
    fr_date,
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


def _streak(subject: KitSubject) -> str:
    """« Labellisée pour la 5e année consécutive »: from the second edition in a row."""
    g = grammar(subject)
    years = subject.consecutive_years
    return f"labellisé{g.agree} pour la {years}e année consécutive" if years >= 2 else ""


def _with_streak(subject: KitSubject, clause: str) -> str:
    """« Labellisée pour la 5e année consécutive, elle confirme ses 3 @. », or the clause
    alone (« Elle confirme ses 3 @. ») when the label is not a second one in a row."""
    g = grammar(subject)
    streak = _streak(subject)
    return f"{capitalise(streak)}, {g.pronoun} {clause}." if streak else f"{g.Pronoun} {clause}."


def _history(subject: KitSubject) -> str:
    """The sentence its label's story calls for, told as the collectivity tells it: a first
    label, a return, a gain, a confirmation; after a lower level, its years in a row (a
    release never says what it had before when that was more)."""
    g = grammar(subject)
    level, previous = subject.level, subject.previous_level
    if subject.change == "retour" and subject.last_label:
        last_year, last_level = subject.last_label
        if level > last_level:
            return (
                f"{g.Pronoun} fait son retour au palmarès avec {at_sign(level)}, "
                f"{level_words(level - last_level)} de plus qu’en {last_year}, année de son "
                "dernier label."
            )
        return (
            f"{g.Pronoun} fait son retour au palmarès, où {g.pronoun} figurait déjà en {last_year}."
        )
    if subject.change == "hausse" and previous and level > previous:
        gained = level_words(level - previous)
        return _with_streak(subject, f"gagne {gained} et passe de {previous} à {at_sign(level)}")
    if subject.change == "stable":
        held = "son arobase" if level == 1 else f"ses {at_sign(level)}"
        return _with_streak(subject, f"confirme {held}")
    if subject.change in ("baisse", "hausse"):
        streak = _streak(subject)
        return f"{g.Pronoun} est {streak}." if streak else ""
    if subject.change == "nouveau":
        return f"C’est son premier label : {g.short} fait son entrée au palmarès {subject.year}."
    return ""


ATLAAS = "dans l’Atlaas, la base d’actions partagée du réseau Villes Internet"


def _actions(subject: KitSubject) -> str:
    """Its actions (R7): all it published first, then those the jury examined among them
    (the same counts as its page), never as a ratio that reads like a shortfall."""
    g = grammar(subject)
    counted, published = subject.actions_counted, subject.actions_published
    if counted <= 0:
        return ""
    if counted >= published:
        if counted == 1:
            return f"Le jury a examiné l’action numérique qu’{g.pronoun} a publiée {ATLAAS}."
        examined = plural(counted, "action numérique", "actions numériques")
        return f"Le jury a examiné les {examined} qu’{g.pronoun} a publiées {ATLAAS}."
    recent = (
        "une action récente que le jury a examinée"
        if counted == 1
        else f"{plural(counted, 'action récente', 'actions récentes')} que le jury a examinées"
    )
    return (
        f"{capitalise(g.short)} a publié "
        f"{plural(published, 'action numérique', 'actions numériques')} {ATLAAS}, dont "
        f"{recent} pour le label {subject.year}."
    )


def _words(subject: KitSubject) -> dict[str, str]:
    """What the release's sentences (``texts.yaml``, « communique ») are filled with."""
    g = grammar(subject)
    t = texts()
    level = subject.level
    return {
        "nom": subject.nom,
        "annee": str(subject.year),
        "arobases": at_sign(level),
        "Designation": g.Designation,
        "designation": g.designation,
        "court": g.short,
        "de_court": of_phrase(g.short),
        "Pronom": g.Pronoun,
        "niveau": f"{level_words(level)} ({at_sign(level)})",
        "label": f"label {quoted(t['label'])} {subject.year}",
        "panneau": quoted(g.label_name),
        "ou": _where(subject),
        "mentions": join_and([quoted(name) for name in subject.mentions]),
        "excellence": quoted(t["titre_excellence"]),
        "verte": quoted(t["mention_verte"]),
        "adresse": subject.page_url,
    }


def _say(key: str, words: dict[str, str]) -> str:
    """One sentence of the release, filled: its words are the code's, its text texts.yaml's."""
    return texts()["communique"][key].format(**words)


def title(subject: KitSubject) -> str:
    label = quoted(texts()["label"])
    words = {"nom": subject.nom, "arobases": at_sign(subject.level), "label": label}
    return fr(texts()["communique"]["titre"].format(**words, annee=subject.year))


def release_blocks(subject: KitSubject) -> list[Block]:
    words = _words(subject)
    blocks = [
        block("title", title(subject)),
        block("subtitle", fr(_say("sous_titre", words))),
        block("body", *_opening(subject, words)),
    ]
    history = " ".join(filter(None, [_history(subject), _actions(subject)]))
    if history:
        blocks.append(block("body", fr(history)))
    if subject.mentions:
        honours = _say("mention" if len(subject.mentions) == 1 else "mentions", words)
        if subject.green:
            honours += " " + _say("mention_verte", words)
        blocks.append(block("body", fr(honours)))
    if subject.excellence:
        blocks.append(block("body", fr(_say("excellence", words))))
    panel = "panneau" if subject.level > 1 else "panneau_une_arobase"
    blocks.append(block("body", fr(_say(panel, words))))
    blocks.append(block("placeholder", fr(texts()["citation"][subject.kind])))
    blocks.append(block("body", fr(_say("site", words))))
    blocks.append(block("body", Run(fr(texts()["contact_local"]), highlight=True)))
    blocks.extend(boilerplate_blocks())
    return blocks


def _opening(subject: KitSubject, words: dict[str, str]) -> tuple[Run, str]:
    """The dateline and the opening paragraph; without a known date, a placeholder. A
    dateline names a place: the commune; an intercommunality's seat is not in the reference
    data, so its release asks for it, highlighted like the other blanks."""
    place = typo(subject.nom) if subject.kind != "territoire" else SEAT_PLACEHOLDER
    if subject.ceremony_date:
        dateline = Run(
            f"{place}, le {fr_date(subject.ceremony_date)} — ",
            bold=True,
            highlight=subject.kind == "territoire",
        )
        # The dateline already gives the date: the sentence gives the place.
        opening = _say_as_is("ouverture_ceremonie", words)
        where = at_place(subject.ceremony_place) + ", " if subject.ceremony_place else ""
        opening = capitalise(where + opening)
    else:
        dateline = Run(f"{place}, [date] — ", bold=True, highlight=True)
        opening = _say_as_is("ouverture", words)
    return dateline, opening + " " + _say_as_is("label_decerne", words)


def _say_as_is(key: str, words: dict[str, str]) -> str:
    """A sentence the release prints with its words as they are: only the text's apostrophes
    made typographic (the opening's spacing is the words' own)."""
    return typo(texts()["communique"][key]).format(**words)


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


DOCX_LOGO_CM = 3.0  # the panel above the title, the size of a letterhead's logo


def panel_logo(panel_png: bytes | None) -> Logo | None:
    """The label's panel as a DOCX's logo, at print resolution for its width (None: none)."""
    if panel_png is None:
        return None
    width, height = panel_at(panel_png, LOGO_PIXELS, 4 * LOGO_PIXELS).size
    return Logo(logo_png(panel_png, LOGO_PIXELS), DOCX_LOGO_CM, DOCX_LOGO_CM * height / width)


def press_release_docx(subject: KitSubject, panel_png: bytes | None = None) -> bytes:
    """The release to complete, headed by the collectivity's panel when it is given."""
    return to_docx(release_blocks(subject), _meta(subject), panel_logo(panel_png))


def press_release_pdf(subject: KitSubject, panel_png: bytes) -> bytes:
    """The same release as a PDF headed by the collectivity's own panel (``press_pdf``)."""
    return release_pdf(release_blocks(subject), _meta(subject), panel_png, subject.year)


def press_release_text(subject: KitSubject) -> bytes:
    return to_text(release_blocks(subject)).encode("utf-8")
