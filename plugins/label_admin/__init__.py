"""Pelican plugin: the staff's web editor at /admin/ (Sveltia CMS). Wiring only.

The editor (theme/admin/: its page, its bundled code, the configuration made from the schema)
is copied into every build: staff sign in there with GitHub and their saves are commits, which
Netlify builds as any push. See docs/editeur.md.
"""

from pelican import signals

from .generator import AdminGenerator


def _generators(pelican):
    return AdminGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
