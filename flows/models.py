"""Typed records that pass between the stages.

Every record is a frozen pydantic v2 model with ``extra="forbid"``. The fact records
(:class:`DocumentMeta`, :class:`Delegation`, :class:`Position`, :class:`Event`) serialise to
exactly the shape of ``facts.schema.json`` (schema_version 1).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

DateStr = str | None  # ISO date at the precision the source supports: YYYY, YYYY-MM or YYYY-MM-DD
Stance = Literal["threat", "concern", "partner", "neutral"]
Horizon = Literal["immediate", "long-term"] | None
Kind = Literal["press_release", "analysis", "interview", "policy_brief", "other"]
DateBasis = Literal["stated", "inferred", "unknown"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def key_id(prefix: str, key: tuple) -> str:
    """A stable id from a fact's key: the same fact gets the same id on every build, wherever
    it stands in the list and whatever its offsets."""
    payload = json.dumps(key, ensure_ascii=False, separators=(",", ":"))
    return f"{prefix}-{hashlib.sha256(payload.encode()).hexdigest()[:10]}"


class Fact(Record):
    """A fact with an identity: ``key`` says what it is about, ``fact_id`` is a hash of it.
    Compare, render, changes and corrections identify facts by these, never by position."""

    PREFIX: ClassVar[str] = "F"

    @property
    def key(self) -> tuple:
        raise NotImplementedError

    @property
    def fact_id(self) -> str:
        return key_id(self.PREFIX, self.key)


# --- ingest ---------------------------------------------------------------------------------


Format = Literal["text", "html", "pdf", "docx"]


class SourceHints(Record):
    """What a file's own metadata says (HTML meta tags and JSON-LD, PDF info, DOCX properties):
    used when the text itself does not say it."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None  # ISO, at the precision given: a publication date the page states
    metadata_date: str | None = None  # a file property (PDF/DOCX creation): only a fallback, "inferred"
    site: str | None = None  # a web page's site name


class SourceText(Record):
    """One readable document of the corpus. Offsets of facts index ``text``: the decoded file
    for plain text, else the text extracted from it (stored in the edition as texts/<id>.txt)."""

    id: str
    path: str  # relative to the corpus folder, POSIX separators
    sha256: str  # of the file's bytes
    encoding: str
    text: str
    format: Format = "text"
    pages: tuple[int, ...] = ()  # PDF: the offset in ``text`` where each page starts
    hints: SourceHints = SourceHints()


class SkippedSource(Record):
    path: str
    reason: str


class Corpus(Record):
    root: str
    documents: tuple[SourceText, ...]
    skipped: tuple[SkippedSource, ...] = ()


# --- facts (facts.schema.json) ----------------------------------------------------------------


class Evidence(Record):
    document_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str = Field(min_length=1)
    page: int | None = Field(default=None, ge=1)  # PDF sources: the page the quote starts on


class DocumentMeta(Fact):
    PREFIX: ClassVar[str] = "S"
    id: str
    path: str
    sha256: str
    title: str | None
    publisher: str | None
    authors: tuple[str, ...] = ()
    date: DateStr
    date_basis: DateBasis
    kind: Kind
    duplicate_of: str | None = None

    @property
    def key(self) -> tuple:
        return ("document", self.id)


class Person(Record):
    name: str
    role: str | None = None
    country: str | None = None


class Delegation(Fact):
    PREFIX: ClassVar[str] = "D"

    document_id: str
    organisation: str | None
    bodies: tuple[str, ...] = ()
    host_country: str | None
    places: tuple[str, ...] = ()
    start_date: DateStr
    end_date: DateStr
    members: int | None
    member_countries: int | None
    leader: Person | None
    interlocutors: tuple[Person, ...] = ()
    evidence: tuple[Evidence, ...] = Field(min_length=1)

    @property
    def key(self) -> tuple:
        """A visit: the document reporting it and where it went (one visit per document)."""
        return ("delegation", self.document_id, self.host_country or "")


class Position(Fact):
    PREFIX: ClassVar[str] = "P"

    holder: str
    target: str
    stance: Stance
    horizon: Horizon = None
    year: int | None  # the document's year; None for an undated source
    document_id: str
    evidence: Evidence
    # further pieces of the same sentence when a column break parts the cue from the target (PDF
    # text read down interleaved columns); each still its text slice
    more_evidence: tuple[Evidence, ...] = ()

    @property
    def shown_quote(self) -> str:
        """The quote a reader sees: the pieces in order, an ellipsis at each column break."""
        return " … ".join([self.evidence.quote, *(e.quote for e in self.more_evidence)])

    @property
    def key(self) -> tuple:
        return ("position", self.document_id, self.holder, self.target, self.stance)


class Event(Fact):
    PREFIX: ClassVar[str] = "E"

    date: DateStr
    summary: str
    actors: tuple[str, ...] = ()
    document_id: str
    evidence: Evidence

    @property
    def key(self) -> tuple:
        return ("event", self.document_id, self.date or "", self.summary)


class Facts(Record):
    schema_version: Literal[1] = 1
    documents: tuple[DocumentMeta, ...] = ()
    delegations: tuple[Delegation, ...] = ()
    positions: tuple[Position, ...] = ()
    events: tuple[Event, ...] = ()

    @classmethod
    def of(cls, documents, delegations, positions, events) -> Facts:
        """Facts in their one deterministic order (the order facts.json lists them in)."""
        return cls(documents=tuple(sorted(documents, key=lambda m: m.id)),
                   delegations=tuple(sorted(delegations, key=lambda d: (d.document_id, d.start_date or "", d.fact_id))),
                   positions=tuple(sorted(positions, key=lambda p: (p.document_id, p.holder, p.target, p.stance))),
                   events=tuple(sorted(events, key=lambda e: (e.date or "", e.document_id, e.evidence.start, e.fact_id))))


class Extraction(Record):
    """What the extract stage hands on: the facts and what it could not use."""

    facts: Facts
    skipped: tuple[SkippedSource, ...] = ()
    extracted: int = 0  # documents extracted in this run
    reused: int = 0  # documents whose facts came from the cache


# --- corrections (the analyst's corrections.yaml) --------------------------------------------------

FactKind = Literal["document", "position", "delegation", "event"]


class Correction(Record):
    """One entry of corrections.yaml: which fact (by its identity) and what to do with it."""

    line: int  # where the entry starts in the file, for messages
    action: Literal["reject", "fix", "add"]
    kind: FactKind
    fact_id: str | None = None  # reject/fix: the fact named by its id...
    identity: dict[str, str] = Field(default_factory=dict)  # ...or by the fields of its identity
    values: dict[str, object] = Field(default_factory=dict)  # fix: fields to set; add: the new fact's fields and quote
    reason: str


class AppliedCorrection(Record):
    line: int
    action: Literal["reject", "fix", "add"]
    kind: FactKind
    fact_id: str  # the fact as the briefing now has it (rejected: the id it had)
    reason: str


class StaleCorrection(Record):
    """A correction that matched nothing in this build: reported, never silently dropped."""

    line: int
    action: str
    what: str  # the identity it names, as written
    reason: str


class Corrected(Record):
    facts: Facts
    applied: tuple[AppliedCorrection, ...] = ()
    stale: tuple[StaleCorrection, ...] = ()
    file: str | None = None  # the corrections file's name, when there is one


# --- compare ------------------------------------------------------------------------------------

STANCE_ORDER: tuple[str, ...] = ("threat", "concern", "neutral", "partner")  # strongest first

# Bidirectional overrides and isolates, zero-width characters and the BOM: displayed, they reorder
# or hide what follows (an unclosed right-to-left override flips the rest of its paragraph). Facts
# keep the exact quotes; the briefing, the evidence volume and the CSV tables drop these (str.translate).
INVISIBLE = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0x200B, 0x2010), 0x061C, 0xFEFF])


class Focus(Record):
    """The actor a briefing compares, and how it was chosen (said in Method)."""

    actor: str | None  # None: the sources hold no positions
    chosen: Literal["set", "derived"]
    positions: int = 0  # positions it holds in the corpus
    sources: int = 0  # sources reporting its views


class Cell(Record):
    stances: tuple[str, ...]  # strongest first
    horizon: str | None
    cites: tuple[str, ...]  # fact ids
    sources: int


class MatrixRow(Record):
    target: str
    cells: tuple[Cell | None, ...]  # one per column


class Salience(Record):
    target: str
    counts: tuple[int, ...]  # positions per column


class Run(Record):
    """Consecutive years in which the strongest stance on an actor stays the same."""

    stance: str
    years: tuple[int, ...]


class Trend(Record):
    actor: str
    runs: tuple[Run, ...]
    absent: tuple[int, ...]  # years of the comparison in which no source takes a position on it
    positions: int
    sources: int
    undated: int  # positions from undated sources (not placed in a year)
    quote: str | None
    cite: str | None


class Overview(Record):
    kind: Literal["overview"] = "overview"
    sources: int
    first_year: int | None
    last_year: int | None
    positions: int
    actors: int
    delegations: int
    events: int
    undated_sources: int
    cites: tuple[str, ...] = ()


class ThreatFinding(Record):
    kind: Literal["threat"] = "threat"
    actor: str
    holders: tuple[str, ...]
    years: tuple[int, ...]
    of_years: int
    immediate_sources: int
    cites: tuple[str, ...] = ()


class PartnerCount(Record):
    actor: str
    years: int


class PartnersFinding(Record):
    kind: Literal["partners"] = "partners"
    focus: str | None
    partners: tuple[PartnerCount, ...]
    of_years: int
    cites: tuple[str, ...] = ()


class MixedFinding(Record):
    kind: Literal["mixed"] = "mixed"
    actor: str
    cites: tuple[str, ...] = ()


class ShiftFinding(Record):
    kind: Literal["shift"] = "shift"
    first_year: int
    last_year: int
    entering: tuple[str, ...]
    leaving: tuple[str, ...]
    cites: tuple[str, ...] = ()


class VisitSummary(Record):
    year: str | None
    bodies: tuple[str, ...]
    members: int | None
    member_countries: int | None
    interlocutors: int
    agenda: int  # actors the sources of the visit take positions on


class DelegationsFinding(Record):
    kind: Literal["delegations"] = "delegations"
    first: VisitSummary
    last: VisitSummary
    cites: tuple[str, ...] = ()


class SingleSourceFinding(Record):
    kind: Literal["single_source"] = "single_source"
    single: int
    total: int
    cites: tuple[str, ...] = ()


Finding = Annotated[Overview | ThreatFinding | PartnersFinding | MixedFinding | ShiftFinding | DelegationsFinding
                    | SingleSourceFinding, Field(discriminator="kind")]


class Comparison(Record):
    focus: str | None
    years: tuple[int, ...]
    columns: tuple[str, ...]  # the matrix's columns: years, or periods of years when there are many
    matrix: tuple[MatrixRow, ...]
    undated: tuple[Cell | None, ...] = ()  # per matrix row: positions from undated sources
    salience: tuple[Salience, ...]
    trends: tuple[Trend, ...]
    findings: tuple[Finding, ...]
    tables: dict[str, str]


# --- changes, plan, render, publish -----------------------------------------------------------


class FactRef(Record):
    """A fact named in "what changed": what it is about, in fields the template words."""

    kind: Literal["position", "delegation", "event"]
    fact_id: str
    source: str  # the source's title (or file name when it has none)
    holder: str | None = None
    target: str | None = None
    stance: str | None = None
    date: str | None = None
    summary: str | None = None
    host: str | None = None


class Changes(Record):
    first: bool
    previous: str | None = None
    sources_added: tuple[str, ...] = ()
    sources_removed: tuple[str, ...] = ()
    sources_changed: tuple[str, ...] = ()
    new: tuple[FactRef, ...] = ()
    changed: tuple[FactRef, ...] = ()
    withdrawn: tuple[FactRef, ...] = ()
    counts: dict[str, int] = Field(default_factory=lambda: {"new": 0, "changed": 0, "withdrawn": 0})

    @property
    def unchanged(self) -> bool:
        return not (self.first or self.sources_added or self.sources_removed or self.sources_changed
                    or any(self.counts.values()))


class EditionPlan(Record):
    """Decided once per build, before any stage work: whether to publish, and the edition's
    name and time (the one clock read of the edition)."""

    fingerprint: str
    previous: str | None  # the edition `latest` points to
    skip_reason: str | None  # set when nothing changed and no edition is to be published
    edition: str  # folder name, e.g. 20261122T060000Z
    created: datetime  # UTC

    @property
    def stamp(self) -> str:
        return self.created.strftime("%Y-%m-%d %H:%M:%S UTC")


class Rendered(Record):
    title: str  # as on the cover (set, or named after the focus)
    html: str
    pdf: bytes
    findings: tuple[str, ...] = ()  # the findings as plain sentences (for the run's artifact)
    mail: str = ""  # the delivery message's body


class EvidenceVolume(Record):
    pdf: bytes
    html: str
    pages: int
    rendered: int  # sections laid out in this build
    reused: int  # sections taken from the cache


class EditionFiles(Record):
    pdf: bytes
    html: str
    facts_json: str
    tables: dict[str, str]
    texts: dict[str, str] = Field(default_factory=dict)  # document id -> stored text (non-plain-text sources)
    evidence_pdf: bytes | None = None
    evidence_html: str | None = None
    assets: dict[str, bytes] = Field(default_factory=dict)  # files the HTML needs beside it (bundled fonts)
    timings: dict[str, float] = Field(default_factory=dict)
    flow_run_id: str | None = None
    work: dict[str, int | dict[str, int]] = Field(default_factory=dict)
    runner: dict[str, str] = Field(default_factory=dict)  # {"kind": threads|processes|dask, "address": scheduler}
    focus: tuple[Focus, ...] = ()  # one briefing each: the first is briefing.pdf
    more: dict[str, bytes] = Field(default_factory=dict)  # further focuses' briefings and tables, by file name
    corrections: dict[str, str | int | None] = Field(default_factory=dict)  # file, applied, not_applied


class BuildResult(Record):
    edition: str  # the edition folder (the previous one when nothing was published)
    published: bool
    reason: str
    delivery: str | None = None  # "sent", "skipped" (facts unchanged) or the failure's one-line reason
    warnings: tuple[str, ...] = ()  # one line each, for the operator (e.g. a correction that matched nothing)
