"""Who travels on a visit and what they belong to: the visiting organisation (an assembly, a
national parliament, a party) and the bodies it sends; leaders and members are read in
:mod:`.leaders`."""

from __future__ import annotations

import re
from functools import cache

from .lexicon import actors, load, organisation_mentions, sending_organisation
from .people import valid_name
from .text import Sentence

NATIONAL = r"(?i:MPs|lawmakers|legislators|parliamentarians|senators|deputies|parliamentary delegation|parliamentary members|Senate delegation|members of parliament|Diet members|politicians)"
HOST_BODY = re.compile(r"\b(?:met|meets|meeting with|talks with|discussions with|exchanged views with|received by|hosted by|"
                       r"briefed by|addressed)\s+(?:[\w’'-]+\s+){0,4}$|\b(?:met|meeting|talks)\s+(?:with\s+)?(?:the\s+)?(?:chair|chairman|chairwoman|chairperson|head|members?)\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,2}$", re.I)
BODY_WORD = r"(?:[A-Z][\w&’'-]*|and|on|of|for|the|&)"
BODY = re.compile(
    rf"(?:(?:(?:Sub-?[Cc]ommittee|Committee|Commission|Working Group|Panel)\s+(?:on|for|of)|Delegation\s+(?:for(?=\s+(?:[Rr]elations|[Nn]orthern|the\s+[A-Z]))|to\s+the)|delegation\s+for(?=\s+[Rr]elations))\s+(?:[Rr]elations\s+with\s+(?:the\s+)?)?[A-Z][\w&’'-]*(?:\s+{BODY_WORD})*"
    rf"|[A-Z][\w&-]*(?:\s+(?:and|of|on|for|&|[A-Z][\w&-]*))*?\s+(?:Sub-?[Cc]ommittee|Committee|Commission)(?!\s+(?:on|for|of)\s))"
    r"(?:\s*\((?P<acr>[A-Z][A-Za-z&]*(?:\s?-\s?[A-Z][A-Za-z&]*)?)\))?")  # "(D-IN)", "(D - CA)"
# a body of the text's own naming: "a delegation of the minor Democratic Labor Party"
NAMED_BODY = re.compile(r"\bdelegation of (?:the\s+)?(?:[a-z]+\s+)?(?P<org>(?:[A-Z][\w’'-]*\s+){1,5}(?:Party|Parliament|Senate|Congress|Caucus|Union|League|Front))\b")


@cache
def _national_parliaments() -> dict[str, str]:
    """Country -> the national parliament the data knows for it ("Germany" -> "Bundestag")."""
    return {spec["country"]: name for name, spec in load("organisations")["organisations"].items() if spec.get("country")}


def org_country(org: str | None) -> str | None:
    if not org:
        return None
    spec = load("organisations")["organisations"].get(org) or {}
    if spec.get("country"):
        return spec["country"]
    m = re.fullmatch(r"Parliament of (?:the )?(.+)", org)
    return actors().canonical(m.group(1)) if m else None


CHAMBER = r"(?:Parliament|Senate|National Assembly|House of Representatives|House of Commons|Congress|Diet|Chamber of Deputies)"
SENT_BY_PARLIAMENT = re.compile(
    rf"\b(?i:delegation|delegates|members|MPs)\s+(?:of|from)\s+the\s+(?:(?P<dem>[A-Z][\w’'-]+)\s+)?{CHAMBER}"
    rf"(?:\s+of\s+(?:the\s+)?(?:{CHAMBER}\s+of\s+)?(?:the\s+)?(?P<country>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,2}}))?")


def sending_parliament(text: str, host: str | None) -> str | None:
    """"The delegation of the Parliament of Kazakhstan", "a delegation of the Kazakh Senate": a
    national parliament named as the delegation's own."""
    for m in SENT_BY_PARLIAMENT.finditer(text):
        country = actors().canonical(m.group("country") or "") or actors().canonical(m.group("dem") or "")
        if country and country != host and actors().kinds.get(country) == "country":
            return _national_parliaments().get(country, f"Parliament of {country}")
    return None


def national_parliament(text: str, host: str | None) -> str | None:
    """"Kazakhstan MPs headed by …", "a Latvian parliamentary delegation": a national parliament
    whose members travel (not the host's own MPs)."""
    for m in re.finditer(rf"(?:(?:['’]s)?\s+|^){NATIONAL}\b", text):
        words = text[max(0, m.start() - 40):m.start()].split()
        for n in (1, 2):  # "Kazakhstan MPs", "South Korean lawmakers"
            country = actors().canonical(" ".join(words[-n:])) if len(words) >= n else None
            if country and country != host and actors().kinds.get(country) == "country":
                return _national_parliaments().get(country, f"Parliament of {country}")
        # "six senators from the United States visited …", "the parliamentary delegation of Georgia"
        after = re.match(r"\s+(?:from|of)\s+(?:the\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})", text[m.end():m.end() + 60])
        country = actors().canonical(after.group(1)) if after else None
        if country and country != host and actors().kinds.get(country) == "country":
            return _national_parliaments().get(country, f"Parliament of {country}")
    return None


# "met the Secretary General of the PACE", "on the sidelines of the PACE session": the organisation visited
VISITED_ORG = re.compile(r"\b(?:met|meet|meets|meeting|with|to|visited|visiting|at|in|attend|attends|attended|(?:sidelines|(?i:session|sessions|meeting)|headquarters|secretariat|"
                         r"Secretary General|Secretary-General|President|members|member states)\s+of)\s+(?:the\s+)?(?:[\w-]+[\s(]+){0,6}$")


# "… the honour of meeting the presiding officers of the Diet and the Speaker of the Korean National Assembly":
# an officer of the organisation is whom the visitors met, the organisation is the host's
MET_OFFICER = re.compile(r"\b(?:met|meet|meeting|talks with|received by|hosted by|called on)\b[^.;]{0,120}\b(?:Speaker|presiding officers?|[Cc]hair(?:man|woman|person)?|leaders?)\s+of\s+(?:the\s+)?$")


def visiting_organisation(text: str, visit: list[Sentence], host: str | None) -> str | None:
    """The organisation whose members travel: the one named as the delegation's; else a national
    parliament whose members the text names as travelling; else the one the visit's own sentences
    name, else the one the text names most (an assembly a delegation visits is not the one it
    comes from); else a body the text names as the delegation's ("a delegation of the X Party")."""
    if sending := sending_organisation(text):
        return sending
    if national := sending_parliament(text, host) or national_parliament(text, host):
        return national
    orgs = [(pos, o) for pos, o in organisation_mentions(text) if not VISITED_ORG.search(text[max(0, pos - 50):pos])
            and not MET_OFFICER.search(text[max(0, pos - 160):pos])]
    if orgs:
        in_visit = {o for pos, o in orgs if any(s.start <= pos < s.pieces[-1][1] for s in visit)}
        if len(in_visit) == 1:
            return in_visit.pop()
        counts: dict[str, int] = {}
        for _, o in orgs:
            counts[o] = counts.get(o, 0) + 1
        return max(counts, key=lambda o: counts[o])
    m = NAMED_BODY.search(text)
    return m.group("org").strip() if m else None


def _before_people(body: str) -> str:
    """The body's name without the people listed after it ("Committee on Foreign Affairs Anna Berg
    and Jan Nowak" -> "Committee on Foreign Affairs")."""
    tokens = body.split()
    for i in range(2, len(tokens) - 4):
        if valid_name(" ".join(tokens[i:i + 2])) and tokens[i + 2] == "and" and valid_name(" ".join(tokens[i + 3:i + 5])):
            return " ".join(tokens[:i])
    return body


OFFICE_OF = re.compile(r"\b(?i:(?:vice[- ]|deputy\s+)?(?:chair(?:man|woman|person)?|president|head|speaker))\s+of\s+(?:the\s+)?(?:\(?[A-Z][\w’'()-]*\s+){0,5}$")
OFFICE_AFTER = re.compile(r"\s+(?:Chair(?:man|woman|person)?|President|Vice-?(?:Chair\w*|President)|Director|Head)\s+[A-Z]")


VISITORS_BODY = re.compile(r"(?:\bdelegations?\s+of\s+(?:the|its|their)|\b(?:its|their))\s+$", re.I)
MEETS_BEFORE = re.compile(r"\b(?:meet|meets|met|meeting|meetings|talks|scheduled with|received by|hosted by|briefed by|representatives of)\b", re.I)


def bodies_of(sents: list[Sentence]) -> list[str]:
    """The visiting bodies (committees, sub-committees, delegations) as written; the host's own
    committees the delegation met, and a body named only as someone's office ("Chairman of the
    Senate Foreign Relations Committee"), are not among them."""
    out: dict[str, str] = {}
    for s in sents:
        for m in BODY.finditer(s.text):
            before = s.text[max(0, m.start() - 60):m.start()]
            if HOST_BODY.search(before) or (re.search(r"[A-Z][\w-]*(?<![’']s)\s+$", before) and re.match(r"(?:Committee|Commission|Panel|Working Group)\b", m.group(0))):
                continue  # "met the Defence Committee" (the host's), "the Monitoring Committee of PACE" (a body already read)
            if s.text.count("“", 0, m.start()) > s.text.count("”", 0, m.start()):
                continue  # a body named inside someone's quoted words ("… preparing to chair the Committee of Ministers")
            if OFFICE_OF.search(before) and not organisation_mentions(before[-40:]):
                continue  # "Zhang Ping, vice chairman of the NPC Standing Committee, hosted …": someone's office, not the visitors' body
            if OFFICE_AFTER.match(s.text, m.end()) or re.search(r"\bplans? to visit\b", s.text):
                continue  # "… Commission Chairwoman Chen Chu" (someone's office); "the X Committee plans to visit" (another trip)
            ours = VISITORS_BODY.search(s.text, max(0, m.start() - 40), m.start()) or organisation_mentions(s.text[max(0, m.start() - 30):m.start()])
            if not ours and MEETS_BEFORE.search(s.text, 0, m.start()):
                continue  # "… due to meet …, the Corruption Prevention Commission": a body the visitors meet
            to_country = re.match(r"Delegation\s+to\s+the\s+(.+)", m.group(0))
            if to_country and any(x.form != "demonym" and actors().kinds.get(x.actor) == "country" for x in actors().find(to_country.group(1))):
                continue  # "Parliamentary Delegation to the Republic of Indonesia": this visit, not a standing body
            body = _before_people(re.sub(r"\s+", " ", m.group(0)).strip())
            tokens = body.split()
            if not m.group("acr") and len(tokens) >= 5 and all(t[:1].isupper() for t in tokens[-3:]) and valid_name(" ".join(tokens[-2:])):
                body = " ".join(tokens[:-2])  # "… on Future Security and Defence Capabilities Xavier Pintat": the body ends before its chair
            if not m.group("acr"):
                body = re.split(r"\s+and\s+the\s+|,", body)[0]
                body = re.sub(r"(?:\s+(?:and|on|of|for|the|&))+$", "", body)
            body = re.sub(r"^(?:the|The|Assembly[’']s|Parliament[’']s)\s+", "", body)
            body = body[0].upper() + body[1:] if body else body
            if len(body.split()) < 2:
                continue
            key = m.group("acr") or body.casefold()
            out.setdefault(key, body)
    # "International Trade Committee" and "International Trade Committee (INTA)": one body
    values = list(out.values())
    return [b for b in values if not any(o != b and o.startswith(b + " (") for o in values)]
