"""The reader worker: ``python -m flows.ingest.worker MEMORY`` reads requests on stdin and
answers on stdout until stdin closes (the parent is gone). Run by :class:`ReaderPool`."""

from __future__ import annotations

import sys

from .readers import ReaderError, _read, _recv, _send


def serve(memory: int) -> None:
    """The worker's loop (``python -m flows.ingest.readers MEMORY``): requests on stdin, answers on
    stdout, until stdin closes (the parent is gone)."""
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ValueError, OSError):
        pass
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a library's print must not corrupt the answers
    import docx  # noqa: F401  the readers' libraries, loaded before the first time limit starts
    import pdfminer.high_level  # noqa: F401
    import trafilatura  # noqa: F401

    from . import docx as _docx, html as _html, pdf as _pdf  # noqa: F401
    _send(stdout, "ready")
    while True:
        try:
            fmt, data, limits = _recv(stdin)
        except (EOFError, OSError):
            return
        try:
            answer = ("ok", _read(fmt, data, limits).model_dump_json())
        except ReaderError as exc:
            answer = ("skip", str(exc))
        except MemoryError:
            answer = ("skip", "needs more memory than the reader may use")
        except Exception as exc:  # noqa: BLE001  any reader bug is one document's skip reason
            answer = ("skip", f"reader failed ({type(exc).__name__})")
        _send(stdout, answer)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
