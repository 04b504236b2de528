import json
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
