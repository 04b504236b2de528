"""Document structure for the extractors: lines, boilerplate, repeats, columns and sentences.

All offsets index the raw decoded text. A :class:`Sentence` is made of one or more raw
pieces; in a PDF extraction whose two columns interleave line by line, a sentence's pieces
are the lines of one column, so its words are not contiguous in the raw text. Evidence is
always one raw piece (or part of one), so ``quote == text[start:end]`` holds.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from .lexicon import load

ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "no", "vs", "gen", "adm", "col", "lt",
                 "sen", "rep", "gov", "hon", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                 "oct", "nov", "dec", "inc", "ltd", "co", "corp", "e.g", "i.e", "etc", "approx", "fig"}
SENTENCE_END = re.compile(r"[.!?]+[”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9■•])")
LINE = re.compile(r"[^\n]*\n?")
STORE_PREFIX = re.compile(r"^date\s+\d{4}-\d{2}(?:-\d{2})?\s+")  # a store's "date 2019-07-08 " before the first line
TERMINAL = tuple(".!?:;”\"’)")


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # without the newline
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Sentence:
    pieces: list[tuple[int, int]]
    text: str = ""
    offsets: list[int] = field(default_factory=list)  # where each piece starts in ``text``

    def raw(self, pos: int) -> tuple[int, int, int]:
        """(piece index, raw offset) for a position in ``text``."""
        idx = max(0, bisect.bisect_right(self.offsets, pos) - 1)
        return idx, self.pieces[idx][0] + (pos - self.offsets[idx]), self.pieces[idx][1]

    @property
    def start(self) -> int:
        return self.pieces[0][0]


@cache
def _boilerplate() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("boilerplate")
    full = lambda ps: re.compile("|".join(f"(?:{p})" for p in ps), re.IGNORECASE)  # noqa: E731
    return full(data["lines"]), full(data["tail_markers"])


def lines_of(text: str) -> list[Line]:
    out, pos = [], 0
    for m in LINE.finditer(text):
        if m.start() == len(text) and not m.group(0):
            break
        body = m.group(0).rstrip("\n").rstrip("\r")
        out.append(Line(pos, pos + len(body), body))
        pos = m.end()
    return out


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().casefold()


# "Previous Fragment    Next Fragment", "Home    News    Contact": a row of capitalised link labels
NAV_ROW = re.compile(r"[A-Z][\w/&-]*(?: [A-Z][\w/&-]*){0,5}(?: {3,}[A-Z][\w/&-]*(?: [A-Z][\w/&-]*){0,5})+")


def furniture(lines: list[Line]) -> set[int]:
    """Indexes of lines that are page furniture, a page's trailing links, or repeats."""
    line_re, tail_re = _boilerplate()
    out: set[int] = set()
    seen: set[str] = set()
    content = [i for i, ln in enumerate(lines) if not ln.blank]
    cut = None
    for i in content:
        t = STORE_PREFIX.sub("", lines[i].text.strip())
        if line_re.fullmatch(t) or NAV_ROW.fullmatch(t):
            out.add(i)
        if tail_re.fullmatch(t) and cut is None and i >= content[len(content) // 2]:
            cut = i
        key = norm(t)
        if key in seen and len(key) > 15:
            out.add(i)  # a repeated heading or paragraph yields its facts once
        seen.add(key)
    if cut is not None:
        out.update(i for i in content if i > cut and len(lines[i].text.split()) < 30)
    return out


def interleaved_lines(lines: list[Line]) -> set[int]:
    """Lines of a two-column PDF extraction whose columns interleave line by line.

    Such text is a run of short lines, each alone between blank lines, where lines often stop
    mid-sentence and the next line starts mid-sentence too (the text breaks where no paragraph
    ends). Short paragraphs or headings in a row end their sentences and are left alone."""
    def isolated(j: int) -> bool:
        return (not lines[j].blank and 8 <= len(lines[j].text.strip()) <= 70
                and (j == 0 or lines[j - 1].blank) and (j + 1 >= len(lines) or lines[j + 1].blank))

    runs: list[list[int]] = []
    for j in range(len(lines)):
        if isolated(j):
            if runs and runs[-1][-1] == j - 2:
                runs[-1].append(j)
            else:
                runs.append([j])
    out: set[int] = set()
    for run in runs:
        if len(run) < 4:
            continue
        texts = [lines[j].text.strip() for j in run]

        def continues(a: str, b: str) -> bool:
            return not a.endswith(TERMINAL) and b[:1].islower()

        broken = sum(continues(a, b) for a, b in zip(texts, texts[1:]))
        if broken >= 2 and broken >= 0.3 * (len(texts) - 1):
            out.update(run)
    return out


def _join(sentence: Sentence, text: str) -> Sentence:
    parts, offsets, pos = [], [], 0
    for k, (s, e) in enumerate(sentence.pieces):
        chunk = text[s:e]
        if k:
            sep = "" if parts[-1].endswith("-") and chunk[:1].islower() else " "
            parts.append(sep)
            pos += len(sep)
        offsets.append(pos)
        parts.append(chunk)
        pos += len(chunk)
    sentence.text, sentence.offsets = "".join(parts), offsets
    return sentence


def _split_stream(pieces: list[tuple[int, int]], text: str) -> list[Sentence]:
    """Split a run of raw pieces (read in order) into sentences."""
    joined = _join(Sentence(list(pieces)), text)
    out, begin = [], 0
    bounds = []
    for m in SENTENCE_END.finditer(joined.text):
        word = re.search(r"([\w.]+)[.!?]+[”\"’')\]]*$", joined.text[max(begin, m.start() - 40):m.end()])
        token = (word.group(1) if word else "").casefold()
        if token in ABBREVIATIONS or len(token) == 1 or re.fullmatch(r"(?:[a-z]\.)+[a-z]?", token):
            continue
        bounds.append(m.end())
    bounds.append(len(joined.text))
    for end in bounds:
        seg = joined.text[begin:end]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            out.append(_slice(joined, begin + lead, begin + trail, text))
        begin = end
    return out


def _slice(joined: Sentence, a: int, b: int, text: str) -> Sentence:
    pieces = []
    first = max(0, bisect.bisect_right(joined.offsets, a) - 1)
    for k in range(first, len(joined.pieces)):
        s, e = joined.pieces[k]
        o = joined.offsets[k]
        if o >= b:
            break
        lo, hi = max(a, o), min(b, o + (e - s))
        if lo < hi:
            pieces.append((s + lo - o, s + hi - o))
    return _join(Sentence(pieces), text)


# UTF-8 read as Windows-1252 ("RussiaÂ’s", "Japanâ€™s"): a lead byte's character, then a
# continuation byte's character.
MOJIBAKE = re.compile("[ÂÃâÅÆÐÑ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


C1_AS_CP1252 = re.compile("Â([€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ])")


def _repair(sentence: Sentence) -> None:
    """The sentence's text with mojibake repaired (ftfy), piece by piece, so names hidden by it
    ("RussiaÂ’s") are found. Evidence still quotes the raw pieces: only the piece a position
    falls in is read from this text, and the offsets are recomputed for the repaired pieces."""
    import ftfy

    parts, offsets, pos = [], [], 0
    raw = [sentence.text[o:(sentence.offsets[k + 1] if k + 1 < len(sentence.offsets) else len(sentence.text))]
           for k, o in enumerate(sentence.offsets)]
    for chunk in raw:
        fixed = ftfy.fix_text(chunk, uncurl_quotes=False) if MOJIBAKE.search(chunk) else chunk
        fixed = C1_AS_CP1252.sub(r"\1", fixed)  # "RussiaÂ’s": a C1 control written as Windows-1252
        offsets.append(pos)
        parts.append(fixed)
        pos += len(fixed)
    sentence.text, sentence.offsets = "".join(parts), offsets


def _hard_break(prev: str, nxt: str) -> bool:
    """Does a sentence end where this line does? Yes after end punctuation, a short line, a
    heading in capitals or before a list item; yes after a line longer than a wrapped line is
    (a headline above its paragraph); no when a paragraph was hard-wrapped at a fixed width."""
    p, n = prev.strip(), nxt.strip()
    return p.endswith(TERMINAL) or len(p.split()) < 5 or n[:1] in "■•*-–" or p.isupper() \
        or (len(p) > 90 and n[:1].isupper()) or (len(n) > 150 and len(n) > 2.5 * len(p) and n[:1].isupper())


def sentences(text: str) -> list[Sentence]:
    """The sentences of the document's content (furniture and repeats left out)."""
    lines = lines_of(text)
    return sentences_of(text, lines, furniture(lines))


def sentences_of(text: str, lines: list[Line], skip: set[int] | frozenset[int]) -> list[Sentence]:
    """The sentences of ``text`` given its lines and the indexes of its furniture lines."""
    columned = interleaved_lines(lines)
    columns: list[list[tuple[int, int]]] = [[], []]
    flow: list[tuple[int, int]] = []
    out: list[Sentence] = []
    col = 0

    def flush_flow() -> None:
        if flow:
            out.extend(_split_stream(flow, text))
            flow.clear()

    def flush_columns() -> None:
        for c in columns:
            if c:
                out.extend(_split_stream(c, text))
                c.clear()

    prev: Line | None = None
    for i, ln in enumerate(lines):
        if ln.blank or i in skip:
            if i in skip:
                flush_flow()
            prev = None if ln.blank else prev
            if ln.blank:
                flush_flow()
            continue
        lead = len(ln.text) - len(ln.text.lstrip())
        piece = (ln.start + lead, ln.start + len(ln.text.rstrip()))
        if i in columned:
            flush_flow()
            columns[col].append(piece)
            col ^= 1
            continue
        flush_columns()
        col = 0
        if prev is not None and _hard_break(prev.text, ln.text):
            flush_flow()
        flow.append(piece)
        prev = ln
    flush_flow()
    flush_columns()
    out.sort(key=lambda s: s.start)
    for sentence in out:
        if MOJIBAKE.search(sentence.text):
            _repair(sentence)
    return out


def evidence_spans(sentence: Sentence, *positions: int) -> list[tuple[int, int]]:
    """The raw pieces that hold the given positions of the sentence text, in reading order: one
    span for a sentence in one piece; for a sentence read down a column across interleaved lines,
    every piece a claim's words stand in (the cue and the actor it is about)."""
    if len(sentence.pieces) == 1:
        return [sentence.pieces[0]]
    return [sentence.pieces[i] for i in sorted({sentence.raw(p)[0] for p in positions})]


def evidence_span(sentence: Sentence, pos: int | None = None) -> tuple[int, int]:
    """The raw span to quote for a sentence: the whole sentence when it is one piece,
    else the piece holding ``pos`` (a position in the sentence text)."""
    if len(sentence.pieces) == 1:
        return sentence.pieces[0]
    idx = sentence.raw(pos or 0)[0]
    return sentence.pieces[idx]

