"""The analyst's corrections (corrections.yaml) and the briefing's focus: unit tests on a small
corpus written for these tests, and one flow test that builds twice."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write

# A corpus about Moldova, written for these tests (no seed text).
DOCS = {
    "chisinau.txt": "Chisinau weighs its options as pressure from the east grows\n\n15 March 2023\n\n"
                    "Moldova regards Russia as a direct threat to its security, the defence minister told parliament on Tuesday. "
                    "Moldova sees Romania as its closest partner and wants deeper cooperation with the European Union on border security.\n",
    "accord.txt": "Moldova and Romania sign energy security accord\n\n2 June 2024\n\n"
                  "Moldova considers Romania a strategic partner, the prime minister said after signing an energy accord in Bucharest. "
                  "Moldova views Russia as the main threat to the region.\n",
    "bucharest.txt": "Bucharest backs its neighbour\n\n9 September 2024\n\n"
                     "Romania regards Russia as a threat to the Black Sea region, the foreign minister said. "
                     "The ministry added that grain corridors through the port of Constanta stay open.\n",
}


def corpus(tmp_path: Path) -> Path:
    for name, text in DOCS.items():
        write(tmp_path / "corpus", name, text)
    return tmp_path / "corpus"


@pytest.fixture
def moldova(tmp_path):
    from flows.extract import extract
    from flows.ingest import ingest

    folder = corpus(tmp_path)
    c = ingest(folder)
    return c, extract(c).facts


def apply(text: str, c, facts, tmp_path):
    from flows.corrections import correct

    return correct(facts, write(tmp_path, "corrections.yaml", text), c.documents)


def doc_id(facts, path: str) -> str:
    return next(d.id for d in facts.documents if d.path == path)


def test_reject_fix_and_add_by_identity(moldova, tmp_path):
    c, facts = moldova
    assert any(p.target == "Romania" and p.document_id == doc_id(facts, "accord.txt") for p in facts.positions)
    out = apply("""
- reject: {position: {document: accord.txt, holder: Moldova, target: Romania, stance: partner}}
  reason: the partnership is the accord's, not a stated view
- fix: {document: chisinau.txt}
  set: {date: 2022-12-01, publisher: Moldpres}
  reason: dated on the agency's site
- add: {position: {document: bucharest.txt, holder: Romania, target: Ukraine, stance: partner,
                   quote: "grain corridors through the port of Constanta"}}
  reason: missed by the rules
""", c, facts, tmp_path)
    f = out.facts
    accord, chisinau, bucharest = (doc_id(facts, n) for n in ("accord.txt", "chisinau.txt", "bucharest.txt"))
    assert not any(p.target == "Romania" and p.document_id == accord for p in f.positions)
    assert len(f.positions) == len(facts.positions)  # one rejected, one added
    meta = next(d for d in f.documents if d.id == chisinau)
    assert (meta.date, meta.date_basis, meta.publisher) == ("2022-12-01", "stated", "Moldpres")
    # a new date moves the document's positions to its year
    assert {p.year for p in f.positions if p.document_id == chisinau} == {2022}
    added = next(p for p in f.positions if p.holder == "Romania" and p.target == "Ukraine")
    text = (tmp_path / "corpus" / "bucharest.txt").read_text(encoding="utf-8")
    assert added.document_id == bucharest and added.year == 2024
    assert text[added.evidence.start:added.evidence.end] == added.evidence.quote == "grain corridors through the port of Constanta"
    assert [(a.line, a.action, a.kind) for a in out.applied] == [(2, "reject", "position"), (4, "fix", "document"), (7, "add", "position")]
    assert out.stale == ()


def test_a_correction_that_matches_nothing_is_reported_with_its_line(moldova, tmp_path):
    c, facts = moldova
    out = apply("""- reject: {position: {document: accord.txt, holder: Moldova, target: Narnia, stance: threat}}
  reason: wrong
- add: {position: {document: accord.txt, holder: Moldova, target: Ukraine, stance: partner, quote: "words that are not there"}}
  reason: missed
- fix: P-0000000000
  set: {stance: concern}
  reason: gone
""", c, facts, tmp_path)
    assert out.facts == facts and out.applied == ()
    assert [(s.line, s.reason.split(" (")[0]) for s in out.stale] == [
        (1, "no such fact in this build"), (3, "the quote is not in the source's text"), (5, "no such fact in this build")]
    assert "target: Narnia" in out.stale[0].what


def test_fix_by_fact_id_and_reject_a_whole_source(moldova, tmp_path):
    c, facts = moldova
    threat = next(p for p in facts.positions if p.holder == "Romania" and p.target == "Russia")
    out = apply(f"""- fix: {threat.fact_id}
  set: {{stance: concern}}
  reason: the minister speaks of risk, not threat
- reject: {{document: chisinau.txt}}
  reason: an opinion piece, out of scope
""", c, facts, tmp_path)
    fixed = [p for p in out.facts.positions if p.holder == "Romania" and p.target == "Russia"]
    assert [p.stance for p in fixed] == ["concern"] and fixed[0].evidence == threat.evidence
    gone = doc_id(facts, "chisinau.txt")
    assert gone not in {d.id for d in out.facts.documents} and all(p.document_id != gone for p in out.facts.positions)
    # a fact added to a source rejected in the same file matches nothing: reported, not a crash
    again = apply("""- reject: {document: chisinau.txt}
  reason: out of scope
- add: {position: {document: chisinau.txt, holder: Moldova, target: Ukraine, stance: partner, quote: "Moldova"}}
  reason: missed
""", c, facts, tmp_path)
    assert [(s.line, s.reason) for s in again.stale] == [(3, "no such document in this build")]
    assert {a.fact_id for a in out.applied if a.action == "fix"} == {fixed[0].fact_id} != {threat.fact_id}


@pytest.mark.parametrize(("text", "message"), [
    ("- reject: [\n", "corrections.yaml:2: not valid YAML"),
    ("- reject: {position: {document: a.txt, holder: Moldova}}\n  reason: x\n",
     "corrections.yaml:1: position: missing target, stance"),
    ("- reject: P-1234567890\n  reason: ok\n- fix: {document: a.txt}\n  set: {colour: red}\n  reason: x\n",
     "corrections.yaml:3: a document's 'colour' cannot be set"),
    ("- reject: P-1234567890\n", "corrections.yaml:1: a reason is required"),
    ("reject: P-1234567890\n", "corrections.yaml:1: the file is a list of corrections"),
])
def test_a_malformed_file_is_one_error_naming_the_line(tmp_path, text, message):
    from flows.corrections import CorrectionsError, load_corrections

    with pytest.raises(CorrectionsError) as err:
        load_corrections(write(tmp_path, "corrections.yaml", text))
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_the_facts_command_applies_the_file_beside_the_corpus_and_says_so(tmp_path):
    folder = corpus(tmp_path)
    write(tmp_path, "corrections.yaml", "- reject: {document: accord.txt}\n  reason: out of scope\n"
                                        "- reject: {document: missing.txt}\n  reason: gone\n")
    res = subprocess.run([sys.executable, "-m", "flows.cli", "facts", str(folder), "--json", str(tmp_path / "f.json")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 0, res.stderr
    facts = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    assert sorted(d["path"] for d in facts["documents"]) == ["bucharest.txt", "chisinau.txt"]
    assert "applied 1 corrections from corrections.yaml" in res.stderr
    assert "briefing: warning: correction not applied: corrections.yaml line 3: document document: missing.txt" in res.stderr


def test_the_focus_is_derived_from_the_corpus_or_matched_to_its_spelling(moldova):
    from flows.compare import FocusError, choose_focus

    _, facts = moldova
    derived = choose_focus(facts)
    assert [(f.actor, f.chosen, f.sources) for f in derived] == [("Moldova", "derived", 2)]
    assert [f.actor for f in choose_focus(facts, ["romania", "The European Union", "Romania"])] == ["Romania", "European Union"]
    with pytest.raises(FocusError) as err:
        choose_focus(facts, ["Japan"])
    assert str(err.value).startswith("focus 'Japan' is not named in the corpus; it names: Moldova, Romania, Russia, European Union")


def test_a_corpus_about_moldova_gets_its_own_cover(moldova):
    from conftest import plan
    from flows.compare import choose_focus, compare
    from flows.render import render
    from flows.render.view import build_view
    from flows.settings import load_settings

    _, facts = moldova
    settings = load_settings()
    focus = choose_focus(facts)[0]
    out = render(build_view(facts, compare(facts, focus.actor), settings, plan(), focus=focus), settings.templates)
    assert out.title == "Moldova's security outlook"
    assert "<h1 class=\"doctitle\">Moldova&#39;s security outlook</h1>" in out.html
    assert "Japan" not in out.html
    assert "chosen because no focus was set: it is the actor whose views the sources report most" in out.html


def test_a_second_build_applies_corrections_and_two_focuses_make_two_briefings(prefect_harness, tmp_path):
    from pypdf import PdfReader

    from flows.pipeline import build_briefing
    from flows.settings import load_settings

    folder = corpus(tmp_path)
    out = tmp_path / "out"
    first = build_briefing(load_settings(corpus=folder, output=out, focus=["Moldova", "romania"]))
    edition = Path(first.edition)
    assert sorted(p.name for p in edition.glob("*.pdf")) == ["briefing-romania.pdf", "briefing.pdf", "evidence.pdf"]
    titles = [PdfReader(edition / n).metadata.title for n in ("briefing.pdf", "briefing-romania.pdf")]
    assert titles == ["Moldova's security outlook", "Romania's security outlook"]
    manifest = json.loads((edition / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["focus"] == [{"actor": "Moldova", "chosen": "set", "pdf": "briefing.pdf"},
                                 {"actor": "Romania", "chosen": "set", "pdf": "briefing-romania.pdf"}]
    assert (edition / "tables" / "briefing-romania" / "stance_matrix.csv").is_file()

    write(tmp_path, "corrections.yaml", """# reviewed by the analyst
- reject: {position: {document: accord.txt, holder: Moldova, target: Romania, stance: partner}}
  reason: the partnership is the accord's, not a stated view
- fix: {document: bucharest.txt}
  set: {date: 2024-09-10}
  reason: the embargo date
""")
    second = build_briefing(load_settings(corpus=folder, output=out, focus=["Moldova", "romania"]))
    assert second.published and second.edition != first.edition and second.warnings == ()
    edition = Path(second.edition)
    facts = json.loads((edition / "facts.json").read_text(encoding="utf-8"))
    assert next(d["date"] for d in facts["documents"] if d["path"] == "bucharest.txt") == "2024-09-10"
    assert not any(p["target"] == "Romania" and p["document_id"].startswith("accord") for p in facts["positions"])
    text = " ".join("".join(page.extract_text() for page in PdfReader(edition / "briefing.pdf").pages).split())
    assert "2 corrections from corrections.yaml were applied (1 fixed, 1 rejected)" in text
    html = (edition / "briefing.html").read_text(encoding="utf-8")
    assert "corrected by the analyst: the embargo date" in html  # the source's mark in the Sources table
    assert json.loads((edition / "manifest.json").read_text(encoding="utf-8"))["corrections"] == {
        "file": "corrections.yaml", "applied": 2, "not_applied": 0}


def test_build_with_a_focus_the_corpus_never_names_is_a_usage_error(tmp_path):
    folder = corpus(tmp_path)
    res = subprocess.run([sys.executable, "-m", "flows.cli", "build", "--corpus", str(folder), "--output", str(tmp_path / "out"),
                          "--focus", "Narnia"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 2
    assert res.stderr.strip().splitlines() == [
        "briefing: error: focus 'Narnia' is not named in the corpus; it names: Moldova, Romania, Russia, European Union"]
    assert not (tmp_path / "out" / "latest").exists()
