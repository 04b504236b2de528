"""Ingest: read a corpus folder into texts, one reader per format, and say why anything was left out.

* ``.txt``, ``.md``: the file's bytes decoded (offsets of facts index the decoded file).
* ``.html``, ``.htm`` (or a text file that is really a saved page), ``.pdf``, ``.docx``: the text
  a reader extracts (offsets index that text, stored in the edition as ``texts/<id>.txt``), with a
  page map for PDFs and the file's own metadata as hints. Extracted texts are cached by the file's
  content hash and the readers' version, so a PDF is read once.

Only regular files are read: FIFOs, sockets and devices are skipped without being opened.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from functools import cache
from pathlib import Path

from ..models import Corpus, SkippedSource, SourceText
from .plain import decode, looks_binary, sniff
from .readers import Extracted, Limits, ReaderError, ReaderPool

__all__ = ["CorpusError", "decode", "ingest", "ingest_with", "Limits"]

TEXT_SUFFIXES = {".txt", ".md", ".text"}
READER_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx"}
PACKAGE = Path(__file__).resolve().parent


class CorpusError(Exception):
    """The corpus as a whole cannot be used (missing folder, nothing readable)."""


def document_id(rel: Path, taken: set[str]) -> str:
    """The file stem when it is a safe identifier, else a slug plus a hash of the path."""
    stem = rel.stem
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("._-") or "doc"
    if slug != stem or slug in taken or len(rel.parts) > 1:
        digest = hashlib.sha256(rel.as_posix().encode("utf-8", "surrogateescape")).hexdigest()[:8]
        slug = f"{slug[:60]}_{digest}"
    taken.add(slug)
    return slug


@cache
def readers_version() -> str:
    from importlib import metadata

    digest = hashlib.sha256()
    for path in sorted(PACKAGE.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    for name in ("pdfminer.six", "trafilatura", "python-docx"):
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()[:16]


class TextCache:
    """Extracted texts (or a reader's deterministic refusal) by content hash and readers' version."""

    def __init__(self, root: Path | None) -> None:
        self.root = Path(root) if root else None

    def _path(self, sha: str) -> Path:
        return self.root / sha[:2] / f"{sha}-{readers_version()}.json"

    def get(self, sha: str) -> Extracted | str | None:
        if not self.root:
            return None
        try:
            data = json.loads(self._path(sha).read_text(encoding="utf-8"))
            return data["skip"] if "skip" in data else Extracted.model_validate(data["text"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, sha: str, value: Extracted | str) -> None:
        if not self.root:
            return
        path = self._path(sha)
        payload = {"skip": value} if isinstance(value, str) else {"text": value.model_dump(mode="json")}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time


def _shown(rel: str) -> str:
    """A path safe to print: bytes that are not UTF-8 shown as escapes."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _classify(path: Path, root: Path, max_bytes: int, max_binary: int) -> tuple[str, str] | SkippedSource | None:
    """(format, relative path) of a file to read, a reason to skip it, or None for a plain folder."""
    rel = _shown(path.relative_to(root).as_posix())
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            if not path.resolve().is_relative_to(root.resolve()):
                return SkippedSource(path=rel, reason="symbolic link pointing outside the corpus (not followed)")
            info = os.stat(path)
    except OSError as exc:
        return SkippedSource(path=rel, reason=f"unreadable: {exc.strerror or exc}")
    suffix = path.suffix.lower()
    if stat.S_ISDIR(info.st_mode):
        return SkippedSource(path=rel, reason="a folder, not a document") if suffix in TEXT_SUFFIXES | set(READER_SUFFIXES) else None
    if not stat.S_ISREG(info.st_mode):
        return SkippedSource(path=rel, reason="not a regular file (a pipe, socket or device): not read")
    fmt = "text" if suffix in TEXT_SUFFIXES else READER_SUFFIXES.get(suffix)
    if fmt is None:
        kinds = "plain text, Markdown, web pages (.html), PDF and Word (.docx)"
        return SkippedSource(path=rel, reason=f"unsupported file type ({suffix or 'no extension'}); read are {kinds}")
    limit = max_bytes if fmt in ("text", "html") else max_binary
    if info.st_size > limit:
        return SkippedSource(path=rel, reason=f"too large ({info.st_size:,} bytes > limit {limit:,})")
    if info.st_size == 0:
        return SkippedSource(path=rel, reason="empty or blank")
    return fmt, rel


def _walk(root: Path) -> tuple[list[Path], list[SkippedSource]]:
    """Every entry below ``root`` (hidden ones left out), and the folders that could not be read."""
    found: list[Path] = []
    unreadable: list[SkippedSource] = []

    def error(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        rel = _shown(where.relative_to(root).as_posix()) if where != root else "."
        unreadable.append(SkippedSource(path=rel + "/", reason=f"folder not readable: {exc.strerror or exc}"))

    for folder, dirs, files in os.walk(root, onerror=error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        found += [base / d for d in dirs if (base / d).suffix.lower() in TEXT_SUFFIXES | set(READER_SUFFIXES)]
        found += [base / f for f in files if not f.startswith(".")]
    if root in {Path(u.path) for u in unreadable}:
        raise CorpusError(f"cannot read corpus folder {root}")
    return sorted(found), unreadable


def ingest(corpus_dir: Path, max_bytes: int = 5_000_000, max_documents: int = 50_000, limits: Limits = Limits(),
           cache_dir: Path | None = None, max_binary: int = 50_000_000) -> Corpus:
    """Read every document of ``corpus_dir`` (recursively, hidden files ignored)."""
    root = Path(corpus_dir)
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus is not a folder: {root}")
    if not os.access(root, os.R_OK | os.X_OK):
        raise CorpusError(f"cannot read corpus folder {root}: permission denied")
    paths, skipped = _walk(root)
    docs: list[SourceText] = []
    taken: set[str] = set()
    texts = TextCache(cache_dir)
    with ReaderPool(limits) as pool:
        for path in paths:
            got = _classify(path, root, max_bytes, max_binary)
            if got is None:
                continue
            if isinstance(got, SkippedSource):
                skipped.append(got)
                continue
            fmt, rel = got
            if len(docs) >= max_documents:
                skipped.append(SkippedSource(path=rel, reason=f"over the limit of {max_documents} documents"))
                continue
            doc = _read_one(path, rel, fmt, pool, texts, taken)
            if isinstance(doc, SourceText) and (lines := doc.text.count("\n") + (not doc.text.endswith("\n"))) > limits.max_lines:
                doc = SkippedSource(path=rel, reason=f"{lines:,} lines, over the limit of {limits.max_lines:,} "
                                                     "a document may have (a data file rather than a text?)")
            (skipped if isinstance(doc, SkippedSource) else docs).append(doc)
    if not docs:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3])
        raise CorpusError(f"no readable document in {root}" + (f" ({reasons})" if reasons else ""))
    return Corpus(root=str(root), documents=tuple(docs), skipped=tuple(skipped))


def _read_one(path: Path, rel: str, fmt: str, pool: ReaderPool, texts: TextCache,
              taken: set[str]) -> SourceText | SkippedSource:
    try:
        data = path.read_bytes()  # a regular file (checked without opening it)
    except OSError as exc:
        return SkippedSource(path=rel, reason=f"unreadable: {exc.strerror or exc}")
    if not data.strip():
        return SkippedSource(path=rel, reason="empty or blank")
    fmt = sniff(data, fmt)
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "text":
        if looks_binary(data):
            return SkippedSource(path=rel, reason="binary content, not text")
        text, encoding = decode(data)
        return SourceText(id=document_id(Path(rel), taken), path=rel, sha256=sha, encoding=encoding, text=text)
    got = texts.get(sha)
    if got is None:
        try:
            got = pool.read(fmt, data)
            texts.put(sha, got)
        except ReaderError as exc:
            got = str(exc)
            if "longer than" not in got:  # a time-out may pass on a quieter machine: not cached
                texts.put(sha, got)
    if isinstance(got, str):
        return SkippedSource(path=rel, reason=got)
    return SourceText(id=document_id(Path(rel), taken), path=rel, sha256=sha, encoding="utf-8", text=got.text,
                      format=fmt, pages=got.pages, hints=got.hints)


def ingest_with(settings) -> Corpus:
    """``ingest`` with the limits of the settings, caching extracted texts under the output folder."""
    from ..settings import cache_dirs

    limits = Limits(seconds=settings.reader_seconds, max_pages=settings.max_pdf_pages,
                    max_unpacked=settings.max_unpacked_bytes, memory=settings.reader_memory_bytes, max_lines=settings.max_lines)
    return ingest(settings.corpus, settings.max_document_bytes, settings.max_documents, limits,
                  cache_dirs(settings)["texts"], settings.max_binary_bytes)
