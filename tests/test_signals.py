"""What a build or `serve` starts ends with it: SIGKILL of the command leaves no Prefect server
(nor its guard) running and does not hold the caller's pipes; SIGTERM ends a build with one line
and status 143."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, SEEDS


def children(pid: int) -> list[int]:
    """Every process whose parent is ``pid`` (from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not (value := condition()):
        assert time.monotonic() < deadline, what
        time.sleep(0.2)
    return value


def env(tmp_path: Path) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BRIEFING_"))}
    return {**clean, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def start_build(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    """A build whose temporary Prefect server (and the server's guard) are up: (process, their pids)."""
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "build", "--corpus", str(SEEDS), "--output",
                             str(tmp_path / "out"), "--force"], cwd=ROOT, env=env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def started() -> list[int] | None:
        assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
        kids = [p for p in children(proc.pid) if "uvicorn" in cmdline(p) or "flows.guard" in cmdline(p)]
        return kids if len(kids) == 2 else None

    return proc, wait_for(started, 120, "the build's Prefect server never started")


def test_kill_9_of_a_build_leaves_nothing_running_and_frees_the_callers_pipes(tmp_path):
    proc, started = start_build(tmp_path)
    proc.kill()
    out, err = proc.communicate(timeout=30)  # returns only when no process holds the pipes any more
    assert proc.returncode == -signal.SIGKILL
    wait_for(lambda: not any(running(p) for p in started), 30, "the Prefect server outlived its build")


def test_sigterm_ends_a_build_with_one_line_and_status_143(tmp_path):
    proc, started = start_build(tmp_path)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert err.decode().strip().splitlines()[-1] == "briefing: error: terminated (SIGTERM)"
    assert b"Traceback" not in err
    wait_for(lambda: not any(running(p) for p in started), 30, "the Prefect server outlived its build")
    assert not (tmp_path / "out" / "latest").exists()


def test_kill_9_of_serve_takes_its_prefect_server_down(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--interval", "3600", "--corpus", str(SEEDS),
                                 "--output", str(tmp_path / "out")], cwd=ROOT,
                                env={**env(tmp_path), "BRIEFING_SERVE_PORT": str(port), "BRIEFING_SERVE_UI": "false"},
                                stdout=subprocess.DEVNULL, stderr=sink)
    try:
        wait_for(lambda: re.search(r"Prefect API at (\S+);", log.read_text(errors="replace")) or proc.poll() is not None,
                 150, "serve never started its server")
        assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
        server = [p for p in children(proc.pid) if "server start" in cmdline(p)]
        assert len(server) == 1
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
    finally:
        proc.kill()
        proc.wait(timeout=30)

    def port_closed() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return False
        except OSError:
            return True

    wait_for(port_closed, 45, "serve's Prefect server still answers after serve was killed")
    wait_for(lambda: not running(server[0]), 30, "serve's Prefect server process outlived serve")


def test_a_build_on_local_processes_leaves_no_server_behind(tmp_path):
    # Prefect's worker processes and background threads see no settings context: without the
    # build's API URL set process-wide, one of them started a server of its own, which outlived
    # the build and held its output pipes open.
    for i in range(2):  # (it showed from the second cold build on one Prefect home)
        out = tmp_path / f"out{i}"
        done = subprocess.run([sys.executable, "-m", "flows.cli", "build", "--corpus", str(SEEDS), "--output", str(out),
                               "--runner", "processes", "--quiet"], cwd=ROOT, env=env(tmp_path), capture_output=True,
                              timeout=120)  # a server left behind would hold the pipes open past the timeout
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        assert done.stderr.decode() == ""  # --quiet: no Prefect warning about events it could not send
        assert done.stdout.decode().strip().startswith(str(out / "editions"))
