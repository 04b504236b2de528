"""A document's head: its title and the date it gives itself (stated), or the date its content
places it at (inferred). Precision first: no title rather than a navigation line or the first
paragraph, no date rather than a year the text only names as history."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from . import dates
from .layout import head_lines
from .lexicon import alternation, any_of, load

STORE_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b", re.MULTILINE)
STORE_PREFIX = re.compile(r"^date\s+\d{4}-\d{2}(?:-\d{2})?\s*")
NAME = r"[A-Z](?:[\w’'-]*\w|\.)(?:[ \t]+(?:(?:van|von|de|der|da|di|du|le|la|bin|al)[ \t]+)?[A-Z](?:[\w’'-]*\w|\.)){1,3}"
BYLINE = re.compile(rf"^\s*[Bb]y\s+(?P<names>{NAME}(?:\s*(?:,|and|&)\s*{NAME})*)\s*(?:[|·•–—,-].*)?$", re.MULTILINE)
CREDIT_LINE = re.compile(r"^(?:Interview(?:ed)?\s+by|Written\s+by|Photo(?:graph)?s?\b|Credit|Source|Image|Share|Print)\b", re.I)
# a photo caption or credit: "(left)", "(Representative photo)", "(Taiwan Presidential Office photo)"
CAPTION = re.compile(r"\((?:left|right|centre|center|front|L|R|C|file|[^()]{0,40}\b(?:photos?|credit|courtesy)\b[^()]{0,40})\)"
                     r"|\b(?:Photo|Photograph|Image|Credit)s?\s*:\s|\bPool via\b|\bFile photo\b"
                     r"|^(?:An?|The)\s+(?:\w+\s+)?(?:photo(?:graph)?|picture|image)\s+of\b", re.I)  # "A commemorative photo of …"
CUT_OFF = re.compile(r"\b(?:of|the|a|an|and|or|for|to|in|on|at|with|by|from|as|its|their|his|her|between|into|about|than)$|[,;]$", re.I)
GLUED = re.compile(r"[a-z]{2,}[A-Z][a-z]")  # "BugajskiandPeter": words a broken extraction ran together
PRESENT_YEAR = re.compile(r"\b(?:heading|moving|going|entering|(?:deeper|further|well) into|so far in|earlier this year,?|this year,)\s+"
                          r"(?:deeper\s+|further\s+)?(?:into\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
RANGE_BEFORE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s*(?:[-–—]|to|until|and)\s*$", re.I)
# "Source: Xinhua| 2018-09-25 22:47:29|Editor: yan": a wire page's credit line carries its date
SOURCE_DATE = re.compile(r"^\s*Source:\s*[^|\n]{2,40}\|\s*(\d{4}-\d{2}-\d{2})\b", re.M)
DATE_LABEL = re.compile(r"^(?:(?:first\s+)?published|updated|posted|issued|released|dated?|this (?:story|article) is from)\b[\s:,-]*", re.I)
GLUED_DATELINE = re.compile(r"(?<=[a-z0-9])(?=[A-Z]{2}[A-Z .'’/-]{1,40},\s)")
DATELINE_END = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:[-–—:|]|\.\s)")
HISTORY_BEFORE = re.compile(r"\b(?:since|began|begun|started|founded|established|signed|dating|dates|back|as early as|until|till|before|after)"
                            r"(?:\s+(?:in|the|its|from|to|back))*\s+(?:[A-Za-z]+\s+)?$", re.I)


@cache
def _names() -> re.Pattern[str]:
    """Outlets and organisations: a line that is only one of these (and years) is a masthead."""
    outlets = load("outlets")
    words = [a for group in ("news", "institutes") for canonical, aliases in outlets[group].items() for a in [canonical, *aliases]]
    words += [a for canonical, spec in load("organisations")["organisations"].items() for a in [canonical, *spec.get("aliases", [])]]
    return alternation(words, re.IGNORECASE)


BRACKET_LABEL = re.compile(r"^[《【]\s*(?P<name>[^》】]{2,40}?)\s*[》】]\s*")


def clean(line: str) -> str:
    """A head line without Markdown heading marks or a store's "date YYYY-MM-DD" prefix."""
    return BRACKET_LABEL.sub("", STORE_PREFIX.sub("", re.sub(r"^#{1,6}\s+", "", line)))  # "《TAIPEI TIMES》Influential …": the outlet's label


def masthead(line: str) -> bool:
    """An outlet's or organisation's name alone, perhaps with years ("EUROPEAN PARLIAMENT 2009 - 2014")."""
    rest = _names().sub("", line)
    return rest != line and not re.search(r"[A-Za-z]{2,}", rest)


def sentence_like(line: str) -> bool:
    """A line of body text: it ends its sentence ("… was interviewed by X.") or introduces a list."""
    words = line.split()
    if line.endswith(":"):
        return True
    return line.endswith(".") and not line.endswith("...") and not re.search(r"\b(?:[A-Z]\.){2,}$", line) and len(words) >= 4


SECTION_LABEL = re.compile(r"\[(?:Editorial|Opinion|Column|Analysis|Commentary|Interview|Op-Ed|Viewpoint|Feature|Contribution)\]\s+[A-Z]", re.I)


# "Home / Opinion / Editorials", "CHINADAILY Editorial": an opinion page, in the outlet's or a columnist's own voice
OPINION_LINE = re.compile(r"(?:^|[/>»|]\s*)(?:[A-Z]+\s+)?(?:editorials?|opinion|commentary|columns?|op-eds?)\s*$", re.I)
WEEKDAY_FIRST = re.compile(r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?")
WIRE_OPEN = re.compile(r"^[A-Z][A-Z .'’/-]{2,30}(?:,\s*[^()\n]{1,30}?)?\s*\([A-Za-z][^()]{1,30}\)\s*[:–—-]\s*\S")
SITE_LINE = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|cn|jp|kr|tw|co|gov|int|eu|uk|in|ru|de|fr|info|news)\b")
SERIES_LABEL = re.compile(r"(?i)\b(?:policy brief|policy paper|working paper|occasional paper|issue brief|research paper)\s*(?:no\.?\s*)?[•#|:-]?\s*\d")
PUBLISHED_LABEL = re.compile(r"(?:Published|Updated|Posted|Last modified)(?:\s+on)?\s*:?\s*(?:\d|[A-Z][a-z]{2})")


def headline(line: str) -> bool:
    """Could this line be a headline? Four to 25 words, mostly words, not a sentence of the body,
    masthead, byline, credit, caption, breadcrumb, share widget, dateline or a line cut short."""
    words = line.split()
    if SECTION_LABEL.match(line) and 2 <= len(words) - 1 <= 25:
        return True  # "[Editorial] Trilateral cooperation": a section's label marks a short headline
    if not 4 <= len(words) <= 25 or masthead(line) or BYLINE.match(line) or CREDIT_LINE.match(line) or CAPTION.search(line) or WIRE_OPEN.match(line):
        return False
    wordy = [w for w in words if re.search(r"[^\W\d_]{2,}", w)]
    if len(wordy) < 3 or len(wordy) < 0.6 * len(words) or len(GLUED.findall(line)) >= 2:
        return False  # "+ ↺ − 16 px", run-together extraction debris
    if re.search(r"\s[>»|/›·]\s", line) and all(len(part.split()) <= 3 for part in re.split(r"\s[>»|/›·]\s", line)):
        return False  # "Home > News > Press releases", "SHARE | PRINT"
    if dates.full_dates(line) and (len(words) < 8 or PUBLISHED_LABEL.search(line)) or dates.day_ranges(line, None):
        return False  # a date line, or a page's date label run into a navigation line ("PapersPublished on Aug 11, 2023")
    if SERIES_LABEL.search(line):
        return False  # "CSDS POLICY BRIEF • 30/2024": a series and its number, not the brief's title
    if len(re.findall(r"[^\W\d_],[^\W\d_]", line)) >= 3:
        return False  # a tag list ("missiles,Defense,Doctrine,Nuclear")
    if re.match(r"(?:Q|A|Question|Answer|Note|Disclaimer|Editor['’]s note|[A-Z][A-Z-]+(?: [A-Z][A-Z-]+)+)\s*[:.]\s", line) \
            or (re.match(r"[A-Z][A-Z-]+:\s", line) and line.endswith("?")):
        return False  # a question or answer of an interview, a speaker's turn ("EKHO MOSKVY: …?"), a site's note
    if re.search(r"(?i)\bread more$|^[^(]*\)", line) or (line.startswith("(") and line.endswith(")")):
        return False  # a teaser link, a fragment cut after an opening parenthesis, a parenthesised credit
    return not sentence_like(line) and not CUT_OFF.search(line)


def _blocks(head: Sequence[str]) -> list[tuple[int, str]]:
    """Head lines with a wrapped headline joined: a line cut at a function word continues on a
    line in title case; a line continues on one that starts in lower case ("REPORT" / "of the 34th
    …"); an all-capitals headline continues on the next all-capitals line."""
    out, i = [], 0
    while i < len(head):
        block, j = head[i], i
        while j + 1 < len(head) and len(block.split()) < 25:
            nxt = head[j + 1]
            caps = block.isupper() and nxt.isupper() and not masthead(nxt) and not masthead(block) and "|" not in nxt
            if BYLINE.match(nxt) or SITE_LINE.match(nxt) or (nxt[:1].islower() and dates.full_dates(nxt)):
                break  # "by Richard Sanders", "chinadaily.com.cn | Updated: …" under the headline: its byline or date line, not its continuation
            if nxt[:1].islower() or caps or (CUT_OFF.search(block) and nxt[:1].isupper() and not nxt.isupper()):
                block, j = f"{block} {nxt}", j + 1
            else:
                break
        out.append((i, block))
        i = j + 1
    return out


def _body_starts(head: Sequence[str]) -> int:
    """The index of the first line of body text (a long line, or a sentence a hard-wrapped
    paragraph runs over several lines): a title stands before it."""
    wire = next((i for i, line in enumerate(head) if WIRE_OPEN.match(line)), len(head))  # "ISLAMABAD, Aug 4 (APP): …" opens the story
    return min(wire, next((i for i, block in _blocks(head) if len(block.split()) > 30 or (len(block.split()) >= 14 and sentence_like(block))), len(head)))


def title_of(text: str, head: Sequence[str] | None = None) -> str | None:
    """The best headline of the head: lines before the body, ranked by what follows them (a date
    or a byline), by a breadcrumb that repeats them, by headline case and by position. None when
    no line qualifies (no body text as a title)."""
    return _title(tuple(head_lines(text) if head is None else head))


@cache
def issuer_line() -> re.Pattern[str]:
    """A ministry or department naming itself on a line of its own release."""
    return any_of(load("organisations")["publisher_lines"], 0)


@lru_cache(maxsize=8)
def _title(head: tuple[str, ...]) -> str | None:  # asked for three times a document (title, byline, kind)
    lines = [clean(line) for line in head]
    body = _body_starts(lines)
    best, best_score = None, None
    for i, block in _blocks(lines[:body] or lines[:1]):
        if not headline(block) or (block.isupper() and len(block.split()) < 4) or issuer_line().fullmatch(block):
            continue  # a ministry's name heading its release is its masthead, not a headline
        after = []
        for a in lines[i + 1:i + 4]:
            dated = BYLINE.match(a) or (dates.full_dates(a) and len(a.split()) <= 8) or STORE_DATE.match(a)
            if not dated and headline(a) and not a.isupper():
                break  # another headline comes first: the date or byline below is that one's
            after.append(bool(dated))
        score = -0.5 * i
        if any(after):
            score += 3  # a headline is followed by its date or byline; a site's chrome is not
        if any(other != block and other.endswith(block) for other in lines):
            score += 2  # "… > News > Delegation visits Japan", then "Delegation visits Japan"
        long_words = [w for w in block.split() if len(w) >= 4 and w[0].isalpha()]
        if long_words and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words):
            score += 1
        if block.isupper() and len(block.split()) < 6:
            score -= 2  # "STOCK MARKET BSE NSE", "NEWS RELEASE": a site's or section's chrome in capitals, unless nothing else qualifies
        if best_score is None or score > best_score:
            best, best_score = block, score
    return best


def _full(chunk: str) -> str | None:
    return next((f.value for f in dates.full_dates(chunk) if not RANGE_BEFORE.search(chunk[max(0, f.start - 12):f.start])), None)


def _dateline(line: str) -> str | None:
    """"Brussels / Tokyo, 25 June 2018 - …", "ULANBATAAR, Mongolia, 13 March 2013 – …": a full date
    near the start of a paragraph, followed by a dash, a colon or an agency's credit."""
    # a page's caption flattened onto its dateline ("… at the UN headquartersNEW YORK, 1 April 2022 –")
    for start in [0, *(m.start() for m in GLUED_DATELINE.finditer(line, 0, 200))]:
        part = line[start:]
        for f in dates.full_dates(part[:90]):
            if len(part[:f.start].split()) <= 6 and DATELINE_END.match(part[f.end:]) and not RANGE_BEFORE.search(part[max(0, f.start - 12):f.start]):
                return f.value
    return None


def stated_date(text: str, head: Sequence[str] | None = None) -> str | None:
    """The date the text gives itself near its top: a store's date, a date line (a short line, or
    one labelled "Published"), a dateline opening a paragraph, a photo caption's date, a numeric
    date, or a month and year alone on a line. A full date that ends a range of days (a visit) or
    stands inside the body's sentences is not the text's own date."""
    m = STORE_DATE.search(text[:400]) or SOURCE_DATE.search(text[:1500])
    if m:
        return m.group(1)
    lines = head_lines(text) if head is None else head
    named = dates.full_dates(text[:20_000])
    body = _body_starts(lines)
    for i, line in enumerate(lines):
        # a date line, also one a time and a place follow ("Sunday, December 12, 2021, 7:32 a.m. United Kingdom (Liverpool)")
        opens = len(line.split()) <= 14 and (f := dates.full_dates(line[:40])) and f[0].start == WEEKDAY_FIRST.match(line).end() \
            and not re.search(r"\b[a-z]+\s+[a-z]+\s+[a-z]+\b", line[f[0].end:])  # a time and a place, not a sentence
        if len(line.split()) <= 8 or opens or DATE_LABEL.match(line) or BYLINE.match(line):
            found = _full(line) or dates.numeric_date(line, named) or dates.month_year_line(line)
            if found:
                return found
        # a photo caption dates the text above its body; below it, a file photo may be years old
        found = _dateline(line) or (i <= body and CAPTION.search(line) and _full(line))
        if found:
            return found
    # "Thursday, October 9": the year the weekday allows, next to the latest year the text names; a dated
    # world event it mentions ("the annexation of Crimea") is no such year: texts recall events for years
    latest = named_bound(text)
    if latest:
        year = int(latest[:4])
        return next((d for line in lines if len(line.split()) <= 10 if (d := dates.weekday_date(line, [year, year + 1]))), None)
    return None


def heading_year(head: Sequence[str]) -> str | None:
    """The year of the visit a report is headed by ("Tokyo, 18 - 20 May 2011"): a report is
    written in the year of the visit it reports, but not on its last day."""
    for line in head[:6]:
        if len(line.split()) <= 10:
            for r in dates.day_ranges(line, None):
                if r.has_year and r.last:
                    return r.last[:4]
    return None


@cache
def _anchors() -> tuple[list[tuple[str, re.Pattern[str]]], re.Pattern[str], re.Pattern[str]]:
    data = load("anchors")
    anchors = [(a["date"], any_of(a["patterns"])) for a in data["anchors"]]
    return anchors, any_of(data["recency_cues"]["after"]), any_of(data["recency_cues"]["before"])


def named_bound(text: str) -> str | None:
    """The latest year the text itself names as present or past (not as history)."""
    bound: str | None = None
    for f in dates.month_years(text) + dates.years(text):
        if HISTORY_BEFORE.search(text[max(0, f.start - 25):f.start]):
            continue  # "since the 1998 accord", "talks began in 2003": history, not the text's own time
        if bound is None or f.value > bound[: len(f.value)]:
            bound = f.value[:4]
    return bound


NAME_RUN = re.compile(r"(?:\s+(?:[A-Z][\w.’'-]*|adopted|elected|appointed|inaugurated|launched|signed|issued|released|published|formed|of|the))*\s*")


def _qualifies(cue: re.Pattern[str], window: str) -> bool:
    """Does a recency cue qualify the anchor that follows the window ("the newly adopted UN Security
    Council Resolution 2371"), not another noun ("a new type of relations during President Xi …")?"""
    found = list(cue.finditer(window))
    return bool(found) and bool(NAME_RUN.fullmatch(window, found[-1].end()))


def _bounds(text: str) -> tuple[str | None, str | None, str | None]:
    """(lower bound, latest anchor the text calls new or recent, earliest anchor it calls upcoming):
    the latest year or month the text names as present or past (not as history) and the dated
    world events it mentions are lower bounds on when it was written."""
    bound = named_bound(text)
    anchors, after, before = _anchors()
    recent: str | None = None
    upcoming: str | None = None
    for date, pat in anchors:
        for m in pat.finditer(text):
            window = " ".join(re.split(r"[,.;:()\n]", text[max(0, m.start() - 60): m.start()])[-1].split()[-7:])
            if _qualifies(before, window):
                upcoming = min(upcoming or date, date)
                continue
            bound = max(bound or date, date)
            if _qualifies(after, window):
                recent = max(recent or date, date)
    return bound, recent, upcoming


def lower_bound(text: str) -> str | None:
    """The earliest the text can have been written (a year, or a month when an anchor says so)."""
    return _bounds(text)[0]


def inferred_date(text: str) -> str | None:
    """When the content places the text, from what it calls present: "heading into 2019", an
    event it calls new or recent ("the newly adopted Resolution 2371"), or one it calls upcoming.
    A year named only as a past fact, or a leader's name, is a lower bound and not a date: the
    text may be years later, so no date is inferred from it."""
    m = PRESENT_YEAR.search(text)
    if m:
        return m.group(1)
    bound, recent, upcoming = _bounds(text)
    if upcoming and (bound is None or upcoming[:4] >= bound[:4]):
        return upcoming[:4]
    if recent:
        return recent if bound is None or bound[: len(recent)] <= recent else bound[:4]
    return None
