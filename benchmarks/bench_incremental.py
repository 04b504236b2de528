"""Incremental rebuilds against their floors, measured side by side:
(1) rebuild of an unchanged corpus vs an empty Prefect flow run (target <= 0.3x: "nothing changed"
    is answered before Prefect starts);
(2) rebuild of a 1,000-document corpus after adding one document vs its cold build (target <= 10%;
    skipped with BENCH_QUICK=1; benchmarks/bench_scale.py measures it on recombined real text)."""

from __future__ import annotations

import os
import shutil
import subprocess
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BRIEFING, EMPTY_FLOW, ROOT, RUNS, make_corpus, prefect_env, timed  # noqa: E402


def main() -> None:
    env = prefect_env()
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        out = tmp / "out"
        subprocess.run([BRIEFING, "build", "--quiet", "--output", str(out)], cwd=ROOT, env=env, check=True, capture_output=True)
        unchanged = [timed([BRIEFING, "build", "--quiet", "--output", str(out)], env) for _ in range(RUNS)]
        empty = [timed([sys.executable, "-c", EMPTY_FLOW], env) for _ in range(RUNS)]
        u, e = statistics.median(unchanged), statistics.median(empty)
        print(f"unchanged rebuild median {u:.2f} s; empty flow median {e:.2f} s; ratio {u / e:.2f} (target <= 0.30)")
        if os.environ.get("BENCH_QUICK"):
            return

        corpus = make_corpus(tmp / "big", 1000)
        big = tmp / "bigout"
        cold = timed([BRIEFING, "build", "--quiet", "--corpus", str(corpus), "--output", str(big)], env)
        shutil.copy(corpus / "doc_00001.txt", corpus / "zz_added.txt")
        (corpus / "zz_added.txt").write_text((corpus / "zz_added.txt").read_text() + "\nA new line.\n")
        warm = timed([BRIEFING, "build", "--quiet", "--corpus", str(corpus), "--output", str(big)], env)
        print(f"1,000 documents: cold build {cold:.2f} s; after adding one document {warm:.2f} s; "
              f"ratio {warm / cold:.0%} (target <= 10%)")


if __name__ == "__main__":
    main()
