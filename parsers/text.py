"""Decoding text files: UTF-8 first, then the Windows code page Swedish files often use."""

from __future__ import annotations


def decode(data: bytes) -> str:
    """Bytes to str: UTF-8 (with or without BOM), else Windows-1252, else Latin-1.

    Windows-1252 leaves five bytes undefined; a file using them is Latin-1.
    Line endings are normalised to "\\n".
    """
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return text.replace("\r\n", "\n").replace("\r", "\n")
