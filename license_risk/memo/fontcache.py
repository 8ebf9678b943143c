"""Parsed memo fonts kept on disk, so that each process does not parse them again.

    load(path, fontkey, style, recipe, parse) -> ParsedFont

fpdf2's `add_font` (and `pdf._parse_font`, which does the same once per process) spends about 1.4 s
on the four shipped fonts: fontTools decompiling `cmap`, `hmtx`, `post` and `glyf`, naming 75,000
glyphs, and our trimming of the tables no memo uses. What comes out is plain data: the trimmed font
file, its glyph order, and fpdf2's `TTFFont` fields (the character map, glyph ids and widths, the
font descriptor's numbers, a few scalars). That data is stored here, one file per font, and a later
process rebuilds the `TTFFont` from it in a few milliseconds.

The format is our own, not pickle, so a cache file is data and never code: a first line naming the
format, a JSON header (the entry's key, the scalar fields, the section sizes and the SHA-256 of the
body), then the body: the trimmed font file, the glyph order as JSON, and the codepoints, glyph ids
and widths as arrays of machine integers. An entry is read only if all of that checks out; anything
else (a truncated, corrupt or foreign file, an unreadable folder) counts as missing: the font is
parsed and the entry written again. Entries are written to a temporary file and renamed into place,
so a reader never sees half an entry, and a folder that cannot be written only means no cache.

The key is a SHA-256 of the font file's bytes, the fpdf2, fontTools and Python versions, the byte
order and integer size, the caller's `recipe` (how the font was trimmed) and this format's version:
any change to one of them gives a new entry, never a stale one. Old entries are left in place; the
folder can be deleted at any time.

Where: `platformdirs.user_cache_dir("license-risk")` (for example ~/.cache/license-risk on Linux)
under `fonts/`; `LICENSE_RISK_CACHE_DIR` replaces that folder (`fonts/` goes under it), and
`LICENSE_RISK_NO_CACHE=1` turns the cache off (nothing read or written).

An entry is written only after checking that the font it restores equals, field for field, the one
just parsed; a font that does not round-trip (say a future fpdf2 adds a field of a kind this module
does not know) is simply not cached, and is parsed in every process as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
import sys
from array import array
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import fontTools
from fpdf import FPDF_VERSION
from fpdf.enums import FontDescriptorFlags, TextEmphasis
from fpdf.fonts import PDFFontDescriptor, TTFFont

from license_risk import usercache
from license_risk.usercache import Unusable

LOG = logging.getLogger(__name__)

FORMAT = 1
MAGIC = b"license-risk font cache %d\n" % FORMAT
SUFFIX = ".fontcache"

# TTFFont fields that belong to one document: set by pdf._ParsedFont.install, never stored.
PER_DOCUMENT = frozenset({"i", "ttfont", "subset", "missing_glyphs", "biggest_size_pt", "_hbfont", "color_font"})
# Fields stored in a form of their own (sections of the body, or rebuilt from them).
STRUCTURED = frozenset({"cmap", "glyph_ids", "cw", "desc", "ttffile", "emphasis"})
# The font descriptor's numbers (PDFFontDescriptor's constructor arguments).
DESCRIPTOR = ("ascent", "descent", "cap_height", "flags", "font_b_box", "italic_angle", "stem_v", "missing_width")
SCALARS = (type(None), bool, int, float, str)
SECTIONS = ("data", "glyph_order", "codepoints", "glyph_ids", "widths")
UNSIGNED, SIGNED = "I", "i"  # codepoints and glyph ids; widths


class NotCacheable(Exception):
    """This font's parsed form cannot be stored faithfully: it is parsed in every process instead."""


@dataclass(frozen=True)
class ParsedFont:
    """One font file as the memo keeps it (see pdf._ParsedFont)."""

    data: bytes  # the font file with the tables no memo uses removed: what each document subsets
    glyph_order: tuple[str, ...]
    template: TTFFont  # fpdf2's font object, without its per-document state (ttfont is None)


def cache_dir() -> Path | None:
    """The folder holding the font cache entries, or None when the cache is turned off."""
    return usercache.cache_dir("fonts")


def entry_key(source: bytes, fontkey: str, style: str, recipe: str) -> str:
    """The SHA-256 naming a cache entry: everything the stored form depends on."""
    parts = {
        "format": FORMAT,
        "font_sha256": hashlib.sha256(source).hexdigest(),
        "fontkey": fontkey,
        "style": style,
        "recipe": recipe,
        "fpdf2": FPDF_VERSION,
        "fonttools": fontTools.version,
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
        "byteorder": sys.byteorder,
        "itemsize": [array(UNSIGNED).itemsize, array(SIGNED).itemsize],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def load(path: Path, fontkey: str, style: str, recipe: str, parse: Callable[[], ParsedFont]) -> ParsedFont:
    """The parsed font: from the cache when it holds it, otherwise `parse()`d and then stored."""
    key = entry_key(path.read_bytes(), fontkey, style, recipe)
    folder = cache_dir()
    entry = folder / f"{path.stem}-{key}{SUFFIX}" if folder is not None else None
    if entry is not None:
        cached = _read(entry, key)
        if cached is not None:
            return cached
    parsed = parse()
    try:
        blob = encode(parsed, key)
    except NotCacheable as exc:
        LOG.info("font %s is not cached: %s", path.name, exc)
        return parsed
    # What this process uses is what a later one will read: the same restored objects either way.
    restored = decode(blob, key)
    if entry is not None:
        _write(entry, blob)
    return restored


# ---------------------------------------------------------------- reading and writing files


def _read(entry: Path, key: str) -> ParsedFont | None:
    try:
        blob = entry.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        LOG.info("font cache %s cannot be read (%s): parsing the font", entry, exc)
        return None
    try:
        return decode(blob, key)
    except Exception as exc:  # whatever is wrong with the file, it is only a cache: parse the font again
        LOG.info("font cache %s is unusable (%s): parsing the font again", entry, exc)
        return None


def _write(entry: Path, blob: bytes) -> None:
    error = usercache.write_atomic(entry, blob)
    if error is not None:
        LOG.info("font cache %s cannot be written (%s): going on without it", entry, error)


# ---------------------------------------------------------------- the format


def encode(font: ParsedFont, key: str) -> bytes:
    """The cache file for this font; NotCacheable unless decoding it gives back an equal font."""
    t = font.template
    fields: dict[str, Any] = {}
    for name in TTFFont.__slots__:
        if name in PER_DOCUMENT or name in STRUCTURED or not hasattr(t, name):
            continue
        value = getattr(t, name)
        if isinstance(value, tuple) and all(isinstance(v, SCALARS) for v in value):
            value = {"tuple": list(value)}
        elif not isinstance(value, SCALARS):
            raise NotCacheable(f"field {name} holds a {type(value).__name__}")
        fields[name] = value
    if type(t.cw) is not defaultdict or t.cw.default_factory is None:
        raise NotCacheable("widths are not a defaultdict")
    default_width = t.cw.default_factory()
    codepoints = list(t.cmap)
    if list(t.glyph_ids) != codepoints or list(t.cw) != codepoints:
        raise NotCacheable("cmap, glyph ids and widths do not list the same characters")
    try:
        if any(font.glyph_order[t.glyph_ids[c]] != t.cmap[c] for c in codepoints):
            raise NotCacheable("a glyph id does not name the cmap's glyph")
        arrays = {
            "codepoints": array(UNSIGNED, codepoints),
            "glyph_ids": array(UNSIGNED, (t.glyph_ids[c] for c in codepoints)),
            "widths": array(SIGNED, (t.cw[c] for c in codepoints)),
        }
    except (IndexError, TypeError, OverflowError) as exc:
        raise NotCacheable(str(exc)) from exc
    desc = {name: getattr(t.desc, name) for name in DESCRIPTOR}
    desc["flags"] = desc["flags"].value
    sections = {
        "data": font.data,
        "glyph_order": json.dumps(list(font.glyph_order), ensure_ascii=False).encode(),
        **{name: a.tobytes() for name, a in arrays.items()},
    }
    body = b"".join(sections[name] for name in SECTIONS)
    header = {
        "key": key,
        "fields": fields,
        "emphasis": int(t.emphasis),
        "desc": desc,
        "default_width": default_width,
        "sizes": [len(sections[name]) for name in SECTIONS],
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    blob = usercache.pack(MAGIC, header, body)
    try:
        same = _equal(decode(blob, key), font)
    except Exception as exc:  # a font this module cannot restore is parsed in every process, as before
        raise NotCacheable(f"does not decode: {exc}") from exc
    if not same:
        raise NotCacheable("the restored font differs from the parsed one")
    return blob


def decode(blob: bytes, key: str) -> ParsedFont:
    """The font a cache file holds; Unusable (or any other exception) if it is not a good entry for `key`."""
    header, body = usercache.unpack(blob, MAGIC, key, "font")
    sizes = header["sizes"]
    if len(sizes) != len(SECTIONS):
        raise Unusable("bad section sizes")
    if hashlib.sha256(body).hexdigest() != header["sha256"]:
        raise Unusable("body does not match its checksum")
    sections: dict[str, memoryview] = {}
    offset = 0
    for name, size in zip(SECTIONS, sizes, strict=True):
        sections[name] = body[offset : offset + size]
        offset += size

    glyph_order = json.loads(bytes(sections["glyph_order"]))
    if not isinstance(glyph_order, list) or not all(isinstance(g, str) for g in glyph_order):
        raise Unusable("bad glyph order")
    codepoints, glyph_ids, widths = array(UNSIGNED), array(UNSIGNED), array(SIGNED)
    codepoints.frombytes(sections["codepoints"])
    glyph_ids.frombytes(sections["glyph_ids"])
    widths.frombytes(sections["widths"])
    if not len(codepoints) == len(glyph_ids) == len(widths):
        raise Unusable("arrays of different lengths")
    if glyph_ids and max(glyph_ids) >= len(glyph_order):
        raise Unusable("glyph id out of range")

    t = TTFFont.__new__(TTFFont)
    fields = header["fields"]
    if not isinstance(fields, dict):
        raise Unusable("bad fields")
    for name, value in fields.items():
        if name not in TTFFont.__slots__ or name in PER_DOCUMENT or name in STRUCTURED:
            raise Unusable(f"unexpected field {name!r}")
        if isinstance(value, dict) and list(value) == ["tuple"] and isinstance(value["tuple"], list):
            value = tuple(value["tuple"])
        if not (isinstance(value, SCALARS) or (isinstance(value, tuple) and all(isinstance(v, SCALARS) for v in value))):
            raise Unusable(f"field {name!r} is not a scalar")
        setattr(t, name, value)
    t.emphasis = TextEmphasis(header["emphasis"])
    desc = header["desc"]
    if not (isinstance(desc, dict) and set(desc) == set(DESCRIPTOR)):
        raise Unusable("bad font descriptor")
    desc["flags"] = FontDescriptorFlags(desc["flags"])
    t.desc = PDFFontDescriptor(**desc)
    default_width = header["default_width"]
    if type(default_width) not in (int, float):
        raise Unusable("bad default width")
    names = tuple(glyph_order)
    t.cmap = dict(zip(codepoints, map(names.__getitem__, glyph_ids), strict=True))
    t.glyph_ids = dict(zip(codepoints, glyph_ids, strict=True))
    t.cw = defaultdict(lambda: default_width, zip(codepoints, widths, strict=True))
    data = bytes(sections["data"])
    t.ttffile = BytesIO(data)  # type: ignore[assignment]  # as pdf._parse_font gives it: the font in memory
    t.i = 0
    t.ttfont = None  # type: ignore[assignment]
    t.subset = None  # type: ignore[assignment]
    t.missing_glyphs = []
    t.biggest_size_pt = 0
    t._hbfont = None
    t.color_font = None
    return ParsedFont(data=data, glyph_order=names, template=t)


def _equal(a: ParsedFont, b: ParsedFont) -> bool:
    """Whether two parsed fonts are the same in every field a document uses (dict order included)."""
    if a.data != b.data or a.glyph_order != b.glyph_order:
        return False
    ta, tb = a.template, b.template
    for name in TTFFont.__slots__:
        if name in PER_DOCUMENT or name in ("ttffile", "cw", "desc"):
            continue
        if hasattr(ta, name) != hasattr(tb, name):
            return False
        if not hasattr(ta, name):
            continue
        va, vb = getattr(ta, name), getattr(tb, name)
        if type(va) is not type(vb) or va != vb:
            return False
        if isinstance(va, dict) and list(va.items()) != list(vb.items()):
            return False
    return (
        list(ta.cw.items()) == list(tb.cw.items())
        and ta.cw.default_factory is not None
        and tb.cw.default_factory is not None
        and ta.cw.default_factory() == tb.cw.default_factory()
        and vars(ta.desc) == vars(tb.desc)
        and type(ta.desc.flags) is type(tb.desc.flags)
    )
