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
        key = hashlib.sha256(f"{doc.sha256}|{doc.id}|{doc.path}|{extractor_version()}".encode()).hexdigest()
        return self.root / key[:2] / f"{key}.json"

    def get(self, doc: SourceText) -> Facts | None:
        path = self._path(doc)
        try:
            return Facts.model_validate_json(path.read_bytes())
        except (OSError, ValueError):
            return None  # missing or unreadable entry: extract again

    def put(self, doc: SourceText, facts: Facts) -> None:
        path = self._path(doc)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(facts.model_dump_json(), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
