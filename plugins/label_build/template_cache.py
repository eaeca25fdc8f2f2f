"""Compiled templates kept between builds (Jinja's bytecode cache).

In: the build's settings (``JINJA_ENVIRONMENT``, ``LABEL_CACHE``). Out: the same settings with
a ``bytecode_cache`` in ``CACHEDIR/jinja/<digest>/``. Compiling the theme's templates costs
every build about half a second; Jinja then checks each template's source against the one the
bytecode was compiled from. Its key ignores the environment's options (``trim_blocks``,
``autoescape``, extensions), which change the compiled code: the folder is named by a digest of
those options and of Jinja's version, so a change of either compiles anew.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from label_infra.digests import digest

from .page_keys import stable_repr

NAMESPACE = "jinja"


def with_bytecode_cache(settings: dict) -> None:
    """Give Pelican's template environments a bytecode cache in the build's cache folder."""
    cache = settings.get("LABEL_CACHE")
    if not cache:
        return
    options = dict(settings.get("JINJA_ENVIRONMENT") or {})
    options.pop("bytecode_cache", None)
    key = digest([stable_repr(options), importlib.metadata.version("jinja2")])
    folder = Path(cache) / NAMESPACE / key[:16]
    folder.mkdir(parents=True, exist_ok=True)
    settings["JINJA_ENVIRONMENT"] = {
        **options,
        "bytecode_cache": FileSystemBytecodeCache(str(folder)),
    }
