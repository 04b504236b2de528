"""One settings object, built at the entry point: defaults, then BRIEFING_* environment
variables, then CLI flags (passed as keyword arguments)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "report_templates"


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message says which and why."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BRIEFING_", frozen=True, extra="forbid")

    corpus: Path = Path("seeds")
    output: Path = Path("output")
    templates: Path = TEMPLATES_DIR

    title: str = "Japan's security outlook"
    subtitle: str = "Delegations and positions compared across the sources, {period}"
    focus_actor: str = "Japan"
    distribution: str | None = None
    author: str = "briefing (generated from the sources listed inside)"
    paper_size: Literal["A4", "Letter"] = "A4"
    language: str = "en"

    max_document_bytes: int = Field(default=5_000_000, gt=0)
    max_documents: int = Field(default=5_000, gt=0)
    max_binary_bytes: int = Field(default=50_000_000, gt=0)  # PDF and Word files
    max_pdf_pages: int = Field(default=500, gt=0)
    max_unpacked_bytes: int = Field(default=200_000_000, gt=0)  # what a Word file may unpack to
    reader_seconds: float = Field(default=60.0, gt=0)  # per PDF, web page or Word file
    reader_memory_bytes: int = Field(default=2_000_000_000, gt=100_000_000)
    retention: int = Field(default=20, ge=1)
    runner: Literal["threads", "processes"] = "threads"  # where extraction and layout batches run
    dask_address: str | None = None  # a Dask scheduler, e.g. tcp://10.0.0.5:8786: batches run on its workers
    extract_batch: int = Field(default=250, gt=0)  # documents per extraction task
    layout_batch: int = Field(default=50, gt=0)  # evidence sections per layout task
    skip_unchanged: bool = True  # no new edition when inputs, templates, code and settings are unchanged

    # Delivery by email (off unless smtp_host and smtp_recipients are set).
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, gt=0, lt=65536)
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_sender: str | None = None
    smtp_recipients: list[str] = Field(default_factory=list)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None  # BRIEFING_SMTP_PASSWORD


def load_settings(**overrides: object) -> Settings:
    """Settings from defaults, the environment and ``overrides`` (None values are ignored)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "settings"
        raise SettingsError(f"bad setting {where} (BRIEFING_{where.upper()}): {err['msg']}") from None
