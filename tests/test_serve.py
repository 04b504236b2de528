"""`briefing serve` on the embedded default: a real Prefect server on loopback with its UI on a set
port, a first edition built at start (long before the hourly schedule), the deployment visible
through the API and its UI link printed, and a clean stop on SIGTERM that takes the server down."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT


def api(url: str, path: str, body: dict) -> object:
    req = urllib.request.Request(f"{url}{path}", data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


def test_serve_builds_at_start_then_on_schedule_with_its_ui_and_stops_cleanly(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({"PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5", "PREFECT_RUNNER_POLL_FREQUENCY": "2",
                "BRIEFING_SERVE_PORT": str(port)})
    out = tmp_path / "out"
    log = tmp_path / "serve.log"  # a file, not a pipe: a full pipe would block the server's logging
    with log.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--interval", "3600", "--timezone",
                                 "Europe/Brussels", "--output", str(out)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=sink, start_new_session=True)
    try:
        deadline = time.monotonic() + 150
        while not (found := re.search(r"Prefect API at (\S+);", log.read_text(errors="replace"))):
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-2000:]
            time.sleep(0.5)
        url = found.group(1)
        assert url == f"http://127.0.0.1:{port}/api"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as resp:  # Prefect's UI on the same port
            assert resp.status == 200 and b"<html" in resp.read().lower()
        while not (ui := re.search(r"Prefect's UI: (\S+);", log.read_text(errors="replace"))):
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-2000:]
            time.sleep(0.5)
        while not (out / "latest" / "manifest.json").exists():
            assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "no scheduled run published an edition"
            time.sleep(2)
        manifest = json.loads((out / "latest" / "manifest.json").read_text())
        assert manifest["flow_run_id"]
        (deployment,) = api(url, "/deployments/filter", {})
        assert deployment["name"] == "briefing"
        assert ui.group(1) == f"http://127.0.0.1:{port}/deployments/deployment/{deployment['id']}"
        (schedule,) = deployment["schedules"]
        assert schedule["schedule"]["interval"] == 3600 and schedule["schedule"]["timezone"] == "Europe/Brussels"
        runs = api(url, "/flow_runs/filter", {"flow_runs": {"id": {"any_": [manifest["flow_run_id"]]}}})
        # the first edition at start, by the deployment, long before its first hourly run
        assert runs[0]["deployment_id"] == deployment["id"] and not runs[0]["auto_scheduled"]
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            code = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
    assert code == 0, log.read_text(errors="replace")[-2000:]
    assert "briefing: stopped" in log.read_text(errors="replace")
    time.sleep(1)
    try:
        urllib.request.urlopen(f"{url}/health", timeout=2)
        alive = True
    except OSError:
        alive = False
    assert not alive, "the Prefect server outlived `briefing serve`"


def test_a_second_serve_on_a_taken_port_says_so(tmp_path):
    import socket

    import pytest

    from flows.server import LocalServer, ServerError

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env_url = os.environ.pop("PREFECT_API_URL", None)
        try:
            with pytest.raises(ServerError, match=f"port {port} on 127.0.0.1 is in use"):
                LocalServer(tmp_path / "log", port=port).__enter__()
        finally:
            if env_url:
                os.environ["PREFECT_API_URL"] = env_url


def test_a_second_serve_on_the_same_output_exits_with_a_clear_message(tmp_path):
    from conftest import SEEDS
    from flows.server import claim_output

    out = tmp_path / "out"
    held = claim_output(out)  # as a first `serve` on this output holds it
    try:
        res = subprocess.run([sys.executable, "-m", "flows.cli", "serve", "--interval", "60", "--corpus", str(SEEDS),
                              "--output", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    finally:
        held.close()
    assert res.returncode == 1
    assert res.stderr.strip().splitlines() == [
        f"briefing: error: another `briefing serve` already serves {out} (process {os.getpid()}); "
        "stop it first, or serve another output folder"]


def test_the_builds_temporary_server_answers_and_ends_with_stop(tmp_path, monkeypatch):
    from flows.server import TemporaryServer, healthy

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "home"))
    server = TemporaryServer().start()
    try:
        url = server.url()
        assert url.startswith("http://127.0.0.1:") and healthy(url) and not server.booting()
    finally:
        server.stop()
    assert server.proc.poll() is not None and not healthy(url)


def test_a_temporary_server_that_cannot_start_says_why_in_one_line(tmp_path, monkeypatch):
    import pytest

    from flows.server import ServerError, TemporaryServer

    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("PREFECT_API_DATABASE_CONNECTION_URL", f"sqlite+aiosqlite:///{tmp_path}/file/prefect.db")
    server = TemporaryServer(timeout=60).start()
    with pytest.raises(ServerError, match="^Prefect's temporary server did not start on http://127.0.0.1:[0-9]+/api: .+") as err:
        server.url()
    assert "\n" not in str(err.value) and server.proc.poll() is not None
