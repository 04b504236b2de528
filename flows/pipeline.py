"""The Prefect flow ``build_briefing``: thin tasks around the plain stage functions.

This is the only module that imports Prefect. Documents are extracted in batches (one task
per batch, not per document: a task costs about 10 ms of orchestration), through a
content-addressed cache, so an unchanged document is never extracted twice.
"""

import time
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from .models import Corpus, Extraction, Facts
from .settings import Settings, load_settings

if TYPE_CHECKING:  # the stages are imported when their task runs, so Prefect's server starts sooner
    from .compare import Comparison
    from .publish import EditionFiles
    from .render import Rendered

BATCH = 250
PLAIN = {"cache_policy": NO_CACHE, "persist_result": False}


@task(name="ingest", retries=2, retry_delay_seconds=1, **PLAIN)
def ingest_task(corpus: str, max_bytes: int, max_documents: int) -> Corpus:
    from .ingest import ingest

    return ingest(Path(corpus), max_bytes, max_documents)


@task(name="extract", **PLAIN)
def extract_task(batch: Corpus, cache_dir: str | None = None) -> Extraction:
    from .extract import extract_corpus
    from .extract.cache import ExtractCache

    return extract_corpus(batch.documents, cache=ExtractCache(Path(cache_dir)) if cache_dir else None)


@task(name="compare", **PLAIN)
def compare_task(facts: Facts, focus: str) -> "Comparison":
    from .compare import compare

    return compare(facts, focus)


@task(name="render", **PLAIN)
def render_task(facts: Facts, cmp: "Comparison", settings: Settings, edition: str, corpus: Corpus, changes: dict) -> "Rendered":
    from .render import render
    from .render.view import build_view

    view = build_view(facts, cmp, settings, edition, corpus.skipped, changes)
    return render(view, settings.templates)


@task(name="publish", retries=2, retry_delay_seconds=1, **PLAIN)
def publish_task(settings: Settings, corpus: Corpus, files: "EditionFiles") -> str:
    from .publish import write_edition

    return str(write_edition(settings.output, corpus, files, settings.retention))


@task(name="deliver", retries=3, retry_delay_seconds=[2, 10, 30], **PLAIN)
def deliver_task(edition: str, settings: Settings) -> list[str]:
    from .deliver import send_edition

    return send_edition(Path(edition), settings)


def _extract(corpus: Corpus, cache_dir: str) -> Extraction:
    from .extract import merge, split_duplicates

    unique, duplicates = split_duplicates(corpus.documents)
    batches = [Corpus(root=corpus.root, documents=tuple(unique[i:i + BATCH])) for i in range(0, len(unique), BATCH)]
    if len(batches) > 1:
        parts = [f.result() for f in extract_task.map(batches, cache_dir=cache_dir)]
    else:
        parts = [extract_task(b, cache_dir) for b in batches]
    return merge(parts, duplicates, corpus.skipped)


@flow(name="build_briefing", log_prints=False)
def build_briefing(settings: Settings | None = None, corpus: str | None = None, output: str | None = None) -> dict:
    """Ingest → extract → compare → render → publish (→ deliver); returns
    ``{"edition": folder, "published": bool, "reason": str}``."""
    from .changes import changes, previous_facts
    from .publish import EditionFiles, fingerprint, previous_manifest

    settings = settings or load_settings(corpus=corpus, output=output)
    log = get_run_logger()
    timings: dict[str, float] = {}

    def timed(name: str, fn, *args):
        start = time.perf_counter()
        out = fn(*args)
        timings[name] = time.perf_counter() - start
        return out

    corpus_ = timed("ingest", ingest_task, str(settings.corpus), settings.max_document_bytes, settings.max_documents)
    log.info("ingested %d documents, skipped %d", len(corpus_.documents), len(corpus_.skipped))
    for s in corpus_.skipped:
        log.warning("source not used: %s (%s)", s.path, s.reason)
    stamp = fingerprint(corpus_, settings)
    before = previous_manifest(settings.output)
    if settings.skip_unchanged and before and before.get("fingerprint") == stamp:
        log.info("nothing changed since edition %s: no new edition", before["edition"])
        return {"edition": str(Path(settings.output) / "editions" / before["edition"]), "published": False,
                "reason": f"inputs, templates, code and settings unchanged since edition {before['edition']}"}

    extraction = timed("extract", _extract, corpus_, str(Path(settings.output) / ".cache" / "extract"))
    facts = extraction.facts
    log.info("extracted %d documents (%d reused from the cache): %d positions, %d delegations, %d events",
             extraction.extracted, extraction.reused, len(facts.positions), len(facts.delegations), len(facts.events))
    cmp = timed("compare", compare_task, facts, settings.focus_actor)
    diff = changes(previous_facts(settings.output), facts)
    edition = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    rendered = timed("render", render_task, facts, cmp, settings, edition, corpus_, diff)
    files = EditionFiles(pdf=rendered.pdf, html=rendered.html, facts_json=facts.model_dump_json(indent=2),
                         tables=cmp.tables, timings=timings, flow_run_id=str(flow_run.get_id() or ""),
                         fingerprint=stamp, work={"extracted": extraction.extracted, "reused": extraction.reused})
    path = publish_task(settings, corpus_, files)
    create_markdown_artifact(
        key="briefing-findings",
        markdown="\n".join([f"# Briefing edition `{path}`", "", *[f"- {f.text}" for f in cmp.findings]]),
        description="Key findings of the edition",
    )
    create_table_artifact(
        key="briefing-stances",
        table=[{"actor": r.target, **{col: "/".join(c.stances) if c else "" for col, c in zip(cmp.columns, r.cells)}}
               for r in cmp.matrix],
        description="Stance matrix (actor × year)",
    )
    log.info("published %s", path)
    if settings.smtp_host and settings.smtp_recipients:
        state = deliver_task(path, settings, return_state=True)
        if state.is_completed():
            log.info("emailed the PDF to %d recipient(s)", len(settings.smtp_recipients))
        else:  # the edition stands; delivery can be retried by the next build or by hand
            log.warning("delivery failed after retries: %s", state.message)
    return {"edition": path, "published": True, "reason": "new edition"}


def serve_briefing(corpus: str, output: str, cron: str | None = None, interval: float | None = None,
                   timezone: str | None = None, name: str = "briefing") -> None:
    """Serve the `build_briefing` deployment on its schedule until interrupted (SIGINT/SIGTERM)."""
    from prefect.schedules import Cron, Interval

    schedule = Cron(cron, timezone=timezone) if cron else Interval(interval, timezone=timezone)
    build_briefing.serve(name=name, schedules=[schedule], parameters={"corpus": corpus, "output": output},
                         print_starting_message=False)


def start_local_api() -> None:
    """Start Prefect's temporary server now (when no PREFECT_API_URL is set), so its boot, in a
    subprocess, overlaps with other start-up work; the flow then finds it running."""
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        SubprocessASGIServer().start()
