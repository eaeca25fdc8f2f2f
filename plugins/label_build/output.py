"""Nothing lost: a build writes into a staging directory beside ``OUTPUTDIR`` and replaces it
only when everything succeeded. A failed build leaves the previous site byte for byte.

The previous tree is renamed aside in the swap and removed by a detached ``rm -rf`` once the
new site is in place: deleting 18,000 files and as many directories takes seconds at national
scale, and nobody needs to wait for it. A leftover (machine stopped meanwhile) is removed by
the next build.

A preview (embargoed editions shown) carries a marker file; the production build refuses to
deploy a directory that carries it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

PREVIEW_MARKER = "APERCU-EMBARGO-NE-PAS-DEPLOYER.txt"
STALE_AFTER_S = 600


def staging_for(output: Path) -> Path:
    output = output.resolve()
    staging = output.parent / f".{output.name}.en-cours"
    if staging.exists():  # left by a build that was killed
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    return staging


def old_trees(output: Path) -> list[Path]:
    """Previous sites set aside by ``replace_output`` and not yet removed."""
    output = output.resolve()
    return sorted(output.parent.glob(f".{output.name}.ancien-*"))


def replace_output(staging: Path, output: Path, *, wait: bool = False) -> None:
    """Swap the finished staging directory in (two renames, so the window is tiny), then
    remove the previous site: in the background, or before returning when ``wait``."""
    output = output.resolve()
    # A name of its own for each swap: two builds in one process (tests, watch mode) must not
    # meet the background removal of the previous one's old tree under the same name.
    old = output.parent / f".{output.name}.ancien-{os.getpid()}-{time.monotonic_ns()}"
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        os.rename(output, old)
    os.rename(staging, output)
    for tree in old_trees(output):
        if tree != old and not _being_removed(tree):
            shutil.rmtree(tree, ignore_errors=True)  # a leftover of an interrupted removal
    if not old.exists():
        return
    if wait:
        shutil.rmtree(old)
    else:
        # Its own session: not killed with the build's terminal, not holding its pipes.
        subprocess.Popen(
            ["rm", "-rf", "--", str(old)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


def _being_removed(tree: Path) -> bool:
    """Whether a removal may still be at work on ``tree``: it changed in the last minutes
    (``rm`` removing entries updates the directory's change time)."""
    try:
        return time.time() - tree.stat().st_ctime < STALE_AFTER_S
    except FileNotFoundError:
        return True


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def is_preview(directory: Path) -> bool:
    return (Path(directory) / PREVIEW_MARKER).exists()
