"""The evidence volume: every fact of every source with its quote, one section per source.

Each section is rendered once and cached by the exact HTML WeasyPrint would lay out (which holds
the source's facts, the templates and the CSS), so a corpus that grows by one document renders one
new section; the contents pages are rendered anew, the sections joined with pypdf (one bookmark
per source, with pikepdf: pypdf took seconds per hundred sections) and every page of the sources
stamped "page x of y" across the whole volume (the contents pages in roman numerals). The joined volume is not tagged: the sections' structure trees are
not merged (the briefing itself is PDF/UA). The joined volume is kept too (``VolumeCache``), keyed
by everything it is made of, so a build whose evidence did not change (or that the head start
joined ahead) joins nothing.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

from ..models import EvidenceVolume, Facts
from . import environment, render_pdf
from .view import fact_entries

STAMP_FONT = "/BrfPageNo"
CONTENTS_CHUNK = 60  # contents rows laid out (and cached) together


def sections_of(facts: Facts, sources: dict[str, dict], marks: dict[str, dict] | None = None) -> list[dict]:
    """One section per source, in the order of the sources' labels, with every fact drawn from it."""
    by_doc: dict[str, list[dict]] = {d: [] for d in sources}
    for e in fact_entries(facts, marks):
        by_doc.setdefault(e["document_id"], []).append(e)
    return [{**sources[d], "entries": by_doc.get(d, [])} for d in sorted(sources, key=lambda d: int(sources[d]["label"][1:]))]


class SectionCache:
    """Rendered section PDFs by the hash of their HTML; a missing or unwritable cache only costs time."""

    def __init__(self, root: Path | None) -> None:
        self.root = Path(root) if root else None

    def get(self, key: str) -> bytes | None:
        if not self.root:
            return None
        try:
            data = (self.root / key[:2] / f"{key}.pdf").read_bytes()
            return data if data.startswith(b"%PDF-") else None
        except OSError:
            return None

    def has(self, key: str) -> bool:
        return bool(self.root) and (self.root / key[:2] / f"{key}.pdf").is_file()

    def put(self, key: str, pdf: bytes) -> None:
        if not self.root:
            return
        path = self.root / key[:2] / f"{key}.pdf"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_bytes(pdf)
            os.replace(tmp, path)
        except OSError:
            pass


class VolumeCache:
    """The last joined volume, by ``volume_key``; a missing or unwritable cache only costs time."""

    def __init__(self, root: Path | None) -> None:
        self.root = Path(root) if root else None

    def get(self, key: str) -> EvidenceVolume | None:
        if not self.root:
            return None
        try:
            meta = json.loads((self.root / f"{key}.json").read_text(encoding="utf-8"))
            pdf = (self.root / f"{key}.pdf").read_bytes()
            html = (self.root / f"{key}.html").read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None
        if not pdf.startswith(b"%PDF-") or hashlib.sha256(pdf).hexdigest() != meta.get("sha256"):
            return None
        return EvidenceVolume(pdf=pdf, html=html, pages=meta["pages"], rendered=0, reused=meta["sections"])

    def put(self, key: str, volume: EvidenceVolume) -> None:
        if not self.root:
            return
        try:
            shutil.rmtree(self.root, ignore_errors=True)  # only the latest is worth keeping
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / f"{key}.pdf").write_bytes(volume.pdf)
            (self.root / f"{key}.html").write_text(volume.html, encoding="utf-8")
            meta = {"pages": volume.pages, "sections": volume.rendered + volume.reused, "sha256": hashlib.sha256(volume.pdf).hexdigest()}
            (self.root / f"{key}.json").write_text(json.dumps(meta), encoding="utf-8")  # written last: it makes the entry
        except OSError:
            pass


@functools.cache
def _code_version() -> str:
    """This package's code and the libraries that lay out and join (the same for a process's life)."""
    import pikepdf
    import weasyprint

    digest = hashlib.sha256(f"{weasyprint.__version__}|{pikepdf.__version__}".encode())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def volume_key(view: dict, sections: list[dict], templates: Path) -> str:
    """What the joined volume is made of: every source's section (label, title, facts: its HTML is
    made of these and the templates, and hashing them is cheaper than rendering it: 3.6 s at
    10,000 sources), the document info, the templates and stylesheets (read now: they may change
    while a server runs) and the code."""
    digest = hashlib.sha256(json.dumps(sections, sort_keys=True, ensure_ascii=False, default=repr).encode())
    digest.update(json.dumps([view["title"], view["authors"], view["lang"], view["paper"]]).encode())
    root = Path(templates)
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".j2", ".css"):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(_code_version().encode())
    return digest.hexdigest()


def volume_html(view: dict, sections: list[dict], templates: Path) -> str:
    return environment(templates).get_template("evidence/volume.html.j2").render(**view, sections=sections)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                           (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _stamp(pdf, front: int) -> None:
    """Page numbers at the foot of every page (Helvetica, a standard font): the contents in roman
    numerals, the sources "page x of y" across all of them, so the contents' own length never
    moves the numbers it lists. Each page's own drawing state is closed first."""
    import pikepdf

    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    total = len(pdf.pages) - front
    for index, page in enumerate(pdf.pages):
        text = _roman(index + 1) if index < front else f"page {index - front + 1} of {total}"
        x = float(page.mediabox[2]) / 2 - len(text) * 8 * 0.25
        page.add_resource(font, pikepdf.Name.Font, pikepdf.Name(STAMP_FONT), prefix="", replace_existing=True)
        page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
        page.contents_add(pikepdf.Stream(pdf, f"\nQ\nq BT {STAMP_FONT} 8 Tf 0.33 g {x:.1f} 24 Td ({text}) Tj ET Q".encode()))


def section_pages(view: dict, sections: list[dict], templates: Path) -> list[tuple[dict, str, str]]:
    """(section, HTML to lay out, cache key) per source: the HTML holds nothing that changes from
    one edition to the next (no edition time, no S-label), so an unchanged source keeps its key."""
    page = environment(templates).get_template("evidence/section.html.j2")
    stable = {k: view[k] for k in ("lang", "paper", "title")}
    out = []
    for section in sections:
        html = page.render(**stable, section={k: v for k, v in section.items() if k != "label"})
        out.append((section, html, section_key(html)))
    return out


def section_key(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def lay_out(htmls: list[str], templates: Path) -> list[bytes]:
    """WeasyPrint on a batch of section pages (in a task: a thread, a process or a Dask worker)."""
    return [render_pdf(html, templates, identifier=hashlib.sha256(html.encode()).hexdigest()) for html in htmls]


def _outline(volume, items: list[tuple[str, int]]) -> None:
    """One bookmark per (title, page index), flat, built as PDF objects directly: pikepdf's
    outline editor took 11 s for 10,000 bookmarks."""
    import pikepdf

    root = volume.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    nodes = [volume.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(title), Parent=root,
                                                     Dest=pikepdf.Array([volume.pages[at].obj, pikepdf.Name.Fit])))
             for title, at in items]
    for before, after in zip(nodes, nodes[1:]):
        before.Next, after.Prev = after, before
    if nodes:
        root.First, root.Last, root.Count = nodes[0], nodes[-1], len(nodes)
    volume.Root.Outlines = root


def join_volume(view: dict, parts: list[tuple[dict, bytes]], templates: Path, cache: SectionCache,
                rendered: int, reused: int) -> EvidenceVolume:
    """Contents (in cached chunks), then every source's section, one bookmark each, page numbers."""
    import pikepdf

    env = environment(templates)
    stable = {k: view[k] for k in ("lang", "paper", "title")}
    sources = [pikepdf.Pdf.open(io.BytesIO(pdf)) for _, pdf in parts]
    starts, at = [], 1
    for src in sources:
        starts.append(at)
        at += len(src.pages)
    rows = [{**s, "page": p} for (s, _), p in zip(parts, starts)]
    # The contents in chunks, each cached like a section: a corpus that grows by new documents
    # (listed last) lays out only its last chunk again.
    contents = env.get_template("evidence/contents.html.j2")
    volume = pikepdf.Pdf.new()
    for k in range(0, max(len(rows), 1), CONTENTS_CHUNK):
        html = contents.render(**stable, rows=rows[k:k + CONTENTS_CHUNK], first=k == 0, total=len(rows))
        key = hashlib.sha256(html.encode()).hexdigest()
        pdf = cache.get(key)
        if pdf is None:
            pdf = render_pdf(html, templates, identifier=key)
            cache.put(key, pdf)
        volume.pages.extend(pikepdf.Pdf.open(io.BytesIO(pdf)).pages)
    front = len(volume.pages)
    first_pages = []
    for src in sources:
        first_pages.append(len(volume.pages))
        volume.pages.extend(src.pages)
    _outline(volume, [(f"{section['label']} {section['title'][:80]}", at) for (section, _), at in zip(parts, first_pages)])
    _stamp(volume, front)
    volume.docinfo["/Title"] = f"{view['title']}: evidence volume"
    volume.docinfo["/Author"] = view["authors"]
    out = io.BytesIO()
    volume.save(out, deterministic_id=True)
    html = volume_html(view, [s for s, _ in parts], templates)
    return EvidenceVolume(pdf=out.getvalue(), html=html, pages=len(volume.pages), rendered=rendered, reused=reused)


def render_volume(view: dict, sections: list[dict], templates: Path, cache: SectionCache,
                  volumes: VolumeCache | None = None) -> EvidenceVolume:
    """The whole volume: the joined one from ``volumes`` when nothing it is made of changed, else
    sections from the cache where their HTML is unchanged (the pipeline lays the missing ones out
    in batches beforehand), the others laid out here."""
    volumes = volumes or VolumeCache(None)
    whole = volume_key(view, sections, templates)
    if (joined := volumes.get(whole)) is not None:
        return joined
    planned = section_pages(view, sections, templates)
    pdfs = {key: cache.get(key) for _, _, key in planned}
    missing = list(dict.fromkeys(key for key, pdf in pdfs.items() if pdf is None))
    html_of = {key: html for _, html, key in planned}
    made = lay_out([html_of[k] for k in missing], templates)
    for key, pdf in zip(missing, made):
        cache.put(key, pdf)
        pdfs[key] = pdf
    parts = [(section, pdfs[key]) for section, _, key in planned]
    volume = join_volume(view, parts, templates, cache, rendered=len(missing), reused=len(planned) - len(missing))
    volumes.put(whole, volume)
    return volume
