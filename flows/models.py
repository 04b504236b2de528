"""Typed records that pass between the stages.

Every record is a frozen pydantic v2 model with ``extra="forbid"``. The fact records
(:class:`DocumentMeta`, :class:`Delegation`, :class:`Position`, :class:`Event`) serialise to
exactly the shape of ``facts.schema.json`` (schema_version 1).
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DateStr = str | None  # ISO date at the precision the source supports: YYYY, YYYY-MM or YYYY-MM-DD
Stance = Literal["threat", "concern", "partner", "neutral"]
Horizon = Literal["immediate", "long-term"] | None
Kind = Literal["press_release", "analysis", "interview", "policy_brief", "other"]
DateBasis = Literal["stated", "inferred", "unknown"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def stable_id(self, prefix: str) -> str:
        """An id derived from the record's content: the same fact gets the same id on every build."""
        payload = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return f"{prefix}-{hashlib.sha256(payload.encode()).hexdigest()[:10]}"


# --- ingest ---------------------------------------------------------------------------------


class SourceText(Record):
    """One readable document of the corpus, decoded; offsets of facts index ``text``."""

    id: str
    path: str  # relative to the corpus folder, POSIX separators
    sha256: str
    encoding: str
    text: str


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


class DocumentMeta(Record):
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


class Person(Record):
    name: str
    role: str | None = None
    country: str | None = None


class Delegation(Record):
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


class Position(Record):
    holder: str
    target: str
    stance: Stance
    horizon: Horizon = None
    year: int
    document_id: str
    evidence: Evidence


class Event(Record):
    date: DateStr
    summary: str
    actors: tuple[str, ...] = ()
    document_id: str
    evidence: Evidence


class Facts(Record):
    schema_version: Literal[1] = 1
    documents: tuple[DocumentMeta, ...] = ()
    delegations: tuple[Delegation, ...] = ()
    positions: tuple[Position, ...] = ()
    events: tuple[Event, ...] = ()


class Extraction(Record):
    """What the extract stage hands on: the facts and what it could not use."""

    facts: Facts
    skipped: tuple[SkippedSource, ...] = ()
    extracted: int = 0  # documents extracted in this run
    reused: int = 0  # documents whose facts came from the cache
