"""pdfplumber's page coordinates for a pdfium page: from PDF user space to top-left points.

pdfminer turns user space into device space with a matrix made from the
MediaBox and /Rotate; pdfplumber then flips y and shifts by the MediaBox origin.
PageFrame repeats both steps with the same formulas, so boxes built from pdfium's
user-space numbers land where pdfplumber puts them.
"""

from __future__ import annotations

import ctypes
import struct
from dataclasses import dataclass

import pypdfium2.raw as pr

US_LETTER = (0.0, 0.0, 612.0, 792.0)


@dataclass(frozen=True)
class PageFrame:
    ctm: tuple[float, float, float, float, float, float]  # pdfminer's page matrix
    width: float
    height: float
    x_shift: float  # pdfplumber's mediabox x0
    top_shift: float  # pdfplumber's mediabox top

    @classmethod
    def of(cls, page: pr.FPDF_PAGE) -> PageFrame:
        return cls.from_box(_mediabox(page), pr.FPDFPage_GetRotation(page) * 90)

    @classmethod
    def from_box(cls, mediabox: tuple[float, float, float, float], rotation: int) -> PageFrame:
        x0, y0, x1, y1 = mediabox
        # pdfminer.pdfinterp.PDFPageInterpreter.process_page
        if rotation == 90:
            ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
        elif rotation == 180:
            ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
        elif rotation == 270:
            ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
        else:
            ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
        # pdfplumber.page.Page.__init__ (_normalize_box, _invert_box)
        nx0, nx1 = sorted((x0, x1))
        ny0, ny1 = sorted((y0, y1))
        box = (ny0, nx0, ny1, nx1) if rotation in (90, 270) else (nx0, ny0, nx1, ny1)
        height = box[3] - box[1]
        return cls(ctm, box[2] - box[0], height, box[0], height - box[3])

    def linear(self, a: float, b: float, c: float, d: float) -> tuple[float, float, float, float]:
        """A user-space matrix's linear part as pdfminer sees it, after the page rotation."""
        ra, rb, rc, rd = self.ctm[:4]
        return a * ra + b * rc, a * rb + b * rd, c * ra + d * rc, c * rb + d * rd

    def device(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e, b * x + d * y + f

    def box(self, points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
        """pdfplumber's (x0, top, x1, bottom) of the box around user-space points."""
        xs, ys = zip(*(self.device(x, y) for x, y in points))
        y0, y1 = min(ys), max(ys)
        return (
            min(xs) + self.x_shift,
            (self.height - y1) + self.top_shift,
            max(xs) + self.x_shift,
            (self.height - y0) + self.top_shift,
        )


def _mediabox(page: pr.FPDF_PAGE) -> tuple[float, float, float, float]:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if pr.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        return decimal_of(left.value), decimal_of(bottom.value), decimal_of(right.value), decimal_of(top.value)
    # No MediaBox of its own: pdfium's page box is the inherited MediaBox (or US
    # Letter) unless a CropBox narrows it.
    rect = pr.FS_RECTF()
    if pr.FPDF_GetPageBoundingBox(page, rect):
        return decimal_of(rect.left), decimal_of(rect.bottom), decimal_of(rect.right), decimal_of(rect.top)
    return US_LETTER


def decimal_of(value: float) -> float:
    """The shortest decimal that pdfium's 32-bit float was parsed from (595.27, not 595.27002)."""
    single = struct.unpack("f", struct.pack("f", value))[0]
    for digits in range(1, 10):
        candidate = float(f"{single:.{digits}g}")
        if struct.unpack("f", struct.pack("f", candidate))[0] == single:
            return candidate
    return single
