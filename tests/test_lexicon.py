"""The word list's plain-file cache: the same words as wordfreq's list, rebuilt when damaged, optional."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from kompass.parsers import lexicon


@pytest.fixture(scope="module")
def from_wordfreq() -> lexicon.WordList:
    return lexicon._from_wordfreq()


def same(a: lexicon.WordList, b: lexicon.WordList) -> bool:
    return (a.zipf, a.common) == (b.zipf, b.common)


def test_the_file_holds_exactly_the_words_of_wordfreqs_list(tmp_path: Path, from_wordfreq) -> None:
    path = tmp_path / "words.txt"
    built = lexicon.words(path)
    assert path.exists()
    read = lexicon.words(path)
    assert same(built, read) and same(read, from_wordfreq)
    usual, common = read.usual, read.common
    assert {"offentlighet", "kommunen", "finns"} <= usual.keys() and "poltiker" not in usual
    assert common < usual.keys() and "finns" in common and "offentlighet" not in common
    assert all(read.zipf[w] >= lexicon.COMMON_ZIPF for w in common)
    assert all(lexicon.USUAL_ZIPF <= read.zipf[w] < lexicon.COMMON_ZIPF for w in usual.keys() - common)


def test_frequencies_are_wordfreqs() -> None:
    from wordfreq import zipf_frequency

    for word in ("och", "offentlighet", "kommunen", "medarbetare", "finns"):
        assert abs(lexicon.zipf(word) - zipf_frequency(word, "sv", wordlist="large")) < 0.015
    assert lexicon.zipf("poltiker") == 0.0


@pytest.mark.parametrize("damage", ["cut short", "other format", "empty", "not utf-8"])
def test_a_damaged_file_is_built_again(tmp_path: Path, from_wordfreq, damage: str) -> None:
    path = tmp_path / "words.txt"
    lexicon.words(path)
    data = path.read_bytes()
    path.write_bytes(
        {
            "cut short": data[: len(data) // 2],
            "other format": data.replace(b"kompass-words/2", b"kompass-words/0", 1),
            "empty": b"",
            "not utf-8": b"\xff\xfe" + data[:100],
        }[damage]
    )
    assert same(lexicon.words(path), from_wordfreq)
    assert path.read_bytes() == data  # written whole again


def test_a_folder_that_cannot_be_written_costs_only_time(tmp_path: Path, from_wordfreq) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    assert same(lexicon.words(blocked / "words.txt"), from_wordfreq)
    assert same(lexicon.words(None), from_wordfreq)


def test_the_cache_folder_is_chosen_by_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KOMPASS_CACHE_DIR", str(tmp_path / "k"))
    path = lexicon.cached_words()
    assert path is not None and path.parent == tmp_path / "k"
    monkeypatch.delenv("KOMPASS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = lexicon.cached_words()
    assert path is not None and path.parent == tmp_path / "xdg" / "kompass"
    assert os.path.basename(path).startswith("words-sv-")


def test_the_file_is_named_by_the_word_data_not_by_its_install(monkeypatch, tmp_path: Path) -> None:
    """Two installs of the same wordfreq (two venvs, a reinstall) share one file; other data gets another."""
    real = Path(lexicon.find_spec("wordfreq").origin).parent / "data" / "large_sv.msgpack.gz"
    names = []
    for i, tail in enumerate((b"", b"", b"x")):
        package = tmp_path / f"install{i}" / "wordfreq"
        (package / "data").mkdir(parents=True)
        copy = package / "data" / "large_sv.msgpack.gz"
        copy.write_bytes(real.read_bytes()[: len(real.read_bytes()) - len(tail)] + tail)
        os.utime(copy, (1_000_000 + i, 1_000_000 + i))
        spec = SimpleNamespace(origin=str(package / "__init__.py"))
        monkeypatch.setattr(lexicon, "find_spec", lambda name, spec=spec: spec)
        names.append(lexicon.cached_words())
    assert names[0] == names[1]
    assert names[2] != names[0]
