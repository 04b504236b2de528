"""Shared by the benchmarks: synthetic corpora of the seeds' genres from varied templates, and timing."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

HOSTS = [("Japan", ["Tokyo", "Osaka"]), ("South Korea", ["Seoul", "Busan"]), ("Australia", ["Canberra", "Sydney"]),
         ("India", ["New Delhi", "Mumbai"]), ("Finland", ["Helsinki"]), ("Georgia", ["Tbilisi", "Batumi"])]
ORGS = ["NATO Parliamentary Assembly", "European Parliament", "OSCE Parliamentary Assembly"]
LEADERS = [("Anna Berg", "Norway"), ("Pierre Martin", "France"), ("John Smith", "United Kingdom"), ("Jane Doe", "Canada")]
TARGETS = ["China", "Russia", "North Korea", "Iran", "the United States", "NATO", "the European Union"]
MONTHS = ["January", "March", "May", "June", "September", "November"]


def release(rng: random.Random, i: int) -> str:
    host, cities = rng.choice(HOSTS)
    org, (leader, country) = rng.choice(ORGS), rng.choice(LEADERS)
    year, month, day = rng.randint(2005, 2024), rng.choice(MONTHS), rng.randint(1, 20)
    target, partner = rng.sample(TARGETS, 2)
    return (f"Parliamentarians review security in {host} ({i})\n\n{day + 7} {month} {year}\n\n"
            f"A delegation of the {org} visited {' and '.join(cities)} from {day} to {day + 4} {month} {year}. "
            f"The group, comprising {rng.randint(8, 30)} parliamentarians from {rng.randint(5, 20)} member countries, "
            f"was led by {leader} ({country}).\n\nHost country officials stressed that {target} poses an immediate threat "
            f"to {host}. Officials expressed concern about {partner}'s policies. {host} wants to deepen its partnership "
            f"with the European Union. The delegation met Kenji Sato, Deputy Minister of Defence, and other officials.\n")


def analysis(rng: random.Random, i: int) -> str:
    a, b = rng.sample(TARGETS, 2)
    host, _ = rng.choice(HOSTS)
    year = rng.randint(2005, 2024)
    return (f"The Outlet\n\n{host} and its neighbours: note {i}\n\nBy Sam Writer\n\n"
            f"In {year}, {host} held talks with {a}. Officials in {host} consider {b} a long-term threat. "
            f"{host}'s diplomatic tensions with {a} remain the biggest obstacle.\n\nWant to read more?\nSubscribe\n")


def make_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = release(rng, i) if i % 2 else analysis(rng, i)
        (folder / f"doc_{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder


ROOT = Path(__file__).resolve().parent.parent
BRIEFING = str(Path(sys.executable).with_name("briefing"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
EMPTY_FLOW = "from prefect import flow\n@flow\ndef empty():\n    return 1\nempty()\n"
# the same, configured as the build configures its temporary server: no flow-run heartbeats
EMPTY_FLOW_NO_HEARTBEATS = ("from prefect import flow\nfrom prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings\n"
                            "@flow\ndef empty():\n    return 1\n"
                            "with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):\n    empty()\n")


def prefect_env() -> dict:
    """The environment of every timed command: Prefect's temporary server, no telemetry, quiet."""
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}
    env.pop("PREFECT_API_URL", None)
    return env


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def seed_paragraphs() -> list[str]:
    """Real paragraphs: those of the seed documents (long enough to be prose, not furniture)."""
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            para = para.strip()
            if len(para) > 120:
                out.append(para)
    return out


def recombined_corpus(folder: Path, n: int, seed: int = 11, start: int = 0) -> Path:
    """``n`` unique documents recombined from real paragraphs: a headline and a date line, then 3 to
    8 paragraphs of the seeds in a new order (real text, so neither the extractor nor the renderer
    is flattered by template sentences)."""
    rng = random.Random(seed + start)
    paras = seed_paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        body = rng.sample(paras, rng.randint(3, 8))
        year, month, day = rng.randint(2010, 2024), rng.choice(MONTHS), rng.randint(1, 28)
        head = " ".join(rng.choice(paras).split()[:rng.randint(6, 11)]).rstrip(".,;:")
        text = f"{head} (note {i})\n\n{day} {month} {year}\n\n" + "\n\n".join(body) + "\n"
        (folder / f"doc_{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder
