"""Where a visit goes: the host country (the capital, the places named as visited, the city a
delegation arrives or meets in, the dateline abroad, else the country the body names most) and
the host's places the delegation was in."""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import dates
from .lexicon import actors, places, provinces
from .text import Sentence

VISIT = re.compile(r"\b(?:visit(?:ed|s|ing)?|trip|mission|travel(?:l?ed)?|delegation|tour(?:ed)?|stay)\b", re.I)
NAME_RUN = r"(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*(?:\s+of(?:\s+the)?\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)?"  # "the Republic of Indonesia"
VISITED_LIST = re.compile(r"\b(?i:visited|visiting|visit(?:s)? to|(?:will|to|would) visit|travel(?:l?ed)? to|trip to|stops? in|went to|toured|delegation (?:of [^.,;]{3,60}? )?to|mission to|"
                          rf"arrival (?:of [^.,;]{{3,80}}? )?in|arrived in)\s+(?P<list>{NAME_RUN}(?:\s*(?:,|and)\s*{NAME_RUN})*)")


def sentence_at(sents: list[Sentence], pos: int) -> Sentence | None:
    for s in sents:
        if any(a <= pos < b for a, b in s.pieces):
            return s
    return None


CAPITAL = re.compile(r"\b(?:the|its)\s+(?:(?P<demonym>[A-Z][\w’'-]+)\s+)?capital(?:\s+city)?(?:\s+of)?,?\s+(?P<city>[A-Z][\w’'-]+)")
NOTE_OPEN = re.compile(r"[^\W\d_][\w’'-]+\s*\((?:[A-Z][\w.-]*\s*[,/]\s*)*$")


def host_country(text: str, body_start: int, sents: Sequence[Sentence] = ()) -> str | None:
    where = places().country_of
    for m in CAPITAL.finditer(text, body_start):  # "in the Mongolian capital of Ulaanbaatar"
        country = actors().canonical(m.group("demonym") or "") or where.get(m.group("city"))
        if country and actors().kinds.get(country) == "country":
            return country
    for m in VISITED_LIST.finditer(text, body_start):
        for name in re.split(r"\s*(?:,|\band\b|\.\s|\n)\s*", m.group("list")):
            name = name.removeprefix("the ").strip()
            found = actors().find(name)
            if found and found[0].form == "demonym":
                continue  # "visiting German lawmakers": the visitors, not the visited
            country = actors().canonical(name) or (found[-1].actor if re.match(r"(?:Republic|Kingdom|State|Commonwealth|Federation) of\b", name) and found else None) \
                or (name if name in actors().kinds and name not in actors().lookup else None)  # "a delegation to Jordan": a name also a person's
            if country and actors().kinds.get(country) == "country":
                return country
            if name in where:
                return where[name]
    for m in re.finditer(r"\b(?:meets?|met|hosting|hosts|arrived|arrival|visit(?:ed|s|ing)?|(?i:delegation))\b[^.;]{0,80}?\bin\s+(?P<city>[A-Z][\w’'-]+)"
                         r"|\b(?:(?i:delegation)|delegates|MPs|senators|parliamentarians)\b[^.;]{0,160}?\b(?:session|meeting|summit|conference|forum)\s+of\s+the\s+[^.;]{3,80}?\bin\s+(?P<city2>[A-Z][\w’'-]+)", text[body_start:body_start + 3000]):
        city = m.group("city") or m.group("city2")
        if city in where:  # "… meets Russian politicians in Oslo", "the winter session of the Assembly in Vienna"
            return where[city]
    counts: dict[str, int] = {}
    # else the country the body's sentences name most (a sentence's mentions are read once for every extractor)
    chunks = [s.text if s.start >= body_start else text[body_start:s.pieces[-1][1]] for s in sents if s.pieces[-1][1] > body_start] \
        if sents else [text[body_start:]]
    for chunk in chunks:
        for mention in actors().find(chunk):
            if NOTE_OPEN.search(chunk, max(0, mention.start - 40), mention.start):
                continue  # "Kimmo Kiljunen (Finland, SOC)": a delegate's nationality, not where they go
            if actors().kinds.get(mention.actor) == "country":
                counts[mention.actor] = counts.get(mention.actor, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


SUBDIVISION = re.compile(r"\b(?P<name>[A-Z][\w’'-]+)\s+(?:Prefecture|Province|Region|Oblast|Governorate|County|Voivodeship)\b")


def places_visited(text: str, body_start: int, host: str | None, sents: list[Sentence], head: Sequence[str] = ()) -> list[str]:
    """Cities of the host country named as visited ("visited Tokyo and Osaka"), named where the
    delegation met or heard people ("briefings hosted by ... in Tokyo"), the capital it was in,
    the places a report's heading gives with the visit's dates ("Tokyo & Miyagi 11-15 February
    2013"), and the host's prefectures and provinces the visit's sentences name; not datelines."""
    where = places().country_of
    out: list[str] = []
    for line in head[:8]:
        r = dates.day_ranges(line, None)
        if r and len(line.split()) <= 10:
            out += [n.strip() for n in re.split(r"\s*(?:,|&|\band\b)\s*", line[:r[0].start]) if where.get(n.strip()) == host]
    for m in CAPITAL.finditer(text, body_start):  # "in the capital Ulanbataar": the host's, however spelt
        city, named = m.group("city"), actors().canonical(m.group("demonym") or "")
        if host and (where.get(city) == host or named == host or (named is None and city not in where)) \
                and actors().lookup.get(city, ("", ""))[1] != "alias":  # a capital, not a country's name
            out.append(city)
    for m in SUBDIVISION.finditer(text, body_start):
        if provinces().get(m.group("name")) == host and (s := sentence_at(sents, m.start())) is not None and VISIT.search(s.text):
            out.append(m.group(0))
    for m in VISITED_LIST.finditer(text, body_start):
        out += [name for _, _, name in places().find(m.group("list")) if where.get(name) == host]
    for start, end, name in places().find(text, body_start):
        before, after = text[max(0, start - 14): start], text[end: end + 12]
        if re.search(r"University of\s+$", before) or re.match(r"\s+University", after):
            continue
        if where[name] == host and (s := sentence_at(sents, start)) is not None \
                and (VISIT.search(s.text) or MET.search(s.text) or TRAVEL.search(s.text)):
            out.append(name)
    # "the visit to Singapore": the country's own name, not a place in it (a capital is a place, though it may stand for its country)
    return [p for p in dict.fromkeys(out) if not (actors().canonical(p) == host and actors().lookup.get(p, ("", ""))[1] != "metonym")]


TRAVEL = re.compile(r"\b(?:ventured|went|travell?ed|moved on|flew|headed|stopped|journey(?:ed)?)\s+(?:on\s+)?(?:to|into|in|through)\b", re.I)
MET = re.compile(r"\b(?:met|meets?|meetings?|talks|briefed|briefings?|hosted|according to|said|says|stressed|noted|greeted|delegation was led by|"
                 r"discussions? with|exchanged views|called on|conferred|spoke with|received by|"
                 r"underlined|emphasi[sz]ed|explained|welcomed|told|presented|highlighted|pointed out|informed|"
                 r"discussed|exchanges?|received|courtesy call|addressed|interlocutors|speakers|visited)\b", re.I)
