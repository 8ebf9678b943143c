"""Versions of one family: a profile or tree extends another and states only what differs."""

from __future__ import annotations

import shutil

import pytest
from conftest import MINI

from license_risk.content.load import load_catalog
from license_risk.content.problems import ContentError
from license_risk.maintain.tree_text import tree_text

PROFILE_V2 = """id: demo-2
extends: demo
version: "2"
effective_date: 2025-01-01
remove_clauses: [law]
clauses:
  - id: threshold
    section: "3"
    title: Threshold (version 2)
    quote: more than 100 million monthly active users
    summary: The same threshold, read again for version 2.
governing_law:
  law: Ruritania
  venue: not stated
  clause: grant
"""

TREE_V2 = """id: demo-2
extends: demo
license: demo-2
version: 2.0.0
date: 2026-02-01
remove_findings: [always-info]
remove_questions: [lawsuit_target]
questions:
  - id: lawsuit
    kind: yes_no
    text: Could you sue Demo Corp (version 2)?
    help: Section 4.
    probes: [litigation]
findings:
  - id: litigation-termination
    title: A lawsuit ends the license
    kind: litigation-termination
    exposure: done
    clauses: [litigation]
    when: {question: lawsuit, equals: yes}
    explanation: Because you might sue, section 4 applies.
    action: Weigh the claim against the license.
  - id: litigation-filed
    title: Removed in v2
    kind: breach-termination
    exposure: standing
    clauses: [grant]
    when: {question: lawsuit, equals: yes}
    explanation: x
    action: y
  - id: new-in-v2
    title: New in version 2
    kind: note
    exposure: standing
    category: openness
    clauses: [grant]
    explanation: Version 2 adds this.
    action: Note it.
"""


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "c"
    shutil.copytree(MINI, root)
    (root / "licenses" / "demo-2.yaml").write_text(PROFILE_V2, encoding="utf-8")
    (root / "questionnaires" / "demo-2.yaml").write_text(TREE_V2, encoding="utf-8")
    return root


def test_a_version_states_only_what_differs(content):
    catalog = load_catalog(content)
    v2 = catalog.trees["demo-2"]
    assert [q.id for q in v2.model.questions] == ["ships_license", "lawsuit"]
    assert v2.questions["lawsuit"].kind == "yes_no"  # replaced in place
    assert v2.questions["ships_license"] == catalog.trees["demo"].questions["ships_license"]  # inherited
    assert [f.id for f in v2.model.findings] == [
        "missing-notice",
        "big-platform",
        "litigation-termination",
        "litigation-filed",
        "new-in-v2",
    ]
    profile = catalog.profiles["demo-2"].model
    assert profile.name == "Demo Model License" and profile.version == "2"
    assert [c.id for c in profile.clauses] == ["grant", "notice", "threshold", "litigation"]
    assert catalog.trees["demo-2"].sha256 != catalog.trees["demo"].sha256
    text = tree_text(catalog, "demo-2")
    assert "Could you sue Demo Corp (version 2)?" in text and "Do you ship a copy of the license" in text


def test_errors_in_inherited_items_point_at_the_base_file(content):
    base = content / "questionnaires" / "demo.yaml"
    base.write_text(base.read_text().replace("    help: Section 2.\n", "    hepl: Section 2.\n"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_catalog(content)
    lines = base.read_text().splitlines()
    expected = f"questionnaires/demo.yaml:{lines.index('    hepl: Section 2.') + 1}"
    messages = [str(p) for p in info.value.problems]
    assert sum(expected in m and "unknown key 'hepl'" in m for m in messages) == 2  # once for each version


def test_removing_what_the_base_lacks_and_circular_versions(content):
    tree = content / "questionnaires" / "demo-2.yaml"
    tree.write_text(
        TREE_V2.replace("remove_questions: [lawsuit_target]", "remove_questions: [lawsuit_targets]"), encoding="utf-8"
    )
    with pytest.raises(ContentError) as info:
        load_catalog(content)
    assert (
        "questionnaires/demo-2.yaml:7: remove_questions[0]: the base version has no question 'lawsuit_targets' to remove"
        in str(info.value)
    )
    base = content / "questionnaires" / "demo.yaml"
    base.write_text("extends: demo-2\n" + base.read_text(), encoding="utf-8")
    tree.write_text(TREE_V2, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_catalog(content)
    assert "versions extend each other in a circle" in str(info.value)
