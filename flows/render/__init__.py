"""Render: the view model through Jinja2 templates to HTML, then WeasyPrint to PDF.

Source text is data: templates autoescape everything, and no source text ever becomes template
source. The PDF renderer fetches nothing but the project's own assets under the templates
folder (and ``data:`` URIs of the charts it made itself).
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..models import INVISIBLE, EvidenceVolume, Facts, Rendered

if TYPE_CHECKING:
    from .evidence import SectionCache


def displayed(value):
    """Every value a template prints, made safe to show (see INVISIBLE)."""
    return value.translate(INVISIBLE) if isinstance(value, str) else value


def environment(templates: Path, text: bool = False) -> Environment:
    """The templates' environment: HTML (autoescaped), or plain ``text`` (mail, findings, titles,
    never HTML). One of each per folder and process, so templates are compiled once (Jinja2
    reloads a template whose file changed)."""
    return _environment(Path(templates).resolve(), text)


@cache
def _environment(templates: Path, text: bool) -> Environment:
    return Environment(
        finalize=displayed,
        loader=FileSystemLoader(str(templates)),
        autoescape=False if text else select_autoescape(["html", "j2", "xml"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(view: dict, templates: Path) -> str:
    return environment(templates).get_template("base.html.j2").render(**view)


def safe_fetcher(templates: Path):
    """A WeasyPrint URL fetcher that serves data: URIs and files under ``templates`` only."""
    from weasyprint.urls import URLFetcher

    root = templates.resolve()

    class SafeFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if path.is_relative_to(root) and path.is_file():
                    return super().fetch(url, headers)
            raise ValueError(f"blocked resource outside the report templates: {url[:80]}")

    return SafeFetcher(allowed_protocols=("data", "file"), allow_redirects=False)


@cache
def font_config():
    """One font configuration per process: the bundled fonts are loaded once, not per render.
    WeasyPrint copies the fonts into a temporary folder (~3 MB) that only its finaliser removes,
    which never runs in a process that ends by ``os._exit``: :func:`release_fonts` removes it."""
    from weasyprint.text.fonts import FontConfiguration

    atexit.register(release_fonts)
    return FontConfiguration()


def release_fonts() -> None:
    """Remove this process's copy of the fonts (a build leaves nothing in the temporary folder)."""
    if font_config.cache_info().currsize:
        folder = getattr(font_config(), "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


# WeasyPrint's text layout (Pango, GLib, the shared font configuration) is not safe in two threads
# at once: the flow's thread pool laying out evidence sections printed thousands of GLib "corrupted
# double-linked list" warnings (memory corruption; WeasyPrint's tracker has segfaults in threads).
# Threads never laid out in parallel anyway (one interpreter lock); processes and Dask workers do.
LAYOUT = threading.Lock()


def render_pdf(html: str, templates: Path, identifier: str | None = None) -> bytes:
    from weasyprint import HTML

    ident = hashlib.sha256((identifier or html).encode()).hexdigest()[:32].encode()
    with LAYOUT:
        doc = HTML(string=html, base_url=str(templates.resolve()) + "/", url_fetcher=safe_fetcher(templates))
        return doc.write_pdf(pdf_identifier=ident, pdf_variant="pdf/ua-1", font_config=font_config())


def findings_text(view: dict, templates: Path) -> tuple[str, ...]:
    """The key findings as plain sentences, worded by the same templates as the briefing."""
    env = environment(templates, text=True)  # plain text for the run's artifact, never HTML
    text = env.get_template("findings.txt.j2").render(findings=view["findings"])
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def mail_text(view: dict, templates: Path) -> str:
    """The delivery message's body: title, key findings, what changed (plain text)."""
    env = environment(templates, text=True)  # a text/plain body, never HTML
    return env.get_template("mail.txt.j2").render(**view).strip() + "\n"


def titled(view: dict, templates: Path) -> dict:
    """The view with its title: the one set, else the template's title for its focus."""
    env = environment(templates, text=True)  # plain text; the HTML templates escape it where they print it
    return {**view, "title": env.get_template("title.txt.j2").render(title=view["title"], focus=view["focus"]).strip()}


def render(view: dict, templates: Path, laid_out: SectionCache | None = None) -> Rendered:
    """The briefing; its PDF taken from ``laid_out`` when the same HTML was laid out ahead (see
    ``lay_out_ahead``)."""
    view = titled(view, templates)
    html = render_html(view, templates)
    pdf = laid_out.get(hashlib.sha256(html.encode()).hexdigest()) if laid_out else None
    return Rendered(title=view["title"], html=html, pdf=pdf or render_pdf(html, templates), findings=findings_text(view, templates),
                    mail=mail_text(view, templates))


def lay_out_ahead(view: dict, templates: Path, laid_out: SectionCache) -> None:
    """Lay out the briefing's PDF into ``laid_out``, for a ``render`` of the same view to come."""
    html = render_html(titled(view, templates), templates)
    laid_out.put(hashlib.sha256(html.encode()).hexdigest(), render_pdf(html, templates))


def warm_up(templates: Path) -> None:
    """Load WeasyPrint, matplotlib and the bundled fonts ahead of time (e.g. in a thread while
    Prefect's server starts), so the render task does not pay for it."""
    from . import charts  # noqa: F401  (imports pandas via compare)

    charts._figure(1, 1)[0].close("all")
    render_pdf(environment(templates).get_template("warmup.html.j2").render(), templates, "warm-up")


def render_evidence(view: dict, facts: Facts, templates: Path, cache_dir: Path | None = None) -> EvidenceVolume:
    """The evidence volume (every fact of every source), its sections and the joined volume cached
    under ``cache_dir``; sections laid out elsewhere beforehand (``missing_sections``, then
    ``store_sections``) are taken from that cache."""
    from .evidence import SectionCache, VolumeCache, render_volume, sections_of

    view = titled(view, templates)
    return render_volume(view, sections_of(facts, view["source_index"], view["marks"]), templates, SectionCache(cache_dir),
                         VolumeCache(Path(cache_dir) / "volume" if cache_dir else None))


def lay_out_sections_ahead(view: dict, facts: Facts, templates: Path, cache_dir: Path, keep_going=lambda: True) -> int:
    """Lay out the evidence sections missing from the cache, one at a time while ``keep_going()``,
    for a ``render_evidence`` to come; how many were laid out."""
    from .evidence import SectionCache, lay_out, section_pages, sections_of

    view = titled(view, templates)
    cache, done = SectionCache(cache_dir), 0
    for _, html, key in section_pages(view, sections_of(facts, view["source_index"], view["marks"]), templates):
        if not keep_going():
            break
        if cache.get(key) is None:
            cache.put(key, lay_out([html], templates)[0])
            done += 1
    return done


def missing_sections(view: dict, facts: Facts, templates: Path, cache_dir: Path) -> list[str]:
    """The HTML of the evidence sections not in the cache yet (to be laid out by helpers or
    workers); none when the joined volume they would make is cached whole."""
    from .evidence import SectionCache, VolumeCache, section_pages, sections_of, volume_key

    view = titled(view, templates)
    sections = sections_of(facts, view["source_index"], view["marks"])
    if VolumeCache(Path(cache_dir) / "volume").get(volume_key(view, sections, templates)):
        return []
    cache = SectionCache(cache_dir)
    return [html for _, html, key in section_pages(view, sections, templates) if not cache.has(key)]


def store_sections(htmls: list[str], pdfs: list[bytes], cache_dir: Path) -> None:
    """Sections laid out elsewhere (workers, helper processes) into the evidence cache, by their HTML."""
    from .evidence import SectionCache, section_key

    cache = SectionCache(cache_dir)
    for html, pdf in zip(htmls, pdfs, strict=True):
        cache.put(section_key(html), pdf)
