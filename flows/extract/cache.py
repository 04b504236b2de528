"""A content-addressed store of per-document extraction results.

The key is the document's content hash, its id and the extractor version (a hash of this
package's code and data files), so an unchanged document is never extracted twice and any change
to the extractor invalidates every entry.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from ..models import Facts, SourceText

PACKAGE = Path(__file__).resolve().parent
READ_LIMIT = 50_000  # entries kept parsed in a process (a corpus's worth); then forgotten at once
_READ: dict[str, tuple[tuple[int, int], Facts]] = {}


@cache
def extractor_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ExtractCache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, doc: SourceText) -> Path:
        # The text read from the file and its hints count too: a new PDF reader changes them.
        text = hashlib.sha256(doc.text.encode("utf-8", "surrogatepass") + doc.hints.model_dump_json().encode()).hexdigest()
        key = hashlib.sha256(f"{doc.sha256}|{text}|{doc.id}|{doc.path}|{extractor_version()}".encode()).hexdigest()
        return self.root / key[:2] / f"{key}.json"

    def get(self, doc: SourceText) -> Facts | None:
        """The stored facts, only if they prove themselves: one document, this one, and every
        quote still slices its text. Anything else is extracted again. An entry this process read
        before is not parsed again while its file is unchanged (the head start and the flow read
        the same entries; a server reads them every edition)."""
        path = self._path(doc)
        try:
            stat = path.stat()
            seen = _READ.get(str(path))
            if seen is not None and seen[0] == (stat.st_mtime_ns, stat.st_size):
                return seen[1]
            facts = Facts.model_validate_json(path.read_bytes())
        except (OSError, ValueError):
            return None  # missing or unreadable entry: extract again
        evidence = [e for d in facts.delegations for e in d.evidence] + [p.evidence for p in facts.positions] \
            + [e for p in facts.positions for e in p.more_evidence] + [e.evidence for e in facts.events]
        if [m.id for m in facts.documents] != [doc.id] or any(
                e.document_id != doc.id or doc.text[e.start:e.end] != e.quote for e in evidence):
            return None
        if len(_READ) >= READ_LIMIT:
            _READ.clear()
        _READ[str(path)] = ((stat.st_mtime_ns, stat.st_size), facts)  # records are frozen: safe to share
        return facts

    def put(self, doc: SourceText, facts: Facts) -> None:
        path = self._path(doc)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(facts.model_dump_json(), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
