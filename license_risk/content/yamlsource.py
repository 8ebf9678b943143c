"""Safe YAML (and JSON) reading that can point at the line of any value.

Parsing uses libyaml's CSafeLoader for speed. Line numbers are only needed when
something is wrong, so the node tree that carries them is composed lazily, on
the first lookup, instead of on every load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from license_risk.content.problems import InputError, Problem

MAX_CONTENT_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 100


class _Loader(yaml.CSafeLoader):
    """CSafeLoader that refuses aliases and duplicate keys.

    Aliases are never needed in this project's files, and refusing them outright
    defuses "billion laughs" alias bombs. Duplicate keys would silently keep the
    last value, hiding a maintainer's mistake.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "YAML anchors and aliases (&name / *name) are not allowed here", node.start_mark
            )
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key_node.value}'", key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)


@dataclass
class Document:
    """A parsed file with its text kept, so lines can be found on demand."""

    name: str
    text: str
    data: Any
    _root: yaml.Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)

    def locate(self, loc: tuple[Any, ...]) -> tuple[str, int | None]:
        """The file and line of the value at `loc` (a merged version may point into its base file)."""
        return self.name, self.line_of(loc)

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        """The 1-based line of the value at `loc`, or of its nearest parent that exists."""
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self.text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                self._root = None
        node = self._root
        if node is None:
            return None
        for part in loc:
            child = _child(node, part)
            if child is None:
                continue  # pydantic adds union tags to locations; they have no node
            node = child
        return node.start_mark.line + 1


def _child(node: yaml.Node, part: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def parse(text: str, name: str, *, json_ok: bool = False) -> Document:
    """Parse YAML (or JSON when the name ends in .json); raise InputError with file and line."""
    if name.endswith(".json") and json_ok:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(Problem(name, exc.lineno, "", f"not valid JSON: {exc.msg}")) from None
        except RecursionError:
            raise InputError(Problem(name, None, "", f"nested more than {MAX_DEPTH} levels deep")) from None
        doc = Document(name, text, data)
        doc._composed = True  # JSON has no YAML node tree; lines are not tracked
        return doc
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from CSafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or str(exc)
        if exc.context and exc.problem:
            what = f"{exc.context}: {exc.problem}" if "alias" not in exc.problem else exc.problem
        raise InputError(Problem(name, line, "", f"not valid YAML: {what}")) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError(
            Problem(
                name,
                line,
                "",
                f"not valid YAML: the character U+{ord(char):04X} cannot appear in a YAML file ({exc.reason}); remove it",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(name, None, "", f"not valid YAML: {exc}")) from None
    except RecursionError:
        raise InputError(Problem(name, None, "", f"nested more than {MAX_DEPTH} levels deep")) from None
    if _too_deep(data):
        raise InputError(Problem(name, None, "", f"nested more than {MAX_DEPTH} levels deep"))
    return Document(name, text, data)


def _too_deep(data: Any, depth: int = 0) -> bool:
    if depth > MAX_DEPTH:
        return True
    if isinstance(data, dict):
        return any(_too_deep(v, depth + 1) for v in data.values())
    if isinstance(data, list):
        return any(_too_deep(v, depth + 1) for v in data)
    return False


def read_text(path: Path, name: str, max_bytes: int) -> str:
    """Read a file as UTF-8, refusing files larger than max_bytes before reading them."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(Problem(name, None, "", f"cannot read the file: {exc.strerror}")) from None
    if size > max_bytes:
        raise InputError(Problem(name, None, "", f"the file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB"))
    return decode(path.read_bytes(), name)


def decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(Problem(name, line, "", "the file is not UTF-8 text")) from None
    return text


def load_file(path: Path, name: str, *, max_bytes: int = MAX_CONTENT_BYTES, json_ok: bool = False) -> Document:
    return parse(read_text(path, name, max_bytes), name, json_ok=json_ok)
