"""The plain view model the templates receive: records, dicts, lists and strings; no DataFrames,
no English sentences (the templates word everything).

Every citation is a link to a numbered entry of the appendix, whose id is the fact's ``fact_id``.
"""

from __future__ import annotations

import base64
from datetime import datetime

from ..models import Changes, Comparison, Corrected, EditionPlan, Facts, Focus, SkippedSource
from ..settings import Settings
from . import charts

KIND_LABELS = {"press_release": "press release", "analysis": "analysis", "interview": "interview",
               "policy_brief": "policy brief", "other": "other"}
FORMAT_LABELS = {"text": "text", "html": "web page", "pdf": "PDF", "docx": "Word"}
TIMELINE_LIMIT = 40
SIDE_BY_SIDE = 3  # delegations compared in columns
SOURCES_LISTED = 40  # more sources than this: the body lists the ones it cites
VISITS_LISTED = 25  # the table of all visits: the latest ones (all are in the evidence volume)


def _count(values) -> list[dict]:
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return [{"label": k, "n": n} for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _data_uri(svg: str | None) -> str | None:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode() if svg else None


def _days(start: str | None, end: str | None) -> int | None:
    if not (start and end and len(start) == len(end) == 10):
        return None
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).days + 1


def fact_entries(facts: Facts, marks: dict[str, dict] | None = None) -> list[dict]:
    """One entry per piece of evidence, as the appendix and the evidence volume print it: the fact's
    fields, its quote and where it stands; ``corrected`` when the analyst corrected the fact. A
    delegation's further pieces of evidence get ids ``<fact id>-<k>``."""
    marks = marks or {}
    out: list[dict] = []

    def add(fid: str, kind: str, fact: dict, ev, quote: str | None = None, mark: str | None = None) -> None:
        out.append({"id": fid, "kind": kind, "fact": fact, "quote": quote or ev.quote, "document_id": ev.document_id,
                    "start": ev.start, "end": ev.end, "page": ev.page, "corrected": marks.get(mark or fid)})

    for p in sorted(facts.positions, key=lambda p: (p.target, p.holder, p.stance, p.document_id)):
        add(p.fact_id, "position", p.model_dump(include={"holder", "target", "stance", "horizon", "year"}), p.evidence, p.shown_quote)
    for d in facts.delegations:
        for k, ev in enumerate(d.evidence):
            add(d.fact_id if k == 0 else f"{d.fact_id}-{k}", "delegation", {"organisation": d.organisation, "host": d.host_country},
                ev, mark=d.fact_id)
    for e in facts.events:
        add(e.fact_id, "event", {"date": e.date, "actors": list(e.actors)}, e.evidence)
    return out


def correction_view(corrected: Corrected | None) -> dict:
    """What Method says about the analyst's corrections, and the marks on corrected facts."""
    if corrected is None:
        return {"file": None, "applied": 0, "by_action": {}, "stale": [], "marks": {}}
    by_action: dict[str, int] = {}
    for a in corrected.applied:
        by_action[a.action] = by_action.get(a.action, 0) + 1
    return {"file": corrected.file, "applied": len(corrected.applied), "by_action": by_action,
            "stale": [s.model_dump() for s in corrected.stale],
            "marks": {a.fact_id: {"action": a.action, "reason": a.reason, "line": a.line}
                      for a in corrected.applied if a.action != "reject"}}


def build_view(facts: Facts, cmp: Comparison, settings: Settings, plan: EditionPlan,
               skipped: tuple[SkippedSource, ...] = (), changes: Changes | None = None,
               formats: dict[str, str] | None = None, focus: Focus | None = None,
               corrected: Corrected | None = None, glossary: dict[str, str] | None = None) -> dict:
    """The view of one briefing. ``glossary``: actors named by an acronym, spelled out (the
    templates spell each out at its first use)."""
    formats = formats or {}
    focus = focus or Focus(actor=cmp.focus, chosen="set")
    corrections = correction_view(corrected)
    appendix: list[dict] = []
    number: dict[str, int] = {}
    sources = {}
    for k, d in enumerate(sorted(facts.documents, key=lambda d: (d.date or "9999", d.id)), 1):
        sources[d.id] = {"label": f"S{k}", "id": d.id, "title": d.title or d.path, "publisher": d.publisher,
                         "authors": list(d.authors), "date": d.date, "inferred": d.date_basis == "inferred",
                         "kind": KIND_LABELS[d.kind], "path": d.path, "duplicate_of": d.duplicate_of,
                         "format": FORMAT_LABELS.get(formats.get(d.id, "text"), "text"),
                         "corrected": corrections["marks"].get(d.fact_id)}

    # every fact, by id; the appendix holds those the body cites
    entries = {e["id"]: {**e, "source": sources[e["document_id"]]["label"]} for e in fact_entries(facts, corrections["marks"])}

    def cite(fids) -> list[dict]:
        """Links to appendix entries, numbered in the order the body first cites them."""
        out = []
        for f in fids:
            if f not in entries:
                continue
            if f not in number:
                number[f] = len(number) + 1
                appendix.append({**entries[f], "n": number[f]})
            out.append({"id": f, "n": number[f]})
        return out

    years = list(cmp.years)
    dated = sorted(d.date for d in facts.documents if d.date)
    # Cited in reading order: findings, delegations, positions, trends, timeline.
    findings = [{**f.model_dump(), "cites": cite(f.cites)} for f in cmp.findings]
    visits = sorted(facts.delegations, key=lambda d: (d.start_date or "", d.fact_id))
    side = visits if len(visits) <= SIDE_BY_SIDE else [visits[0], visits[-1]]
    shown = {d.fact_id for d in side} | {d.fact_id for d in visits[-VISITS_LISTED:]}

    def visit(d) -> dict:
        return {"id": d.fact_id, "cite": cite([d.fact_id]) if d.fact_id in shown else [],
                "source": sources[d.document_id]["label"],
                "start": d.start_date, "end": d.end_date, "days": _days(d.start_date, d.end_date),
                "organisation": d.organisation, "bodies": list(d.bodies), "host": d.host_country,
                "leader": d.leader.model_dump() if d.leader else None, "members": d.members,
                "member_countries": d.member_countries, "places": list(d.places),
                "interlocutors": [p.model_dump() for p in d.interlocutors],
                "themes": sorted({p.target for p in facts.positions if p.document_id == d.document_id})}

    delegations_side = [visit(d) for d in side]
    delegations = [visit(d) for d in visits[-VISITS_LISTED:]]

    def cell(c) -> dict | None:
        return {"stances": list(c.stances), "horizon": c.horizon, "sources": c.sources, "cites": cite(c.cites[:2])} if c else None

    undated = list(cmp.undated) or [None] * len(cmp.matrix)
    matrix = [{"target": r.target, "cells": [cell(c) for c in r.cells], "undated": cell(u)}
              for r, u in zip(cmp.matrix, undated)]
    trends = [{**t.model_dump(exclude={"cite"}), "cite": cite([t.cite] if t.cite else [])} for t in cmp.trends]
    events = [{"date": e.date, "summary": e.summary, "actors": list(e.actors), "source": sources[e.document_id]["label"],
               "cite": cite([e.fact_id])} for e in facts.events[:TIMELINE_LIMIT]]
    colours = charts.palette(settings.templates / "print.css")
    # Many sources: the body lists those it cites; the evidence volume lists them all.
    cited_sources = {a["document_id"] for a in appendix}
    listed = list(sources.values())
    if len(listed) > SOURCES_LISTED:
        listed = [x for x in listed if x["id"] in cited_sources]
    return {
        "lang": settings.language,
        "paper": settings.paper_size,
        "title": settings.title,
        "subtitle_template": settings.subtitle,
        "first_year": years[0] if years else None,
        "last_year": years[-1] if years else None,
        "focus": focus.actor,
        "focus_basis": focus.model_dump(),
        "corrections": {k: v for k, v in corrections.items() if k != "marks"},
        "edition": plan.stamp,
        "edition_iso": plan.created.isoformat(),
        "edition_date": plan.created.date().isoformat(),
        "distribution": settings.distribution,
        "source_count": len(facts.documents),
        "date_first": dated[0] if dated else None,
        "date_last": dated[-1] if dated else None,
        "findings": findings,
        "sources": listed,
        "sources_total": len(sources),
        "sources_by_kind": _count(x["kind"] for x in sources.values()),
        "sources_by_format": _count(x["format"] for x in sources.values()),
        "skipped": [s.model_dump() for s in skipped],
        "delegations": delegations,  # the latest VISITS_LISTED
        "delegations_total": len(visits),
        # side by side: all of them when few, else the earliest and the latest
        "delegations_side": delegations_side,
        "years": list(cmp.columns),
        "has_undated": bool(cmp.undated),
        "matrix": matrix,
        "trends": trends,
        "events": events,
        "events_total": len(facts.events),
        "heatmap": _data_uri(charts.stance_heatmap(cmp, colours)),
        "salience": _data_uri(charts.salience_chart(cmp)),
        "counts": {"documents": len(facts.documents), "positions": len(facts.positions),
                   "delegations": len(facts.delegations), "events": len(facts.events),
                   "inferred": sum(d.date_basis == "inferred" for d in facts.documents),
                   "undated": sum(d.date is None for d in facts.documents),
                   "undated_positions": sum(p.year is None for p in facts.positions)},
        "changes": changes.model_dump() | {"unchanged": changes.unchanged} if changes else None,
        "appendix": appendix,
        "source_index": sources,  # every source by id, for the evidence volume
        "keywords": ", ".join([*([focus.actor] if focus.actor else []), *[r.target for r in cmp.matrix[:6]]]),
        "marks": corrections["marks"],
        "glossary": dict(glossary or {}),  # corrected facts, for the evidence volume
        "authors": settings.author,
    }
