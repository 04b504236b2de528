"""Word files (.docx): paragraphs and table cells in document order, headings kept as their own
paragraphs (python-docx). A file that would unpack to more than the limit is refused before it
is parsed (a zip bomb cannot exhaust memory)."""

from __future__ import annotations

import io
import zipfile

from .readers import Extracted, ReaderError, hints_of


def read_docx(data: bytes, max_unpacked: int) -> Extracted:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            size = sum(i.file_size for i in z.infolist())
            if "word/document.xml" not in z.namelist():
                raise ReaderError("not a Word document (no word/document.xml)")
    except zipfile.BadZipFile:
        raise ReaderError("malformed Word file (not a zip archive)") from None
    if size > max_unpacked:
        raise ReaderError(f"unpacks to {size:,} bytes (> {max_unpacked:,})")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001  python-docx raises several kinds for damaged files
        raise ReaderError(f"malformed Word file ({type(exc).__name__})") from None
    paragraphs: list[str] = []
    title = None
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = " ".join(block.text.split())
            if not text:
                continue
            style = (block.style.name if block.style is not None else "") or ""
            if title is None and (style == "Title" or style.startswith("Heading 1")):
                title = text
            paragraphs.append(text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = list(dict.fromkeys(" ".join(c.text.split()) for c in row.cells))
                line = " | ".join(c for c in cells if c)
                if line:
                    paragraphs.append(line)
    props = document.core_properties
    created = props.created.date().isoformat() if props.created else None
    return Extracted(text="\n\n".join(paragraphs) + "\n",
                     hints=hints_of(title=title or props.title, authors=[props.author] if props.author else [],
                                    date=created, date_stated=False))
