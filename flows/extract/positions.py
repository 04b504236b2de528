"""Positions: what one actor holds about another (threat, concern, partner), per document.

Sentence by sentence: stance cues (``cues.yaml``) pair with the nearest actor mention that is
not the holder. The holder is whoever the sentence attributes the view to ("Japanese
officials", "Japan considers", "a threat to Japan", "host country interlocutors", "They" after
a sentence that named holders), else the document's subject: the host country of a visit,
or the country the document most often gives views to.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from ..models import Position
from .layout import Layout, ground
from .lexicon import Mention, actors, any_of, compiled_cues, load
from .text import Sentence, evidence_spans

MAX_DISTANCE = 60  # characters between a cue and the actor it is about, when a sentence names several
MAX_SENTENCE = 2000  # characters; longer "sentences" are skipped, which bounds the work per document
PRONOUN_START = re.compile(r"^\W*(?:They|This|These|It|Such|Both)\b")
LIST_ITEM = re.compile(r"^\s*(?:[-–•*▪◦]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s+")  # "- Threat: …", "2. Russia is …"
BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$")
FUNCTION_WORDS = r"(?:under|of|in|on|at|to|from|with|by|for|the|a|an|its|their|that|which|is|are|was|were|has|have|had|will|would)"
LOCATIVE = re.compile(r"\b(?:in|at|near|from|visited|to|around|outside)\s+(?:the\s+)?$")
AGAINST = re.compile(r"\bagainst\s+(?:the\s+)?$")
AFFECTED = re.compile(r"\b(?:(?:effects?|impacts?|implications|consequences|repercussions)\s+(?:\w+\s+)?(?:on|for)"
                      r"|(?:invasion|occupation|attacks?|aggression|war|strikes?)\s+(?:of|on|against|in))\s+(?:the\s+)?$")
POSSESSIVE = re.compile(r"[’']s\s+(?:[a-z-]+\s+){0,2}")
LIST_GAP = re.compile(r"\s*(?:,|and|or|, and|, or)\s*(?:the\s+)?")
ABOUT = re.compile(r"^[\s”\"’')]{0,3}(?:[a-z-]+\s+){0,2}?(?:about|over|with|regarding|posed by|from|by|towards?|against|for)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?$")


@cache
def _holder_rules() -> dict[str, re.Pattern[str]]:
    cues = load("cues")
    nouns = "|".join(re.escape(n) for n in cues["holder_nouns"])
    verbs = "|".join(re.escape(v) for v in cues["holder_verbs"])
    return {
        "noun": re.compile(rf"^(?:\s+(?:(?!{FUNCTION_WORDS}\b)[a-z-]+\s+(?:and\s+)?){{0,3}})?\s*(?:{nouns})\b"),
        "verb": re.compile(rf"^\s+(?:{verbs})\b"),
        # "Japan's view of …", "Poland's assessment": the possessor holds the view
        "view": re.compile(r"^['’]s\s+(?:[a-z-]+\s+){0,2}(?:" + "|".join(map(re.escape, cues["view_nouns"])) + r")\b"),
        "receiver_after": re.compile(r"(?:threat(?:s)?(?:\s+\w+){0,2}\s+(?:to|against|for)|threaten(?:s|ed|ing)?(?:\s+\w+)?|target(?:ed|s)?"
                                     r"|worr(?:y|ies|ied)|alarm(?:s|ed)?|unnerv(?:e|es|ed))\s+(?:the\s+)?$", re.I),
        "receiver_before": re.compile(r"^\s+(?:is|are|was|has|have)\s+(?:\w+\s+){0,3}(?:threatened|a target|been a target|targeted)\b"),
        "officials_in": re.compile(r"\b(?:officials|leaders|policymakers|the government|diplomats|decision-makers|planners)\s+in\s+$"),
        "for": re.compile(r"(?:(?:^|[.;:]\s*)For|\b(?:problematic|worrying|dangerous|difficult|important|crucial|vital|critical|unfavou?rable|favou?rable|bad|good|concern|threat|challenge|partner|ally) for)\s+(?:the\s+)?$"),
        # "Canberra has deepened its alliance with Washington": the subject holds the partnership
        "subject": re.compile(r"\s+(?:has|have|had|is|are|was|were|will|continues to|continued to|remains|seeks to|wants to)?\s*(?:\w+\s+){0,3}?"
                              r"(?:deepen|strengthen|expand|upgrade|build|forge|seek|pursue|value|enhance)\w*\s+(?:\w+\s+){0,3}?"
                              r"(?:alliance|partnership|cooperation|ties|relations)\s+with\b"),
        "host": any_of(cues["host_holders"], 0),
        "speaker": re.compile(r"(?:['’]s)?\s+(?:[A-Za-z-]+\s+){0,3}?(?:" + "|".join(map(re.escape, cues["speaker_roles"])) + r")\b", re.I),
        "speech": re.compile(r"\b(?:" + "|".join(map(re.escape, cues["speech_verbs"])) + r")\b"),
        # "Japan is engaging with X", "Canberra signed a security treaty with Y": the clause's subject
        # holds the relation it enters (relations only: "China's pressure on X" is not China's worry)
        "relation": re.compile(r"\s+(?:[\w’'-]+\s+){0,6}?(?:" + "|".join(cues["stances"]["partner"]) + ")", re.I),
    }


HOLDER_WEIGHT = 5  # an explicit view ("Japanese officials", "a threat to Japan") counts for the default holder
SENTENCE_HEAD = re.compile(r"[\W\d]*")
PAIR_NAME = re.compile(r"[A-Z][\w.]*[-–/][A-Z][\w.]*(?:\s+[A-Z][\w-]*){0,2}\s+$")
NEGATED = re.compile(r"\b(?:not|no|never|nor|without|lack of|instead of)\b(?![^,;:]*[,;:])[^.]*$", re.I)


def in_name(text: str, pos: int) -> bool:
    """A capitalised cue word inside a sentence is part of a name ("Trans-Pacific Partnership",
    "Sub-Committee on Alliance Partnerships"), not a stance, unless the name is that of a pair's
    own relation ("the EU-Japan Strategic Partnership")."""
    if pos == 0 or not text[pos].isupper() or SENTENCE_HEAD.fullmatch(text[:pos]):
        return False
    pair = PAIR_NAME.search(text[max(0, pos - 60):pos])
    return not (pair and len({m.actor for m in actors().find(pair.group(0))}) >= 2)
PERSON_BEFORE = re.compile(r"[A-Z][\w’'.-]+\s*\(\s*$")


@cache
def _label_after() -> re.Pattern[str]:
    return re.compile(r"^\s+(?:" + "|".join(re.escape(n) for n in load("cues")["label_nouns"]) + r")\b")


def is_label(text: str, m: Mention) -> bool:
    """A nationality label, not a country's view: "Maria Rossi (Italy)" after a name, or a
    demonym before a member noun ("Dutch MP", "Italian senators")."""
    if PERSON_BEFORE.search(text[max(0, m.start - 40):m.start]) and re.match(r"\s*\)", text[m.end:m.end + 2]):
        return True
    return m.form == "demonym" and bool(_label_after().match(text[m.end:m.end + 40]))


def subject_of(sents: Sequence[Sentence], host: str | None) -> str | None:
    """Whose views the document reports when a sentence does not say: the host of a visit, else
    the country the document most often gives views to (explicit holders only: a country merely
    named often is not the one whose views are reported)."""
    if host:
        return host
    counts: dict[str, int] = {}
    for s in sents:
        mentions = [m for m in actors().find(s.text) if not is_label(s.text, m)]
        for holder in holders_in(s.text, mentions, None):
            if actors().kinds.get(holder) == "country":
                counts[holder] = counts.get(holder, 0) + HOLDER_WEIGHT
    if not counts:
        return None
    best = max(counts, key=lambda a: counts[a])
    # One explicit view does not make a document that country's voice: say nothing rather than guess.
    return best if counts[best] >= 2 * HOLDER_WEIGHT and counts[best] > sum(counts.values()) / 2 else None


def _speaker(s: str, m: Mention, rules: dict[str, re.Pattern[str]]) -> bool:
    """"…, said Anna Berg, Sweden's foreign minister" / "…, Polish Defence Minister Jan Nowak said":
    the actor names the office of the person the sentence quotes."""
    role = rules["speaker"].match(s, m.end)
    if not role:
        return False
    speech = rules["speech"].pattern
    after = re.match(r"\s+(?:[A-Z][\w.’'-]*\s+){0,4}" + speech, s[role.end():role.end() + 80])
    before = re.search(speech + r"\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s*){1,4},\s*(?:the\s+)?$", s[max(0, m.start - 80):m.start]) \
        or re.search(speech + r"\s+(?:the\s+)?$", s[max(0, m.start - 20):m.start])  # "said the Finnish president"
    return bool(after or before)


def holders_in(s: str, mentions: list[Mention], subject: str | None) -> set[str]:
    rules = _holder_rules()
    out: set[str] = set()
    for k, m in enumerate(mentions):
        after, before = s[m.end:m.end + 60], s[max(0, m.start - 60):m.start]
        if k == 0 and m.form != "demonym" and re.fullmatch(r"\W*(?:(?:But|And|However|Meanwhile|Now)\W+)?(?:the\s+)?", s[:m.start]) \
                and (rules["subject"].match(s, m.end, m.end + 120)
                     or rules["relation"].match(s, m.end, mentions[k + 1].start if k + 1 < len(mentions) else m.end + 90)) or rules["noun"].match(after) or rules["verb"].match(after) or rules["view"].match(after) or rules["for"].search(before) \
                or rules["officials_in"].search(before) or rules["receiver_after"].search(before) or rules["receiver_before"].match(after) \
                or _speaker(s, m, rules):
            out.add(m.actor)
    for a, b in zip(mentions, mentions[1:]):  # "U.S. and Japanese officials": both hold the view
        if b.actor in out and re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*", s[a.end:b.start]) and not BETWEEN.search(s[max(0, a.start - 20):a.start]):
            out.add(a.actor)
    if rules["host"].search(s) and subject:
        out.add(subject)
    return out


def _compounds(s: str, mentions: list[Mention]) -> list[set[int]]:
    """Groups of mentions joined as "Japan-US" or "between X and Y" (indexes into mentions)."""
    groups: list[set[int]] = []
    for i, m in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            n = mentions[j]
            gap = s[m.end:n.start]
            joined = gap in ("-", "–", "/") or (gap.split() in (["and"], ["and", "the"]) and BETWEEN.search(s[max(0, m.start - 20):m.start]))
            if not joined:
                break
            for g in groups:
                if i in g:
                    g.add(j)
                    break
            else:
                groups.append({i, j})
            m = n
    return groups


def _claims(text: str, cues: list[tuple[str, int, int]], mentions: list[Mention],
            groups: list[set[int]], holders: set[str]) -> dict[int, set[int]]:
    """Cues bound to particular mentions: "US-China tensions" binds the cue to the compound
    before it, and "concerned about China, Russia and Iran" to the list after it.
    {cue index: mention indexes}."""
    claims: dict[int, set[int]] = {}
    starts = [m.start for m in mentions]
    cue_starts = [c[1] for c in cues]
    for i, m in enumerate(mentions):  # "China’s military incursions": the possessed noun's cue
        poss = POSSESSIVE.match(text, m.end)
        if poss and m.actor not in holders:
            for ci in range(bisect.bisect_right(cue_starts, m.end), bisect.bisect_right(cue_starts, poss.end())):
                # "China's incursions": China is the target; "Iran's support for Russia" or "Russia's
                # partnership with China": a relation of others, nobody's partner for the holder.
                claims[ci] = set() if cues[ci][0] == "partner" else {i}
    for ci, c in enumerate(cues):
        if ci in claims:
            continue
        for g in groups:
            if 0 <= c[1] - mentions[max(g)].end <= 30:
                claims[ci] = set(g)
                break
        if ci in claims:
            continue
        for i in range(bisect.bisect_left(starts, c[2]), len(mentions)):
            m = mentions[i]
            if m.start - c[2] > 45:
                break
            if m.actor in holders:
                continue
            if ABOUT.match(text[c[2]:m.start]):
                bound = {i}
                for j in range(i + 1, len(mentions)):
                    if not LIST_GAP.fullmatch(text[mentions[j - 1].end:mentions[j].start]):
                        break
                    bound.add(j)
                claims[ci] = bound
            break
    return claims


def _nearest(text: str, cues: list[tuple[str, int, int]], m: Mention, i: int, claims: dict[int, set[int]],
             reach: int = MAX_DISTANCE) -> tuple[str, int, int] | None:
    best, dist = None, reach + 1
    own = [ci for ci, who in claims.items() if i in who]
    for ci, c in enumerate(cues):
        if (ci in claims and i not in claims[ci]) or (own and ci not in own):
            continue
        if c[0] == "partner" and AGAINST.search(text[max(0, m.start - 20):m.start]):
            continue  # "solidarity with the United States against North Korea"
        d = _distance(c, m)
        if d < dist:
            best, dist = c, d
    return best


def _distance(c: tuple[str, int, int], m: Mention) -> int:
    return c[1] - m.end if c[1] >= m.end else m.start - c[2] if c[2] <= m.start else 0


def _threat_about(text: str, cues: list[tuple[str, int, int]], mentions: list[Mention], i: int, claims: dict[int, set[int]],
                  holders: set[str], skip: set[int], reach: int) -> tuple[str, int, int] | None:
    """A threat cue of the sentence whose nearest actor (other than the holders) is mention ``i``."""
    for ci, c in enumerate(cues):
        if c[0] != "threat" or (ci in claims and i not in claims[ci]) or _distance(c, mentions[i]) > reach:
            continue
        others = [j for j, m in enumerate(mentions) if j not in skip and m.actor not in holders]
        if min(others, key=lambda j: (_distance(c, mentions[j]), j)) == i:
            return c
    return None


def _horizon(s: str, cue: tuple[str, int, int]) -> str | None:
    window_start = max(0, cue[1] - 45)
    found = None
    for label, pat in compiled_cues()["horizons"]:
        for m in pat.finditer(s, window_start, cue[2] + 25):
            if found is None or abs(m.start() - cue[1]) < found[1]:
                found = (label, abs(m.start() - cue[1]))
    return found[0] if found else None


def sentence_positions(s: Sentence, subject: str | None, inherited: set[str],
                       prev_targets: set[str] = frozenset()) -> tuple[list[tuple], set[str]]:
    """(holder, target, stance, horizon, cue) tuples for one sentence, and its explicit holders."""
    text = s.text
    named = [m for m in actors().find(text) if not is_label(text, m)]
    # "in Tokyo" is a place, not the government, as a target; "officials in Tokyo" still hold a view
    mentions = [m for m in named if not (m.form == "metonym" and LOCATIVE.search(text[max(0, m.start - 20):m.start]))]
    explicit = holders_in(text, named, subject)
    # a pronoun, or an item of a list a holder introduced ("Japanese officials listed:"), carries the holder on
    holders = explicit or (inherited if PRONOUN_START.match(text) or LIST_ITEM.match(text) else set()) or ({subject} if subject else set())
    if not mentions or not holders:
        return [], explicit  # no actor to hold a view about, or nobody holding one: the cues need not be read
    cues = sorted(((label, m.start(), m.end()) for label, pat in compiled_cues()["stances"] for m in pat.finditer(text)
                   if not in_name(text, m.start()) and not NEGATED.search(text[max(0, m.start() - 45):m.start()])),
                  key=lambda c: (c[1], c[0]))
    if not cues:
        return [], explicit
    skip: set[int] = set()
    groups = _compounds(text, mentions)
    claims = _claims(text, cues, mentions, groups, holders)
    others = {m.actor for m in mentions if m.actor not in holders}
    reach = MAX_DISTANCE if len(others) > 1 else len(text)  # a sentence about one actor: any distance
    for group in groups:
        if not any(mentions[i].actor in holders for i in group):
            skip |= group  # "US-China tensions", "between Washington and Moscow": not the holder's view
        elif not any(cues_near(cues, mentions[i].end, 30) for i in group):
            skip |= group  # "U.S.-Japan two-plus-two meeting": a compound without a relation noun
    out = []
    for i, m in enumerate(mentions):
        if i in skip or m.actor in holders or AFFECTED.search(text[max(0, m.start - 40):m.start]):
            continue  # "effects on the United States", "invasion of Ukraine": affected, not what the view is about
        cue = _nearest(text, cues, m, i, claims, reach)
        if cue is None:
            continue
        if cue[0] == "concern":  # "concerned that North Korea poses a threat": the threat about it outranks the concern
            cue = _threat_about(text, cues, mentions, i, claims, holders, skip, reach) or cue
        for holder in sorted(holders):
            out.append((holder, m.actor, cue[0], _horizon(text, cue), cue, m.start))
    if explicit and not out and not others and PRONOUN_START.match(text):
        # "This demonstrated U.S. and Japanese shared sense of concern.": about the last sentence's targets
        for target in sorted(prev_targets - holders):
            cue = cues[0]
            out += [(h, target, cue[0], _horizon(text, cue), cue, cue[1]) for h in sorted(holders)]
    return out, explicit


def cues_near(cues: list[tuple[str, int, int]], pos: int, reach: int) -> bool:
    return any(0 <= c[1] - pos <= reach for c in cues)


def positions_of(lay: Layout, year: int | None, host: str | None) -> list[Position]:
    doc, sents = lay.doc, lay.sentences
    subject = subject_of(sents, host)
    found: dict[tuple[str, str, str], Position] = {}
    inherited: set[str] = set()
    lead_in: set[str] = set()  # holders of a line ending in ":" that introduces a list
    prev_targets: set[str] = set()
    for s in sents:
        if len(s.text) > MAX_SENTENCE:
            continue  # not a sentence (a run-on line, a table dump): no stance can be read from it
        tuples, explicit = sentence_positions(s, subject, inherited, prev_targets)
        if LIST_ITEM.match(s.text) and lead_in:
            inherited = lead_in  # the list's items share the holder of the line that introduced it
        else:
            inherited = explicit or inherited if PRONOUN_START.match(s.text) else explicit
            lead_in = explicit if s.text.rstrip().endswith(":") else set()
        prev_targets = {t[1] for t in tuples}
        for holder, target, stance, horizon, cue, at in tuples:
            key = (holder, target, stance)
            if key in found:
                if horizon and not found[key].horizon:
                    found[key] = found[key].model_copy(update={"horizon": horizon})
                continue
            # the words that carry the claim: the cue's piece and the target's, when a column break parts them
            spans = [ground(doc, a, b) for a, b in evidence_spans(s, cue[1], at)]
            found[key] = Position(
                holder=holder, target=target, stance=stance, horizon=horizon, year=year, document_id=doc.id,
                evidence=spans[0], more_evidence=tuple(spans[1:]),
            )
    # A threat and a concern about the same actor from the same holder: the threat stands.
    return [p for k, p in found.items() if not (k[2] == "concern" and (k[0], k[1], "threat") in found)]
