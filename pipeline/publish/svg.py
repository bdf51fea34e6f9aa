"""SVG for overview.html's charts: elements, axes, legends and colour ramps as small pure functions of strings.

The charts are drawn when the page is written, so the page runs no script and
needs no plotting library. Text stays SVG text (selectable, searchable); its
width is estimated from the advance widths of DejaVu Sans, the charts' first
font, so labels can be laid out without a font engine.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape

FONT = "'DejaVu Sans', Verdana, sans-serif"
INK = "#1d2330"
MUTED = "#6b7285"
GRID = "#e3e6ec"

# Advance widths of DejaVu Sans in thousandths of an em, for " " (32) to "~" (126),
# read from the font's hmtx table (DejaVuSans.ttf, 2048 units per em).
_ASCII = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)  # fmt: skip
_OTHER = {"→": 838, "…": 1000, "–": 500, "—": 1000, "×": 838, "\u00a0": 318}
_UNKNOWN = 640  # a wide-ish letter: an estimate errs towards more room


def esc(value: object) -> str:
    """Text or an attribute value from the data, safe inside the page's SVG and HTML."""
    return escape(str(value), quote=True)


def num(x: float) -> str:
    """A coordinate with at most one decimal: short and the same for the same data."""
    if type(x) is int:
        return str(x)
    return f"{x:.1f}".removesuffix(".0")


def _char_width(char: str) -> int:
    code = ord(char)
    if 32 <= code < 127:
        return _ASCII[code - 32]
    if char in _OTHER:
        return _OTHER[char]
    base = unicodedata.normalize("NFD", char)[0]  # å, ä, é: the width of a, a, e
    if base != char and 32 <= ord(base) < 127:
        return _ASCII[ord(base) - 32]
    return 1000 if unicodedata.east_asian_width(char) in ("W", "F") else _UNKNOWN


def text_width(text: str, size: float) -> float:
    """The width in px of text set in DejaVu Sans at `size` px (Verdana, the fallback, is about as wide)."""
    return sum(_char_width(c) for c in text) * size / 1000


def widest(texts: Iterable[str], size: float) -> float:
    return max((text_width(t, size) for t in texts), default=0.0)


@dataclass(frozen=True)
class Linear:
    """A linear map from data values (low..high) to px (start..end)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start + (value - self.low) * (self.end - self.start) / span


def ticks(low: float, high: float, most: int = 8) -> list[float]:
    """Round values inside low..high for an axis, a step of 1, 2, 2.5 or 5 times a power of ten."""
    if high <= low:
        return [low]
    raw = (high - low) / max(1, most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9)
    return [round(k * step, 10) for k in range(first, math.floor(high / step + 1e-9) + 1)]


def label(value: float) -> str:
    """A tick value as printed: no decimals unless the step needs them."""
    return f"{value:g}".replace("-", "−")


@dataclass(frozen=True)
class Ramp:
    """Colours evenly spaced from a share of 0 to 1, mixed linearly in between."""

    stops: tuple[str, ...]

    def at(self, share: float) -> str:
        return _mix(self.stops, min(1.0, max(0.0, share)))


@lru_cache(maxsize=4096)
def _mix(stops: tuple[str, ...], share: float) -> str:
    """The colour at share (0..1) along stops; cached, as a chart asks for the same few shares again and again."""
    place = share * (len(stops) - 1)
    n = min(int(place), len(stops) - 2)
    a, b, t = _rgb(stops[n]), _rgb(stops[n + 1]), place - n
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


# ColorBrewer's YlGnBu (9 classes) and RdBu (11 classes), the sequences matplotlib's colormaps of these names mix
YLGNBU = Ramp(("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"))
RDBU = Ramp(
    (
        "#67001f",
        "#b2182b",
        "#d6604d",
        "#f4a582",
        "#fddbc7",
        "#f7f7f7",
        "#d1e5f0",
        "#92c5de",
        "#4393c3",
        "#2166ac",
        "#053061",
    )
)
# matplotlib's tab10: distinct colours for a few lines
CATEGORIES = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")


def document(width: float, height: float, body: Iterable[str], title: str) -> str:
    """An <svg> element to inline, drawn in px; the page's CSS scales it down to fit narrow windows."""
    w, h = num(math.ceil(width)), num(math.ceil(height))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        f'aria-label="{esc(title)}" font-family="{esc(FONT)}" font-size="11" fill="{INK}">' + "".join(body) + "</svg>"
    )


def group(css_class: str, parts: Iterable[str], attributes: str = "") -> str:
    """A <g> of parts; the class names what it holds (dots, cells, axis), for readers of the markup and tests."""
    return f'<g class="{css_class}"{attributes}>' + "".join(parts) + "</g>"


def text(
    x: float,
    y: float,
    content: str,
    size: float = 11,
    anchor: str = "start",
    fill: str | None = None,
    bold: bool = False,
    rotate: bool = False,
) -> str:
    """One line of text with its middle at y (dy .35em centres DejaVu's digits and lower case)."""
    extra = f' text-anchor="{anchor}"' if anchor != "start" else ""
    extra += f' fill="{fill}"' if fill else ""
    extra += ' font-weight="bold"' if bold else ""
    extra += f' transform="rotate(-90 {num(x)} {num(y)})"' if rotate else ""
    return f'<text x="{num(x)}" y="{num(y)}" dy=".35em" font-size="{num(size)}"{extra}>{esc(content)}</text>'


def lines_of_text(x: float, y: float, lines: Sequence[str], size: float, anchor: str = "middle") -> str:
    """Lines stacked downwards from y (their first line's middle), as one <text> so a reader selects them together."""
    spans = "".join(
        f'<tspan x="{num(x)}" dy="{".35em" if n == 0 else num(size * 1.2)}">{esc(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" text-anchor="{anchor}">{spans}</text>'


def tooltip(content: str) -> str:
    return f"<title>{esc(content)}</title>" if content else ""


def _paint(fill: str, stroke: str = "") -> str:
    """fill and stroke attributes; an empty fill leaves it to the enclosing group."""
    return (f' fill="{fill}"' if fill else "") + (f' stroke="{stroke}" stroke-width="1.2"' if stroke else "")


def rect(x: float, y: float, width: float, height: float, fill: str = "", hint: str = "", extra: str = "") -> str:
    inner = tooltip(hint)
    start = f'<rect x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(height)}"{_paint(fill)}{extra}'
    return f"{start}>{inner}</rect>" if inner else start + "/>"


def circle(x: float, y: float, r: float, fill: str = "", stroke: str = "", hint: str = "") -> str:
    inner = tooltip(hint)
    start = f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}"{_paint(fill, stroke)}'
    return f"{start}>{inner}</circle>" if inner else start + "/>"


def line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1, dash: str = "") -> str:
    dash = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="{stroke}" stroke-width="{num(width)}"{dash}/>'
    )


def polyline(points: Sequence[tuple[float, float]], stroke: str, width: float = 1, dash: str = "") -> str:
    dash = f' stroke-dasharray="{dash}"' if dash else ""
    where = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    return (
        f'<polyline points="{where}" fill="none" stroke="{stroke}" stroke-width="{num(width)}" '
        f'stroke-linejoin="round"{dash}/>'
    )


def polygon(points: Sequence[tuple[float, float]], fill: str, opacity: float = 1) -> str:
    where = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    return f'<polygon points="{where}" fill="{fill}" fill-opacity="{opacity:g}"/>'


def x_axis(scale: Linear, values: Sequence[float], y: float, top: float, size: float = 11, above: bool = False) -> str:
    """A horizontal axis at y: grid lines up to top, the axis line, tick marks and labels below it (or above)."""
    parts = [line(scale(v), top, scale(v), y, GRID) for v in values]
    parts.append(line(scale.start, y, scale.end, y, INK, 0.8))
    mark = -4 if above else 4
    for v in values:
        parts.append(line(scale(v), y, scale(v), y + mark, INK, 0.8))
        parts.append(text(scale(v), y + mark * 3.2, label(v), size, "middle"))
    return group("x-axis", parts)


def y_axis(scale: Linear, values: Sequence[float], x: float, right: float, size: float = 11) -> str:
    """A vertical axis at x: grid lines across to right, the axis line, tick marks and labels to its left."""
    parts = [line(x, scale(v), right, scale(v), GRID) for v in values]
    parts.append(line(x, scale.start, x, scale.end, INK, 0.8))
    for v in values:
        parts.append(line(x - 4, scale(v), x, scale(v), INK, 0.8))
        parts.append(text(x - 7, scale(v), label(v), size, "end"))
    return group("y-axis", parts)


@dataclass(frozen=True)
class Key:
    """One entry of a legend: a filled dot, an open circle, a line (with dots if marked) or a band."""

    label: str
    kind: str  # "dot", "ring", "line", "band"
    colour: str
    dash: str = ""
    marked: bool = False
    width: float = 1.5


def _swatch(key: Key, x: float, y: float) -> str:
    if key.kind == "dot":
        return circle(x + 9, y, 4.2, key.colour)
    if key.kind == "ring":
        return circle(x + 9, y, 3.6, "white", key.colour)
    if key.kind == "band":
        return rect(x, y - 5, 18, 10, key.colour, extra=' fill-opacity="0.18"')
    mark = circle(x + 9, y, 2.8, key.colour) if key.marked else ""
    return line(x, y, x + 18, y, key.colour, key.width, key.dash) + mark


def _places(keys: Sequence[Key], size: float, across: float) -> tuple[list[tuple[float, float]], float, float]:
    """Each key's place relative to the first's, and the (width, height) they take.

    across is the widest a row may be: the keys flow along rows of it; 0 stacks them one a line.
    """
    places, x, y, width, line = [], 0.0, 0.0, 0.0, size * 1.75
    for key in keys:
        room = 26 + text_width(key.label, size)
        if across and x and x + room > across:
            x, y = 0.0, y + line
        places.append((x, y))
        width = max(width, x + room)
        if across:
            x += room + 18
        else:
            y += line
    return places, width, (y + line if across else y)


def legend_size(keys: Sequence[Key], size: float, across: float = 0) -> tuple[float, float]:
    """(width, height) a legend of these keys takes (across: as for legend)."""
    return _places(keys, size, across)[1:]


def legend(keys: Sequence[Key], x: float, y: float, size: float = 10, across: float = 0) -> str:
    """The keys from (x, y), the middle of the first line: in rows at most `across` px wide, or stacked when 0."""
    parts = []
    for key, (dx, dy) in zip(keys, _places(keys, size, across)[0]):
        parts.append(_swatch(key, x + dx, y + dy))
        parts.append(text(x + dx + 24, y + dy, key.label, size))
    return group("legend", parts)


def colour_bar(
    ramp: Ramp, low: float, high: float, x: float, y: float, height: float, caption: str, ident: str, size: float = 9.5
) -> str:
    """A vertical colour scale, low at the bottom, with ticks and a caption; ident names its gradient (unique)."""
    stops = "".join(
        f'<stop offset="{num(100 * n / (len(ramp.stops) - 1))}%" stop-color="{c}"/>' for n, c in enumerate(ramp.stops)
    )
    scale = Linear(low, high, y + height, y)
    values = ticks(low, high, max(2, min(6, int(height // 22))))
    parts = [
        f'<defs><linearGradient id="{esc(ident)}" x1="0" y1="1" x2="0" y2="0">{stops}</linearGradient></defs>',
        rect(x, y, 12, height, f"url(#{esc(ident)})", extra=f' stroke="{MUTED}" stroke-width="0.5"'),
    ]
    for v in values:
        parts.append(line(x + 12, scale(v), x + 16, scale(v), INK, 0.8))
        parts.append(text(x + 19, scale(v), label(v), size))
    right = x + 19 + widest((label(v) for v in values), size) + 8
    parts.append(text(right + size / 2, y + height / 2, caption, size + 0.5, "middle", rotate=True))
    return group("colour-bar", parts)


def colour_bar_width(low: float, high: float, height: float, size: float = 9.5) -> float:
    values = ticks(low, high, max(2, min(6, int(height // 22))))
    return 19 + widest((label(v) for v in values), size) + 8 + size * 1.5
