"""Write the matrix's no-space-glyph PDFs: a printed fixture with its space glyphs taken out (run by hand).

    /tmp/tools/bin/python tests/producers/strip_spaces.py [--only NAME-PART]

Needs pikepdf, outside the project (`python3 -m venv /tmp/tools && /tmp/tools/bin/pip install
pikepdf`). macOS's Quartz, pdfTeX and some InDesign exports draw no space between words: the
next word is placed by position only, often in the same text object ("[(Sveriges) -333
(Kommuner)] TJ"). This rewrites every text operator of a matrix PDF that way: each
glyph the font's ToUnicode map reads as whitespace (a space, no-break or em space) becomes a
TJ offset of the same advance (width, Tc, and Tw where it applies), so every other glyph
stays where it was and nothing else changes. The case in tests/producer_matrix.py names
its source fixture (Case.stripped_from); the stripped copy is tests/fixtures/producers/<name>.pdf.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pikepdf

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from producer_matrix import CASES, MATRIX_DIR, SPACES_STRIPPED  # noqa: E402

TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


@dataclass
class FontCodes:
    """What rewriting needs of one font: code length, which codes are spaces, their widths."""

    code_bytes: int
    spaces: set[int]
    widths: dict[int, float]
    default_width: float

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default_width)


@dataclass
class TextState:
    font: FontCodes | None = None
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    stack: list[tuple[FontCodes | None, float, float, float]] = field(default_factory=list)


def _hex_int(token: bytes) -> int:
    return int(token, 16)


def space_codes(to_unicode: pikepdf.Stream) -> set[int]:
    """The codes a ToUnicode CMap maps to whitespace (U+0020, U+00A0, U+2003 ...), from bfchar and bfrange."""
    data = to_unicode.read_bytes()
    spaces: set[int] = set()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        pairs = HEX.findall(block)
        for src, dst in zip(pairs[::2], pairs[1::2]):
            if _blank(dst):
                spaces.add(_hex_int(src))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.strip().splitlines():
            parts = HEX.findall(line)
            if len(parts) == 3 and b"[" not in line:
                low, high, dst = _hex_int(parts[0]), _hex_int(parts[1]), _hex_int(parts[2])
                spaces |= {low + k for k in range(high - low + 1) if chr(dst + k).isspace()}
    return spaces


def _blank(hex_text: bytes) -> bool:
    digits = hex_text.replace(b" ", b"").decode()
    return len(digits) == 4 and chr(int(digits, 16)).isspace()


def font_codes(font: pikepdf.Dictionary) -> FontCodes:
    """A font's code length, space codes (ToUnicode, else code 32 of a simple font) and widths."""
    spaces = space_codes(font.ToUnicode) if "/ToUnicode" in font else set()
    if font.Subtype == "/Type0":
        cid = font.DescendantFonts[0]
        widths: dict[int, float] = {}
        w = list(cid.get("/W", []))
        i = 0
        while i < len(w):
            first = int(w[i])
            if isinstance(w[i + 1], pikepdf.Array):
                for k, value in enumerate(w[i + 1]):
                    widths[first + k] = float(value)
                i += 2
            else:
                for code in range(first, int(w[i + 1]) + 1):
                    widths[code] = float(w[i + 2])
                i += 3
        if str(font.Encoding) != "/Identity-H":
            raise SystemExit(f"only Identity-H Type0 fonts are handled, not {font.Encoding}")
        return FontCodes(2, spaces, widths, float(cid.get("/DW", 1000)))
    first = int(font.get("/FirstChar", 0))
    widths = {first + k: float(v) for k, v in enumerate(font.get("/Widths", []))}
    missing = float(font.FontDescriptor.get("/MissingWidth", 0)) if "/FontDescriptor" in font else 0.0
    return FontCodes(1, spaces or {32}, widths, missing)


def stripped(operands: list, state: TextState) -> tuple[pikepdf.Array, int]:
    """A TJ array drawing the operands' glyphs but no spaces, each space an offset of its advance."""
    font = state.font
    assert font is not None and state.size, "text shown before Tf"
    items: list[bytes | float] = []
    removed = 0
    elements = operands[0] if isinstance(operands[0], pikepdf.Array) else [operands[0]]
    for element in elements:
        if not isinstance(element, pikepdf.String):
            items.append(float(element))
            continue
        raw = bytes(element)
        run = bytearray()
        for i in range(0, len(raw), font.code_bytes):
            piece = raw[i : i + font.code_bytes]
            code = int.from_bytes(piece, "big")
            if code not in font.spaces:
                run += piece
                continue
            removed += 1
            if run:
                items.append(bytes(run))
                run = bytearray()
            # Tw applies to the single-byte code 32 only (PDF 32000 9.3.3)
            extra = state.char_spacing + (state.word_spacing if font.code_bytes == 1 and code == 32 else 0.0)
            items.append(-(font.width(code) + extra * 1000.0 / state.size))
        if run:
            items.append(bytes(run))
    merged: list[bytes | float] = []
    for item in items:  # adjacent offsets summed, as a producer writing this way would
        if merged and isinstance(item, float) and isinstance(merged[-1], float):
            merged[-1] += item
        else:
            merged.append(item)
    parts = [pikepdf.String(x) if isinstance(x, bytes) else Decimal(repr(round(x, 4))) for x in merged]
    return pikepdf.Array(parts or [pikepdf.String(b"")]), removed


def rewrite(stream_owner: pikepdf.Object, resources: pikepdf.Dictionary, pdf: pikepdf.Pdf, done: set) -> int:
    """Rewrite one content stream (a page or form) and the forms it draws; the number of spaces removed."""
    fonts = {name: font_codes(font) for name, font in resources.get("/Font", {}).items()}
    state = TextState()
    out = []
    removed = 0
    for operands, operator in pikepdf.parse_content_stream(stream_owner):
        op = str(operator)
        if op == "q":
            state.stack.append((state.font, state.size, state.char_spacing, state.word_spacing))
        elif op == "Q" and state.stack:
            state.font, state.size, state.char_spacing, state.word_spacing = state.stack.pop()
        elif op == "Tf":
            state.font, state.size = fonts[str(operands[0])], float(operands[1])
        elif op == "Tc":
            state.char_spacing = float(operands[0])
        elif op == "Tw":
            state.word_spacing = float(operands[0])
        if op in TEXT_SHOWING:
            if op == '"':
                state.word_spacing, state.char_spacing = float(operands[0]), float(operands[1])
                out += [([operands[0]], pikepdf.Operator("Tw")), ([operands[1]], pikepdf.Operator("Tc"))]
                operands = operands[2:]
            if op in ("'", '"'):
                out.append(([], pikepdf.Operator("T*")))
            array, count = stripped(list(operands), state)
            removed += count
            out.append(([array], pikepdf.Operator("TJ")))
            continue
        out.append((operands, operator))
    stream_owner_stream = stream_owner if isinstance(stream_owner, pikepdf.Stream) else None
    data = pikepdf.unparse_content_stream(out)
    if stream_owner_stream is not None:
        stream_owner_stream.write(data)
    else:
        stream_owner.Contents = pdf.make_stream(data)
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in done:
            done.add(xobject.objgen)
            removed += rewrite(xobject, xobject.get("/Resources", resources), pdf, done)
    return removed


def strip(source: Path, target: Path) -> int:
    """Write source's PDF to target without space glyphs; the number of spaces removed."""
    with pikepdf.open(source) as pdf:
        removed = 0
        done: set = set()
        for page in pdf.pages:
            removed += rewrite(page.obj, page.Resources, pdf, done)
        pdf.docinfo["/Producer"] = f"{pdf.docinfo.get('/Producer', '')}; space glyphs stripped by pikepdf"
        pdf.save(target, deterministic_id=True)
    return removed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only cases whose name contains this")
    args = parser.parse_args()
    for case in CASES:
        if case.spaces == SPACES_STRIPPED and args.only in case.name:
            removed = strip(MATRIX_DIR / f"{case.stripped_from}.pdf", case.path)
            print(f"{removed:>6} spaces removed  {case.path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
