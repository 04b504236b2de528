import io
import logging
import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import plan
from flows.compare import choose_focus, compare
from flows.extract.lexicon import spelled_out
from flows.render import render, render_html, safe_fetcher
from flows.render.view import build_view
from flows.settings import load_settings

SECTIONS = ["Key findings", "Sources", "Delegations compared", "Positions across years", "Timeline",
            "Method and limits", "Appendix: evidence"]


@pytest.fixture(scope="module")
def rendered(seed_extraction):
    logger = logging.getLogger("weasyprint")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.addHandler(handler)
    try:
        settings = load_settings()
        facts = seed_extraction.facts
        focus = choose_focus(facts)[0]  # as the flow does with no focus set: derived from the corpus
        view = build_view(facts, compare(facts, focus.actor), settings, plan(), seed_extraction.skipped, focus=focus,
                          glossary=spelled_out())
        out = render(view, settings.templates)
    finally:
        logger.removeHandler(handler)
    return out, view, records


def test_no_weasyprint_warnings(rendered):
    _, _, records = rendered
    assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == []


def test_pdf_pages_metadata_and_outline(rendered):
    out, view, _ = rendered
    pdf = PdfReader(io.BytesIO(out.pdf))
    assert 6 <= len(pdf.pages) <= 40
    assert pdf.metadata.title == out.title == "Japan's security outlook"  # named after the derived focus
    assert "Japan" in (pdf.metadata.get("/Keywords") or "")
    assert pdf.metadata.author == view["authors"]
    assert pdf.metadata.subject == "Delegations and positions compared across the sources, 2017–2022"
    assert pdf.metadata.creation_date is not None
    outline = [item.title for item in pdf.outline if not isinstance(item, list)]
    for name in SECTIONS:
        assert name in outline
    assert "/Lang" in pdf.trailer["/Root"] and "/StructTreeRoot" in pdf.trailer["/Root"]


def test_fonts_are_embedded(rendered):
    pdf = PdfReader(io.BytesIO(rendered[0].pdf))
    fonts = set()
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            desc = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            desc = desc.get_object()
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]))
    assert any("Carlito" in f for f in fonts)


def test_text_holds_the_facts(rendered, seed_facts_json):
    pdf = PdfReader(io.BytesIO(rendered[0].pdf))
    text = " ".join((p.extract_text() or "") for p in pdf.pages)
    flat = " ".join(text.split())
    for d in seed_facts_json["delegations"]:
        assert d["leader"]["name"] in flat
        assert f"{d['members']} members from {d['member_countries']} countries" in flat
        for person in d["interlocutors"]:
            assert person["name"] in flat
    for doc in seed_facts_json["documents"]:
        assert doc["date"] in flat
    assert f"{len(seed_facts_json['positions'])} positions" in flat


def test_internal_links_resolve(rendered):
    pdf = PdfReader(io.BytesIO(rendered[0].pdf))
    names = set(pdf.named_destinations)
    links = 0
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            dest = annot.get("/Dest") or (annot.get("/A") or {}).get("/D")
            if dest is not None and not isinstance(dest, list):
                assert str(dest) in names, dest
            links += 1
    assert links > 40


def test_every_citation_has_its_evidence_entry(rendered):
    html = rendered[0].html
    import re

    targets = set(re.findall(r'class="cite" href="#([^"]+)"', html))
    ids = set(re.findall(r'<p id="([^"]+)"', html))
    assert targets and targets <= ids


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
def test_every_page_renders_to_png(rendered, tmp_path):
    (tmp_path / "b.pdf").write_bytes(rendered[0].pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(tmp_path / "b.pdf"), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == len(PdfReader(io.BytesIO(rendered[0].pdf)).pages)
    assert all(p.stat().st_size > 1000 for p in pngs)


def test_source_text_is_escaped_never_template_or_markup(seed_extraction):
    settings = load_settings(title="<script>alert(1)</script> {{ 7*7 }} {% raw %}", distribution="<b>x</b>")
    facts = seed_extraction.facts
    html = render_html(build_view(facts, compare(facts), settings, plan("2026-01-01T00:00:00Z")), settings.templates)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% raw %}" in html
    assert "<b>x</b>" not in html


def test_fetcher_serves_only_project_assets(tmp_path):
    settings = load_settings()
    fetch = safe_fetcher(settings.templates)
    font = (settings.templates / "fonts" / "Carlito-Regular.ttf").resolve().as_uri()
    assert fetch(font).read(4)
    for url in ("http://127.0.0.1:9/x.png", "https://example.org/a.css", (tmp_path / "x").as_uri(), "file:///etc/passwd", "ftp://h/x"):
        with pytest.raises(ValueError):
            fetch(url)


def test_letter_paper_setting(seed_extraction):
    settings = load_settings(paper_size="Letter")
    facts = seed_extraction.facts
    out = render(build_view(facts, compare(facts), settings, plan("2026-01-01T00:00:00Z")), settings.templates)
    box = PdfReader(io.BytesIO(out.pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_the_pdf_text_reads_as_prose(rendered):
    """No "(s)" plurals, no "?" for a missing value, and an actor named by an acronym is spelled
    out the first time the briefing names it."""
    out, _, _ = rendered
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(out.pdf)).pages).split())
    body = text[:text.index("Appendix: evidence The evidence")]
    assert "(s)" not in text
    assert not re.search(r"(?<![\w“”’.!])\?", body.replace("?”", "")), "a '?' stands for a missing value"
    first = re.search(r"\bNATO\b", body)
    assert first and body[:first.end() + 1].endswith("North Atlantic Treaty Organization (NATO)")
    assert body.count("(NATO)") == 1  # once only


THREADED_LAYOUT = """
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from flows.render import render_pdf

templates = Path(sys.argv[1])
page = "<html><body>" + "".join(f"<p>Line {i}: words to shape, <b>bold</b>, <i>italic</i>.</p>" for i in range(200))
pages = [page + f"<p>Page {k}</p></body></html>" for k in range(8)]
with ThreadPoolExecutor(4) as pool:  # as the flow's thread pool lays out evidence sections
    together = list(pool.map(lambda html: render_pdf(html, templates), pages))
alone = [render_pdf(html, templates) for html in pages]
print("same" if together == alone else "differ")
"""


def test_layout_in_several_threads_at_once_is_safe_and_gives_the_same_pdfs():
    # GLib reports the corruption on the process's own stderr (C level): only a child shows it
    settings = load_settings()
    proc = subprocess.run([sys.executable, "-c", THREADED_LAYOUT, str(settings.templates)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "GLib" not in proc.stderr and "CRITICAL" not in proc.stderr, proc.stderr[:500]
    assert proc.stdout.strip() == "same"
