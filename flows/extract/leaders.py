"""Who is on a visit: the delegation's leader (led by, heading, chairing, an officer named as
visiting, a chair listed among the members), the leader's country, and the delegation's size
counted from the people it lists."""

from __future__ import annotations

import re

from ..models import Person
from .lexicon import actors, iso_country, load, organisation_mentions
from .people import PersonMention, _bad_words, best_name, clean_role, people, valid_name
from .text import Sentence
from .visitors import org_country

PARTICLE = r"(?:van|von|de|der|da|di|du|le|la)"
TOKEN = r"(?:[A-Z][a-z]?\.\s?[A-Z][\w’'-]+|[A-Z][^\s,();:]*)"  # "I.Adyrbekov", "Zh. Enkhbayar", "Kim"
NAME = rf"(?:[A-Z][a-z]?\.\s?[A-Z][\w’'-]+|[A-Z][^\s,();:]*(?:\s+{PARTICLE}?\s*[A-Z][^\s,();:]*){{1,6}})"
LEADER = re.compile(
    rf"\b(?i:co-led|led|headed|chaired|guided)\s+by\s+(?:(?P<pre>[^,()]{{3,90}}?),\s+|(?P<lrole>(?:[a-z][\w-]*\s+){{0,2}}(?:chairwoman|chairman|chairperson|chair|president|head|speaker|leader|senator|minister|secretary)\s+"
    rf"|(?:(?i:former|then-)\s*)?(?:Chairwoman|Chairman|Chairperson|Chair|President|Speaker|Head)\s+of\s+the\s+[A-Z][\w-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w-]*){{0,3}}\s+(?=[A-Z][\w-]+\s+[A-Z])))?"
    rf"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Senator|Rep)\.?\s+)?"
    rf"(?P<name>{NAME})\s*(?:\((?P<country>[^)]{{2,40}})\))?")
# "Anna Berg (Norway), who co-led the delegation", "Rep. Jo Ray (R-TX), Chair, House Committee led a delegation", "Ray, who led the group"
LEADER_ACTIVE = re.compile(
    rf"(?:(?:Rep|Sen|Senator|Mr|Ms|Mrs|Dr)\.?\s+)?(?P<name>{TOKEN}(?:\s+{PARTICLE}?\s*[A-Z][^\s,()]*){{0,3}})\s*(?:\((?P<country>[^)]{{2,40}})\))?"
    r"(?:,\s+(?:who\s+)?|,\s+[^.;()]{2,80}?,?\s+(?:who\s+)?|\s+(?:of|from)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?,?\s+|\s+)(?:(?:is|was)\s+)?(?:co-led|led|headed|chaired|heading|leading|heads|leads|co-leads)\s+(?:the|a|an|this|their)\s+(?:[\w-]+\s+){0,3}?(?:delegation|visit|mission|group|trip)\b"
    # "… and myself, Ken Ross, member for Flynn and leader of the delegation"
    rf"|(?P<name2>{TOKEN}(?:\s+{PARTICLE}?\s*[A-Z][^\s,()]*){{0,3}}),\s+(?:[^.;()]{{2,80}}?\s+and\s+)?(?:the\s+)?(?:leader|head) of the (?P<qual2>(?:[A-Z][\w-]*\s+){{0,4}})delegation\b"
    # "said the head of the Storting delegation, Anna Berg": the office, then the name
    rf"|\b(?:leader|head) of the (?P<qual3>(?:[A-Z][\w-]*\s+){{0,4}})delegation,\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?(?P<name3>{TOKEN}(?:\s+{PARTICLE}?\s*[A-Z][^\s,()]*){{1,3}})")
# "Nine Members participated: Chair Hans van Baalen (ALDE, NL), …": the chair listed among the members
LISTED_CHAIR = re.compile(rf"\b(?:Chair|Chairman|Chairwoman|Chairperson|Head of (?:the )?[Dd]elegation|President)\s+(?P<name>{NAME})\s*(?:\((?P<country>[^)]{{2,40}})\))?")
# "the Japanese Delegation was led by", "the Chinese side would be led by": the host's side, not the visitors'
HOST_SIDE = re.compile(r"\b(?:delegation|side|team|group)\s+(?:was|were|will be|would be|is)\s+(?:\w+\s+)?$", re.I)
OFFICER = re.compile(r"^(?:[A-Z][\w-]*\s+)?(?:President|Chair|Chairman|Chairwoman|Chairperson|Head|Speaker)\b")
LISTED = re.compile(r"\b(?:delegation|group|CODEL|codel)\b[^.;]{0,40}?\b(?:also\s+)?(?:includes|included|include|consisted of|consists of|consisting of|comprised|comprises|comprising|was made up of|composed of):?\s+"
                    r"|\b(?:other\s+)?members of the delegation (?:also\s+)?(?:included|include|were)\s+|\bmembers (?:participated|took part)\s*:\s*", re.I)
PERSON_IN_LIST = re.compile(rf"(?:(?:Rep|Sen|Senator|Representative|Mr|Ms|Mrs|Dr)\.?\s+)?(?P<name>{NAME})")


def country_of(note: str | None, org: str | None) -> str | None:
    """A leader's country from a note after the name ("(Norway)", "(ALDE, NL)"), else the country
    of a national parliament that sends the delegation."""
    if note:
        parts = [p.strip() for p in re.split(r"[,/;]\s*", note)]
        for found in [actors().canonical(p) for p in parts] + [iso_country(p) for p in parts if p not in NOT_CODES]:
            if found and actors().kinds.get(found) == "country":
                return found
    return org_country(org)


# two letters that name parties, offices and groups in delegates' notes, not countries ("(MP, Sweden)", "(NI)")
NOT_CODES = {"MP", "PM", "FM", "NI", "EU", "UN", "SG", "PA", "VP", "GU", "PR", "ID", "SD"}


def _passive_leader(sents: list[Sentence], org: str | None, host: str | None) -> tuple[Person | None, Sentence | None]:
    for s in sents:
        for m in LEADER.finditer(s.text):
            if host and HOST_SIDE.search(s.text[max(0, m.start() - 30):m.start()]) and any(
                    x.actor == host for x in actors().find(s.text[max(0, m.start() - 60):m.start()])):
                continue  # "the Japanese Delegation was led by Mr. X": the host's delegation
            role_words: list[str] = []
            tokens = m.group("name").split()
            titled = [i for i, t in enumerate(tokens[:-2]) if t in _bad_words() or organisation_mentions(t)]
            if titled:  # "led by Chair Reinhard Bütikofer", "led by Political Committee Chairman Rasa Jukneviciene"
                role_words, tokens = tokens[: titled[-1] + 1], tokens[titled[-1] + 1:]
            while len(tokens) > 2 and (tokens[0] in _bad_words() or organisation_mentions(tokens[0]) or actors().canonical(tokens[0])
                                       or tokens[0].rstrip(".") in ("Sen", "Rep", "Senator", "Congressman", "Congresswoman")):
                role_words.append(tokens.pop(0))  # "led by OSCE Parliamentary Assembly President Pia Kauma", "led by US Sen. Ed Markey"
            labels = set(load("cues")["label_nouns"])
            while len(tokens) > 2 and (tokens[0] in labels or actors().lookup.get(tokens[0], ("", ""))[1] == "demonym"):
                role_words.append(tokens.pop(0))  # "Dutch MP Jan de Vries": nationality and office, then the name
            name = " ".join(tokens).rstrip(".;:")
            ppl = [p for p in people(s.text[m.start("name") - 1:]) if p.name.startswith(name)]
            if ppl:
                name = ppl[0].name  # a longer name the people patterns see ("Jo Day" -> "Jo Day-Lewis")
            if " " not in name and not re.match(r"[A-Z][a-z]?\.", name):
                continue
            role = m.group("pre").strip() if m.group("pre") else (m.group("lrole") or "").strip() or (" ".join(role_words) or None)
            first = re.sub(r"^(?:Mr|Mrs|Ms|Dr|Prof|Sir|Senator|Rep)\.?\s+", "", m.group("pre") or "").strip()
            if m.group("pre") and valid_name(first) and not valid_name(name):
                # "led by Dr. Johann Wadephul, Deputy Chairman of the … group": the name comes first, its office after
                name, role = first, clean_role(s.text[m.start("name"):])
            role = re.sub(r"^(?:its|the|their|his|her)\s+", "", role) if role else None
            country = country_of(m.group("country"), None)
            if country is None and role:  # "chaired by Dutch MP Jan de Vries": the demonym gives the country
                country = next((x.actor for x in actors().find(role) if x.form == "demonym"), None)
            return Person(name=name, role=role, country=country or org_country(org)), s
    return None, None


def _full_name(sents: list[Sentence], surname: str) -> str:
    """The full name a surname stands for, as the text wrote it once ("Klaus-Peter Willsch made …")."""
    for s in sents:
        for m in re.finditer(rf"\b({TOKEN}(?:\s+{TOKEN})?)\s+{re.escape(surname)}\b", s.text):
            first = m.group(1).split()
            while first and (first[0] in _bad_words() or first[0] in load("cues")["label_nouns"] or first[0].rstrip(".") in ("Sen", "Rep", "Mr", "Ms", "Mrs", "Dr")):
                first.pop(0)  # "Senator Jo Park": the office is no part of the name
            if first and not any(t in _bad_words() or actors().canonical(t) for t in first):
                return f"{' '.join(first)} {surname}"
    return ""


def _leader_matches(sents: list[Sentence]):
    """Each sentence's first match of an active leader whose name is a name: a match opening on
    an office or a common word ("Human Rights will be the focus …, with … Peter Heidt leading the
    delegation") gives way to a later start."""
    for s in sents:
        pos = 0
        while (m := LEADER_ACTIVE.search(s.text, pos)) is not None:
            tokens = (m.group("name") or m.group("name2") or m.group("name3")).rstrip(".;:").split()
            while len(tokens) > 1 and tokens[0] in _bad_words():
                tokens.pop(0)
            ended = any(t.endswith(".") and len(t) > 3 for t in tokens[:-1])  # "Oslo. Park is heading …": a sentence ended
            if tokens and not ended and tokens[0] not in _bad_words() and not actors().canonical(" ".join(tokens)) \
                    and (len(tokens) == 1 or valid_name(" ".join(tokens))):  # "Standing Committee, meets with …, who heads": no name
                yield s, m
                break
            pos = m.start() + 1


def _active_leader(sents: list[Sentence], known: list[PersonMention], org: str | None) -> tuple[Person | None, Sentence | None]:
    for s, m in _leader_matches(sents):
        qual = m.group("qual2") or m.group("qual3") or ""
        if any(x.actor != org_country(org) for x in actors().find(qual)):
            continue  # "the head of the Japanese delegation": another country's side
        tokens = (m.group("name") or m.group("name2") or m.group("name3")).rstrip(".;:").split()
        while len(tokens) > 1 and tokens[0] in _bad_words():
            tokens.pop(0)  # "President Sue Lines led the delegation": the office, then the name
        name = " ".join(tokens)
        if " " not in name:  # a surname alone: the person the text named in full before
            name = next((p.name for p in known if p.name.split()[-1] == name), "") or _full_name(sents, name)
        if name:
            return Person(name=name, role=None, country=country_of(m.group("country") if m.group("name") else None, org)), s
    return None, None


def _officer(sents: list[Sentence], known: list[PersonMention], org: str | None) -> tuple[Person | None, Sentence | None]:
    """No "led by": the visiting organisation's president or chair whom the visit's sentences name
    as visiting ("X is the first president of the Assembly to visit Mongolia")."""
    if not org:
        return None, None
    for p in known:
        if not p.role or not OFFICER.match(p.role) or actors().find(p.role):
            continue  # a host's president ("President of Mongolia") is no officer of the visitors
        surname = p.name.split()[-1]
        for s in sents:
            if surname in s.text and org in {o for _, o in organisation_mentions(s.text)} and re.search(
                    rf"\b{re.escape(surname)}\b[^.]{{0,80}}\b(?:to visit|visited|visits|arrived|travell?ed)\b", s.text):
                return Person(name=p.name, role=p.role, country=org_country(org)), s
    return None, None


def _listed_chair(sents: list[Sentence], org: str | None) -> tuple[Person | None, Sentence | None]:
    for s in sents:
        m = LISTED.search(s.text)
        c = LISTED_CHAIR.search(s.text, m.end()) if m else None
        if c and valid_name(c.group("name")):
            return Person(name=c.group("name"), role=None, country=country_of(c.group("country"), org)), s
    return None, None


def leader_of(sents: list[Sentence], org: str | None = None, host: str | None = None,
              known: list[PersonMention] | None = None) -> tuple[Person | None, Sentence | None]:
    known = known or []
    for find in (lambda: _passive_leader(sents, org, host), lambda: _active_leader(sents, known, org),
                 lambda: _listed_chair(sents, org), lambda: _officer(sents, known, org)):
        leader, s = find()
        if leader:
            return leader, s
    return None, None


STAFF = re.compile(r"[^;]{0,40}?\b(?:(?:delegation|committee) secretary|secretary (?:to|of) the delegation|advis[eo]r|interpreter|staff(?:er)?|"
                   r"secretariat)\b", re.I)


PARTIAL = re.compile(r"\b(?:including|among them|among others|such as|notably|amongst whom)\b", re.I)
LIST_END = re.compile(r",?\s+(?:met|meets|said|says|will|would|visited|were|was|have|has|had|expressed|arrived|held|discussed|reaffirmed|called|"
                      r"concluded|completed|ended|wrapped|paid|travell?ed|toured|began|started|attended)\b")


def members_listed(sents: list[Sentence], leader: Person | None) -> tuple[int | None, Sentence | None]:
    """The delegation's size counted from the people it lists ("the delegation included A, B and
    C"), with its leader when the leader is not among them."""
    for s in sents:
        m = LISTED.search(s.text)
        if not m:
            continue
        stop = LIST_END.search(s.text, m.end())  # "composed of A, B and C, met the minister": the list ends at its verb
        if PARTIAL.search(s.text, m.end(), stop.start() if stop else len(s.text)):
            continue  # "comprised members of all parties, including A, B and C": some of them, not a count
        names = [n for x in PERSON_IN_LIST.finditer(s.text, m.end(), stop.start() if stop else len(s.text))
                 if (n := (x.group("name") if x.group(0) != x.group("name") and " " in x.group("name") else best_name(x.group("name"))))  # "Rep. French Hill"
                 and not STAFF.match(s.text, x.end())  # "Ms Jo Lee, delegation secretary": staff, not a member
                 and not (x.start() > m.end() and s.text[x.start() - 3:x.start()] == "of ")]  # "Jo Lee of West Virginia": where a member is from
        if len(names) >= 2:
            extra = 1 if leader and not any(leader.name.split()[-1] in n for n in names) else 0
            return len(names) + extra, s
    return None, None
