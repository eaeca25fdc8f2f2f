"""The build's own signals: how the driver reaches a feature plugin without importing it.

Each feature plugin connects in its ``register()`` (Pelican calls it when the build makes its
``Pelican`` object, before any signal below is sent). The driver sends; it never names a
plugin, so the imports only ever go down (``tests/test_architecture.py``).
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

site_replaced = _signals.signal("label-site-replaced")
"""A new public site is in place and the output lock released. Sender: the build's settings;
keywords: ``dataset`` (the whole checked data, embargoed editions included) and ``now``.
For work that must never delay or touch the site (the kits prepared in the cache, R10)."""
