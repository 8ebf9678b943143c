"""Turn pydantic's validation errors into messages a maintainer can act on."""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from license_risk.content.model import AllOf, AnyOf, Comparison, FindingRef, Not
from license_risk.content.problems import ContentError, InputError, Problem
from license_risk.content.yamlsource import Document, load_file
from license_risk.i18n import N_, Message

_TAGS: dict[str, type[BaseModel]] = {
    "all": AllOf,
    "any": AnyOf,
    "not": Not,
    "question": Comparison,
    "finding": FindingRef,
}


def problems_from(
    exc: ValidationError, doc: Document, root: type[BaseModel], base: tuple[Any, ...] = (), limit: int | None = None
) -> list[Problem]:
    """Each error as a Problem with file, line and a message; stop after `limit` when only the first few are shown."""
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors(include_url=False):
        if limit is not None and len(out) >= limit:
            break
        loc = base + tuple(err["loc"])
        data_loc = _data_path(doc.data, loc)
        where = describe_path(doc.data, data_loc)
        words = _message(err, root, loc[len(base) :])
        message = str(words)
        if (where, message) in seen:
            continue  # unions repeat the same complaint once per member
        seen.add((where, message))
        out.append(Problem.of(*doc.locate(data_loc), where, words))
    return out


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop the parts of a pydantic location that are union tags, not keys in the data."""
    out: list[Any] = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in _TAGS and i + 1 < len(loc) and loc[i + 1] in node:
            continue  # a union tag that is also a key ('question'): the next part names the key
        if isinstance(node, dict) and part in node:
            node = node[part]
            out.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            out.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and part not in _TAGS and part.endswith("]"):
            continue
        else:
            if not isinstance(node, (dict, list)) or part in _TAGS or isinstance(part, int):
                continue
            out.append(part)  # a missing or unknown key: name it
            break
    return tuple(out)


def describe_path(data: Any, loc: tuple[Any, ...]) -> str:
    """questions[3] (id: notice_file).help"""
    text = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                text += f" ({node['id']})"
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


def _message(err: Any, root: type[BaseModel], loc: tuple[Any, ...]) -> Message:
    """What is wrong, in words a user reads in their language where the tool has them (pydantic's own stay English)."""
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(root, loc[:-1])
        import difflib  # only for a message: a command that reads the content from its cache never gets here

        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            return Message.of(N_("unknown key '{key}'; did you mean '{close}'?"), key=key, close=close[0])
        if allowed:
            return Message.of(N_("unknown key '{key}'; expected one of: {keys}"), key=key, keys=", ".join(allowed))
        return Message.of(N_("unknown key '{key}'"), key=key)
    if kind == "missing":
        return Message.of(N_("missing required key '{key}'"), key=loc[-1])
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if "a-z0-9" in pattern:
            return Message.of(
                N_("{value!r} is not a valid id: use lowercase letters, digits and _ . - (and # in clause references)"),
                value=value,
            )
        if "d+" in pattern:
            return Message.of(N_("{value!r} is not a version like 1.0.0"), value=value)
        return Message.of(N_("{value!r} does not have the expected form"), value=value)
    if kind == "value_error":
        return _as_written(str(err["msg"]).removeprefix("Value error, "))
    if kind == "condition":
        return _as_written(str(err["msg"]))
    if kind in ("string_too_short", "too_short") and value in ("", [], None):
        return Message.of(N_("must not be empty"))
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return Message.of(N_("{detail} (got {value})"), detail=str(err["msg"]), value=shown)


def _as_written(text: str) -> Message:
    """A message the tool has in English only (a validator's own words): the same in every language."""
    return Message.of("{text}", text=text)


def _allowed_keys(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the model at `loc` accepts, following fields, lists and condition tags."""
    current: Any = root
    for part in loc:
        current = _strip(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            current = _field(current, str(part))
        elif isinstance(part, str) and part in _TAGS:
            current = _TAGS[part]  # a union tag names the condition form pydantic tried
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return []
        if current is None:
            return []
    current = _strip(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _field(model: type[BaseModel], key: str) -> Any:
    for name, f in model.model_fields.items():
        if key in (name, f.alias):
            return f.annotation
    return None


def _strip(annotation: Any) -> Any:
    """Remove Annotated[...] and '| None' wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or origin is types.UnionType:
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


M = typing.TypeVar("M", bound=BaseModel)


def load_validated(path: Path, name: str, model: type[M]) -> tuple[Document, M]:
    """Parse one content file and validate it as `model`; any problem is a ContentError naming file and line."""
    try:
        doc = load_file(path, name)
    except InputError as exc:
        raise ContentError([exc.problem]) from None
    try:
        return doc, model.model_validate(doc.data)
    except ValidationError as exc:
        raise ContentError(problems_from(exc, doc, model)) from None
