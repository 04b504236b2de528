"""People with their roles as written: "Anna Berg, State Secretary for Foreign Affairs of
Norway", "Defence Minister Jan Novak", "Dr. Lea Weiss, Deputy Director ...".
Honorifics are dropped from names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .lexicon import LOWER, UPPER, actors, alternation, load

TOKEN = rf"[{UPPER}][{LOWER}’'{UPPER}-]*[{LOWER}]|[{UPPER}]\."
PARTICLE = r"(?:van|von|de|der|den|da|di|du|le|la|bin|al|del|ter|ten)"


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    name: str
    role: str | None
    country: str | None  # from "(Country)" after the name or a demonym in the role


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load("people")
    hon = "|".join(re.escape(h.rstrip(".")) for h in data["honorifics"])
    # a name may open with bare initials ("K Ramesh") and ends before a headline verb ("X Meets Y")
    stop = "|".join(map(re.escape, data["headline_verbs"]))
    # "Zh.Enkhbayar", "V. Bobrov": an initial and a surname are a name too
    up, lo = UPPER, LOWER
    name = rf"(?:[{up}][{lo}]?\.\s?[{up}][{lo}’'-]+[{lo}](?!\s+[{up}][{lo}])|(?:{TOKEN}|[{up}](?=\s+[{up}][{lo}]))(?:\s+(?:{PARTICLE}\s+)?(?!(?:{stop})\b)(?:{TOKEN})){{1,3}})(?:,?\s+(?:Jr|Sr)\.?|\s+(?:II|III|IV)\b)?"  # "Benigno S. Aquino III", "Feliciano Belmonte, Jr."
    # role heads as written, and in lower case inside a sentence ("the chairman of …", "party chairwoman")
    heads = alternation(data["role_heads"] + [h.lower() for h in data["role_heads"] if " " not in h and h[0].isupper() and h != "General"]).pattern
    qualifier = r"(?:(?:[A-Z][\w.’'-]*|of|for|and|the)\s+){0,5}?"
    start = r"(?<![\w’'])"  # a name or role starts a word ("MP Jarno Limnell" is not "P Jarno Limnell")
    return {
        # Name, Role
        "name_role": re.compile(
            rf"{start}(?:\b(?:{hon})\.?\s+)?(?P<name>{name})(?:\s*\((?P<country>[^)]{{2,40}})\))?,\s+"
            rf"(?P<role>(?!and\b|or\b)(?:[Ff]ormer\s+|[Tt]hen-)?{qualifier}{heads}[^;\n]{{0,240}})"
        ),
        # Role Name ("Defence Minister Jan Novak", "Minister of Foreign Affairs Ana Silva")
        "role_name": re.compile(
            rf"{start}(?P<role>(?:(?:[A-Z][\w.’'-]*|[Ff]ormer)\s+){{0,4}}(?:{heads})"
            rf"(?:\s+(?:of|for)(?:\s+the)?(?:\s+[a-z]+(?:ary|al|ic|ive))?(?:\s+(?:[A-Z][\w’'-]*|and|committee|parliament|government|assembly|senate|ministry|council)){{1,4}}?){{0,2}})\s+(?:(?:{hon})\.?\s+)?(?P<name>{name})"
        ),
        "honorific_name": re.compile(rf"\b(?:{hon})\.?\s+(?P<name>{name})"),
        # "the Minister of Foreign Affairs of Latvia, Edgars Rinkēvičs, …": a role, a comma, the name
        "role_comma_name": re.compile(
            rf"{start}(?P<role>(?:(?:[{up}][\w.’'-]*)\s+){{0,3}}(?:{heads})(?:\s+(?:of|for)(?:\s+the)?(?:\s+(?:[{up}][\w’'-]*|and)){{1,4}}?){{1,2}}),\s+"
            rf"(?:(?:{hon})\.?\s+)?(?P<name>{name})(?=\s*[,;:)]|\.(?:\s|$)|\s+(?:and|said|welcomed|met|noted|stressed|added)\b)"),
        # "Mr. Hatoyama, President of the Friendship Group": a surname alone, after an honorific and before a role
        "honorific_surname": re.compile(rf"\b(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+(?P<name>[{up}][{lo}]{{2,}}),\s+(?P<role>{qualifier}{heads}[^;\n]{{0,240}})"),
    }


ROLE_STOP = re.compile(
    r",?\s+and\s+(?=[a-z])|,\s+(?=[a-z])|\.(?=\s|$)|;|:|[“”\"]|\s+(?=(?:who|which|said|noted|stressed|underlined|"
    r"told|emphasi[sz]ed|explained|welcomed|argued|added|met|also)\b)"
)


def clean_role(role: str) -> str | None:
    m = ROLE_STOP.search(role)
    role = (role[: m.start()] if m else role).strip(" ,")
    return re.sub(r"\s+", " ", role) or None


@cache
def _bad_words() -> frozenset[str]:
    data = load("people")
    words = set(data["not_name_words"])
    for head in data["role_heads"]:
        words.update(head.split())
    return frozenset(words)


ABSTRACT = re.compile(r"^[A-Z][a-z]{3,}(?:tion|sion|ness|ism)s?$")
GLUED = re.compile(r"(?<!^Mc)(?<!^Mac)(?<!^De)(?<!^Di)(?<!^La)(?<!^Le)(?<!^Van)(?<!^O')(?<!^O’)(?<=[a-z])[A-Z]")


def valid_name(name: str) -> bool:
    initial = re.fullmatch(r"[A-Z][a-z]?\.\s?(?P<surname>[A-Z][\w’'-]+)", name)
    if initial:  # "Zh.Enkhbayar", "V. Bobrov"
        return initial.group("surname") not in _bad_words() and actors().canonical(initial.group("surname")) is None
    tokens = name.split()
    if len(tokens) < 2 or any(t.strip(".,") in _bad_words() for t in tokens):
        return False
    if any(GLUED.search(t) for t in tokens):
        return False  # "Video PlayerClose": widget labels run together, not a name
    if any(t.endswith(("'s", "’s")) for t in tokens):
        return False  # "Duke University's Chronicle": a possessive, not a person's name
    if any(ABSTRACT.search(t) for t in tokens):
        return False  # "Combating Corruption", "Regional Cooperation": a portfolio's words, not a person
    return not any(actors().canonical(t) for t in tokens) and actors().canonical(name) is None


def best_name(candidate: str) -> str | None:
    """The longest valid name ending the candidate ("Sea. Ana Silva" -> "Ana Silva", "Saeima V.Ozols" -> "V.Ozols")."""
    tokens = candidate.split()
    for i in range(len(tokens) - (0 if re.fullmatch(r"[A-Z][a-z]?\.[A-Z][\w’'-]+", tokens[-1] if tokens else "") else 1)):
        name = " ".join(tokens[i:])
        if valid_name(name):
            return name
    return None


def country_in(text: str | None) -> str | None:
    if not text:
        return None
    for m in actors().find(text):
        if actors().kinds.get(m.actor) == "country":
            return m.actor
    return None


def _names_someone(role: str) -> bool:
    """Does a "role" name another titled person ("Defence Minister Levan Izoria and ...")?"""
    return any(best_name(m.group("name")) for m in _patterns()["role_name"].finditer(role))


def _overlapping(pattern: re.Pattern[str], text: str):
    """Matches that may overlap a previous match's role (a role runs to the sentence's end)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = m.start("role") if "role" in m.groupdict() and m.start("role") > m.start() else m.end()
        pos = max(pos, m.start() + 1)


def people(text: str) -> list[PersonMention]:
    """Named people in ``text`` (one sentence or more), each once, first mention first."""
    return list(_people(text))


@lru_cache(maxsize=64)
def _people(text: str) -> tuple[PersonMention, ...]:  # a document's text is read for people by several extractors
    found: dict[str, PersonMention] = {}
    pats = _patterns()
    for key in ("name_role", "role_name", "role_comma_name", "honorific_name", "honorific_surname"):
        for m in _overlapping(pats[key], text):
            raw = re.sub(r"\s+", " ", m.group("name")).strip()
            name = raw if key == "honorific_surname" and raw not in _bad_words() and not actors().canonical(raw) \
                else best_name(re.sub(r"[’']s$", "", raw))
            if name is None:
                continue
            role = m.group("role") if "role" in m.groupdict() and m.group("role") else None
            if role and key == "role_name" and raw.endswith(" " + name):  # "Minister of Foreign Affairs Joseph Wu": "Affairs" is the role's
                role = f"{role} {raw[:-len(name) - 1]}"
            if role and key in ("role_name", "role_comma_name"):  # "ARMENPRESS. Speaker of Parliament …": the role starts after a sentence's end
                role = re.split(r"(?:(?<=[a-z]{2})|(?<=[A-Z]{3}))\.\s+|\n", role)[-1]  # or after a line's ("Press Releases\n\nVice Minister X")
            role = clean_role(role) if role else None
            if role and key == "role_name" and role.endswith(" and") and len(name.split()) >= 3:
                first, name = name.split(" ", 1)  # "Minister of Foreign Affairs and Trade Jan Berg": the role takes "Trade"
                role = f"{role} {first}"
            if key == "name_role" and role and (len(role.split()) > 25 or _names_someone(role)):
                role = None  # "X, Defence Minister Y and ...": a list of people, not X's role
            given = m.groupdict().get("country")
            country = actors().canonical(given) if given else None
            prev = found.get(name)
            if prev is None or (prev.role is None and role):
                found[name] = PersonMention(m.start("name"), m.end("name"), name, role,
                                            country or (prev.country if prev else None))
    return tuple(sorted(found.values(), key=lambda p: p.start))


@cache
def _leaders() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """``leaders.yaml``: each name (full, or a surname nobody else is known by) and its country,
    and the names by their first word (a text is searched only for names whose first word it has)."""
    country_of: dict[str, str] = {}
    for country, entry in load("leaders").items():
        canonical = actors().canonical(country) or country
        for name in entry["names"] + entry["surnames"]:
            country_of[name] = canonical
    by_first: dict[str, list[str]] = {}
    for name in country_of:
        by_first.setdefault(WORD.match(name).group(0), []).append(name)
    return country_of, {k: tuple(v) for k, v in by_first.items()}


WORD = re.compile(r"[^\W\d_][\w.]*")


def leaders_in(text: str) -> list[tuple[str, str]]:
    """The leaders ``text`` names, each once with their country: "President Putin", "said Erdoğan"."""
    country_of, by_first = _leaders()
    words = set(WORD.findall(text))
    found = {}
    for name in (n for w in words & by_first.keys() for n in by_first[w]):
        if re.search(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])", text):
            found[name] = country_of[name]
    return sorted(found.items())
