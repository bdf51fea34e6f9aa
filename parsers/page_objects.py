"""A walk over a pdfium page's objects in content order: table rulings, and the order of the text.

Rulings are what pdfplumber finds in page.lines and page.rects. pdfminer calls a
painted subpath a line when it is one segment ("ml", "mlh") and a rect when it is
an axis-aligned closed quadrilateral ("mlllh"); everything else is a curve, which
is no rule. The same shapes are read here from pdfium's segments, and
pdfplumber's order is kept: all lines in content order, then each rect's four
edges (top, bottom, left, right). The text objects' content order is recorded
because pdfium's text page does not always keep it (it reorders rotated pages),
while pdfplumber's words follow it.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

import pypdfium2.raw as pr

from .page_frame import PageFrame
from .page_frame import decimal_of as _decimal_of
from .pdf_words import MARK_MAX, THIN, Rule, is_mark

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
decimal_of = lru_cache(maxsize=16384)(_decimal_of)  # paths repeat their coordinates
SUBPATH = re.compile(r"m[^m]+")


@dataclass
class PageObjects:
    lines: list[Rule] = field(default_factory=list)
    rects: list[Rule] = field(default_factory=list)
    # text object address -> (content position, matrix of the forms it sits in)
    texts: dict[int, tuple[int, Matrix]] = field(default_factory=dict)
    marks: list[Rule] = field(default_factory=list)  # small filled shapes (pdf_words.is_mark)

    @property
    def rules(self) -> list[Rule]:
        return self.lines + self.rects


def walk_page(page: pr.FPDF_PAGE, frame: PageFrame) -> PageObjects:
    """The page's lines, rect edges (pdfplumber's coordinates and order) and text objects' order."""
    found = PageObjects()
    handle = ctypes.c_void_p(ctypes.cast(page, ctypes.c_void_p).value)
    _walk(partial(_get_object, handle), pr.FPDFPage_CountObjects(page), IDENTITY, frame, found)
    return found


def _untyped(function: Any, restype: type[ctypes.c_int | ctypes.c_void_p]) -> Callable[..., int | None]:
    """The same pdfium function without argument types: ctypes calls it several times faster, and a
    handle comes back as its address (int) with no cast. Arguments must be ctypes objects or small ints."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address is not None, function
    return ctypes.CFUNCTYPE(restype)(address)


_get_object = _untyped(pr.FPDFPage_GetObject, ctypes.c_void_p)
_get_form_object = _untyped(pr.FPDFFormObj_GetObject, ctypes.c_void_p)
_get_type = _untyped(pr.FPDFPageObj_GetType, ctypes.c_int)
TEXT, PATH, FORM = pr.FPDF_PAGEOBJ_TEXT, pr.FPDF_PAGEOBJ_PATH, pr.FPDF_PAGEOBJ_FORM


def _walk(get: Callable[[int], int | None], count: int, outer: Matrix, frame: PageFrame, found: PageObjects) -> None:
    texts = found.texts
    for i in range(count):
        address = get(i) or 0
        handle = ctypes.c_void_p(address)
        kind = _get_type(handle)
        if kind == TEXT:
            texts[address] = (len(texts), outer)
        elif kind == PATH:
            _path(ctypes.cast(handle, pr.FPDF_PAGEOBJECT), outer, frame, found.lines, found.rects, found.marks)
        elif kind == FORM:
            obj = ctypes.cast(handle, pr.FPDF_PAGEOBJECT)
            inner = _multiply(_matrix(obj), outer)
            _walk(partial(_get_form_object, handle), pr.FPDFFormObj_CountObjects(obj), inner, frame, found)


def object_matrix(obj: pr.FPDF_PAGEOBJECT, outer: Matrix = IDENTITY) -> Matrix:
    """A page object's matrix in page space (through the forms it sits in), decimals recovered."""
    return _multiply(_matrix(obj), outer)


def _matrix(obj: pr.FPDF_PAGEOBJECT) -> Matrix:
    m = pr.FS_MATRIX()
    if not pr.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return decimal_of(m.a), decimal_of(m.b), decimal_of(m.c), decimal_of(m.d), decimal_of(m.e), decimal_of(m.f)


def _multiply(m1: Matrix, m0: Matrix) -> Matrix:
    """m1 then m0, as pdfminer.utils.mult_matrix."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _path(
    obj: pr.FPDF_PAGEOBJECT, outer: Matrix, frame: PageFrame, lines: list[Rule], rects: list[Rule], marks: list[Rule]
) -> None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if pr.FPDFPath_GetDrawMode(obj, fill, stroke) and not fill.value and not stroke.value:
        return  # pdfminer sees no painted path
    a, b, c, d, e, f = _multiply(_matrix(obj), outer)
    shape, points, all_points = _segments(obj)
    if fill.value and points and _small(points, (a, b, c, d)):
        # pdfminer's box of a path spans all its points, a curve's control points included
        every = [(a * x + c * y + e, b * x + d * y + f) for x, y in all_points]
        box = _rule(frame, every) if every else None
        if box is not None and is_mark(box.x0, box.top, box.x1, box.bottom):
            marks.append(box)
    for sub in SUBPATH.finditer(shape):
        pts = [(a * x + c * y + e, b * x + d * y + f) for x, y in points[sub.start() : sub.end()]]
        _classify(sub.group(), pts, frame, lines, rects, bool(stroke.value))


def _small(points: list[tuple[float, float]], linear: tuple[float, float, float, float]) -> bool:
    """Whether the path's end points span little enough for the path to be a list marker (cheap test first)."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    scale = max(abs(v) for v in linear) or 1.0
    return max(max(xs) - min(xs), max(ys) - min(ys)) * scale <= 2 * MARK_MAX


_segment = _untyped(pr.FPDFPath_GetPathSegment, ctypes.c_void_p)
_segment_type = _untyped(pr.FPDFPathSegment_GetType, ctypes.c_int)
_segment_point = _untyped(pr.FPDFPathSegment_GetPoint, ctypes.c_int)
_segment_close = _untyped(pr.FPDFPathSegment_GetClose, ctypes.c_int)
MOVETO, BEZIERTO = pr.FPDF_SEGMENT_MOVETO, pr.FPDF_SEGMENT_BEZIERTO


def _segments(obj: pr.FPDF_PAGEOBJECT) -> tuple[str, list[tuple[float, float]], list[tuple[float, float]]]:
    """The path as pdfminer's operator string ("mlllh") with one end point per operator, and every
    point of the path (a curve's control points too)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    handle = ctypes.c_void_p(ctypes.cast(obj, ctypes.c_void_p).value)
    shape: list[str] = []
    points: list[tuple[float, float]] = []
    every: list[tuple[float, float]] = []
    start = (0.0, 0.0)
    bezier = 0
    for k in range(pr.FPDFPath_CountSegments(obj)):
        segment = ctypes.c_void_p(_segment(handle, k))
        kind = _segment_type(segment)
        _segment_point(segment, px, py)
        point = (decimal_of(x.value), decimal_of(y.value))
        every.append(point)
        if kind == MOVETO:
            shape.append("m")
            points.append(point)
            start = point
        elif kind == BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:  # pdfium stores a curve as its three points
                shape.append("c")
                points.append(point)
        else:
            shape.append("l")
            points.append(point)
        if _segment_close(segment):
            shape.append("h")
            points.append(start)
    return "".join(shape), points, every


def _classify(
    shape: str,
    pts: list[tuple[float, float]],
    frame: PageFrame,
    lines: list[Rule],
    rects: list[Rule],
    stroked: bool = True,
) -> None:
    """pdfminer.converter.PDFLayoutAnalyzer.paint_path for one subpath, kept as the reference
    engine keeps it (parsers.pdf_words): straight lines; thin rectangles as themselves,
    stroked ones as their four edges, filled-only ones not at all."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-1]
    if shape in ("mlh", "ml"):
        rule = _rule(frame, pts[:2])
        if rule.x1 - rule.x0 <= THIN or rule.bottom - rule.top <= THIN:
            lines.append(rule)
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            box = _rule(frame, [pts[0], pts[2]])
            if min(box.x1 - box.x0, box.bottom - box.top) <= THIN:
                rects.append(box)
            elif stroked:
                rects.extend(_edges(frame, [pts[0], pts[2]]))


def _device_box(frame: PageFrame, pts: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = zip(*(frame.device(x, y) for x, y in pts))
    return min(xs), min(ys), max(xs), max(ys)


def _rule(frame: PageFrame, pts: list[tuple[float, float]]) -> Rule:
    x0, y0, x1, y1 = _device_box(frame, pts)
    return Rule(
        x0 + frame.x_shift,
        (frame.height - y1) + frame.top_shift,
        x1 + frame.x_shift,
        (frame.height - y0) + frame.top_shift,
    )


def _edges(frame: PageFrame, corners: list[tuple[float, float]]) -> list[Rule]:
    """pdfplumber.utils.rect_to_edges: top, bottom, left, right."""
    box = _rule(frame, corners)
    _, y0, _, y1 = _device_box(frame, corners)
    bottom = box.top + (y1 - y0)  # as pdfplumber computes it: top + height
    return [
        Rule(box.x0, box.top, box.x1, box.top),
        Rule(box.x0, bottom, box.x1, bottom),
        Rule(box.x0, box.top, box.x0, box.bottom),
        Rule(box.x1, box.top, box.x1, box.bottom),
    ]
