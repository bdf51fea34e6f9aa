"""Both PDF engines give the same dataset on every PDF fixture, so the faster one can be the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompass.pipeline.extract import extract_bytes
from kompass.pipeline.publish import dataset

PDFS = sorted((Path(__file__).parent / "fixtures" / "native").glob("*-2017.pdf"))


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_same_dataset_from_both_engines(path):
    data = path.read_bytes()
    tables = {
        engine: dataset.tables([extract_bytes(data, path, path.name, pdf_engine=engine)])
        for engine in ("pdfplumber", "pdfium")
    }
    for name, table in tables["pdfplumber"].items():
        assert table.num_rows > 0 or name == "evaluators"
        assert table.equals(tables["pdfium"][name]), name
