"""Ingest: read a corpus folder into decoded texts, and say why anything was left out.

Offsets of every later fact index ``SourceText.text``, the file's bytes decoded to str.
UTF-8 first (a BOM is kept as a character, so offsets match a plain UTF-8 decode), then
UTF-16 when the file has its BOM, then Windows-1252; Latin-1 as the last resort never fails.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .models import Corpus, SkippedSource, SourceText

TEXT_SUFFIXES = {".txt", ".md", ".text"}


class CorpusError(Exception):
    """The corpus as a whole cannot be used (missing folder, nothing readable)."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text; return (text, encoding name)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def document_id(rel: Path, taken: set[str]) -> str:
    """The file stem when it is a safe identifier, else a slug plus a hash of the path."""
    stem = rel.stem
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("._-") or "doc"
    if slug != stem or slug in taken or len(rel.parts) > 1:
        digest = hashlib.sha256(rel.as_posix().encode()).hexdigest()[:8]
        slug = f"{slug[:60]}_{digest}"
    taken.add(slug)
    return slug


def _candidates(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if not any(part.startswith(".") for part in p.relative_to(root).parts))


def read_source(path: Path, root: Path, max_bytes: int) -> tuple[str, bytes] | SkippedSource:
    """Either the file's bytes ready to decode, or why it is skipped."""
    rel = path.relative_to(root).as_posix()
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            return SkippedSource(path=rel, reason="symbolic link pointing outside the corpus (not followed)")
    if path.is_dir():
        return SkippedSource(path=rel, reason="a folder, not a document") if path.suffix else ("", b"")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        kind = path.suffix.lower() or "no extension"
        return SkippedSource(path=rel, reason=f"unsupported file type ({kind}); only plain text is ingested")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return SkippedSource(path=rel, reason=f"too large ({size:,} bytes > limit {max_bytes:,})")
        data = path.read_bytes()
    except OSError as exc:
        return SkippedSource(path=rel, reason=f"unreadable: {exc.strerror or exc}")
    if not data.strip():
        return SkippedSource(path=rel, reason="empty or blank")
    if looks_binary(data):
        return SkippedSource(path=rel, reason="binary content, not text")
    return rel, data


def ingest(corpus_dir: Path, max_bytes: int = 5_000_000, max_documents: int = 5_000) -> Corpus:
    """Read every document of ``corpus_dir`` (recursively, hidden files ignored)."""
    root = Path(corpus_dir)
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus is not a folder: {root}")
    try:
        paths = _candidates(root)
    except OSError as exc:
        raise CorpusError(f"cannot read corpus folder {root}: {exc.strerror or exc}") from None
    docs: list[SourceText] = []
    skipped: list[SkippedSource] = []
    taken: set[str] = set()
    for path in paths:
        got = read_source(path, root, max_bytes)
        if isinstance(got, SkippedSource):
            skipped.append(got)
            continue
        rel, data = got
        if not rel:
            continue  # a plain sub-folder: its files are visited on their own
        if len(docs) >= max_documents:
            skipped.append(SkippedSource(path=rel, reason=f"over the limit of {max_documents} documents"))
            continue
        text, encoding = decode(data)
        docs.append(
            SourceText(
                id=document_id(Path(rel), taken),
                path=rel,
                sha256=hashlib.sha256(data).hexdigest(),
                encoding=encoding,
                text=text,
            )
        )
    if not docs:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3])
        raise CorpusError(f"no readable document in {root}" + (f" ({reasons})" if reasons else ""))
    return Corpus(root=str(root), documents=tuple(docs), skipped=tuple(skipped))
