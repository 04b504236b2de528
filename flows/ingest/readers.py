"""One reader per file format behind one interface: ``read(format, data, limits) -> Extracted``.

Readers of binary and markup formats run in a separate worker process (``python -m
flows.ingest.worker``) under a time limit and a
memory limit, so a pathological file cannot hang or exhaust the build: the worker is killed and
restarted, and the file is skipped with its reason. The worker ends when this process does (it
reads its requests from a pipe and exits when the pipe closes).
"""

from __future__ import annotations

import os
import pickle
import re
import select
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..models import SourceHints

ROOT = Path(__file__).resolve().parents[2]  # the folder holding the ``flows`` package
STARTUP_SECONDS = 120.0


class ReaderError(Exception):
    """The file cannot be read; the message is the one-line reason shown to the user."""


class Extracted(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    pages: tuple[int, ...] = ()
    hints: SourceHints = SourceHints()


@dataclass(frozen=True)
class Limits:
    seconds: float = 60.0  # per document
    max_pages: int = 500  # per PDF
    max_unpacked: int = 200_000_000  # bytes a DOCX may unpack to
    memory: int = 2_000_000_000  # bytes of address space for the worker
    max_text: int = 5_000_000  # characters of extracted text
    max_lines: int = 100_000  # lines of a document's text: more is a data file, and bounds the work and memory


def hints_of(title: str | None = None, authors: list[str] | tuple[str, ...] = (), date: str | None = None,
             site: str | None = None, date_stated: bool = True) -> SourceHints:
    """Clean metadata: no software names as titles, people (not accounts or outlets) as authors."""
    def clean(s: str | None) -> str | None:
        s = " ".join((s or "").split())
        return s or None

    title = clean(title)
    if title and (re.match(r"(?i)(microsoft word|untitled|document\d*$|slide \d)", title) or re.search(r"\.[A-Za-z]{2,4}$", title)
                  and " " not in title or re.search(r"\.(docx?|pdf|indd|qxd)$", title, re.I)):
        title = None
    people = []
    for a in authors:
        for name in re.split(r"\s*(?:;|\band\b|&|\|)\s*", a or ""):
            name = clean(name)
            words = (name or "").split()
            if name and 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words if len(w) > 3) \
                    and not (site and name.casefold() == site.casefold()) and name not in people:
                people.append(name)
    return SourceHints(title=title, authors=tuple(people), date=date if date_stated else None,
                       metadata_date=None if date_stated else date, site=clean(site))


def _read(fmt: str, data: bytes, limits: Limits) -> Extracted:
    if fmt == "pdf":
        from .pdf import read_pdf

        out = read_pdf(data, limits.max_pages)
    elif fmt == "html":
        from .html import read_html

        out = read_html(data)
    elif fmt == "docx":
        from .docx import read_docx

        out = read_docx(data, limits.max_unpacked)
    else:
        raise ReaderError(f"no reader for {fmt}")
    if len(out.text) > limits.max_text:
        raise ReaderError(f"extracted text too large ({len(out.text):,} characters > {limits.max_text:,})")
    if not out.text.strip():
        raise ReaderError("no text found")
    return out


def _send(stream, obj) -> None:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack(">Q", len(payload)) + payload)
    stream.flush()


def _recv(stream):
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError
    size = struct.unpack(">Q", head)[0]
    payload = stream.read(size)
    if len(payload) < size:
        raise EOFError
    return pickle.loads(payload)  # noqa: S301  only between this process and its own worker


class ReaderPool:
    """One worker process, started on first use, killed and restarted after a time-out."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._proc: subprocess.Popen | None = None

    def _start(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        self._proc = subprocess.Popen([sys.executable, "-m", "flows.ingest.worker", str(self.limits.memory)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                      env=env, cwd=str(ROOT), start_new_session=False)
        # The worker loads the readers first and says so: the time limit counts reading only.
        ready, _, _ = select.select([self._proc.stdout], [], [], STARTUP_SECONDS)
        try:
            if not ready or _recv(self._proc.stdout) != "ready":
                raise EOFError
        except (EOFError, OSError):
            self.close()
            raise ReaderError("the reader process did not start") from None

    def read(self, fmt: str, data: bytes) -> Extracted:
        if self._proc is None or self._proc.poll() is not None:
            self._start()
        proc = self._proc
        try:
            _send(proc.stdin, (fmt, data, self.limits))
            ready, _, _ = select.select([proc.stdout], [], [], self.limits.seconds)
            if not ready:
                self.close()
                raise ReaderError(f"reading took longer than {self.limits.seconds:g} s (BRIEFING_READER_SECONDS)")
            status, payload = _recv(proc.stdout)
        except (EOFError, OSError):
            self.close()
            raise ReaderError("the reader stopped (out of memory?)") from None
        if status == "skip":
            raise ReaderError(payload)
        return Extracted.model_validate_json(payload)

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            proc.wait(2)  # it leaves on its own once its stdin is closed
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

