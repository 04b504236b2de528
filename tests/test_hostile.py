"""Bad, broken and hostile input: the build completes with the good documents, explains what it
left out, fetches nothing, interprets no source text, and a killed build loses nothing."""

import http.server
from markupsafe import escape
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT, SEEDS, write


@pytest.fixture()
def canary():
    """An HTTP server on loopback that counts every request it receives."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def hostile_page(url: str) -> str:
    """A saved web page whose scripts, styles, frames, images and form would each call the canary."""
    para = ("Ministers in Tokyo said on Monday that Japan considers North Korea a threat and will deepen "
            "its partnership with Australia, according to officials who briefed reporters after the talks. ")
    return (f"<!DOCTYPE html><html><head><title>Ministers weigh a new defence pact</title>"
            f"<link rel=stylesheet href='{url}/page.css'><script src='{url}/app.js'></script>"
            f"<style>@import url({url}/i.css);</style><meta http-equiv=refresh content='0;url={url}/r'></head>"
            f"<body><nav><a href='{url}/home'>Home</a> | <a href='{url}/news'>News</a></nav>"
            f"<article><h1>Ministers weigh a new defence pact</h1><img src='{url}/photo.jpg'>"
            f"<p>{para}</p><p>{para.replace('Monday', 'Tuesday')}</p><iframe src='{url}/frame'></iframe>"
            f"<form action='{url}/post'><input name=q></form><script>fetch('{url}/js')</script>"
            f"<p>{para.replace('Monday', 'Wednesday')}</p></article><footer>Share | Print</footer></body></html>")


def hostile_text(url: str) -> str:
    return (
        "Japan considers North Korea a threat <img src=\"" + url + "/img.png\">\n\n"
        "3 May 2021\n\n"
        "<style>@import url(" + url + "/x.css); body { background: url(" + url + "/bg.png) }</style>\n"
        "<script>fetch('" + url + "/js')</script> <link rel=stylesheet href=\"" + url + "/l.css\">\n"
        "{{ settings.__class__ }} {% include '/etc/passwd' %} {# c #}\n"
        "<iframe src=\"file:///etc/passwd\"></iframe> <object data=\"" + url + "/o\"></object>\n"
        "=HYPERLINK(\"" + url + "/csv\",\"x\") +1 -1 @SUM(A1)\n\n"
        "Japan is concerned about China's <b>assertive</b> behaviour.\n"
    )


def test_hostile_corpus_builds_escapes_and_fetches_nothing(prefect_harness, tmp_path, canary):
    from flows.pipeline import build_briefing
    from flows.settings import load_settings

    url, hits = canary
    corpus = tmp_path / "corpus"
    for p in SEEDS.glob("*.txt"):
        write(corpus, p.name, p.read_bytes())
    write(corpus, "zz_hostile.txt", hostile_text(url))
    write(corpus, "zz_page.html", hostile_page(url))
    write(corpus, "zz_empty.html", f"<html><img src='{url}/h.png'></html>")
    build_briefing(load_settings(corpus=corpus, output=tmp_path / "out"))
    latest = tmp_path / "out" / "latest"
    html = (latest / "briefing.html").read_text(encoding="utf-8")
    assert hits == []
    assert "<script>fetch" not in html and "<img src=\"" + url not in html and "<iframe" not in html
    facts = json.loads((latest / "facts.json").read_text())
    hostile = [p for p in facts["positions"] if p["document_id"] == "zz_hostile"]
    assert {(p["target"], p["stance"]) for p in hostile} >= {("North Korea", "threat")}
    quotes = [p["evidence"]["quote"] for p in hostile]
    assert any("<img" in q for q in quotes)  # the markup is in the evidence, and the page shows it as text
    for q in quotes:
        assert str(escape(q)) in html
    csv_text = (latest / "tables" / "positions.csv").read_text()
    assert "\n=" not in csv_text and ",=" not in csv_text
    skipped = {s["path"]: s["reason"] for s in json.loads((latest / "manifest.json").read_text())["skipped"]}
    assert "no main text" in skipped["zz_empty.html"]
    page = next(d for d in facts["documents"] if d["id"] == "zz_page")
    assert page["title"] == "Ministers weigh a new defence pact"
    stored = (latest / "texts" / "zz_page.txt").read_text(encoding="utf-8")
    assert "fetch(" not in stored and "<iframe" not in stored and "Ministers in Tokyo" in stored


def test_bad_files_leave_the_facts_of_good_ones_unchanged(tmp_path, seed_facts_json):
    from flows.extract import extract
    from flows.ingest import ingest

    corpus = tmp_path / "corpus"
    for p in SEEDS.glob("*.txt"):
        write(corpus, p.name, p.read_bytes())
    write(corpus, "empty.txt", "")
    write(corpus, "blob.txt", os.urandom(4096).replace(b"\x00", b"\x01") + b"\x00")
    write(corpus, "scan.pdf", b"%PDF-1.4\n%broken")
    write(corpus, "notes.TXT.bak", "Japan considers China a threat.")
    (corpus / "folder.txt").mkdir()
    result = extract(ingest(corpus))
    assert json.loads(result.facts.model_dump_json()) == seed_facts_json
    assert {s.path for s in result.skipped} == {"empty.txt", "blob.txt", "scan.pdf", "notes.TXT.bak", "folder.txt"}


def test_killed_build_leaves_the_previous_edition(tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "ERROR"}
    cmd = [sys.executable, "-m", "flows.cli", "build", "--quiet", "--output", str(out)]
    first = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    before = (out / "latest").resolve()
    pdf = (before / "briefing.pdf").read_bytes()
    for delay in (2.0, 6.0, 9.0):  # somewhere between start, rendering and publishing
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        latest = (out / "latest").resolve()
        assert (latest / "manifest.json").is_file() and (latest / "briefing.pdf").is_file()
        if latest == before:
            assert (latest / "briefing.pdf").read_bytes() == pdf
        visible = [p for p in (out / "editions").iterdir() if not p.name.startswith(".")]
        assert all((p / "manifest.json").is_file() for p in visible)


def test_unwritable_output_folder_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    res = subprocess.run([sys.executable, "-m", "flows.cli", "build", "--quiet", "--output", str(tmp_path / "file" / "out")],
                         cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    assert res.returncode == 1
    assert res.stderr.strip().splitlines()[-1].startswith("briefing: error:") and "Traceback" not in res.stderr


def test_bidi_controls_and_zero_width_characters_are_not_displayed(tmp_path):
    from conftest import plan
    from flows.compare import compare, safe_cell
    from flows.extract import extract
    from flows.ingest import ingest
    from flows.render import render_html
    from flows.render.view import build_view
    from flows.settings import load_settings

    quote_text = "Japan considers North Korea a threat \u202egnirts desrever\u200b and hidden.\n"
    write(tmp_path, "bidi.txt", "Bidi test note here\n\n3 May 2021\n\n" + quote_text)
    facts = extract(ingest(tmp_path)).facts
    (p,) = [p for p in facts.positions if p.target == "North Korea"]
    assert "\u202e" in p.evidence.quote  # the fact keeps the exact words
    html = render_html(build_view(facts, compare(facts), load_settings(), plan()), load_settings().templates)
    assert "\u202e" not in html and "\u200b" not in html and "gnirts desrever and hidden" in html
    assert safe_cell("\u202e=1+1") == "'=1+1"
