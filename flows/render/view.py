"""The plain view model the templates receive: dicts, lists and strings, no DataFrames.

Every citation is a link to a numbered entry of the appendix, whose id is the fact's stable id.
"""

from __future__ import annotations

import base64
from datetime import datetime

from ..compare import Comparison, fact_ids
from ..models import Facts, SkippedSource
from ..settings import Settings
from . import charts

KIND_LABELS = {"press_release": "press release", "analysis": "analysis", "interview": "interview",
               "policy_brief": "policy brief", "other": "other"}
TIMELINE_LIMIT = 40
SIDE_BY_SIDE = 3  # delegations compared in columns


def _data_uri(svg: str | None) -> str | None:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode() if svg else None


def _days(start: str | None, end: str | None) -> int | None:
    if not (start and end and len(start) == len(end) == 10):
        return None
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).days + 1


def build_view(facts: Facts, cmp: Comparison, settings: Settings, edition: str,
               skipped: tuple[SkippedSource, ...] = (), changes: dict | None = None) -> dict:
    ids = fact_ids(facts)
    appendix: list[dict] = []
    number: dict[str, int] = {}
    sources = {}
    for k, d in enumerate(sorted(facts.documents, key=lambda d: (d.date or "9999", d.id)), 1):
        sources[d.id] = {"label": f"S{k}", "id": d.id, "title": d.title or d.path, "publisher": d.publisher,
                         "authors": list(d.authors), "date": d.date, "inferred": d.date_basis == "inferred",
                         "kind": KIND_LABELS[d.kind], "path": d.path, "duplicate_of": d.duplicate_of}

    def add(fid: str, kind: str, what: str, ev) -> None:
        number[fid] = len(appendix) + 1
        appendix.append({"id": fid, "n": number[fid], "kind": kind, "what": what, "quote": ev.quote,
                         "source": sources[ev.document_id]["label"], "document_id": ev.document_id,
                         "start": ev.start, "end": ev.end})

    for i, p in sorted(enumerate(facts.positions), key=lambda x: (x[1].target, x[1].year, x[1].stance)):
        horizon = f", {p.horizon}" if p.horizon else ""
        add(ids["positions"][i], "position", f"{p.holder} → {p.target}: {p.stance}{horizon} ({p.year})", p.evidence)
    for i, d in enumerate(facts.delegations):
        add(ids["delegations"][i], "delegation", f"{d.organisation or 'Delegation'} visit to {d.host_country or '?'}", d.evidence[0])
    for i, e in enumerate(facts.events):
        add(ids["events"][i], "event", f"{e.date}: {', '.join(e.actors) or 'event'}", e.evidence)

    def cite(fids) -> list[dict]:
        return [{"id": f, "n": number[f]} for f in fids if f in number]

    years = list(cmp.years)
    period = f"{years[0]}–{years[-1]}" if years else "undated sources"
    dated = sorted(d.date for d in facts.documents if d.date)
    delegations = []
    for d in sorted(facts.delegations, key=lambda d: d.start_date or ""):
        fid = d.stable_id("D")
        delegations.append({
            "id": fid, "cite": cite([fid]), "source": sources[d.document_id]["label"],
            "start": d.start_date, "end": d.end_date, "days": _days(d.start_date, d.end_date),
            "organisation": d.organisation, "bodies": list(d.bodies), "host": d.host_country,
            "leader": d.leader.model_dump() if d.leader else None, "members": d.members,
            "member_countries": d.member_countries, "places": list(d.places),
            "interlocutors": [p.model_dump() for p in d.interlocutors],
            "themes": sorted({p.target for p in facts.positions if p.document_id == d.document_id}),
        })
    matrix = [{"target": r.target, "cells": [
        {"stances": list(c.stances), "horizon": c.horizon, "sources": c.sources, "cites": cite(c.cites)} if c else None
        for c in r.cells]} for r in cmp.matrix]
    events = [{"date": e.date, "summary": e.summary, "actors": list(e.actors), "source": sources[e.document_id]["label"],
               "cite": cite([ids["events"][i]])} for i, e in enumerate(facts.events)]
    return {
        "lang": settings.language,
        "paper": settings.paper_size,
        "title": settings.title,
        "subtitle": settings.subtitle.format(period=period),
        "focus": settings.focus_actor,
        "edition": edition,
        "distribution": settings.distribution,
        "period": period,
        "source_count": len(facts.documents),
        "date_span": f"{dated[0]} to {dated[-1]}" if dated else "no dated source",
        "findings": [{"text": f.text, "cites": cite(f.cites)} for f in cmp.findings],
        "sources": list(sources.values()),
        "skipped": [s.model_dump() for s in skipped],
        "delegations": delegations,
        # side by side: all of them when few, else the earliest and the latest (all are listed below)
        "delegations_side": delegations if len(delegations) <= SIDE_BY_SIDE else [delegations[0], delegations[-1]],
        "years": list(cmp.columns),
        "matrix": matrix,
        "trends": [{"actor": t.actor, "text": t.text, "quote": t.quote, "cite": cite([t.cite] if t.cite else [])} for t in cmp.trends],
        "events": events[:TIMELINE_LIMIT],
        "events_total": len(events),
        "heatmap": _data_uri(charts.stance_heatmap(cmp)),
        "salience": _data_uri(charts.salience_chart(cmp)),
        "counts": {"documents": len(facts.documents), "positions": len(facts.positions),
                   "delegations": len(facts.delegations), "events": len(facts.events),
                   "inferred": sum(d.date_basis == "inferred" for d in facts.documents),
                   "undated": sum(d.date is None for d in facts.documents)},
        "changes": changes,
        "appendix": appendix,
        "keywords": ", ".join([settings.focus_actor, *[r.target for r in cmp.matrix[:6]]]),
        "authors": settings.author,
    }
