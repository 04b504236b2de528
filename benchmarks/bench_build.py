"""Cold `briefing build` on seeds/ against two floors measured in the same run:
(a) an empty Prefect flow run in the same configuration (temporary server), also with flow-run
heartbeats off as the build runs its flow (their thread's end waits up to a second), and
(b) the import floor `python -c "import prefect, weasyprint, pandas"`.
Several runs each; prints medians and ratios. Target (issue #15): build <= 1.0 x (a)."""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BRIEFING, EMPTY_FLOW, EMPTY_FLOW_NO_HEARTBEATS, RUNS, prefect_env, timed  # noqa: E402


def main() -> None:
    env = prefect_env()
    results: dict[str, list[float]] = {"build": [], "empty flow": [], "no heartbeats": [], "imports": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(RUNS):
            results["imports"].append(timed([sys.executable, "-c", "import prefect, weasyprint, pandas"], env))
            results["empty flow"].append(timed([sys.executable, "-c", EMPTY_FLOW], env))
            results["no heartbeats"].append(timed([sys.executable, "-c", EMPTY_FLOW_NO_HEARTBEATS], env))
            results["build"].append(timed([BRIEFING, "build", "--quiet", "--output", f"{tmp}/out{i}"], env))
    med = {k: statistics.median(v) for k, v in results.items()}
    for k, v in results.items():
        print(f"{k:13s} median {med[k]:6.2f} s  runs: {', '.join(f'{x:.2f}' for x in v)}")
    ratio = med["build"] / med["empty flow"]
    print(f"build / empty flow = {ratio:.2f} (target <= 1.00: {'met' if ratio <= 1.0 else 'NOT met'})")
    print(f"build / empty flow without heartbeats (as the build runs it) = {med['build'] / med['no heartbeats']:.2f}")
    print(f"build / imports    = {med['build'] / med['imports']:.2f}; build - empty flow = {med['build'] - med['empty flow']:+.2f} s")

if __name__ == "__main__":
    main()
