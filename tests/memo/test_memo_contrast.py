"""The PDF memo's severity cells: their text meets WCAG AA's contrast (4.5:1) on their fill, as the
app's badges do (checked there by axe in tests/ui/test_accessibility.py)."""

from __future__ import annotations

import pytest

from license_risk.memo.pdf import INK, SEVERITY_FILL, SEVERITY_INK


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""
    linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_gives_wcag_reference_values() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes


@pytest.mark.parametrize("level", sorted(SEVERITY_FILL))
def test_each_severity_cell_has_text_that_meets_wcag_aa(level: str) -> None:
    assert contrast(SEVERITY_FILL[level], SEVERITY_INK.get(level, INK)) >= 4.5
