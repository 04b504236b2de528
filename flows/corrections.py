"""Correct: the analyst's corrections (``corrections.yaml``), applied to the extracted facts on
every build, after the extraction cache (so they survive re-extraction) and before comparison.

The file is a YAML list. Each entry names one fact by its identity and says what to do::

    - reject: {position: {document: 003_x.txt, holder: Japan, target: China, stance: threat}}
      reason: the sentence reports China's view, not Japan's
    - fix: {document: 002_y.txt}
      set: {date: 2019-05-14}
      reason: the dateline gives the visit's last day
    - add: {position: {document: 001_z.txt, holder: Japan, target: India, stance: partner,
                       quote: "closer security partnerships with India"}}
      reason: missed by the rules

A fact is named by its id (``P-…``, ``D-…``, ``E-…``, ``S-…``, as in facts.json's appendix
anchors) or by the fields of its identity: a document by its id or file path; a position by
document, holder, target and stance; a delegation by document (and host); an event by its id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import yaml
from pydantic import ValidationError

from .extract.layout import ground
from .models import (
    AppliedCorrection, Corrected, Correction, Delegation, DocumentMeta, Event, Evidence, Facts, Position, SourceText,
    StaleCorrection, key_id,
)

ACTIONS = ("reject", "fix", "add")
KINDS = {"document": DocumentMeta, "position": Position, "delegation": Delegation, "event": Event}
PREFIXES = {cls.PREFIX: kind for kind, cls in KINDS.items()}
IDENTITY = {"document": ("document",), "position": ("document", "holder", "target", "stance"),
            "delegation": ("document", "host"), "event": ()}
FIXABLE = {
    "document": {"title", "publisher", "authors", "date", "kind"},
    "position": {"holder", "target", "stance", "horizon"},
    "delegation": {"organisation", "host_country", "start_date", "end_date", "members", "member_countries", "bodies", "places"},
    "event": {"date", "summary", "actors"},
}
ADDABLE = {"position": {"holder", "target", "stance", "horizon"},
           "delegation": {"organisation", "host_country", "start_date", "end_date", "members", "member_countries", "bodies", "places"},
           "event": {"date", "summary", "actors"}}


class CorrectionsError(ValueError):
    """The corrections file cannot be used; the message names the file and line."""


def _plain(value):
    """YAML's dates as ISO strings, lists as tuples: values a record accepts."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    return value


def _entry(raw: object, line: int, where: str) -> Correction:
    def bad(message: str) -> CorrectionsError:
        return CorrectionsError(f"{where}:{line}: {message}")

    if not isinstance(raw, dict):
        raise bad("each entry is a mapping with one of reject, fix or add, and a reason")
    actions = [a for a in ACTIONS if a in raw]
    if len(actions) != 1:
        raise bad("each entry has exactly one of reject, fix or add")
    action = actions[0]
    unknown = sorted(set(raw) - {action, "set", "reason"})
    if unknown:
        raise bad(f"unknown key {unknown[0]!r} (known: {action}, set, reason)")
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise bad("a reason is required")
    target = raw[action]
    fact_id, identity, values = None, {}, {}
    if isinstance(target, str) and target[:2] in {f"{p}-" for p in PREFIXES} and action != "add":
        kind, fact_id = PREFIXES[target[0]], target
    elif isinstance(target, dict) and len(target) == 1 and next(iter(target)) in KINDS:
        kind = next(iter(target))
        fields = target[kind]
        if kind == "document" and isinstance(fields, str | int):
            fields = {"document": str(fields)}
        if not isinstance(fields, dict):
            raise bad(f"{kind}: give its fields as a mapping")
        fields = {str(k): _plain(v) for k, v in fields.items()}
        if action == "add":
            if kind not in ADDABLE:
                raise bad(f"a {kind} cannot be added (only {', '.join(ADDABLE)})")
            allowed = ADDABLE[kind] | {"document", "quote"}
            if not {"document", "quote"} <= set(fields):
                raise bad(f"an added {kind} needs its document and the quote it rests on")
            values = fields
        else:
            allowed = set(IDENTITY[kind])
            if not IDENTITY[kind]:
                raise bad(f"name a {kind} by its id")
            missing = [f for f in IDENTITY[kind] if f not in fields and f != "host"]
            if missing:
                raise bad(f"{kind}: missing {', '.join(missing)} (a {kind} is named by {', '.join(IDENTITY[kind])})")
            identity = {k: "" if v is None else str(v) for k, v in fields.items()}
        extra = sorted(set(fields) - allowed)
        if extra:
            raise bad(f"{kind}: unknown field {extra[0]!r}")
    else:
        raise bad(f"{action}: name the fact by its id (P-…, D-…, E-…, S-…) or as "
                  "{position|delegation|event|document: {fields}}")
    if action == "fix":
        changes = raw.get("set")
        if not isinstance(changes, dict) or not changes:
            raise bad("fix needs set: {field: value, …}")
        wrong = sorted(set(map(str, changes)) - FIXABLE[kind])
        if wrong:
            raise bad(f"a {kind}'s {wrong[0]!r} cannot be set (fields: {', '.join(sorted(FIXABLE[kind]))})")
        values = {str(k): _plain(v) for k, v in changes.items()}
    elif "set" in raw:
        raise bad("set goes with fix only")
    return Correction(line=line, action=action, kind=kind, fact_id=fact_id, identity=identity, values=values,
                      reason=reason.strip())


def load_corrections(path: Path) -> tuple[Correction, ...]:
    """The entries of a corrections file; a malformed file is one CorrectionsError naming the line."""
    where = Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except OSError as exc:
        raise CorrectionsError(f"cannot read {where}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CorrectionsError(f"{where}: not UTF-8 text") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise CorrectionsError(f"{where}:{line}: not valid YAML ({exc.problem or exc.context})") from None
    if data is None:
        return ()
    if not isinstance(data, list):
        raise CorrectionsError(f"{where}:1: the file is a list of corrections (entries starting with '- ')")
    return tuple(_entry(raw, item.start_mark.line + 1, where) for raw, item in zip(data, node.value))


def file_digest(path: Path | None) -> str:
    """For the edition's fingerprint: a changed corrections file makes a new edition."""
    if path is None or not Path(path).is_file():
        return ""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def doc_fact_id(document_id: str) -> str:
    return key_id(DocumentMeta.PREFIX, ("document", document_id))


class _Index:
    """The facts being corrected, findable by id and by identity."""

    def __init__(self, facts: Facts) -> None:
        self.by_kind: dict[str, dict[str, object]] = {
            "document": {f.fact_id: f for f in facts.documents}, "position": {f.fact_id: f for f in facts.positions},
            "delegation": {f.fact_id: f for f in facts.delegations}, "event": {f.fact_id: f for f in facts.events}}
        self.docs = {d.id for d in facts.documents}
        self.by_path = {d.path: d.id for d in facts.documents}

    def document(self, ref: str) -> str | None:
        """A document id from its id or its file path in the corpus; None for one not there (or
        rejected by an earlier correction)."""
        ref = ref.strip()
        doc = ref if ref in self.docs else self.by_path.get(ref)
        return doc if doc is not None and doc_fact_id(doc) in self.by_kind["document"] else None

    def meta(self, doc: str) -> DocumentMeta:
        return self.by_kind["document"][doc_fact_id(doc)]

    def find(self, c: Correction) -> str | None:
        """The fact id a correction names, or None."""
        facts = self.by_kind[c.kind]
        if c.fact_id:
            return c.fact_id if c.fact_id in facts else None
        doc = self.document(c.identity["document"])
        if doc is None:
            return None
        if c.kind == "document":
            fid = doc_fact_id(doc)
            return fid if fid in facts else None
        if c.kind == "position":
            key = ("position", doc, c.identity["holder"], c.identity["target"], c.identity["stance"])
            return next((fid for fid, f in facts.items() if f.key == key), None)
        host = c.identity.get("host")
        return next((fid for fid, f in facts.items() if f.document_id == doc and (host is None or (f.host_country or "") == host)), None)


def _quote_evidence(source: SourceText | None, quote: str) -> Evidence | None:
    """Evidence for an added fact: its quote's first occurrence in the source's text."""
    start = source.text.find(quote) if source and quote.strip() == quote and quote else -1
    return ground(source, start, start + len(quote)) if start >= 0 else None


def _what(c: Correction) -> str:
    if c.fact_id:
        return c.fact_id
    fields = c.identity or {k: v for k, v in c.values.items() if k != "quote"}
    return f"{c.kind} " + ", ".join(f"{k}: {v}" for k, v in fields.items())


def apply_corrections(facts: Facts, corrections: Iterable[Correction], sources: dict[str, SourceText],
                      file: str | None = None) -> Corrected:
    """The facts with the corrections applied, what was applied and what matched nothing.
    ``sources`` are the sources by document id (an added fact's quote is found in their text).
    Documents are corrected first (a new date moves its positions' year), then the other facts."""
    corrections = sorted(corrections, key=lambda c: (c.kind != "document", c.line))
    index = _Index(facts)
    applied: list[AppliedCorrection] = []
    stale: list[StaleCorrection] = []

    def fail(c: Correction, reason: str) -> None:
        stale.append(StaleCorrection(line=c.line, action=c.action, what=_what(c), reason=reason))

    for c in corrections:
        table = index.by_kind[c.kind]
        if c.action == "add":
            doc = index.document(str(c.values["document"]))
            if doc is None:
                fail(c, "no such document in this build")
                continue
            ev = _quote_evidence(sources.get(doc), str(c.values["quote"]))
            if ev is None:
                fail(c, "the quote is not in the source's text")
                continue
            fields = {k: v for k, v in c.values.items() if k not in {"document", "quote"}}
            meta = index.meta(doc)
            try:
                if c.kind == "position":
                    fact = Position(**fields, document_id=doc, evidence=ev, year=int(meta.date[:4]) if meta.date else None)
                elif c.kind == "delegation":
                    fact = Delegation(**{"organisation": None, "host_country": None, "start_date": None, "end_date": None,
                                         "members": None, "member_countries": None, "leader": None, **fields},
                                      document_id=doc, evidence=(ev,))
                else:
                    fact = Event(**{"date": None, **fields}, document_id=doc, evidence=ev)
            except ValidationError as exc:
                fail(c, f"not a valid {c.kind}: {exc.errors()[0]['msg']}")
                continue
            table[fact.fact_id] = fact
            applied.append(AppliedCorrection(line=c.line, action="add", kind=c.kind, fact_id=fact.fact_id, reason=c.reason))
            continue
        fid = index.find(c)
        if fid is None:
            fail(c, "no such fact in this build (the source or the extraction changed?)")
            continue
        old = table[fid]
        if c.action == "reject":
            del table[fid]
            if c.kind == "document":  # a rejected source takes its facts with it
                for kind in ("position", "delegation", "event"):
                    t = index.by_kind[kind]
                    for k in [k for k, f in t.items() if f.document_id == old.id]:
                        del t[k]
            applied.append(AppliedCorrection(line=c.line, action="reject", kind=c.kind, fact_id=fid, reason=c.reason))
            continue
        update = dict(c.values)
        if c.kind == "document" and "date" in update:
            update["date_basis"] = "stated" if update["date"] else "unknown"
        try:
            new = type(old).model_validate({**old.model_dump(), **update})
        except ValidationError as exc:
            err = exc.errors()[0]
            fail(c, f"{'.'.join(map(str, err['loc']))}: {err['msg']}")
            continue
        del table[fid]
        table[new.fact_id] = new
        if c.kind == "document" and new.date != old.date:
            year = int(new.date[:4]) if new.date else None
            t = index.by_kind["position"]
            for k, p in list(t.items()):
                if p.document_id == new.id:
                    t[k] = p.model_copy(update={"year": year})
        applied.append(AppliedCorrection(line=c.line, action="fix", kind=c.kind, fact_id=new.fact_id, reason=c.reason))
    k = index.by_kind
    out = Facts.of(k["document"].values(), k["delegation"].values(), k["position"].values(), k["event"].values())
    return Corrected(facts=out, applied=tuple(sorted(applied, key=lambda a: a.line)),
                     stale=tuple(sorted(stale, key=lambda s: s.line)), file=file)


def correct(facts: Facts, path: Path | None, sources: Iterable[SourceText]) -> Corrected:
    """Load and apply the corrections file (none: the facts as they are)."""
    if path is None or not Path(path).is_file():
        return Corrected(facts=facts)
    return apply_corrections(facts, load_corrections(path), {d.id: d for d in sources}, Path(path).name)
