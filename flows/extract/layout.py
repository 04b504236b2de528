"""One document, parsed once: its lines, furniture, head lines and sentences, handed to every
extractor; and :func:`ground`, the one place evidence is made, which checks that a quote is the
text it claims to be."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cached_property

from ..models import Evidence, SourceText
from .text import Line, Sentence, furniture, lines_of, sentences_of

HEAD_LINES = 15  # where a headline, byline or dateline may stand
HEAD_CHARS = 20_000  # and how far into a long text the head may reach


@dataclass(frozen=True)
class Layout:
    doc: SourceText
    lines: tuple[Line, ...]
    junk: frozenset[int]  # indexes of furniture lines (navigation, share widgets, repeats)
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def head(self) -> tuple[str, ...]:
        """The first content lines (stripped): where title, byline, dateline and date stand."""
        return head_of(self.lines, self.junk)


def head_of(lines: Sequence[Line], junk: Set[int]) -> tuple[str, ...]:
    out = []
    for i, ln in enumerate(lines):
        if ln.start >= HEAD_CHARS or len(out) >= HEAD_LINES:
            break
        if not ln.blank and i not in junk:
            out.append(ln.text.strip())
    return tuple(out)


def head_lines(text: str) -> tuple[str, ...]:
    """The head of a bare text (for callers without a layout)."""
    lines = lines_of(text[:HEAD_CHARS])
    return head_of(lines, furniture(lines))


def parse(doc: SourceText) -> Layout:
    lines = lines_of(doc.text)
    junk = furniture(lines)
    return Layout(doc=doc, lines=tuple(lines), junk=frozenset(junk), sentences=tuple(sentences_of(doc.text, lines, junk)))


def ground(doc: SourceText, start: int, end: int) -> Evidence:
    """Evidence for ``doc.text[start:end]``, with the page it starts on for PDF sources. Every
    fact's evidence is made here: the quote is always the slice of the text it points at."""
    quote = doc.text[start:end]
    if not quote.strip() or re.fullmatch(r"\s.*|.*\s", quote, re.S):
        raise ValueError(f"evidence {start}:{end} of {doc.id} is empty or not trimmed: {quote!r}")
    page = max(1, bisect.bisect_right(doc.pages, start)) if doc.pages else None
    ev = Evidence(document_id=doc.id, start=start, end=end, quote=quote, page=page)
    assert doc.text[ev.start:ev.end] == ev.quote
    return ev
