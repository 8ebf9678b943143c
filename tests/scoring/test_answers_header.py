"""The answers file's header read without pydantic's validator (`_plain_header`) means the same as with it.

`_plain_header` exists for speed (it spares a command building the validator); whatever it
accepts must come out exactly as `_AnswersFile.model_validate` gives it, and what it refuses
goes to the validator, which accepts or reports it as before.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.answers import FORMAT, _AnswersFile, _plain_header

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.dates(),
    st.sampled_from(["2024-07-23", "2024-02-30", "0000-01-01", "2024-7-23", "2024-07-23T00:00:00", "１９９９-01-01"]),
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6
)
KEYS = st.one_of(st.text(max_size=8), st.integers(0, 3), st.booleans())
STAMP = st.dictionaries(
    st.sampled_from(["tree_version", "license_version", "license_date", "other"]), SCALARS, max_size=4
) | st.fixed_dictionaries(
    {"tree_version": st.text(max_size=6)},
    optional={
        "license_version": st.one_of(st.none(), st.text(max_size=6)),
        "license_date": st.one_of(st.none(), st.dates(), st.dates().map(dt.date.isoformat)),
    },
)
NEAR_STAMP = st.fixed_dictionaries(
    {"tree_version": st.text(max_size=6)},
    optional={
        "license_version": st.one_of(st.none(), st.text(max_size=6)),
        "license_date": st.one_of(st.none(), st.dates(), st.dates().map(dt.date.isoformat), SCALARS),
    },
)
NEAR = st.fixed_dictionaries(  # mostly well formed, so that both readings are compared often
    {"format": st.just(FORMAT), "format_version": st.integers(-2, 3), "licenses": st.lists(st.text(max_size=8), max_size=3)},
    optional={
        "answered_against": st.dictionaries(st.text(max_size=8), st.one_of(NEAR_STAMP, STAMP), max_size=3),
        "answers": st.dictionaries(st.text(max_size=8), st.dictionaries(st.text(max_size=8), VALUES, max_size=3), max_size=3),
    },
)
ODD = {
    "format": st.sampled_from([FORMAT + "\n", " " + FORMAT, "other", 1, None]),
    "format_version": st.one_of(st.booleans(), st.just(1.0), st.just("1"), st.none()),
    "licenses": st.one_of(st.lists(SCALARS, min_size=1, max_size=2), SCALARS, st.tuples(st.text())),
    "answered_against": st.one_of(st.dictionaries(KEYS, STAMP, min_size=1, max_size=3), SCALARS),
    "answers": st.one_of(
        st.dictionaries(KEYS, st.one_of(st.dictionaries(KEYS, VALUES, max_size=3), SCALARS), min_size=1, max_size=3), SCALARS
    ),
    "extra": SCALARS,
}


@st.composite
def _headers(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(NEAR)
    for key in draw(st.lists(st.sampled_from([*ODD, "drop"]), max_size=2, unique=True)):
        if key == "drop":
            data.pop(draw(st.sampled_from(sorted(data))), None)
        else:
            data[key] = draw(ODD[key])
    return data


HEADER = _headers()


def _validated(data: dict[str, Any]) -> _AnswersFile | None:
    try:
        return _AnswersFile.model_validate(data)
    except Exception:
        return None


def _same(a: _AnswersFile, b: _AnswersFile) -> bool:
    stamps_a, stamps_b = a.answered_against, b.answered_against
    return (
        a.model_dump() == b.model_dump()
        and a.model_fields_set == b.model_fields_set
        and stamps_a.keys() == stamps_b.keys()
        and all(
            stamps_a[k].model_fields_set == stamps_b[k].model_fields_set
            and all(type(getattr(stamps_a[k], f)) is type(getattr(stamps_b[k], f)) for f in type(stamps_a[k]).model_fields)
            for k in stamps_a
        )
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HEADER)
def test_what_the_plain_reading_accepts_the_validator_reads_the_same(data: dict[str, Any]) -> None:
    plain = _plain_header(data)
    if plain is None:
        return
    validated = _validated(data)
    assert validated is not None, f"accepted without the validator, refused by it: {data!r}"
    assert _same(plain, validated)


@pytest.mark.parametrize(
    "data",
    [
        {"format": FORMAT, "format_version": 1, "licenses": ["demo"]},
        {
            "format": FORMAT,
            "format_version": 1,
            "licenses": ["demo", "other"],
            "answered_against": {
                "intake": {"tree_version": "1.2.0"},
                "demo": {"tree_version": "1.0.0", "license_version": "1", "license_date": "2024-01-01"},
                "other": {"tree_version": "1.0.0", "license_version": None, "license_date": dt.date(2024, 1, 2)},
            },
            "answers": {"intake": {"users": 10, "uses": ["chat"]}, "demo": {}},
        },
    ],
)
def test_the_files_this_tool_writes_are_read_without_the_validator(data: dict[str, Any]) -> None:
    plain = _plain_header(data)
    assert plain is not None
    validated = _validated(data)
    assert validated is not None and _same(plain, validated)


@pytest.mark.parametrize(
    "data",
    [
        {"format": FORMAT, "format_version": True, "licenses": []},  # StrictInt refuses a boolean
        {
            "format": FORMAT,
            "format_version": 1,
            "licenses": [],
            "answered_against": {"demo": {"tree_version": "1", "license_date": "2024-02-30"}},
        },
        {"format": FORMAT, "format_version": 1, "licenses": [], "answers": {"intake": {1: "yes"}}},
        {"format": FORMAT, "format_version": 1, "licenses": [], "unknown": 1},
        {"format": FORMAT, "licenses": []},
    ],
)
def test_anything_unusual_goes_to_the_validator(data: dict[str, Any]) -> None:
    assert _plain_header(data) is None
