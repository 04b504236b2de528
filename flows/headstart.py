"""A head start: the flow's first stages, run as plain functions while Prefect's temporary server
boots in its own process (seconds the build would otherwise spend waiting).

They write only into the caches the flow reads — the extraction cache, the briefing's layout and
the evidence sections — all keyed by content, so the flow repeats none of that work, and whatever
differs when the flow runs (another build published meanwhile, an edited source) simply misses the
cache and is done by the flow itself. It stops as soon as ``keep_going()`` says so (the server
answers), between documents and between evidence sections; it never fails the build: an error here is
left for the flow to meet and report.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

from .models import Changes, Comparison, Corpus, Corrected, EditionPlan, Focus
from .settings import Settings


def briefing_view(corrected: Corrected, cmp: Comparison, settings: Settings, plan: EditionPlan, corpus: Corpus, diff: Changes,
                  focus: Focus) -> dict:
    """The view model of one focus's briefing (the flow's view task, and the head start)."""
    from .extract.lexicon import spelled_out
    from .render.view import build_view

    return build_view(corrected.facts, cmp, settings, plan, corpus.skipped, diff, {d.id: d.format for d in corpus.documents},
                      focus=focus, corrected=corrected, glossary=spelled_out())


def head_start(corpus: Corpus, settings: Settings, plan: EditionPlan, keep_going: Callable[[], bool]) -> dict[str, int]:
    """Extract, compare and lay out ahead of the flow, while ``keep_going()``; what was done."""
    done = {"extracted": 0, "briefings_laid_out": 0, "evidence_sections_laid_out": 0}
    try:
        _run(corpus, settings, plan, keep_going, done)
    except Exception:  # the flow does this work again and reports what goes wrong
        pass
    return done


def _run(corpus: Corpus, settings: Settings, plan: EditionPlan, keep_going: Callable[[], bool], done: dict[str, int]) -> None:
    from .changes import changes, previous_facts
    from .compare import choose_focus, compare
    from .corrections import correct
    from .extract import extract_corpus, extract_facts
    from .extract.cache import ExtractCache
    from .render import lay_out_ahead, lay_out_sections_ahead
    from .render.evidence import SectionCache
    from .settings import cache_dirs, corrections_path

    dirs = cache_dirs(settings)
    cache = ExtractCache(dirs["extract"])
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
    # laid out even once the server answers: the flow lays the briefing out in its own process anyway
    shutil.rmtree(dirs["briefing"], ignore_errors=True)  # it holds only the layout of the build to come
    lay_out_ahead(view, settings.templates, SectionCache(dirs["briefing"]))
    done["briefings_laid_out"] = 1
    # the sections only: their join (and the contents pages, which need every section's pages) is the flow's
    done["evidence_sections_laid_out"] = lay_out_sections_ahead(view, facts, settings.templates, dirs["evidence"], keep_going)
