"""Four builds at once into one output folder: the skip check, the change diff and publishing
happen under the output's lock, so they publish one edition per input state, each compared with
the edition that was latest when it was published."""

import json
import os
import shutil
import subprocess
import sys

from conftest import ROOT, SEEDS


def build(corpus, out, home) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BRIEFING_"))}
    env.update({"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "build", "--quiet", "--corpus", str(corpus), "--output", str(out)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(procs) -> list[tuple[int, str, str]]:
    outputs = [p.communicate(timeout=600) for p in procs]
    return [(p.returncode, *o) for p, o in zip(procs, outputs)]


def test_four_builds_at_once_publish_one_edition_per_input_state(tmp_path):
    out = tmp_path / "out"
    results = finish([build(SEEDS, out, tmp_path / f"home{i}") for i in range(4)])
    assert [r[0] for r in results] == [0, 0, 0, 0], [r[2] for r in results]
    editions = sorted(p for p in (out / "editions").iterdir() if not p.name.startswith("."))
    assert len(editions) == 1, editions  # the same inputs four times: one edition
    assert {r[1].strip() for r in results} == {str(editions[0])}  # all four name it
    assert sum("no new edition" in r[2] for r in results) == 3

    # Two input states, two builds each, at once: every edition is compared with its true predecessor.
    smaller = tmp_path / "smaller"
    shutil.copytree(SEEDS, smaller)
    for extra in sorted(smaller.iterdir())[:2]:
        extra.unlink()
    results = finish([build(corpus, out, tmp_path / f"home{i}") for i, corpus in enumerate([smaller, SEEDS, smaller, SEEDS])])
    assert [r[0] for r in results] == [0, 0, 0, 0], [r[2] for r in results]
    editions = sorted(p for p in (out / "editions").iterdir() if not p.name.startswith("."))
    manifests = [json.loads((e / "manifest.json").read_text(encoding="utf-8")) for e in editions]
    assert 2 <= len(editions) <= 5
    for before, after in zip(manifests, manifests[1:]):
        assert after["previous"] == before["edition"]  # compared with the edition that was latest
        assert after["fingerprint"] != before["fingerprint"]  # never the same input state twice in a row
        html = (out / "editions" / after["edition"] / "briefing.html").read_text(encoding="utf-8")
        assert f"Compared with edition {before['edition']}:" in html  # its "what changed" section too
    assert not list((out / "editions").glob(".tmp-*"))
