"""Positions: what one actor holds about another (threat, concern, partner), per document.

Sentence by sentence: who holds the sentence's view (:mod:`.holders`: explicit holders, the
person quoted, the document's own voice for "we", a list's lead-in, the document's subject for
reports and analyses), which stance cues it has (``cues.yaml``), and what each cue is about
(:mod:`.bindings`). Questions, conditions and agendas assert nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Position
from .bindings import (
    LOCATIVE, MAX_DISTANCE, NEGATED, ORIGIN_AFTER, SOURCE_BEFORE, affected, bound_holders, claims_of, compounds, horizon_of, linked,
    mutual_pairs, nearest, owned_by_other, predicate_cues, threat_about, cues_near, in_name, is_label,
)
from .anaphora import framed_anaphor, framing_subject, opening_actor, pronoun_holder
from .holders import HE_SHE, RESPONSE, People, dateline_country, holders_in, lead, people_of, speaker_country, subject_holder, threatened
from .head import OPINION_LINE
from .layout import Layout, ground
from .lexicon import Mention, actors
from .prefilter import cue_matches
from .text import Sentence, evidence_spans

MAX_SENTENCE = 2000  # characters; longer "sentences" are skipped, which bounds the work per document


PRONOUN_START = re.compile(r"^\W*(?:They|This|These|It|Such|Both)\b")


LIST_ITEM = re.compile(r"^\s*(?:[-–•*▪◦]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s+")  # "- Threat: …", "2. Russia is …"


@dataclass
class Reading:
    """What one sentence says about who holds its views: the actors it names (nationality labels
    left out), those among them it makes holders, and the country of the person it quotes."""

    sentence: Sentence
    named: list[Mention]
    explicit: set[str]
    speaker: str | None


QUESTION = re.compile(r"\?[”\"’')\]]*\s*$")


CONDITIONAL = re.compile(r"^\W*(?:If|Unless|Should|Were|Whether)\b[^,]*,", re.I)


GOVERNS = re.compile(r"\s+(?:about|over|regarding|concerning|at|on)\s+(?:[\w’'-]+\s+){0,3}", re.I)
# "X visits Y amid rising tensions": the circumstance of an act, not a view of the actors before it
AMID = re.compile(r"\b(?:amid|amidst|against the backdrop of|in the face of)\s+(?:\w+\s+){0,3}$", re.I)
# "to exchange ideas on topics of X, the threat posed by Y": an agenda names topics, not views
AGENDA = re.compile(r"\b(?:to (?:discuss|exchange (?:ideas|views))|on (?:the )?topics? of|topics? (?:such as|including)|issues? such as|"
                    r"(?:talks|discussions?) (?:will )?focus(?:ed)? on|on the agenda)\b", re.I)


def read(s: Sentence, subject: str | None, people: People, last_speaker: str | None, home: str | None = None) -> Reading:
    text = s.text
    start = lead(text)  # a dateline's country is a place ("MANILA, Philippines —")
    named = [m for m in actors().find(text) if m.start >= start and not is_label(text, m)]
    explicit = holders_in(text, named, subject) if named else set()
    if named and not explicit and home and INSTITUTION.match(text, start):
        explicit = {home}  # "ISLAMABAD: Foreign Office said …": the dateline's country speaks through its ministry
    speaker = speaker_country(text, people, last_speaker) if named and people.pattern is not None else None
    return Reading(s, named, explicit, speaker)


INSTITUTION = re.compile(r"\W*(?:In a statement,\s*)?(?:the\s+)?(?:(?:Foreign|Defen[cs]e|Interior|External Affairs)\s+(?:Office|Ministry)|FO|MoFA|MOFA|MEA|MoD)\b")
FIRST_PERSON = re.compile(r"\b(?:we|our|us|We|Our)\b")


# "… peace with Syria if Syria rejected terrorism", "discussed possibilities of a strategic partnership":
# a cue inside a condition, or a tie only possible, asserts no view
UNREAL = re.compile(r"\b(?:if|unless|whether)\b[^,;:.!?]*$|\b(?:possibilit(?:y|ies)|prospects?|potential|idea|proposals?|feasibility)\s+(?:of|for)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
STRIFE_BETWEEN = re.compile(r"\b(?:tensions?|frictions?|disputes?|rivalry|confrontation|standoff|clash(?:es)?|hostility)\s+between\s+(?:the\s+)?$", re.I)


def sentence_positions(r: Reading, subject: str | None, inherited: set[str],
                       prev_targets: set[str] = frozenset(), voice: str | None = None) -> list[tuple]:
    """(holder, target, stance, horizon, cue, at) tuples for one sentence."""
    text, named, explicit = r.sentence.text, r.named, r.explicit
    if QUESTION.search(text) or CONDITIONAL.match(text):
        return []  # a question or a condition asserts no view
    # "in Tokyo" is a place, not the government, as a target; "officials in Tokyo" still hold a view
    mentions = [m for m in named if not (m.form == "metonym" and LOCATIVE.search(text[max(0, m.start - 20):m.start])
                                         and not SOURCE_BEFORE.search(text[max(0, m.start - 60):m.start]))]
    # a pronoun, or an item of a list a holder introduced ("Japanese officials listed:"), carries the holder on
    holders = explicit or ({r.speaker} if r.speaker else set()) or (inherited if PRONOUN_START.match(text) or LIST_ITEM.match(text) else set()) \
        or ({voice} if voice and FIRST_PERSON.search(text) else set()) or ({subject} if subject else set())
    if not mentions:
        return []  # no actor to hold a view about: the cues need not be read
    agenda = AGENDA.search(text)
    cues = sorted(((label, m.start(), m.end()) for label, m in cue_matches("stances", text)
                   if not in_name(text, m.start()) and not NEGATED.search(text[max(0, m.start() - 45):m.start()])
                   and not (agenda and agenda.end() <= m.start()) and not UNREAL.search(text, max(0, m.start() - 60), m.start())),
                  key=lambda c: (c[1], c[0]))
    if not cues:
        return []
    groups = compounds(text, mentions)
    # with no holder of its own, a sentence may still state a partnership two countries hold together
    pairs = [(subject, (h, t, "partner", horizon_of(text, cue), cue, cue[1])) for h, t, cue, subject in mutual_pairs(text, cues, mentions, groups)]
    if not holders:
        return [x for subject, x in pairs if subject or not (explicit or r.speaker)]
    skip: set[int] = set()
    bound = bound_holders(text, cues, mentions)  # "Japanese concerns over China": that cue is Japan's
    claims = claims_of(text, cues, mentions, groups, holders | set(bound.values()))
    others = {m.actor for m in mentions if m.actor not in holders}
    reach = MAX_DISTANCE if len(others) > 1 else len(text)  # a sentence about one actor: any distance
    fallback = not explicit and not r.speaker
    for group in groups:
        if not any(mentions[i].actor in holders for i in group) or (fallback and STRIFE_BETWEEN.search(text, 0, mentions[min(group)].start)):
            # "US-China tensions", "between Washington and Moscow": not the holder's view; and where the
            # sentence gives no holder ("a time of tensions between Japan and China"), nobody's view
            skip |= group
        elif not any(cues_near(cues, mentions[i].end, 30) for i in group) and not any(
                re.fullmatch(r"\s+(?:between|of)\s+(?:the\s+)?", text[c[2]:mentions[min(group)].start]) for c in cues):
            skip |= group  # "U.S.-Japan two-plus-two meeting": a compound without a relation noun ("the partnership between A and B" has one)
    partner_ok = {ci for ci, c in enumerate(cues) if c[0] != "partner" or not owned_by_other(text, c, mentions, holders, groups)}
    # "Russia … is said to be wary of …": a state or act predicated of another actor is that actor's, not the subject's
    predicated = {ci for ci, c in enumerate(cues) if predicate_cues().fullmatch(text[c[1]:c[2]])
                  and any(m.end <= c[1] and m.actor not in holders and actors().kinds.get(m.actor) == "country" for m in mentions)}
    # "both Japan and Lithuania know … neighbours which engage in aggressive policies": who shares the
    # holder's subject position is no target of its concern (a partnership between the two still is)
    coheld = {k for a, b in zip(range(len(mentions)), range(1, len(mentions)))
              if re.fullmatch(r"\s*,?\s*(?:and|&)\s*(?:the\s+)?", text[mentions[a].end:mentions[b].start])  # not "For Japan, North Korea is …"
              and not re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, mentions[a].start - 20):mentions[a].start])
              for k, other in ((a, b), (b, a)) if mentions[other].actor in holders and mentions[k].actor not in holders}
    out = []
    skip |= {i for i in threatened(text, mentions) if mentions[i].actor not in holders}  # "no threat to Latvia or NATO"
    for i, m in enumerate(mentions):
        if i in skip or (m.actor in holders and not bound) or affected().search(text[max(0, m.start - 40):m.start]) or ORIGIN_AFTER.match(text, m.end):
            continue  # "effects on the United States", "invasion of Ukraine": affected, not what the view is about
        usable = {ci for ci, c in enumerate(cues) if ci in partner_ok and (c[0] != "partner" or i in claims.get(ci, ()) or linked(text, c, m))
                  and not ((amid := AMID.search(text, max(0, c[1] - 45), c[1])) and m.end <= amid.start())
                  and not (c[0] == "partner" and RESPONSE.search(text, max(0, m.start - 30), m.start))  # what is answered is no partner
                  and not (fallback and ci in predicated) and not (i in coheld and c[0] != "partner") and (bound[ci] != m.actor if ci in bound else m.actor not in holders)}
        cue = nearest(text, cues, m, i, claims, reach, usable)
        if cue is None:
            continue
        ci = cues.index(cue)
        if cue[0] == "concern" and ci not in bound:  # "concerned that North Korea poses a threat": the threat about it outranks the concern
            cue = threat_about(text, cues, mentions, i, claims, holders, skip, reach) or cue
        elif cue[0] == "threat":  # "concern about China's aggression": the concern governs the act it names
            cue = next((c for c in cues if c[0] == "concern" and c[2] <= cue[1] and GOVERNS.fullmatch(text, c[2], cue[1])), cue)
        for holder in sorted({bound[ci]} if ci in bound else holders):
            out.append((holder, m.actor, cue[0], horizon_of(text, cue), cue, m.start))
    framed = next((c for c in cues if framed_anaphor(text, c[1])), None)
    if explicit and not out and not others and (PRONOUN_START.match(text) or framed):
        # "This demonstrated U.S. and Japanese shared sense of concern.", "Japan sees this as a threat.":
        # about the last sentence's targets, or the country it opened with
        for target in sorted(prev_targets - holders):  # "called it a provocation and a threat": each cue from the framed one on
            for cue in [c for c in cues if c[1] >= framed[1]] if framed else cues[:1]:
                out += [(h, target, cue[0], horizon_of(text, cue), cue, cue[1]) for h in sorted(holders)]
    held = {(h, t) for h, t, *_ in out}
    return out + [x for subject, x in pairs if subject and (x[0], x[1]) not in held]  # a pair that is the subject holds its tie too


def positions_of(lay: Layout, year: int | None, host: str | None, kind: str = "other", voice: str | None = None) -> list[Position]:
    """The positions a document reports. Each sentence's holder is its own (explicit or quoted);
    "we" and "our" are the document's own voice (``voice``: an interviewee's country, a national
    delegation's, a ministry's); a report, brief, analysis or interview also speaks for its
    subject where a sentence does not say whose view it is; a news report does not (its
    narrative is nobody's view)."""
    doc = lay.doc
    sents = [s for s in lay.sentences if len(s.text) <= MAX_SENTENCE]  # longer: a run-on line or a table dump
    people = people_of(doc.text[:200_000]) if any(MET_OR_SAID.search(s.text) for s in sents[:400]) else People()
    readings, last = [], None
    home = dateline_country(doc.text)
    for s in sents:  # first pass: who each sentence gives views to, and whom it quotes
        r = read(s, None, people, last, home)
        last = r.speaker or (last if HE_SHE.match(s.text) else _named_speaker(s.text, people) or last)
        readings.append(r)
    # an editorial speaks for its outlet, not for the country it is about ("Home / Opinion / Editorials")
    editorial = any(OPINION_LINE.search(line) for line in lay.head[:6])
    subject = subject_of(readings, host) if kind != "other" and not editorial else None
    found: dict[tuple[str, str, str], Position] = {}
    inherited: set[str] = set()
    lead_in: set[str] = set()  # holders of a line ending in ":" that introduces a list
    prev_targets: set[str] = set()
    found_targets: set[str] = set()
    opened = None  # the country the previous sentence opened with, as its subject
    prev_end = None
    for r in readings:
        if opened and prev_end is not None and not same_paragraph(doc.text, prev_end, r.sentence.start):
            prev_targets = found_targets  # "It" or "this" opening a paragraph may refer further back: to nobody
            opened = None
        if subject and r.named and subject_holder(r.sentence.text):
            r.explicit |= {subject}  # "host country officials", "Briefers": the subject's side
        if r.named and not r.explicit and not r.speaker and (it := pronoun_holder(r.sentence.text, opened)):
            r.explicit = {it}  # "Norway hosted the talks. It is concerned about …"
        elif r.named and not r.explicit and not r.speaker and opened and \
                (frames := framing_subject(r.sentence.text, r.named, [m.start() for _, m in cue_matches("stances", r.sentence.text)])):
            r.explicit = {frames}  # "Estonia called it a provocation"
        tuples = sentence_positions(r, subject, inherited, prev_targets, voice)
        s, explicit = r.sentence, r.explicit or ({r.speaker} if r.speaker else set())
        if LIST_ITEM.match(s.text) and lead_in:
            inherited = lead_in  # the list's items share the holder of the line that introduced it
        else:
            inherited = explicit or inherited if PRONOUN_START.match(s.text) else explicit
            lead_in = explicit if s.text.rstrip().endswith(":") else set()
        opened, prev_end = opening_actor(s.text, r.named), s.pieces[-1][1]
        found_targets = {t[1] for t in tuples}
        prev_targets = found_targets or ({opened[0]} if opened else set())
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


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def same_paragraph(text: str, end: int, start: int) -> bool:
    """Is there no blank line between a sentence ending at ``end`` and the next starting at ``start``?"""
    return start >= end and not PARAGRAPH_BREAK.search(text, end, start)


MET_OR_SAID = re.compile(r"\b(?:said|says|told|stated|stressed|noted|warned|added|according to|expressed|conveyed|affirmed|urged|"
                         r"emphasi[sz]ed|underlined|reiterated|counterpart)\b")


def _named_speaker(text: str, people: People) -> str | None:
    """The country of the first person a sentence names as its subject (for a "He" that follows)."""
    found = people.find(text[:120])
    return found[0][2] if found else None


def subject_of(readings: list[Reading], host: str | None) -> str | None:
    """Whose views the document reports when a sentence does not say: the country it explicitly
    gives views to most (explicit holders and quoted officials), when that is at least two views
    and a majority of them; a visit's host when the document gives the host's views and no other
    country's more."""
    counts: dict[str, int] = {}
    for r in readings:
        for holder in r.explicit | ({r.speaker} if r.speaker else set()):
            if actors().kinds.get(holder) == "country":
                counts[holder] = counts.get(holder, 0) + 1
    if host and all(n <= counts.get(host, 0) for n in counts.values()):
        return host
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True) + [0]
    best = max(counts, key=lambda a: counts[a])
    # A few explicit views do not make a document that country's voice: say nothing rather than guess.
    return best if counts[best] >= 2 and counts[best] >= 2 * ranked[1] else None
