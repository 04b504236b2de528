"""A real Prefect server on loopback for scheduled serving, started and supervised here.

Prefect's temporary server does not run the scheduler, so `briefing serve` needs a real one.
When ``PREFECT_API_URL`` is set, that server is reused and nothing is started. This module does
not import Prefect: it runs the ``prefect`` command installed beside the interpreter, before
Prefect is imported and configured in this process.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


class ServerError(Exception):
    """The Prefect server could not be started; the message says why and where its log is."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as resp:  # noqa: S310 (loopback only)
            return resp.status == 200
    except OSError:
        return False


def claim_output(output: Path):
    """Hold ``OUTPUT/.serve.lock`` for as long as this process serves that output (the lock goes
    with the process, however it ends). A second `serve` on the same output is a ServerError."""
    import fcntl

    path = Path(output) / ".serve.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip()
        handle.close()
        raise ServerError(f"another `briefing serve` already serves {output}" + (f" (process {holder})" if holder else "")
                          + "; stop it first, or serve another output folder") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


class LocalServer:
    """``with LocalServer(log) as api_url:`` a server on 127.0.0.1 for the duration of the block."""

    def __init__(self, log: Path, port: int | None = None, startup_timeout: float = 120.0, ui: bool = True) -> None:
        self.log, self.port, self.timeout, self.ui = Path(log), port, startup_timeout, ui
        self.proc: subprocess.Popen | None = None
        self.api_url = os.environ.get("PREFECT_API_URL")

    def __enter__(self) -> str:
        if self.api_url:
            return self.api_url  # a server the user runs: reuse it
        self.port = self.port or free_port()
        if not port_free(self.port):
            raise ServerError(f"port {self.port} on 127.0.0.1 is in use (another `briefing serve`?); "
                              "stop it or choose another with BRIEFING_SERVE_PORT")
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        exe = Path(sys.executable).with_name("prefect")
        env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": str(self.ui).lower(),
               "PREFECT_UI_API_URL": self.api_url}
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen([str(exe), "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
                                         stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                         start_new_session=True)
        from .guard import watch

        self.guard = watch(self.proc.pid, group=True)  # the server goes with this process, even on SIGKILL
        deadline = time.monotonic() + self.timeout
        while not healthy(self.api_url):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise ServerError(f"Prefect server did not start on {self.api_url}; see {self.log}")
            time.sleep(0.5)
        os.environ["PREFECT_API_URL"] = self.api_url
        return self.api_url

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class TemporaryServer:
    """Prefect's temporary API server, as Prefect itself would start it when no ``PREFECT_API_URL``
    is set (the same uvicorn command, environment and ephemeral database), but started here before
    Prefect is imported: its boot (several seconds) overlaps this process's imports and work, and
    this process never imports Prefect's server modules. ``url()`` waits until it answers; ``stop()`` ends it (a guard ends it should this process be killed).
    """

    def __init__(self, timeout: float = 120.0) -> None:
        self.timeout = timeout
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.guard = None
        self.log = None

    def start(self) -> TemporaryServer:
        import importlib.util
        import tempfile

        from .guard import watch

        self.port = free_port()
        if self.log:
            self.log.close()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  the server's output for its life; its last error is the reason it did not start
        app_dir = Path(importlib.util.find_spec("prefect").origin).parent.parent  # finding it imports nothing
        # No block types registered at its start (unless the user asks), nor the installed collections
        # imported to memoise that: the build uses no blocks, and it cost the server ~1 s of CPU,
        # taken from the build on a small machine.
        env = {"PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false", "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false", **os.environ,
               "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory",
                                      "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
                                      "--log-level", "error", "--lifespan", "on"],
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.guard = watch(self.proc.pid)
        return self

    def booting(self) -> bool:
        """Still starting: not answering yet, and not ended."""
        return self.proc is not None and self.proc.poll() is None and not healthy(f"http://127.0.0.1:{self.port}/api")

    def url(self) -> str:
        """The API's URL, once it answers."""
        api_url = f"http://127.0.0.1:{self.port}/api"
        deadline = time.monotonic() + self.timeout
        while not healthy(api_url):
            if self.proc.poll() is not None and not port_free(self.port) and time.monotonic() < deadline:
                self.start()  # another process took the port meanwhile: another port
                api_url = f"http://127.0.0.1:{self.port}/api"
                continue
            if self.proc.poll() is not None or time.monotonic() > deadline:
                reason = self._last_line()
                self.stop()
                raise ServerError(f"Prefect's temporary server did not start on {api_url}" + (f": {reason}" if reason else ""))
            time.sleep(0.05)
        return api_url

    def _last_line(self) -> str:
        self.log.seek(0)
        lines = [x.strip() for x in self.log.read().decode("utf-8", "replace").splitlines() if x.strip()]
        raised = [x for x in lines if re.match(r"[\w.]+(Error|Exception): ", x)]  # the exception, not "startup failed"
        return (raised or lines or [""])[-1]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.log:
            self.log.close()
            self.log = None
