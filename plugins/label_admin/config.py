"""The web editor's configuration (Sveltia CMS's ``config.yml``), made from the schema.

In: the declarations of ``label_data.schema`` (every field's type, whether it is required or
private, its French title and help) and the site's settings (``EDITOR_REPOSITORY``,
``EDITOR_BRANCH``, ``SITE_DOMAIN``). Out: the configuration as a dict and as the YAML text
committed in ``theme/admin/config.yml`` (``make admin-config`` writes it; a test fails when it
and the schema disagree), so that a field added to the schema reaches the editor with its rule.

What the form refuses is what the build refuses, wherever the editor can say it: required
fields, lengths, patterns of ids and codes and web addresses, ranges of numbers, the choices of
a list. Rules across fields or files (a mention declared in its edition, an action id unique
among all) stay the build's: ``make validate`` says them, with the file and the line.
Choices the editor makes for us (see the web-editor audit): instants in Paris time whatever the
browser's zone (``input_timezone``, never with ``format``, which freezes the editor outside
Paris time), optional fields left empty not written at all (else ``fin: ''``, which the build
refuses).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from label_data import fieldtypes as ft
from label_data.load import PHOTOS_DIR
from label_data.schema import (
    ACTION,
    EDITION,
    NEWS,
    PAGE,
    REFERENTIEL,
    SITE,
    TERRITORY,
    Field,
    Mapping,
)
from label_data.yamlload import IDENT_RE

PARIS_ZONE = "Europe/Paris"
IMAGE_TYPES = "image/jpeg,image/png,image/webp"


def js_pattern(pattern: re.Pattern) -> str:
    """A Python pattern anchored with ``\\A``/``\\Z`` as the browser's RegExp reads it."""
    return pattern.pattern.replace(r"\A", "^").replace(r"\Z", "$")


IDENT = (js_pattern(IDENT_RE), "Minuscules sans accents, chiffres et tirets (pas d’espace).")
WEB = ("^https?://", "Une adresse web complète, commençant par https://")


PRIVATE_HELP = "Privé\u00a0: jamais publié sur le site ni dans les données ouvertes."


def field_config(field: Field, data: str) -> dict[str, Any]:
    """One field of a form: its widget, label, help and the rules the form checks. A private
    field (``Field.private``) says so in its label and its help."""
    label = field.title or field.name
    config: dict[str, Any] = {"name": field.name, "label": label}
    if field.private:
        config["label"] = f"{label} (privé)"
    hint = " ".join(filter(None, (field.help, PRIVATE_HELP if field.private else "")))
    if hint:
        config["hint"] = hint
    config["required"] = field.required
    config.update(widget(field.type, data))
    return config


def widget(kind: ft.FieldType, data: str) -> dict[str, Any]:
    """The widget of a field type, with what the form can check of it."""
    if isinstance(kind, ft.ListOf):
        return _list(kind, data)
    if isinstance(kind, ft.Mapping):
        return {"widget": "object", "fields": fields(kind, data)}
    if isinstance(kind, ft.Ref):
        return _relation(kind.kind)
    return _scalar(kind, data)


def _scalar(kind: ft.FieldType, data: str) -> dict[str, Any]:
    if isinstance(kind, ft.PhotoFile):
        # The field holds the file name only (public_folder ""), as the schema wants.
        return {"widget": "image", "media_folder": f"/{data}/{PHOTOS_DIR}", "public_folder": "",
                "accept": IMAGE_TYPES, "choose_url": False}  # fmt: skip
    if isinstance(kind, ft.Choice):
        options = [{"label": kind.names.get(v, v), "value": v} for v in kind.values]
        return {"widget": "select", "options": options}
    if isinstance(kind, ft.Bool):
        return {"widget": "boolean"}
    if isinstance(kind, ft.Int):
        bounds = {"min": kind.low, "max": kind.high} if kind.low is not None else {}
        return {"widget": "number", "value_type": "int", **bounds}
    if isinstance(kind, ft.Number):
        return {"widget": "number", "value_type": "float", "step": 0.000001}
    if isinstance(kind, ft.Instant):
        return {"widget": "datetime", "input_timezone": PARIS_ZONE}
    if isinstance(kind, ft.Date):
        return {"widget": "datetime", "type": "date"}
    if isinstance(kind, ft.Ident):
        return {"widget": "string", "pattern": list(IDENT)}
    if isinstance(kind, ft.Url):
        return {"widget": "string", "type": "url", "pattern": list(WEB)}
    if isinstance(kind, ft.Email):
        expected = "Attendu\u00a0: une adresse comme contact@exemple.fr."
        anchored = f"^{kind.PATTERN.pattern}$"  # the build takes it whole (fullmatch)
        return {"widget": "string", "type": "email", "pattern": [anchored, expected]}
    if isinstance(kind, ft.Code) and kind.pattern is not None:
        expected = f"Attendu\u00a0: {kind.example}."
        return {"widget": "string", "pattern": [js_pattern(kind.pattern), expected]}
    if isinstance(kind, ft.Text):
        return {"widget": "text" if kind.multiline else "string", "maxlength": kind.limit}
    raise TypeError(f"no editor widget for {type(kind).__name__}")


def _list(kind: ft.ListOf, data: str) -> dict[str, Any]:
    item = kind.item
    if isinstance(item, ft.Ref):  # several entries chosen among others
        return {**_relation(item.kind), "multiple": True}
    if isinstance(item, ft.Mapping):
        return {"widget": "list", "fields": fields(item, data), "collapsed": "auto"}
    one = {"name": "valeur", "label": _item_label(kind.label), **widget(item, data)}
    return {"widget": "list", "field": one}


def _item_label(label: str | None) -> str:
    """« une année de cotisation » (how messages name an item) → « Année de cotisation »."""
    words = (label or "valeur").removeprefix("une ").removeprefix("un ")
    return words[:1].upper() + words[1:]


# Where each kind of reference takes its choices: (collection, file or None, value field,
# label, search fields: the label's when None).
REFERENCES = {
    "territoire": ("territoires", None, "code", "{{nom}} ({{code}})", ["nom", "code"]),
    "mention": ("palmares", None, "mentions.*.id", "mentions.*.nom", ["mentions.*.nom"]),
    "categorie": ("referentiel", "referentiel", "categories.*.id", "categories.*.nom", None),
    "service": ("referentiel", "referentiel", "services.*.id", "services.*.nom", None),
}


def _relation(kind: str) -> dict[str, Any]:
    collection, file, value, label, search = REFERENCES[kind]
    config: dict[str, Any] = {"widget": "relation", "collection": collection}
    if file:
        config["file"] = file
    config.update(value_field=value, display_fields=[label], search_fields=search or [label])
    return config


def fields(mapping: Mapping, data: str) -> list[dict[str, Any]]:
    return [field_config(f, data) for f in mapping.fields()]


def collections(data: str, content: str) -> list[dict[str, Any]]:
    """The editor's menu: collectivities, actions, palmarès, news, pages, settings."""
    # A data file's preview would only repeat the form (and print years as « 2,024 »).
    yaml_folder = {"format": "yaml", "extension": "yaml", "create": True, "delete": False,
                   "editor": {"preview": False}}  # fmt: skip
    return [
        {"name": "territoires", "label": "Collectivités", "label_singular": "collectivité",
         "folder": f"{data}/territoires", **yaml_folder, "identifier_field": "code",
         "slug": {"template": "{{code}}", "editable": False}, "summary": "{{nom}} ({{code}})",
         "sortable_fields": ["nom", "code"], "fields": fields(TERRITORY, data)},
        {"name": "actions", "label": "Actions", "label_singular": "fichier d’actions",
         "description": "Un fichier par collectivité, nommé par son code : ses actions.",
         "folder": f"{data}/actions", **yaml_folder, "create": False,
         "fields": [{"name": "actions", "label": "Actions", "label_singular": "action",
                     "widget": "list", "root": True, "collapsed": "auto",
                     "summary": "{{titre}}", "fields": fields(ACTION, data)}]},
        {"name": "palmares", "label": "Palmarès", "label_singular": "édition",
         "folder": f"{data}/palmares", **yaml_folder, "identifier_field": "edition",
         "slug": {"template": "{{edition}}", "editable": False}, "summary": "Palmarès {{slug}}",
         "sortable_fields": ["edition"], "fields": fields(EDITION, data)},
        _content("actualites", "Actualités", "actualité", f"{content}/news", NEWS, data,
                 "{{year}}-{{month}}-{{day}}-{{fields.slug}}"),
        _content("pages", "Pages", "page", f"{content}/pages", PAGE, data, "{{fields.slug}}"),
        {"name": "reglages", "label": "Réglages du site", "editor": {"preview": False},
         "files": [{"name": "site", "label": "Réglages du site", "file": f"{data}/site.yaml",
                    "format": "yaml", "fields": fields(SITE, data)}]},
        # Hidden: where relations take categories and services from. The référentiel is the
        # jury's (R6): changed in its file, never in a form.
        {"name": "referentiel", "label": "Référentiel", "hide": True, "editor": {"preview": False},
         "files": [{"name": "referentiel", "label": "Référentiel",
                    "file": f"{data}/referentiel.yaml", "format": "yaml",
                    "fields": fields(REFERENTIEL, data)}]},
    ]  # fmt: skip


def _content(name, label, singular, folder, mapping, data, slug) -> dict[str, Any]:
    """News or editorial pages: Markdown with YAML front matter, read by Pelican."""
    body = {"name": "body", "label": "Texte", "widget": "markdown", "required": True}
    return {"name": name, "label": label, "label_singular": singular, "folder": folder,
            "format": "yaml-frontmatter", "extension": "md", "create": True, "delete": True,
            "identifier_field": "title", "slug": {"template": slug, "editable": False},
            "sortable_fields": ["title", *(["date"] if name == "actualites" else [])],
            "fields": [*fields(mapping, data), body]}  # fmt: skip


COMMIT_MESSAGES = {
    "create": "Ajout ({{collection}}) : {{slug}}",
    "update": "Modification ({{collection}}) : {{slug}}",
    "delete": "Suppression ({{collection}}) : {{slug}}",
    "uploadMedia": "Ajout du fichier {{path}}",
    "deleteMedia": "Suppression du fichier {{path}}",
}


def editor_config(settings: dict, data: str = "data", content: str = "content") -> dict:
    """The whole configuration; ``data`` and ``content``: the folders, from the repository."""
    backend = {
        "name": "github",
        "repo": settings["EDITOR_REPOSITORY"],
        "branch": settings["EDITOR_BRANCH"],
        "commit_messages": {k: v.replace(" :", "\u00a0:") for k, v in COMMIT_MESSAGES.items()},
    }
    return {
        "backend": backend,
        "app_title": "Édition du site du label",
        "site_url": settings["SITE_DOMAIN"],
        "media_folder": f"{data}/{PHOTOS_DIR}",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "output": {"omit_empty_optional_fields": True},
        "collections": collections(data, content),
    }


HEADER = """\
# The web editor's configuration (Sveltia CMS), served at /admin/config.yml.
# Made from plugins/label_data/schema.py by `make admin-config`: do not edit by hand
# (tests/test_admin.py fails when this file and the schema disagree).
"""


def config_text(settings: dict) -> str:
    body = yaml.safe_dump(editor_config(settings), allow_unicode=True, sort_keys=False, width=100)
    return HEADER + body
