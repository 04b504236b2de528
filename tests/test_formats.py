"""Real file formats: PDFs (columns, furniture, pages), Word files and saved web pages, read into
texts whose offsets the facts index. The project's own files are generated here (WeasyPrint prints
a two-column page, python-docx writes a Word file); the public test files in ../shared/formats are
read when that folder is there."""

import io
import json
import re

import pytest

from conftest import SEEDS, SHARED, write
from flows.ingest import Limits, ingest
from flows.ingest.html import clean_title

FORMATS = SHARED / "formats"
needs_shared = pytest.mark.skipif(not FORMATS.is_dir(), reason="../shared/formats is not beside the project")

# Sentences written for these tests: each is long enough to wrap over several lines of a column.
SENTENCES = [
    f"Paragraph {n} says that the ministry in Tokyo considers North Korea an immediate threat to the "
    f"region and will keep deepening its partnership with Australia over the coming decade, item {n}."
    for n in range(1, 41)
]


def two_column_pdf(pages_of_text: list[list[str]], header: str = "Quarterly Security Review, Issue 7") -> bytes:
    from weasyprint import HTML

    body = "".join(
        f"<section>{''.join(f'<p>{s}</p>' for s in group)}</section>" for group in pages_of_text)
    html = f"""<html><head><style>
      @page {{ size: A4; margin: 25mm 20mm; @top-center {{ content: "{header}"; font-size: 8pt }}
               @bottom-center {{ content: counter(page); font-size: 8pt }} }}
      body {{ font: 10pt sans-serif; text-align: left }}
      section {{ column-count: 2; column-gap: 12mm; break-before: page }}
      section:first-child {{ break-before: auto }}
    </style></head><body>{body}</body></html>"""
    return HTML(string=html).write_pdf()


def read_one(tmp_path, name: str, data: bytes, **limits):
    write(tmp_path, name, data)
    corpus = ingest(tmp_path, limits=Limits(**limits)) if limits else ingest(tmp_path)
    return corpus


def test_two_column_pdf_reads_down_each_column_and_drops_furniture(tmp_path):
    pdf = two_column_pdf([SENTENCES[:14], SENTENCES[14:28]])
    doc = read_one(tmp_path, "review.pdf", pdf).documents[0]
    assert doc.format == "pdf" and len(doc.pages) == 2 and doc.pages[0] == 0
    paragraphs = [p for p in doc.text.split("\n\n") if p.strip()]
    # every sentence comes back whole, in reading order (down the first column, then the second)
    assert [p.strip() for p in paragraphs] == SENTENCES[:28]
    assert "Quarterly Security Review" not in doc.text  # the running header
    assert not re.search(r"(?m)^\s*\d+\s*$", doc.text)  # page numbers
    second = doc.text.index(SENTENCES[14])
    assert doc.pages[1] == second  # the page map points at the first words of page 2


def test_pdf_evidence_carries_its_page(tmp_path):
    from flows.extract import extract

    corpus_dir = tmp_path / "c"
    write(corpus_dir, "brief.pdf", two_column_pdf([
        ["Defence note of 12 March 2021.", *SENTENCES[:3]],
        ["Japan is concerned about Russia's naval exercises near its northern islands, officials said.", *SENTENCES[3:5]]]))
    corpus = ingest(corpus_dir)
    doc = corpus.documents[0]
    facts = extract(corpus).facts
    russia = next(p for p in facts.positions if p.target == "Russia")
    assert russia.evidence.quote == doc.text[russia.evidence.start:russia.evidence.end]
    assert russia.evidence.page == 2
    assert {p.evidence.page for p in facts.positions if p.target == "North Korea"} == {1}


def test_word_file_keeps_paragraphs_headings_and_tables_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Northern islands after the election", level=1)
    document.add_paragraph("Japan regards the naval drills near Hokkaido as a concern for the coming year.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Partner", "Since"
    table.cell(1, 0).text, table.cell(1, 1).text = "Australia", "2007"
    document.add_paragraph("A closing paragraph follows the table.")
    document.core_properties.author = "Mara Lindqvist"
    buf = io.BytesIO()
    document.save(buf)
    doc = read_one(tmp_path, "memo.docx", buf.getvalue()).documents[0]
    assert doc.format == "docx"
    assert doc.text.split("\n\n")[:4] == ["Northern islands after the election",
                                          "Japan regards the naval drills near Hokkaido as a concern for the coming year.",
                                          "Partner | Since", "Australia | 2007"]
    assert doc.hints.title == "Northern islands after the election" and doc.hints.authors == ("Mara Lindqvist",)


def test_word_file_that_unpacks_too_far_is_refused(tmp_path):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * 5_000_000)
    corpus_dir = tmp_path / "c"
    write(corpus_dir, "bomb.docx", buf.getvalue())
    write(corpus_dir, "ok.txt", "Japan is concerned about China.")
    corpus = ingest(corpus_dir, limits=Limits(max_unpacked=1_000_000))
    assert "unpacks to 5,000,000 bytes" in corpus.skipped[0].reason


ARTICLE = ("The defence ministers of the two countries met in Canberra on Tuesday and agreed that closer "
           "cooperation between their navies would be a priority, officials told reporters after the meeting. ")


def page(body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>Navies to train together | The Harbour Times</title>"
            f"<meta property='og:site_name' content='The Harbour Times'>"
            f"<meta name='author' content='Lena Okafor'><meta property='article:published_time' content='2021-05-04'>"
            f"{head}</head><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
            f"<div class='cookie-banner'>We use cookies. Accept all cookies</div>{body}"
            f"<aside><h3>Related stories</h3><ul><li><a href='/a'>Another story about ports</a></li></ul></aside>"
            f"<footer>Share on social media | Print | Copyright The Harbour Times</footer></body></html>")


def test_web_page_main_text_and_metadata(tmp_path):
    html = page(f"<article><h1>Navies to train together</h1><p>{ARTICLE}</p><p>{ARTICLE.replace('Tuesday', 'Wednesday')}</p></article>")
    doc = read_one(tmp_path, "story.html", html.encode()).documents[0]
    assert doc.format == "html"
    assert doc.hints.title == "Navies to train together" and doc.hints.site == "The Harbour Times"
    assert doc.hints.authors == ("Lena Okafor",) and doc.hints.date == "2021-05-04"
    assert "on Tuesday" in doc.text and "on Wednesday" in doc.text
    for junk in ("cookies", "Related stories", "Share on social media", "World"):
        assert junk not in doc.text


def test_article_body_held_in_a_page_script_is_read(tmp_path):
    body = " ".join([ARTICLE] * 6)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Navies to train together",
                     "articleBody": body})
    html = page("<article><p>Subscribe to read the full story.</p></article>",
                head=f"<script type='application/ld+json'>{ld}</script>")
    doc = read_one(tmp_path, "teaser.html", html.encode()).documents[0]
    assert doc.text.count("closer cooperation between their navies") == 6


def test_saved_page_named_txt_is_read_as_a_page(tmp_path):
    html = page(f"<article><p>{ARTICLE}</p><p>{ARTICLE}</p></article>")
    doc = read_one(tmp_path, "saved.txt", html.encode()).documents[0]
    assert doc.format == "html" and "<title>" not in doc.text and "&#39;" not in doc.text


def test_site_suffixes_leave_the_title():
    assert clean_title("Navies to train together | The Harbour Times | 04.05.2021", "The Harbour Times") == "Navies to train together"
    assert clean_title("A long headline - with a dash inside it that stays", None) == "A long headline - with a dash inside it that stays"


def test_encrypted_scanned_and_broken_pdfs_are_skipped_with_reasons(tmp_path):
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(two_column_pdf([SENTENCES[:2]]))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    locked = io.BytesIO()
    writer.write(locked)
    scanned = HTML(string="<svg width='200' height='200'><rect width='150' height='150' fill='#444'/></svg>").write_pdf()
    corpus_dir = tmp_path / "c"
    write(corpus_dir, "locked.pdf", locked.getvalue())
    write(corpus_dir, "scan.pdf", scanned)
    write(corpus_dir, "torn.pdf", two_column_pdf([SENTENCES[:2]])[:400])
    write(corpus_dir, "ok.txt", "Japan is concerned about China.")
    reasons = {s.path: s.reason for s in ingest(corpus_dir).skipped}
    assert reasons["locked.pdf"] == "encrypted (needs a password)"
    assert reasons["scan.pdf"] == "no text layer (scanned?)"
    assert "malformed PDF" in reasons["torn.pdf"]


def test_a_slow_reader_is_stopped_and_the_next_file_is_read(tmp_path):
    corpus_dir = tmp_path / "c"
    write(corpus_dir, "a_slow.pdf", two_column_pdf([SENTENCES[:40]] * 8))
    write(corpus_dir, "b_note.html", page(f"<article><p>{ARTICLE}</p><p>{ARTICLE}</p></article>"))
    corpus = ingest(corpus_dir, limits=Limits(seconds=0.4))
    assert [s.path for s in corpus.skipped] == ["a_slow.pdf"] and "took longer than 0.4 s" in corpus.skipped[0].reason
    assert [d.format for d in corpus.documents] == ["html"]  # read by a fresh worker
    corpus = ingest(corpus_dir, limits=Limits(seconds=60))
    assert [d.format for d in corpus.documents] == ["pdf", "html"]


def test_extracted_texts_are_cached_by_content(tmp_path):
    corpus_dir, cache = tmp_path / "c", tmp_path / "cache"
    write(corpus_dir, "review.pdf", two_column_pdf([SENTENCES[:4]]))
    first = ingest(corpus_dir, cache_dir=cache).documents[0]
    entries = list(cache.rglob("*.json"))
    assert len(entries) == 1
    entry = json.loads(entries[0].read_text())
    entry["text"]["text"] = "Cached text that only the cache holds.\n"
    entries[0].write_text(json.dumps(entry))
    again = ingest(corpus_dir, cache_dir=cache).documents[0]
    assert again.text == "Cached text that only the cache holds.\n" != first.text


@needs_shared
def test_shared_files_read_as_their_formats(tmp_path):
    corpus = ingest(FORMATS)
    docs = {d.path: d for d in corpus.documents}
    skipped = {s.path: s.reason for s in corpus.skipped}
    assert skipped["password-example.pdf"] == "encrypted (needs a password)"
    assert "malformed-from-issue-932.pdf" in skipped  # repaired to nothing readable, refused with its reason
    for name in ("dw.com.colonial.html", "reuters.com.parasite.html", "salon.com.emissions.html", "scmp.com.playbook.html"):
        d = docs[name]
        assert d.format == "html" and d.hints.title and d.hints.date and d.hints.site, name
        assert len(d.text) > 2000, name  # the article, also where it sits in a page script
        assert "cookie" not in d.text.casefold() or "cookie" in d.hints.title.casefold(), name
    register = docs["federal-register-2020-17221.pdf"]
    assert len(register.pages) >= 10
    paragraphs = [p for p in register.text.split("\n\n") if len(p) > 200]
    ended = sum(p.rstrip().endswith((".", ":", ";", ")", "”")) for p in paragraphs)
    assert ended >= 0.85 * len(paragraphs)  # columns read down: paragraphs end where sentences end
    lines = [ln for ln in register.text.splitlines() if ln.strip()]
    assert max(lines.count(ln) for ln in lines) <= 2  # no running header or footer left on every page
    transcript = docs["scotus-transcript-p1.pdf"]
    assert not re.search(r"(?m)^\s*\d{1,2}\s*$", transcript.text)  # margin line numbers dropped


@needs_shared
def test_seeds_and_shared_files_build_one_edition(prefect_harness, tmp_path):
    import shutil

    from flows.pipeline import build_briefing
    from flows.settings import load_settings

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    for f in FORMATS.iterdir():
        shutil.copy(f, corpus / f.name)
    write(corpus, "own-brief.pdf", two_column_pdf([["Defence note of 12 March 2021.", *SENTENCES[:3]]]))
    result = build_briefing(load_settings(corpus=corpus, output=tmp_path / "out"))
    latest = tmp_path / "out" / "latest"
    assert result.published
    facts = json.loads((latest / "facts.json").read_text())
    manifest = json.loads((latest / "manifest.json").read_text())
    formats = {i["path"]: i["format"] for i in manifest["inputs"]}
    assert formats["own-brief.pdf"] == "pdf" and formats["dw.com.colonial.html"] == "html"
    skipped = {s["path"]: s["reason"] for s in manifest["skipped"]}
    assert skipped["password-example.pdf"] == "encrypted (needs a password)"
    texts = {}
    for d in facts["documents"]:
        path = latest / "texts" / f"{d['id']}.txt"
        texts[d["id"]] = path.read_text(encoding="utf-8") if path.exists() else (corpus / d["path"]).read_bytes().decode("utf-8")
    evidence = [p["evidence"] for p in facts["positions"]] + [e["evidence"] for e in facts["events"]] \
        + [e for v in facts["delegations"] for e in v["evidence"]]
    for e in evidence:
        assert texts[e["document_id"]][e["start"]:e["end"]] == e["quote"]
    assert any(e.get("page") for e in evidence if e["document_id"] == "own-brief")
    html = (latest / "briefing.html").read_text(encoding="utf-8")
    assert re.search(r"S\d+, p\. \d+", html)  # a PDF-sourced citation shows its page
    assert "Sources not used" in html and "encrypted (needs a password)" in html
