"""Mutations of real reports, for the fuzz test and longer local campaigns.

python tests/fuzz.py 20000     # a longer campaign; crashing inputs go to tests/fixtures/fuzz/
"""

from __future__ import annotations

import random
import sys
import unicodedata
from pathlib import Path

import regex as re

HEADER = "Sveriges Kommuner och Landsting 2017-05-10 {n} (25)"


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 50)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def shuffle_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i, j = sorted(rng.sample(range(len(lines)), 2))
    chunk = lines[i:j]
    rng.shuffle(chunk)
    return b"\n".join(lines[:i] + chunk + lines[j:])


def drop_numbers(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    return re.sub(r"\d+", lambda m: "" if rng.random() < 0.3 else m.group(), text).encode()


def drop_zeros(data: bytes, rng: random.Random) -> bytes:
    """The harsh transcript that lost every 0 digit ("år 2009" -> "år 29")."""
    return data.replace(b"0", b"")


def insert_headers(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    for _ in range(rng.randint(1, 10)):
        at = rng.randrange(len(text))
        text = text[:at] + " " + HEADER.format(n=rng.randint(1, 30)) + " " + text[at:]
    return text.encode()


def delete_span(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, 2000) :]


INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
ODD_SPACES = ["\u00a0", "\u202f", "\u2002", "\u2003", "\u2009"]


def insert_invisible(data: bytes, rng: random.Random) -> bytes:
    """Soft hyphens, zero-width characters and byte-order marks anywhere, as copy-paste and Word leave them."""
    text = data.decode("utf-8", "replace")
    spots = sorted(rng.randrange(len(text) + 1) for _ in range(rng.randint(1, 300)))
    pieces, last = [], 0
    for at in spots:
        pieces += [text[last:at], rng.choice(INVISIBLE)]
        last = at
    return ("".join(pieces) + text[last:]).encode()


def decompose(data: bytes, rng: random.Random) -> bytes:
    """The text, or a stretch of it, decomposed (NFD), as macOS gives it."""
    text = data.decode("utf-8", "replace")
    i = rng.randrange(len(text) + 1)
    j = rng.choice([len(text), min(len(text), i + rng.randint(1, 20000))])
    return (text[:i] + unicodedata.normalize("NFD", text[i:j]) + text[j:]).encode()


def odd_spaces(data: bytes, rng: random.Random) -> bytes:
    """Some spaces between words no-break or other Unicode spaces."""
    share = rng.random()
    text = data.decode("utf-8", "replace")
    return re.sub(r"(?<=\S) (?=\S)", lambda m: rng.choice(ODD_SPACES) if rng.random() < share else " ", text).encode()


def ligatures(data: bytes, rng: random.Random) -> bytes:
    """Letter pairs as the presentation forms a PDF's text layer may give (U+FB01 "ﬁ")."""
    text = data.decode("utf-8", "replace")
    for letters, glyph in (("ffi", "\ufb03"), ("fi", "\ufb01"), ("fl", "\ufb02"), ("ff", "\ufb00"), ("st", "\ufb06")):
        if rng.random() < 0.5:
            text = text.replace(letters, glyph)
    return text.encode()


def crlf(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def byte_order_mark(data: bytes, rng: random.Random) -> bytes:
    return data if data.startswith(b"\xef\xbb\xbf") else b"\xef\xbb\xbf" + data


# Forms of the same text: a reader must give the same report whatever these do.
TEXT_FORMS = [insert_invisible, decompose, odd_spaces, ligatures, crlf, byte_order_mark]
MUTATIONS = [flip_bytes, truncate, shuffle_lines, drop_numbers, drop_zeros, insert_headers, delete_span, *TEXT_FORMS]


def text_form(data: bytes, rng: random.Random) -> bytes:
    """The same text in one to four of TEXT_FORMS (line ends and byte-order mark last, as a file has them)."""
    forms = rng.sample(TEXT_FORMS, rng.randint(1, 4))
    for form in sorted(forms, key=lambda f: f in (crlf, byte_order_mark)):
        data = form(data, rng)
    return data


def mutate(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 3)):
        if not data:
            break
        data = rng.choice(MUTATIONS)(data, rng)
    return data


def check(data: bytes, name: str = "fuzzed.txt") -> str:
    """Extract fuzzed bytes; return 'report' or the error kind. Anything else raises."""
    from kompass.parsers.errors import KompassError
    from kompass.pipeline.extract import extract_bytes
    from kompass.pipeline.publish import dataset

    try:
        report = extract_bytes(data, Path(name), name)
    except KompassError as e:
        assert "\n" not in e.message
        return e.kind
    dataset.tables([report])  # the rows must fit the schemas
    return "report"


def campaign(n: int, seed: int = 0) -> None:
    here = Path(__file__).parent
    samples = [p.read_bytes() for p in sorted((here / "fixtures").glob("*.txt"))]
    out = here / "fixtures" / "fuzz"
    rng = random.Random(seed)
    for i in range(n):
        data = mutate(rng.choice(samples), rng)
        try:
            check(data)
        except Exception as e:  # noqa: BLE001 - record every crash
            out.mkdir(exist_ok=True)
            (out / f"crash-{seed}-{i}.txt").write_bytes(data)
            print(f"{i}: {type(e).__name__}: {e}")


if __name__ == "__main__":
    campaign(int(sys.argv[1]) if len(sys.argv) > 1 else 10000, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
