"""A build, around its flow: Prefect's settings, its temporary server, the head start, then the flow.

The command line checks the inputs before any of this and prints the outcome after it
(``cli.cmd_build``); the flow itself is ``pipeline.build_briefing``.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import BuildResult, Corpus, EditionPlan
    from .settings import Settings


def prefect_environment(quiet: bool) -> None:
    """Defaults for Prefect, set before it is imported (the user's own settings win)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")  # the client's telemetry, and its first-run notice
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
    # a busy machine (several builds at once, two cores) boots the temporary server slowly
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    if quiet:  # the outcome is the printed edition path or a one-line error
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "CRITICAL")


@contextmanager
def progress(show: bool):
    """A spinner with a status line on a terminal; nothing otherwise. Yields a function to update it."""
    if not show:
        yield lambda text: None
        return
    from rich.console import Console

    with Console(stderr=True).status("Starting Prefect and loading the renderer…") as spinner:
        yield spinner.update


def _warm_up(templates: Path) -> None:
    from . import compare, extract, publish  # noqa: F401
    from .render import warm_up
    from .render import view  # noqa: F401

    warm_up(templates)


def build(settings: Settings, corpus: Corpus, plan: EditionPlan, status: Callable[[str], None]) -> BuildResult:
    """Run the flow for ``plan`` (checked and planned by the caller) and return its result. Raises
    ``ServerError`` when Prefect's server does not come up, and what the flow raises."""
    from .server import TemporaryServer

    # Prefect's temporary server boots in a subprocess (seconds) while this process imports Prefect
    # and gives the flow a head start (see headstart.py).
    server = None if os.environ.get("PREFECT_API_URL") else TemporaryServer().start()
    try:
        from .pipeline import configured_api, run_build, using_api  # imports Prefect, not the stages

        # What lives for the whole build (modules, and after the head start the corpus and its
        # facts) is moved out of the cyclic collector's sight: layout and models make millions
        # of short-lived objects, and every full collection walked all of it again (measured:
        # ~3 s of a 1,000-document rebuild).
        gc.freeze()

        if server and configured_api():  # a server named in the user's Prefect profile: that one
            server.stop()
            server = None
        ahead = None
        # The flow's in-process threads would do this work in this process anyway (one interpreter lock):
        # nothing is lost by doing it first, to the end, with the evidence volume laid out beside it on
        # the other core (with a lasting server too). Processes and a cluster do it in parallel in the
        # flow: for them the head start only fills the time a temporary server takes to boot.
        in_process = settings.runner == "threads" and not settings.dask_address
        if server or in_process:  # the first stages, into the caches the flow reads
            from .headstart import head_start

            status("Extracting and laying out while Prefect's server starts…" if server else "Extracting and laying out…")
            ahead = head_start(corpus, settings, plan, keep_going=(lambda: True) if in_process else server.booting,
                               beside=in_process)
            gc.freeze()
        else:
            _warm_up(settings.templates)
        api_url = server.url() if server else None
        status("Building the briefing (Prefect flow: ingest → extract → compare → render → publish)…")
        with using_api(api_url):
            return run_build(settings, now=plan.created, ahead=ahead)
    finally:
        if server:
            server.stop()
