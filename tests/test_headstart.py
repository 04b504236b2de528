"""The head start: stages run while Prefect's server boots, into caches the flow then reuses; it
stops when told, and whatever it computed for another state of the inputs is never published."""

import json
import shutil
from datetime import UTC, datetime

from conftest import SEEDS, write
from flows.settings import load_settings


def manifest(out):
    return json.loads((out / "latest" / "manifest.json").read_text())


def laid_out(out):
    return [p.read_bytes() for p in sorted((out / ".cache" / "briefing").rglob("*.pdf"))]


def seeds_settings(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return load_settings(corpus=corpus, output=tmp_path / "out")


def test_the_flow_reuses_what_the_head_start_did(prefect_harness, tmp_path):
    from flows.headstart import head_start
    from flows.ingest import ingest_with
    from flows.pipeline import run_build
    from flows.publish import plan_edition

    settings = seeds_settings(tmp_path)
    corpus = ingest_with(settings)
    plan = plan_edition(corpus, settings)
    done = head_start(corpus, settings, plan, keep_going=lambda: True)
    assert done == {"extracted": 5, "briefings_laid_out": 1, "evidence_sections_laid_out": 5}
    [entry] = (settings.output / ".cache" / "briefing").rglob("*.pdf")
    # stand another PDF in for the laid-out briefing: the flow's briefing must be taken from there
    stand_in = next((settings.output / ".cache" / "evidence").rglob("*.pdf")).read_bytes()
    entry.write_bytes(stand_in)

    result = run_build(settings, now=plan.created, ahead=done)
    assert result.published and result.edition.endswith(plan.edition)
    assert manifest(settings.output)["work"] == {"extracted": 0, "reused": 5, "evidence_sections_rendered": 0,
                                                 "evidence_sections_reused": 5, "head_start": done}
    assert (settings.output / "latest" / "briefing.pdf").read_bytes() == stand_in  # laid out once, not twice


def test_it_stops_between_documents_when_told(tmp_path):
    from flows.headstart import head_start
    from flows.ingest import ingest_with
    from flows.publish import plan_edition

    settings = seeds_settings(tmp_path)
    corpus = ingest_with(settings)
    answers = iter([True, True])
    done = head_start(corpus, settings, plan_edition(corpus, settings), keep_going=lambda: next(answers, False))
    assert done == {"extracted": 2, "briefings_laid_out": 0, "evidence_sections_laid_out": 0}
    assert laid_out(settings.output) == []


def test_a_head_start_for_other_inputs_is_not_published(prefect_harness, tmp_path):
    from flows.headstart import head_start
    from flows.ingest import ingest_with
    from flows.pipeline import run_build
    from flows.publish import plan_edition

    settings = seeds_settings(tmp_path)
    corpus = ingest_with(settings)
    early = datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    head_start(corpus, settings, plan_edition(corpus, settings, early), keep_going=lambda: True)
    [stale] = laid_out(settings.output)
    # a source arrives between the head start and the flow, which also reads the clock later
    write(settings.corpus, "zz_late.txt", "A late note\n\n4 May 2021\n\nJapan is concerned about Russia's exercises.\n")
    result = run_build(settings, now=datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC))
    assert result.published and result.edition.endswith("20260304T050607Z")
    assert (settings.output / "latest" / "briefing.pdf").read_bytes() != stale
    assert "zz_late.txt" in [d["path"] for d in json.loads((settings.output / "latest" / "facts.json").read_text())["documents"]]
    assert manifest(settings.output)["work"]["extracted"] == 1  # only the late source; the rest from the head start


def test_a_failing_head_start_leaves_the_work_to_the_flow(tmp_path):
    from flows.headstart import head_start
    from flows.ingest import ingest_with
    from flows.publish import plan_edition

    settings = seeds_settings(tmp_path)
    corpus = ingest_with(settings)
    settings = settings.model_copy(update={"focus": ["Atlantis"]})  # not an actor of the corpus: the flow says so
    done = head_start(corpus, settings, plan_edition(corpus, settings), keep_going=lambda: True)
    assert done == {"extracted": 5, "briefings_laid_out": 0, "evidence_sections_laid_out": 0}


def test_beside_it_documents_are_extracted_and_the_evidence_volume_joined_in_processes_of_their_own(prefect_harness, tmp_path,
                                                                                                     seed_extraction, monkeypatch):
    import flows.headstart
    from flows.headstart import head_start

    monkeypatch.setattr(flows.headstart, "FEW", 1)  # the five seeds go to the helpers (a few are extracted here)
    from flows.ingest import ingest_with
    from flows.pipeline import run_build
    from flows.publish import plan_edition

    settings = seeds_settings(tmp_path)
    corpus = ingest_with(settings)
    plan = plan_edition(corpus, settings)
    done = head_start(corpus, settings, plan, keep_going=lambda: True, beside=True)
    assert done == {"extracted": 5, "briefings_laid_out": 1, "evidence_sections_laid_out": 5, "evidence_volumes_joined": 1}
    [joined] = (settings.output / ".cache" / "evidence" / "volume").glob("*.pdf")
    for section in (settings.output / ".cache" / "evidence").glob("??/*.pdf"):
        section.unlink()  # the flow must not need them: the volume was joined ahead

    result = run_build(settings, now=plan.created, ahead=done)
    assert result.published
    assert manifest(settings.output)["work"]["evidence_sections_rendered"] == 0
    assert (settings.output / "latest" / "evidence.pdf").read_bytes() == joined.read_bytes()
    # the facts the helpers extracted are those this process extracts
    from flows.models import Facts

    published = Facts.model_validate_json((settings.output / "latest" / "facts.json").read_bytes())
    assert published == seed_extraction.facts


def test_with_a_lasting_server_the_build_lays_out_ahead_too(tmp_path, monkeypatch):
    """A Prefect server the user runs (PREFECT_API_URL) boots nothing, but the head start still lays
    the evidence volume out beside the briefing, on the other core, before the flow."""
    import os
    import subprocess
    import sys

    from conftest import ROOT
    from flows.server import LocalServer

    # LocalServer sets PREFECT_API_URL for this process (as `serve` needs): recorded here, so the
    # test's end takes it away again (a later build would otherwise talk to this stopped server)
    monkeypatch.setenv("PREFECT_API_URL", "")
    monkeypatch.delenv("PREFECT_API_URL")
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(SEEDS, corpus)
    with LocalServer(tmp_path / "server.log", ui=False) as api_url:
        res = subprocess.run([sys.executable, "-m", "flows.cli", "build", "--corpus", str(corpus), "--output", str(out), "--quiet"],
                             capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PREFECT_API_URL": api_url}, timeout=600)
    assert res.returncode == 0 and res.stderr == "", res.stderr[-2000:]
    work = manifest(out)["work"]
    assert work["head_start"] == {"extracted": 5, "briefings_laid_out": 1, "evidence_sections_laid_out": 5,
                                  "evidence_volumes_joined": 1}
    assert (work["extracted"], work["evidence_sections_rendered"]) == (0, 0)  # the flow found it all done


def test_the_join_starts_once_the_sections_are_laid_out_without_holding_the_caller():
    from concurrent.futures import Future

    from flows.headstart import _then

    section, joined, calls = Future(), Future(), []

    def submit():
        calls.append("join")
        return joined

    out = _then([section], submit)
    assert not out.done() and calls == []  # the caller goes on (the briefing is laid out meanwhile)
    section.set_result(3)
    assert out.result(timeout=5) is joined and calls == ["join"]
