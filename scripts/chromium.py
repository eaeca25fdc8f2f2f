"""Debian's Chromium as the tests and the benchmark drive it (never a downloaded browser).

The real binary of the ``chromium`` package, not the shell wrapper on PATH, with the flags that
keep it offline and quiet on these machines.
"""

CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
