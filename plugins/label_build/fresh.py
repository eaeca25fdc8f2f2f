"""Each build starts from the files as they are now, even in a long-lived process.

In: the plugin modules already imported. Out: every memoised function of theirs emptied
(``functools.cache`` / ``lru_cache``): the charter, the kit texts, the fingerprinted asset
names, fonts, outlines. ``make serve`` rebuilds in one process; without this, an edited
``site.css`` would keep its old hashed name and an edited ``charter.yaml`` would be ignored.
Within a build the memos stay (they are what makes a build fast); across builds, none survives.
"""

from __future__ import annotations

import sys

PLUGIN_PREFIX = "label_"


def clear_plugin_caches() -> int:
    """Empty the memo of every cached function of the ``label_*`` modules; returns how many."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith(PLUGIN_PREFIX) or module is None:
            continue
        if getattr(module, "MEMOS_OUTLIVE_BUILDS", False):  # what the process's code is
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and _defined_in(value, name):
                value.cache_clear()
                cleared += 1
    return cleared


def _defined_in(function, module_name: str) -> bool:
    """Only the module's own memos, not one it imported (cleared once, with its own module)."""
    return getattr(function, "__module__", None) == module_name
