import json
import logging
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def seed_extraction():
    from flows.extract import extract
    from flows.ingest import ingest

    return extract(ingest(SEEDS))


@pytest.fixture(scope="session")
def seed_facts_json(seed_extraction):
    return json.loads(seed_extraction.facts.model_dump_json())


@pytest.fixture(scope="session")
def gold():
    return json.loads((DATA / "gold_seeds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def prefect_harness():
    """One Prefect test server for the whole session (entering it takes ~15 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
        yield


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def plan(when: str = "2026-01-02T03:04:05Z", fingerprint: str = "test"):
    """An edition plan for render and publish tests (the clock read a build would make)."""
    from datetime import datetime

    from flows.models import EditionPlan

    created = datetime.fromisoformat(when.replace("Z", "+00:00"))
    return EditionPlan(fingerprint=fingerprint, previous=None, skip_reason=None,
                       edition=created.strftime("%Y%m%dT%H%M%SZ"), created=created)


class WeasyPrintLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def assert_no_weasyprint_warnings():
    """Fails the test when WeasyPrint logs a warning or an error while it runs (as WeasyPrint's
    own tests do with ``assert_no_logs``)."""
    handler = WeasyPrintLog()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
    assert [r.getMessage() for r in handler.records] == [], "WeasyPrint logged warnings"
