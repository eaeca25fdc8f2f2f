"""Parse each data file once: what loading one file gave, kept as JSON and keyed by its bytes.

In: the data files to load (each with its kind, e.g. « territoire »), the parser and the model
type of each kind, and ``CACHEDIR`` (``LABEL_CACHE``; none: nothing kept). Out: for each file a
``Parsed``: the value the parser made (model objects), the problems it reported in that file,
and the photos the file names, which the loader checks against ``photos/`` on every load since
their presence is not in the file's bytes.

An entry lives in ``CACHEDIR/donnees/<key[:2]>/<key>.json``; its key is a hash of the file's
bytes, its path (as given and as printed in messages) and the loader's own code, so an edited
file or an edited loader is parsed again, and a restored cache (CI, Netlify) serves a fresh
clone. Entries are data only: JSON read back by the model's own type hints, never pickle (the
cache comes from elsewhere, and a pickle runs whatever code it names). An entry that cannot be
read, is not JSON or not of the expected shape is dropped and its file parsed again. A file
refused before parsing (a broken link, a pipe, too big) is never cached: its refusal depends
on more than its bytes. Cold and warm loads give equal objects because a parsed file always
goes through its JSON form. Many files to parse (a cold national load) are parsed on every
core.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import json
import os
import stat
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from label_infra.cache import FileCache
from label_infra.code import code_digest
from label_infra.digests import digest
from label_infra.parallel import ordered_map, workers

from .problems import ERROR, WARNING, Location, Problem, Problems, display_path
from .yamlload import Loader, file_problem

NAMESPACE = "donnees"  # CACHEDIR/donnees/
FORMAT = 1  # bump when an entry's layout changes (the loader's code is in the key anyway)
PARALLEL_FROM = 200  # fewer files to parse: forking workers costs more than it saves
ENTRY_MAX_BYTES = 64_000_000  # a data file has 4 MB at most; its entry a few times that


@dataclass
class Source:
    """One data file given to a parser: its bytes (None when it was refused, the refusal
    already reported), and where the parser reports problems and photos."""

    path: Path
    shown_as: str
    data: bytes | None
    problems: Problems = field(default_factory=Problems)
    photos: list[tuple[str, Location]] = field(default_factory=list)


@dataclass(frozen=True)
class Parsed:
    value: Any
    problems: tuple[Problem, ...]
    photos: tuple[tuple[str, Location], ...]


Parser = Callable[[Source], Any]


@dataclass(frozen=True)
class Kind:
    """How one kind of data file is parsed, and the type of what its parser returns."""

    parse: Parser
    type: Any


@dataclass(frozen=True)
class _Job:  # one file to parse, possibly in a worker (the parser goes by name, not the type)
    parse: Parser
    path: Path
    shown_as: str
    data: bytes
    key: str
    cache_root: str | None


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Make many objects without the garbage collector's pauses, then let it run again.

    Every few hundred new objects Python's collector walks the young ones, and now and then
    every object made so far: a national load makes a few million objects (model dataclasses,
    tuples, strings, none in a cycle), and those walks cost a third of loading and publishing.
    Nothing is lost: cyclic garbage made meanwhile is collected once the collector runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def loader_digest() -> str:
    """What, besides a file's bytes and path, decides what parsing it gives."""
    return digest(
        [
            FORMAT,
            # The loader's modules (load.py and all it imports) and PyYAML's version.
            code_digest("label_data.load"),
            Loader.__name__,  # libyaml and pure-Python PyYAML word some errors differently
            sys.version.split()[0],  # dates and instants are read by the standard library
        ]
    )


def load_files(
    files: Iterable[tuple[Kind, Path]], data_dir: Path, cache_dir: str | Path | None
) -> dict[Path, Parsed]:
    """Every file parsed, or read back from the cache, by path."""
    cache = FileCache(cache_dir or None, NAMESPACE)
    code = loader_digest()
    done: dict[Path, Parsed] = {}
    todo: list[tuple[_Job, Any]] = []
    for kind, path in files:
        shown_as = display_path(path)
        refused = file_problem(path, data_dir)
        if refused:
            done[path] = _refused(kind, path, shown_as, refused)
            continue
        data = path.read_bytes()
        key = digest([code, _relative(path, data_dir), shown_as, data])
        entry = _read_entry(cache, key)
        found = _decode_entry(entry, key, kind.type) if entry is not None else None
        if found is not None:
            done[path] = found
            continue
        store = entry is None or _drop(cache, key)
        root = str(cache_dir) if cache.directory is not None and store else None
        todo.append((_Job(kind.parse, path, shown_as, data, key, root), kind.type))
    made = _parse_all([job for job, _ in todo])
    for (job, hint), raw in zip(todo, made, strict=True):
        parsed = _decode_entry(raw, job.key, hint)
        if parsed is None:  # what was just encoded does not read back: a loader bug
            raise RuntimeError(f"label_data: parse cache entry unreadable for {job.shown_as}")
        done[job.path] = parsed
    return done


def _relative(path: Path, data_dir: Path) -> str:
    try:
        return path.relative_to(data_dir).as_posix()
    except ValueError:
        return str(path)


def _refused(kind: Kind, path: Path, shown_as: str, refused: str) -> Parsed:
    source = Source(path, shown_as, None)
    source.problems.error(Location(shown_as, 1, 1), refused)
    value = kind.parse(source)
    return Parsed(value, tuple(source.problems.items), tuple(source.photos))


def _parse_all(todo: list[_Job]) -> Iterable[bytes]:
    if len(todo) <= PARALLEL_FROM:
        return map(_parse_entry, todo)
    chunk = max(1, len(todo) // (workers() * 8))
    return ordered_map(_parse_entry, todo, chunksize=chunk)


def _parse_entry(job: _Job) -> bytes:
    """Parse one file into its entry's JSON bytes, stored in the cache when there is one
    (in a worker when many files are parsed: each worker writes its own entries)."""

    def make() -> bytes:
        source = Source(job.path, job.shown_as, job.data)
        value = job.parse(source)
        return encode_entry(job.key, value, source.problems.items, source.photos)

    return FileCache(job.cache_root, NAMESPACE).get_or_make(f"{job.key}.json", make)


# -- entries on disk ------------------------------------------------------------------------
def _entry_path(cache: FileCache, key: str) -> Path | None:
    return None if cache.directory is None else cache.directory / key[:2] / f"{key}.json"


def _read_entry(cache: FileCache, key: str) -> bytes | None:
    """The entry's bytes, or None when there is none. Only a regular file is read (a planted
    pipe or link is not followed) and only up to a size no real entry reaches."""
    path = _entry_path(cache, key)
    if path is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError:  # a link, a folder, no permission: not an entry, parsed again
        return b""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > ENTRY_MAX_BYTES:
        os.close(fd)
        return b""
    with os.fdopen(fd, "rb") as handle:
        return handle.read(ENTRY_MAX_BYTES + 1)


def _drop(cache: FileCache, key: str) -> bool:
    """Remove an unusable entry so that its file's fresh one takes its place; False when it
    cannot be removed (then that file is parsed without the cache)."""
    path = _entry_path(cache, key)
    try:
        if path is not None:
            path.unlink(missing_ok=True)
    except OSError:
        return False
    return True


def encode_entry(
    key: str, value: Any, problems: Iterable[Problem], photos: Iterable[tuple[str, Location]]
) -> bytes:
    entry = {
        "format": FORMAT,
        "key": key,
        "value": value,
        "problems": list(problems),
        "photos": list(photos),
    }
    text = json.dumps(entry, default=_plain, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def _decode_entry(raw: bytes, key: str, hint: Any) -> Parsed | None:
    """The entry as model objects, or None when it is not exactly what this loader writes."""
    try:
        entry = json.loads(raw.decode("utf-8", "surrogatepass"))
        if (
            type(entry) is not dict
            or entry.keys() != {"format", "key", "value", "problems", "photos"}
            or entry["format"] != FORMAT
            or entry["key"] != key
        ):
            return None
        problems = _decoder(tuple[Problem, ...])(entry["problems"])
        if any(p.severity not in (ERROR, WARNING) for p in problems):
            return None
        photos = _decoder(tuple[tuple[str, Location], ...])(entry["photos"])
        return Parsed(_decoder(hint)(entry["value"]), problems, photos)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None


# -- model objects as JSON, and back by their type hints ------------------------------------
def _plain(value: Any) -> Any:
    """JSON for what ``json`` cannot write alone; anything else is refused."""
    if is_dataclass(value) and not isinstance(value, type):
        return [getattr(value, f.name) for f in fields(value)]
    if isinstance(value, dt.date):  # a datetime too: its offset is kept
        return value.isoformat()
    if isinstance(value, frozenset):
        return list(value)
    raise TypeError(f"label_data: no JSON form for {type(value).__name__}")


Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(hint: Any) -> Decoder:
    """A function that rebuilds a value of type ``hint`` from its JSON form, and raises
    ``ValueError`` or ``TypeError`` on anything else."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        inner = _decoder(_decoder_of_optional(hint))
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        return _tuple_decoder(args)
    if origin is frozenset:
        item = _decoder(args[0])
        return lambda v: frozenset(item(x) for x in _list(v))
    if origin is dict:
        return _dict_decoder(args)
    if isinstance(hint, type) and is_dataclass(hint):
        return _dataclass_decoder(hint)
    return _scalar_decoder(hint)


def _list(value: Any) -> list:
    if type(value) is not list:
        raise TypeError("not a list")
    return value


def _tuple_decoder(args: tuple) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        plain, rebuild = _plan(args[0])
        return lambda v: tuple([x if type(x) in plain else rebuild(x) for x in _list(v)])
    parts = [_decoder(a) for a in args]

    def decode(value: Any) -> tuple:
        if len(_list(value)) != len(parts):
            raise ValueError("wrong length")
        return tuple([p(x) for p, x in zip(parts, value, strict=True)])

    return decode


def _dict_decoder(args: tuple) -> Decoder:
    if args[0] is not str:
        raise TypeError(f"label_data: no JSON form for a dict keyed by {args[0]}")
    item = _decoder(args[1])

    def decode(value: Any) -> dict:
        if type(value) is not dict:
            raise TypeError("not an object")
        return {k: item(v) for k, v in value.items()}

    return decode


def _dataclass_decoder(cls: type) -> Decoder:
    hints = get_type_hints(cls)
    plans = [_plan(hints[f.name]) for f in fields(cls)]

    def decode(value: Any) -> Any:
        if len(_list(value)) != len(plans):
            raise ValueError(f"{cls.__name__}: wrong number of fields")
        # Most fields are plain JSON values, taken as they are once their type is checked:
        # no call per field (a national load decodes a few hundred thousand fields).
        return cls(
            *[
                x if type(x) in plain else rebuild(x)
                for (plain, rebuild), x in zip(plans, value, strict=True)
            ]
        )

    return decode


_JSON_TYPES = (str, int, float, bool)


def _plan(hint: Any) -> tuple[frozenset[type], Decoder]:
    """The JSON types a field's value is taken as, and how it is rebuilt from anything else
    (by raising ``TypeError`` when its type is a JSON type: it was none of them)."""
    if hint in _JSON_TYPES:
        return frozenset([hint]), _decoder(hint)
    args = get_args(hint)
    if get_origin(hint) in (Union, types.UnionType) and type(None) in args:
        plain, rebuild = _plan(_decoder_of_optional(hint))
        return plain | {type(None)}, rebuild
    return frozenset(), _decoder(hint)


def _decoder_of_optional(hint: Any) -> Any:
    others = [a for a in get_args(hint) if a is not type(None)]
    if len(others) != 1:
        raise TypeError(f"label_data: no JSON form for {hint}")
    return others[0]


def _scalar_decoder(hint: Any) -> Decoder:
    if hint is dt.datetime:
        return _instant
    if hint is dt.date:
        return lambda v: dt.date.fromisoformat(_typed(v, str))
    if hint in (str, int, float, bool):
        return lambda v: _typed(v, hint)
    raise TypeError(f"label_data: no JSON form for {hint}")


def _typed(value: Any, kind: type) -> Any:
    if type(value) is not kind:  # exactly: a bool is no int, an int no float
        raise TypeError(f"not a {kind.__name__}")
    return value


def _instant(value: Any) -> dt.datetime:
    instant = dt.datetime.fromisoformat(_typed(value, str))
    if instant.tzinfo is None:  # the model's instants are aware (R10)
        raise ValueError("naive instant")
    return instant
