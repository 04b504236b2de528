"""Incremental builds, proved by counting the work each build did (not by timing it)."""

import json
import shutil

from conftest import SEEDS, write
from flows.settings import TEMPLATES_DIR, load_settings


def manifest(out):
    return json.loads((out / "latest" / "manifest.json").read_text())


def test_unchanged_new_document_and_template_change(prefect_harness, tmp_path):
    from flows.pipeline import build_briefing

    corpus, out, templates = tmp_path / "corpus", tmp_path / "out", tmp_path / "templates"
    shutil.copytree(SEEDS, corpus)
    shutil.copytree(TEMPLATES_DIR, templates)
    settings = load_settings(corpus=corpus, output=out, templates=templates)

    first = build_briefing(settings)
    assert first.published and manifest(out)["work"] == {"extracted": 5, "reused": 0, "evidence_sections_rendered": 5, "evidence_sections_reused": 0}
    html = (out / "latest" / "briefing.html").read_text()
    assert "This is the first edition" in html

    again = build_briefing(settings)  # nothing changed: no extraction, no render, no new edition
    assert not again.published and "unchanged" in again.reason
    assert len(list((out / "editions").iterdir())) == 1

    forced = build_briefing(settings.model_copy(update={"skip_unchanged": False}))
    assert forced.published and manifest(out)["work"] == {"extracted": 0, "reused": 5, "evidence_sections_rendered": 0, "evidence_sections_reused": 5}

    write(corpus, "zz_new.txt", "A short note on Hokkaido\n\n4 May 2021\n\nJapan is concerned about Russia's military build-up near Hokkaido.\n")
    added = build_briefing(settings)
    assert added.published and manifest(out)["work"] == {"extracted": 1, "reused": 5, "evidence_sections_rendered": 1, "evidence_sections_reused": 5}
    html = (out / "latest" / "briefing.html").read_text()
    assert "new source: A short note on Hokkaido" in html
    assert "new: Japan → Russia: concern (A short note on Hokkaido)" in html

    css = templates / "print.css"
    css.write_text(css.read_text() + "\n.findings li { color: #111; }\n")
    restyled = build_briefing(settings)
    # the CSS is part of every evidence section: all six are laid out again
    assert restyled.published and manifest(out)["work"] == {"extracted": 0, "reused": 6, "evidence_sections_rendered": 6, "evidence_sections_reused": 0}
    assert ".findings li { color: #111; }" in (out / "latest" / "briefing.html").read_text()
    assert "Nothing changed in the sources or the facts" in (out / "latest" / "briefing.html").read_text()


def test_extractor_change_invalidates_the_cache(tmp_path, monkeypatch):
    from flows.extract import extract_corpus
    from flows.extract import cache as cache_mod
    from flows.ingest import ingest

    docs = ingest(SEEDS).documents
    store = cache_mod.ExtractCache(tmp_path)
    assert extract_corpus(docs, cache=store).extracted == 5
    assert extract_corpus(docs, cache=store).extracted == 0
    monkeypatch.setattr(cache_mod, "extractor_version", lambda: "another-version")
    assert extract_corpus(docs, cache=store).extracted == 5


def test_an_entry_read_before_is_read_again_once_its_file_changes(tmp_path):
    from flows.extract import extract_corpus
    from flows.extract.cache import ExtractCache
    from flows.ingest import ingest

    docs = ingest(SEEDS).documents
    store = ExtractCache(tmp_path)
    assert extract_corpus(docs, cache=store).extracted == 5
    assert extract_corpus(docs, cache=store).extracted == 0  # read (and kept parsed) here
    damaged = sorted(tmp_path.rglob("*.json"))[0]
    damaged.write_text('{"documents": []}', encoding="utf-8")  # another file now: not trusted
    assert extract_corpus(docs, cache=store).extracted == 1
    for entry in tmp_path.rglob("*.json"):
        entry.unlink()  # gone: extracted again, not answered from memory
    assert extract_corpus(docs, cache=store).extracted == 5
