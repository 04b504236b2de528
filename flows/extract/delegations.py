"""Delegations: visits by groups of legislators or officials to a host country."""

from __future__ import annotations

import re
from datetime import date, timedelta


from ..models import Delegation, DocumentMeta, Person
from . import dates
from .layout import Layout, ground
from .holders import dateline_country
from .hosts import MET, VISIT, VISITED_LIST, host_country, places_visited, sentence_at
from .lexicon import actors, organisation_mentions
from .people import country_in, people
from .leaders import leader_of, members_listed
from .visitors import bodies_of, national_parliament, org_country, visiting_organisation
from .text import Sentence, evidence_span

NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12, "two dozen": 24})
NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|(?:twenty|thirty|forty)-(?:one|two|three|four|five|six|seven|eight|nine))"
APPROX = r"(?:(?:around|about|some|nearly|almost|approximately|over|more than)\s+)?"
MEMBERS = [
    re.compile(rf"\b{APPROX}{NUM}[\s-]+(?:national\s+|other\s+|member\s+)?(?:parliamentarians|lawmakers|legislators|members of (?:the )?(?:[A-Z][a-z]+ )?(?:parliament|assembly|congress)|MPs|MEPs|delegates|senators|deputies|parliamentary members|representatives)\b", re.I),
    PARTICIPATED := re.compile(rf"\b{NUM}\s+(?:members|MEPs|MPs|parliamentarians|lawmakers)\s+(?:participated|took part|travelled|traveled)\b", re.I),
    # "a four-MEP strong delegation", "the seven-member group led by …"
    re.compile(rf"\b{APPROX}{NUM}[\s-]+(?:(?:member|strong|person)|(?:MEP|MP|member|person)[\s-]+strong)\s+(?:delegation|group|team)\b", re.I),
    re.compile(rf"\bdelegation,?\s+(?:of|comprising|consisting of|composed of|made up of)\s+{APPROX}{NUM}\s+(?:members|people|persons|officials)\b", re.I),
    # "a delegation of 31 bipartisan Japanese parliamentarians"
    re.compile(rf"\bdelegation\s+of\s+{APPROX}{NUM}\s+(?i:bipartisan\s+|cross-party\s+)?(?:[A-Z][a-z]+(?:an|ese|ish|i)\s+)?(?i:parliamentarians|lawmakers|legislators|MPs|MEPs|senators)\b", re.I),
]
# "from 13 NATO member countries", "representing 8 countries": the countries the delegation's members come from
COUNTRIES = [re.compile(rf"\b(?:from|representing|of)\s+{APPROX}{NUM}\s+(?:(?:NATO|EU|Alliance|allied|OSCE|European|member|partner|different)\s+)*(?:countries|states|nations|member states|Allies)\b", re.I),
             re.compile(rf"\b{APPROX}{NUM}\s+(?:(?:NATO|EU|Alliance|allied|OSCE|European)\s+)+(?:member\s+)?(?:countries|states|nations|member states)\b", re.I)]
DELEGATION = re.compile(r"\b(?:delegation|delegates|parliamentarians|lawmakers|legislators|MEPs|codel|senators|congressmen|congresswomen|co-rapporteurs|rapporteurs|monitors|"
                        r"(?:parliamentary |sub-)?committee(?=[^.]{0,60}\bvisit))\b", re.I)
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
    return bool(DELEGATION.search(text)) and bool(re.search(r"\b(?:visit(?:ed)?|led by|headed by|trip to|mission to|fact-finding|arrived|met with|meets|met the|receiv(?:es|ed)|(?-i:met [A-Z]\w+|meeting in [A-Z]\w+)|went to|travell?ed to)\b|[Dd]elegation to [A-Z]", text, re.I))



SUB_GROUP = re.compile(r"\b(?:comprising|comprised|had|with)\s+\w+\s+(?:MEPs|MPs|members|parliamentarians)\b|\b(?:the|its)\s+[A-Z][\w-]{1,10}\s+(?:comprising|comprised|had|was headed)\b")
PROPOSED = re.compile(r"\b(?i:mulls?|mulling|considers?|considering|proposes?|proposed|proposal|push(?:es)? for|hopes? to|invited to|plans? to propose)\b"
                      r"|\b(?:may|might|could|would)\b")  # the modal, not the month ("on 3-6 May")
LEGISLATORS = re.compile(r"\b(?:lawmakers|parliamentarians|legislators|MPs|MEPs|senators|deputies|members of parliament|congressmen|congresswomen)\b", re.I)
ATTENDANCE = re.compile(r"\b(?:attended by|gathered|brought together|bringing together|took part in the|participants? (?:at|in) the)\b", re.I)


AMONG = re.compile(r"\b(?:among|one of)\s+$", re.I)


def _first(patterns: list[re.Pattern[str]], sents: list[Sentence]) -> tuple[int | None, Sentence | None]:
    for s in sents:
        if ATTENDANCE.search(s.text):
            continue  # "a session attended by 300 delegates": the meeting's size, not the delegation's
        about_visit = bool(VISIT.search(s.text) or DELEGATION.search(s.text))
        for pat in patterns:
            if not about_visit and pat is not PARTICIPATED:
                continue
            m = pat.search(s.text)
            if m and AMONG.search(s.text, max(0, m.start() - 12), m.start()):
                continue  # "among five lawmakers sanctioned by Beijing": a set one of them belongs to, not the delegation
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


REPORTED = re.compile(r"\bthat\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,6}$")


def _met(text: str, sents: list[Sentence], pos: int) -> bool:
    """Did the delegation meet or hear this person? The sentence speaks of meeting or speaking, and
    the person is not the subject of reported speech ("officials noted that Prime Minister X ...")."""
    s = sentence_at(sents, pos)
    if s is None or not MET.search(s.text) or NOT_MET.search(s.text):
        return False
    if (bg := BACKGROUND.search(s.text)) and pos - s.start >= bg.end():
        return False  # "The meeting comes as … after X brokered a ceasefire": the news around the visit
    if PLANNED.search(s.text) and all(m.group(0).casefold() in SPEECH_ONLY for m in MET.finditer(s.text)):
        return False  # "X is to lead a delegation to Taiwan …, association official Y said": the news's source, not met
    return not REPORTED.search(text[max(0, pos - 80):pos])


MET_WITH = re.compile(r"\b(?:met|meets|meeting|talks|discussions|called on|calls on|received by|courtesy (?:call|visit) (?:on|to))\s+(?:with\s+)?(?:the\s+)?(?:[\w.’'-]+\s+){0,6}$", re.I)
# "during recent visits by Foreign Minister X to Slovakia": someone else's trip elsewhere
OTHER_TRIP = re.compile(r"\b(?:visits?|trips?|tours?)\s+(?:by|of)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}$", re.I)
PLANNED = re.compile(r"\b(?:will|is to|are to|is scheduled|are scheduled|would be|plans? to|expected to)\b", re.I)
SPEECH_ONLY = {"said", "says", "according to", "told", "noted"}
BACKGROUND = re.compile(r"\b(?:meetings?|visits?|trip|talks)\s+(?:comes?|came)\s+(?:as|after|amid|when|while|just|only|days|weeks|a day|a week)\b", re.I)
# "the government of President X": a person named in another's phrase, not one the delegation met
OF_ANOTHER = re.compile(r"\b(?:government|administration|regime|cabinet|policy|policies|era|rule|leadership|party|family|wife|husband|son|daughter|predecessor)\s+of\s+"
                        r"(?:the\s+)?(?:(?:former\s+)?[A-Z][\w-]*\s+){0,3}$")
# "our Ambassador to Indonesia, Paul Grigson, his Deputy Head of Mission, Dr Justin Lee": the visitors' own staff
OWN_STAFF = re.compile(r"\bour\s+(?:\w+\s+){0,2}(?:ambassador|embassy|embassies|mission|consul|high commissioner|staff|team|diplomats|officials)\b[^.;]*$", re.I)
# "The President was accompanied in meetings in Astana by his Special Representative X": the visitors' own party
ACCOMPANIED = re.compile(r"\baccompanied\b[^.;]{0,40}?\bby\b[^.;]*$")
VISITING_VERB = re.compile(r"\b(?:will visit|visited|visits|is visiting|are visiting|travel(?:l?ed|s)? to|arrived in|will travel to)\b")


def _visitor(sents: list[Sentence], pos: int) -> bool:
    """Is this person among the subjects of the visit ("Deputy Speaker X, two lawmakers … will visit")?"""
    s = sentence_at(sents, pos)
    if s is None:
        return False
    m = VISITING_VERB.search(s.text)
    return bool(m) and s.raw(m.start())[1] > pos and not MET.search(s.text[:m.start()])


NOT_MET = re.compile(r"\b(?:did not (?:materiali[sz]e|take place|happen)|was (?:cancell?ed|called off|postponed)|failed to (?:meet|materiali[sz]e))\b", re.I)
ARRIVED = re.compile(r"\barriv(?:ed|es|ing)\b", re.I)
UNTIL = re.compile(r"\b(?:until|till|through|up to)\s+(?:on\s+)?$", re.I)  # a day the stay lasts until ends it
RELATIVE_DAY = re.compile(r"\barrived\b[^.;]{0,40}?\b(yesterday|today)\b", re.I)


def _foreign(role: str | None, host: str | None) -> bool:
    """A role qualified by another country ("US President", "North Korean leader")."""
    if not role:
        return False
    found = [m.actor for m in actors().find(role)]
    return bool(found) and host not in found



def _dated(s: Sentence, year: int | None) -> list[tuple[int, str]]:
    """The days a sentence names, with where each starts: full dates, else day and month in the
    year of the document's stated date."""
    found = [(f.start, f.value) for f in dates.full_dates(s.text)]
    if found or not year:
        return found
    for pat in dates.DAY_MONTH:
        for m in pat.finditer(s.text):
            if (mon := dates.month_of(m.group("mon1"))) and dates.valid_day(int(m.group("day1")), mon):
                found.append((m.start(), dates.iso(year, mon, int(m.group("day1")))))
    return sorted(found)


def arrival(sents: list[Sentence], meta: DocumentMeta, year: int | None) -> tuple[str | None, str | None, Sentence | None]:
    """The day a delegation arrived ("arrived … on Thursday (April 14)"; "arrived yesterday" in a
    text dated to the day) and the day it stays until ("will be in Japan till 25 February"), when
    no range is given."""
    for s in sents:
        if not (ARRIVED.search(s.text) and (DELEGATION.search(s.text) or re.match(r"\W*(?:They|The group)\b", s.text))):
            continue
        found = _dated(s, year)
        ends = [v for at, v in found if UNTIL.search(s.text, max(0, at - 12), at)]
        starts = [v for at, v in found if not UNTIL.search(s.text, max(0, at - 12), at)]
        if not starts and meta.date and meta.date_basis == "stated" and len(meta.date) == 10 and (rel := RELATIVE_DAY.search(s.text)):
            day = date.fromisoformat(meta.date) - timedelta(days=1 if rel.group(1).lower() == "yesterday" else 0)
            starts = [day.isoformat()]
        start, end = (starts or [None])[0], (ends or [None])[0]
        if start and end and end < start:
            end = None
        if start or end:
            return start, end, s
    return None, None, None


def delegation_of(lay: Layout, meta: DocumentMeta) -> Delegation | None:
    """The visit a document reports, if it reports one: a group of a named organisation (an
    assembly, a national parliament, a party) that travels to a host country."""
    doc, text, sents = lay.doc, lay.text, list(lay.sentences)
    if not is_delegation_document(text):
        return None
    dl = DATELINE.search(text[:600])
    body_start = dl.end() if dl else 0
    # a day range without its year takes the year of a date the document states, never of a guess
    year = int(meta.date[:4]) if meta.date and meta.date_basis == "stated" else None
    evidence: list[Sentence] = []
    visit = next(((r[0], s) for s in sents if (r := dates.day_ranges(s.text, year)) and VISIT.search(s.text)), None)
    start = end = None
    if visit:
        start, end = visit[0].first, visit[0].last
        evidence.append(visit[1])
    else:
        start, end, s_arrived = arrival(sents, meta, year)
        if s_arrived is not None:
            evidence.append(s_arrived)
    host = host_country(text, body_start, sents)
    organisation = visiting_organisation(text, evidence or [s for s in sents if VISIT.search(s.text)][:3], host)
    if organisation is None and not any(LEGISLATORS.search(s.text) and VISIT.search(s.text) for s in sents):
        return None  # a minister's trip: neither an organisation's delegation nor legislators travel
    if organisation is None and host and org_country(national_parliament(text, None)) == host:
        return None  # "U.S. senators asked …" in a story about Washington: the host's own legislators
    if host and org_country(organisation) == host:
        # the visitors' own country is named most; a dateline abroad ("MANILA, Philippines —") says where they are
        host = dated if (dated := dateline_country(text)) and dated != host else None
        if host is None:
            return None  # a parliament at home ("lawmakers ask the PM to address Congress during his visit") goes on no visit
    known = people(text[body_start:])
    members, s_members = _first(MEMBERS, sents)
    if members and sum(1 for s in sents for pat in MEMBERS for _ in pat.finditer(s.text)) > 1 and SUB_GROUP.search(s_members.text):
        members, s_members = None, None  # "the D-IN had eleven MEPs, the SEDE six": a body's count is not the delegation's
    countries, s_countries = _first(COUNTRIES, sents)
    if countries is None:
        countries, s_countries = countries_listed(sents)
    leader, s_leader = leader_of(sents, organisation, host, known)
    if members is None:
        members, s_members = members_listed(sents, leader)
    for s in (s_members, s_countries, s_leader):
        if s is not None and s not in evidence:
            evidence.append(s)
    if not (start or members or leader):
        # A visit worded without dates, size or leader: an organisation, a visit and a host suffice,
        # unless the visit is only mulled or proposed ("mulls sending a delegation").
        cue = next((s for s in sents if VISIT.search(s.text) and (DELEGATION.search(s.text) or LEGISLATORS.search(s.text))), None) if host else None
        if cue is None or PROPOSED.search(cue.text):
            return None  # "the Speaker, on a working visit, met …": one person's visit is no delegation
        evidence.append(cue)
    excluded = {leader.name} if leader else set()
    elsewhere = {c for m in VISITED_LIST.finditer(text, body_start) for x in actors().find(m.group("list")) if (c := x.actor) != host}
    interlocutors = []
    for p in known:
        at = body_start + p.start
        explicit = re.search(r"\b(?:met|meeting with|talks with|met with|received by|hosted by)\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,5}$", text[max(0, at - 60):at])
        if p.name in excluded or p.country or (_foreign(p.role, host) and (not explicit or country_in(p.role) in elsewhere)) \
                or OF_ANOTHER.search(text[max(0, at - 60):at]) or OWN_STAFF.search(text[max(0, at - 120):at]) \
                or ACCOMPANIED.search(text[max(0, at - 200):at]) or OTHER_TRIP.search(text[max(0, at - 60):at]) or re.match(r"['’]s\b", text[at + len(p.name):at + len(p.name) + 2]) \
                or _visitor(sents, at):
            continue
        if p.role and any(org_country(org) != host for _, org in organisation_mentions(p.role)) \
                and not (host and any(x.actor == host for x in actors().find(p.role))):
            continue  # "the Assembly's President X": one of the visitors; "Chairman of the Verkhovna Rada X": the host's, met
        if leader and (p.name in leader.name or leader.name in p.name):
            continue
        # met where the first mention says so, or where a later one is the object of a meeting
        # ("at the invitation of Chairwoman X …", then "held talks with … Chairwoman X")
        later = [body_start + m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(p.name)}(?![\w-])", text[body_start:])][1:]
        if not _met(text, sents, at) and not any(MET_WITH.search(text[max(0, pos - 80):pos]) and _met(text, sents, pos) for pos in later):
            continue
        interlocutors.append(Person(name=p.name, role=p.role, country=None))
    return Delegation(
        document_id=doc.id,
        organisation=organisation,
        bodies=tuple(bodies_of(sents)),
        host_country=host,
        places=tuple(places_visited(text, body_start, host, sents, lay.head)),
        start_date=start,
        end_date=end,
        members=members,
        member_countries=countries,
        leader=leader if leader is None or leader.country else leader.model_copy(update={"country": org_country(organisation)}),
        interlocutors=tuple(interlocutors),
        evidence=tuple(ground(doc, *evidence_span(s)) for s in sorted(evidence, key=lambda s: s.start)),
    )
