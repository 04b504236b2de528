"""A briefing at any size: the appendix holds only what the body cites, many sources are
summarised, and the evidence volume is built per source from a cache."""

import io
import re

from pypdf import PdfReader

from conftest import plan
from flows.compare import compare
from flows.models import DocumentMeta, Evidence, Facts, Position
from flows.render import render, render_evidence
from flows.render.view import build_view
from flows.settings import load_settings


def test_appendix_holds_exactly_the_cited_evidence(seed_extraction):
    facts = seed_extraction.facts
    view = build_view(facts, compare(facts), load_settings(), plan())
    html = render(view, load_settings().templates).html
    cited = set(re.findall(r'class="cite" href="#([^"]+)"', html))
    entries = re.findall(r'<p id="([^"]+)"><b class="n">(\d+)</b>', html)
    assert {i for i, _ in entries} == cited
    assert [int(n) for _, n in entries] == list(range(1, len(entries) + 1))  # numbered as first cited
    total = len(facts.positions) + len(facts.delegations) + len(facts.events)
    assert len(entries) < total


def many_sources(n: int) -> Facts:
    targets = ["China", "Russia", "North Korea", "Iran", "India", "Australia", "Vietnam", "Turkey"]
    docs, positions = [], []
    for i in range(n):
        doc_id = f"n{i:04d}"
        docs.append(DocumentMeta(id=doc_id, path=f"{doc_id}.txt", sha256=f"{i:064x}", title=f"Regional note number {i}",
                                 publisher="Example Institute", date=f"{2005 + i % 18}-03-01", date_basis="stated",
                                 kind="analysis"))
        for k in range(3):
            target = targets[(i + k) % len(targets)]
            quote = f"Officials in Tokyo regard {target} with growing concern in note {i}."
            positions.append(Position(holder="Japan", target=target, stance=("concern", "threat", "partner")[k], year=2005 + i % 18,
                                      document_id=doc_id, evidence=Evidence(document_id=doc_id, start=0, end=len(quote), quote=quote)))
    return Facts(documents=tuple(docs), positions=tuple(positions))


def test_a_briefing_of_many_sources_stays_short_and_every_citation_resolves(assert_no_weasyprint_warnings):
    facts = many_sources(150)
    settings = load_settings()
    view = build_view(facts, compare(facts), settings, plan())
    assert view["sources_total"] == 150 and len(view["sources"]) < 150
    out = render(view, settings.templates)
    pdf = PdfReader(io.BytesIO(out.pdf))
    assert len(pdf.pages) <= 40
    cited = set(re.findall(r'class="cite" href="#([^"]+)"', out.html))
    assert cited <= set(re.findall(r'<p id="([^"]+)"', out.html))
    assert "the evidence volume (evidence.pdf) lists every source" in out.html


def test_evidence_volume_is_built_per_source_and_reuses_sections(tmp_path, assert_no_weasyprint_warnings):
    settings = load_settings()
    facts = many_sources(6)
    view = build_view(facts, compare(facts), settings, plan())
    first = render_evidence(view, facts, settings.templates, tmp_path)
    assert (first.rendered, first.reused) == (6, 0)
    pdf = PdfReader(io.BytesIO(first.pdf))
    assert [o.title for o in pdf.outline] == [f"S{k} Regional note number {k - 1}" for k in range(1, 7)]
    assert len(pdf.pages) == first.pages >= 7
    assert pdf.pages[0].extract_text().rstrip().endswith("i")  # the contents, in roman numerals
    body = pdf.pages[1:]
    for number, page in enumerate(body, 1):
        assert f"page {number} of {len(body)}" in page.extract_text()
    assert re.search(r"S1 Regional note number 0 .* p\. 1\b", pdf.pages[0].extract_text().replace("\n", " "))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Officials in Tokyo regard China with growing concern in note 0." in text

    grown = many_sources(7)  # one more source, edition time moved on: one section is laid out
    later = build_view(grown, compare(grown), settings, plan("2026-02-01T00:00:00Z"))
    second = render_evidence(later, grown, settings.templates, tmp_path)
    assert (second.rendered, second.reused) == (1, 6)
    assert "Regional note number 6" in second.html and second.html.count('class="source"') == 7


def test_an_unchanged_evidence_volume_is_not_joined_again(tmp_path, assert_no_weasyprint_warnings):
    settings = load_settings()
    facts = many_sources(4)
    view = build_view(facts, compare(facts), settings, plan())
    first = render_evidence(view, facts, settings.templates, tmp_path)
    assert (first.rendered, first.reused) == (4, 0)
    for section in tmp_path.glob("??/*.pdf"):  # not needed: the joined volume comes back whole
        section.unlink()
    # the next edition, same sources: the joined volume comes back whole, byte for byte
    again = render_evidence(build_view(facts, compare(facts), settings, plan("2026-02-01T00:00:00Z")), facts, settings.templates, tmp_path)
    assert (again.rendered, again.reused, again.pages) == (0, 4, first.pages)
    assert again.pdf == first.pdf and again.html == first.html
    # another author is in the volume's document info: laid out and joined again
    other = render_evidence({**view, "authors": "Another Desk"}, facts, settings.templates, tmp_path)
    assert (other.rendered, other.reused) == (4, 0) and other.pdf != first.pdf
    assert PdfReader(io.BytesIO(other.pdf)).metadata["/Author"] == "Another Desk"
    # a damaged entry is not trusted: joined again
    for path in (tmp_path / "volume").glob("*.pdf"):
        path.write_bytes(b"%PDF-1.7 damaged")
    mended = render_evidence({**view, "authors": "Another Desk"}, facts, settings.templates, tmp_path)
    assert mended.pdf == other.pdf
