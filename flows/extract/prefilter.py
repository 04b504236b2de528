"""Necessary literals of a regular expression: strings one of which must be in any text it
matches. Most sentences hold no stance cue; a substring test on the lower-cased sentence tells
so without running each cue's expression (Python's ``re`` has no such prefilter for
case-insensitive patterns that open with ``\\b`` or a group)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

try:  # Python 3.11+
    from re import _constants as sre_constants, _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from .lexicon import compiled_cues, load

LITERAL, BRANCH, SUBPATTERN = sre_constants.LITERAL, sre_constants.BRANCH, sre_constants.SUBPATTERN
REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """Of several necessary sets, the one whose shortest member is longest (the most selective)."""
    sets = [s for s in sets if s and all(s)]
    return max(sets, key=lambda s: (min(map(len, s)), -len(s))) if sets else None


def _necessary(items) -> frozenset[str] | None:
    sets: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is LITERAL:
            run += chr(arg)
            continue
        if run:
            sets.append(frozenset([run]))
        run = ""
        if op is SUBPATTERN:
            sets.append(_necessary(arg[-1]) or frozenset())
        elif op is BRANCH:
            branches = [_necessary(b) for b in arg[1]]
            sets.append(frozenset().union(*branches) if all(branches) else frozenset())
        elif op in REPEATS and arg[0] >= 1:
            sets.append(_necessary(arg[2]) or frozenset())
        elif op in ZERO_WIDTH:
            continue
    if run:
        sets.append(frozenset([run]))
    return _best(sets)


def literals(pattern: str) -> frozenset[str] | None:
    """Lower-cased strings one of which every match of ``pattern`` (case-insensitive) contains,
    or None when no such set is found (then the pattern is always run)."""
    found = _necessary(sre_parse.parse(pattern, re.IGNORECASE))
    return frozenset(s.lower() for s in found) if found else None


@dataclass(frozen=True)
class Gated:
    label: str
    pattern: re.Pattern[str]
    needs: frozenset[str] | None  # None: always run


@cache
def gated_cues(group: str) -> tuple[Gated, ...]:
    return tuple(Gated(label, pat, literals(pat.pattern)) for label, pat in compiled_cues()[group])


def cue_matches(group: str, text: str) -> list[tuple[str, re.Match[str]]]:
    """Every match of every cue of a group, overlapping ones included."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: no substring test
        return [(label, m) for label, pat in compiled_cues()[group] for m in pat.finditer(text)]
    has = low.__contains__
    return [(g.label, m) for g in gated_cues(group) if g.needs is None or any(map(has, g.needs)) for m in g.pattern.finditer(text)]


@cache
def gated_kinds() -> dict[str, tuple[Gated, ...]]:
    """The kind cues of ``cues.yaml``, each behind its literals."""
    flags = re.IGNORECASE | re.MULTILINE
    return {kind: tuple(Gated(kind, re.compile(p, flags), literals(p)) for p in pats) for kind, pats in load("cues")["kinds"].items()}


def kind_scores(text: str) -> dict[str, int]:
    """How many times each kind's cues occur in ``text``."""
    low = text.lower()
    exact = len(low) == len(text)
    has = low.__contains__
    return {kind: sum(len(g.pattern.findall(text)) for g in gs if not exact or g.needs is None or any(map(has, g.needs)))
            for kind, gs in gated_kinds().items()}
