"""Events: dated happenings a document reports (meetings, summits, tests, laws, strategies),
at the date precision the text supports."""

from __future__ import annotations

import re
from functools import cache

from ..models import Event
from . import dates
from .lexicon import actors, alternation, load
from .layout import Layout, ground
from .text import evidence_span

SUMMARY_CHARS = 200
MAX_EVENTS = 300  # per document: a pathological file cannot flood the timeline and appendix
YEAR_CONTEXT = re.compile(r"\b(?:in|since|by|of|from|during|until)\s+(?:early\s+|late\s+|mid-)?$", re.I)


@cache
def _event_words() -> re.Pattern[str]:
    return alternation(load("cues")["events"], re.IGNORECASE)


def summary(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def date_in(s: str, year: int | None) -> tuple[str, int] | None:
    """The most precise date in a sentence and where it stands."""
    found = dates.full_dates(s)
    if found:
        return found[0].value, found[0].start
    found = dates.month_years(s)
    if found:
        return found[0].value, found[0].start
    if year is not None:
        for pat in dates.DAY_MONTH:
            m = pat.search(s)
            if m and (mon := dates.month_of(m.group("mon1"))) and dates.valid_day(int(m.group("day1")), mon):
                return dates.iso(year, mon, int(m.group("day1"))), m.start()
    for f in dates.years(s):
        if YEAR_CONTEXT.search(s[: f.start]):
            return f.value, f.start
    return None


def events_of(lay: Layout, year: int | None) -> list[Event]:
    doc = lay.doc
    out: dict[tuple[str, str], Event] = {}
    for s in lay.sentences:
        if not _event_words().search(s.text):
            continue
        got = date_in(s.text, year)
        if got is None:
            continue
        value, pos = got
        a, b = evidence_span(s, pos)
        names = tuple(dict.fromkeys(m.actor for m in actors().find(s.text)))
        event = Event(date=value, summary=summary(s.text), actors=names, document_id=doc.id,
                      evidence=ground(doc, a, b))
        out.setdefault((value, event.summary), event)
        if len(out) >= MAX_EVENTS:
            break
    return list(out.values())
