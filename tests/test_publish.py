import json
import multiprocessing
import os
import threading
import time
from datetime import datetime, timedelta, UTC
from hashlib import sha256

import pytest

from conftest import SEEDS, plan
from flows.ingest import ingest
from flows.publish import EditionFiles, PublishError, output_lock, write_edition

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def files(tag="a"):
    return EditionFiles(pdf=b"%PDF-" + tag.encode(), html=f"<p>{tag}</p>", facts_json="{}",
                        tables={"positions.csv": "a,b\n"}, timings={"ingest": 0.1})


def test_edition_is_complete_and_latest_points_to_it(tmp_path):
    corpus = ingest(SEEDS)
    path = write_edition(tmp_path, corpus, files(), plan=plan(T0.isoformat()))
    assert path.name == "20260101T000000Z"
    assert (tmp_path / "latest").resolve() == path.resolve()
    manifest = json.loads((path / "manifest.json").read_text())
    assert [i["sha256"] for i in manifest["inputs"]] == [sha256((SEEDS / i["path"]).read_bytes()).hexdigest() for i in manifest["inputs"]]
    for out in manifest["outputs"]:
        assert sha256((path / out["path"]).read_bytes()).hexdigest() == out["sha256"]
    assert {"prefect", "weasyprint", "pandas", "python"} <= set(manifest["versions"])
    assert manifest["timings_s"] == {"ingest": 0.1}


def test_retention_keeps_the_newest(tmp_path):
    corpus = ingest(SEEDS)
    paths = [write_edition(tmp_path, corpus, files(str(i)), retention=2, plan=plan((T0 + timedelta(minutes=i)).isoformat())) for i in range(4)]
    left = sorted(p.name for p in (tmp_path / "editions").iterdir())
    assert left == [p.name for p in paths[-2:]]
    assert (tmp_path / "latest").resolve() == paths[-1].resolve()


def test_failed_write_leaves_previous_edition_and_latest(tmp_path, monkeypatch):
    corpus = ingest(SEEDS)
    first = write_edition(tmp_path, corpus, files("first"), plan=plan(T0.isoformat()))
    real = os.rename

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "rename", boom)
    with pytest.raises(PublishError, match="No space left"):
        write_edition(tmp_path, corpus, files("second"), plan=plan((T0 + timedelta(minutes=1)).isoformat()))
    monkeypatch.setattr(os, "rename", real)
    assert (tmp_path / "latest").resolve() == first.resolve()
    assert (first / "briefing.pdf").read_bytes() == b"%PDF-first"
    assert [p.name for p in (tmp_path / "editions").iterdir() if not p.name.startswith(".")] == [first.name]


def test_unwritable_output_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PublishError, match="not writable"):
        write_edition(blocker / "out", ingest(SEEDS), files(), plan())


def _hold(path, held, release):
    with output_lock(path):
        held.set()
        release.wait(30)


def test_second_build_waits_for_the_lock(tmp_path):
    ctx = multiprocessing.get_context("fork")
    held, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold, args=(tmp_path, held, release))
    proc.start()
    assert held.wait(30)
    with pytest.raises(PublishError, match="another build"), output_lock(tmp_path, wait=0.3):
        pass
    threading.Timer(0.5, release.set).start()
    start = time.monotonic()
    with output_lock(tmp_path, wait=30):
        waited = time.monotonic() - start
    proc.join()
    assert waited >= 0.4


def test_a_failed_publish_leaves_no_orphan_edition_and_no_temporary_folder(tmp_path, monkeypatch):
    from pathlib import Path

    corpus = ingest(SEEDS)
    first = write_edition(tmp_path, corpus, files("first"), plan=plan(T0.isoformat()))

    def read_only_output(self, target):  # the output folder refuses the new `latest` link
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "symlink_to", read_only_output)
    with pytest.raises(PublishError, match="Permission denied"):
        write_edition(tmp_path, corpus, files("second"), plan=plan((T0 + timedelta(minutes=1)).isoformat()))
    assert sorted(p.name for p in (tmp_path / "editions").iterdir()) == [first.name]
    assert (tmp_path / "latest").resolve() == first.resolve()


def test_a_write_error_midway_removes_the_temporary_folder(tmp_path, monkeypatch):
    corpus = ingest(SEEDS)
    real = os.rename

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "rename", full_disk)
    with pytest.raises(PublishError, match="No space left on device"):
        write_edition(tmp_path, corpus, files(), plan=plan(T0.isoformat()))
    monkeypatch.setattr(os, "rename", real)
    assert list((tmp_path / "editions").iterdir()) == []
