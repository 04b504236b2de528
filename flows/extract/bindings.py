"""What a stance cue is about: the actors it binds to in its sentence ("China's incursions",
"concerned about X", "the Japan-US alliance", "partners such as X"), the holder a felt noun
belongs to ("Japanese concerns over …"), relations other actors enter, partnerships two
countries hold together, and the words that make an actor's mention no target (places,
victims, labels, names)."""

from __future__ import annotations

import bisect
import re
from functools import cache

from .holders import lead
from .lexicon import Mention, actors, compiled_cues, load

MAX_DISTANCE = 60  # characters between a cue and the actor it is about, when a sentence names several


BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$")


SOURCE_BEFORE = re.compile(r"\b(?:attacks?|threats?|pressure|aggression|provocations?|interference|hostility|missiles?|disinformation)\s+(?:\w+\s+){0,2}from\s+(?:the\s+)?$", re.I)


LOCATIVE = re.compile(r"\b(?:in|at|near|from|visited|to|around|outside)\s+(?:the\s+)?$")


AGAINST = re.compile(r"\bagainst\s+(?:the\s+)?$")


ORIGIN_AFTER = re.compile(r"[-–](?:developed|made|built|led|backed|based|controlled|owned|sponsored|brokered|funded|supplied|held|occupied|annexed)\b"
                          # "near the Ukrainian border": a demonym naming a place
                          r"|\s+(?:border|borders|coast|coastline|waters|territory|territorial waters|side of the border|airspace|soil|capital|port|islands?|frontier)\b")


@cache
def affected() -> re.Pattern[str]:
    """What stands right before an actor whom a view is not about: the one affected, attacked or
    acted on, or where an act happens (``cues.yaml``: ``affected_before``)."""
    return re.compile(r"\b(?:" + "|".join(load("cues")["affected_before"]) + r")\s+(?:the\s+)?$")


POSSESSIVE = re.compile(r"[’']s\s+(?:[a-z-]+\s+){0,2}")


LIST_GAP = re.compile(r"\s*(?:,|and|or|, and|, or)\s*(?:the\s+)?")


ABOUT = re.compile(r"^[\s”\"’')]{0,3}(?:[a-z-]+\s+){0,2}?(?:about|over|with|regarding|posed by|from|by|towards?|against|for)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?$"
                   r"|^\s*[:–—]\s*$")  # "Threat: Russia", a cue heading its own list item


SENTENCE_HEAD = re.compile(r"[\W\d]*")


PAIR_NAME = re.compile(r"[A-Z][\w.]*[-–/][A-Z][\w.]*(?:\s+[A-Z][\w-]*){0,2}\s+$")


# a negation before the cue, in its clause ("will not allow Iran to build weapons that threaten us" is no negated threat)
NEGATED = re.compile(r"\b(?:not|no|never|nor|without|lack of|instead of)\b(?![^,;:]*[,;:])(?![^.]*\b(?:that|which|who)\b)[^.]*$", re.I)


def in_name(text: str, pos: int) -> bool:
    """A capitalised cue word inside a sentence is part of a name ("Trans-Pacific Partnership",
    "Sub-Committee on Alliance Partnerships"), not a stance, unless the name is that of a pair's
    own relation ("the EU-Japan Strategic Partnership")."""
    if pos == 0 or not text[pos].isupper() or SENTENCE_HEAD.fullmatch(text[:pos]):
        return False
    rest = re.match(r"[\w-]*\s+(?:between|of)\s+(?:the\s+)?", text[pos:pos + 40])
    if rest and len(actors().find(text[pos + rest.end():pos + rest.end() + 60])) >= 2:
        return False  # "the Strategic Partnership between Romania and Japan": the pair's own relation
    pair = PAIR_NAME.search(text[max(0, pos - 60):pos])
    return not (pair and len({m.actor for m in actors().find(pair.group(0))}) >= 2)


PERSON_BEFORE = re.compile(r"[A-Z][\w’'.-]+\s*\(\s*$")


@cache
def _label_after() -> re.Pattern[str]:
    return re.compile(r"^\s+(?:" + "|".join(re.escape(n) for n in load("cues")["label_nouns"]) + r")\b")


def is_label(text: str, m: Mention) -> bool:
    """A nationality label, not a country's view: "Maria Rossi (Italy)" after a name, a demonym
    before a member noun ("Dutch MP", "Italian senators"), or before an office and a person's name
    ("Russian President Vladimir Putin": the person, whose own words the speaker rules read)."""
    if PERSON_BEFORE.search(text[max(0, m.start - 40):m.start]) and re.match(r"\s*\)", text[m.end:m.end + 2]):
        return True
    return m.form == "demonym" and bool(_label_after().match(text[m.end:m.end + 40]) or OFFICE_NAME.match(text, m.end))


OFFICE_NAME = re.compile(r"\s+(?:[A-Z][a-z]+\s+){0,2}(?:President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Minister|Chancellor|Premier|leader)"
                         r"\s+(?:[A-Z][\w’'-]+\s+){1,2}(?![a-z])")


def compounds(s: str, mentions: list[Mention]) -> list[set[int]]:
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


AGENT_GAP = re.compile(r"\s+(?:[a-z]+ly\s+)?")
POSES_GAP = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:pos(?:e|es|ed|ing)|constitut(?:e|es|ed|ing)|represent(?:s|ed|ing)?)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}")
ACT_VERBS = ("threaten", "endanger", "menac", "intimidat", "coerc", "provok", "attack", "bully")


def claims_of(text: str, cues: list[tuple[str, int, int]], mentions: list[Mention],
            groups: list[set[int]], holders: set[str]) -> dict[int, set[int]]:
    """Cues bound to particular mentions: "US-China tensions" binds the cue to the compound
    before it, and "concerned about China, Russia and Iran" to the list after it.
    {cue index: mention indexes}."""
    claims: dict[int, set[int]] = {}
    starts = [m.start for m in mentions]
    cue_starts = [c[1] for c in cues]
    for i, m in enumerate(mentions):  # "China’s military incursions", "Russian aggression": the possessed noun's cue
        poss = POSSESSIVE.match(text, m.end) or (re.compile(r"\s+(?:[a-z-]+\s+){0,2}").match(text, m.end) if m.form == "demonym" else None)
        if poss and m.actor not in holders:
            for ci in range(bisect.bisect_right(cue_starts, m.end), bisect.bisect_right(cue_starts, poss.end())):
                # "China's incursions": China is the target; "Iran's support for Russia" or "Russia's
                # partnership with China": a relation of others, nobody's partner for the holder.
                claims[ci] = set() if cues[ci][0] == "partner" else {i}
        for ci in range(bisect.bisect_left(cue_starts, m.end), len(cues)):  # "Russia threatening Estonia": the verb's subject
            word = text[cues[ci][1]:cues[ci][2]].casefold()
            if ci not in claims and cues[ci][0] != "partner" and m.actor not in holders and (
                    (AGENT_GAP.fullmatch(text, m.end, cues[ci][1]) and word.startswith(ACT_VERBS))
                    or (POSES_GAP.fullmatch(text, m.end, cues[ci][1]) and word.startswith("threat"))):  # "Russia posing a threat to …"
                claims[ci] = {i}
    for ci, c in enumerate(cues):
        if ci in claims:
            continue
        for g in groups:
            # "US-China tensions", and "cooperation between Estonia and the United Kingdom"
            if 0 <= c[1] - mentions[max(g)].end <= 30 or (mentions[min(g)].start >= c[2]
                                                            and re.fullmatch(r"\s*(?:between\s+)?(?:the\s+)?", text[c[2]:mentions[min(g)].start])):
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
            if ABOUT.match(text[c[2]:m.start]) or (re.search(r"\b(?:to|with|about|of|against|over|on|between)$", text[c[1]:c[2]]) and text[c[2]:m.start].strip() in ("", "the")):
                bound = {i}
                for j in range(i + 1, len(mentions)):
                    if not LIST_GAP.fullmatch(text[mentions[j - 1].end:mentions[j].start]):
                        break
                    bound.add(j)
                claims[ci] = bound
            break
    return claims


def nearest(text: str, cues: list[tuple[str, int, int]], m: Mention, i: int, claims: dict[int, set[int]],
             reach: int, usable: set[int]) -> tuple[str, int, int] | None:
    best, dist = None, reach + 1
    own = [ci for ci, who in claims.items() if i in who and ci in usable]
    for ci, c in enumerate(cues):
        if ci not in usable or (ci in claims and i not in claims[ci]) or (own and ci not in own):
            continue
        if c[0] == "partner" and AGAINST.search(text[max(0, m.start - 20):m.start]):
            continue  # "solidarity with the United States against North Korea"
        d = _distance(c, m)
        if d < dist:
            best, dist = c, d
    return best


def _distance(c: tuple[str, int, int], m: Mention) -> int:
    return c[1] - m.end if c[1] >= m.end else m.start - c[2] if c[2] <= m.start else 0


def threat_about(text: str, cues: list[tuple[str, int, int]], mentions: list[Mention], i: int, claims: dict[int, set[int]],
                  holders: set[str], skip: set[int], reach: int) -> tuple[str, int, int] | None:
    """A threat cue of the sentence whose nearest actor (other than the holders) is mention ``i``."""
    for ci, c in enumerate(cues):
        if c[0] != "threat" or (ci in claims and i not in claims[ci]) or _distance(c, mentions[i]) > reach:
            continue
        others = [j for j, m in enumerate(mentions) if j not in skip and m.actor not in holders]
        if min(others, key=lambda j: (_distance(c, mentions[j]), j)) == i:
            return c
    return None


def horizon_of(s: str, cue: tuple[str, int, int]) -> str | None:
    window_start = max(0, cue[1] - 45)
    found = None
    for label, pat in compiled_cues()["horizons"]:
        for m in pat.finditer(s, window_start, cue[2] + 25):
            if found is None or abs(m.start() - cue[1]) < found[1]:
                found = (label, abs(m.start() - cue[1]))
    return found[0] if found else None


@cache
def predicate_cues() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in load("cues")["predicate_cues"]), re.I)


FRAMED_AS_PROBLEM = re.compile(r"\b(?:counter\w*|address|curb|block|illegal|against|undermin\w+|destabili\w+|axis|collusion|end to|halt|stop)\b", re.I)


# what a pair that opens a sentence does together ("A and B are partners", "… share a partnership", "… say they want to deepen …")
# "Expectations that Japan and Korea could work together …": a possibility, not a tie they hold
MODAL_AFTER = re.compile(r"\s+(?:\([^)]{1,20}\)\s+)?(?:could|might|would|may|should)\b")
PAIR_VERB = re.compile(r"\s+(?:are|were|remain|have been|have agreed|agreed|share|shared|enjoy|enjoyed|maintain|maintained|"
                       r"(?:say|said|agree|agreed|pledged|vowed) (?:that )?they)\b")
MUTUAL = re.compile(r"\b(?:bilateral|mutual|each other|one another|the two (?:countries|nations|sides)|both (?:countries|sides|nations)|"
                    r"their\s+(?:[\w-]+\s+){0,2}(?:partnership|alliance|ties|cooperation|relations))\b", re.I)


# "Seoul's attempts to grow closer to", "Taipei strengthening ties with", "Seoul deepened its ties with": another actor enters the relation
OWNER_BEFORE = re.compile(r"^['’]s\s+(?:attempts?|efforts?|bid|moves?|plans?|decision|push|drive)\s+to\s+(?:[a-z-]+\s+){0,2}$"
                          r"|^\s+(?:and|,)\s+(?:its|their)\s+(?:(?:closest|main|key|new|old|strategic|military)\s+)?$"  # "Russia and its ally Belarus"
                          r"|^['’]s\s+(?:(?:closest|main|key|new|old|strategic|military)\s+)?$"
                          r"|^\s+(?:(?:has|have|had|will|would|is|are|was|were)\s+)?(?:[a-z]+(?:ing|ed|s))\s+(?:(?:its|their|new|closer|stronger|deeper)\s+){0,2}$")


# after "cooperation with": the partner, or a list of names before it ("with the United States, Australia and Japan"),
# not a noun phrase that is the object instead ("cooperate with the international community to convince Pyongyang")
TIE_OBJECT = re.compile(r"(?:\s*(?:[\w-]+\s+){0,3}?[\w-]+,?\s+(?:such as|including|like|notably|especially)\s+"
                        # "… with its ally, the United States", "… with our key partners in the Indo-Pacific, Australia and …"
                        r"|\s*(?:its|our|their|his|her)\s+(?:[\w-]+\s+){0,3}?(?:all(?:y|ies)|partners?|friends?)(?:\s+in\s+the\s+[\w-]+)?\s*,\s*)?"
                        r"(?:\s*(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*\s*(?:,\s*and|,|and|&)\s*)*\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?")


def linked(text: str, cue: tuple[str, int, int], m: Mention) -> bool:
    """A partnership cue names its partner: "cooperation with X", "partnership between A and B",
    "partners such as X", "the alliance of X", "X is a close partner", "X, a key ally", "X's ally".
    A bare "alliances" in a sentence that names an actor elsewhere is no partnership with it."""
    if m.start >= cue[2]:
        gap = text[cue[2]:m.start]
        # ("… community to convince Pyongyang": a "to" after other words opens a purpose, not the partner)
        return bool(re.fullmatch(r"[\s”\"’')]{0,3}(?:(?:[\w-]+\s+){0,3}?(?:with|between|among|such as|including|like)|of|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                                 r"|\s*(?:,|and|&|:|–|—)?\s*", gap)) or (text[cue[1]:cue[2]].casefold().endswith(("with", "to")) and bool(TIE_OBJECT.fullmatch(gap)))
    if text[cue[1]:cue[2]].casefold().endswith(("with", "to")):
        return False  # "… North Korea's weapons and cooperate with …": the partner comes after "with"
    gap = text[m.end:cue[1]]
    return bool(re.fullmatch(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}|\s*[-–/]\s*(?:[\w-]+\s+){0,2}"
                             r"|\s+(?:is|are|was|were|remains|has been|as)\s+(?:one of\s+)?(?:an?|the|its|our|their)?\s*(?:[A-Z][\w.-]*['’]s\s+)?(?:[\w-]+\s+){0,3}"
                             r"|,\s*(?:an?|the|its|our|their)\s+(?:[\w-]+\s+){0,3}", gap))


FELT_GAP = re.compile(r"(?:['’]s)?\s+(?:(?:growing|serious|strong|deep|grave|mounting|increasing|rising|long-standing|shared|own)\s+){0,2}(?:security\s+)?")


def bound_holders(text: str, cues: list[tuple[str, int, int]], mentions: list[Mention]) -> dict[int, str]:
    """Felt cues whose holder stands right before them: "Japanese concerns over …", "China's
    worries about …", "Tokyo's growing alarm at …" ({cue index: holder})."""
    felt = set(load("cues")["felt_nouns"])
    out: dict[int, str] = {}
    for ci, c in enumerate(cues):
        if text[c[1]:c[2]].casefold() not in felt:
            continue
        for m in mentions:
            if m.end <= c[1] and FELT_GAP.fullmatch(text[m.end:c[1]]) and actors().kinds.get(m.actor) == "country" \
                    and (m.form == "demonym" or re.match(r"['’]s", text[m.end:])):
                out[ci] = m.actor
    return out


def owned_by_other(text: str, cue: tuple[str, int, int], mentions: list[Mention], holders: set[str], groups: list[set[int]]) -> bool:
    """A relation another actor enters ("Taipei strengthening ties with Tokyo", "Seoul's attempts
    to grow closer to Beijing"): not a partnership of the sentence's holder. A pair's own relation
    ("the Japan-US alliance") is the holder's when the holder is one of the pair."""
    before = [i for i, m in enumerate(mentions) if m.end <= cue[1] and cue[1] - m.end <= 40]
    if not before or any(before[-1] in g and any(mentions[j].actor in holders for j in g) for g in groups):
        return False
    m = mentions[before[-1]]
    gap = text[m.end:cue[1]]
    verb_cue = re.match(r"(?:strengthen|deepen|bolster|boost|expand|enhance|upgrade|broaden|intensify|develop|promote|advance|cooperat|collaborat|engag|align)",
                        text[cue[1]:cue[2]], re.I)
    return m.actor not in holders and not re.search(r"[,;:]", gap) and bool(OWNER_BEFORE.match(gap) or (verb_cue and not gap.strip())) \
        and not re.match(r"\s+(?:is|are|was|were|remains?|as)\s+(?:an?|the)?\b", gap)


POSSESSED_TIE = re.compile(r"['’]s?\s+(?:[a-z-]+\s+){0,3}(?:alliance|partnership|cooperation|collaboration|(?:security|defen[cs]e)\s+(?:ties|treaty|pact))\s+with\b")


def mutual_pairs(text: str, cues: list[tuple[str, int, int]], mentions: list[Mention], groups: list[set[int]]) -> list[tuple[str, str, tuple, bool]]:
    """A partnership two countries hold together ("the Strategic Partnership between Romania and
    Japan", "Pakistan and China are … staunch partners", "Vietnam, Australia aim to elevate
    bilateral ties to strategic partnership"): each holds it with the other. Only for two. The
    last item tells whether the pair is the sentence's subject ("A and B say they want to deepen
    …"): then the pair holds it whoever reports it."""
    partner = [c for c in cues if c[0] == "partner"]
    if not partner or FRAMED_AS_PROBLEM.search(text):
        return []  # "countermeasures to address military cooperation between A and B": their tie framed as a problem
    pairs: list[tuple[Mention, Mention, tuple]] = []
    for g in groups:
        if len(g) == 2 and len({mentions[i].actor for i in g}) == 2:
            a, b = sorted(g)
            cue = next((c for c in partner if (c[1] >= mentions[b].end and re.fullmatch(r"\s*(?:[\w-]+\s+){0,2}", text[mentions[b].end:c[1]]))
                        or 0 <= mentions[a].start - c[2] <= 12), None)
            if cue:
                pairs.append((mentions[a], mentions[b], cue, False))
    joined = r"\s*(?:,|and|&|, and)\s*(?:the\s+)?"
    for k in range(len(mentions) - 1):  # "Pakistan and China are …", "… that Japan and the Philippines have agreed to …"
        a, b = mentions[k], mentions[k + 1]
        at_start = re.fullmatch(r"\W*(?:(?:Despite|Amid|After|Before|In|On|With)\b[^,]{3,50},\s*)?(?:both\s+)?(?:the\s+)?", text[lead(text):a.start]) \
            or re.search(r"\b(?:that|as|since)\s+(?:both\s+)?(?:the\s+)?$", text[max(0, a.start - 17):a.start])
        if not at_start or not re.fullmatch(joined, text[a.end:b.start]) or (k > 0 and re.fullmatch(joined, text[mentions[k - 1].end:a.start])) \
                or (k + 2 < len(mentions) and re.fullmatch(joined, text[b.end:mentions[k + 2].start])):
            continue
        cue = next((c for c in partner if c[1] > b.end), None)
        if cue and (MUTUAL.search(text) or PAIR_VERB.match(text, b.end)) and not MODAL_AFTER.match(text, b.end):
            pairs.append((a, b, cue, True))
    out = []
    for i, m in enumerate(mentions):  # "Australia's strategic partnership with India": the possessor's own tie, one way
        tie = POSSESSED_TIE.match(text, m.end)
        if not tie or actors().kinds.get(m.actor) != "country":
            continue
        cue = next((c for c in partner if tie.start() <= c[1] < tie.end()), None)
        k = i + 1
        while cue and k < len(mentions) and (k == i + 1 and re.fullmatch(r"\s*(?:the\s+)?", text[tie.end():mentions[k].start])
                                            or k > i + 1 and re.fullmatch(r"\s*(?:,|and|, and)\s*(?:the\s+)?", text[mentions[k - 1].end:mentions[k].start])):
            if mentions[k].actor != m.actor:
                out.append((m.actor, mentions[k].actor, cue, True))
            k += 1
    for a, b, cue, subject in pairs:
        near = [c for c in cues if c[0] != "partner" and min(abs(c[1] - a.end), abs(c[1] - b.end), abs(a.start - c[2]), abs(b.start - c[2])) <= 40
                and not any(x is not a and x is not b and re.fullmatch(r"(?:['’]s?)?\s+(?:[\w-]+\s+)?", text[x.end:c[1]]) for x in mentions)]
        # ("Despite Chinese threats, A and B …": that threat is China's, not a tension between A and B)
        if near:
            continue  # "tensions between A and B", next to the tie: no partnership to report
        if "country" in (actors().kinds.get(a.actor), actors().kinds.get(b.actor)):  # "the EU-India partnership" too
            out += [(a.actor, b.actor, cue, subject), (b.actor, a.actor, cue, subject)]
    return out


def cues_near(cues: list[tuple[str, int, int]], pos: int, reach: int) -> bool:
    return any(0 <= c[1] - pos <= reach for c in cues)
