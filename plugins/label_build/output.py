"""Nothing lost: a build writes into a staging directory beside ``OUTPUTDIR`` and replaces it
only when everything succeeded. A failed build leaves the previous site byte for byte.

A preview (embargoed editions shown) carries a marker file; the production build refuses to
deploy a directory that carries it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PREVIEW_MARKER = "APERCU-EMBARGO-NE-PAS-DEPLOYER.txt"


def staging_for(output: Path) -> Path:
    output = output.resolve()
    staging = output.parent / f".{output.name}.en-cours"
    if staging.exists():  # left by a build that was killed
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    return staging


def replace_output(staging: Path, output: Path) -> None:
    """Swap the finished staging directory in; two renames, so the window is tiny."""
    output = output.resolve()
    old = output.parent / f".{output.name}.ancien"
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        os.rename(output, old)
    os.rename(staging, output)
    if old.exists():
        shutil.rmtree(old)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def is_preview(directory: Path) -> bool:
    return (Path(directory) / PREVIEW_MARKER).exists()
