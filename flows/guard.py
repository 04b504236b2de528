"""A watcher that stops a process when the one that started it dies, even by ``kill -9``.

``python -m flows.guard PID STARTTIME [--group]`` waits until its standard input (a pipe whose
other end only its parent holds) reaches end of file, then stops PID (its whole process group
with ``--group``): SIGTERM, then SIGKILL after a grace period. It leaves at once when PID ends on
its own. STARTTIME (from ``/proc/PID/stat``) makes sure a reused PID is never signalled.

The builds start Prefect's temporary API server and ``serve`` starts a Prefect server; a parent
killed with SIGKILL runs no clean-up, so without this the server would keep running, holding a
port, memory and the caller's output pipes.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

GRACE = 10.0  # seconds between SIGTERM and SIGKILL


def start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rpartition(")")[2].split()[19]


def alive(pid: int, started: str) -> bool:
    return start_time(pid) == started


def stop(pid: int, started: str, group: bool) -> None:
    kill = (lambda sig: os.killpg(pid, sig)) if group else (lambda sig: os.kill(pid, sig))
    try:
        if alive(pid, started):
            kill(signal.SIGTERM)
        deadline = time.monotonic() + GRACE
        while alive(pid, started) and time.monotonic() < deadline:
            time.sleep(0.1)
        if alive(pid, started):
            kill(signal.SIGKILL)
    except ProcessLookupError:
        pass


def watch(pid: int, group: bool = False) -> subprocess.Popen | None:
    """Start a guard for ``pid`` (a child of this process); keep the returned object referenced:
    when this process ends, its pipe closes and the guard stops ``pid``."""
    started = start_time(pid)
    if started is None:
        return None
    args = [sys.executable, "-m", "flows.guard", str(pid), started, *(["--group"] if group else [])]
    return subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, close_fds=True)


def main(argv: list[str]) -> int:
    pid, started, group = int(argv[0]), argv[1], "--group" in argv[2:]
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C to the terminal is the parent's to handle
    while alive(pid, started):
        ready, _, _ = select.select([sys.stdin.buffer], [], [], 0.5)
        if ready and not os.read(sys.stdin.fileno(), 4096):  # end of file: the parent is gone
            stop(pid, started, group)
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
