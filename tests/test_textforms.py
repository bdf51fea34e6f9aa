"""Text in the forms real documents carry it gives the same dataset as the clean text, in every layout.

Every fixture and both samples are turned into each form (textform_variants.py)
and extracted; the dataset must equal the clean original's, field by field,
source path and hash and the normalization notes aside. Everything a reader
emits and everything written to the dataset is NFC.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import SAMPLES
from native_fixtures import FIXTURES
from textform_variants import TEXT_FORMS, comparable, docx_variant, strings, text_file_variant

from kompass.parsers import hyphenation, textnorm
from kompass.parsers.detect import read_document
from kompass.pipeline.checks.validate import validate
from kompass.pipeline.extract import extract_bytes
from kompass.pipeline.interpret.interpreter import interpret
from kompass.pipeline.interpret.normalize import normalize
from kompass.pipeline.publish import dataset
from synth.native import DEJAVU, DEJAVU_BOLD, render_pdf

ENGINES = ["pdfium", "pdfplumber"]
DOCX = [fx for fx in FIXTURES if fx.docx]
PDF = [fx for fx in FIXTURES if fx.pdf]
needs_dejavu = pytest.mark.skipif(
    not (DEJAVU.exists() and DEJAVU_BOLD.exists()), reason="decomposed text needs a TrueType font (DejaVu Sans)"
)


def extract(data: bytes, name: str, engine: str = "pdfium"):
    return extract_bytes(data, Path(name), name, pdf_engine=engine)


# -- the character mapping -------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("Trana\u030as kommun", "Tranås kommun"),  # NFD: a + combining ring
        ("Led\u00adarskap, ansvar och del\u00adegation", "Ledarskap, ansvar och delegation"),
        ("Tor\u200bsås\u2060 kom\u200dmun\ufeff", "Torsås kommun"),
        ("Område\u00a01\u202fOffentlighet\u2003och demokrati", "Område 1 Offentlighet och demokrati"),
        ("\ufb01nns \ufb02era e\ufb00ekter", "finns flera effekter"),
        ("\uf0b7 Bra kontaktinformation", "• Bra kontaktinformation"),
        ("\uf0a7 Medborgardialog", "• Medborgardialog"),
        ("HR\u2011strategi", "HR-strategi"),
    ],
)
def test_clean(raw, clean):
    assert textnorm.clean(raw) == clean
    assert textnorm.is_clean(clean) and not textnorm.is_clean(raw)


def test_counts_and_notes():
    counts = Counter()
    textnorm.clean("del\u00adegation och kom\u00admu\u00adnen, Trana\u030as, \u200bx, \ufb01nns", counts)
    assert textnorm.notes(counts) == [
        "normalized: 3 soft hyphens removed",
        "normalized: 1 zero-width or other invisible characters removed",
        "normalized: 1 decomposed letters composed (NFC)",
        "normalized: 1 ligatures read as letters",
    ]
    assert all(textnorm.is_note(n) for n in textnorm.notes(counts))
    assert not textnorm.is_note("page 3: 5 characters in a font without a Unicode map (shown as (cid:NN)) left out")


def test_text_layout_line_ends_and_bom():
    assert textnorm.text_layout("\ufeffa\r\nb\rc\u2028d\n") == "a\nb\nc\nd\n"


# -- line-end hyphenation ----------------------------------------------------------------


def resolved(lines: list[str], vocabulary: set[str] = frozenset()) -> str:
    return hyphenation.resolve(hyphenation.join_lines(lines), vocabulary.__contains__)


@pytest.mark.parametrize(
    "lines, vocabulary, text",
    [
        (["Tranås kommun-", "ens arbete"], {"kommunens"}, "Tranås kommunens arbete"),
        (["Tranås kommun-", "ens arbete"], set(), "Tranås kommunens arbete"),  # lower-case parts: hyphenation
        (["en tydlig HR-", "strategi saknas"], set(), "en tydlig HR-strategi saknas"),
        (["Svenska Kommun-", "och landstingsförbundet"], {"kommunoch"}, "Svenska Kommun- och landstingsförbundet"),
        (["kort-", "eller långsiktiga"], set(), "kort- eller långsiktiga"),
        (["en 3-", "årig plan"], set(), "en 3-årig plan"),
        (["fler e-", "tjänster"], set(), "fler e-tjänster"),
        (["hela Kommun-", "Sverige"], set(), "hela Kommun-Sverige"),
        (["vård-", "plan"], {"vård-plan"}, "vård-plan"),  # the document prints it with its hyphen
        (["FÖRBÄTTRINGS-", "OMRÅDEN"], set(), "FÖRBÄTTRINGSOMRÅDEN"),
        (["kommun\u00ad", "ens"], {"kommun-ens"}, "kommunens"),  # an optional hyphen is hyphenation
        (["(plan-", "eringen)."], set(), "(planeringen)."),
        (["den 2017-", "05-10"], set(), "den 2017-05-10"),
        (["Område 6 arbetsgivare -", "personalpolitik"], set(), "Område 6 arbetsgivare - personalpolitik"),
    ],
)
def test_line_end_hyphens(lines, vocabulary, text):
    assert resolved(lines, set(vocabulary)) == text


def test_hyphens_in_a_pdf_bullet_and_table_cell():
    """A reportlab page: a bullet and a table cell whose lines end in hyphens of each kind."""
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.setFont("Helvetica", 10.5)
    lines = [
        "Kommunens arbete med att ta fram en tydlig HR-",
        "strategi och en plan för medborgardialog i kommun-",
        "ens alla delar tillsammans med Svenska Kommun-",
        "och landstingsförbundet",
    ]
    y = 700.0
    c.drawString(88, y, "•")
    for line in lines:
        c.drawString(106, y, line)
        y -= 13
    c.line(70, 600, 400, 600)
    c.line(70, 560, 400, 560)
    c.line(70, 600, 70, 560)
    c.line(400, 600, 400, 560)
    c.drawString(74, 588, "Finns en plan för medborgar-")
    c.drawString(74, 575, "dialog?")
    c.showPage()
    c.save()
    for engine in ENGINES:
        blocks = read_document(Path("h.pdf"), buf.getvalue(), pdf_engine=engine).blocks
        item = next(b for b in blocks if b.kind == "list_item")
        assert item.text == (
            "Kommunens arbete med att ta fram en tydlig HR-strategi och en plan för medborgardialog "
            "i kommunens alla delar tillsammans med Svenska Kommun- och landstingsförbundet"
        ), engine
        row = next(b for b in blocks if b.kind == "table_row")
        assert row.cells == (("Finns en plan för medborgardialog?",),), engine


# -- variants of every fixture and both samples ----------------------------------------------


@pytest.mark.parametrize("form", [*TEXT_FORMS, "crlf", "bom"])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_text_sample_variant(name, form):
    data = SAMPLES[name].read_bytes()
    clean = extract(data, SAMPLES[name].name)
    variant = extract(text_file_variant(data, form), SAMPLES[name].name)
    assert comparable(variant) == comparable(clean)


@pytest.mark.parametrize("form", TEXT_FORMS)
@pytest.mark.parametrize("fx", DOCX, ids=[fx.name for fx in DOCX])
def test_docx_variant(fx, form):
    data = fx.path("docx").read_bytes()
    changed = docx_variant(data, form)
    assert changed != data
    assert comparable(extract(changed, "v.docx")) == comparable(extract(data, "v.docx"))


@needs_dejavu
@pytest.mark.parametrize("fx", PDF, ids=[fx.name for fx in PDF])
def test_pdf_decomposed_text(fx):
    """The fixture drawn in a TrueType font, its text layer composed and decomposed (NFD, as macOS writes it)."""
    style = dataclasses.replace(fx.pdf, font="DejaVuSans")
    clean, _ = render_pdf(fx.spec(), fx.seed, style)
    decomposed, _ = render_pdf(fx.spec(), fx.seed, dataclasses.replace(style, text_form="NFD"))
    assert clean != decomposed
    for engine in ENGINES:
        report = extract(decomposed, "v.pdf", engine)
        assert comparable(report) == comparable(extract(clean, "v.pdf", engine)), engine
        assert any("decomposed letters composed" in w for w in report.reader_warnings)


@pytest.mark.parametrize("fx", PDF, ids=[fx.name for fx in PDF])
def test_pdf_hyphenated_line_ends(fx):
    """The fixture with lines ending in part of the next line's first word and a hyphen, in bullets and questions."""
    data, placed = render_pdf(fx.spec(), fx.seed, dataclasses.replace(fx.pdf, hyphenate=True))
    assert placed.hyphenated.get("bullet") and placed.hyphenated.get("question")
    for engine in ENGINES:
        report = extract(data, "v.pdf", engine)
        assert comparable(report) == comparable(extract(fx.path("pdf").read_bytes(), "v.pdf", engine)), engine


def test_private_use_bullets_in_a_word_export():
    """Word's Symbol-font bullet (U+F0B7) where the export writes "·": the same bullets, no glyph in their text."""
    data = SAMPLES["torsas-2017"].read_bytes()
    glyphs = data.decode().count("\n· ")
    variant = data.decode().replace("\n· ", "\n\uf0b7\t").encode()
    assert glyphs >= 88  # the gold's 88 bullets, and the area headings' lists
    report = extract(variant, "t.txt")
    assert comparable(report) == comparable(extract(data, "t.txt"))
    assert f"normalized: {glyphs} private-use bullet glyphs (Symbol/Wingdings fonts) read as bullets" in (
        report.reader_warnings
    )


def test_notes_are_information_not_unreadable_text():
    data = text_file_variant(SAMPLES["torsas-2017"].read_bytes(), "soft_hyphens")
    report = extract(data, "t.txt")
    notes = [w for w in report.reader_warnings if textnorm.is_note(w)]
    assert notes and notes[0].endswith("soft hyphens removed")
    found = validate(report)
    assert not [i for i in found if i.check_name == "unreadable-text"]
    normalized = [i for i in found if i.check_name == "normalized-text"]
    assert [(i.severity, i.message) for i in normalized] == [("info", f"torsas-2017: {n}") for n in notes]


# -- NFC everywhere ------------------------------------------------------------------------------


def every_fixture() -> list[tuple[str, bytes, str]]:
    files = [(p.name, p.read_bytes(), "pdfium") for p in SAMPLES.values()]
    for fx in FIXTURES:
        for suffix in ("docx", "pdf"):
            if fx.path(suffix).exists():
                files += [(fx.path(suffix).name, fx.path(suffix).read_bytes(), e) for e in ENGINES]
    for path in sorted((Path(__file__).parent / "fixtures" / "producers").glob("*.pdf")):
        files += [(path.name, path.read_bytes(), e) for e in ENGINES]
    for name, data, _ in list(files):
        if name.endswith(".txt"):
            files += [(f"{form}-{name}", text_file_variant(data, form), "pdfium") for form in TEXT_FORMS]
        elif name.endswith(".docx"):
            files += [(f"{form}-{name}", docx_variant(data, form), "pdfium") for form in TEXT_FORMS]
    return files


@pytest.mark.parametrize("name, data, engine", every_fixture(), ids=lambda v: v if isinstance(v, str) else "")
def test_readers_and_dataset_are_nfc(name, data, engine):
    doc = read_document(Path(name), data, pdf_engine=engine)
    for block in doc.blocks:
        for text in [block.text, block.marker or "", *(line for cell in block.cells for line in cell)]:
            assert textnorm.is_clean(text), (name, text)
            assert hyphenation.MARK not in text and textnorm.SOFT_HYPHEN not in text
    tables = dataset.tables([normalize(interpret(doc, Path(name)))])
    for table_name, table in tables.items():
        for row in table.to_pylist():
            for text in strings(row):
                assert unicodedata.is_normalized("NFC", text) and textnorm.is_clean(text), (table_name, text)


def test_decomposed_file_name(tmp_path):
    """A file named as a Mac names it (NFD) gets the composed source_path and the same report_id."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    source = SAMPLES["tranas-2017"]
    decomposed = unicodedata.normalize("NFD", "Tranås-2017 rapport.txt")
    (raw / decomposed).write_bytes(source.read_bytes())
    (raw / unicodedata.normalize("NFD", "Torsås.docx")).write_bytes(b"not a docx")
    run = subprocess.run(
        [sys.executable, "-m", "kompass", "extract", str(raw), str(out), "--no-cache", "-q"], capture_output=True
    )
    assert run.returncode == 1, run.stderr
    reports = pq.read_table(out / "reports.parquet").to_pylist()
    assert [(r["report_id"], r["source_path"]) for r in reports] == [("tranas-2017", "Tranås-2017 rapport.txt")]
    assert [f["source_path"] for f in pq.read_table(out / "failures.parquet").to_pylist()] == ["Torsås.docx"]
    assert reports[0]["report_id"] == extract(source.read_bytes(), source.name).report_id
    html = (out / "validation_report.html").read_text(encoding="utf-8")
    assert "Tranås-2017 rapport.txt" in html and decomposed not in html


def test_source_links_find_a_decomposed_name(tmp_path):
    from kompass.pipeline.publish.validation_report import on_disk

    name = unicodedata.normalize("NFD", "Område/Tranås.pdf")
    (tmp_path / name).parent.mkdir()
    (tmp_path / name).write_bytes(b"%PDF")
    assert on_disk(tmp_path, "Område/Tranås.pdf") == tmp_path / name
    assert on_disk(tmp_path, "Område/Nässjö.pdf") == tmp_path / unicodedata.normalize("NFD", "Område") / "Nässjö.pdf"


def test_private_use_bullets_in_a_transcript():
    """A transcript that kept Word's bullet glyph (U+F0B7) before each bullet: the glyphs are the boundaries."""
    from conftest import load_gold
    from gold_compare import bullets, gold_bullets

    gold = load_gold("tranas-2017")
    text, at = SAMPLES["tranas-2017"].read_text(encoding="utf-8"), 0
    for bullet in gold["bullets"]:  # in the order the report prints them
        at = text.index(" ".join(bullet["text"].split()[:2]), at)
        text = text[:at] + "\uf0b7 " + text[at:]
        at += 3
    report = extract(text.encode(), "t.txt")
    assert bullets(report) == gold_bullets(gold)
    assert f"normalized: {len(gold['bullets'])} private-use bullet glyphs (Symbol/Wingdings fonts) read as bullets" in (
        report.reader_warnings
    )


def test_the_quick_scan_for_odd_characters_finds_what_the_pattern_finds():
    # every character of the ranges the scan leaves to the pattern's verdict, and beyond them
    points = [*range(0x3100), *range(0xF000, 0xF100), *range(0xFB00, 0x10000), *range(0xE0000, 0xE0080), 0x1D173]
    differ = [hex(c) for c in points if textnorm._has_odd(chr(c)) != bool(textnorm.ODD.search(chr(c)))]
    assert differ == []
    text = "Off\ufb01ce\u00a0och\u00adkom\u200bmun \uf0b7 punkt\u2011lista – ”citat” å ä ö \u2003slut\u00ad"
    counts, expected = Counter(), Counter()
    assert textnorm._sub_odd(text, counts) == textnorm.ODD.sub(
        lambda m: textnorm._replacement(m.group(), expected), text
    )
    assert counts == expected and counts["soft_hyphen"] == 2
