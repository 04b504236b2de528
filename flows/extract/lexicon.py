"""Knowledge the extractors read: YAML files in ``data/`` next to this module, loaded once
on first use (nothing is read at import time)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("data")


@cache
def load(name: str) -> dict:
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def alternation(words: list[str], flags: int = 0, bounded: bool = True) -> re.Pattern[str]:
    """A regex matching any of ``words`` literally, longest first, as whole words."""
    body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    if bounded:
        body = rf"(?<![\w])(?:{body})(?![\w])"
    return re.compile(body, flags)


def any_of(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: str  # canonical name
    form: str  # alias | metonym | demonym


@dataclass(frozen=True)
class Actors:
    pattern: re.Pattern[str]
    blocked: re.Pattern[str]
    institution: re.Pattern[str]
    lookup: dict[str, tuple[str, str]]
    kinds: dict[str, str]

    def find(self, text: str) -> list[Mention]:
        blocked = [(m.start(), m.end()) for m in self.blocked.finditer(text)]
        out = []
        for m in self.pattern.finditer(text):
            if any(s <= m.start() < e for s, e in blocked) or self.institution.match(text, m.end()):
                continue
            actor, form = self.lookup[m.group(0)]
            out.append(Mention(m.start(), m.end(), actor, form))
        return out

    def canonical(self, name: str | None) -> str | None:
        """The canonical actor for a name or alias, or None."""
        if not name:
            return None
        got = self.lookup.get(name.strip()) or self.lookup.get(name.strip().removeprefix("the ").strip())
        return got[0] if got else None

    def countries(self) -> list[str]:
        return [a for a, k in self.kinds.items() if k == "country"]


@cache
def actors() -> Actors:
    data = load("actors")
    lookup: dict[str, tuple[str, str]] = {}
    kinds: dict[str, str] = {}
    for name, spec in data["actors"].items():
        kinds[name] = spec.get("kind", "country")
        for form in ("aliases", "metonyms", "demonyms"):
            for word in spec.get(form) or []:
                lookup.setdefault(word, (name, form.rstrip("s").replace("aliase", "alias")))
        lookup.setdefault(name, (name, "alias"))
    return Actors(
        pattern=alternation(list(lookup)),
        blocked=alternation(data.get("not_actors") or []),
        institution=re.compile(r"\s+(?:" + "|".join(map(re.escape, data.get("institution_suffixes") or ["$^"])) + r")\b"),
        lookup=lookup,
        kinds=kinds,
    )


@cache
def compiled_cues() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Stance cues and horizon words, compiled: {"stances": [(stance, regex)], "horizons": [...]}."""
    cues = load("cues")
    return {
        group: [(label, re.compile(p, re.IGNORECASE)) for label, pats in cues[group].items() for p in pats]
        for group in ("stances", "horizons")
    }
