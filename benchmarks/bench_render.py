"""WeasyPrint rendering time of the seeds' briefing and of a 200-document one, beside headless
Chromium printing the same HTML (when /usr/bin/chromium is installed). Medians of several runs,
pages and ratios printed."""

from __future__ import annotations

import io
from datetime import datetime, UTC
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import make_corpus  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from flows.compare import compare  # noqa: E402
from flows.extract import extract  # noqa: E402
from flows.ingest import ingest  # noqa: E402
from flows.models import EditionPlan  # noqa: E402
from flows.render import render_html, render_pdf  # noqa: E402
from flows.render.view import build_view  # noqa: E402
from flows.settings import load_settings  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def html_for(corpus: Path) -> str:
    settings = load_settings()
    result = extract(ingest(corpus))
    when = datetime(2026, 1, 1, tzinfo=UTC)
    plan = EditionPlan(fingerprint="bench", previous=None, skip_reason=None, edition="20260101T000000Z", created=when)
    view = build_view(result.facts, compare(result.facts), settings, plan, result.skipped)
    return render_html(view, settings.templates)


def weasy(html: str) -> tuple[float, int]:
    settings = load_settings()
    times, pdf = [], b""
    for _ in range(RUNS):
        start = time.perf_counter()
        pdf = render_pdf(html, settings.templates)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(PdfReader(io.BytesIO(pdf)).pages)


def chromium(html: str, tmp: Path) -> tuple[float, int] | None:
    if not CHROMIUM:
        return None
    site = tmp / "site"
    shutil.copytree(load_settings().templates, site, dirs_exist_ok=True)
    (site / "b.html").write_text(html, encoding="utf-8")
    times = []
    for i in range(RUNS):
        out = tmp / f"c{i}.pdf"
        start = time.perf_counter()
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={out}",
                        (site / "b.html").as_uri()], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(PdfReader(str(out)).pages)


def main() -> None:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        cases = {"seeds (5 documents)": Path(__file__).resolve().parent.parent / "seeds",
                 "large (200 documents)": make_corpus(tmp / "large", 200)}
        for name, corpus in cases.items():
            html = html_for(corpus)
            w_time, w_pages = weasy(html)
            line = f"{name:22s} WeasyPrint {w_time:6.2f} s, {w_pages:3d} pages"
            c = chromium(html, tmp)
            if c:
                line += f" | Chromium {c[0]:6.2f} s, {c[1]:3d} pages | ratio {w_time / c[0]:.2f} (target <= 2.0 on seeds)"
            else:
                line += " | Chromium not installed (apt-get install chromium) - no ratio"
            print(line)


if __name__ == "__main__":
    main()
