"""Document metadata: title, publisher, authors, date (stated or inferred), kind."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..models import DocumentMeta
from . import dates
from .lexicon import alternation, any_of, load
from .people import valid_name
from .layout import Layout, head_lines
from .text import kind_cues

NAME = r"[A-Z](?:[\w’'-]*\w|\.)(?:[ \t]+(?:(?:van|von|de|der|da|di|du|le|la|bin|al)[ \t]+)?[A-Z](?:[\w’'-]*\w|\.)){1,3}"
BYLINE = re.compile(rf"^\s*By\s+(?P<names>{NAME}(?:\s*(?:,|and|&)\s*{NAME})*)\s*(?:[|·•–—,-].*)?$", re.MULTILINE)
AUTHOR_CUES = [
    re.compile(rf"^\s*(?:Authors?|Written by|Interviewer|Interviewee)\s*:\s*(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?(?P<name>{NAME})", re.MULTILINE),
    re.compile(rf"\b(?:author|columnist|interviewer|editor|correspondent)\s+(?P<name>{NAME})"),
    re.compile(rf"\b(?:conversation|interview|interviews) with\s+(?P<name>{NAME})"),
    re.compile(rf"\b(?:[Ii]nterviewed|[Ii]nterview) by\s+(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?(?P<name>{NAME})"),
    re.compile(rf"^\s*Insights from\s+(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?(?P<name>{NAME})\.?\s*$", re.MULTILINE),
    re.compile(rf"^(?P<name>{NAME}) (?:writes for|is a (?:senior )?(?:fellow|researcher|professor|correspondent|contributor))", re.MULTILINE),
]
PRESENT_YEAR = re.compile(r"\b(?:heading|moving|going|entering|(?:deeper|further|well) into|so far in|earlier this year,?|this year,)\s+(?:deeper\s+|further\s+)?(?:into\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
STORE_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.MULTILINE)


@cache
def _publishers() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for canonical, aliases in load("organisations")["publishers"].items():
        for a in [canonical, *aliases]:
            names[a] = canonical
    return alternation(list(names)), names


@cache
def _organisations() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for canonical, spec in load("organisations")["organisations"].items():
        for a in [canonical, *spec.get("aliases", [])]:
            names[a] = canonical
    return alternation(list(names)), names


def organisation_mentions(text: str) -> list[tuple[int, str]]:
    pat, names = _organisations()
    return [(m.start(), names[m.group(0)]) for m in pat.finditer(text)]


DELEGATION_OF = re.compile(r"\b(?:delegation|members?|parliamentarians|lawmakers|MPs|legislators|group|mission)\s+(?:of|from)\s+(?:the\s+)?$", re.I)
DELEGATION_AFTER = re.compile(r"^['’]?s?\s+(?:delegation|parliamentarians|lawmakers|MPs|members|legislators|mission)\b", re.I)


def sending_organisation(text: str) -> str | None:
    """The one organisation the text names as a delegation's ("a delegation of the X", "X's
    delegation", "X parliamentarians"); None when none or several are."""
    pat, names = _organisations()
    sending = {names[m.group(0)] for m in pat.finditer(text)
               if DELEGATION_OF.search(text[max(0, m.start() - 40):m.start()]) or DELEGATION_AFTER.match(text[m.end():m.end() + 40])}
    return sending.pop() if len(sending) == 1 else None


STORE_PREFIX = re.compile(r"^date\s+\d{4}-\d{2}-\d{2}\s*")
CREDIT_LINE = re.compile(r"^(?:Interview(?:ed)?\s+by|Written\s+by|Photo(?:graph)?s?\b|Credit|Source|Image|Share|Print)\b", re.I)


def _title_line(line: str, pubs: re.Pattern[str]) -> bool:
    """Could this line be a headline? Four to 25 words, not a sentence of the body, not a
    masthead, byline, credit, breadcrumb, share widget or dateline."""
    words = line.split()
    if not 4 <= len(words) <= 25 or pubs.fullmatch(line) or BYLINE.match(line) or CREDIT_LINE.match(line):
        return False
    if re.search(r"\s[>»|/›·]\s", line) and len(re.findall(r"\s[>»|/›·]\s", line)) >= 1 and \
            all(len(part.split()) <= 3 for part in re.split(r"\s[>»|/›·]\s", line)):
        return False  # "Home > News > Press releases", "SHARE | PRINT"
    if dates.full_dates(line) and len(words) < 8:
        return False
    if re.search(r"(?i)\bread more$|^[^(]*\)", line):
        return False  # a teaser link, or a fragment cut after an opening parenthesis
    return not (line.endswith(".") and len(words) > 8) and not (line.endswith(":") and len(words) > 12)


def title_of(text: str, head: Sequence[str] | None = None) -> str | None:
    """The first headline-like line; None when no line qualifies (no body text as a title)."""
    pubs, _ = _publishers()
    # Markdown heading marks and a store's "date YYYY-MM-DD" prefix are not part of the title
    heads = [STORE_PREFIX.sub("", re.sub(r"^#{1,6}\s+", "", line)) for line in (head_lines(text) if head is None else head)]
    caps: list[str] = []
    for line in heads:  # an all-capitals headline, possibly wrapped over lines (not a short masthead)
        if line.isupper() and "|" not in line and (len(line.split()) >= 4 or caps):
            caps.append(line)
        elif caps:
            break
    if caps and _title_line(" ".join(caps), pubs):
        return " ".join(caps)
    return next((line for line in heads if not line.isupper() and _title_line(line, pubs)), None)


AGENCY_DATELINE = re.compile(r"(?:^|\n)[A-Z][A-Z .'’-]{2,40},?[^\n(]{0,30}$")
OWN_DATELINE = re.compile(r"(?:^|[\n).\d]\s*)[A-Z][\w .'’/-]{2,60},\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2}),?\s+\d{4}\s*[-–—]")
WIRE_CREDIT = re.compile(r"\((?P<name>[A-Z][\w .&'/-]{0,40})\)\s*[-–—:]")


def publisher_of(text: str, kind: str, head: Sequence[str] | None = None) -> str | None:
    pat, names = _publishers()
    lines = head_lines(text) if head is None else head
    for line in lines:
        if pat.fullmatch(line):
            return names[line]
    credit = WIRE_CREDIT.search(text[:1500])  # "MANILA (Reuters) -": the agency that filed it
    if credit:
        name = credit.group("name").strip()
        if pat.fullmatch(name):
            return names[name]
        if AGENCY_DATELINE.search(text[max(0, credit.start() - 60):credit.start()]) and len(name.split()) <= 4:
            return name  # an agency the lexicon does not know, credited in its dateline
    own = any_of(load("organisations")["publisher_lines"], 0)
    for line in lines[:6]:  # "Ministry of Foreign Affairs" heading its own release
        if own.fullmatch(line):
            return line
    m = re.search(rf"writes for\s+(?:the\s+)?({pat.pattern})", text)
    if m:
        return names[m.group(1)]
    own = OWN_DATELINE.search(text[:2000]) or any(
        (f := dates.full_dates(line)) and f[0].start == 0 and f[0].end == len(line) for line in lines[:4])
    if kind == "press_release" and own and not BYLINE.search(text[:3000]):
        # An organisation's own release opens with "CITY, 7 May 2021 –"; without it, a text that
        # mentions an organisation most is not therefore its release.
        found = organisation_mentions(text)
        if sending := sending_organisation(text):
            return sending  # a release about its own delegation's visit
        if found:
            counts: dict[str, int] = {}
            for _, org in found:
                counts[org] = counts.get(org, 0) + 1
            return max(counts, key=lambda o: (counts[o], -[x for _, x in found].index(o)))
    return None


SPEAKER = re.compile(rf"^\s*(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?(?P<name>{NAME})\s*:\s+\S", re.MULTILINE)


def speakers(text: str) -> list[str]:
    """People who speak in turns ("Jane Doe: ..." on two lines or more): an interview's participants."""
    seen: dict[str, int] = {}
    for m in SPEAKER.finditer(text[:20000]):
        name = re.sub(r"\s+", " ", m.group("name")).strip()
        if valid_name(name):
            seen[name] = seen.get(name, 0) + 1
    return [n for n, count in seen.items() if count >= 2]


def authors_of(text: str, head: Sequence[str] | None = None) -> list[str]:
    head = head_lines(text) if head is None else head
    out: list[str] = []
    m = BYLINE.search("\n".join(head) + "\n" + text[:3000])
    if m:  # "By Jane Doe and John Roe", "By Jane Doe, Senior Fellow | 20 December 2022"
        out += [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")) if valid_name(n.strip())]
    honorifics = {h.rstrip(".") for h in load("people")["honorifics"]}
    for pat in AUTHOR_CUES:
        for m in pat.finditer(text[:4000]):
            words = re.sub(r"\s+", " ", m.group("name")).strip(" .").split(" ")
            while len(words) > 2 and words[0].rstrip(".") in honorifics:
                words.pop(0)  # "Professor Michael Green" -> "Michael Green"
            name = " ".join(words)
            if name not in out and len(name.split()) >= 2:
                out.append(name)
    return out + [n for n in speakers(text) if n not in out]


def kind_of(text: str) -> str:
    scores = {k: len(p.findall(text[:6000])) for k, p in kind_cues().items()}
    if len(speakers(text)) >= 2:
        scores["interview"] += 3  # turns of two named speakers
    if BYLINE.search(text[:3000]):
        scores["analysis"] += 2
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else "other"


RANGE_BEFORE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s*(?:[-–—]|to|until|and)\s*$", re.I)


def stated_date(text: str, head: Sequence[str] | None = None) -> str | None:
    """The date the text gives itself near its top: a full date that does not end a range of
    days (that is when a visit took place), a numeric date, or a month and year alone on a line."""
    m = STORE_DATE.search(text[:400])
    if m:
        return m.group(1)
    lines = head_lines(text) if head is None else head

    def full(chunk: str) -> str | None:
        return next((f.value for f in dates.full_dates(chunk)
                     if not RANGE_BEFORE.search(chunk[max(0, f.start - 12):f.start])), None)

    for line in lines:  # a dateline: a short line that holds a date
        if len(line.split()) <= 8:
            found = full(line) or dates.numeric_date(line, dates.full_dates(text)) or dates.month_year_line(line)
            if found:
                return found
    found = full("\n".join(lines))
    if found is None:  # "Thursday, October 9": the year the weekday allows, next to the latest the text names
        latest = inferred_date(text)
        if latest:
            year = int(latest[:4])
            found = next((d for line in lines if len(line.split()) <= 10
                          if (d := dates.weekday_date(line, [year, year + 1]))), None)
    return found


@cache
def _anchors() -> tuple[list[tuple[str, re.Pattern[str]]], re.Pattern[str], re.Pattern[str]]:
    data = load("anchors")
    anchors = [(a["date"], any_of(a["patterns"])) for a in data["anchors"]]
    return anchors, any_of(data["recency_cues"]["after"]), any_of(data["recency_cues"]["before"])


HISTORY_BEFORE = re.compile(r"\b(?:since|began|begun|started|founded|established|signed|dating|dates|back|as early as|until|till|before|after)"
                            r"(?:\s+(?:in|the|its|from|to|back))*\s+(?:[A-Za-z]+\s+)?$", re.I)


def inferred_date(text: str) -> str | None:
    """The latest time the text speaks of as present or past: an explicit "heading into 2019",
    the latest year or month it names, anchors (dated world events) it mentions, and anchors it
    calls upcoming."""
    m = PRESENT_YEAR.search(text)
    if m:
        return m.group(1)
    bound: str | None = None  # the latest date the text must be after
    precise = False
    for f in dates.month_years(text) + dates.years(text):
        if HISTORY_BEFORE.search(text[max(0, f.start - 25):f.start]):
            continue  # "since the 1998 accord", "talks began in 2003": history, not the text's own time
        if bound is None or f.value > bound[: len(f.value)]:
            bound, precise = f.value[:4], False
    anchors, after, before = _anchors()
    upcoming: list[str] = []
    for date, pat in anchors:
        for m in pat.finditer(text):
            window = re.split(r"[,.;:()]", text[max(0, m.start() - 60): m.start()])[-1]
            window = " ".join(window.split()[-7:])
            if before.search(window):
                upcoming.append(date)
            elif bound is None or date > bound:
                bound, precise = date, bool(after.search(window))
    if upcoming:
        year = min(upcoming)[:4]
        if bound is None or year >= bound[:4]:
            return year
    if bound is None:
        return None
    return bound if precise else bound[:4]


def site_publisher(site: str | None) -> str | None:
    """A web page's site name as a publisher: the canonical outlet when it is a known one
    ("Reuters", "reuters.com"), else the name the site gives itself."""
    if not site:
        return None
    pat, names = _publishers()
    bare = re.sub(r"(?i)^www\.|\.(?:com|org|net|co\.uk|int|eu)$", "", site.strip())
    for candidate in (site.strip(), bare):
        if pat.fullmatch(candidate):
            return names[candidate]
    return site.strip()


def describe(lay: Layout) -> DocumentMeta:
    """A document's metadata: from its text first; for web pages, PDFs and Word files the
    file's own metadata (``doc.hints``) fills what the text does not say."""
    doc = lay.doc
    text, hints, head = doc.text, doc.hints, lay.head
    kind = kind_of(text)
    publisher = publisher_of(text, kind, head) or site_publisher(hints.site)
    issuers = set(load("organisations")["organisations"])
    if kind == "press_release" and not (publisher in issuers or (publisher and any_of(load("organisations")["publisher_lines"], 0).fullmatch(publisher))):
        kind = "other"  # a news report of a visit; a press release is the issuing organisation's own
    date = hints.date or stated_date(text, head)
    basis = "stated" if date else "unknown"
    if date is None:
        date = inferred_date(text) or hints.metadata_date
        basis = "inferred" if date else "unknown"
    outlets = {m.casefold() for m in _publishers()[1]} | {(publisher or "").casefold()}
    authors = [a for a in hints.authors if a.casefold() not in outlets] or authors_of(text, head)
    return DocumentMeta(
        id=doc.id,
        path=doc.path,
        sha256=doc.sha256,
        title=hints.title or title_of(text, head),
        publisher=publisher,
        authors=tuple(authors),
        date=date,
        date_basis=basis,
        kind=kind,
        duplicate_of=None,
    )
