"""Decoding text files: UTF-8 first, then the Windows code page Swedish files often use."""

from __future__ import annotations

import codecs

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(data: bytes) -> str:
    """Bytes to str: UTF-16 with its byte-order mark (Notepad's "Unicode"), UTF-8 (with or without BOM),
    else Windows-1252, else Latin-1.

    Windows-1252 leaves five bytes undefined; a file using them is Latin-1.
    Line endings and invisible characters are the business of textnorm.text_layout.
    """
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return text
