"""The loaded and checked content kept on disk, so that each command does not load it again.

    cached_catalog(root=None) -> Catalog

Loading the shipped content (parsing about 100 YAML files, validating them, checking them
together) takes most of a second; reading back the `Catalog` it built takes a few tens of
milliseconds. `cached_catalog` gives the same `Catalog` as `load.load_catalog`: from the cache
when it holds an entry for exactly this content, otherwise loaded, then stored. Content with
errors is never stored: `load_catalog` raises its `ContentError` (every problem with file and
line) exactly as without the cache. Warnings are part of the catalog and are stored with it.

The key is a SHA-256 of: every file under the content root's `licenses/` and `questionnaires/`
(their paths relative to the root and their bytes; that covers the profiles, trees, scenarios,
side files and license texts the loader reads, and a few it does not), the shipped rubric (which
a content folder without its own falls back to), the resolved root, the source of this package
(a checkout's code changes without its version changing), the tool, Python and pydantic versions,
and this format's version. Any change to one of them gives a new entry, never a stale one; when
an entry is written, older entries for the same root are removed, so the cache holds about one
entry per content folder. Reading every file for the key is skipped while the files' status (size,
times, inode) is the one the key was last computed for (`_Remembered`, a `.key` file beside the
entries, as git's index; files changed in the last two seconds are always read).

Format: a first line naming the format, a JSON header (the key, and each section's size and
SHA-256), then three pickles: the catalog without its translations, parsed documents and
scenarios; the translations; the documents and scenarios. The second is used only for another
language than English, the third only by `validate` and the maintainers' tools, so each is checked
and unpickled when first used (`CompiledCatalog`); a warm English `assess` reads a fifth of the file.

Pickle, because a `Catalog` is a graph of pydantic models and dataclasses that no plain data format
rebuilds faster. Unpickling runs code named in the file, so an entry has the trust of code: it is
the user's own file in the user's own cache folder (mode 0600 in a folder of mode 0700), the same
trust as their site-packages. A file owned by someone else, or that others may write, is never
read, so a cache folder shared by mistake is no way in. An entry is used only if its first line,
key, sizes and checksum check out; anything else (truncated, damaged, another version's,
unreadable) counts as missing: the content is loaded and the entry written again, never a
traceback. Entries are written to a temporary file and renamed into place, so a reader never sees
half an entry; a folder that cannot be written only means no cache.

Where: `platformdirs.user_cache_dir("license-risk")` under `catalog/`, as the memo's font cache
(`license_risk.memo.fontcache`): `LICENSE_RISK_CACHE_DIR` replaces that folder and
`LICENSE_RISK_NO_CACHE=1` turns the cache off (nothing read or written).
"""

from __future__ import annotations

import contextlib
import copyreg
import functools
import hashlib
import io
import json
import os
import pickle
import stat
import sys
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from license_risk import usercache
from license_risk.content.catalog import Catalog
from license_risk.content.yamlsource import Document, paused_gc
from license_risk.shipped import ROOT
from license_risk.usercache import Unusable

FORMAT = 2
MAGIC = b"license-risk catalog cache %d\n" % FORMAT
SUFFIX = ".catalog"
CONTENT_FOLDERS = ("licenses", "questionnaires")
# Read from the entry when first used, each group from its own section: the content's translations
# (4.8 MB, two thirds of what an English `assess` would unpickle), and the parsed documents and scenarios.
GROUPS = (("translations",), ("documents", "scenarios"))
DEFERRED = tuple(name for group in GROUPS for name in group)
_CHUNK = 1 << 20


def load_catalog(root: Path) -> Catalog:
    """The content loaded and checked (`load.load_catalog`), imported only when the cache cannot serve it."""
    from license_risk.content.load import load_catalog as load

    return load(root)


def cache_dir() -> Path | None:
    """The folder holding the catalog entries, or None when the cache is turned off."""
    return usercache.cache_dir("catalog")


def cached_catalog(root: Path | None = None) -> Catalog:
    """The checked content under root (default: the shipped content), from the cache when it can be.

    Raises ContentError listing every problem, as `load_catalog` does.
    """
    root = (root or ROOT).resolve()
    folder = cache_dir()
    key = None
    if folder is not None:
        try:
            key = entry_key(root, folder)
        except OSError as exc:  # a file that cannot be read: the loader reports it, the cache stays out of it
            _note(f"content under {root} not cached: {exc}")
    if folder is None or key is None:
        return load_catalog(root)
    entry = folder / f"{_root_id(root)}-{key}{SUFFIX}"
    cached = _read(entry, key)
    if cached is not None:
        return cached
    catalog = load_catalog(root)  # ContentError goes to the caller: content with errors is never stored
    try:
        blob = encode(catalog, key)
    except Exception as exc:  # something in the catalog does not pickle: the content is loaded every time
        _note(f"content under {root} not cached: {exc!r}")
        return catalog
    _write(entry, blob)
    return catalog


# ---------------------------------------------------------------- the key


def entry_key(root: Path, folder: Path | None = None) -> str:
    """The SHA-256 naming an entry: everything the loaded catalog depends on. OSError if a file cannot be read.

    With a cache folder, the key is remembered against the files' status (`_Remembered`): while no
    file is added, removed or written, a command takes the key from there instead of reading every
    file again (about 6 MB, a twentieth of a warm `assess`).
    """
    import pydantic_core
    from pydantic.version import VERSION as PYDANTIC

    from license_risk import __version__

    meta = {
        "format": FORMAT,
        "tool": __version__,
        "python": sys.version,
        "implementation": sys.implementation.cache_tag,
        "pydantic": PYDANTIC,
        "pydantic_core": pydantic_core.__version__,
        "root": str(root),
    }
    here = os.path.dirname(os.path.abspath(__file__))
    files = [(f"code/{name}", os.path.join(here, name)) for name in sorted(os.listdir(here)) if name.endswith(".py")]
    shipped_rubric = os.path.join(ROOT, "licenses", "rubric.yaml")
    if os.path.isfile(shipped_rubric):
        files.append(("shipped/licenses/rubric.yaml", shipped_rubric))
    files += [(f"content/{name}", path) for name, path in content_files(str(root))]
    remembered = _Remembered(folder / f"{_root_id(root)}{KEYS_SUFFIX}", meta, files) if folder is not None else None
    if remembered is not None and (key := remembered.key()) is not None:
        return key
    h = hashlib.sha256()
    h.update(json.dumps(meta, sort_keys=True).encode() + b"\0")
    for name, path in files:
        hash_file(h, name, path)
    key = h.hexdigest()
    if remembered is not None:
        remembered.keep(key)
    return key


KEYS_SUFFIX = ".key"
_SETTLED = 2.0  # seconds: a file changed more recently than this may change again within its timestamp's precision


class _Remembered:
    """The entry key last computed for exactly these files, as they were: name, device, inode, size,
    modification and status-change times (the status-change time moves with any write, and cannot
    be set back). As git's index, it is kept only when every file is older than `_SETTLED` seconds,
    so a file written twice within its timestamp's precision is never taken for unchanged. It is the
    user's own private file, like the entries: one written by someone else is not read."""

    def __init__(self, path: Path, meta: dict[str, Any], files: list[tuple[str, str]]) -> None:
        self.path = path
        h = hashlib.sha256(json.dumps(meta, sort_keys=True).encode() + b"\0")
        newest = 0
        for name, file in files:
            try:
                info = os.stat(file)
            except FileNotFoundError:
                h.update(b"%s\0-\0" % name.encode("utf-8", "surrogateescape"))
                continue
            h.update(
                b"%s\0%d %d %d %d %d\0"
                % (
                    name.encode("utf-8", "surrogateescape"),
                    info.st_dev,
                    info.st_ino,
                    info.st_size,
                    info.st_mtime_ns,
                    info.st_ctime_ns,
                )
            )
            newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
        self.status = h.hexdigest()
        self.settled = newest < (time.time() - _SETTLED) * 1e9

    def key(self) -> str | None:
        try:
            with self.path.open("rb") as f:
                if not _private(os.fstat(f.fileno())):
                    return None
                status, key = f.read(200).decode("ascii").split()
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        return key if status == self.status and len(key) == 64 else None

    def keep(self, key: str) -> None:
        if self.settled:
            usercache.write_atomic(self.path, f"{self.status} {key}\n".encode("ascii"))


def content_files(root: str) -> Iterator[tuple[str, str]]:
    """Every file under the content folders, by name relative to root, in a stable order (symbolic links followed)."""
    seen: set[str] = set()
    for folder in CONTENT_FOLDERS:
        top = os.path.join(root, folder)
        if not os.path.isdir(top):
            continue
        for dirpath, dirnames, filenames in os.walk(top, followlinks=True, onerror=_raise):
            real = os.path.realpath(dirpath)
            if real in seen:  # a link back up the tree
                dirnames[:] = []
                continue
            seen.add(real)
            dirnames.sort()
            prefix = os.path.relpath(dirpath, root).replace(os.sep, "/") + "/"
            for filename in sorted(filenames):
                yield prefix + filename, os.path.join(dirpath, filename)


def _raise(exc: OSError) -> None:
    raise exc


def hash_file(h: Any, name: str, path: str) -> None:
    """Add a file's name, size and bytes (os and str paths, not pathlib: this runs for every file, every command)."""
    h.update(name.encode("utf-8", "surrogateescape") + b"\0")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a named pipe must not block
    except FileNotFoundError:  # a dangling link: its name is enough
        h.update(b"-\0")
        return
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # a pipe, a device: its name is enough
            h.update(b"-\0")
            return
        size = info.st_size
        h.update(b"%d\0" % size)
        read = 0
        while chunk := os.read(fd, _CHUNK):
            h.update(chunk)
            read += len(chunk)
        if read != size:
            raise OSError(f"{path} changed while it was read")
    finally:
        os.close(fd)


def _root_id(root: Path) -> str:
    return hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:16]


# ---------------------------------------------------------------- reading and writing files


def _read(entry: Path, key: str) -> Catalog | None:
    """The entry's catalog, reading its header and first section only: each other section is read from
    the file, kept open while the catalog lives, when a field it holds is first used. An English
    `assess` needs a fifth of the file."""
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        _note(f"catalog cache {entry} cannot be read ({exc}): loading the content")
        return None
    try:
        info = os.fstat(fd)
        if not _private(info):
            _note(f"catalog cache {entry} is not the user's own private file: not read")
            os.close(fd)
            return None
        header, start = usercache.unpack_header(_read_at(fd, 0, _HEAD), MAGIC, key, "catalog")
        sizes = _sizes(header)
        if info.st_size != start + sum(sizes):
            raise Unusable(f"file is {info.st_size} bytes, header says {start + sum(sizes)}")
        offsets = [start + sum(sizes[:i]) for i in range(len(sizes))]
        first = _section(fd, offsets[0], sizes[0])
        rest = [functools.partial(_section, fd, offset, n) for offset, n in zip(offsets[1:], sizes[1:], strict=True)]
        catalog = _decoded(header, first, rest, entry)
    except Exception as exc:  # whatever is wrong with the file, it is only a cache: load the content again
        os.close(fd)
        _note(f"catalog cache {entry} is unusable ({exc!r}): loading the content again")
        return None
    weakref.finalize(catalog, os.close, fd)
    return catalog


_HEAD = 1 << 12  # the header (key, sizes, checksums) is a few hundred bytes


def _section(fd: int, offset: int, n: int) -> memoryview:
    """A section of the entry, from the file opened at the start (one renamed over it since does not matter)."""
    data = _read_at(fd, offset, n)
    if len(data) != n:
        raise Unusable("the file was cut short")
    return memoryview(data)


def _read_at(fd: int, offset: int, n: int) -> bytes:
    """Up to n bytes from offset (fewer only at the end of the file)."""
    parts, got = [], 0
    while got < n:
        if hasattr(os, "pread"):
            part = os.pread(fd, n - got, offset + got)
        else:  # Windows: no pread; a command reads its catalog from one thread
            os.lseek(fd, offset + got, os.SEEK_SET)
            part = os.read(fd, n - got)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _private(info: os.stat_result) -> bool:
    """Whether a file is one this user wrote and no one else may change (unpickling it runs what it names).

    Where file owners do not exist (Windows), the folder's own permissions are all there is.
    """
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:
        return True
    return info.st_uid == geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write(entry: Path, blob: bytes) -> None:
    """Write atomically (usercache.write_atomic); drop older entries for the root."""
    error = usercache.write_atomic(entry, blob)
    if error is not None:
        _note(f"catalog cache {entry} cannot be written ({error}): going on without it")
        return
    prefix = entry.name.split("-", 1)[0] + "-"
    with contextlib.suppress(OSError):
        for old in entry.parent.iterdir():
            if old.name.startswith(prefix) and old.name.endswith(SUFFIX) and old.name != entry.name:
                with contextlib.suppress(OSError):
                    old.unlink()


def _note(message: str) -> None:
    import logging  # only on this path: importing it costs every command a few milliseconds

    logging.getLogger(__name__).info("%s", message)


# ---------------------------------------------------------------- the format


class _Pickler(pickle.Pickler):
    """Pickles a catalog in a form that is quicker to read back than pickle's default.

    Reading is most of a warm command's own time, and most of reading is rebuilding objects one
    Python call at a time: pydantic's `__setstate__` (for about 7,000 models) and the dataclass
    `__setstate__` of frozen dataclasses with slots (the compiled conditions). Here a model is
    rebuilt by `_model` (the same four attributes its `__setstate__` sets), and such a dataclass
    by calling its class with its field values. Parsed documents leave out their cache of composed
    YAML nodes, which is keyed by id() and so would be wrong in another process.
    """

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        how = _REDUCERS.get(kind)
        if how is None:
            how = _REDUCERS[kind] = _reducer_for(kind)
        return how(obj)


_REDUCERS: dict[type, Any] = {}


def _reducer_for(kind: type) -> Any:
    from pydantic import BaseModel

    if issubclass(kind, Document):
        return _document
    if issubclass(kind, BaseModel):
        return _pydantic
    if (
        is_dataclass(kind)
        and "__slots__" in vars(kind)
        and kind.__dataclass_params__.frozen  # type: ignore[attr-defined]
        and not hasattr(kind, "__post_init__")
        and all(f.init for f in fields(kind))
    ):
        names = tuple(f.name for f in fields(kind))
        return lambda obj: (kind, tuple(getattr(obj, name) for name in names))
    return _default


def _default(obj: Any) -> Any:
    return NotImplemented


def _document(doc: Document) -> tuple[Any, ...]:
    state = {**doc.__dict__, "_root": None, "_composed": False, "_keys": {}}
    return copyreg.__newobj__, (type(doc),), state  # type: ignore[attr-defined]


def _pydantic(model: Any) -> Any:
    if model.__pydantic_extra__ is not None or model.__pydantic_private__ is not None:
        return NotImplemented  # pydantic's own way
    return _model, (type(model), model.__dict__, model.__pydantic_fields_set__)


_setattr = object.__setattr__


def _model(kind: type, values: dict[str, Any], fields_set: set[str]) -> Any:
    """A pydantic model from its field values, as `BaseModel.__setstate__` restores one (no validation)."""
    model = kind.__new__(kind)
    _setattr(model, "__dict__", values)
    _setattr(model, "__pydantic_fields_set__", fields_set)
    _setattr(model, "__pydantic_extra__", None)
    _setattr(model, "__pydantic_private__", None)
    return model


def _dumps(obj: Any) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return out.getvalue()


class CompiledCatalog(Catalog):
    """A `Catalog` read from a cache entry; its documents and scenarios are unpickled when first used.

    The same fields, methods and repr as `Catalog` (it is not a dataclass of its own).
    """

    def __getattr__(self, name: str) -> Any:  # reached only for attributes the instance does not hold yet
        pending: dict[str, tuple[tuple[str, ...], Any]] | None = self.__dict__.get("_deferred")
        found = pending.get(name) if pending else None
        if found is not None:
            group, load = found
            values = load(self)
            # Two threads may both load a group (the server shares one catalog): the last update stands.
            self.__dict__.update(zip(group, values, strict=True))
            for member in group:
                pending.pop(member, None)  # type: ignore[union-attr]
        if name in self.__dict__:  # loaded now, or by another thread meanwhile
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __getstate__(self) -> dict[str, Any]:  # copied or pickled: with everything in it
        for name in DEFERRED:
            getattr(self, name)
        return {k: v for k, v in self.__dict__.items() if k != "_deferred"}


def encode(catalog: Catalog, key: str) -> bytes:
    """The cache file for this catalog."""
    state = dict(catalog.__dict__)
    groups = [tuple(state.pop(name) for name in group) for group in GROUPS]
    sections = [_dumps(state), *(_dumps(values) for values in groups)]
    header = {"key": key, "sizes": [len(s) for s in sections], "sha256": [hashlib.sha256(s).hexdigest() for s in sections]}
    return usercache.pack(MAGIC, header, b"".join(sections))


def decode(blob: bytes, key: str, entry: Path | None = None) -> CompiledCatalog:
    """The catalog a cache file holds; Unusable (or any other exception) if it is not a good entry for `key`.

    Only the first section is checked and read here; each of the others when a field it holds is
    first used.
    """
    header, body = usercache.unpack(blob, MAGIC, key, "catalog")
    sections, start = [], 0
    for n in _sizes(header):
        sections.append(body[start : start + n])
        start += n
    return _decoded(header, sections[0], [lambda s=s: s for s in sections[1:]], entry)


def _sizes(header: dict[str, Any]) -> list[int]:
    sizes, digests = header["sizes"], header.get("sha256")
    if not (isinstance(sizes, list) and len(sizes) == 1 + len(GROUPS) and all(type(n) is int and n > 0 for n in sizes)):
        raise Unusable("bad section sizes")
    if not (isinstance(digests, list) and len(digests) == len(sizes)):
        raise Unusable("bad checksums")
    return sizes


def _decoded(
    header: dict[str, Any], first: memoryview, rest: list[Callable[[], memoryview]], entry: Path | None
) -> CompiledCatalog:
    digests = header["sha256"]
    state = _unpickle(first, digests[0])
    if not (isinstance(state, dict) and {f.name for f in fields(Catalog)} == {*state, *DEFERRED}):
        raise Unusable("not a catalog")
    catalog = CompiledCatalog.__new__(CompiledCatalog)
    catalog.__dict__.update(state)
    pending = {}
    for group, section, digest in zip(GROUPS, rest, digests[1:], strict=True):
        load = functools.partial(_load_group, group, section, digest, entry)
        pending.update(dict.fromkeys(group, (group, load)))
    catalog.__dict__["_deferred"] = pending
    return catalog


def _load_group(
    group: tuple[str, ...], section: Callable[[], memoryview], digest: Any, entry: Path | None, catalog: Catalog
) -> tuple[Any, ...]:
    """The fields of one deferred group, from its section; loaded from the content if the section is damaged."""
    try:
        values = _unpickle(section(), digest)
        if not (isinstance(values, tuple) and len(values) == len(group)):
            raise Unusable("bad section")
        return values
    except Exception as exc:  # only if the file was damaged in place, past its first section
        _note(f"catalog cache {entry}: {', '.join(group)} unusable ({exc!r}): loading the content again")
        if entry is not None:  # the next command writes it again
            with contextlib.suppress(OSError):
                entry.unlink()
        fresh = load_catalog(catalog.root)
        return tuple(getattr(fresh, name) for name in group)


def _unpickle(section: memoryview, digest: Any) -> Any:
    if hashlib.sha256(section).hexdigest() != digest:
        raise Unusable("a section does not match its checksum")
    with paused_gc():  # a great many objects that form no garbage: the collector would only rescan them
        return pickle.loads(section)  # noqa: S301 - our own file in the user's cache folder (see above)
