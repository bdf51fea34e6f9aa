"""Whether two word sources gave the same page: text, order, positions within a tolerance."""

from __future__ import annotations

import re

from kompass.parsers.pdf_words import PageContent, Word

TOLERANCE = 0.01  # pt
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def without_subset_tag(fontname: str) -> str:
    """'ABCDEF+Calibri-Bold' -> 'Calibri-Bold' (pdfium does not report the tag)."""
    return SUBSET_TAG.sub("", fontname)


def word_row(word: Word) -> tuple[str, str]:
    return word.text, without_subset_tag(word.fontname)


def page_differences(expected: PageContent, got: PageContent, tolerance: float = TOLERANCE) -> list[str]:
    """What differs, one line per difference; empty when the pages are the same."""
    out = []
    for field in ("number", "width", "height"):
        if abs(getattr(expected, field) - getattr(got, field)) > tolerance:
            out.append(f"page {field}: {getattr(expected, field)} != {getattr(got, field)}")
    rows_a, rows_b = [word_row(w) for w in expected.words], [word_row(w) for w in got.words]
    if rows_a != rows_b:
        k = next((i for i, (a, b) in enumerate(zip(rows_a, rows_b)) if a != b), min(len(rows_a), len(rows_b)))
        out.append(
            f"words differ from word {k} of {len(rows_a)}/{len(rows_b)}: "
            f"{[t for t, _ in rows_a[k : k + 6]]} != {[t for t, _ in rows_b[k : k + 6]]}"
        )
    else:
        for a, b in zip(expected.words, got.words):
            if max(abs(getattr(a, f) - getattr(b, f)) for f in ("x0", "x1", "top", "bottom", "size")) > tolerance:
                out.append(f"{a} != {b}")
    for kind in ("rules", "marks"):
        shapes_a, shapes_b = getattr(expected, kind), getattr(got, kind)
        if len(shapes_a) != len(shapes_b):
            out.append(f"{kind}: {shapes_a} != {shapes_b}")
            continue
        for rule_a, rule_b in zip(shapes_a, shapes_b):
            if max(abs(getattr(rule_a, f) - getattr(rule_b, f)) for f in ("x0", "top", "x1", "bottom")) > tolerance:
                out.append(f"{rule_a} != {rule_b}")
    return out


def same_words_any_order(expected: PageContent, got: PageContent) -> bool:
    return sorted(map(word_row, expected.words)) == sorted(map(word_row, got.words))
