"""Saved web pages: the main text without navigation, banners, related links, share widgets and
footers (trafilatura), and the page's own metadata (meta tags, JSON-LD) as hints.

When the article body sits in a page script (JSON-LD ``articleBody``) and the visible markup holds
only a teaser, the script's body is used. Nothing is fetched: the page is parsed from its bytes,
and no script runs.
"""

from __future__ import annotations

import json
import re

from .readers import Extracted, ReaderError, hints_of

ARTICLE_TYPES = re.compile(r"(?i)article|report|posting|pressrelease")
TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


def _json_ld(tree) -> list[dict]:
    out = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                stack.extend(v for k, v in item.items() if k == "@graph" or isinstance(v, (list, dict)) and k != "articleBody")
    return out


def _article_body(items: list[dict]) -> str | None:
    from lxml import html as lxml_html

    bodies = []
    for item in items:
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        body = item.get("articleBody")
        if isinstance(body, str) and any(isinstance(k, str) and ARTICLE_TYPES.search(k) for k in kinds):
            if "<" in body:  # markup inside the JSON: its text, paragraph by paragraph
                frag = lxml_html.fragment_fromstring(body, create_parent="div")
                body = "\n".join(" ".join(p.text_content().split()) for p in frag.iter("p")) or frag.text_content()
            bodies.append(body.strip())
    return max(bodies, key=len) if bodies else None


def clean_title(title: str | None, site: str | None) -> str | None:
    """"Headline | Site | 19.01.2020" -> "Headline": trailing segments that are short (a site
    name, a section, a date) are cut off; the headline keeps its own dashes."""
    if not title:
        return None
    title = " ".join(title.split())
    while True:
        cuts = list(TITLE_SEPARATORS.finditer(title))
        if not cuts:
            return title or None
        tail = title[cuts[-1].end():]
        if len(tail.split()) > 4 and not (site and tail.casefold() == site.casefold()):
            return title
        title = title[:cuts[-1].start()]


def read_html(data: bytes) -> Extracted:
    import trafilatura
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(data)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        raise ReaderError("not a readable web page") from None
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=False,
                                      include_images=False, include_links=False, favor_precision=True)
    body = (doc.text if doc is not None else "") or ""
    items = _json_ld(tree)
    script_body = _article_body(items)
    if script_body and len(script_body) > 2 * len(body):
        body = script_body  # the page shows a teaser; the article is in its script
    if len(body.split()) < 8:  # a word or two: a stub, an error page, an image
        raise ReaderError("no main text found in the web page")
    site = doc.sitename if doc is not None else None
    title = clean_title(doc.title if doc is not None else None, site)
    paragraphs = [" ".join(p.split()) for p in body.splitlines() if p.strip()]
    text = "\n\n".join(([title] if title else []) + paragraphs) + "\n"
    authors = (doc.author or "").split(";") if doc is not None else []
    return Extracted(text=text, hints=hints_of(title=title, authors=authors, date=doc.date if doc is not None else None,
                                               site=site))
