"""The flow end to end under Prefect's test harness, and each task's plain function via .fn()."""

import json

from conftest import SEEDS, write
from flows.settings import load_settings


def test_build_briefing_publishes_a_complete_edition(prefect_harness, tmp_path):
    from flows.pipeline import build_briefing

    settings = load_settings(corpus=SEEDS, output=tmp_path / "out")
    result = build_briefing(settings)
    latest = (tmp_path / "out" / "latest").resolve()
    assert result.published and result.edition.endswith(latest.name)
    assert latest.parent == (tmp_path / "out" / "editions").resolve()
    names = {p.relative_to(latest).as_posix() for p in latest.rglob("*") if p.is_file()}
    assert {"briefing.pdf", "briefing.html", "facts.json", "manifest.json", "tables/positions.csv",
            "tables/stance_matrix.csv", "tables/salience.csv", "tables/delegations.csv"} <= names
    manifest = json.loads((latest / "manifest.json").read_text())
    assert manifest["flow_run_id"]
    assert set(manifest["timings_s"]) == {"ingest", "extract", "compare", "render", "evidence"}
    facts = json.loads((latest / "facts.json").read_text())
    assert len(facts["documents"]) == 5 and facts["positions"]
    assert (latest / "briefing.pdf").read_bytes().startswith(b"%PDF")


def test_bad_sources_are_listed_and_facts_unchanged(prefect_harness, tmp_path):
    from flows.pipeline import build_briefing

    corpus = tmp_path / "corpus"
    for p in SEEDS.glob("*.txt"):
        write(corpus, p.name, p.read_bytes())
    write(corpus, "zz_broken.pdf", b"%PDF-1.7 \x00\x01 truncated")
    write(corpus, "zz_empty.txt", b"")
    result = build_briefing(load_settings(corpus=corpus, output=tmp_path / "out"))
    manifest = json.loads((tmp_path / "out" / "latest" / "manifest.json").read_text())
    assert {s["path"] for s in manifest["skipped"]} == {"zz_broken.pdf", "zz_empty.txt"}
    html = (tmp_path / "out" / "latest" / "briefing.html").read_text()
    assert "zz_broken.pdf" in html and "Sources not used" in html
    assert result.published


def test_tasks_are_plain_functions_underneath():
    from flows.pipeline import compare_task, extract_task, ingest_task

    corpus = ingest_task.fn(load_settings(corpus=SEEDS, max_documents=100))
    facts = extract_task.fn(list(corpus.documents))
    positions = tuple(p for f in facts for p in f.positions)
    cmp = compare_task.fn(facts[0].model_copy(update={"positions": positions}), "Japan")
    assert len(corpus.documents) == len(facts) == 5 and positions and cmp.matrix


def test_the_html_twin_finds_its_fonts_beside_it(prefect_harness, tmp_path):
    from flows.pipeline import build_briefing

    result = build_briefing(load_settings(corpus=SEEDS, output=tmp_path / "out"))
    latest = tmp_path / "out" / "latest"
    import re

    fonts = set(re.findall(r'url\("(fonts/[^"]+)"\)', (latest / "briefing.html").read_text(encoding="utf-8")))
    assert result.published and fonts and all((latest / f).is_file() for f in fonts)
