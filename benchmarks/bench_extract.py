"""Extraction throughput (documents/s on one core) and peak memory against corpus size.

Documents are read and extracted one at a time (streamed), so memory should stay flat as the
corpus grows. Prints figures and ratios; no thresholds are asserted here.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import recombined_corpus  # noqa: E402

from flows.extract import extract_document  # noqa: E402
from flows.ingest import decode  # noqa: E402
from flows.models import SourceText  # noqa: E402


def stream(folder: Path):
    with os.scandir(folder) as entries:  # no list of the whole corpus is held
        for entry in entries:
            path = Path(entry.path)
            text, enc = decode(path.read_bytes())
            yield SourceText(id=path.stem, path=path.name, sha256="0" * 64, encoding=enc, text=text)


def measure(folder: Path) -> tuple[int, float]:
    start = time.perf_counter()
    n = 0
    for doc in stream(folder):
        extract_document(doc)
        n += 1
    return n, time.perf_counter() - start


def one(n: int, tmp: str) -> None:
    """Run in a fresh process: print documents, seconds and peak RSS (MiB)."""
    folder = recombined_corpus(Path(tmp) / f"c{n}", n)
    count, secs = measure(folder)
    print(count, secs, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        return one(int(sys.argv[2]), sys.argv[3])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (250, 1000, 4000):
            out = subprocess.run([sys.executable, __file__, "--one", str(n), tmp], capture_output=True, text=True, check=True)
            count, secs, rss = out.stdout.split()
            rows.append((int(count), float(secs), float(rss)))
    for count, secs, rss in rows:
        print(f"{count:5d} documents: {secs:6.2f} s, {count / secs:7.1f} documents/s, peak RSS {rss:6.1f} MiB")
    rate = rows[-1][0] / rows[-1][1]
    print(f"throughput (one core) target >= 100 documents/s: {'met' if rate >= 100 else 'NOT met'} ({rate:.0f}/s)")
    print(f"peak RSS ratio {rows[-1][0]} vs {rows[0][0]} documents: {rows[-1][2] / rows[0][2]:.2f} (1.00 = flat)")


if __name__ == "__main__":
    main()
