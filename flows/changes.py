"""What changed since the previous edition: sources and facts matched by ``fact_id`` (what the
fact is about), never by list position or offsets. A fact is "changed" when something a reader
sees of it differs (horizon, year, slots of a visit, the quote's words), not when it merely
moved in its source."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .models import Changes, Delegation, DocumentMeta, Event, FactRef, Facts, Position

LIMIT = 25  # listed per kind; the counts are complete


def previous_facts(output: Path) -> tuple[str, Facts] | None:
    """The name and facts of the edition ``latest`` points to, if there is one that reads (parsed
    once per process while the file is unchanged: the head start and the flow both ask)."""
    latest = Path(output) / "latest"
    try:
        path = (latest / "facts.json").resolve()
        stat = path.stat()
        return latest.resolve().name, _parsed(str(path), stat.st_mtime_ns, stat.st_size)
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=2)
def _parsed(path: str, mtime_ns: int, size: int) -> Facts:
    return Facts.model_validate_json(Path(path).read_bytes())


def _seen(fact) -> dict:
    """What a reader sees of a fact: everything but offsets and pages."""
    data = fact.model_dump(mode="json")
    evidence = data.pop("evidence")
    quotes = [e["quote"] for e in (evidence if isinstance(evidence, list) else [evidence])]
    quotes += [e["quote"] for e in data.pop("more_evidence", [])]
    return {**data, "quotes": quotes}


def _ref(fact, titles: dict[str, str]) -> FactRef:
    source = titles.get(fact.document_id, fact.document_id)
    if isinstance(fact, Position):
        return FactRef(kind="position", fact_id=fact.fact_id, source=source, holder=fact.holder,
                       target=fact.target, stance=fact.stance)
    if isinstance(fact, Delegation):
        return FactRef(kind="delegation", fact_id=fact.fact_id, source=source, host=fact.host_country,
                       date=fact.start_date)
    return FactRef(kind="event", fact_id=fact.fact_id, source=source, date=fact.date, summary=fact.summary)


def _titles(docs: tuple[DocumentMeta, ...]) -> dict[str, str]:
    return {d.id: d.title or d.path for d in docs}


def changes(previous: tuple[str, Facts] | None, facts: Facts) -> Changes:
    if previous is None:
        return Changes(first=True)
    name, old = previous
    titles = {**_titles(old.documents), **_titles(facts.documents)}
    old_docs = {d.id: d.sha256 for d in old.documents}
    new_docs = {d.id: d.sha256 for d in facts.documents}
    found: dict[str, list[FactRef]] = {"new": [], "changed": [], "withdrawn": []}
    counts = {"new": 0, "changed": 0, "withdrawn": 0}
    kinds: tuple[tuple[tuple[Position | Delegation | Event, ...], tuple], ...] = (
        (old.positions, facts.positions), (old.delegations, facts.delegations), (old.events, facts.events))
    for before, after in kinds:
        a = {f.fact_id: f for f in before}
        b = {f.fact_id: f for f in after}
        for status, ids, side in (("new", sorted(set(b) - set(a)), b), ("withdrawn", sorted(set(a) - set(b)), a),
                                  ("changed", sorted(k for k in set(a) & set(b) if _seen(a[k]) != _seen(b[k])), b)):
            counts[status] += len(ids)
            room = max(LIMIT - len(found[status]), 0)
            found[status] += [_ref(side[k], titles) for k in ids[:room]]
    return Changes(
        first=False, previous=name,
        sources_added=tuple(sorted(titles[k] for k in set(new_docs) - set(old_docs))),
        sources_removed=tuple(sorted(titles[k] for k in set(old_docs) - set(new_docs))),
        sources_changed=tuple(sorted(titles[k] for k in set(new_docs) & set(old_docs) if new_docs[k] != old_docs[k])),
        new=tuple(found["new"]), changed=tuple(found["changed"]), withdrawn=tuple(found["withdrawn"]), counts=counts)
