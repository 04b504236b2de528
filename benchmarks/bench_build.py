"""Cold `briefing build` on seeds/ against two floors measured in the same run:
(a) an empty Prefect flow run in the same configuration (temporary server), and
(b) the import floor `python -c "import prefect, weasyprint, pandas"`.
Several runs each; prints medians and ratios. Target: build <= 1.3 x (a)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
EMPTY_FLOW = "from prefect import flow\n@flow\ndef empty():\n    return 1\nempty()\n"


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}
    env.pop("PREFECT_API_URL", None)
    results: dict[str, list[float]] = {"build": [], "empty flow": [], "imports": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(RUNS):
            results["imports"].append(timed([sys.executable, "-c", "import prefect, weasyprint, pandas"], env))
            results["empty flow"].append(timed([sys.executable, "-c", EMPTY_FLOW], env))
            results["build"].append(timed([str(BIN / "briefing"), "build", "--quiet", "--output", f"{tmp}/out{i}"], env))
    med = {k: statistics.median(v) for k, v in results.items()}
    for k, v in results.items():
        print(f"{k:11s} median {med[k]:6.2f} s  runs: {', '.join(f'{x:.2f}' for x in v)}")
    ratio = med["build"] / med["empty flow"]
    print(f"build / empty flow = {ratio:.2f} (target <= 1.30: {'met' if ratio <= 1.3 else 'NOT met'})")
    print(f"build / imports    = {med['build'] / med['imports']:.2f}; orchestration share of the build: "
          f"{(med['empty flow'] - med['imports']) / med['build']:.0%}")


if __name__ == "__main__":
    main()
