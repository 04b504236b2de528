"""Document metadata: title, publisher, authors, date (stated or inferred), kind.

Title and date are read from the head (:mod:`.head`), the publisher from who the text says
published it (:mod:`.publishers`); authors from bylines, name lines and interview turns; the
kind from the shape of the document (turns of an interview, a recommendations box, a byline
with no dateline) and from who published it."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from collections.abc import Sequence

from ..models import DocumentMeta
from .head import BYLINE, NAME, STORE_PREFIX, CAPTION, heading_year, inferred_date, issuer_line, lower_bound, OPINION_LINE, stated_date, title_of  # noqa: F401
from .layout import Layout, head_lines
from .lexicon import load, organisation_mentions, sending_organisation  # noqa: F401
from .people import best_name, valid_name
from .prefilter import kind_scores
from .publishers import outlets, publisher_of, site_publisher

HON = r"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?"
AUTHOR_CUES = [
    re.compile(rf"^\s*(?:Authors?|Written by|Interviewer|Interviewee)\s*:\s*{HON}(?P<name>{NAME})", re.MULTILINE),
    re.compile(rf"\b(?:author|columnist|interviewer|editor|correspondent|journalist|reporter)\s+(?P<name>{NAME})"),
    # "interview with Semafor's Steve Clemons", "interview with veteran Chinese diplomat Cui Tiankai"
    re.compile(rf"(?<!phone )(?<!video )(?<!separate )\b(?:conversation|interview|interviews) with\s+(?:(?:[A-Z][\w.&-]*\s+){{0,2}}[A-Z][\w.&-]*['’]s\s+)?"
               rf"(?:(?:veteran|former|senior|then|top|retired|newly-appointed|[A-Z][a-z]+(?:an|ese|ish|i))\s+){{0,2}}(?:[a-z-]+\s+)?{HON}(?P<name>{NAME})"),
    re.compile(rf"\b(?:[Ii]nterviewed|[Ii]nterview) by\s+{HON}(?P<name>{NAME})"),
    re.compile(rf"^\s*{HON}(?P<name>{NAME}) (?:was|is) interviewed by\b", re.MULTILINE),
    re.compile(rf"^\s*Insights from\s+{HON}(?P<name>{NAME})\.?\s*$", re.MULTILINE),
    re.compile(rf"^(?P<name>{NAME}) (?:writes for|is a (?:senior )?(?:fellow|researcher|professor|correspondent|contributor))", re.MULTILINE),
]
BY_WITH = re.compile(rf"\binterview\s+by\s+(?:[A-Z][\w.&-]*['’]s\s+)?(?P<by>{NAME})\s+with\s+(?:the\s+)?(?P<with>(?:[A-Z][\w.-]*\s+){{0,4}}{NAME})")
SAT_DOWN = re.compile(rf"(?P<name>{NAME})\s+(?:sat down (?:for an? (?:\w+\s+)?interview )?with|gave an? (?:\w+\s+)?interview to)\b")
ANSWERS = re.compile(rf"(?:^|[.?!]\s+)(?P<who>{NAME})\s*(?:\([^)]{{1,30}}\))?,\s+[^.?!]{{2,80}}?,\s+(?:answers|replies to)\s+{HON}(?P<name>{NAME})", re.M)
SPEAKER = re.compile(rf"^\s*{HON}(?P<name>{NAME})\s*:\s+\S", re.MULTILINE)
TURN = re.compile(r"^\s*(?P<who>Q|A|[A-Z]{2,3}|[A-Z][A-Z-]{3,15})\s*[:.]\s+\S", re.MULTILINE)  # "Q: …", "A. …", "JL: …", "AGENCY: …"
# "NATO Secretary General Jens STOLTENBERG: …": an office and a name before a capitalised surname
TITLED_TURN = re.compile(r"^\s*(?:[A-Z][\w.-]*\s+){1,6}(?P<who>[A-Z][A-Z-]{3,15})\s*:\s+\S", re.MULTILINE)
INTERVIEWED = re.compile(r"\b(?:in an? (?:recent |exclusive |wide-ranging )?interview|given an interview|(?:exclusive )?interview (?:with|to|for))\b", re.I)
INTERVIEW_HEAD = re.compile(r"\binterview(?:ed)? by\b|\bwas interviewed\b|^\s*Insights from\b|\bQ&A\b|"
                            r"(?:^|[.!?]\s+)(?:This|An|The|In this|In an)\s+(?:exclusive\s+)?(?:interview|conversation) with\b", re.I | re.M)
ESSAY = re.compile(r"\bI\s+(?:argue|argued|showed|have shown|contend|believe|conclude|propose|suggest)\b|\bThis (?:article|paper|essay|commentary|analysis) (?:argues|examines|assesses|explores)\b")
RELEASE_LINE = re.compile(r"\s*(?:press|news|media)\s+release\s*|\s*for\s+immediate\s+release\s*", re.I)  # a release labelled as one
LABEL_LINE = re.compile(r"^\s*(?:analysis|commentary|opinion|op-ed|editorial|perspective|viewpoint|column)\s*$", re.I)
# "MANILA, Philippines —", "TOKYO (Kyodo) -", "Tokyo (AsiaNews/Agencies) –": a news report's dateline
NEWS_DATELINE = re.compile(r"^\s*(?:date\s+\S+\s+)?(?:[A-Z][A-Z .'’/-]{2,40}(?:,\s*[A-Z][A-Za-z .'’-]{2,30})?\s*(?:\([^)]{1,40}\)\s*)?"
                           r"|[A-Z][\w .'’-]{2,30}\s*\([^)]{1,40}\)\s*)[-–—:]\s", re.M)


def speakers(text: str) -> list[str]:
    """People who speak in turns ("Jane Doe: ..." on two lines or more): an interview's participants."""
    seen: dict[str, int] = {}
    for m in SPEAKER.finditer(text[:20000]):
        name = re.sub(r"\s+", " ", m.group("name")).strip()
        if valid_name(name):
            seen[name] = seen.get(name, 0) + 1
    return [n for n, count in seen.items() if count >= 2]


def name_line(line: str, text: str) -> list[str]:
    """A line that is only people's names ("Jane Roe and John Poe", "McDaniel Wicker"): its
    authors. Words of a heading are not names: no possessive, and no word the text also writes
    in lower case ("Trans-Pacific View" when the text speaks of a view)."""
    if len(line.split()) > 8 or CAPTION.search(line) or re.match(r"By\s", line) or "’s" in line or "'s" in line \
            or not re.fullmatch(rf"{NAME}(?:\s*(?:,|and|&)\s*{NAME})*", line):
        return []
    names = [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", line)]
    words = {w.casefold() for n in names for w in n.split()}
    if any(re.search(rf"\b{re.escape(w)}\b", text) for w in words if w.isalpha()):
        return []
    return names if all(valid_name(n) for n in names) else []


def byline_after_title(head: Sequence[str], text: str) -> list[str]:
    """The names on the line just after the title (a date line between them is passed over)."""
    title = title_of(text, head)
    lines = [STORE_PREFIX.sub("", line) for line in head]
    if title is None or title not in lines:
        return []
    i = lines.index(title) + 1
    while i < len(lines) and lines[i] != title and len(lines[i].split()) <= 8 and (stated_date(lines[i], [lines[i]]) or lines[i] == title):
        i += 1
    return name_line(lines[i], text) if i < len(lines) else []


def authors_of(text: str, head: Sequence[str] | None = None) -> list[str]:
    head = head_lines(text) if head is None else head
    out: list[str] = []
    m = BYLINE.search("\n".join(head) + "\n" + text[:3000])
    if m:  # "By Jane Doe and John Roe", "By Jane Doe, Senior Fellow | 20 December 2022"
        out += [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")) if valid_name(n.strip())]
    out += [n for n in byline_after_title(head, text) if n not in out]
    honorifics = {h.rstrip(".") for h in load("people")["honorifics"]}
    for pat in AUTHOR_CUES:
        for m in pat.finditer(text[:4000]):
            words = re.sub(r"\s+", " ", m.group("name")).strip(" .").split(" ")
            while len(words) > 2 and words[0].rstrip(".") in honorifics:
                words.pop(0)  # "Professor Michael Green" -> "Michael Green"
            name = " ".join(words)
            if name not in out and valid_name(name):
                out.append(name)
    for m in ANSWERS.finditer(text[:1500]):  # "Jo Lee (EPP), chair of the delegation, answers Ann Roe": both take part
        for name in (m.group("who"), m.group("name")):
            if (name := best_name(re.sub(r"\s+", " ", name))) and name not in out:
                out.append(name)
    for m in BY_WITH.finditer(text[:1500]):  # "an interview by VOA's Jo Lee with Defense Minister Ann Roe": both take part
        for name in (m.group("by"), m.group("with")):
            if (name := best_name(re.sub(r"\s+", " ", name))) and name not in out:
                out.append(name)
    for m in SAT_DOWN.finditer(text[:4000]):  # "… Ambassador Jo Lee sat down for an interview with …": the interviewee
        if (name := best_name(re.sub(r"\s+", " ", m.group("name")))) and name not in out:
            out.append(name)
    turned = speakers(text) or ([n for n in turns_of(text) if " " in n] if INTERVIEWED.search(text[:1500]) else [])
    # a label in capitals alone ("EKHO MOSKVY:") is an outlet's or agency's, not a person's name
    return out + [n for n in turned if n not in out and not n.isupper()]


def turns_of(text: str) -> dict[str, int]:
    """Speaker labels opening lines ("Jane Doe: …", "Q: …", "AGERPRES: …") and how often each speaks."""
    turns: dict[str, int] = {}
    for pattern in (TURN, TITLED_TURN):
        for m in pattern.finditer(text[:20000]):
            turns[m.group("who")] = turns.get(m.group("who"), 0) + 1
    for m in SPEAKER.finditer(text[:20000]):
        name = re.sub(r"\s+", " ", m.group("name")).strip()
        if valid_name(name):
            turns[name] = turns.get(name, 0) + 1
    return turns


def interview_shape(text: str) -> bool:
    """An interview shows itself: turns of two speakers, questions and answers ("Q:" / "A:",
    "AF:" / "JL:", "AGENCY:" / "Jane Doe:"), or its head says so ("interviewed by", "This
    conversation with", "Q&A"); a text that says it comes from an interview and gives one
    question and its answer is one too."""
    turns = turns_of(text)
    if sum(1 for n in turns.values() if n >= 2) >= 2 or (turns.get("Q", 0) >= 2 and turns.get("A", 0) >= 1):
        return True
    if len(turns) >= 2 and INTERVIEWED.search(text[:1500]):
        return True
    return bool(INTERVIEW_HEAD.search(text[:1500])) or questions_and_answers(text) \
        or bool(ANSWERS.search(text[:1500]) and questions_and_answers(text, least=2))


def questions_and_answers(text: str, least: int = 3) -> bool:
    """Unlabelled questions and answers: three or more paragraphs that ask (end with "?"), each
    answered by the next, making a quarter of the paragraphs at least."""
    paras = [p.strip() for p in text[:20000].splitlines() if p.strip()]
    asked = [i for i, p in enumerate(paras) if p.endswith("?") and len(p.split()) <= 60]
    answered = [i for i in asked if i + 1 < len(paras) and not paras[i + 1].endswith("?") and len(paras[i + 1].split()) >= 8]
    return len(answered) >= least and len(asked) >= 0.25 * len(paras)


@lru_cache(maxsize=4)
def _signs(text: str, head: tuple[str, ...]) -> tuple[bool, dict[str, int], bool, bool]:
    """What the kind of a document is read from, once per document: an interview's shape, the
    kind cues' counts with the signs of an author's own argument, and whether a datelined
    reporter's report could still be news (a label or a byline without a dateline says not)."""
    if interview_shape(text) or any(re.search(r"\binterviews?\b", line, re.I) and len(line.split()) <= 12 for line in head[:3]):
        return True, {}, False, False
    scores = {k: n for k, n in kind_scores(text[:6000]).items() if k != "interview"}
    labelled = any(LABEL_LINE.match(line) or OPINION_LINE.search(line) for line in head[:6])
    authored = bool(BYLINE.search(text[:3000])) or bool(byline_after_title(head, text))
    reporter = re.search(r"^\s*By\s+[^\n]{3,60},\s*(?:Reporter|Correspondent|Staff Writer|News Editor|Staff Reporter)\b", text[:2000], re.M)
    if ESSAY.search(text[:6000]):
        scores["analysis"] += 2  # "I argue", "I showed that": an author's own argument
    if any(re.search(r"(?i)\bpolicy (?:brief|paper)\b", line) for line in head[:3]):
        scores["policy_brief"] += 3  # "CSDS POLICY BRIEF • 30/2024" heading it: the series says what it is, signed or not
    return False, scores, labelled, authored and not reporter and not NEWS_DATELINE.search(text[:1500])


def kind_of(text: str, head: Sequence[str] | None = None, publisher: str | None = None) -> str:
    interview, scores, labelled, signed = _signs(text, tuple(head_lines(text) if head is None else head))
    if interview:
        return "interview"
    scores = dict(scores)
    if labelled or (signed and publisher not in outlets().news):
        scores["analysis"] += 2  # a signed commentary, not a datelined news report
    best = max(scores, key=lambda k: scores[k])
    if scores[best] <= 0:
        o = outlets()
        return "analysis" if publisher and publisher not in o.news | o.government and publisher in o.names.values() else "other"
    return best


@cache
def _outlet_names() -> frozenset[str]:
    """Every outlet's names, case-folded, with and without a leading "the"."""
    names = {m.casefold() for m in outlets().names}
    return frozenset(names | {n.removeprefix("the ") for n in names})


def describe(lay: Layout) -> DocumentMeta:
    """A document's metadata: from its text first; for web pages, PDFs and Word files the
    file's own metadata (``doc.hints``) fills what the text does not say."""
    doc = lay.doc
    text, hints, head = doc.text, doc.hints, lay.head
    kind = kind_of(text, head)
    publisher = publisher_of(text, kind, head) or site_publisher(hints.site)
    kind = kind_of(text, head, publisher) if publisher else kind
    issuers = set(load("organisations")["organisations"])
    if kind == "press_release" and not any(RELEASE_LINE.fullmatch(line) for line in head[:8]) and not (publisher in issuers or publisher in outlets().government or (publisher and issuer_line().fullmatch(publisher))):
        kind = "other"  # a news report of a visit; a press release is the issuing organisation's own
    date = hints.date or stated_date(text, head)
    basis = "stated" if date else "unknown"
    if date is None:
        date = heading_year(head) or inferred_date(text) or hints.metadata_date
        basis = "inferred" if date else "unknown"
    title = hints.title or title_of(text, head)
    above = head[:head.index(title)] if title in head else ()  # lines above the title: a masthead, a section
    own = (publisher or "").casefold()
    names = _outlet_names() | {own, own.removeprefix("the ")} | {line.casefold().removeprefix("the ") for line in above}

    def person(a: str) -> bool:  # "By Korea Herald": an outlet signs, no person
        return a.casefold() not in names and a.casefold().removeprefix("the ") not in names
    authors = [a for a in hints.authors if person(a)] or [a for a in authors_of(text, head) if person(a)]
    return DocumentMeta(
        id=doc.id,
        path=doc.path,
        sha256=doc.sha256,
        title=title,
        publisher=publisher,
        authors=tuple(authors),
        date=date,
        date_basis=basis,
        kind=kind,
        duplicate_of=None,
    )
