"""The ``briefing`` command: thin commands over the plain stage functions.

Exit status (also in ``--help``): 0 published, or nothing to do; 1 unusable input (corpus or
output); 2 usage or settings; 3 published but the delivery by email failed; 130 interrupted;
143 terminated (SIGTERM). Errors and warnings are one line each on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from .build import prefect_environment, progress
from .settings import SettingsError, load_settings

EXIT_FAILED, EXIT_USAGE, EXIT_DELIVERY = 1, 2, 3
EXIT_CODES = ("exit status: 0 published, or nothing to do; 1 unusable input (corpus or output folder); "
              "2 usage or settings error; 3 published, but the delivery by email failed; 130 interrupted; 143 terminated")


class Terminated(KeyboardInterrupt):
    """SIGTERM: the command stops as on Ctrl-C, and says so."""


def _terminated(signum, frame) -> None:
    raise Terminated


def _warn(message: str) -> None:
    print(f"briefing: warning: {message}", file=sys.stderr)


SKIPPED_SHOWN = 20  # sources not used listed one by one, per reason; the rest counted (all are in the manifest)


def _not_used(skipped) -> list[str]:
    """One line per source not used, but at most SKIPPED_SHOWN for one reason (a corpus over the
    document limit is thousands of lines for one cause) and a count of the others."""
    by_reason: dict[str, list] = {}
    for s in skipped:
        by_reason.setdefault(s.reason, []).append(s)
    lines = []
    for reason, group in by_reason.items():
        lines += [f"source not used: {s.path} ({reason})" for s in group[:SKIPPED_SHOWN]]
        if len(group) > SKIPPED_SHOWN:
            lines.append(f"{len(group) - SKIPPED_SHOWN:,} more sources not used ({reason})")
    return lines


def _fail(message: str, status: int = EXIT_FAILED) -> int:
    print(f"briefing: error: {message}", file=sys.stderr)
    return status


def cmd_build(args: argparse.Namespace) -> int:
    """Run the flow and publish an edition; print its folder."""
    settings = load_settings(config=args.config, corpus=args.corpus, output=args.output, title=args.title, paper_size=args.paper,
                             distribution=args.distribution, focus=args.focus,
                             skip_unchanged=False if args.force else None, runner=args.runner, corrections=args.corrections,
                             dask_address=args.dask_address)
    from .compare import FocusError
    from .corrections import load_corrections
    from .headstart import collect_less
    from .ingest import CorpusError, ingest_with
    from .publish import check_writable, plan_edition
    from .settings import corrections_path

    collect_less()
    # Fail fast, in one line, before Prefect starts: an unusable corpus, output folder or corrections file.
    corpus = ingest_with(settings)
    check_writable(settings.output)
    if (path := corrections_path(settings)) is not None:
        load_corrections(path)
    if not args.quiet:  # one line each, with or without a terminal
        for line in _not_used(corpus.skipped):
            _warn(line)
    plan = plan_edition(corpus, settings)
    if plan.skip_reason:  # answered before Prefect starts: nothing to build
        print(f"briefing: no new edition: {plan.skip_reason}", file=sys.stderr)
        print(Path(settings.output) / "editions" / (plan.previous or ""))
        return 0
    # Prefect's log lines would break the progress display: on the console only with --verbose
    prefect_environment(quiet=not args.verbose)
    from .build import build
    from .server import ServerError

    try:
        with progress(sys.stderr.isatty() and not args.quiet and not args.verbose) as status:
            result = build(settings, corpus, plan, status)
    except (ServerError, CorpusError) as exc:
        return _fail(str(exc))
    except FocusError as exc:
        return _fail(str(exc), EXIT_USAGE)
    if not result.published:
        print(f"briefing: no new edition: {result.reason}", file=sys.stderr)
    if not args.quiet:
        for message in result.warnings:
            _warn(message)
    print(result.edition)
    if result.delivery and result.delivery.startswith("failed"):
        _warn(f"edition published, but the delivery {result.delivery}")
        return EXIT_DELIVERY
    return 0


def cmd_facts(args: argparse.Namespace) -> int:
    """Ingest and extract only; write facts.json, and texts/<id>.txt beside it for every source
    that is not plain text (its evidence offsets index that text)."""
    settings = load_settings(config=args.config, corpus=args.corpus)
    from .corrections import correct
    from .extract import extract
    from .ingest import ingest_with
    from .settings import corrections_path

    corpus = ingest_with(settings)
    result = extract(corpus)
    corrected = correct(result.facts, corrections_path(settings), corpus.documents)
    out = Path(args.json)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(corrected.facts.model_dump_json(indent=2), encoding="utf-8")
        extracted = [d for d in corpus.documents if d.format != "text"]
        if extracted:
            (out.parent / "texts").mkdir(exist_ok=True)
        for d in extracted:
            (out.parent / "texts" / f"{d.id}.txt").write_text(d.text, encoding="utf-8")
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror or exc}")
    for line in _not_used(result.skipped):
        _warn(line)
    if corrected.applied:
        print(f"applied {len(corrected.applied)} corrections from {corrected.file}", file=sys.stderr)
    for s in corrected.stale:
        _warn(f"correction not applied: {corrected.file} line {s.line}: {s.what} ({s.reason})")
    f = corrected.facts
    print(f"{len(f.documents)} documents, {len(f.delegations)} delegations, {len(f.positions)} positions, "
          f"{len(f.events)} events -> {out}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the build_briefing deployment on a schedule until stopped."""
    if bool(args.cron) == bool(args.interval):
        return _fail("give exactly one of --cron or --interval", EXIT_USAGE)
    if args.timezone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(args.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return _fail(f"unknown time zone: {args.timezone}", EXIT_USAGE)
    settings = load_settings(config=args.config, corpus=args.corpus, output=args.output)
    from .ingest import ingest_with
    from .publish import check_writable
    from .server import LocalServer, ServerError, claim_output

    ingest_with(settings)
    check_writable(settings.output)
    try:
        claim = claim_output(settings.output)  # noqa: F841  (held until this process ends)
    except ServerError as exc:
        return _fail(str(exc))
    corpus, output = str(settings.corpus.resolve()), str(Path(settings.output).resolve())
    prefect_environment(quiet=False)

    def stop(signum, frame):  # SIGTERM stops like Ctrl-C: the runner and the server shut down
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        with LocalServer(Path(output) / ".prefect-server.log", port=settings.serve_port, ui=settings.serve_ui) as api_url:
            when = f"cron '{args.cron}'" if args.cron else f"every {args.interval:g} s"
            print(f"briefing: serving build_briefing ({when}{', ' + args.timezone if args.timezone else ''}); "
                  f"Prefect API at {api_url}; corpus {corpus}; output {output}", file=sys.stderr, flush=True)
            from .pipeline import serve_briefing

            def announce(deployment_id) -> None:
                if settings.serve_ui:
                    ui = api_url.removesuffix("/api")
                    print(f"briefing: the deployment in Prefect's UI: {ui}/deployments/deployment/{deployment_id}; "
                          "the first edition is being built now", file=sys.stderr, flush=True)

            serve_briefing(corpus, output, cron=args.cron, interval=args.interval, timezone=args.timezone,
                           announce=announce)
    except (KeyboardInterrupt, SystemExit):  # Prefect's runner turns SIGTERM into SystemExit(0)
        pass
    except ServerError as exc:
        return _fail(str(exc))
    print("briefing: stopped", file=sys.stderr)
    # Everything this command started is down (runner, schedule paused, server stopped). Prefect's
    # background workers can keep the interpreter from exiting, so leave without waiting for them.
    _release()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def parser() -> argparse.ArgumentParser:
    from importlib.metadata import PackageNotFoundError, version

    try:
        own = version("briefing")
    except PackageNotFoundError:
        own = "unknown"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, metavar="FILE",
                        help="settings file (TOML; default: briefing.toml in the working folder, if any); "
                             "the order is defaults, file, BRIEFING_* environment, flags")
    p = argparse.ArgumentParser(prog="briefing", description="Turn a folder of source documents into a grounded PDF briefing.",
                                epilog=EXIT_CODES)
    p.add_argument("--version", action="version", version=f"briefing {own}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", parents=[common], epilog=EXIT_CODES, help="run the Prefect flow and publish an edition under OUTPUT/editions/",
                       description="Run ingest → extract → compare → render → publish and print the edition folder. "
                                   "Settings also come from BRIEFING_* environment variables.")
    b.add_argument("--corpus", type=Path, help="folder of source documents (default: seeds/, or BRIEFING_CORPUS)")
    b.add_argument("--output", type=Path, help="folder for editions (default: output/, or BRIEFING_OUTPUT)")
    b.add_argument("--title", help="title on the cover and in the running header")
    b.add_argument("--focus", action="append", metavar="ACTOR",
                   help="actor whose positions the briefing compares; repeat for one briefing per actor in the same edition "
                        "(default: the actor whose views the sources report most)")
    b.add_argument("--corrections", type=Path, metavar="FILE",
                   help="the analyst's corrections (YAML; default: corrections.yaml beside the corpus folder, if any)")
    b.add_argument("--paper", choices=["A4", "Letter"], help="paper size (default: A4)")
    b.add_argument("--distribution", help="distribution line printed on the cover")
    b.add_argument("--quiet", action="store_true", help="no progress display, no warnings, no Prefect logs: the edition path or one error line")
    b.add_argument("--verbose", action="store_true", help="Prefect's run logs on the console instead of the progress display")
    b.add_argument("--force", action="store_true", help="publish a new edition even when nothing changed")
    b.add_argument("--runner", choices=["threads", "processes"],
                   help="run extraction and evidence layout batches in threads (default) or local processes")
    b.add_argument("--dask-address", metavar="tcp://HOST:PORT",
                   help="run those batches on a Dask cluster's workers (or BRIEFING_DASK_ADDRESS)")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", parents=[common], help="rebuild on a schedule (cron or interval) until stopped",
                       description="Serve the build_briefing deployment with its schedule. Starts and supervises a "
                                   "Prefect server on 127.0.0.1 unless PREFECT_API_URL points at one.")
    s.add_argument("--cron", help='cron schedule, e.g. "0 6 * * 1" (Mondays 06:00)')
    s.add_argument("--interval", type=float, metavar="SECONDS", help="rebuild every SECONDS instead of a cron schedule")
    s.add_argument("--timezone", help="IANA time zone of the schedule, e.g. Europe/Brussels (default UTC)")
    s.add_argument("--corpus", type=Path, help="folder of source documents (default: seeds/)")
    s.add_argument("--output", type=Path, help="folder for editions (default: output/)")
    s.set_defaults(func=cmd_serve)

    f = sub.add_parser("facts", parents=[common], help="extract grounded facts from a corpus into a facts.json",
                       description="Run ingest and extract only (no Prefect) and write facts.json (schema_version 1).")
    f.add_argument("corpus", type=Path, metavar="CORPUS_DIR", help="folder of source documents")
    f.add_argument("--json", required=True, metavar="FILE", help="where to write facts.json")
    f.set_defaults(func=cmd_facts)
    return p


def main(argv: list[str] | None = None) -> int:
    """The command line; run as the program (no ``argv``), the process ends as soon as the command
    has answered (see ``_leave``)."""
    code = _command(argv)
    if argv is None:
        _leave(code)
    return code


def _leave(code: int) -> None:
    """End the process now, its output flushed: the interpreter's teardown of Prefect, pandas and
    WeasyPrint (about a second) does nothing a finished command needs. Prefect's logs and events
    were drained to its server when the flow ended (``using_api``)."""
    _release()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _release() -> None:
    """What ``os._exit`` would leave behind: the fonts WeasyPrint copied to the temporary folder."""
    render = sys.modules.get(f"{__package__}.render")
    if render is not None:
        render.release_fonts()


def _command(argv: list[str] | None) -> int:
    args = parser().parse_args(argv)
    from .settings import unknown_variables

    if not getattr(args, "quiet", False):
        for message in unknown_variables():
            _warn(message)
    from .corrections import CorrectionsError
    from .ingest import CorpusError
    from .publish import PublishError

    if args.command != "serve":  # serve stops its runner and server itself on SIGTERM
        signal.signal(signal.SIGTERM, _terminated)
    try:
        return args.func(args)
    except (SettingsError, CorrectionsError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except (CorpusError, PublishError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt as exc:
        # One line and the conventional status; leave at once: Prefect's background threads could
        # hold the interpreter, and the servers this command started are stopped by their guards.
        _leave(_fail("terminated (SIGTERM)", 143) if isinstance(exc, Terminated) else _fail("interrupted", 130))
    except Exception as exc:  # a bug: one line here, the details are in the Prefect run's logs
        return _fail(f"{args.command} failed: {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    sys.exit(main())
