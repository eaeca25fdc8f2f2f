"""The keys under which one plugin hands another a fact through Pelican's context.

In: nothing. Out: the key names, declared once, imported by the generator that writes a key
and by the pages (and templates, through the context) that read it, so that neither side types
the other's string. A feature plugin puts what it alone knows (a file's size, the badge's
markup) in the context in ``generate_context``; pages read it when they are rendered, after
every generator built its context.
"""

from __future__ import annotations

# Each panel file's size in bytes by its name (« ville-internet-4-2026.pdf »), from
# label_panels; Tracked, so a page records which sizes it showed (label_data.reads).
PANEL_SIZES = "label_panel_sizes"
# The web PNG of every panel, (width, height) in pixels, from label_panels' charter.
PANEL_WEB_SIZE = "label_panel_web_size"
# Each kit's size in bytes by its link (« /kits/2026/…-2026.zip »), from label_kits; Tracked.
KIT_SIZES = "label_kit_sizes"
# What a collectivity page shows of its badge (label_badge): a function of the collectivity
# and the site's domain giving the badge's URL, size, alternative text and HTML snippet.
BADGE = "label_badge"
