"""A head start: the flow's first stages, run as plain functions while Prefect's temporary server
boots in its own process (seconds the build would otherwise spend waiting).

They write only into the caches the flow reads — the extraction cache, the briefing's layout and
the evidence sections — all keyed by content, so the flow repeats none of that work, and whatever
differs when the flow runs (another build published meanwhile, an edited source) simply misses the
cache and is done by the flow itself. It stops as soon as ``keep_going()`` says so (the server
answers), between documents and between evidence sections; it never fails the build: an error here is
left for the flow to meet and report.

When the flow would do the rest in this very process (in-process threads share one interpreter
lock), the head start goes on to the end and uses the machine's second core: two helper processes
extract the documents not in the cache, then lay out and join the evidence volume while this one
lays out the briefing.
"""

from __future__ import annotations

import gc
import multiprocessing
import shutil
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import contextmanager

from .models import Changes, Comparison, Corpus, Corrected, EditionPlan, Focus
from .settings import Settings

HELPERS = 2  # processes beside this one: the machine's second core (and more when they queue)
BATCH = 50  # documents or evidence sections per helper job
FEW = 50  # fewer documents to extract than this are extracted here (~10 ms each; a helper answers only once started, ~2 s)


def briefing_view(corrected: Corrected, cmp: Comparison, settings: Settings, plan: EditionPlan, corpus: Corpus, diff: Changes,
                  focus: Focus) -> dict:
    """The view model of one focus's briefing (the flow's view task, and the head start)."""
    from .extract.lexicon import spelled_out
    from .render.view import build_view

    return build_view(corrected.facts, cmp, settings, plan, corpus.skipped, diff, {d.id: d.format for d in corpus.documents},
                      focus=focus, corrected=corrected, glossary=spelled_out())


def head_start(corpus: Corpus, settings: Settings, plan: EditionPlan, keep_going: Callable[[], bool],
               beside: bool = False) -> dict[str, int]:
    """Extract, compare and lay out ahead of the flow, while ``keep_going()``; what was done.
    ``beside``: with two helper processes, which extract the documents not in the cache and then
    lay out and join the whole evidence volume while the briefing is laid out here."""
    done = {"extracted": 0, "briefings_laid_out": 0, "evidence_sections_laid_out": 0}
    if beside:
        done["evidence_volumes_joined"] = 0
    try:
        with _helper(beside) as helper:
            _run(corpus, settings, plan, keep_going, done, helper)
    except Exception:  # the flow does this work again and reports what goes wrong
        pass
    return done


def collect_less() -> None:
    """Fewer cyclic garbage collections in a process that builds: WeasyPrint's layout and the
    records allocate millions of short-lived objects, and with Python's default threshold (700)
    the collector ran ~1,700 times in a 1,000-document rebuild (~2 s). A build's garbage is
    nearly all freed by reference counting; a larger first generation costs no measurable memory."""
    gc.set_threshold(20_000, 10, 10)


def _quiet() -> None:
    """In the helper process: an interrupt is the build's to handle (it ends the helper)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    collect_less()
    from .render import font_config

    font_config()  # loads WeasyPrint and the fonts while the parent extracts


@contextmanager
def _helper(wanted: bool):
    """A pool of helper processes (spawned: the parent has threads); the first starts at once, so
    its imports overlap the reading of the extraction cache, the second only when there is work for two.
    Shut down before the head start returns."""
    if not wanted:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=HELPERS, mp_context=multiprocessing.get_context("spawn"), initializer=_quiet)
    try:
        pool.submit(int)  # the process starts (and loads WeasyPrint) now
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _batches(items: list) -> list[list]:
    """Documents or sections in batches of at most BATCH, at least two batches when there are many (one per helper)."""
    size = max(1, min(BATCH, -(-len(items) // HELPERS)))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _extract(docs: list) -> list:
    """In a helper process: the facts of each document."""
    from .extract import extract_facts

    return [extract_facts(doc) for doc in docs]


def _sections(htmls: list[str], templates, cache_dir) -> int:
    """In a helper process: sections laid out into the evidence cache; how many."""
    from .render import store_sections
    from .render.evidence import lay_out

    store_sections(htmls, lay_out(htmls, templates), cache_dir)
    return len(htmls)


def _volume(view: dict, facts, templates, cache_dir) -> None:
    """In a helper process: the evidence volume joined into its cache (its sections are there)."""
    from .render import render_evidence

    render_evidence(view, facts, templates, cache_dir)


def _then(jobs: list[Future], submit: Callable[[], Future]) -> Future:
    """A future of the job ``submit`` starts once every one of ``jobs`` has finished (their errors
    are the caller's to meet); a thread waits for them, so the caller goes on meanwhile."""
    out: Future = Future()

    def chain() -> None:
        wait(jobs)
        try:
            out.set_result(submit())
        except BaseException as exc:  # a pool shut down meanwhile: the caller meets it
            out.set_exception(exc)

    threading.Thread(target=chain, name="join-after-sections", daemon=True).start()
    return out


def _run(corpus: Corpus, settings: Settings, plan: EditionPlan, keep_going: Callable[[], bool], done: dict[str, int],
         helper: ProcessPoolExecutor | None = None) -> None:
    from .changes import changes, previous_facts
    from .compare import choose_focus, compare
    from .corrections import correct
    from .extract import extract_corpus, extract_facts
    from .extract.cache import ExtractCache
    from .render import lay_out_ahead, lay_out_sections_ahead, missing_sections
    from .render.evidence import SectionCache
    from .settings import cache_dirs, corrections_path

    dirs = cache_dirs(settings)
    cache = ExtractCache(dirs["extract"])
    if helper:  # beside: the documents not in the cache extracted by the helpers, in batches
        todo = [doc for doc in corpus.documents if cache.get(doc) is None]
        batches = _batches(todo) if len(todo) >= FEW else []  # a few: here, below
        for batch, job in zip(batches, [helper.submit(_extract, batch) for batch in batches]):
            for doc, facts in zip(batch, job.result()):
                cache.put(doc, facts)  # written here, by the build's own process
            done["extracted"] += len(batch)
    for doc in corpus.documents:
        if not keep_going():
            return
        if cache.get(doc) is None:
            cache.put(doc, extract_facts(doc))
            done["extracted"] += 1
    extraction = extract_corpus(corpus.documents, corpus.skipped, cache)  # every document from the cache now
    corrected = correct(extraction.facts, corrections_path(settings), corpus.documents)
    facts = corrected.facts
    focus = choose_focus(facts, settings.focus)[0]
    view = briefing_view(corrected, compare(facts, focus.actor), settings, plan, corpus,
                         changes(previous_facts(settings.output), facts), focus)
    # beside: the missing sections spread over the helpers (a second one starts only when there is
    # more than one batch), then the volume joined by one of them
    sections = [helper.submit(_sections, batch, settings.templates, dirs["evidence"])
                for batch in _batches(missing_sections(view, facts, settings.templates, dirs["evidence"]))] if helper else []
    # the volume is joined as soon as its last section is laid out, while the briefing is laid out here
    joined = _then(sections, lambda: helper.submit(_volume, view, facts, settings.templates, dirs["evidence"])) if helper else None
    # laid out even once the server answers: the flow lays the briefing out in its own process anyway
    shutil.rmtree(dirs["briefing"], ignore_errors=True)  # it holds only the layout of the build to come
    lay_out_ahead(view, settings.templates, SectionCache(dirs["briefing"]))
    done["briefings_laid_out"] = 1
    if joined:
        done["evidence_sections_laid_out"] = sum(f.result() for f in sections)
        joined.result().result()
        done["evidence_volumes_joined"] = 1
        return
    # the sections only: their join (and the contents pages, which need every section's pages) is the flow's
    done["evidence_sections_laid_out"] = lay_out_sections_ahead(view, facts, settings.templates, dirs["evidence"], keep_going)
