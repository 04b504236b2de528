import subprocess
import sys

import pytest

from conftest import ROOT, write

COMMANDS = [[], ["build"], ["facts"]]


def run(*args, env=None):
    import os

    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_has_help(cmd):
    res = run(*cmd, "--help")
    assert res.returncode == 0
    assert "usage: briefing" in res.stdout
    assert "--help" in res.stdout


def test_every_option_is_documented():
    from flows.cli import parser

    sub = parser()._subparsers._group_actions[0].choices
    for name, p in sub.items():
        for action in p._actions:
            assert action.help, f"{name} {action.option_strings or action.dest} has no help"


def test_usage_error_is_one_line_and_status_2():
    res = run("frobnicate")
    assert res.returncode == 2 and "Traceback" not in res.stderr


def test_missing_corpus_is_one_line_and_status_1(tmp_path):
    res = run("build", "--corpus", str(tmp_path / "missing"), "--output", str(tmp_path / "out"))
    assert res.returncode == 1
    assert res.stderr.strip().count("\n") == 0 and "corpus folder not found" in res.stderr
    res = run("facts", str(tmp_path / "missing"), "--json", str(tmp_path / "f.json"))
    assert res.returncode == 1 and "Traceback" not in res.stderr


def test_corpus_without_readable_document(tmp_path):
    write(tmp_path / "c", "a.pdf", b"%PDF")
    res = run("facts", str(tmp_path / "c"), "--json", str(tmp_path / "f.json"))
    assert res.returncode == 1 and "no readable document" in res.stderr and "Traceback" not in res.stderr


def test_bad_setting_from_environment_is_status_2(tmp_path):
    res = run("facts", "seeds", "--json", str(tmp_path / "f.json"), env={"BRIEFING_MAX_DOCUMENT_BYTES": "lots"})
    assert res.returncode == 2 and "BRIEFING_MAX_DOCUMENT_BYTES" in res.stderr and "Traceback" not in res.stderr


def test_unwritable_json_target(tmp_path):
    (tmp_path / "file").write_text("x")
    res = run("facts", "seeds", "--json", str(tmp_path / "file" / "f.json"))
    assert res.returncode == 1 and "cannot write" in res.stderr


def test_nothing_changed_is_answered_without_starting_prefect(tmp_path):
    import shutil

    from conftest import SEEDS

    corpus, out, scratch = tmp_path / "corpus", tmp_path / "out", tmp_path / "tmp"
    shutil.copytree(SEEDS, corpus)
    scratch.mkdir()
    first = run("build", "--corpus", str(corpus), "--output", str(out), "--quiet", env={"TMPDIR": str(scratch)})
    assert first.returncode == 0, first.stderr
    # a build leaves nothing behind in the temporary folder (WeasyPrint's copy of the fonts, ~3 MB a build)
    assert list(scratch.iterdir()) == []
    # A Prefect API that cannot answer: a second build that needed Prefect would fail.
    again = run("build", "--corpus", str(corpus), "--output", str(out), "--quiet",
                env={"PREFECT_API_URL": "http://127.0.0.1:9/api"})
    assert again.returncode == 0, again.stderr
    assert "no new edition" in again.stderr and again.stdout.strip() == first.stdout.strip()


def test_delivery_failure_is_exit_3_and_warnings_reach_stderr_without_a_terminal(tmp_path):
    import shutil
    import socket

    from conftest import SEEDS

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    write(corpus, "notes.xlsx", b"PK\x03\x04 a spreadsheet")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    res = run("build", "--corpus", str(corpus), "--output", str(tmp_path / "out"),
              env={"BRIEFING_SMTP_HOST": "127.0.0.1", "BRIEFING_SMTP_PORT": str(port), "BRIEFING_SMTP_SECURITY": "none",
                   "BRIEFING_SMTP_RECIPIENTS": '["a@example.org"]', "BRIEFING_DELIVERY_RETRIES": "0",
                   "BRIEFING_PAPERSIZE": "Letter"})
    assert res.returncode == 3, res.stderr
    lines = res.stderr.splitlines()
    assert "briefing: warning: source not used: notes.xlsx (unsupported file type (.xlsx); read are plain text, Markdown, web pages (.html), PDF and Word (.docx))" in lines
    assert "briefing: warning: unknown setting BRIEFING_PAPERSIZE (did you mean BRIEFING_PAPER_SIZE?); ignored" in lines
    assert any(line.startswith("briefing: warning: edition published, but the delivery failed: mail to 127.0.0.1") for line in lines)
    assert (tmp_path / "out" / "latest" / "briefing.pdf").exists() and "Traceback" not in res.stderr


def test_settings_file_between_defaults_and_environment(tmp_path):
    from flows.settings import SettingsError, load_settings

    cfg = write(tmp_path, "team.toml", 'title = "Black Sea outlook"\nfocus = ["Romania", "Moldova"]\nretention = 5\n')
    assert (load_settings(config=cfg).title, load_settings(config=cfg).retention) == ("Black Sea outlook", 5)
    assert load_settings(config=cfg).focus == ["Romania", "Moldova"]
    import os

    os.environ["BRIEFING_RETENTION"] = "7"
    try:
        assert load_settings(config=cfg).retention == 7 and load_settings(config=cfg, retention=9).retention == 9
    finally:
        del os.environ["BRIEFING_RETENTION"]
    bad = write(tmp_path, "bad.toml", "titel = 'x'\n")
    with pytest.raises(SettingsError, match="unknown setting 'titel' \\(did you mean 'title'\\?\\)"):
        load_settings(config=bad)
    res = run("facts", str(tmp_path), "--json", str(tmp_path / "f.json"), "--config", str(tmp_path / "missing.toml"))
    assert res.returncode == 2 and res.stderr.strip() == f"briefing: error: settings file not found: {tmp_path / 'missing.toml'}"
