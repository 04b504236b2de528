"""Who holds a view a sentence reports.

In order: the sentence's explicit holders ("Japanese officials stressed", "a threat to Japan",
"Japan warned", "Japan's concerns", "…, said X, Sweden's foreign minister"); the country of the
person the sentence quotes or whose act it reports ("Kihara conveyed concerns", "He said", with
the person's country read from the document: "Japanese Defense Minister Minoru Kihara", "his
Chinese counterpart, Dong Jun"); else the document's subject, a country whose own views the
document explicitly reports more than any other's. Words are data (``cues.yaml``); only the
shapes of the genre are here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from .lexicon import Mention, actors, any_of, load, places

FUNCTION_WORDS = r"(?:under|of|in|on|at|to|from|with|by|for|the|a|an|its|their|that|which|is|are|was|were|has|have|had|will|would)"
BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$")
# an actor in object position is not the one holding the view ("met Japanese officials", "about the Azerbaijani authorities")
OBJECT_BEFORE = re.compile(r"\b(?:with|met|meet|meets|meeting|about|to|from|by|of|for|against|on|over|told|briefed|urged|asked|invited|"
                           r"received|hosted|among|regarding|towards?)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}$", re.I)
CLAUSE_START = re.compile(r"(?:^|[;:]\s*|,\s*(?:and|but|while|whereas)?\s*|\b(?:and|but|while|whereas|as|that|where|when)\s+)"
                          r"[\W]*(?:(?:the|both|some|many|several|most|other|all|also|however|meanwhile|now)\W+)*$", re.I)
HE_SHE = re.compile(r"^\W*(?:He|She)\b")
# "the Minister said", "…, the Foreign Minister added", "said the minister": the person last named
THE_OFFICIAL = re.compile(r"(?:^|,\s*|\bsaid\s+)the\s+(?:(?:[A-Z][a-z]+|foreign|prime|defen[cs]e)\s+){0,2}(?:[Mm]inister|[Pp]resident|[Ss]peaker|[Cc]hairman|[Cc]hairwoman|[Ss]ecretary|[Dd]iplomat|[Ss]pokesperson|[Ss]pokesman)\b"
                          r"(?=\s+(?:said|added|noted|stressed|told|underlined|emphasi[sz]ed)\b|\s*[.,]|\s*$)")
OFFICIAL_OF = re.compile(r"\b(?:said|says|added|noted|stressed|according to)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}?(?:Minister|President|Speaker|Secretary|Chairman|Chairwoman|Ambassador)"
                         r"(?:\s+(?:of|for)\s+(?:[A-Z][\w-]*\s+){0,3}?)?\s+of\s+(?:the\s+)?$")
# "MANILA, Philippines — ", "TOKYO (Kyodo) - ", "Tokyo (AsiaNews) – ": a dateline before the sentence proper
DATELINE = re.compile(r"^\W*(?:date\s+\S+\s+)?(?:[A-Z][A-Z .'’/-]{2,40}(?:,\s*[A-Z][\w .'’-]{2,30})?\s*(?:\([^)]{1,40}\))?"
                      r"|[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+)?\s*\([^)]{1,40}\))\s*[-–—:]\s+")


CITY_DATELINE = re.compile(r"^\W*(?:date\s+\S+\s+)?(?P<city>[A-Z][A-Z .'’-]{2,30}?)(?:,\s*(?P<country>[A-Z][\w .'’-]{2,30}?))?\s*(?:\([^)]{1,40}\))?\s*[-–—:]\s")


def dateline_country(text: str) -> str | None:
    """The country of a story's dateline ("MANILA, Philippines —", "TAIPEI (Agency) -")."""
    m = next((m for line in text[:1500].splitlines()[:12] if (m := CITY_DATELINE.match(line))), None)  # the first paragraph's
    if not m:
        return None
    named = actors().canonical(m.group("country") or "")
    city = places().country_of.get(m.group("city").strip().title())
    country = named or city
    return country if country and actors().kinds.get(country) == "country" else None




# "Locked in a standoff with China, Vietnam …", "Intent on checking X, Y has …": the subject after an opening phrase
INTRODUCED = re.compile(r"\W*(?:[A-Z][a-z]+(?:ed|ing)|Intent|Wary|Alarmed|Worried|Concerned)\b[^,;:.]{3,120},\s+(?:the\s+)?")


def lead(s: str) -> int:
    """Where a sentence proper starts, after a dateline."""
    m = DATELINE.match(s)
    return m.end() if m else 0
ADJECTIVES = r"(?:(?:growing|serious|strong|deep|grave|mounting|increasing|rising|long-standing|shared|own|official|current|new|latest|overall|security|strategic)\s+){0,2}"
FILLER = r"(?:(?:also|again|repeatedly|[a-z]+ly|once again|further|then|has|have|had|on\s+\w+|last\s+\w+|this\s+\w+|earlier|today|yesterday)\s+){0,3}"


@cache
def rules() -> dict[str, re.Pattern[str]]:
    cues = load("cues")
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    nouns, verbs, speech = alt(cues["holder_nouns"]), alt(cues["holder_verbs"]), alt(cues["speech_verbs"])
    felt = alt(cues["felt_nouns"])
    return {
        # "Japanese officials", "the Philippines' defence secretary", "Manila's South China Sea task force"
        "noun": re.compile(rf"^(?:['’]s?)?(?:\s+(?:(?!{FUNCTION_WORDS}\b)(?:[a-z-]+|[A-Z][a-z]+)\s+(?:and\s+)?){{0,3}})?\s*(?i:{nouns})\b"
                           # "official exchanges", "government aid": the noun is an adjective there
                           r"(?!\s+(?:exchanges?|visit|contacts?|ties|relations|meetings?|channels?|dialogues?|development|assistance|aid|level|data|sources?|media)\b)"),
        # "Japan considers", "China on Wednesday warned", "the U.S. is deeply concerned"
        "verb": re.compile(rf"^\s+{FILLER}(?:{verbs})\b|^\s+{FILLER}(?:is|are|was|were|remains?|remained|became|grew|has been|have been)\s+"
                           rf"(?:(?:\w+ly|more|most|less|very|so|too|also|still|particularly|increasingly)\s+)*(?:{alt(cues['holder_states'])})\b", re.I),
        # "Japan's view of …", "Poland's assessment", "Japan's concerns", "Tokyo's alarm": the possessor holds the view
        "view": re.compile(rf"^['’]s?\s+[“\"]?{ADJECTIVES}(?:{alt(cues['view_nouns'])}|{felt})\b"),
        # "Japanese concerns over …", "growing Japanese fears": a demonym before a felt noun
        "felt": re.compile(rf"^\s+{ADJECTIVES}(?:{felt})\b"),
        "partners_of": re.compile(r"^['’]s\s+(?:(?:most|closest|key|main|important|strategic|natural|trusted|reliable|biggest|oldest|major|greatest|new|strongest|staunchest|best|traditional)\s+){0,3}(?:partners?|all(?:y|ies))\b"),
        "receiver_after": re.compile(r"(?:threat(?:s)?(?:\s+\w+){0,2}\s+(?:to|against|for)|threaten(?:s|ed|ing)?(?:\s+\w+)?|target(?:ed|s)?"
                                     r"|worr(?:y|ies|ied)|alarm(?:s|ed)?|unnerv(?:e|es|ed)|to (?:destroy|annihilate|wipe out|invade|attack))\s+(?:the\s+)?"
                                     r"(?:(?:State|Republic|Kingdom) of\s+)?$", re.I),  # "a threat to the State of Israel"
        "receiver_before": re.compile(r"^\s+(?:is|are|was|has|have)\s+(?:\w+\s+){0,3}(?:threatened|a target|been a target|targeted)\b"),
        "officials_in": re.compile(r"\b(?:officials|leaders|policymakers|the government|diplomats|decision-makers|planners)\s+in\s+$"),
        # "For Japan, …", "a threat for Japan", "problematic for Japan" (not "crucial for NATO to decide")
        "for": re.compile(r"(?:(?:^|[.;:]\s*)For|\b(?:problematic|worrying|alarming|dangerous|unfavou?rable|concern|threat|challenge|partner|ally|danger|risk) for)\s+(?:the\s+)?$"),
        # "Canberra has deepened its alliance with Washington": the subject holds the partnership
        "subject": re.compile(r"\s+(?:has|have|had|is|are|was|were|will|continues to|continued to|remains|seeks to|wants to)?\s*(?:\w+\s+){0,3}?"
                              r"(?:deepen|strengthen|expand|upgrade|build|forge|seek|pursue|value|enhance)\w*\s+(?:\w+\s+){0,3}?"
                              r"(?:alliance|partnership|cooperation|ties|relations)\s+with\b"),
        "host": any_of(cues["host_holders"], 0),
        "speaker": re.compile(r"(?:['’]s?)?\s+(?:[A-Za-z-]+\s+){0,3}?(?:" + alt(cues["speaker_roles"]) + r")\b", re.I),
        "speech": re.compile(rf"\b(?:{speech})\b"),
        # "Japan is engaging with X", "Canberra signed a security treaty with Y": the clause's subject
        # holds the relation it enters (relations only: "China's pressure on X" is not China's worry)
        # "… have, especially since 2010, banked on security ties with Y": an adverbial between commas may intervene
        "relation": re.compile(r"\s+(?:[\w’'-]+\s+){0,6}?(?:[\w’'-]+,\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+,\s+(?:[\w’'-]+\s+){0,5}?)?(?:" + "|".join(cues["stances"]["partner"]) + ")", re.I),
        "acts": re.compile(rf"^\s*,?\s*{FILLER}(?:{speech}|{verbs}|expressed|conveyed|voiced|raised|stated|affirmed|stressed|emphasi[sz]ed|spoke|"
                           r"underlined|reiterated|urged|called|announced|argued|highlighted|pointed out|believes|thinks|sees|welcomed)\b", re.I),
    }


@dataclass
class People:
    """A document's people and their countries, as the text gives them ("Japanese Defense Minister
    Minoru Kihara", "Winston Peters, Minister of Foreign Affairs of New Zealand", "his Chinese
    counterpart, Dong Jun"), looked up by full name or surname."""

    country_of: dict[str, str] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        if self.pattern is None:
            return []
        return [(m.start(), m.end(), self.country_of[m.group(0).casefold()]) for m in self.pattern.finditer(text)]


def people_of(text: str) -> People:
    from .people import country_in, leaders_in, people

    found: dict[str, str] = {}
    clash: set[str] = set()
    for p in people(text):
        country = p.country or country_in(p.role)
        if not country or actors().kinds.get(country) != "country":
            continue
        tokens = p.name.split()
        for key in {p.name.casefold(), tokens[-1].casefold(), tokens[0].casefold() if tokens[0].isupper() else ""} - {""}:
            if found.get(key, country) != country:
                clash.add(key)
            found[key] = country
    for name, country in leaders_in(text):  # "Putin warned …": a leader the text names without a country
        key = name.casefold()  # the name as listed: its surname alone only where leaders.yaml lists it so
        if found.get(key, country) != country:
            clash.add(key)
        found[key] = country
    for key in clash:
        found.pop(key, None)  # a surname two people of different countries share names nobody
    found = {k: v for k, v in found.items() if len(k) > 2}
    if not found:
        return People()
    body = "|".join(re.escape(k) for k in sorted(found, key=len, reverse=True))
    return People(found, re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.I))


RELATIVE_ACTS = re.compile(r"\s*,\s*(?:who|which)\b[^,;]{0,100}(?=,)")  # "Cornyn, who led the delegation, said"
GOVERNMENT_OF = re.compile(r"\.?['’]s\s+(?:administration|government|cabinet|office|ministry)\b")  # "Marcos's administration has"


def speaker_country(s: str, ppl: People, last: str | None) -> str | None:
    """The country of the person whose words or act the sentence reports: "Kihara said", "said
    Kihara", "according to Kihara", "Minister Iwaya stated that", "Kihara conveyed concerns";
    "He …" / "She …" at the start: the last such person's."""
    r = rules()
    for start, end, country in ppl.find(s):
        rel = RELATIVE_ACTS.match(s, end)
        if r["acts"].match(s[end:end + 80]) or (rel and r["acts"].match(s[rel.end():rel.end() + 80])) \
                or GOVERNMENT_OF.match(s, end) or re.search(rf"(?:{r['speech'].pattern}|according to)\s+(?:[A-Z][\w.’'-]*\s+){{0,3}}$", s[max(0, start - 60):start]):
            return country
    if last and HE_SHE.match(s) and r["acts"].match(s[HE_SHE.match(s).end():][:80]):
        return last
    if last and THE_OFFICIAL.search(s):
        return last
    for m in actors().find(s):  # "…, said Prime Minister of Lithuania"
        if OFFICIAL_OF.search(s[max(0, m.start - 90):m.start]) and actors().kinds.get(m.actor) == "country":
            return m.actor
    return None


PAIR_GAPS = ("-", "–", "/")
# "Japan is the EU's closest strategic partner", "Japan can be considered as one of the EU's strongest allies"
PARTNER_OF_BEFORE = re.compile(r"\b(?:is|are|was|were|remains?|(?:considered|seen|regarded|described)(?:\s+as)?)\s+(?:one of\s+)?(?:the\s+)?$")
NOT_BEFORE = re.compile(r"\b(?:not|never|no|nor)\b[^,;:.]*$", re.I)


def _receiver(before: str, r: dict[str, re.Pattern[str]]) -> bool:
    """Is the actor after ``before`` the one a threat is to ("a threat to Japan")? Not when the
    clause denies the threat ("did not label China a threat to Australia")."""
    m = r["receiver_after"].search(before)
    return bool(m) and not NOT_BEFORE.search(before, 0, m.start())


def holders_in(s: str, mentions: Sequence[Mention], subject: str | None) -> set[str]:
    """The actors a sentence itself makes holders of the view it reports."""
    r = rules()
    out: set[str] = set()
    opening = False  # the mention before opened the clause as its subject
    # "the Japan-China defence ministers' meeting", "Sino-US talks": the noun after a pair is the pair's, neither one's view
    paired = {k for a in range(len(mentions) - 1) if s[mentions[a].end:mentions[a + 1].start] in PAIR_GAPS for k in (a, a + 1)}
    for k, m in enumerate(mentions):
        after, before = s[m.end:m.end + 60], s[max(0, m.start - 60):m.start]
        subject_position = k not in paired and (bool(CLAUSE_START.search(before)) or not OBJECT_BEFORE.search(before))
        first = m.form != "demonym" and (k == 0 and re.fullmatch(r"\W*(?:(?:But|And|However|Meanwhile|Now)\W+)?(?:the\s+)?", s[lead(s):m.start])
                                          or INTRODUCED.fullmatch(s, lead(s), m.start)
                                          or (opening and re.fullmatch(r"\s*(?:and|&)\s*(?:the\s+)?", s[mentions[k - 1].end:m.start]))
                                          or re.search(r"(?:,\s*|;\s*)(?:and|but|while|whereas)\s+(?:the\s+)?$|\b(?:that|since|as)\s+(?:the\s+)?$", before))
        if first and (r["subject"].match(s, m.end, m.end + 120)
                      or r["relation"].match(s, m.end, mentions[k + 1].start if k + 1 < len(mentions) else m.end + 90)) \
                or (subject_position and (r["noun"].match(after) or r["verb"].match(after))) \
                or r["view"].match(after) or (m.form == "demonym" and r["felt"].match(after)) or r["for"].search(before) \
                or (r["partners_of"].match(after) and PARTNER_OF_BEFORE.search(before)) \
                or r["officials_in"].search(before) or _receiver(before, r) or r["receiver_before"].match(after) \
                or _quoted_official(s, m, r):
            out.add(m.actor)
        opening = bool(first)
    out |= responders(s, mentions)
    receivers = {k for k, m in enumerate(mentions) if _receiver(s[max(0, m.start - 60):m.start], r)}
    for k in range(len(mentions) - 1):  # "a threat to Japan, the United States and South Korea": each is threatened
        if k in receivers and JOINED.fullmatch(s, mentions[k].end, mentions[k + 1].start):
            receivers.add(k + 1)
            out.add(mentions[k + 1].actor)
    # "U.S. and Japanese officials": both hold the view; "Estonia, Latvia and Poland said": back along the list
    for a, b in reversed(list(zip(mentions, mentions[1:]))):
        if b.actor in out and JOINED.fullmatch(s, a.end, b.start) and not BETWEEN.search(s[max(0, a.start - 20):a.start]) \
                and not INTRODUCED.fullmatch(s, lead(s), b.start):  # "… a standoff with China, Vietnam has": the phrase ends at the comma
            out.add(a.actor)
    if subject and r["host"].search(s):
        out.add(subject)
    return out


def threatened(s: str, mentions: Sequence[Mention]) -> set[int]:
    """Mentions a threat is to ("a threat to Latvia or NATO", "threatens Japan and Korea"), the
    threat denied or not: what is threatened is no target of a view (indexes into mentions)."""
    r = rules()
    out = {k for k, m in enumerate(mentions) if r["receiver_after"].search(s[max(0, m.start - 60):m.start])}
    for k in range(len(mentions) - 1):
        if k in out and re.fullmatch(r"\s*(?:,|and|or|,\s*(?:and|or)|&)\s*(?:the\s+)?", s[mentions[k].end:mentions[k + 1].start]):
            out.add(k + 1)
    return out


# "… in response to North Korea's threats", "… to counter China's coercion": what the subject answers
RESPONSE = re.compile(r"\b(?:in response to|in answer to|to counter|to deter|to cope with|to deal with|to confront|to address)\s+(?:the\s+)?$", re.I)
JOINED = re.compile(r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?")


def responders(s: str, mentions: Sequence[Mention]) -> set[str]:
    """The countries opening a sentence ("South Korea, the United States and Japan are …") that
    act in response to another's threat or pressure named later: they hold that view of it."""
    if not mentions or not re.fullmatch(r"\W*(?:the\s+)?", s[lead(s):mentions[0].start]):
        return set()
    k = 0
    while k + 1 < len(mentions) and JOINED.fullmatch(s, mentions[k].end, mentions[k + 1].start):
        k += 1
    subject = {m.actor for m in mentions[:k + 1]}
    for m in mentions[k + 1:]:
        if m.actor not in subject and RESPONSE.search(s, max(0, m.start - 30), m.start) and re.match(r"['’]s?\s", s[m.end:]):
            return {a for a in subject if actors().kinds.get(a) == "country"}
    return set()


def _quoted_official(s: str, m: Mention, r: dict[str, re.Pattern[str]]) -> bool:
    """"…, said Anna Berg, Sweden's foreign minister" / "…, Polish Defence Minister Jan Nowak said":
    the actor names the office of the person the sentence quotes."""
    role = r["speaker"].match(s, m.end)
    if not role:
        return False
    speech = r["speech"].pattern
    after = re.match(r"\s+(?:[A-Z][\w.’'-]*\s+){0,4}" + speech, s[role.end():role.end() + 80])
    before = re.search(speech + r"\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s*){1,4},\s*(?:the\s+)?$", s[max(0, m.start - 80):m.start]) \
        or re.search(speech + r"\s+(?:the\s+)?$", s[max(0, m.start - 20):m.start])  # "said the Finnish president"
    return bool(after or before)


def subject_holder(s: str) -> bool:
    """Does the sentence speak for the document's subject ("host country interlocutors", "Briefers")?"""
    return bool(rules()["host"].search(s))


SELF_OFFICE = re.compile(r"\b(?:I|I['’]m|I am)\b[^.?!]{0,80}?\bas (?:the |a )?(?P<office>(?:[A-Z][\w-]+ ){1,3}(?:Minister|President|Ambassador|Secretary|Chancellor|Speaker))\b")
TITLED_LABEL = re.compile(r"^[ \t]*(?:[A-Z][\w.-]*[ \t]+){1,6}[A-Z][A-Z-]{3,15}[ \t]*:(?=\s)", re.M)
FIRST_PERSON_REPORT = re.compile(r"\b(?:I present the report|we visited|we went|our delegation|we met|we were)\b", re.I)
ROLE_IN_HEAD = re.compile(r"\b(?:foreign|defen[cs]e|prime|deputy prime)?\s*(?:minister|president|speaker|ambassador|chancellor)\b", re.I)


def voice_of(text: str, head: Sequence[str], kind: str, authors: Sequence[str], publisher: str | None,
             organisation: str | None) -> str | None:
    """Whose "we" and "our" the document speaks in: an interview's interviewee's country (from
    the people it names, or a demonym before an office in its head: "Moldovan foreign affairs
    minister says …"); a national parliament's delegation reporting in the first person; a
    ministry publishing its own release ("Ministry of Foreign Affairs of Latvia")."""
    from .people import country_in
    from .visitors import org_country

    if kind == "interview":
        ppl = people_of(text[:50_000])
        for name in authors:
            if country := ppl.country_of.get(name.casefold()):
                return country
        for line in head[:6]:
            m = ROLE_IN_HEAD.search(line)
            if m and (found := [x for x in actors().find(line[:m.start()]) if x.form == "demonym"]):
                return found[-1].actor
        # "I'm not just saying that as Latvian Defense Minister": the office the one answering speaks in
        office = SELF_OFFICE.search(text[:50_000])
        if office and (found := [x for x in actors().find(office.group("office")) if x.form == "demonym"]):
            return found[0].actor
        # "NATO Secretary General Jens STOLTENBERG: …": the office of the one who answers
        labels = {m.group(0) for m in TITLED_LABEL.finditer(text[:20_000])}
        found = {x.actor for label in labels for x in actors().find(label)}
        return found.pop() if len(found) == 1 else None
    if organisation and FIRST_PERSON_REPORT.search(text[:20_000]) and (country := org_country(organisation)):
        return country
    if publisher and re.match(r"(?:Ministry|Department|Office|Embassy|Government|Republic)\b", publisher):
        return country_in(publisher)
    return None
