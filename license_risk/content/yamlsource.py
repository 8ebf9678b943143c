"""Safe, bounded YAML (and JSON) reading that can point at the line of any value.

Every file a maintainer or a user gives goes through `parse`; whatever the bytes, it
returns a Document or raises InputError naming the file and, where it can, the line.
The bounds are checked before the costly or recursive steps:
- size, by the callers (`read_text`, the answers reader), before reading;
- nesting depth, before libyaml composes its node tree (it recurses in C, so a file
  nested 25,000 levels deep would crash the process, not raise);
- every scalar, as it is constructed: a date that does not exist, a tag that does not
  fit its value, a number of more than MAX_DIGITS digits become a message with a line.

Parsing uses libyaml's CSafeLoader for speed, and builds the data straight from its node
tree (`_load_plain`); anything unusual goes through PyYAML's constructor (`_Loader`), which
refuses or reads it with the checks above. Line numbers are only needed when
something is wrong, so the node tree that carries them is composed lazily, on the
first lookup, and each mapping is indexed once.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from license_risk.content.problems import InputError, Problem
from license_risk.i18n import N_, Message

MAX_CONTENT_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 100
MAX_DIGITS = 100  # the longest number written in a file; thresholds here have at most a dozen digits

_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_TAG_NAMES = {
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "yes or no (true/false)",
    "tag:yaml.org,2002:timestamp": "a date (YYYY-MM-DD) or date and time",
    "tag:yaml.org,2002:null": "null",
}


def _refuse_tag(loader: yaml.constructor.SafeConstructor, node: yaml.Node) -> Any:
    raise yaml.constructor.ConstructorError(
        None, None, f"the tag {node.tag} is not allowed here (only plain values, lists and mappings)", node.start_mark
    )


class _Loader(yaml.CSafeLoader):
    """CSafeLoader that refuses aliases, duplicate keys and exotic types, and names bad values.

    Aliases are never needed in this project's files, and refusing them outright
    defuses "billion laughs" alias bombs. Duplicate keys would silently keep the
    last value, hiding a maintainer's mistake. Sets, binary, ordered maps and pairs
    would reach the engine as types it does not expect.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "YAML anchors and aliases (&name / *name) are not allowed here", node.start_mark
            )
        if isinstance(node, yaml.ScalarNode) and node.tag in _NUMBER_TAGS and len(node.value) > MAX_DIGITS:
            raise yaml.constructor.ConstructorError(
                None, None, f"a number of {len(node.value):,} characters; the limit is {MAX_DIGITS}", node.start_mark
            )
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
            # PyYAML's own constructors raise these for a value that does not fit its tag.
            wanted = _TAG_NAMES.get(node.tag, node.tag)
            value = node.value if isinstance(node, yaml.ScalarNode) else f"a {node.id}"
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
            reason = f" ({exc})" if isinstance(exc, ValueError) and len(str(exc)) < 80 else ""
            raise yaml.constructor.ConstructorError(
                None, None, f"{shown} cannot be read as {wanted}{reason}", node.start_mark
            ) from None

    def construct_document(self, node: yaml.Node) -> Any:
        # Collections are built by generators that run here, after construct_object returned.
        try:
            return super().construct_document(node)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(None, None, f"a value cannot be read ({exc})", node.start_mark) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"the tag {node.tag} needs a mapping (key: value lines), not a {node.id}", node.start_mark
            )
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key_node.value}'", key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)


for _tag in ("set", "binary", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SAFE = yaml.constructor.SafeConstructor()  # its scalar constructors keep no state


class _Unusual(Exception):
    """Something only the full constructor (_Loader) handles or reports: see _load_plain."""


def _load_plain(text: str) -> Any:
    """The data of a YAML file, built straight from libyaml's node tree, as `_Loader` builds it.

    PyYAML's constructor spends as long as libyaml's parser, mostly on bookkeeping for what these
    files never hold (aliases, merge keys, recursive structures). This builds plain mappings,
    lists and scalars from the composed nodes; at anything else (an alias, a key that is not a
    plain string, a key given twice, an unusual or explicit tag that does not fit, a number too
    long, a value that cannot be read) it raises, and `parse` runs `_Loader`, which gives the
    same data or refuses with its message and line. A test checks both give the same data.
    """
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if node is None:
        return None
    # Anchors are written with '&': without one, no node can appear twice (an alias).
    return _plain(node, set() if "&" in text else None)


def _plain(node: yaml.Node, seen: set[int] | None) -> Any:
    if seen is not None:
        if id(node) in seen:
            raise _Unusual("an alias")
        seen.add(id(node))
    kind = node.__class__
    tag = node.tag
    if kind is yaml.ScalarNode:
        if tag == _STR:
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _SAFE.bool_values[node.value.lower()]
        if tag in _NUMBER_TAGS:
            if len(node.value) > MAX_DIGITS:
                raise _Unusual("a long number")
            return _SAFE.construct_yaml_int(node) if tag == "tag:yaml.org,2002:int" else _SAFE.construct_yaml_float(node)
        if tag == _TIMESTAMP:
            return _SAFE.construct_yaml_timestamp(node)
    elif kind is yaml.MappingNode and tag == _MAP:
        out = {}
        for key, value in node.value:
            if key.__class__ is not yaml.ScalarNode or key.tag != _STR:
                raise _Unusual("a key that is not a plain string")
            if seen is not None:
                if id(key) in seen:
                    raise _Unusual("an alias")
                seen.add(id(key))
            out[key.value] = _plain(value, seen)
        if len(out) != len(node.value):
            raise _Unusual("a duplicate key")
        return out
    elif kind is yaml.SequenceNode and tag == _SEQ:
        return [_plain(item, seen) for item in node.value]
    raise _Unusual(f"the tag {tag}")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading.

    Loading allocates many small objects and frees almost none, so the collector
    would rescan them again and again: measured, it is most of PyYAML's parse time
    and a third of validation time on large trees. Nothing loaded forms cycles
    that need it; it runs again as soon as loading ends.

    What loading made and kept is long-lived data, so it goes straight to the oldest
    generation (gc.freeze then gc.unfreeze, which move the lists whole) rather than
    being walked by the first young collection, which costs a tenth of validating a
    large tree and grows faster than it. Only when nothing is frozen: unfreeze would
    also release a heap the server froze on purpose (ui/serve.py).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()  # everything tracked is now in the oldest generation
            gc.enable()


@dataclass
class Document:
    """A parsed file with its text kept, so lines can be found on demand."""

    name: str
    text: str
    data: Any
    _root: yaml.Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)
    _keys: dict[int, dict[str, yaml.Node]] = field(default_factory=dict, repr=False)  # mapping node -> key -> value

    def locate(self, loc: tuple[Any, ...]) -> tuple[str, int | None]:
        """The file and line of the value at `loc` (a merged version may point into its base file)."""
        return self.name, self.line_of(loc)

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        """The 1-based line of the value at `loc`, or of its nearest parent that exists."""
        if not self._composed:
            self._composed = True
            try:
                # JSON is YAML too, as far as finding lines goes; the depth was checked when parsing.
                with paused_gc():
                    self._root = yaml.compose(self.text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                self._root = None
        node = self._root
        if node is None:
            return None
        for part in loc:
            child = self._child(node, part)
            if child is None:
                continue  # pydantic adds union tags to locations; they have no node
            node = child
        return node.start_mark.line + 1

    def key_line(self, loc: tuple[Any, ...]) -> int | None:
        """The line of the key naming the value at `loc` (a block mapping's value starts on the next line)."""
        if not loc:
            return self.line_of(loc)
        self.line_of(())  # composes the node tree
        node = self._root
        for part in loc[:-1]:
            node = self._child(node, part) if node is not None else None
        if isinstance(node, yaml.MappingNode):
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(loc[-1]):
                    return key.start_mark.line + 1
        return self.line_of(loc)

    def _child(self, node: yaml.Node, part: Any) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            index = self._keys.get(id(node))
            if index is None:  # built once per mapping, so many lookups stay linear in all
                index = {}
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode):
                        index.setdefault(key.value, value)
                self._keys[id(node)] = index
            return index.get(str(part))
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            return node.value[part]
        return None


def parse(text: str, name: str, *, json_ok: bool = False) -> Document:
    """Parse YAML (or JSON when the name ends in .json); raise InputError with file and line."""
    if name.endswith(".json") and json_ok:
        return Document(name, text, _parse_json(text, name))
    _check_depth(text, name)
    try:
        with paused_gc():
            try:
                data = _load_plain(text)
            except Exception:  # anything unusual, right or wrong: the full constructor decides, and names it
                data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from CSafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or str(exc)
        if exc.context and exc.problem:
            what = f"{exc.context}: {exc.problem}" if "alias" not in exc.problem else exc.problem
        raise InputError(Problem.of(name, line, "", Message.of(N_("not valid YAML: {detail}"), detail=what))) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError(
            Problem.of(
                name,
                line,
                "",
                Message.of(
                    N_("not valid YAML: the character {code} cannot appear in a YAML file ({reason}); remove it"),
                    code=f"U+{ord(char):04X}",
                    reason=exc.reason,
                ),
            )
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem.of(name, None, "", Message.of(N_("not valid YAML: {detail}"), detail=str(exc)))) from None
    except RecursionError:
        raise InputError(Problem.of(name, None, "", _too_deep())) from None
    return Document(name, text, data)


# A line's indentation, with the "- " and "? " indicators that open a nested collection on the same line.
_INDENT = re.compile(r"(?m)^[ ?-]*")
_BRACKETS = re.compile(r"[\[\]{}]")
_OPEN = {"[", "{"}


def _check_depth(text: str, name: str) -> None:
    """Refuse YAML nested more than MAX_DEPTH levels, before libyaml composes it.

    A quick bound first: a block collection nested in another is indented further
    (or, once per level, sits at its parent key's column), and flow collections need
    brackets, so the depth is at most 2 x (indentation + 1) + the bracket depth. Only
    when that bound is too high are the parser's events counted, which stays flat in C.
    """
    indent = max((m.end() - m.start() for m in _INDENT.finditer(text)), default=0)
    brackets = deepest = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in _OPEN:
            brackets += 1
            deepest = max(deepest, brackets)
        elif brackets:
            brackets -= 1
    if 2 * (indent + 1) + deepest <= MAX_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise InputError(Problem.of(name, line, "", _too_deep()))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # not valid YAML: the full parse reports where


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _parse_json(text: str, name: str) -> Any:
    def line_at(position: int) -> int:
        return text.count("\n", 0, position) + 1

    depth = 0
    for token in _JSON_TOKENS.finditer(text):  # strings are skipped whole, so this is the real depth
        first = token.group()[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(Problem.of(name, line_at(token.start()), "", _too_deep()))
        elif first in "]}":
            depth -= 1

    def number(kind: type) -> Any:
        def convert(literal: str) -> Any:
            if len(literal) > MAX_DIGITS:
                raise _JsonValueError(literal, f"a number of {len(literal):,} characters; the limit is {MAX_DIGITS}")
            return kind(literal)

        return convert

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise _JsonValueError(json.dumps(key), f"duplicate key {key!r}")
            out[key] = value
        return out

    def constant(literal: str) -> Any:
        raise _JsonValueError(literal, f"{literal} is not a number JSON allows")

    try:
        data = json.loads(
            text, object_pairs_hook=pairs, parse_int=number(int), parse_float=number(float), parse_constant=constant
        )
    except json.JSONDecodeError as exc:
        raise InputError(Problem.of(name, exc.lineno, "", Message.of(N_("not valid JSON: {detail}"), detail=exc.msg))) from None
    except _JsonValueError as exc:
        at = text.find(exc.literal)
        where = line_at(at) if at >= 0 else None
        raise InputError(Problem.of(name, where, "", Message.of(N_("not valid JSON: {detail}"), detail=exc.message))) from None
    except RecursionError:
        raise InputError(Problem.of(name, None, "", _too_deep())) from None
    _check_json_values(data, name, text)
    return data


class _JsonValueError(ValueError):
    def __init__(self, literal: str, message: str) -> None:
        super().__init__(message)
        self.literal = literal
        self.message = message


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_json_values(data: Any, name: str, text: str) -> None:
    """Text that is not Unicode (a lone surrogate escape such as \\ud800), without recursion."""
    if "\\u" not in text:
        return  # only an escape can make a lone surrogate
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend([*value.keys(), *value.values()])
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and _SURROGATE.search(value):
            code = ord(_SURROGATE.search(value).group())  # type: ignore[union-attr]
            escape = re.search(rf"\\u{code:04x}", text, re.IGNORECASE)
            line = text.count("\n", 0, escape.start()) + 1 if escape else None
            raise InputError(
                Problem.of(
                    name,
                    line,
                    "",
                    Message.of(
                        N_("not valid JSON text: {escape} is half of a character pair (a lone surrogate)"),
                        escape=f"\\u{code:04x}",
                    ),
                )
            )


def _too_deep() -> Message:
    return Message.of(N_("nested more than {most} levels deep"), most=MAX_DEPTH)


def read_bytes(path: Path, name: str, max_bytes: int, *, what: str | None = None) -> bytes:
    """A file's bytes, refusing a folder or a file larger than max_bytes before reading it."""
    try:
        if path.is_dir():
            raise InputError(Problem.of(name, None, "", Message.of(N_("this is a folder; give a file"))))
        size = path.stat().st_size
        if size > max_bytes:
            limit = (
                Message.of(N_("{what} are at most {most} KB"), what=Message.of(what), most=max_bytes // 1024)
                if what
                else Message.of(N_("the limit is {most} MB"), most=f"{max_bytes / 1e6:.1f}")
            )
            raise InputError(
                Problem.of(
                    name, None, "", Message.of(N_("the file is {size} MB; {limit}"), size=f"{size / 1e6:.1f}", limit=limit)
                )
            )
        return path.read_bytes()
    except OSError as exc:
        # the system's reason stays as the system gives it
        raise InputError(
            Problem.of(name, None, "", Message.of(N_("cannot read the file: {reason}"), reason=exc.strerror or str(exc)))
        ) from None


def read_text(path: Path, name: str, max_bytes: int) -> str:
    """Read a file as UTF-8: see read_bytes."""
    return decode(read_bytes(path, name, max_bytes), name)


def decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(Problem.of(name, line, "", Message.of(N_("the file is not UTF-8 text")))) from None
    return text


def load_file(path: Path, name: str, *, max_bytes: int = MAX_CONTENT_BYTES, json_ok: bool = False) -> Document:
    return parse(read_text(path, name, max_bytes), name, json_ok=json_ok)
