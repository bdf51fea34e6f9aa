"""Title pages in the variants seen in real reports (../KOMMUNKOMPASSEN.md, "Names and variants")."""

from __future__ import annotations

import datetime as dt

import pytest

from kompass.pipeline.interpret.title import parse_title

CASES = [
    (
        "KommunKompassen TRANÅS KOMMUN 2017 ANALYS AV. Utvärderare: Lars Strid, senior konsult (SKL) och "
        "Anders Bergenek, Halmstad",
        "Tranås",
        "0687",
        "kommun",
        2017,
        [("Lars Strid", "senior konsult", "SKL"), ("Anders Bergenek", None, "Halmstad")],
    ),
    (
        "KommunKompassen VALLENTUNA KOMMUN FEBRUARI 2017 ANALYS AV. Leif Eldås, SKL Josephine Härdin, konsult",
        "Vallentuna",
        "0115",
        "kommun",
        2017,
        [("Leif Eldås", None, "SKL"), ("Josephine Härdin", None, "konsult")],
    ),
    (
        "KommunKompassen HELSINGBORGS STAD 2014 ANALYS AV. Utvärderare: Lars Strid, SKL Anders Dryselius, Hylte kommun",
        "Helsingborg",
        "1283",
        "stad",
        2014,
        [("Lars Strid", None, "SKL"), ("Anders Dryselius", None, "Hylte kommun")],
    ),
    (
        "KommunKompassen REGION GOTLAND 2014 ANALYS AV. Utvärderare: Märit Melbi och Josephine Härdin",
        "Gotland",
        "0980",
        "region",
        2014,
        [("Märit Melbi", None, None), ("Josephine Härdin", None, None)],
    ),
    (
        "KommunKompassen UPPLANDS VÄSBY 2011 ANALYS AV. Christine Feuk och Britt-Marie Hedlund, SKL",
        "Upplands Väsby",
        "0114",
        "kommun",
        2011,
        [("Christine Feuk", None, "SKL"), ("Britt-Marie Hedlund", None, "SKL")],
    ),
    (
        "Kommun Kompassen KALIX KOMMUN 2012 ANALYS AV. Kalix kommun Märit Melbi, SKL Ingmar Kärrsten, Halmstad",
        "Kalix",
        "2514",
        "kommun",
        2012,
        [("Märit Melbi", None, "SKL"), ("Ingmar Kärrsten", None, "Halmstad")],
    ),
    (
        "KOMMUNKOMPASSEN ANALYS AV HÖRBY KOMMUN UTVÄRDERARE: MÄRIT MELBI, ANNA EKLÖF, KARIN PEEDU, SKL",
        "Hörby",
        "1266",
        "kommun",
        None,
        [("Märit Melbi", None, "SKL"), ("Anna Eklöf", None, "SKL"), ("Karin Peedu", None, "SKL")],
    ),
    ("KommunKompassen. ANALYS AV Lidköping KOMMUN 2011", "Lidköping", "1494", "kommun", 2011, []),
    (
        "KOMMUNKOMPASSEN ANALYS AV SIMRISHAMNS KOMMUN /27 UTVÄRDERARE: LARS STRID (F.D. SKL) OCH JOSEPHINE HÄRDIN",
        "Simrishamn",
        "1291",
        "kommun",
        None,
        [("Lars Strid", None, "f.d. SKL"), ("Josephine Härdin", None, None)],
    ),
    (
        "KommunKompassen BENGTSFORS KOMMUN 2015 ANALYS AV. Utvärderare: Märit Melbi, Linda Persson-Melin, SKL samt "
        "Anna Marnell, Katrineholms kommun",
        "Bengtsfors",
        "1460",
        "kommun",
        2015,
        [
            ("Märit Melbi", None, "SKL"),
            ("Linda Persson-Melin", None, "SKL"),
            ("Anna Marnell", None, "Katrineholms kommun"),
        ],
    ),
    (
        "KOMMUNKOMPASSEN ANALYS AV VÄNERBORG KOMMUN UTVÄRDERARE: KAROLINA DAHLBLOM, GUNNAR GIDENSTAM, SKL",
        "Vänersborg",
        "1487",
        "kommun",
        None,
        [("Karolina Dahlblom", None, "SKL"), ("Gunnar Gidenstam", None, "SKL")],
    ),
    (
        "KommunKompassen ÖRNSKÖLDSVIKS KOMMUN 2017 ANALYS AV. Utvärderare: Lars Strid, senior konsult (SKL) och "
        "Ewa Luvö, Borås kommun",
        "Örnsköldsvik",
        "2284",
        "kommun",
        2017,
        [("Lars Strid", "senior konsult", "SKL"), ("Ewa Luvö", None, "Borås kommun")],
    ),
    (
        "Kommun Kompassen VETLANDA KOMMUN 2012 ANALYS AV. Ingmar Kärrsten Britt-Marie Hedlund, SKL Lars Strid, SKL",
        "Vetlanda",
        "0685",
        "kommun",
        2012,
        [("Ingmar Kärrsten", None, None), ("Britt-Marie Hedlund", None, "SKL"), ("Lars Strid", None, "SKL")],
    ),
    (
        "KommunKompassen SOLLENTUNA KOMMUN 2015 RAPPORT ANALYS AV. Josephine Härdin, SKL Karolina Dahlblom, Lt Kalmar",
        "Sollentuna",
        "0163",
        "kommun",
        2015,
        [("Josephine Härdin", None, "SKL"), ("Karolina Dahlblom", None, "Lt Kalmar")],
    ),
]


@pytest.mark.parametrize("title,name,code,type_,year,evaluators", CASES)
def test_title_variants(title, name, code, type_, year, evaluators):
    t = parse_title(title)
    assert (t.municipality.name, t.municipality.code, t.municipality_type, t.year) == (name, code, type_, year)
    assert [(e.name, e.role, e.affiliation) for e in t.evaluators] == evaluators


def test_no_municipality_on_title():
    """ "KommunKompassen SEPTEMBER 2011 ...": the affiliation "Marks kommun" is no title municipality."""
    t = parse_title("KommunKompassen SEPTEMBER 2011 ANALYS AV. Leif Eldås SKL Lena Ehrnlund Marks kommun")
    assert t.municipality is None and t.year == 2011 and t.month == "september"
    assert [(e.name, e.affiliation) for e in t.evaluators] == [("Leif Eldås", "SKL"), ("Lena Ehrnlund", "Marks kommun")]


def test_cover_date_after_evaluators():
    t = parse_title(
        "KommunKompassen ANALYS AV VÄSTERÅS STAD 2014 Ewa Luvö, Karolina Dahlbom, Gunnar Gidenstam, SKL 2015-04-29"
    )
    assert t.municipality.name == "Västerås" and t.municipality_type == "stad" and t.year == 2014
    assert t.cover_date == dt.date(2015, 4, 29)
    assert [(e.name, e.affiliation) for e in t.evaluators] == [
        ("Ewa Luvö", "SKL"),
        ("Karolina Dahlbom", "SKL"),
        ("Gunnar Gidenstam", "SKL"),
    ]
