"""Text forms a person reads as the same text: transforms of a document's text, and the datasets compared.

Each transform gives the text as another tool hands it over (decomposed letters,
Word's optional hyphens, zero-width characters, no-break spaces, CRLF, a
byte-order mark); `docx_variant` applies one to every text run of a .docx.
`comparable` is a report's dataset with what must differ set aside: the source
file's path and hash, and the notes that record the normalization.
"""

from __future__ import annotations

import io
import itertools
import unicodedata
import zipfile
from collections.abc import Callable

import regex as re

from kompass.parsers.textnorm import is_note
from kompass.pipeline.checks.findings import to_table
from kompass.pipeline.checks.validate import validate
from kompass.pipeline.model import Report
from kompass.pipeline.publish import dataset

LONG_WORD = re.compile(r"(\p{L}{3})(\p{L}{3,})")
INVISIBLE = ["\u200b", "\u2060", "\u200d", "\ufeff", "\u200c"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def soft_hyphens(text: str) -> str:
    """An optional hyphen after the third letter of every word of six letters or more, as Word keeps them."""
    return LONG_WORD.sub("\\1\u00ad\\2", text)


def zero_width(text: str) -> str:
    """Zero-width spaces, joiners, word joiners and byte-order marks inside the longer words, in turn."""
    chars = itertools.cycle(INVISIBLE)
    return LONG_WORD.sub(lambda m: m.group(1) + next(chars) + m.group(2), text)


def no_break_spaces(text: str) -> str:
    """Every other space between two words a no-break space (U+00A0), some a narrow one (U+202F)."""
    chars = itertools.cycle([" ", "\u00a0", " ", "\u202f"])
    return re.sub(r"(?<=\S) (?=\S)", lambda m: next(chars), text)


TEXT_FORMS: dict[str, Callable[[str], str]] = {
    "nfd": nfd,
    "soft_hyphens": soft_hyphens,
    "zero_width": zero_width,
    "no_break_spaces": no_break_spaces,
}


def text_file_variant(data: bytes, form: str) -> bytes:
    """A UTF-8 text file in another form: the TEXT_FORMS, or "crlf" line ends, or a "bom" in front."""
    text = data.decode("utf-8")
    if form == "crlf":
        return text.replace("\n", "\r\n").encode()
    if form == "bom":
        return b"\xef\xbb\xbf" + data
    return TEXT_FORMS[form](text).encode()


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_variant(data: bytes, form: str) -> bytes:
    """The .docx with one of TEXT_FORMS applied to the text of every run (body, headers and footers)."""
    from lxml import etree

    change = TEXT_FORMS[form]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = src.read(info)
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", info.filename):
                root = etree.fromstring(member)
                for t in root.iter(f"{W}t"):
                    if t.text:
                        t.text = change(t.text)
                member = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, member)
    return out.getvalue()


def comparable(report: Report) -> dict[str, list[dict]]:
    """The report's dataset rows and validation findings, less source path, hash and normalization notes."""
    tables = dataset.tables([report])
    tables["validation"] = to_table([i for i in validate(report) if i.check_name != "normalized-text"])
    out = {}
    for name, table in tables.items():
        rows = table.to_pylist()
        for row in rows:
            row.pop("source_path", None)
            row.pop("source_sha256", None)
            if "reader_warnings" in row:
                row["reader_warnings"] = [w for w in row["reader_warnings"] or [] if not is_note(w)]
        out[name] = rows
    return out


def strings(value) -> list[str]:
    """Every string inside a row value (lists and dicts opened)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings(v)]
    return []
