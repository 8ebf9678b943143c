"""Any text, and any edit of a held text, is identified without an error (property-based)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from license_risk.content.load import load_catalog
from license_risk.identify import identify_text
from license_risk.identify.report import identification_data, identification_text
from license_risk.shipped import ROOT

CATALOG = load_catalog(ROOT)
TEXTS = sorted(CATALOG.texts)
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
MARKUP = st.sampled_from(["*", "**", "_", "#", "- ", "> ", "[", "](", ")", "<br>", "<a href='x'>", "\n", "\n\n", " ", "©", "(c)"])


def check(text: str) -> None:
    result = identify_text(text, CATALOG)
    assert result.verdict in ("identical", "modified", "unknown")
    assert (result.verdict == "modified") == bool(result.differences)
    if result.best is not None:
        assert 0 <= result.best.score <= 1
    identification_text(result, "LICENSE")
    identification_data(result, "LICENSE")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400) | st.lists(MARKUP | st.text(max_size=8), max_size=60).map("".join))
def test_any_text(text):
    check(text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(TEXTS),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 300), st.text(max_size=60) | MARKUP), min_size=1, max_size=4),
)
def test_any_edit_of_a_held_text(file, edits):
    text = CATALOG.texts[file]
    for where, length, new in edits:
        at = int(where * len(text))
        text = text[:at] + new + text[at + length :]
    check(text)
