"""Splitting run-on list text (a transcript lost the bullet glyphs) on hand-written lists."""

from __future__ import annotations

from kompass.pipeline.interpret.bullets import split_items, vocabulary


def texts(run: str, context: str = "", **kw) -> list[str]:
    return [p.text for p in split_items(run, vocabulary(context + " " + run), **kw)]


def test_capitalised_word_after_content_word_starts_an_item():
    assert texts("Tydliga mål för verksamheten Regelbunden uppföljning av resultat") == [
        "Tydliga mål för verksamheten",
        "Regelbunden uppföljning av resultat",
    ]


def test_preposition_or_comma_binds_the_next_capital():
    assert texts("Satsning på Ledarskap i fokus, Kvalitet och service Utveckla dialogen") == [
        "Satsning på Ledarskap i fokus, Kvalitet och service",
        "Utveckla dialogen",
    ]


def test_full_stop_ends_an_item_unless_the_next_sentence_points_back():
    assert texts("Styrmodell finns. Vissa nämnder saknas. Bättre rapportering till fullmäktige") == [
        "Styrmodell finns. Vissa nämnder saknas.",
        "Bättre rapportering till fullmäktige",
    ]


def test_abbreviation_is_no_sentence_end():
    assert texts("Kostnader för hemtjänst, skolpeng m.m. Jämförelser med andra kommuner") == [
        "Kostnader för hemtjänst, skolpeng m.m.",
        "Jämförelser med andra kommuner",
    ]


def test_name_used_mid_sentence_elsewhere_is_no_item_start():
    context = "Kommunen arbetar med Ledstjärnan i alla verksamheter."
    assert texts("En gemensam värdegrund Ledstjärnan och RAKT Tydlig styrning", context) == [
        "En gemensam värdegrund Ledstjärnan och RAKT",
        "Tydlig styrning",
    ]


def test_name_after_a_place_name_runs_on():
    assert texts("Samverkan i Tranås United Brett stöd till näringslivet") == [
        "Samverkan i Tranås United",
        "Brett stöd till näringslivet",
    ]


def test_one_word_headings():
    assert texts("Personalstrategi Rekrytering Arbetsmiljöarbete Mångfald", min_words=1) == [
        "Personalstrategi",
        "Rekrytering",
        "Arbetsmiljöarbete",
        "Mångfald",
    ]
    assert texts("Regelbundna Medarbetarundersökningar för alla") == ["Regelbundna Medarbetarundersökningar för alla"]


def test_offsets_point_at_item_starts():
    run = "Första punkten här Andra punkten där"
    assert [p.start for p in split_items(run)] == [0, run.index("Andra")]
