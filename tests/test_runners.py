"""The same build on local processes and on a real Dask cluster (on loopback) as in threads."""

import json

import pytest

from conftest import SEEDS


def facts_of(out):
    return json.loads((out / "latest" / "facts.json").read_text())


def test_processes_and_a_dask_cluster_build_the_same_facts(prefect_harness, tmp_path):
    distributed = pytest.importorskip("distributed")
    from flows.pipeline import run_build
    from flows.settings import load_settings

    local = run_build(load_settings(corpus=SEEDS, output=tmp_path / "threads"))
    assert local.published
    in_processes = run_build(load_settings(corpus=SEEDS, output=tmp_path / "processes", runner="processes"))
    assert in_processes.published
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        on_dask = run_build(load_settings(corpus=SEEDS, output=tmp_path / "dask", dask_address=cluster.scheduler_address,
                                          extract_batch=2, layout_batch=2))
        assert on_dask.published
        with distributed.Client(cluster) as client:  # the batches ran on the cluster's workers
            ran = client.run_on_scheduler(lambda dask_scheduler: sorted(dask_scheduler.task_prefixes))
        assert any(p.startswith("extract") for p in ran) and any(p.startswith("lay out evidence") or "lay" in p for p in ran), ran
        manifest = json.loads((tmp_path / "dask" / "latest" / "manifest.json").read_text())
        assert manifest["runner"] == {"kind": "dask", "address": cluster.scheduler_address}
        assert manifest["work"]["extracted"] == 5
    assert facts_of(tmp_path / "dask") == facts_of(tmp_path / "threads") == facts_of(tmp_path / "processes")
    assert (tmp_path / "dask" / "latest" / "evidence.pdf").read_bytes()[:5] == b"%PDF-"
