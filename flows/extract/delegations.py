"""Delegations: visits by groups of legislators or officials to a host country."""

from __future__ import annotations

import re

from ..models import Delegation, DocumentMeta, Person
from . import dates
from .layout import Layout, ground
from .lexicon import actors, load, organisation_mentions, places, sending_organisation
from .people import _bad_words, people, valid_name
from .text import Sentence, evidence_span

NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12, "two dozen": 24})
NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|(?:twenty|thirty|forty)-(?:one|two|three|four|five|six|seven|eight|nine))"
APPROX = r"(?:(?:around|about|some|nearly|almost|approximately|over|more than)\s+)?"
MEMBERS = [
    re.compile(rf"\b{APPROX}{NUM}[\s-]+(?:national\s+|other\s+|member\s+)?(?:parliamentarians|lawmakers|legislators|members of (?:the )?(?:[A-Z][a-z]+ )?(?:parliament|assembly|congress)|MPs|MEPs|delegates|senators|deputies|parliamentary members|representatives)\b", re.I),
    re.compile(rf"\b{APPROX}{NUM}[\s-]+(?:member|strong|person)\s+delegation\b", re.I),
    re.compile(rf"\bdelegation (?:of|comprising|consisting of)\s+{APPROX}{NUM}\s+(?:members|people|persons)\b", re.I),
]
COUNTRIES = re.compile(rf"\b{APPROX}{NUM}\s+(?:(?:NATO|EU|Alliance|allied|OSCE|European|member|partner)\s+)*(?:countries|states|nations|member states|Allies)\b", re.I)
VISIT = re.compile(r"\b(?:visit(?:ed|s|ing)?|trip|mission|travel(?:l?ed)?|delegation|tour(?:ed)?|stay)\b", re.I)
DELEGATION = re.compile(r"\b(?:delegation|delegates|parliamentarians|lawmakers|legislators|MEPs|codel)\b", re.I)
VISITED_LIST = re.compile(r"\b(?:visited|visit(?:s)? to|travel(?:l?ed)? to|trip to|stops? in|went to|toured)\s+(?P<list>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*(?:\s*(?:,|and)\s*(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)*)")
LEADER = re.compile(
    r"\b(?:co-led|led|headed|chaired|guided)\s+by\s+(?:(?P<pre>[^,()]{3,90}?),\s+)?(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Senator)\.?\s+)?"
    r"(?P<name>[A-Z][^\s,()]*(?:\s+(?:van|von|de|der|da|di|du|le|la)?\s*[A-Z][^\s,()]*){1,4})\s*(?:\((?P<country>[^)]{2,40})\))?"
)
BODY_WORD = r"(?:[A-Z][\w&’'-]*|and|on|of|for|the|&)"
BODY = re.compile(
    rf"(?:(?:Sub-?[Cc]ommittee|Committee|Commission|Working Group|Delegation|Panel)\s+(?:on|for|of)\s+(?:relations\s+with\s+(?:the\s+)?)?[A-Z][\w&’'-]*(?:\s+{BODY_WORD})*"
    rf"|[A-Z][\w&-]*(?:\s+(?:and|of|on|for|&|[A-Z][\w&-]*))*?\s+(?:Sub-?[Cc]ommittee|Committee|Commission)(?!\s+(?:on|for|of)\s))"
    r"(?:\s*\((?P<acr>[A-Z][A-Za-z&-]{1,9})\))?"
)
# "Anna Berg (Norway), who co-led the delegation", "Anna Berg led the delegation": the active voice
LEADER_ACTIVE = re.compile(
    r"(?P<name>[A-Z][^\s,()]*(?:\s+(?:van|von|de|der|da|di|du|le|la)?\s*[A-Z][^\s,()]*){1,3})\s*(?:\((?P<country>[^)]{2,40})\))?,?"
    r"\s+(?:who\s+)?(?:co-led|led|headed|chaired)\s+(?:the|a|an|this|their)\s+(?:[\w-]+\s+){0,3}?(?:delegation|visit|mission)\b")
DATELINE = re.compile(r"^[A-Z][\w ’'/.-]{1,80},\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2}),?\s+\d{4}\s*[-–—]", re.M)




def number(word: str) -> int | None:
    word = word.casefold()
    if word.isdigit():
        return int(word)
    if "-" in word and word not in NUMBER_WORDS:
        tens, ones = word.split("-", 1)
        return NUMBER_WORDS.get(tens, 0) + NUMBER_WORDS.get(ones, 0) or None
    return NUMBER_WORDS.get(word)


def is_delegation_document(text: str) -> bool:
    return bool(DELEGATION.search(text)) and bool(re.search(r"\b(?:visit(?:ed)?|led by|headed by|trip to)\b", text, re.I))


def sentence_at(sents: list[Sentence], pos: int) -> Sentence | None:
    for s in sents:
        if any(a <= pos < b for a, b in s.pieces):
            return s
    return None


def _first(patterns: list[re.Pattern[str]], sents: list[Sentence]) -> tuple[int | None, Sentence | None]:
    for s in sents:
        if not VISIT.search(s.text) and not DELEGATION.search(s.text):
            continue
        for pat in patterns:
            m = pat.search(s.text)
            if m and (n := number(m.group("n"))) and n > 1:
                return n, s
    return None, None


FROM_LIST = re.compile(r"\b(?:parliamentarians|lawmakers|legislators|members|MPs|MEPs|delegates)\s+(?:\w+\s+){0,2}?from\s+(?P<list>[^.;:()]{3,300})", re.I)


def countries_listed(sents: list[Sentence]) -> tuple[int | None, Sentence | None]:
    """Member countries counted from a list: "parliamentarians from Belgium, Canada and France"."""
    for s in sents:
        for m in FROM_LIST.finditer(s.text):
            text, found, pos = m.group("list"), set(), 0
            for x in actors().find(text):  # a run of country names joined by commas and "and"
                if x.form == "demonym" or actors().kinds.get(x.actor) != "country" or \
                        not re.fullmatch(r"\s*(?:,|and|, and)?\s*(?:the\s+)?", text[pos:x.start]):
                    break
                found.add(x.actor)
                pos = x.end
            if len(found) >= 2:
                return len(found), s
    return None, None


def host_country(text: str, body_start: int) -> str | None:
    where = places().country_of
    for m in VISITED_LIST.finditer(text, body_start):
        for name in re.split(r"\s*(?:,|\band\b)\s*", m.group("list")):
            name = name.removeprefix("the ").strip()
            country = actors().canonical(name)
            if country and actors().kinds.get(country) == "country":
                return country
            if name in where:
                return where[name]
    counts: dict[str, int] = {}
    for mention in actors().find(text[body_start:]):
        if actors().kinds.get(mention.actor) == "country":
            counts[mention.actor] = counts.get(mention.actor, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def places_visited(text: str, body_start: int, host: str | None, sents: list[Sentence]) -> list[str]:
    """Cities of the host country named as visited ("visited Tokyo and Osaka"), or named where the
    delegation met or heard people ("briefings hosted by ... in Tokyo"); not datelines."""
    where = places().country_of
    out: list[str] = []
    for m in VISITED_LIST.finditer(text, body_start):
        out += [name for _, _, name in places().find(m.group("list")) if where.get(name) == host]
    for start, end, name in places().find(text, body_start):
        before, after = text[max(0, start - 14): start], text[end: end + 12]
        if re.search(r"University of\s+$", before) or re.match(r"\s+University", after):
            continue
        if where[name] == host and (s := sentence_at(sents, start)) is not None \
                and (VISIT.search(s.text) or MET.search(s.text)):
            out.append(name)
    return list(dict.fromkeys(out))


def _active_leader(sents: list[Sentence]) -> tuple[Person | None, Sentence | None]:
    for s in sents:
        m = LEADER_ACTIVE.search(s.text)
        if m and m.group("name").split()[0] not in _bad_words():
            country = actors().canonical(m.group("country")) if m.group("country") else None
            return Person(name=m.group("name").rstrip(".;:"), role=None, country=country), s
    return None, None


def leader_of(sents: list[Sentence]) -> tuple[Person | None, Sentence | None]:
    for s in sents:
        m = LEADER.search(s.text)
        if not m:
            continue
        role_words: list[str] = []
        tokens = m.group("name").split()
        titled = [i for i, t in enumerate(tokens[:-2]) if t in _bad_words()]
        if titled:  # "led by Chair Reinhard Bütikofer", "led by Political Committee Chairman Rasa Jukneviciene"
            role_words, tokens = tokens[: titled[-1] + 1], tokens[titled[-1] + 1:]
        labels = set(load("cues")["label_nouns"])
        while len(tokens) > 2 and (tokens[0] in labels or actors().lookup.get(tokens[0], ("", ""))[1] == "demonym"):
            role_words.append(tokens.pop(0))  # "Dutch MP Jan de Vries": nationality and office, then the name
        name = " ".join(tokens).rstrip(".;:")
        ppl = [p for p in people(s.text[m.start("name") - 1:]) if p.name.startswith(name)]
        if ppl:
            name = ppl[0].name  # a longer name the people patterns see ("Jo Day" -> "Jo Day-Lewis")
        country = actors().canonical(m.group("country")) if m.group("country") else None
        role = m.group("pre").strip() if m.group("pre") else (" ".join(role_words) or None)
        role = re.sub(r"^(?:its|the|their|his|her)\s+", "", role) if role else None
        if country is None and role:  # "chaired by Dutch MP Jan de Vries": the demonym gives the country
            country = next((x.actor for x in actors().find(role) if x.form == "demonym"), None)
        return Person(name=name, role=role, country=country), s
    return _active_leader(sents)


HOST_BODY = re.compile(r"\b(?:met|meets|meeting with|talks with|discussions with|exchanged views with|received by|hosted by|"
                       r"briefed by|addressed)\s+(?:[\w’'-]+\s+){0,4}$", re.I)


def _before_people(body: str) -> str:
    """The body's name without the people listed after it ("Committee on Foreign Affairs Anna Berg
    and Jan Nowak" -> "Committee on Foreign Affairs")."""
    tokens = body.split()
    for i in range(2, len(tokens) - 4):
        if valid_name(" ".join(tokens[i:i + 2])) and tokens[i + 2] == "and" and valid_name(" ".join(tokens[i + 3:i + 5])):
            return " ".join(tokens[:i])
    return body


def bodies_of(sents: list[Sentence]) -> list[str]:
    """The visiting bodies (committees, sub-committees, delegations) as written; the host's own
    committees the delegation met are not among them."""
    out: dict[str, str] = {}
    for s in sents:
        for m in BODY.finditer(s.text):
            if HOST_BODY.search(s.text[max(0, m.start() - 60):m.start()]):
                continue  # "met the Defence Committee": the host's body, not the visitors'
            body = _before_people(re.sub(r"\s+", " ", m.group(0)).strip())
            if not m.group("acr"):
                body = re.split(r"\s+and\s+the\s+|,", body)[0]
                body = re.sub(r"(?:\s+(?:and|on|of|for|the|&))+$", "", body)
            body = re.sub(r"^(?:the|The|Assembly[’']s|Parliament[’']s)\s+", "", body)
            if len(body.split()) < 2:
                continue
            key = m.group("acr") or body.casefold()
            out.setdefault(key, body)
    return list(out.values())


def visiting_organisation(text: str, visit: list[Sentence]) -> str | None:
    """The organisation whose members travel: the one named as the delegation's, else the one the
    visit's own sentences name, else the one the text names most (an assembly a delegation visits
    is not the one it comes from)."""
    orgs = organisation_mentions(text)
    if not orgs:
        return None
    sending = sending_organisation(text)
    if sending:
        return sending
    in_visit = {o for pos, o in orgs if any(s.start <= pos < s.pieces[-1][1] for s in visit)}
    if len(in_visit) == 1:
        return in_visit.pop()
    counts: dict[str, int] = {}
    for _, o in orgs:
        counts[o] = counts.get(o, 0) + 1
    return max(counts, key=lambda o: counts[o])


def delegation_of(lay: Layout, meta: DocumentMeta) -> Delegation | None:
    """The visit a document reports, if it reports one."""
    doc, text, sents = lay.doc, lay.text, list(lay.sentences)
    if not is_delegation_document(text):
        return None
    dl = DATELINE.search(text[:600])
    body_start = dl.end() if dl else 0
    # a day range without its year takes the year of a date the document states, never of a guess
    year = int(meta.date[:4]) if meta.date and meta.date_basis == "stated" else None
    evidence: list[Sentence] = []

    visit = None
    for s in sents:
        ranges = dates.day_ranges(s.text, year)
        if ranges and VISIT.search(s.text):
            visit = (ranges[0], s)
            break
    start = end = None
    if visit:
        start, end = visit[0].first, visit[0].last
        evidence.append(visit[1])
    members, s_members = _first(MEMBERS, sents)
    countries, s_countries = _first([COUNTRIES], sents)
    if countries is None:
        countries, s_countries = countries_listed(sents)
    leader, s_leader = leader_of(sents)
    for s in (s_members, s_countries, s_leader):
        if s is not None and s not in evidence:
            evidence.append(s)
    organisation = visiting_organisation(text, evidence)
    host = host_country(text, body_start)
    if not (start or members or leader):
        # A visit worded without dates, size or leader: an organisation, a visit and a host suffice.
        cue = next((s for s in sents if VISIT.search(s.text)), None) if organisation and host else None
        if cue is None:
            return None
        evidence.append(cue)
    excluded = {leader.name} if leader else set()
    interlocutors = []
    for p in people(text[body_start:]):
        if p.name in excluded or p.country or _foreign(p.role, host):
            continue
        if p.role and organisation_mentions(p.role):
            continue  # "the Assembly's President X": one of the visitors, not someone they met
        if leader and (p.name in leader.name or leader.name in p.name):
            continue
        if not _met(text, sents, body_start + p.start):
            continue
        interlocutors.append(Person(name=p.name, role=p.role, country=None))
    return Delegation(
        document_id=doc.id,
        organisation=organisation,
        bodies=tuple(bodies_of(sents)),
        host_country=host,
        places=tuple(places_visited(text, body_start, host, sents)),
        start_date=start,
        end_date=end,
        members=members,
        member_countries=countries,
        leader=leader,
        interlocutors=tuple(interlocutors),
        evidence=tuple(ground(doc, *evidence_span(s)) for s in sorted(evidence, key=lambda s: s.start)),
    )


MET = re.compile(r"\b(?:met|meets?|meetings?|talks|briefed|briefings?|hosted|according to|said|says|stressed|noted|"
                 r"discussions? with|exchanged views|called on|conferred|spoke with|received by|"
                 r"underlined|emphasi[sz]ed|explained|welcomed|told|presented|highlighted|pointed out|informed|"
                 r"discussed|exchanges?|received|courtesy call|addressed|interlocutors|speakers|visited)\b", re.I)
REPORTED = re.compile(r"\bthat\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,6}$")


def _met(text: str, sents: list[Sentence], pos: int) -> bool:
    """Did the delegation meet or hear this person? The sentence speaks of meeting or speaking, and
    the person is not the subject of reported speech ("officials noted that Prime Minister X ...")."""
    s = sentence_at(sents, pos)
    if s is None or not MET.search(s.text):
        return False
    return not REPORTED.search(text[max(0, pos - 80):pos])


def _foreign(role: str | None, host: str | None) -> bool:
    """A role qualified by another country ("US President", "North Korean leader")."""
    if not role:
        return False
    found = [m.actor for m in actors().find(role)]
    return bool(found) and host not in found

