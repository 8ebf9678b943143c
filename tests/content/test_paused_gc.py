"""`paused_gc`: the collector is off while loading, back on after, and what loading kept is old already."""

from __future__ import annotations

import gc

from license_risk.content.yamlsource import paused_gc


def test_the_collector_runs_again_after_loading_and_stays_off_if_it_was() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_loading_kept_goes_to_the_oldest_generation() -> None:
    with paused_gc():
        kept = [[i] for i in range(1000)]
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(kept) in oldest and all(id(item) in oldest for item in kept)
    assert gc.get_count()[0] < 100  # no young collection left to walk it


def test_a_heap_frozen_on_purpose_stays_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            kept = [[i] for i in range(100)]
        assert gc.get_freeze_count() == frozen
        assert gc.isenabled() and kept
    finally:
        gc.unfreeze()
