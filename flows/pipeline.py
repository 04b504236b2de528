"""The Prefect flow ``build_briefing``: thin tasks around the plain stage functions, and a flow
body that is only wiring.

This is the only module that imports Prefect. Documents are extracted in batches (one task
per batch, not per document: a task costs about 10 ms of orchestration), through a
content-addressed cache, so an unchanged document is never extracted twice. The stages are
imported inside their tasks, so Prefect's server can start while they load.
"""

import time
from contextlib import contextmanager
from typing import TYPE_CHECKING
from datetime import datetime
from pathlib import Path

from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import opaque

from .models import (
    BuildResult, Changes, Comparison, Corpus, Corrected, EditionFiles, EditionPlan, EvidenceVolume, Extraction, Facts, Focus,
    Rendered, SourceText,
)
from .settings import Settings, load_settings

if TYPE_CHECKING:
    from .publish import Briefing

PLAIN = {"cache_policy": NO_CACHE, "persist_result": False}


@task(name="ingest", retries=2, retry_delay_seconds=1, **PLAIN)
def ingest_task(settings: Settings) -> Corpus:
    from .ingest import ingest_with

    return ingest_with(settings)


@task(name="plan", **PLAIN)
def plan_task(corpus: Corpus, settings: Settings, now: datetime | None) -> EditionPlan:
    from .publish import plan_edition

    return plan_edition(corpus, settings, now)


@task(name="extract", **PLAIN)
def extract_task(batch: list[SourceText]) -> list[Facts]:
    from .extract import extract_facts

    return [extract_facts(doc) for doc in batch]


@task(name="correct", **PLAIN)
def correct_task(facts: Facts, settings: Settings, corpus: Corpus) -> Corrected:
    from .corrections import correct
    from .settings import corrections_path

    return correct(facts, corrections_path(settings), corpus.documents)


@task(name="focus", **PLAIN)
def focus_task(facts: Facts, wanted: list[str]) -> tuple[Focus, ...]:
    from .compare import choose_focus

    return choose_focus(facts, wanted)


@task(name="compare", **PLAIN)
def compare_task(facts: Facts, focus: str | None) -> Comparison:
    from .compare import compare

    return compare(facts, focus)


@task(name="changes", **PLAIN)
def changes_task(output: Path, facts: Facts) -> Changes:
    from .changes import changes, previous_facts

    return changes(previous_facts(output), facts)


@task(name="view", **PLAIN)
def view_task(corrected: Corrected, cmp: Comparison, settings: Settings, plan: EditionPlan, corpus: Corpus,
              diff: Changes, focus: Focus) -> dict:
    from .headstart import briefing_view

    return briefing_view(corrected, cmp, settings, plan, corpus, diff, focus)


@task(name="render", **PLAIN)
def render_task(view: dict, settings: Settings) -> Rendered:
    from .render import render
    from .render.evidence import SectionCache
    from .settings import cache_dirs

    return render(view, settings.templates, SectionCache(cache_dirs(settings)["briefing"]))


@task(name="lay out evidence", **PLAIN)
def lay_out_task(htmls: list[str], templates: Path) -> list[bytes]:
    from .render.evidence import lay_out

    return lay_out(htmls, templates)


@task(name="evidence", **PLAIN)
def evidence_task(view: dict, facts: Facts, settings: Settings) -> EvidenceVolume:
    from .render import render_evidence
    from .settings import cache_dirs

    return render_evidence(view, facts, settings.templates, cache_dirs(settings)["evidence"])


@task(name="publish", retries=2, retry_delay_seconds=1, **PLAIN)
def publish_task(settings: Settings, corpus: Corpus, files: EditionFiles, plan: EditionPlan) -> str:
    from .publish import write_edition

    return str(write_edition(settings.output, corpus, files, plan, settings.retention))


@task(name="deliver", retries=3, retry_delay_seconds=[2, 10, 30], **PLAIN)
def deliver_task(edition: str, settings: Settings, plan: EditionPlan, body: str, pdfs: list[tuple[str, str]]) -> list[str]:
    from .deliver import send_edition

    return send_edition(Path(edition), settings, plan, body, pdfs)


def run(task_, *args):
    """``task_(*args)``, each argument passed ``opaque``: Prefect links the task run to the runs that
    made its arguments but does not walk their contents (a corpus's texts, thousands of facts; on
    the seeds alone that walk cost half a second per build)."""
    return task_(*(opaque(a) for a in args))


def mapped(task_, items: list, size: int, **static) -> list:
    """``task_`` over ``items`` in batches of ``size``, one task run per batch on the flow's task
    runner (threads, processes or a Dask cluster); the results flattened, in order."""
    batches = [items[i:i + size] for i in range(0, len(items), size)]
    if not batches:
        return []
    futures = task_.map(batches, **{k: unmapped(v) for k, v in static.items()})
    return [x for f in futures for x in f.result()]


def extract_batches(corpus: Corpus, cache_dir: Path, batch: int) -> Extraction:
    """Documents not in the cache are extracted in batches of ``batch`` (on workers, with a
    cluster); the cache is read and written by the flow's machine. Repeats keep their metadata."""
    from .extract import extract_corpus
    from .extract.cache import ExtractCache

    return extract_corpus(corpus.documents, corpus.skipped, ExtractCache(cache_dir),
                          extract_many=lambda todo: mapped(extract_task, todo, batch))


def evidence_volume(view: dict, facts: Facts, settings: Settings) -> EvidenceVolume:
    """Sections not in the cache laid out in batches on the task runner, then the volume joined by
    ``evidence_task``. The batches are submitted from the flow, not from inside a task: a task
    submitted by another task carries that task's whole context to the worker (here every fact and
    the view), and Dask hashed it for every batch (seconds each at 10,000 documents)."""
    from .render import missing_sections, store_sections
    from .settings import cache_dirs

    cache_dir = cache_dirs(settings)["evidence"]
    htmls = missing_sections(view, facts, settings.templates, cache_dir)
    store_sections(htmls, mapped(lay_out_task, htmls, settings.layout_batch, templates=settings.templates), cache_dir)
    volume = run(evidence_task, view, facts, settings)
    laid = min(len(htmls), volume.reused)  # laid out here, found in the cache by the task
    return volume.model_copy(update={"rendered": volume.rendered + laid, "reused": volume.reused - laid})


def task_runner(settings: Settings):
    """In-process threads (default), local processes, or a Dask cluster (prefect-dask)."""
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    if settings.runner == "processes":
        return ProcessPoolTaskRunner()
    return ThreadPoolTaskRunner()


def run_build(settings: Settings, now: datetime | None = None, ahead: dict[str, int] | None = None) -> BuildResult:
    """The flow on the task runner the settings choose; ``now``, the edition's clock read when the
    caller planned it; ``ahead``, what a head start did for it (see ``headstart``)."""
    return build_briefing.with_options(task_runner=task_runner(settings))(settings, now=now, ahead=ahead)


class Timer:
    """Wall time of each stage, for the manifest."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def __call__(self, name: str, fn, *args):
        start = time.perf_counter()
        try:
            return fn(*args)
        finally:
            self.timings[name] = time.perf_counter() - start


def log_corpus(corpus: Corpus) -> None:
    log = get_run_logger()
    log.info("ingested %d documents, skipped %d", len(corpus.documents), len(corpus.skipped))
    for s in corpus.skipped:
        log.warning("source not used: %s (%s)", s.path, s.reason)


def log_extraction(extraction: Extraction) -> None:
    f = extraction.facts
    get_run_logger().info("extracted %d documents (%d reused from the cache): %d positions, %d delegations, %d events",
                          extraction.extracted, extraction.reused, len(f.positions), len(f.delegations), len(f.events))


def log_corrections(corrected: Corrected) -> None:
    log = get_run_logger()
    if corrected.applied:
        log.info("applied %d corrections from %s", len(corrected.applied), corrected.file)
    for s in corrected.stale:
        log.warning("correction not applied: %s line %d: %s (%s)", corrected.file, s.line, s.what, s.reason)


def record_artifacts(edition: str, cmp: Comparison, rendered: Rendered) -> None:
    create_markdown_artifact(key="briefing-findings", description="Key findings of the edition",
                             markdown="\n".join([f"# Briefing edition `{edition}`", "", *[f"- {f}" for f in rendered.findings]]))
    create_table_artifact(key="briefing-stances", description="Stance matrix (actor × period)",
                          table=[{"actor": r.target, **{col: "/".join(c.stances) if c else "" for col, c in zip(cmp.columns, r.cells)}}
                                 for r in cmp.matrix])
    get_run_logger().info("published %s", edition)


def deliver(edition: str, settings: Settings, plan: EditionPlan, briefings: "list[Briefing]", diff: Changes) -> str | None:
    """Mail the edition (when configured); the outcome for the build's result."""
    from .publish import pdfs

    if not (settings.smtp_host and settings.smtp_recipients):
        return None
    if settings.smtp_only_when_changed and not diff.first and not any(diff.counts.values()):
        return "skipped: the facts did not change"
    delays = [2, 10, 30, 30, 30, 30, 30, 30, 30, 30][:settings.delivery_retries]
    state = deliver_task.with_options(retries=settings.delivery_retries, retry_delay_seconds=delays or 0)(
        edition, settings, plan, briefings[0][2].mail, pdfs(briefings), return_state=True)
    if state.is_completed():
        get_run_logger().info("emailed the PDF to %d recipient(s)", len(settings.smtp_recipients))
        return "sent"
    # the edition stands; delivery can be retried by the next build or by hand
    error = state.result(raise_on_failure=False)
    reason = (str(error) if isinstance(error, Exception) else str(state.message or "delivery failed")).splitlines()[0]
    get_run_logger().warning("delivery failed after retries: %s", reason)
    return f"failed: {reason}"


@flow(name="build_briefing", log_prints=False)
def build_briefing(settings: Settings | None = None, corpus: str | None = None, output: str | None = None,
                   now: datetime | None = None, ahead: dict[str, int] | None = None) -> BuildResult:
    """Ingest → plan → extract → correct → compare → changes → render (briefing per focus, evidence
    volume) → publish (→ deliver). From the plan to the publish the build holds the output's lock,
    so concurrent builds publish one edition per input state, each compared with its true predecessor."""
    from .publish import edition_files, output_lock
    from .settings import cache_dirs

    settings = settings or load_settings(corpus=corpus, output=output)
    timed = Timer()
    sources = timed("ingest", ingest_task, settings)
    log_corpus(sources)
    with output_lock(Path(settings.output)):
        plan = run(plan_task, sources, settings, now)
        if plan.skip_reason:
            get_run_logger().info("no new edition: %s", plan.skip_reason)
            return BuildResult(edition=str(Path(settings.output) / "editions" / (plan.previous or "")), published=False,
                               reason=plan.skip_reason)
        extraction = timed("extract", extract_batches, sources, cache_dirs(settings)["extract"], settings.extract_batch)
        log_extraction(extraction)
        corrected = run(correct_task, extraction.facts, settings, sources)
        log_corrections(corrected)
        facts = corrected.facts
        diff = run(changes_task, settings.output, facts)
        briefings: list = []  # (focus, comparison, rendered briefing) per focus
        views = []
        for focus in run(focus_task, facts, settings.focus):  # one briefing per focus, sharing the extraction
            cmp = timed("compare", run, compare_task, facts, focus.actor)
            views.append(run(view_task, corrected, cmp, settings, plan, sources, diff, focus))
            briefings.append((focus, cmp, timed("render", run, render_task, views[-1], settings)))
        evidence = timed("evidence", evidence_volume, views[0], facts, settings)
        files = edition_files(extraction, corrected, briefings, evidence, sources, timed.timings, settings,
                              str(flow_run.get_id() or ""), ahead)
        edition = run(publish_task, settings, sources, files, plan)
    record_artifacts(edition, briefings[0][1], briefings[0][2])
    delivery = deliver(edition, settings, plan, briefings, diff)
    return BuildResult(edition=edition, published=True, reason="new edition", delivery=delivery,
                       warnings=tuple(f"correction not applied: {corrected.file} line {s.line}: {s.what} ({s.reason})"
                                      for s in corrected.stale))


def serve_briefing(corpus: str, output: str, cron: str | None = None, interval: float | None = None,
                   timezone: str | None = None, name: str = "briefing", announce=None) -> None:
    """Serve the `build_briefing` deployment until interrupted (SIGINT/SIGTERM): the first edition
    is built at once, the next ones on the schedule. ``announce(deployment_id)`` is called when the
    deployment exists."""
    from prefect import serve
    from prefect.deployments import run_deployment
    from prefect.schedules import Cron, Interval

    schedule = Cron(cron, timezone=timezone) if cron else Interval(interval, timezone=timezone)
    deployment = build_briefing.to_deployment(name=name, schedules=[schedule], parameters={"corpus": corpus, "output": output})
    deployment_id = deployment.apply()
    if announce:
        announce(deployment_id)
    run_deployment(deployment_id, timeout=0)  # the first edition now, not after a whole interval
    serve(deployment, print_starting_message=False)


def configured_api() -> str | None:
    """The Prefect server the user's settings name (environment, profile or prefect.toml), if any."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


@contextmanager
def using_api(api_url: str | None):
    """Everything in the block talks to ``api_url`` (a temporary server started for this build):
    the flow, and Prefect's own threads and worker processes too, which do not see a settings
    context (without the process-wide setting each would start a server of its own). No UI links
    in the logs (that server serves no UI) and no heartbeats (they tell a lasting server that a
    run crashed; this one ends with the build, and ending a run's heartbeat thread waits up to a
    second). ``None`` leaves the settings as they are."""
    if not api_url:
        yield
        return
    import logging
    import os

    from prefect.context import refresh_global_settings_context
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, PREFECT_UI_URL, temporary_settings

    before = {k: os.environ.get(k) for k in ("PREFECT_API_URL", "PREFECT_UI_URL")}
    os.environ.update({"PREFECT_API_URL": api_url, "PREFECT_UI_URL": ""})
    refresh_global_settings_context()
    try:
        with temporary_settings(updates={PREFECT_API_URL: api_url, PREFECT_UI_URL: "", PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            try:
                yield
            finally:  # the run's last events and logs reach the server before it stops (not retried at exit)
                # a busy machine makes the drain log "Still processing items" on the user's console: not theirs to read
                notes = [logging.getLogger(name) for name in ("EventsWorker", "APILogWorker")]
                levels = [note.level for note in notes]
                for note in notes:
                    note.setLevel(logging.ERROR)
                try:
                    EventsWorker.drain_all(timeout=5)
                    APILogWorker.drain_all(timeout=5)
                finally:
                    for note, level in zip(notes, levels):
                        note.setLevel(level)
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        refresh_global_settings_context()
