"""The plain view model the templates receive: records, dicts, lists and strings; no DataFrames,
no English sentences (the templates word everything).

Every citation is a link to a numbered entry of the appendix, whose id is the fact's ``fact_id``.
"""

from __future__ import annotations

import base64
from datetime import datetime

from ..models import Changes, Comparison, EditionPlan, Facts, SkippedSource
from ..settings import Settings
from . import charts

KIND_LABELS = {"press_release": "press release", "analysis": "analysis", "interview": "interview",
               "policy_brief": "policy brief", "other": "other"}
FORMAT_LABELS = {"text": "text", "html": "web page", "pdf": "PDF", "docx": "Word"}
TIMELINE_LIMIT = 40
SIDE_BY_SIDE = 3  # delegations compared in columns


def _data_uri(svg: str | None) -> str | None:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode() if svg else None


def _days(start: str | None, end: str | None) -> int | None:
    if not (start and end and len(start) == len(end) == 10):
        return None
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).days + 1


def build_view(facts: Facts, cmp: Comparison, settings: Settings, plan: EditionPlan,
               skipped: tuple[SkippedSource, ...] = (), changes: Changes | None = None,
               formats: dict[str, str] | None = None) -> dict:
    formats = formats or {}
    appendix: list[dict] = []
    number: dict[str, int] = {}
    sources = {}
    for k, d in enumerate(sorted(facts.documents, key=lambda d: (d.date or "9999", d.id)), 1):
        sources[d.id] = {"label": f"S{k}", "id": d.id, "title": d.title or d.path, "publisher": d.publisher,
                         "authors": list(d.authors), "date": d.date, "inferred": d.date_basis == "inferred",
                         "kind": KIND_LABELS[d.kind], "path": d.path, "duplicate_of": d.duplicate_of,
                         "format": FORMAT_LABELS.get(formats.get(d.id, "text"), "text")}

    def add(fid: str, kind: str, fact: dict, ev) -> None:
        number[fid] = len(appendix) + 1
        appendix.append({"id": fid, "n": number[fid], "kind": kind, "fact": fact, "quote": ev.quote,
                         "source": sources[ev.document_id]["label"], "document_id": ev.document_id,
                         "start": ev.start, "end": ev.end, "page": ev.page})

    for p in sorted(facts.positions, key=lambda p: (p.target, p.year or 0, p.stance, p.fact_id)):
        add(p.fact_id, "position", p.model_dump(include={"holder", "target", "stance", "horizon", "year"}), p.evidence)
    for d in sorted(facts.delegations, key=lambda d: (d.start_date or "", d.fact_id)):
        add(d.fact_id, "delegation", {"organisation": d.organisation, "host": d.host_country}, d.evidence[0])
    for e in facts.events:
        add(e.fact_id, "event", {"date": e.date, "actors": list(e.actors)}, e.evidence)

    def cite(fids) -> list[dict]:
        return [{"id": f, "n": number[f]} for f in fids if f in number]

    years = list(cmp.years)
    dated = sorted(d.date for d in facts.documents if d.date)
    delegations = []
    for d in sorted(facts.delegations, key=lambda d: (d.start_date or "", d.fact_id)):
        delegations.append({
            "id": d.fact_id, "cite": cite([d.fact_id]), "source": sources[d.document_id]["label"],
            "start": d.start_date, "end": d.end_date, "days": _days(d.start_date, d.end_date),
            "organisation": d.organisation, "bodies": list(d.bodies), "host": d.host_country,
            "leader": d.leader.model_dump() if d.leader else None, "members": d.members,
            "member_countries": d.member_countries, "places": list(d.places),
            "interlocutors": [p.model_dump() for p in d.interlocutors],
            "themes": sorted({p.target for p in facts.positions if p.document_id == d.document_id}),
        })

    def cell(c) -> dict | None:
        return {"stances": list(c.stances), "horizon": c.horizon, "sources": c.sources, "cites": cite(c.cites)} if c else None

    undated = list(cmp.undated) or [None] * len(cmp.matrix)
    matrix = [{"target": r.target, "cells": [cell(c) for c in r.cells], "undated": cell(u)}
              for r, u in zip(cmp.matrix, undated)]
    events = [{"date": e.date, "summary": e.summary, "actors": list(e.actors), "source": sources[e.document_id]["label"],
               "cite": cite([e.fact_id])} for e in facts.events]
    colours = charts.palette(settings.templates / "print.css")
    return {
        "lang": settings.language,
        "paper": settings.paper_size,
        "title": settings.title,
        "subtitle_template": settings.subtitle,
        "first_year": years[0] if years else None,
        "last_year": years[-1] if years else None,
        "focus": settings.focus_actor,
        "edition": plan.stamp,
        "edition_iso": plan.created.isoformat(),
        "edition_date": plan.created.date().isoformat(),
        "distribution": settings.distribution,
        "source_count": len(facts.documents),
        "date_first": dated[0] if dated else None,
        "date_last": dated[-1] if dated else None,
        "findings": [{**f.model_dump(), "cites": cite(f.cites)} for f in cmp.findings],
        "sources": list(sources.values()),
        "skipped": [s.model_dump() for s in skipped],
        "delegations": delegations,
        # side by side: all of them when few, else the earliest and the latest (all are listed below)
        "delegations_side": delegations if len(delegations) <= SIDE_BY_SIDE else [delegations[0], delegations[-1]],
        "years": list(cmp.columns),
        "has_undated": bool(cmp.undated),
        "matrix": matrix,
        "trends": [{**t.model_dump(exclude={"cite"}), "cite": cite([t.cite] if t.cite else [])} for t in cmp.trends],
        "events": events[:TIMELINE_LIMIT],
        "events_total": len(events),
        "heatmap": _data_uri(charts.stance_heatmap(cmp, colours)),
        "salience": _data_uri(charts.salience_chart(cmp)),
        "counts": {"documents": len(facts.documents), "positions": len(facts.positions),
                   "delegations": len(facts.delegations), "events": len(facts.events),
                   "inferred": sum(d.date_basis == "inferred" for d in facts.documents),
                   "undated": sum(d.date is None for d in facts.documents),
                   "undated_positions": sum(p.year is None for p in facts.positions)},
        "changes": changes.model_dump() | {"unchanged": changes.unchanged} if changes else None,
        "appendix": appendix,
        "keywords": ", ".join([settings.focus_actor, *[r.target for r in cmp.matrix[:6]]]),
        "authors": settings.author,
    }
