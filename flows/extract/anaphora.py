""""It", "its" and "this": the actor a sentence refers back to, taken from the sentence before.

Only the plainest shape is read, and only for a country: the previous sentence opens with it as
its subject ("Norway hosted the talks.", "China's navy expanded its patrols."), and this sentence
either opens with "It" / "Its" in a holder's place ("It is deeply concerned about …", "Its foreign
minister said …") or frames "this" / "it" with a stance ("Japan sees this as a threat"). Anything
else refers to nobody: precision first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .holders import lead, rules
from .lexicon import Mention, actors, load

OPENING = re.compile(r"\W*(?:(?:But|And|However|Meanwhile|Now|Then)\W+)?(?:the\s+)?")
POSSESSIVE = re.compile(r"['’]s?\b")
IT = re.compile(r"\W*It(?=\s)")
ITS = re.compile(r"\W*Its(?=\s)")


def opening_actor(text: str, named: Sequence[Mention]) -> tuple[str, bool] | None:
    """The country a sentence opens with as its subject, and whether it is a possessor there
    ("China's navy …"); None when the sentence opens otherwise."""
    if not named:
        return None
    m = named[0]
    if not OPENING.fullmatch(text, lead(text), m.start) or actors().kinds.get(m.actor) != "country":
        return None
    possessive = bool(POSSESSIVE.match(text, m.end))
    return m.actor, possessive or m.form == "demonym"


def pronoun_holder(text: str, previous: tuple[str, bool] | None) -> str | None:
    """The previous sentence's subject, when this sentence opens with "It" or "Its" where a holder
    stands: "It is concerned …", "It warned …", "Its defence minister said …", "Its concerns over …"."""
    if previous is None or previous[1]:  # "China's navy … It …": the navy, not China
        return None
    r = rules()
    if (m := IT.match(text)) and r["verb"].match(text[m.end():m.end() + 120]):
        return previous[0]
    if (m := ITS.match(text)):
        rest = text[m.end():m.end() + 120]
        # "Its concerns", "Its assessment": read as the possessive the "view" rule expects ("’ assessment")
        if r["noun"].match(rest) or r["felt"].match(rest) or r["view"].match("’" + rest):
            return previous[0]
    return None


@cache
def _framed() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in sorted(load("cues")["framing_verbs"], key=len, reverse=True))
    return re.compile(rf"\b(?:{verbs})\s+(?:this|it|these|them|that)\s+(?:as\s+)?(?:(?:an?|the)\s+)?(?:[\w-]+\s+){{0,2}}$", re.I)


def framing_subject(text: str, named: Sequence[Mention], cue_starts: Sequence[int]) -> str | None:
    """"Estonia called it a provocation": the country opening the sentence frames what "it" is."""
    opens = opening_actor(text, named)
    return opens[0] if opens and not opens[1] and any(framed_anaphor(text, c) for c in cue_starts) else None


def framed_anaphor(text: str, cue_start: int) -> bool:
    """Does "this" or "it" stand as what a framing verb gives the stance to ("sees this as a threat",
    "called it a provocation")?"""
    return bool(_framed().search(text, max(0, cue_start - 60), cue_start))
