"""Read the metadata of model weight files without reading their weights.

GGUF (llama.cpp): the key/value header is parsed here, to the GGUF specification
(https://github.com/ggml-org/ggml/blob/master/docs/gguf.md; the value types are `gguf.GGUFValueType`
of the pinned `gguf` package, imported when the first GGUF file is met): magic, version, tensor count, key/value count, then each key
(a length-prefixed string), its value type and value. Only the `general.*` keys are kept; the
header is read in growing blocks up to MAX_GGUF_HEADER and parsing stops after the last key, so
the tensor information and the tensor data are never read or mapped. String arrays (a vocabulary,
its merges) are stepped over with numpy where their strings are short, exactly as reading each
length would, about six times faster than a Python loop. `gguf.GGUFReader` is not
used: it maps the whole file with numpy and builds an array for every element of every array
(a tokenizer's 100,000+ tokens), which costs seconds per file where this costs milliseconds.

safetensors: an 8-byte little-endian header length, then that many bytes of JSON (at most
MAX_SAFETENSORS_HEADER); its `__metadata__` strings are what a scan can read.

Each reader raises `BadHeader` with a plain reason for a file that is not what it claims to be.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import struct
from typing import Any

GGUF_MAGIC = b"GGUF"
MAX_GGUF_HEADER = 256 << 20  # a 256k-token vocabulary with merges stays well below
MAX_GGUF_KEYS = 1 << 20
MAX_GGUF_ARRAY = 1 << 26
MAX_SAFETENSORS_HEADER = 100 << 20  # safetensors' own limit
_FIRST_BLOCK = 1 << 16


@functools.cache
def _types() -> tuple[dict[int, str], int, int]:
    """(struct format of each scalar type, the string type, the array type), from the gguf package.

    Imported when the first GGUF file is met: gguf imports numpy, 0.17 s a scan without GGUF need not pay.
    """
    from gguf import GGUFValueType as T

    scalars = {
        T.UINT8: "B",
        T.INT8: "b",
        T.UINT16: "H",
        T.INT16: "h",
        T.UINT32: "I",
        T.INT32: "i",
        T.FLOAT32: "f",
        T.BOOL: "?",
        T.UINT64: "Q",
        T.INT64: "q",
        T.FLOAT64: "d",
    }
    return {int(k): v for k, v in scalars.items()}, int(T.STRING), int(T.ARRAY)


class BadHeader(Exception):
    """A weights file whose header cannot be read: the message says why."""


class _Buffer:
    """The start of a file, read further only as parsing needs it, never past `limit` bytes."""

    def __init__(self, fd: int, first: bytes, size: int, limit: int) -> None:
        self.fd, self.data, self.size, self.limit = fd, first, size, min(size, limit)

    def need(self, end: int) -> None:
        if end <= len(self.data):
            return
        if end > self.size:
            raise BadHeader(f"the header runs past the end of the file ({self.size} bytes)")
        if end > self.limit:
            raise BadHeader(f"the header is larger than {self.limit >> 20} MB")
        want = min(self.limit, max(end, 2 * len(self.data))) - len(self.data)
        more = os.pread(self.fd, want, len(self.data))
        if len(more) < want:
            raise BadHeader("the file ended while its header was read")
        self.data += more


def read_gguf(fd: int, first: bytes, size: int) -> dict[str, Any]:
    """The `general.*` metadata of a GGUF file (`first`: its first bytes, already read). BadHeader if corrupt."""
    buf = _Buffer(fd, first, size, MAX_GGUF_HEADER)
    buf.need(24)
    if buf.data[:4] != GGUF_MAGIC:
        raise BadHeader("not a GGUF file (no GGUF magic)")
    order = "<"
    (version,) = struct.unpack_from("<I", buf.data, 4)
    if version > 0xFFFF:  # written on a big-endian machine
        order = ">"
        (version,) = struct.unpack_from(">I", buf.data, 4)
    if version not in (2, 3):
        raise BadHeader(f"GGUF version {version} is not supported (2 and 3 are)")
    _tensors, n_keys = struct.unpack_from(order + "QQ", buf.data, 8)
    if n_keys > MAX_GGUF_KEYS:
        raise BadHeader(f"the header claims {n_keys} keys")
    pos = 24
    general: dict[str, Any] = {}
    scalars, string_type, array_type = _types()

    def number(fmt: str) -> Any:
        nonlocal pos
        n = struct.calcsize(fmt)
        buf.need(pos + n)
        (v,) = struct.unpack_from(order + fmt, buf.data, pos)
        pos += n
        return v

    def string() -> bytes:
        nonlocal pos
        n = number("Q")
        if n > MAX_GGUF_HEADER:
            raise BadHeader(f"a string of {n} bytes at byte {pos - 8}")
        buf.need(pos + n)
        pos += n
        return buf.data[pos - n : pos]

    def value(kind: int, keep: bool) -> Any:
        nonlocal pos
        if kind in scalars:
            return number(scalars[kind])
        if kind == string_type:
            raw = string()
            return raw.decode("utf-8", "replace") if keep else None
        if kind == array_type:
            item, count = number("I"), number("Q")
            if count > MAX_GGUF_ARRAY:
                raise BadHeader(f"an array of {count} items at byte {pos - 12}")
            if item in scalars:  # skipped in one step: nothing here is kept from numeric arrays
                n = struct.calcsize(scalars[item]) * count
                buf.need(pos + n)
                pos += n
                return None
            if item == string_type and not keep:  # a vocabulary: only the lengths are read
                pos = _skip_strings(buf, pos, count, order)
                return None
            items = [value(item, keep) for _ in range(count)]
            return items if keep else None
        raise BadHeader(f"unknown value type {kind} at byte {pos - 4}")

    for _ in range(n_keys):
        key = string().decode("utf-8", "replace")
        kind = number("I")
        keep = key.startswith("general.")
        got = value(kind, keep)
        if keep:
            general[key] = got
    return general


_WINDOW = 1 << 20  # the bytes one vectorized pass looks at: bounds its memory
_MAX_ODD = 16  # strings of another shape met before the rest of an array is left to the loop
_AFTER_ODD = 64  # strings the loop steps over after one of another shape


def _skip_strings(buf: _Buffer, pos: int, count: int, order: str) -> int:
    """The position after `count` length-prefixed strings, as a vocabulary has 100,000+ (and merges more).

    In a little-endian file the strings under 256 bytes, nearly all of a vocabulary, are skipped
    by `_skip_short_strings`; the loop steps over the others, and over a big-endian file's.
    """
    left, odd = count, 0
    while left:
        if order == "<" and odd <= _MAX_ODD:
            pos, left = _skip_short_strings(buf, pos, left)
            if not left:
                break
            odd += 1
            step = min(left, _AFTER_ODD)
        else:
            step = left
        pos = _step_strings(buf, pos, step, order)
        left -= step
    buf.need(pos)
    return pos


def _step_strings(buf: _Buffer, pos: int, count: int, order: str) -> int:
    """One string at a time, in a tight loop; the buffer is grown only when a length lies past it."""
    length = struct.Struct(order + "Q").unpack_from
    left = count
    while left:
        data = buf.data
        try:
            for _ in itertools.repeat(None, left):
                pos += 8 + length(data, pos)[0]
                left -= 1
        except struct.error:
            buf.need(pos + 8)
    return pos


def _skip_short_strings(buf: _Buffer, pos: int, count: int) -> tuple[int, int]:
    """Skip a little-endian array's leading strings shorter than 256 bytes: (position, strings left).

    Such a string's length is one non-zero byte then seven zero bytes. numpy marks every place with
    that pattern in a window of the header, then keeps the chain of marks that starts at `pos` and
    in which each string ends exactly where the next mark is. The chain is checked link by link, so
    a pattern inside a string's text is never taken for a length: the strings skipped are exactly
    those the loop would step over. It stops where the chain breaks (an empty or a long string,
    zero bytes in a text), or where the header read so far ends and cannot grow.
    """
    import numpy as np  # gguf imports it already, for the value types

    while count:
        data = buf.data
        size = min(len(data) - pos, _WINDOW)
        linked, length = _chain(np, np.frombuffer(data, np.uint8, size, pos), count) if size >= 8 else (0, 0)
        pos, count = pos + length, count - linked
        if not count or length + 8 + 255 <= size:
            break  # done, or the next string is of another shape
        if linked:
            continue  # the next string may run past the window: the next one starts with it
        if size < _WINDOW and len(data) < buf.limit:
            buf.need(len(data) + 1)  # it runs past what was read so far
        else:
            break
    return pos, count


def _chain(np: Any, window: Any, count: int) -> tuple[int, int]:
    """(strings, their bytes) of the chain of short strings at the start of `window`, at most `count`."""
    n = window.size - 7
    zero = window == 0
    marks = ~zero[:n]
    for k in range(1, 8):
        marks &= zero[k : k + n]
    starts = np.flatnonzero(marks)[:count]
    if not starts.size or starts[0]:
        return 0, 0
    ends = starts + 8 + window[starts]
    broken = np.flatnonzero(ends[:-1] != starts[1:])
    linked = int(broken[0]) + 1 if broken.size else starts.size
    if ends[linked - 1] > window.size:  # only the last string of a chain can run past the window
        linked -= 1
    return linked, int(ends[linked - 1]) if linked else 0


def read_safetensors(fd: int, first: bytes, size: int) -> dict[str, Any]:
    """The `__metadata__` of a safetensors file. BadHeader if the header is not what the format says."""
    if size < 8:
        raise BadHeader("shorter than the 8-byte header length")
    buf = _Buffer(fd, first, size, MAX_SAFETENSORS_HEADER + 8)
    buf.need(8)
    (n,) = struct.unpack_from("<Q", buf.data, 0)
    if n > MAX_SAFETENSORS_HEADER:
        raise BadHeader(f"the header length is {n} bytes (at most {MAX_SAFETENSORS_HEADER >> 20} MB)")
    buf.need(8 + n)
    try:
        header = json.loads(buf.data[8 : 8 + n])
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadHeader(f"the header is not JSON ({exc})") from None
    if not isinstance(header, dict):
        raise BadHeader("the header is not a JSON object")
    meta = header.get("__metadata__") or {}
    return meta if isinstance(meta, dict) else {}
