"""The HTML blocks' accessibility markup: a table that may scroll sideways can be focused (so a
keyboard scrolls it) and is named for screen readers, the name escaped like every other text."""

from __future__ import annotations

import re

from ui.blocks import table


def test_a_wide_table_is_a_focusable_region_named_by_its_label() -> None:
    html = table([{"License": "MIT", "Version": "1"}], label='Licenses <b>"covered"</b>')
    wrapper = re.search(r'<div class="lr-wide"[^>]*>', html)
    assert wrapper is not None
    assert 'tabindex="0"' in wrapper.group(0) and 'role="region"' in wrapper.group(0)
    assert 'aria-label="Licenses &lt;b&gt;&quot;covered&quot;&lt;/b&gt;"' in wrapper.group(0)
    assert "<th scope='col'>License</th>" in html


def test_without_a_label_the_table_is_still_focusable_but_no_unnamed_region() -> None:
    wrapper = re.search(r'<div class="lr-wide"[^>]*>', table([{"a": "1"}]))
    assert wrapper is not None and 'tabindex="0"' in wrapper.group(0) and "role=" not in wrapper.group(0)
