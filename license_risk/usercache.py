"""The user's cache folder, and the file format and safe writing shared by its caches.

Two caches live there: the checked content (`license_risk.content.compiled`) and the memo's
parsed fonts (`license_risk.memo.fontcache`). Each entry is one file: a first line naming its
format, a JSON header (which must carry the entry's `key` and the sizes of the sections after
it), then the sections. Imports nothing from the project, so every layer may use it.

`LICENSE_RISK_CACHE_DIR` replaces the folder (`platformdirs.user_cache_dir("license-risk")`)
and `LICENSE_RISK_NO_CACHE=1` turns every cache off.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "LICENSE_RISK_CACHE_DIR"
NO_CACHE_ENV = "LICENSE_RISK_NO_CACHE"


class Unusable(Exception):
    """A cache file that cannot be used: treated as missing."""


def cache_dir(kind: str) -> Path | None:
    """The folder of one cache (`fonts`, `catalog`), or None when caching is turned off."""
    if os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    root = os.environ.get(CACHE_DIR_ENV)
    if not root:
        import platformdirs  # only when it is needed: a few milliseconds of every command

        root = platformdirs.user_cache_dir("license-risk")
    return Path(root) / kind


def pack(magic: bytes, header: dict[str, Any], body: bytes) -> bytes:
    """An entry: the format's first line, the header as one line of JSON, the body."""
    return magic + json.dumps(header, sort_keys=True).encode() + b"\n" + body


def unpack(blob: bytes, magic: bytes, key: str, what: str) -> tuple[dict[str, Any], memoryview]:
    """(header, body) of an entry, checked to be of this format, for `key`, and as long as its
    header says (`sizes`, a list of whole numbers); Unusable otherwise."""
    header, start = unpack_header(blob, magic, key, what)
    body = memoryview(blob)[start:]
    sizes = header.get("sizes")
    if not (isinstance(sizes, list) and all(type(n) is int and n >= 0 for n in sizes)):
        raise Unusable("bad section sizes")
    if sum(sizes) != len(body):
        raise Unusable(f"body is {len(body)} bytes, header says {sum(sizes)}")
    return header, body


def unpack_header(head: bytes, magic: bytes, key: str, what: str) -> tuple[dict[str, Any], int]:
    """The header of an entry from its first bytes, and where its body starts; Unusable if it is not
    of this format or not for `key`."""
    if not head.startswith(magic):
        raise Unusable(f"not a {what} cache file of this format")
    end = head.find(b"\n", len(magic))
    if end < 0:
        raise Unusable("no header")
    header = json.loads(head[len(magic) : end])
    if not isinstance(header, dict) or header.get("key") != key:
        raise Unusable("made for other input or another version")
    return header, end + 1


def write_atomic(entry: Path, blob: bytes) -> OSError | None:
    """Write an entry so that no reader sees half of it: a temporary file of mode 0600 in the same
    folder (mode 0700), then renamed over the entry. Returns the error if it could not be written."""
    import tempfile  # only when writing: it imports shutil and random

    tmp: str | None = None
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=f".{entry.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(blob)
        os.replace(tmp, entry)
        tmp = None
    except OSError as exc:
        return exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return None
