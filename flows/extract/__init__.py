"""Extract: grounded facts from ingested documents, one module per kind of fact.

``extract_document`` is a plain function from one document to its facts; ``extract_corpus``
streams documents through it and marks repeats of earlier documents (``duplicate_of``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from ..models import (
    Corpus, Delegation, DocumentMeta, Event, Extraction, Facts, Position, SkippedSource, SourceText,
)
from .cache import ExtractCache
from .delegations import delegation_of
from .documents import describe
from .events import events_of
from .holders import voice_of
from .layout import parse
from .positions import positions_of


def content_key(text: str) -> str:
    """Equal for texts that differ only in spacing and case."""
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().casefold().encode()).hexdigest()


def extract_document(doc: SourceText) -> tuple[DocumentMeta, list[Delegation], list[Position], list[Event]]:
    """One document's facts. The document is parsed once (:func:`layout.parse`) and every
    extractor reads that layout; every quote is grounded by :func:`layout.ground`."""
    lay = parse(doc)
    meta = describe(lay)
    year = int(meta.date[:4]) if meta.date else None  # stated, else inferred; None: an undated source
    delegation = delegation_of(lay, meta)
    host = delegation.host_country if delegation else None
    delegations = [delegation] if delegation else []
    voice = voice_of(doc.text, lay.head, meta.kind, meta.authors, meta.publisher, delegation.organisation if delegation else None)
    return meta, delegations, positions_of(lay, year, host, meta.kind, voice), events_of(lay, year)


def extract_facts(doc: SourceText) -> Facts:
    """One document's facts, as the cache stores them."""
    meta, d, p, e = extract_document(doc)
    return Facts(documents=(meta,), delegations=tuple(d), positions=tuple(p), events=tuple(e))


def split_duplicates(docs: Iterable[SourceText]) -> tuple[list[SourceText], list[tuple[SourceText, str]]]:
    """Documents with new content, and (document, id of the earlier one) for repeats."""
    seen: dict[str, str] = {}
    unique, repeats = [], []
    for doc in docs:
        key = content_key(doc.text)
        if key in seen:
            repeats.append((doc, seen[key]))
        else:
            seen[key] = doc.id
            unique.append(doc)
    return unique, repeats


def merge(parts: Iterable[Extraction], repeats: Iterable[tuple[SourceText, str]] = (),
          skipped: Iterable[SkippedSource] = ()) -> Extraction:
    """One sorted Extraction from batches, with the repeated documents' metadata added."""
    facts = [p.facts for p in parts]
    metas = [m for f in facts for m in f.documents]
    metas += [describe(parse(doc)).model_copy(update={"duplicate_of": first}) for doc, first in repeats]
    return Extraction(extracted=sum(p.extracted for p in parts), reused=sum(p.reused for p in parts), facts=Facts.of(
        metas, [d for f in facts for d in f.delegations], [p for f in facts for p in f.positions],
        [e for f in facts for e in f.events]), skipped=tuple(skipped))


def extract_corpus(docs: Iterable[SourceText], skipped: Iterable[SkippedSource] = (),
                   cache: ExtractCache | None = None, extract_many=None) -> Extraction:
    """Facts of every document, sorted; a document repeating an earlier one keeps only its metadata.
    With a cache, a document extracted before (same content, same extractor) is not extracted again.
    ``extract_many(docs) -> [Facts]`` may spread the documents to extract over workers (the
    pipeline's batches); the cache is read and written here, by the caller's process."""
    unique, repeats = split_duplicates(docs)
    found = {doc.id: cache.get(doc) if cache else None for doc in unique}
    todo = [doc for doc in unique if found[doc.id] is None]
    for doc, facts in zip(todo, (extract_many or (lambda batch: [extract_facts(d) for d in batch]))(todo)):
        if cache:
            cache.put(doc, facts)
        found[doc.id] = facts
    result = merge([Extraction(facts=found[doc.id]) for doc in unique], repeats, skipped)
    return result.model_copy(update={"extracted": len(todo), "reused": len(unique) - len(todo)})


def extract(corpus: Corpus) -> Extraction:
    return extract_corpus(corpus.documents, corpus.skipped)
