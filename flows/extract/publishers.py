"""Who published a document, by who the text says published it: a masthead or site line, a
wire credit in the dateline ("MANILA (AP) —", "ASTANA. KAZINFORM -"), a credit line at the
end ("/Trend/"), a byline naming an outlet ("By Yonhap"), a ministry heading its own release,
or the organisation whose own release it is. Never by the topics the text is about."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from . import dates
from .head import BRACKET_LABEL, BYLINE, STORE_PREFIX, issuer_line
from .layout import head_lines
from .lexicon import actors, alternation, load, organisation_mentions, places, sending_organisation


@dataclass(frozen=True)
class Outlets:
    pattern: re.Pattern[str]
    names: dict[str, str]  # alias -> canonical
    news: frozenset[str]  # canonical names of news agencies and outlets
    government: frozenset[str]  # canonical names of government bodies (their releases are their own)

    def known(self, name: str) -> str | None:
        name = name.strip()
        return self.names.get(name) or self.names.get(name.removeprefix("The ").strip())


@cache
def outlets() -> Outlets:
    data = load("outlets")
    names: dict[str, str] = {}
    for group in ("news", "institutes", "government"):
        for canonical, aliases in data[group].items():
            for a in [canonical, *aliases]:
                names.setdefault(a, canonical)
    # running text ("told AGERPRES", "writes for The Diplomat") names outlets, not government bodies
    # ("officials told the European Commission"): those are read in head lines, credits and sites only
    in_text = [a for a, canonical in names.items() if canonical not in data["government"]]
    return Outlets(alternation(in_text), names, frozenset(data["news"]), frozenset(data["government"]))


OUTLET_NAME = re.compile(r"(?:[A-Z][\w&.-]*\s+){1,3}(?i:News|Times|Post|Herald|Agency|Press|TV|Radio|Daily|Tribune|Journal|Gazette)")
WIRE_CREDIT = re.compile(r"\((?P<name>[A-Z][\w .&'’/-]{0,40})\)\s*[-–—:]"
                         # "BEIJING (Outlet News / Agency - 24th October, 2022) A delegation …": the credit carries the date
                         r"|\((?P<name2>[A-Z][\w .&'’/]{0,40}?)\s+[-–—]\s+[^()\n]{0,30}\b(?:19|20)\d\d\)")
CREDIT_BEFORE = re.compile(r"(?:^|\n)\s*(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3},?[^\n(]{0,30})?$")
# "ASTANA. KAZINFORM -", "YEREVAN, JUNE 9, ARMENPRESS.": an agency's name in capitals closing a dateline
CAPS_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,30}[.,]\s+(?P<date>[A-Z]{3,9}\.?\s+\d{1,2},\s+)?(?P<agency>[A-Z][A-Z.-]{3,20})\s*(?:[-–—]\s|\.\s)", re.M)
TAIL_CREDIT = re.compile(r"^\s*/(?P<name>[A-Z][\w .&-]{1,30})/\s*$")
PAREN_TAIL = re.compile(r"\((?P<name>[A-Z][\w .&/-]{1,30})\)\s*$")
SITE_LINE = re.compile(r"^(?P<name>[A-Z][\w-]{1,30}\.(?:[A-Za-z]{2,4}))$")
OWN_DATELINE = re.compile(r"(?:^|[\n).\d]\s*)[A-Z][\w .'’/-]{2,60},\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2}),?\s+\d{4}\s*[-–—]")
MONTHS = re.compile(r"(?i)^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$")


SOURCE_LINE = re.compile(r"\s*Source\s*:\s*(?P<name>.+?)\s*(?:\bPublished\b.*)?$")


def _place_word(word: str) -> bool:
    """A city, country or month in capitals ("TOKYO", "JUNE"): part of a dateline, not an agency."""
    title = word.title()
    return bool(MONTHS.match(word) or title in places().country_of or actors().canonical(title) or actors().canonical(word))


def _credit(text: str) -> str | None:
    """The agency a dateline credits: "MANILA (Reuters) -", "Tokyo (AsiaNews/Agencies) –",
    "(VOVWORLD) -", "ASTANA. KAZINFORM -"."""
    o = outlets()
    head = STORE_PREFIX.sub("", text[:1500].lstrip())
    for credit in WIRE_CREDIT.finditer(head):
        given = credit.group("name") or credit.group("name2")
        parts = [p.strip() for p in given.split("/")]
        name = "/".join(p for p in parts if p.casefold() not in ("agencies", "agency", "wires")) or parts[0]
        if credit.group("name2"):
            name = parts[0]  # the outlet first, the agency it took the story from after
        if known := o.known(name) or o.known(given.strip()):
            return known
        if CREDIT_BEFORE.search(head[max(0, credit.start() - 60):credit.start()]) and len(name.split()) <= 4 and not _place_word(name):
            return name  # an agency the lexicon does not know, credited in its dateline
    m = CAPS_DATELINE.search(head[:400])
    if m and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", m.group("agency")):
        m = None  # "WASHINGTON, D.C. –": an abbreviated place, not an agency
    if m and (m.group("date") or not _place_word(m.group("agency").rstrip("."))):  # after a date it is no place
        agency = m.group("agency").rstrip(".")
        return o.known(agency) or agency.title()
    return None


def _tail(text: str) -> str | None:
    """A credit or site name closing the text: "/Trend/", "News.Az"."""
    lines = [ln.strip() for ln in text[-600:].splitlines() if ln.strip()][-4:]
    for line in reversed(lines):
        m = TAIL_CREDIT.match(line) or SITE_LINE.match(line)
        if m:
            return outlets().known(m.group("name")) or m.group("name")
        if (m := PAREN_TAIL.search(line)) and (known := outlets().known(m.group("name"))) in outlets().news:
            return known  # "… the ministry said. (Yonhap)": a news agency credited where the story ends
        if known := outlets().known(line):
            return known
    return None


@cache
def _leading_pattern() -> re.Pattern[str]:
    names = sorted((a for a in outlets().names if len(a) >= 5), key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, names)) + r")(?=\s*(?:[|·•–—-]\s|[A-Z]{3,}))")


def _leading(line: str) -> str | None:
    """An outlet's name opening a line that goes on with a dateline or a separator
    ("Associated PressMANILA, Philippines —", "Reuters | Tokyo")."""
    m = _leading_pattern().match(line)
    return outlets().names[m.group(1)] if m else None


def _masthead(lines: Sequence[str]) -> str | None:
    """An organisation's name heading its own document, alone or with years ("EUROPEAN PARLIAMENT 2009 - 2014")."""
    pat, names = _organisation_names()
    for line in lines[:4]:
        m = pat.fullmatch(re.sub(r"[\s\d–—-]+$", "", line))
        if m:
            return names[m.group(0).casefold()]
    return None


@cache
def _organisation_names() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {a.casefold(): canonical for canonical, spec in load("organisations")["organisations"].items()
             for a in [canonical, *spec.get("aliases", [])] if len(a) > 6}
    return alternation(list(names), re.IGNORECASE), names


PRESENTS = r"(?:\s*\([A-Z][\w-]{1,10}\))?\s+(?:presents|publishes|published|brings you|offers)\b"


def publisher_of(text: str, kind: str, head: Sequence[str] | None = None) -> str | None:
    o = outlets()
    lines = [STORE_PREFIX.sub("", line) for line in (head_lines(text) if head is None else head)]
    for line in lines:
        if known := o.known(line) or _leading(line):
            return known
        if (src := SOURCE_LINE.match(line) or BRACKET_LABEL.match(line)) and (known := o.known(src.group("name")) or o.known(src.group("name").title())):
            return known  # "Source: Global Times Published: 2020/6/8", "《TAIPEI TIMES》Influential …"
    if credit := _credit(text):
        return credit
    if masthead := _masthead(lines):
        return masthead
    m = re.search(rf"(?:^|[.!?,]\s+)(?:[Tt]he\s+)?({o.pattern.pattern}){PRESENTS}", text[:1500], re.M)
    if m:
        return o.names[m.group(1)]  # "The Ankara Center … (ANKASAM) presents the interview"
    m = re.search(rf"\b(?:interview\s+(?:\w+\s+){{0,2}}(?:with|to|for)|told)\s+(?:the\s+)?({o.pattern.pattern})", text[:1500])
    if m:
        return o.names[m.group(1)]  # "has given an interview exclusively with the MOLDPRES …", "told AGERPRES in an interview"
    for line in lines[:3]:
        m = re.match(r"Site icon\s+(?P<name>\S.{1,40})$", line)
        if m:
            return o.known(m.group("name")) or m.group("name")  # an AMP page's site line
    for i, line in enumerate(lines):
        m = re.match(r"By\s+(?P<name>.+?)\s*$", line if line != "By" else f"By {lines[i + 1] if i + 1 < len(lines) else ''}")
        if m and (known := o.known(m.group("name"))):
            return known  # "By Yonhap"
        if m and (named := OUTLET_NAME.fullmatch(m.group("name"))):
            return named.group(0) if not named.group(0).isupper() else named.group(0).title()  # "By GEO NEWS": an outlet signs
    own = issuer_line()
    for line in lines[:6]:  # "Ministry of Foreign Affairs" heading its own release
        if own.fullmatch(line):
            return line
    m = re.search(rf"writes for\s+(?:the\s+)?({o.pattern.pattern})", text)
    if m:
        return o.names[m.group(1)]
    if tail := _tail(text):
        return tail
    own = OWN_DATELINE.search(text[:2000]) or any(
        (f := dates.full_dates(line)) and f[0].start == 0 and f[0].end == len(line) for line in lines[:4])
    if kind == "press_release" and own and not BYLINE.search(text[:3000]):
        # An organisation's own release opens with "CITY, 7 May 2021 –"; without it, a text that
        # mentions an organisation most is not therefore its release.
        orgs = load("organisations")["organisations"]
        found = [(at, org) for at, org in organisation_mentions(text) if orgs[org].get("publishes", True)]
        if (sending := sending_organisation(text)) and orgs[sending].get("publishes", True):
            return sending  # a release about its own delegation's visit
        if isinstance(own, re.Match) and (opening := [org for at, org in found if own.end() <= at < own.end() + 60]):
            return opening[0]  # "CITY, 7 May 2021 – The X's President met …": the release's own subject
        if found:
            counts: dict[str, int] = {}
            for _, org in found:
                counts[org] = counts.get(org, 0) + 1
            return max(counts, key=lambda org: (counts[org], -[x for _, x in found].index(org)))
    return None


def site_publisher(site: str | None) -> str | None:
    """A web page's site name as a publisher: the canonical outlet when it is a known one
    ("Reuters", "reuters.com"), else the name the site gives itself."""
    if not site:
        return None
    bare = re.sub(r"(?i)^www\.|\.(?:com|org|net|co\.uk|int|eu)$", "", site.strip())
    return outlets().known(site) or outlets().known(bare) or site.strip()
