"""`briefing serve` on the embedded default: a real Prefect server on loopback, a short interval,
a scheduled run that publishes an edition, the deployment visible through the API, and a clean
stop on SIGTERM that takes the server down."""

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


def test_serve_runs_on_schedule_and_stops_cleanly(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({"PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5", "PREFECT_RUNNER_POLL_FREQUENCY": "2"})
    out = tmp_path / "out"
    log = tmp_path / "serve.log"  # a file, not a pipe: a full pipe would block the server's logging
    with log.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--interval", "20", "--timezone",
                                 "Europe/Brussels", "--output", str(out)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=sink, start_new_session=True)
    try:
        deadline = time.monotonic() + 150
        while not (found := re.search(r"Prefect API at (\S+);", log.read_text(errors="replace"))):
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-2000:]
            time.sleep(0.5)
        url = found.group(1)
        while not (out / "latest" / "manifest.json").exists():
            assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "no scheduled run published an edition"
            time.sleep(2)
        manifest = json.loads((out / "latest" / "manifest.json").read_text())
        assert manifest["flow_run_id"]
        (deployment,) = api(url, "/deployments/filter", {})
        assert deployment["name"] == "briefing"
        (schedule,) = deployment["schedules"]
        assert schedule["schedule"]["interval"] == 20 and schedule["schedule"]["timezone"] == "Europe/Brussels"
        runs = api(url, "/flow_runs/filter", {"flow_runs": {"id": {"any_": [manifest["flow_run_id"]]}}})
        assert runs[0]["deployment_id"] == deployment["id"] and runs[0]["auto_scheduled"]
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
