"""Publish: write an edition folder atomically and move ``latest`` to it.

The edition is written to a hidden temporary folder and renamed into place only when every
file is there, so a build that fails or is killed midway leaves the previous edition and
``latest`` untouched. A lock file keeps two builds from publishing at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import platform
import re
import shutil
import sys
import threading
import time
import unicodedata
from contextlib import contextmanager
from datetime import datetime, UTC
from importlib import metadata
from pathlib import Path

from .models import Comparison, Corpus, Corrected, EditionFiles, EditionPlan, EvidenceVolume, Extraction, Focus, Rendered
from .corrections import file_digest
from .settings import Settings, corrections_path

Briefing = tuple[Focus, Comparison, Rendered]  # one focus's comparison and rendered briefing

PACKAGES = ("briefing", "prefect", "pandas", "weasyprint", "jinja2", "matplotlib", "pydantic")


class PublishError(Exception):
    """The output folder cannot be used; the message says where and why."""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree_hash(root: Path, suffixes: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(root).rglob("*")):
        if path.is_file() and path.suffix in suffixes and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fingerprint(corpus: Corpus, settings: Settings) -> str:
    """Equal for two builds with the same inputs, templates, code and settings."""
    digest = hashlib.sha256()
    for d in corpus.documents:
        digest.update(f"{d.path}\0{d.sha256}\n".encode())
    for s in corpus.skipped:
        digest.update(f"skip\0{s.path}\0{s.reason}\n".encode())
    digest.update(_tree_hash(Path(__file__).resolve().parent, (".py", ".yaml")).encode())
    digest.update(_tree_hash(settings.templates, (".j2", ".css", ".ttf")).encode())
    # where the work runs does not change what is published
    digest.update(settings.model_dump_json(exclude={"output", "smtp_password", "runner", "dask_address", "extract_batch", "layout_batch",
                                                  "serve_port", "serve_ui", "delivery_retries"}).encode())
    digest.update(json.dumps(versions(), sort_keys=True).encode())
    digest.update(file_digest(corrections_path(settings)).encode())  # the analyst's corrections are an input
    return digest.hexdigest()


def previous_manifest(output: Path) -> dict | None:
    try:
        return json.loads((Path(output) / "latest" / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def briefing_name(actor: str | None) -> str:
    """The file name (without suffix) of a further focus's briefing: briefing-south-korea."""
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", actor or "").encode("ascii", "ignore").decode().lower()).strip("-")
    return f"briefing-{slug[:60] or 'all'}"


def briefing_file(index: int, actor: str | None) -> str:
    """The PDF of the edition's ``index``-th briefing: briefing.pdf, then briefing-<focus>.pdf."""
    return "briefing.pdf" if index == 0 else f"{briefing_name(actor)}.pdf"


def pdfs(briefings: list[Briefing]) -> list[tuple[str, str]]:
    """(file in the edition, title) of each briefing PDF."""
    return [(briefing_file(i, f.actor), r.title) for i, (f, _, r) in enumerate(briefings)]


def edition_files(extraction: Extraction, corrected: Corrected, briefings: list[Briefing], evidence: EvidenceVolume,
                  corpus: Corpus, timings: dict[str, float], settings: Settings, flow_run_id: str,
                  ahead: dict[str, int] | None = None) -> EditionFiles:
    """Everything an edition holds, from what the stages made: the briefings, facts, tables,
    evidence volume, extracted texts, fonts for the HTML twins, and the manifest's record of the work."""
    runner = {"kind": "dask", "address": settings.dask_address} if settings.dask_address else {"kind": settings.runner}
    (first, cmp, rendered), others = briefings[0], briefings[1:]
    return EditionFiles(pdf=rendered.pdf, html=rendered.html, facts_json=corrected.facts.model_dump_json(indent=2),
                        focus=(first, *(f for f, _, _ in others)),
                        more={name: data for f, c, r in others for name, data in more_files(f, c, r).items()},
                        corrections={"file": corrected.file, "applied": len(corrected.applied), "not_applied": len(corrected.stale)},
                        tables=cmp.tables, texts={d.id: d.text for d in corpus.documents if d.format != "text"},
                        evidence_pdf=evidence.pdf, evidence_html=evidence.html,
                        # the HTML twins load the bundled fonts from beside them, as the PDF does
                        assets={f"fonts/{f.name}": f.read_bytes() for f in sorted((settings.templates / "fonts").glob("*"))
                                if f.is_file()},
                        timings=timings, flow_run_id=flow_run_id, runner=runner,
                        work={"extracted": extraction.extracted, "reused": extraction.reused,
                              "evidence_sections_rendered": evidence.rendered, "evidence_sections_reused": evidence.reused,
                              # done for this edition before the flow, while Prefect's server booted
                              **({"head_start": ahead} if ahead is not None else {})})


def more_files(focus: Focus, cmp: Comparison, rendered: Rendered) -> dict[str, bytes]:
    """A further focus's briefing, beside the first one: briefing-<focus>.pdf/.html and its tables."""
    name = briefing_name(focus.actor)
    return {f"{name}.pdf": rendered.pdf, f"{name}.html": rendered.html.encode(),
            **{f"tables/{name}/{k}": v.encode() for k, v in sorted(cmp.tables.items())}}


def edition_name(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ")


def plan_edition(corpus: Corpus, settings: Settings, now: datetime | None = None) -> EditionPlan:
    """The one place that decides whether a build publishes, and the edition's name and time
    (the one clock read of the edition)."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    stamp = fingerprint(corpus, settings)
    before = previous_manifest(settings.output)
    skip = None
    if settings.skip_unchanged and before and before.get("fingerprint") == stamp:
        skip = f"inputs, templates, code and settings unchanged since edition {before.get('edition')}"
    return EditionPlan(fingerprint=stamp, previous=before.get("edition") if before else None, skip_reason=skip,
                       edition=edition_name(now), created=now)


def check_writable(output: Path) -> None:
    """Fail early, with the reason, when editions cannot be written under ``output``."""
    try:
        (output / "editions").mkdir(parents=True, exist_ok=True)
        probe = output / "editions" / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise PublishError(f"output folder not writable: {output} ({exc.strerror or exc})") from None


_HELD: dict[str, int] = {}  # output folders whose lock this process holds, and how deeply
_HELD_GUARD = threading.Lock()


@contextmanager
def output_lock(output: Path, wait: float = 3600.0):
    """Hold the output folder's lock (``OUTPUT/.lock``); wait for another build up to ``wait``
    seconds. Re-entrant within a process: a build holds it from its plan to its publish, and
    publishing takes it again."""
    key = str(Path(output).resolve())
    with _HELD_GUARD:
        if _HELD.get(key):
            _HELD[key] += 1
            nested = True
        else:
            nested = False
    if nested:
        try:
            yield
        finally:
            with _HELD_GUARD:
                _HELD[key] -= 1
        return
    try:
        output.mkdir(parents=True, exist_ok=True)
        handle = open(output / ".lock", "w")  # noqa: SIM115
    except OSError as exc:
        raise PublishError(f"output folder not writable: {output} ({exc.strerror or exc})") from None
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise PublishError(f"another build holds {output / '.lock'}; gave up after {wait:.0f} s") from None
                time.sleep(0.2)
        with _HELD_GUARD:
            _HELD[key] = 1
        try:
            yield
        finally:
            with _HELD_GUARD:
                _HELD.pop(key, None)
    finally:
        handle.close()


def write_edition(output: Path, corpus: Corpus, files: EditionFiles, plan: EditionPlan, retention: int = 20) -> Path:
    """Write a complete edition under ``output/editions/<UTC time>/`` and point ``latest`` at it."""
    output = Path(output)
    editions = output / "editions"
    with output_lock(output):
        tmp = final = None
        published = False
        try:
            editions.mkdir(parents=True, exist_ok=True)
            name = plan.edition
            final = editions / name
            n = 1
            while final.exists():
                n += 1
                final = editions / f"{name}-{n}"
            tmp = editions / f".tmp-{final.name}-{os.getpid()}"
            shutil.rmtree(tmp, ignore_errors=True)
            (tmp / "tables").mkdir(parents=True)
            payloads: dict[str, bytes] = {
                "briefing.pdf": files.pdf,
                "briefing.html": files.html.encode(),
                "facts.json": files.facts_json.encode(),
                **{f"tables/{k}": v.encode() for k, v in sorted(files.tables.items())},
                **{f"texts/{k}.txt": v.encode() for k, v in sorted(files.texts.items())},
            }
            payloads.update({rel: data for rel, data in sorted(files.assets.items())})
            payloads.update({rel: data for rel, data in sorted(files.more.items())})
            for folder in {Path(rel).parent for rel in [*files.assets, *files.more]}:
                (tmp / folder).mkdir(parents=True, exist_ok=True)
            if files.evidence_pdf is not None:
                payloads["evidence.pdf"] = files.evidence_pdf
                payloads["evidence.html"] = (files.evidence_html or "").encode()
            if files.texts:
                (tmp / "texts").mkdir()
            for rel, data in payloads.items():
                (tmp / rel).write_bytes(data)
            manifest = {
                "edition": final.name,
                "created": plan.created.isoformat(timespec="seconds"),
                "flow_run_id": files.flow_run_id,
                "corpus": Path(corpus.root).name,  # the folder's name: no path of this machine
                "inputs": [{"path": d.path, "sha256": d.sha256, "encoding": d.encoding, "format": d.format}
                           for d in corpus.documents],
                "skipped": [s.model_dump() for s in corpus.skipped],
                "outputs": [{"path": rel, "sha256": _sha(data), "bytes": len(data)} for rel, data in payloads.items()],
                "versions": versions(),
                "timings_s": {k: round(v, 3) for k, v in files.timings.items()},
                "fingerprint": plan.fingerprint,
                "work": files.work,
                "command": Path(sys.argv[0]).name if sys.argv else "",
                "runner": files.runner,
                "focus": [{"actor": f.actor, "chosen": f.chosen, "pdf": briefing_file(i, f.actor)} for i, f in enumerate(files.focus)],
                "corrections": files.corrections,
                "previous": plan.previous,  # the edition this one was compared with
            }
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
            os.rename(tmp, final)
            link = output / "latest"
            tmp_link = output / f".latest-{os.getpid()}"
            if tmp_link.is_symlink() or tmp_link.exists():
                tmp_link.unlink()
            tmp_link.symlink_to(Path("editions") / final.name)
            os.replace(tmp_link, link)
            published = True
        except OSError as exc:
            # Nothing half-done stays behind: no temporary folder, no edition `latest` does not name.
            for leftover in (tmp, final):
                if leftover is not None and leftover.exists():
                    shutil.rmtree(leftover, ignore_errors=True)
            raise PublishError(f"cannot write edition under {editions}: {exc.strerror or exc}") from None
        if published:
            prune(editions, retention)
        return final


def prune(editions: Path, keep: int) -> list[Path]:
    """Remove all but the ``keep`` newest editions (and leftovers of killed builds)."""
    done = sorted(p for p in editions.iterdir() if p.is_dir() and not p.name.startswith("."))
    removed = done[:-keep] if len(done) > keep else []
    removed += [p for p in editions.glob(".tmp-*") if p.is_dir()]  # we hold the lock: nobody writes these
    for p in removed:
        shutil.rmtree(p, ignore_errors=True)
    return removed
