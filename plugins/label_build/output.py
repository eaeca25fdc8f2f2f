"""Nothing lost, nothing mixed: a build writes into a staging directory of its own beside
``OUTPUTDIR`` and swaps it in only when everything succeeded. A failed build leaves the previous
site byte for byte.

In: the output directory. Out: a lock held for the whole build (``locked``), a fresh staging
directory (``staging_for``), and the swap (``replace_output``).

- **One build at a time per output directory.** ``fcntl.flock`` on ``.<name>.verrou`` beside
  ``OUTPUTDIR``: a second build says it waits, then waits. The kernel drops the lock when its
  holder dies, however it dies, so a killed build never blocks the next one.
- **A staging directory per build** (``.<name>.en-cours-<random>``), created under the lock:
  any other staging directory found then was left by a killed build and is removed.
- **The swap.** ``renameat2(RENAME_EXCHANGE)`` swaps the new tree and the old one in one system
  call: at every instant, the public path holds either the old site or the new one, and
  ``OUTPUTDIR`` stays a real directory (Netlify's publish directory, ``make serve``, the deploy
  guard and the tests use it as is). A symbolic link swapped by ``rename()`` would be atomic
  too, but would turn ``output/`` into a link everything else must then follow. Where the
  kernel or file system lacks the exchange, two renames (a window of microseconds).
- The old tree is removed by a detached ``rm -rf`` (18,000 files take seconds at national
  scale, and nobody needs to wait for it); a leftover is removed by the next build.
- Files are made world-readable (0644, directories 0755) before the swap: a web server running
  as another user must read them, whatever the umask or ``mkstemp`` gave.

A preview (embargoed editions shown) carries a marker file; the production build refuses to
deploy a directory that carries it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

PREVIEW_MARKER = "APERCU-EMBARGO-NE-PAS-DEPLOYER.txt"
PUBLIC_DIR = "output"  # the folder Netlify publishes (netlify.toml), beside pelicanconf.py
PREVIEW_DIR = "output-apercu"  # where make preview and make serve PREVIEW=1 write
STALE_AFTER_S = 600
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _names(output: Path) -> tuple[Path, str]:
    output = Path(os.path.abspath(output))
    return output.parent, output.name


def lock_path(output: Path) -> Path:
    parent, name = _names(output)
    return parent / f".{name}.verrou"


@contextlib.contextmanager
def locked(output: Path) -> Iterator[None]:
    """Hold the output directory's lock; wait (saying so) while another build holds it."""
    path = lock_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"Une autre construction écrit déjà dans {output} : celle-ci attend qu’elle "
                "se termine, sans toucher à ses fichiers…",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
            print("L’autre construction est terminée : celle-ci commence.", file=sys.stderr)
        yield
    finally:
        os.close(fd)  # releases the lock


def staging_for(output: Path) -> Path:
    """A new, empty staging directory for this build; call it with the lock held."""
    parent, name = _names(output)
    parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(output)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.en-cours-", dir=parent))
    staging.chmod(0o755)  # mkdtemp's 0700 would reach the public directory with the swap
    return staging


def clean_leftovers(output: Path) -> None:
    """Remove what killed builds left: their staging directories (with the lock held, no
    other build can be writing one) and old sites whose removal was interrupted."""
    parent, name = _names(output)
    for tree in sorted(parent.glob(f".{glob.escape(name)}.en-cours*")):
        shutil.rmtree(tree, ignore_errors=True)
    for tree in old_trees(output):
        if not _being_removed(tree):
            shutil.rmtree(tree, ignore_errors=True)


def old_trees(output: Path) -> list[Path]:
    """Previous sites set aside by ``replace_output`` and not yet removed."""
    parent, name = _names(output)
    return sorted(parent.glob(f".{glob.escape(name)}.ancien-*"))


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def make_public(tree: Path, written: Iterable[Path] | None = None) -> None:
    """Files 0644, directories 0755: readable by a server running as another user.
    ``written``: the only files to see to (the build's own, made under umask 022, whose
    directories are 0755 already); the others are the previous site's, public already."""
    if written is not None:
        os.chmod(tree, 0o755)
        for path in written:
            with contextlib.suppress(FileNotFoundError):
                if not os.path.islink(path):
                    os.chmod(path, 0o644)
        return
    for root, dirs, files in os.walk(tree):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755, follow_symlinks=False)
        for f in files:
            path = os.path.join(root, f)
            if not os.path.islink(path):
                os.chmod(path, 0o644)
    os.chmod(tree, 0o755)


def replace_output(
    staging: Path, output: Path, *, wait: bool = False, written: Iterable[Path] | None = None
) -> None:
    """Swap the finished staging directory in, then remove the previous site: in the
    background, or before returning when ``wait``. Call it with the lock held. ``written``:
    see ``make_public``."""
    parent, name = _names(output)
    output = parent / name
    make_public(staging, written)
    old = Path(tempfile.mkdtemp(prefix=f".{name}.ancien-", dir=parent))
    if not (output.exists() or output.is_symlink()):
        os.rename(staging, output)
    elif exchange(staging, output):
        os.rename(staging, old / "site")  # the old site, now at the staging path
    else:  # no exchange here: two renames, the old site away for microseconds
        os.rename(output, old / "site")
        os.rename(staging, output)
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


def preview_refusal(output: Path, public: Path) -> str | None:
    """Why a preview must not be written to ``output`` (None: it may). A preview never goes
    to the public folder, nor replaces a public site kept anywhere else."""
    output = Path(output)
    if output.resolve() == Path(public).resolve():
        return (
            f"Un aperçu sous embargo ne s’écrit jamais dans le dossier public {output}/. "
            f"Lancez make preview ou make serve PREVIEW=1 (ils écrivent dans {PREVIEW_DIR}/), "
            "ou donnez un autre OUTPUTDIR."
        )
    if output.is_dir() and any(output.iterdir()) and not is_preview(output):
        return (
            f"{output}/ contient un site public : un aperçu sous embargo ne le remplace pas. "
            f"Donnez un OUTPUTDIR vide ou celui d’un aperçu ({PREVIEW_DIR}/)."
        )
    return None


def is_preview(directory: Path) -> bool:
    return (Path(directory) / PREVIEW_MARKER).exists()


def cache_dir_problem(cache: str | None, settings: dict, output: Path) -> str | None:
    """Why ``CACHEDIR`` is refused, in French, or None. The cache holds the kits and panels of
    editions under embargo (R10): inside the output it would be published, and inside
    ``content/`` or ``theme/`` Pelican would copy it into the site."""
    if not cache:
        return None
    where = Path(cache).resolve()
    for label, path in (
        ("le dossier du site construit (OUTPUTDIR)", output),
        ("content/", settings.get("PATH")),
        ("theme/", settings.get("THEME")),
    ):
        if path and where.is_relative_to(Path(path).resolve()):
            return (
                f"CACHEDIR={cache} est dans {label} : le cache contient les kits préparés "
                "sous embargo, qui seraient publiés. Choisissez un dossier hors du site, "
                "par exemple CACHEDIR=.cache"
            )
    return None
