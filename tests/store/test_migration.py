"""A store written by the code before Alembic is upgraded in place when opened, and loses nothing.

The old database is made here as that code made it: the table as first created (before the
`models` and `lang` columns), the columns added later by ALTER TABLE, and rows inserted as its
`save` did (the answers file as JSON, the cursor and models as JSON, the language).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from license_risk.numbers import Conversion
from license_risk.store.assessments import Store, StoreError
from license_risk.store.history import rebuild, values_of
from scoring.answers import dump_answers, read_answers
from scoring.interview import Interview

FIRST_TABLE = (
    "CREATE TABLE assessments (id TEXT PRIMARY KEY, created TEXT NOT NULL, updated TEXT NOT NULL,"
    " answers TEXT NOT NULL, step TEXT NOT NULL, cursor TEXT)"
)
REVENUE = ("intake", "group_annual_revenue_usd")
YEN = Conversion("15億円", 1_500_000_000, Decimal("150.25"), dt.date(2026, 12, 1), "MUFG TTM")


def old_row(catalog, iv: Interview, columns: set[str]) -> dict[str, Any]:
    """The row the old `Store.save` wrote, with only the columns its database had."""
    row = {
        "id": iv.id,
        "created": "2026-11-30T09:00:00+00:00",
        "updated": "2026-12-01T10:00:00+00:00",
        "answers": dump_answers(
            catalog, iv.licenses, iv.answers, as_json=True, keep_all=True, lineage=iv.lineage, conversions=iv.conversions
        ),
        "step": iv.step,
        "cursor": json.dumps(list(iv.cursor)) if iv.cursor else None,
        "models": json.dumps(iv.models, ensure_ascii=False),
        "lang": iv.lang,
    }
    return {k: v for k, v in row.items() if k in columns}


def old_database(location: str, catalog) -> tuple[list[Interview], dict[str, tuple[list[str], str]]]:
    """Three generations of rows: before `models`, before `lang`, and as the last old code wrote them.
    Returns the interviews and, per id, the models and language each should load with."""
    example = read_answers(Path(__file__).parents[2] / "examples" / "distilled-student.yaml", catalog)
    first = Interview(
        Store.new_id(),
        ["llama-3.1"],
        {"intake": {"organisation": "First KK"}, "llama-3.1": {"affiliated_at_release": "joined_later"}},
        "questions",
    )
    second = Interview(
        Store.new_id(),
        ["stability-community"],
        {"intake": {"establishment": "japan", REVENUE[1]: YEN.usd}},
        "questions",
        ("intake", "establishment"),
        ["Stable Diffusion 3.5 Large"],
        conversions={REVENUE: YEN},
    )
    third = Interview(
        Store.new_id(),
        example.licenses,
        example.answers,
        "results",
        None,
        ["DeepSeek-R1-Distill-Llama-8B"],
        example.lineage,
        "ja",
    )
    columns = {"id", "created", "updated", "answers", "step", "cursor"}

    def insert(db: sa.Connection, iv: Interview) -> None:
        row = old_row(catalog, iv, columns)
        db.execute(sa.text(f"INSERT INTO assessments ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})"), row)

    engine = sa.create_engine(location if "://" in location else f"sqlite:///{location}")
    with engine.begin() as db:
        db.exec_driver_sql(FIRST_TABLE)
        insert(db, first)
        db.exec_driver_sql("ALTER TABLE assessments ADD COLUMN models TEXT")  # as the old code did on opening
        columns.add("models")
        insert(db, second)
        db.exec_driver_sql("ALTER TABLE assessments ADD COLUMN lang TEXT")
        columns.add("lang")
        insert(db, third)
    engine.dispose()
    expected = {first.id: ([], "en"), second.id: (second.models, "en"), third.id: (third.models, "ja")}
    return [first, second, third], expected


def test_an_old_database_is_upgraded_in_place_and_every_assessment_loads_as_it_was(catalog, location: str) -> None:
    olds, expected = old_database(location, catalog)
    store = Store(location)
    for old in olds:
        loaded = store.load(catalog, old.id)
        iv = loaded.interview
        assert not loaded.problems
        assert iv.answers == old.answers and iv.conversions == old.conversions
        assert iv.licenses == old.licenses and iv.lineage == old.lineage
        assert (iv.step, iv.cursor) == (old.step, old.cursor)
        assert (iv.models, iv.lang) == expected[old.id]
        # its history holds one event per value, adding up to exactly what it shows
        events = store.history(old.id)
        assert rebuild(events) == dict(loaded.seen.values) and loaded.seen.version == len(events) > 0
        assert {e.author for e in events} == {"local user"} and {e.at for e in events} == {"2026-12-01T10:00:00+00:00"}
    assert store.history(olds[0].id)[0].tree_version == catalog.trees["intake"].model.version
    # a migrated assessment goes on being answered; opening the store again migrates nothing twice
    first = store.load(catalog, olds[0].id)
    first.interview.answers["intake"]["prepared_for"] = "Legal"
    saved = store.save(catalog, first.interview, first.seen)
    assert saved.seen.version == first.seen.version + 1 and not saved.conflicts
    store.close()
    again = Store(location)
    assert again.load(catalog, olds[0].id).interview.answers["intake"]["prepared_for"] == "Legal"
    assert len(again.history(olds[0].id)) == saved.seen.version
    with again.engine.connect() as db:
        assert db.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == ["0004"]
    again.close()


def test_a_new_store_is_made_at_the_newest_revision(catalog, location: str) -> None:
    store = Store(location)
    with store.engine.connect() as db:
        assert db.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == ["0004"]
        tables = set(sa.inspect(db).get_table_names())
    assert {"assessments", "answer_events", "assessment_shares"} <= tables
    iv = Interview(Store.new_id(), [], {"intake": {"organisation": "New KK"}})
    store.save(catalog, iv)
    assert values_of(json.loads(dump_answers(catalog, [], iv.answers, as_json=True))) == rebuild(store.history(iv.id))
    store.close()


def test_a_database_from_a_newer_version_of_the_tool_is_refused_in_plain_words(tmp_path) -> None:
    path = tmp_path / "db.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.message == "the database was made by a newer version of this tool"
