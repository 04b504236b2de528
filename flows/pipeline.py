"""The Prefect flow ``build_briefing``: thin tasks around the plain stage functions.

This is the only module that imports Prefect. Documents are extracted in batches (one task
per batch, not per document: a task costs about 10 ms of orchestration).
"""

from __future__ import annotations

import time
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.runtime import flow_run

from typing import TYPE_CHECKING

from .models import Corpus, Extraction, Facts
from .settings import Settings

if TYPE_CHECKING:  # the stages are imported when their task runs, so Prefect's server starts sooner
    from .compare import Comparison
    from .publish import EditionFiles
    from .render import Rendered

BATCH = 250


@task(name="ingest", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE, persist_result=False)
def ingest_task(corpus: str, max_bytes: int, max_documents: int) -> Corpus:
    from .ingest import ingest

    return ingest(Path(corpus), max_bytes, max_documents)


@task(name="extract", cache_policy=NO_CACHE, persist_result=False)
def extract_task(batch: Corpus) -> Extraction:
    from .extract import extract_corpus

    return extract_corpus(batch.documents)


@task(name="compare", cache_policy=NO_CACHE, persist_result=False)
def compare_task(facts: Facts, focus: str) -> Comparison:
    from .compare import compare

    return compare(facts, focus)


@task(name="render", cache_policy=NO_CACHE, persist_result=False)
def render_task(facts: Facts, cmp: Comparison, settings: Settings, edition: str, corpus: Corpus) -> Rendered:
    from .render import render
    from .render.view import build_view

    view = build_view(facts, cmp, settings, edition, corpus.skipped)
    return render(view, settings.templates)


@task(name="publish", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE, persist_result=False)
def publish_task(settings: Settings, corpus: Corpus, files: EditionFiles) -> str:
    from .publish import write_edition

    return str(write_edition(settings.output, corpus, files, settings.retention))


@flow(name="build_briefing", log_prints=False)
def build_briefing(settings: Settings) -> str:
    """Ingest → extract → compare → render → publish; returns the edition folder."""
    from .extract import merge, split_duplicates
    from .publish import EditionFiles

    log = get_run_logger()
    timings: dict[str, float] = {}

    def timed(name: str, fn, *args):
        start = time.perf_counter()
        out = fn(*args)
        timings[name] = time.perf_counter() - start
        return out

    corpus = timed("ingest", ingest_task, str(settings.corpus), settings.max_document_bytes, settings.max_documents)
    log.info("ingested %d documents, skipped %d", len(corpus.documents), len(corpus.skipped))
    for s in corpus.skipped:
        log.warning("source not used: %s (%s)", s.path, s.reason)
    unique, duplicates = split_duplicates(corpus.documents)
    batches = [Corpus(root=corpus.root, documents=tuple(unique[i:i + BATCH])) for i in range(0, len(unique), BATCH)]

    def run_extract():
        return [f.result() for f in extract_task.map(batches)] if len(batches) > 1 else [extract_task(b) for b in batches]

    parts = timed("extract", run_extract)
    extraction = merge(parts, duplicates, corpus.skipped)
    facts = extraction.facts
    log.info("extracted %d positions, %d delegations, %d events", len(facts.positions), len(facts.delegations), len(facts.events))
    cmp = timed("compare", compare_task, facts, settings.focus_actor)
    edition = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    rendered = timed("render", render_task, facts, cmp, settings, edition, corpus)
    files = EditionFiles(pdf=rendered.pdf, html=rendered.html, facts_json=facts.model_dump_json(indent=2),
                         tables=cmp.tables, timings=timings, flow_run_id=str(flow_run.get_id() or ""))
    path = publish_task(settings, corpus, files)
    create_markdown_artifact(
        key="briefing-findings",
        markdown="\n".join([f"# Briefing edition `{path}`", "", *[f"- {f.text}" for f in cmp.findings]]),
        description="Key findings of the edition",
    )
    create_table_artifact(
        key="briefing-stances",
        table=[{"actor": r.target, **{str(y): "/".join(c.stances) if c else "" for y, c in zip(cmp.years, r.cells)}}
               for r in cmp.matrix],
        description="Stance matrix (actor × year)",
    )
    log.info("published %s", path)
    return path
