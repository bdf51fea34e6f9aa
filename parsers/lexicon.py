"""Swedish words: is a string a word, a compound of words, or a run of words with the spaces lost?

The word list is wordfreq's Swedish list (about 340,000 forms seen in Swedish
text, with their frequencies; the data ships in the wheel, so nothing is
downloaded). Its forms seen at least once per hundred million words (about 100,000)
are what is kept. Reading them out of wordfreq costs 0.5 s (its import and its
packed list), so the kept forms are written once to a plain file in the user's cache
folder, and later processes read that in a few milliseconds (see cached_words).
Nothing here knows Kommunkompassen: readers may use it too, e.g. to decide
whether a line-end hyphen splits one word.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib.util import find_spec
from pathlib import Path

ALPHABET = "abcdefghijklmnopqrstuvwxyzåäöé"
VOWELS = frozenset("aeiouyåäöéü")
COMMON_ZIPF = 3.0  # a word seen at least once per million words
USUAL_ZIPF = 2.0  # once per hundred million: below this the list holds misspellings ("poltiker" 1.1) and fragments
MIN_PART = 3  # shortest part of a compound ("bil" in "bilväg")
CACHE_FORMAT = "kompass-words/2"
END = "."  # the file's last line: a file cut short lacks it


@dataclass(frozen=True)
class WordList:
    """The kept forms, most frequent first, as sets and with their frequencies (Zipf: log10 of uses per
    billion words; 'och' 7.4, 'offentlighet' 4.0)."""

    ordered: list[str]  # by falling frequency
    buckets: list[tuple[int, int]]  # (bucket, how many words): bucket b holds the words of Zipf 9 - b/100
    common_count: int  # the first this many are common

    @cached_property
    def zipf(self) -> dict[str, float]:
        """Each kept form's frequency; also the set of kept forms (a dict answers `in` as a set does)."""
        out: dict[str, float] = {}
        at = 0
        for bucket, count in self.buckets:
            out.update(dict.fromkeys(self.ordered[at : at + count], 9 - bucket / 100))
            at += count
        return out

    @property
    def usual(self) -> Mapping[str, float]:
        return self.zipf

    @cached_property
    def common(self) -> frozenset[str]:
        return frozenset(self.ordered[: self.common_count])  # the same strings: their hashes are reused

    def text(self) -> str:
        """The plain file's text (read back by `words`)."""
        sizes = " ".join(f"{b}:{n}" for b, n in self.buckets)
        return "\n".join([CACHE_FORMAT, str(self.common_count), sizes, *self.ordered, END])


@cache
def _list() -> WordList:
    return words(cached_words())


@cache
def _tiers() -> tuple[Mapping[str, float], frozenset[str]]:
    """(the usual forms, the common ones); the rarest forms (misspellings, fragments) are not kept."""
    found = _list()
    return found.usual, found.common


def words(path: Path | None) -> WordList:
    """The kept forms, read from the plain file at path, else from wordfreq (and then written to path, if one
    is given)."""
    if path is not None:
        try:
            # the format's name, how many words are common, the buckets' sizes, the words, one a line
            head, count, sizes, *ordered = path.read_text(encoding="utf-8").split("\n")
            if head == CACHE_FORMAT and ordered and ordered[-1] == END:
                ordered.pop()
                buckets = [(int(b), int(n)) for b, n in (pair.split(":") for pair in sizes.split())]
                if sum(n for _, n in buckets) == len(ordered):
                    return WordList(ordered, buckets, int(count))
        except (OSError, UnicodeError, ValueError, IndexError):
            pass  # unreadable or cut short: built again below and written over
    found = _from_wordfreq()
    if path is not None:
        _write(path, found.text())
    return found


def _from_wordfreq() -> WordList:
    from wordfreq import get_frequency_list  # imported here: only when the plain file is missing

    buckets = get_frequency_list("sv", wordlist="large")  # bucket i: frequency 10^(-i/100), Zipf 9 - i/100
    kept = buckets[: int((9 - USUAL_ZIPF) * 100) + 1]
    seen: set[str] = set()
    ordered, sizes = [], []
    for i, bucket in enumerate(kept):
        fresh = [w for w in bucket if w not in seen]  # a form listed twice counts at its higher frequency
        seen.update(fresh)
        ordered += fresh
        if fresh:
            sizes.append((i, len(fresh)))
    common = sum(n for i, n in sizes if i <= int((9 - COMMON_ZIPF) * 100))
    return WordList(ordered, sizes, common)


def cached_words() -> Path | None:
    """Where the kept forms are stored: the user's cache folder (KOMPASS_CACHE_DIR, else XDG_CACHE_HOME or
    ~/.cache, %LOCALAPPDATA% on Windows), under a name that changes with the content of wordfreq's data file
    and the thresholds, so an upgrade builds it again and every install of the same data shares one file.
    None if wordfreq's data cannot be found."""
    spec = find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    try:
        with open(Path(spec.origin).parent / "data" / "large_sv.msgpack.gz", "rb") as data:
            data.seek(-8, os.SEEK_END)
            trailer = data.read(8)  # gzip's trailer: the CRC-32 and length of what it holds
    except OSError:
        return None
    if os.environ.get("KOMPASS_CACHE_DIR"):
        folder = Path(os.environ["KOMPASS_CACHE_DIR"])
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        folder = Path(os.environ["LOCALAPPDATA"]) / "kompass" / "cache"
    else:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kompass"
    key = f"{trailer.hex()}-{USUAL_ZIPF:g}-{COMMON_ZIPF:g}"
    return folder / f"words-sv-{key}.txt"


def _write(path: Path, text: str) -> None:
    """Write the file whole or not at all (another process may read or write it meanwhile); a cache folder
    that cannot be written costs only the time to build the list again next time."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def load() -> None:
    """Read the word list now (else on first use)."""
    _tiers()


def unload() -> None:
    """Let the word list go (it is read again on next use): a process that loaded it only for the workers it
    forks frees some 15 MB once they are done."""
    _list.cache_clear()
    _tiers.cache_clear()


def zipf(word: str) -> float:
    """How often Swedish text uses the word: Zipf 9 - log10 of one use in so many words ('och' 7.4,
    'offentlighet' 4.0); 0 for a form the list does not keep."""
    return _list().zipf.get(word.casefold(), 0.0)


def known(word: str) -> bool:
    """A form Swedish text uses, at least once per hundred million words: 'offentlighet', not 'poltiker'."""
    return word.casefold() in _tiers()[0]


def common(word: str) -> bool:
    """A form seen at least once per million words of Swedish text: 'finns', 'plan', 'i'."""
    return word.casefold() in _tiers()[1]


def has_vowel(word: str) -> bool:
    return not VOWELS.isdisjoint(word.casefold())


def modifier(part: str) -> bool:
    """A compound's first part: a common word or its joining form (arbet-s-, medarbetar(e)-, skol(a)-, gatu-, ny-)."""
    if len(part) < 2 or not has_vowel(part) or (len(part) == 2 and not common(part)):
        return False
    if common(part) or common(part + "e") or common(part + "a"):
        return True
    if part[-1] in "se" and len(part) > MIN_PART and (common(part[:-1]) or modifier(part[:-1])):
        return True  # arbets-, löne-, medarbetars-
    return part[-1] in "uo" and common(part[:-1] + "a")


ENDINGS = ("erna", "arna", "orna", "na", "en", "et", "er", "ar", "or", "s")  # the inflections a listed head may take
ENDINGS_BY_LAST = {last: tuple(e for e in ENDINGS if e[-1] == last) for last in {e[-1] for e in ENDINGS}}


def _head(part: str) -> bool:
    """A compound's last part: a known word of four letters or more ('deklarationer'), or one inflected."""
    usual = _tiers()[0]
    if len(part) <= MIN_PART:
        return len(part) == MIN_PART and part in _tiers()[1] and has_vowel(part)  # -tal, -mål, -råd
    if part in usual:
        return True
    for e in ENDINGS_BY_LAST.get(part[-1], ()):
        if part.endswith(e) and len(part) - len(e) > MIN_PART and part[: -len(e)] in usual:
            return True
    return False


@lru_cache(maxsize=65536)
def compounds(word: str) -> tuple[tuple[str, ...], ...]:
    """Every way to read `word` as a Swedish compound, longest first part first; () if there is none.

    'medarbetarundersökningar' -> (('medarbetar', 'undersökningar'), ...): each part
    but the last a common word or its joining form, the last a known word (or one
    inflected), parts after the first four letters or more. A known word is its own
    one part.
    """
    word = word.casefold()
    if known(word):
        return ((word,),)
    return _split(word, first=True)


def _split(word: str, first: bool) -> tuple[tuple[str, ...], ...]:
    out: list[tuple[str, ...]] = []
    shortest = 2 if first else MIN_PART + 1
    for cut in range(len(word) - MIN_PART, shortest - 1, -1):
        head, rest = word[:cut], word[cut:]
        if not modifier(head):
            continue
        if _head(rest):
            out.append((head, rest))
        out += [(head, *tail) for tail in _split(rest, first=False)]
        if len(out) >= 32:
            break
    return tuple(out)


def compound(word: str) -> tuple[str, ...] | None:
    """The first reading of `word` as a compound (see compounds), or None."""
    found = compounds(word)
    return found[0] if found else None


def word_form(word: str) -> bool:
    """A known word, a compound, or either with a genitive or joining -s ('friskvårds' in 'Friskvårds- och')."""
    word = word.casefold()
    return bool(compound(word) or (word.endswith("s") and len(word) > MIN_PART + 1 and compound(word[:-1])))


SHORT_WORDS = frozenset(
    "i å ö en de av på om är ny nu ju så än ut in se ge ha gå få nå ta bo må vi ni du ja år ej ev".split()
)


def _part(part: str) -> bool:
    """A word a glued run can be made of: short ones from a closed list, up to six letters common, longer known."""
    if len(part) <= 2:
        return part in SHORT_WORDS
    return common(part) if len(part) <= 6 else known(part)


@lru_cache(maxsize=65536)
def segmentations(run: str) -> tuple[tuple[str, ...], ...]:
    """The readings of `run` as the fewest words end to end ('finnsenplan' -> finns|en|plan, finn|sen|plan).

    Parts of up to six letters must be common words and the shortest come from a
    closed list: the list's rarer short forms include runs the web glued
    ('föratt') and fragments ('fö'). A part before the last may be a long word's
    joining form ('förbättrings|förslag').
    """
    run = run.casefold()
    n = len(run)
    best: list[list[tuple[str, ...]]] = [[] for _ in range(n + 1)]
    best[0] = [()]
    for end in range(1, n + 1):
        for start in range(end):
            part = run[start:end]
            if not best[start] or not (_part(part) or (end < n and len(part) >= 7 and modifier(part))):
                continue
            size = len(best[start][0]) + 1
            if best[end] and size > len(best[end][0]):
                continue
            if best[end] and size < len(best[end][0]):
                best[end] = []
            best[end] += [(*p, part) for p in best[start]][: 8 - len(best[end])]
    return tuple(best[n])


def segment(run: str) -> tuple[str, ...] | None:
    """The first of the readings of `run` as the fewest words (see segmentations), or None."""
    found = segmentations(run)
    return found[0] if found else None


@lru_cache(maxsize=65536)
def one_letter_missing(word: str, compounds: bool = True) -> str | None:
    """The word that `word` is with one letter put back ('kontaktinformtion'), or None.

    A common word, or a known word of six letters or more, first; else (unless
    compounds is False: the costly part, a hundred times the first) a compound of
    two parts, each four letters or more, one of them as printed and the other a
    word once the letter is back ('medarbetar|undersökningrna').
    """
    word = word.casefold()
    usual, frequent = _tiers()
    for i in range(len(word) + 1):
        for letter in ALPHABET:
            candidate = word[:i] + letter + word[i:]
            if candidate in frequent or (len(candidate) >= 6 and candidate in usual):
                return candidate
    if not compounds:
        return None
    for cut in range(4, len(word) - 3):
        left, right = word[:cut], word[cut:]
        if modifier(left):
            for i in range(len(right)):  # not after the last letter: that would change the ending
                for letter in ALPHABET:
                    if _head(right[:i] + letter + right[i:]):
                        return left + right[:i] + letter + right[i:]
        if _head(right) or _split(right, first=False):
            for i in range(1, len(left) + 1):
                for letter in ALPHABET:
                    if modifier(left[:i] + letter + left[i:]):
                        return left[:i] + letter + left[i:] + right
    return None
