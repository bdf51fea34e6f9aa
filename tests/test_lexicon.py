"""The word list's plain-file cache: the same words as wordfreq's list, rebuilt when damaged, optional."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kompass.parsers import lexicon


@pytest.fixture(scope="module")
def from_wordfreq() -> tuple[frozenset[str], frozenset[str]]:
    return lexicon._from_wordfreq()


def test_the_file_holds_exactly_the_words_of_wordfreqs_list(tmp_path: Path, from_wordfreq) -> None:
    path = tmp_path / "words.txt"
    built = lexicon.words(path)
    assert path.exists()
    read = lexicon.words(path)
    assert built == read == from_wordfreq
    usual, common = read
    assert {"offentlighet", "kommunen", "finns"} <= usual and "poltiker" not in usual
    assert common < usual and "finns" in common and "offentlighet" not in common


@pytest.mark.parametrize("damage", ["cut short", "other format", "empty", "not utf-8"])
def test_a_damaged_file_is_built_again(tmp_path: Path, from_wordfreq, damage: str) -> None:
    path = tmp_path / "words.txt"
    lexicon.words(path)
    data = path.read_bytes()
    path.write_bytes(
        {
            "cut short": data[: len(data) // 2],
            "other format": data.replace(b"kompass-words/1", b"kompass-words/0", 1),
            "empty": b"",
            "not utf-8": b"\xff\xfe" + data[:100],
        }[damage]
    )
    assert lexicon.words(path) == from_wordfreq
    assert path.read_bytes() == data  # written whole again


def test_a_folder_that_cannot_be_written_costs_only_time(tmp_path: Path, from_wordfreq) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    assert lexicon.words(blocked / "words.txt") == from_wordfreq
    assert lexicon.words(None) == from_wordfreq


def test_the_cache_folder_is_chosen_by_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KOMPASS_CACHE_DIR", str(tmp_path / "k"))
    path = lexicon.cached_words()
    assert path is not None and path.parent == tmp_path / "k"
    monkeypatch.delenv("KOMPASS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = lexicon.cached_words()
    assert path is not None and path.parent == tmp_path / "xdg" / "kompass"
    assert os.path.basename(path).startswith("words-sv-")
