"""Plain text: bytes decoded to str, and a look at the first bytes to tell what a file really is.

UTF-8 first (a BOM is kept as a character, so offsets match a plain UTF-8 decode), then UTF-16
when the file has its BOM, then Windows-1252; Latin-1 as the last resort never fails.
"""

from __future__ import annotations

import re

HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text; return (text, encoding name)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def sniff(data: bytes, fmt: str) -> str:
    """The format the bytes show, where it differs from the name's: a saved page or a PDF named
    ``.txt`` is read as what it is."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if fmt == "text" and HTML_START.match(data[:4096]):
        return "html"
    return fmt
