"""PDF: text in reading order, with a page map.

pdfminer.six groups characters into lines and text boxes (``boxes_flow=None``: its hierarchical
box ordering costs minutes on table-heavy pages). The reading order is decided here: gutters are
found in the x-projection of the column-width boxes, boxes that cross a gutter (titles, full-width
paragraphs) cut the page into bands, and each band is read down one column, then the next.

Dropped: page headers and footers that repeat across pages (digits ignored), page numbers and
margin line numbers (boxes of digits only), vertical text in the margins. Words hyphenated at a
line end are joined; lines of one paragraph are joined with spaces; a paragraph that runs on
into the next box (no final punctuation, a full last line or a lower-case continuation) is joined
with it, across columns and pages too. Paragraphs are separated by a blank line.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

from .readers import Extracted, ReaderError, hints_of

LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "\u00ad": ""})
TERMINAL = tuple(".!?:;”\"’)")
MIN_GUTTER = 4.0  # points of empty x between two columns
MARGIN = 0.09  # share of the page height where headers and footers stand
HYPHEN_END = re.compile(r"(\w)-$")


@dataclass
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    lines: list[str]
    last_x1: float  # where the last line ends
    size: float = 0.0  # mean character height

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def _lines(box) -> tuple[list[str], float, float]:
    from pdfminer.layout import LTChar, LTTextLine

    lines, last, sizes = [], box.x1, []
    for line in box:
        if isinstance(line, LTTextLine):
            t = " ".join(line.get_text().translate(LIGATURES).split())
            if t:
                lines.append(t)
                last = line.x1
                sizes += [c.size for c in line if isinstance(c, LTChar)]
    return lines, last, sum(sizes) / len(sizes) if sizes else 0.0


def _notes_last(boxes: list[tuple[Box, float]], height: float) -> list[tuple[Box, float]]:
    """Footnotes (smaller type in the lower part of the page) after the page's main text, so a
    paragraph that goes on in the next column is not cut by them."""
    weights: dict[float, int] = {}
    for b, _ in boxes:
        weights[round(b.size, 1)] = weights.get(round(b.size, 1), 0) + len(b.text)
    if not weights:
        return boxes
    total = sum(weights.values())
    body = max(k for k, w in weights.items() if w >= 0.2 * total)  # the body's type: the largest in wide use
    notes = [(b, e) for b, e in boxes if 0 < b.size < 0.88 * body and b.y1 < height * 0.6]
    return [x for x in boxes if x not in notes] + notes if notes else boxes


def _is_noise(box: Box) -> bool:
    text = box.text
    if re.fullmatch(r"[\d\s.,:;\-–|/()]*", text):
        return True  # page numbers, margin line numbers
    if len(text) <= 2:
        return True  # stray glyphs
    if len(box.lines) >= 3 and sum(len(ln) for ln in box.lines) <= 2 * len(box.lines):
        return True  # vertical text: one character a line
    return text.count("(cid:") * 6 > len(text)  # glyphs without a text mapping


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text)).strip().casefold()


def _furniture(pages: list[tuple[float, list[Box]]]) -> set[str]:
    """Shapes of boxes in the top or bottom margin that repeat on several pages."""
    seen: dict[str, int] = {}
    for height, boxes in pages:
        shapes = {_shape(b.text) for b in boxes if b.y0 > height * (1 - MARGIN) or b.y1 < height * MARGIN}
        for s in shapes:
            seen[s] = seen.get(s, 0) + 1
    least = max(2, len(pages) * 0.3)
    return {s for s, n in seen.items() if n >= least}


def _gutters(boxes: list[Box]) -> list[tuple[float, float]]:
    """Empty x ranges between columns, from the boxes no wider than a column."""
    if len(boxes) < 2:
        return []
    left, right = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
    narrow = [b for b in boxes if b.x1 - b.x0 < 0.6 * (right - left)] or boxes
    spans = sorted((b.x0, b.x1) for b in narrow)
    out, reach = [], spans[0][1]
    for a, b in spans[1:]:
        if a - reach >= MIN_GUTTER:
            out.append((reach, a))
        reach = max(reach, b)
    return out


def reading_order(boxes: list[Box]) -> list[tuple[Box, float]]:
    """Boxes in reading order, each with the right edge of its column: bands cut by full-width
    boxes, each band read down its columns."""
    gutters = _gutters(boxes)
    top_down = sorted(boxes, key=lambda b: (-b.y1, b.x0))
    right = max((b.x1 for b in boxes), default=0.0)
    if not gutters:
        return [(b, right) for b in top_down]
    edges = [g[0] for g in gutters]

    def spanning(b: Box) -> bool:
        return any(b.x0 < g0 and b.x1 > g1 for g0, g1 in gutters)

    def column(b: Box) -> int:
        centre = (b.x0 + b.x1) / 2
        return sum(centre > e for e in edges)

    col_right: dict[int, float] = {}
    for b in boxes:
        if not spanning(b):
            col_right[column(b)] = max(col_right.get(column(b), 0.0), b.x1)
    out: list[tuple[Box, float]] = []
    band: list[Box] = []

    def flush() -> None:
        out.extend((b, col_right[column(b)]) for b in sorted(band, key=lambda b: (column(b), -b.y1, b.x0)))
        band.clear()

    for b in top_down:
        if spanning(b):
            flush()
            out.append((b, right))
        else:
            band.append(b)
    flush()
    return out


def _runs_on(prev: Box, nxt: Box, right_edge: float) -> bool:
    """Does ``prev``'s last sentence continue in ``nxt``?"""
    end = prev.lines[-1]
    if end.endswith(TERMINAL):
        return False
    first = nxt.lines[0]
    if first[:1].islower():
        return True
    width = max(right_edge - prev.x0, 1.0)
    return prev.last_x1 >= right_edge - 0.12 * width and len(end.split()) >= 4  # the line ran to the column's edge


def _join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if not out:
            out = line
        elif HYPHEN_END.search(out) and line[:1].islower():
            out = out[:-1] + line  # "recog-" + "nised" -> "recognised"
        else:
            out += " " + line
    return out


def _pdf_date(value) -> str | None:
    raw = value.decode("latin-1", "replace") if isinstance(value, bytes) else str(value or "")
    m = re.match(r"(?:D:)?((?:19|20)\d\d)(\d\d)?(\d\d)?", raw)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        if mo and d:
            return date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return y
    return f"{y}-{mo}" if mo and 1 <= int(mo) <= 12 else y


def _info(doc) -> dict[str, str]:
    out = {}
    for info in getattr(doc, "info", []) or []:
        for key in ("Title", "Author", "CreationDate"):
            value = info.get(key)
            try:
                from pdfminer.pdftypes import resolve1

                value = resolve1(value)
            except Exception:  # noqa: BLE001  a broken info dictionary is only metadata lost
                value = None
            if isinstance(value, bytes):
                if value.startswith(b"\xfe\xff"):
                    value = value[2:].decode("utf-16-be", "replace")
                else:
                    value = value.decode("latin-1", "replace")
            if isinstance(value, str) and value.strip():
                out[key] = value.strip()
    return out


def read_pdf(data: bytes, max_pages: int) -> Extracted:
    from pdfminer.layout import LAParams, LTTextBox
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.converter import PDFPageAggregator

    try:
        parser = PDFParser(io.BytesIO(data))
        doc = PDFDocument(parser)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReaderError("encrypted (needs a password)") from None
    except Exception as exc:  # noqa: BLE001  pdfminer raises many kinds for broken files
        raise ReaderError(f"malformed PDF ({type(exc).__name__})") from None
    if not doc.is_extractable:
        raise ReaderError("text extraction not permitted by the PDF")
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=LAParams(boxes_flow=None))
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[tuple[float, list[Box]]] = []
    try:
        for n, page in enumerate(PDFPage.create_pages(doc), 1):
            if n > max_pages:
                raise ReaderError(f"more than {max_pages} pages (BRIEFING_MAX_PDF_PAGES)")
            interpreter.process_page(page)
            layout = device.get_result()
            boxes = []
            for el in layout:
                if isinstance(el, LTTextBox):
                    lines, last, size = _lines(el)
                    if lines:
                        boxes.append(Box(el.x0, el.y0, el.x1, el.y1, lines, last, size))
            pages.append((layout.height, boxes))
    except ReaderError:
        raise
    except Exception as exc:  # noqa: BLE001
        if not pages:
            raise ReaderError(f"malformed PDF ({type(exc).__name__})") from None
        # keep the pages read before the damage
    if not any(boxes for _, boxes in pages):
        raise ReaderError("no text layer (scanned?)")
    repeated = _furniture(pages)
    text, starts = "", []
    prev: Box | None = None
    prev_edge = 0.0
    for height, boxes in pages:
        starts.append(None)
        kept = [b for b in boxes if not _is_noise(b) and _shape(b.text) not in repeated]
        for b, edge in _notes_last(reading_order(kept), height):
            body = _join_lines(b.lines)
            if prev is not None and _runs_on(prev, b, prev_edge):
                if HYPHEN_END.search(text) and body[:1].islower():
                    text = text[:-1]
                else:
                    text += " "
            elif text:
                text += "\n\n"
            if starts[-1] is None:
                starts[-1] = len(text)
            text += body
            prev, prev_edge = b, edge
    if not text:
        raise ReaderError("no readable text (only page numbers or page furniture)")
    fixed, nxt = [], len(text)
    for s0 in reversed(starts):  # a page with no text of its own starts where the next one does
        nxt = s0 if s0 is not None else nxt
        fixed.append(nxt)
    starts = fixed[::-1]
    info = _info(doc)
    return Extracted(text=text + "\n", pages=tuple(starts),
                     hints=hints_of(title=info.get("Title"), authors=[info["Author"]] if "Author" in info else [],
                                    date=_pdf_date(info.get("CreationDate")), date_stated=False))
