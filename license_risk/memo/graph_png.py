"""The lineage graph as a PNG picture, for the Word memo.

Word shows an SVG only beside a PNG fallback, so the Word memo gets the picture as a PNG drawn
here with Pillow (already installed as fpdf2's image library: no rasteriser or browser to ship).
It follows the SVG (`license_risk.combined.svg`) box for box: the same layout (`combined.layout`),
fills, route dashes and shortened texts, with the memo's own fonts (DejaVu Sans; IPAexGothic for
Japanese, which DejaVu lacks). The same graph always gives the same bytes.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from license_risk.combined.graph import Graph
from license_risk.combined.layout import NODE_H, NODE_W, layout
from license_risk.combined.style import ROUTE_DASHES, fill, shorten
from license_risk.i18n import translator
from license_risk.shipped import shipped

SCALE = 2  # pixels per SVG pixel: sharp when Word shows it at the text's width, or printed
INK, LINE, WHITE = (34, 34, 34), (85, 85, 85), (255, 255, 255)

Font = ImageFont.FreeTypeFont


@functools.lru_cache(maxsize=16)
def _font(size: int, bold: bool, wide: bool) -> Font:
    name = "ipaexg.ttf" if wide else "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(shipped("fonts", name)), size * SCALE)


def _font_for(text: str, size: int, bold: bool = False) -> Font:
    """DejaVu Sans, or IPAexGothic for a text with Japanese (or other wide) characters, which it draws Latin too."""
    wide = any(unicodedata.east_asian_width(ch) in "WF" for ch in text)
    return _font(size, bold, wide)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def _dashed(draw: ImageDraw.ImageDraw, start: tuple[float, float], end: tuple[float, float], pattern: str) -> None:
    """A line with the SVG's stroke-dasharray (Pillow draws only solid lines)."""
    width = round(1.2 * SCALE)
    dashes = [float(d) * SCALE for d in pattern.split()] if pattern else []
    if not dashes:
        draw.line([start, end], fill=LINE, width=width)
        return
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1)
    at, i = 0.0, 0
    while at < length:
        step = min(dashes[i % len(dashes)], length - at)
        if i % 2 == 0:  # a dash; odd entries are the gaps
            a, b = at / length, (at + step) / length
            draw.line(
                [(x1 + (x2 - x1) * a, y1 + (y2 - y1) * a), (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)], fill=LINE, width=width
            )
        at, i = at + step, i + 1


def _arrow_head(draw: ImageDraw.ImageDraw, start: tuple[float, float], end: tuple[float, float]) -> None:
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    size = 7 * SCALE
    left = (end[0] - size * math.cos(angle - 0.45), end[1] - size * math.sin(angle - 0.45))
    right = (end[0] - size * math.cos(angle + 0.45), end[1] - size * math.sin(angle + 0.45))
    draw.polygon([end, left, right], fill=LINE)


def graph_png(graph: Graph) -> bytes:
    """The graph drawn as the SVG draws it: edges, then boxes over them, then the route labels on white."""
    _ = translator(graph.lang)
    pos, width, height = layout(graph)
    image = Image.new("RGB", (math.ceil(width * SCALE), math.ceil(height * SCALE)), WHITE)
    draw = ImageDraw.Draw(image)
    at = {k: (x * SCALE, y * SCALE) for k, (x, y) in pos.items()}
    w, h = NODE_W * SCALE, NODE_H * SCALE
    into: dict[str, list[str]] = {}  # arrows into one box spread along its lower side, as in the SVG
    for edge in sorted(graph.edges, key=lambda e: pos[e.source]):
        into.setdefault(edge.target, []).append(edge.source)
    for edge in graph.edges:
        (sx, sy), (tx, ty) = at[edge.source], at[edge.target]
        siblings = into[edge.target]
        start, end = (sx + w / 2, sy), (tx + w * (siblings.index(edge.source) + 1) / (len(siblings) + 1), ty + h)
        _dashed(draw, start, end, ROUTE_DASHES[edge.route][0])
        _arrow_head(draw, start, end)
    for node in graph.nodes:
        x, y = at[node.id]
        draw.rounded_rectangle(
            [x, y, x + w, y + h],
            radius=8 * SCALE,
            fill=_rgb(fill(node.rating)),
            outline=INK,
            width=(2 if node.is_model else 1) * SCALE,
        )
        licenses = ", ".join(node.licenses) or _("no license known")
        rating = (_("overall: ") if node.is_model else _("rating: ")) + node.rating_in(graph.lang)
        for text, size, bold, baseline in (
            (shorten(node.name, 30), 11, True, 18),
            (shorten(licenses, 34), 10, False, 35),
            (rating, 10, False, 51),
        ):
            draw.text((x + w / 2, y + baseline * SCALE), text, fill=INK, font=_font_for(text, size, bold), anchor="ms")
    for edge in graph.edges:
        sx, sy = at[edge.source]
        label = edge.label_in(graph.lang)
        font = _font_for(label, 10)
        left, _top, right, _bottom = draw.textbbox((0, 0), label, font=font)
        half = (right - left) / 2 + 4 * SCALE
        draw.rectangle([sx + w / 2 - half, sy - 17 * SCALE, sx + w / 2 + half, sy - 3 * SCALE], fill=WHITE)
        draw.text((sx + w / 2, sy - 6 * SCALE), label, fill=INK, font=font, anchor="ms")
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
