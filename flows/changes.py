"""What changed since the previous edition: sources and facts compared by a stable identity
(what the fact is about), not by list position."""

from __future__ import annotations

import json
from pathlib import Path

from .models import Facts

LIMIT = 25  # listed per kind; the counts are complete


def _positions(f: dict) -> dict[tuple, dict]:
    return {(p["document_id"], p["holder"], p["target"], p["stance"]): p for p in f.get("positions", [])}


def _delegations(f: dict) -> dict[tuple, dict]:
    return {(d["document_id"], d.get("start_date")): d for d in f.get("delegations", [])}


def _events(f: dict) -> dict[tuple, dict]:
    return {(e["document_id"], e.get("date"), e["summary"]): e for e in f.get("events", [])}


def _label(kind: str, key: tuple) -> str:
    if kind == "position":
        return f"{key[1]} → {key[2]}: {key[3]} ({key[0]})"
    if kind == "delegation":
        return f"delegation visit {key[1] or 'undated'} ({key[0]})"
    return f"{key[1]}: {key[2][:90]} ({key[0]})"


def previous_facts(output: Path) -> tuple[str, dict] | None:
    """The facts of the edition ``latest`` points to, if there is one."""
    latest = Path(output) / "latest"
    try:
        return latest.resolve().name, json.loads((latest / "facts.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def changes(previous: tuple[str, dict] | None, facts: Facts) -> dict:
    if previous is None:
        return {"first": True}
    name, old = previous
    new = json.loads(facts.model_dump_json())
    old_docs = {d["id"]: d["sha256"] for d in old.get("documents", [])}
    new_docs = {d["id"]: d["sha256"] for d in new["documents"]}
    out: dict = {"first": False, "previous": name,
                 "sources_added": sorted(set(new_docs) - set(old_docs)),
                 "sources_removed": sorted(set(old_docs) - set(new_docs)),
                 "sources_changed": sorted(k for k in set(new_docs) & set(old_docs) if new_docs[k] != old_docs[k]),
                 "facts": {"new": [], "changed": [], "withdrawn": []}, "counts": {"new": 0, "changed": 0, "withdrawn": 0}}
    for kind, index in (("position", _positions), ("delegation", _delegations), ("event", _events)):
        a, b = index(old), index(new)
        for status, keys in (("new", sorted(set(b) - set(a), key=str)), ("withdrawn", sorted(set(a) - set(b), key=str)),
                             ("changed", sorted((k for k in set(a) & set(b) if a[k] != b[k]), key=str))):
            out["counts"][status] += len(keys)
            room = LIMIT - len(out["facts"][status])
            out["facts"][status] += [_label(kind, k) for k in keys[:max(room, 0)]]
    out["unchanged"] = not (out["sources_added"] or out["sources_removed"] or out["sources_changed"] or any(out["counts"].values()))
    return out
