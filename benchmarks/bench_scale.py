"""A briefing at any corpus size, on corpora recombined from real paragraphs (the seeds'):
cold build time and peak memory, pages of the briefing (target <= 40) and of the evidence volume,
and a rebuild after adding one document against the cold build (target <= 10 %), side by side;
with BENCH_DASK=1, the largest corpus's cold build on a 2-worker Dask cluster against the same
build in in-process threads.

    BENCH_SIZES=1000,10000 BENCH_DASK=1 python benchmarks/bench_scale.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BRIEFING, ROOT, prefect_env, recombined_corpus  # noqa: E402
from pypdf import PdfReader  # noqa: E402


def build(corpus: Path, out: Path, *extra: str) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MiB) of one `briefing build` (its own process)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:  # not a pipe: nobody reads it while the build runs
        proc = subprocess.Popen([BRIEFING, "build", "--corpus", str(corpus), "--output", str(out), "--quiet", *extra],
                                cwd=ROOT, env=prefect_env(), stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"build failed: {err.read().decode()[-500:]}")
        if skipped := [line for line in err.read().decode().splitlines() if "not used" in line]:
            raise SystemExit(f"the build did not use every document: {skipped[0]}")
    return elapsed, usage.ru_maxrss / 1024


def pages(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def main() -> None:
    sizes = [int(x) for x in os.environ.get("BENCH_SIZES", "1000").split(",")]
    dask = bool(os.environ.get("BENCH_DASK"))
    print(f"{'documents':>9} {'cold s':>8} {'peak MiB':>9} {'briefing pp':>12} {'evidence pp':>12} {'+1 doc s':>9} {'ratio':>6}")
    versus = None
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
            recombined_corpus(corpus, n)
            cold, peak = build(corpus, out)
            brief, evid = pages(out / "latest" / "briefing.pdf"), pages(out / "latest" / "evidence.pdf")
            if dask and n == sizes[-1]:  # the same cold build on a cluster, before the corpus grows
                versus = (n, cold, dask_build(corpus, Path(tmp) / "dask"))
            recombined_corpus(corpus, 1, start=n)  # one new document
            again, _ = build(corpus, out)
            ratio = again / cold
            print(f"{n:>9} {cold:>8.1f} {peak:>9.0f} {brief:>12} {evid:>12} {again:>9.1f} {ratio:>6.2f}", flush=True)
    print("targets: briefing <= 40 pages; rebuild after one new document <= 0.10 of the cold build")
    if versus:
        n, threads, on_dask = versus
        print(f"{n} documents, cold build: threads {threads:.1f} s, 2-worker Dask {on_dask:.1f} s, ratio {on_dask / threads:.2f}")


def dask_build(corpus: Path, out: Path) -> float:
    """A cold build of ``corpus`` on a 2-worker Dask cluster (on loopback), in seconds."""
    from distributed import LocalCluster

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # the workers' task logs off this console
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1") as cluster:
        return build(corpus, out, "--dask-address", cluster.scheduler_address)[0]


if __name__ == "__main__":
    main()
