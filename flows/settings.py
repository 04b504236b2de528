"""One settings object, built at the entry point: defaults, then a settings file (``briefing.toml``
in the working folder, or ``--config FILE``), then BRIEFING_* environment variables, then CLI flags
(passed as keyword arguments)."""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

CONFIG_FILE: ContextVar[Path | None] = ContextVar("briefing_config_file", default=None)
DEFAULT_CONFIG = "briefing.toml"
# BRIEFING_* variables read elsewhere (prefect.yaml's deployment), not settings
OTHER_VARIABLES = {"BRIEFING_PROJECT_DIR"}

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "report_templates"


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message says which and why."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BRIEFING_", frozen=True, extra="forbid")

    corpus: Path = Path("seeds")
    output: Path = Path("output")
    templates: Path = TEMPLATES_DIR

    title: str | None = None  # None: named after the focus ("Japan's security outlook")
    subtitle: str = "Delegations and positions compared across the sources, {period}"
    # actors whose positions the briefings compare, one briefing each; none: the actor whose views
    # the sources report most. BRIEFING_FOCUS: one name, or a JSON list
    focus: Annotated[list[str], NoDecode] = Field(default_factory=list)
    corrections: Path | None = None  # the analyst's corrections; default: corrections.yaml beside the corpus folder
    distribution: str | None = None
    author: str = "briefing (generated from the sources listed inside)"
    paper_size: Literal["A4", "Letter"] = "A4"
    language: str = "en"

    max_document_bytes: int = Field(default=5_000_000, gt=0)
    max_documents: int = Field(default=50_000, gt=0)
    max_binary_bytes: int = Field(default=50_000_000, gt=0)  # PDF and Word files
    max_pdf_pages: int = Field(default=500, gt=0)
    max_lines: int = Field(default=100_000, gt=0)  # per document: more lines is a data file (and bounds memory)
    max_unpacked_bytes: int = Field(default=200_000_000, gt=0)  # what a Word file may unpack to
    reader_seconds: float = Field(default=60.0, gt=0)  # per PDF, web page or Word file
    reader_memory_bytes: int = Field(default=2_000_000_000, gt=100_000_000)
    retention: int = Field(default=20, ge=1)
    runner: Literal["threads", "processes"] = "threads"  # where extraction and layout batches run
    dask_address: str | None = None  # a Dask scheduler, e.g. tcp://10.0.0.5:8786: batches run on its workers
    extract_batch: int = Field(default=250, gt=0)  # documents per extraction task
    layout_batch: int = Field(default=50, gt=0)  # evidence sections per layout task
    serve_port: int = Field(default=4200, gt=0, lt=65536)  # `serve`: the Prefect server's port (API and UI)
    serve_ui: bool = True  # `serve`: Prefect's web UI on that port
    skip_unchanged: bool = True  # no new edition when inputs, templates, code and settings are unchanged

    # Delivery by email (off unless smtp_host and smtp_recipients are set).
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, gt=0, lt=65536)
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_sender: str | None = None
    smtp_recipients: list[str] = Field(default_factory=list)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None  # BRIEFING_SMTP_PASSWORD
    smtp_password_file: Path | None = None  # a file holding the password (kept out of run parameters)
    smtp_bcc: bool = True  # several recipients: each gets the message in Bcc, none sees the others
    smtp_only_when_changed: bool = False
    delivery_retries: int = Field(default=3, ge=0, le=10)  # after 2, 10, 30, 30... seconds  # no mail for an edition whose facts did not change

    @field_validator("focus", mode="before")
    @classmethod
    def _focus_list(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else [text]
        if isinstance(value, list):
            value = [v.strip() for v in value if isinstance(v, str) and v.strip()] + [v for v in value if not isinstance(v, str)]
        return value

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings) -> tuple[PydanticBaseSettingsSource, ...]:
        """Flags (init), then the environment, then the settings file, then the defaults."""
        path = CONFIG_FILE.get()
        sources: tuple[PydanticBaseSettingsSource, ...] = (init_settings, env_settings)
        if path is not None:
            sources += (TomlConfigSettingsSource(settings_cls, toml_file=path),)
        return sources


def cache_dirs(settings: Settings) -> dict[str, Path]:
    """Where the build keeps what it can reuse (under ``OUTPUT/.cache``): texts read from non-text
    files, extracted facts, the briefing laid out ahead by the head start, evidence sections."""
    root = Path(settings.output) / ".cache"
    return {name: root / name for name in ("texts", "extract", "briefing", "evidence")}


def corrections_path(settings: Settings) -> Path | None:
    """The corrections file in use: the one set (it must exist), else corrections.yaml beside the
    corpus folder if there is one."""
    if settings.corrections is not None:
        if not Path(settings.corrections).is_file():
            raise SettingsError(f"corrections file not found: {settings.corrections}")
        return Path(settings.corrections)
    beside = Path(settings.corpus).resolve().parent / "corrections.yaml"
    return beside if beside.is_file() else None


def unknown_variables(environ: dict[str, str] | None = None) -> list[str]:
    """One warning per BRIEFING_* variable that names no setting, with the closest known one."""
    known = {f"BRIEFING_{name.upper()}" for name in Settings.model_fields}
    out = []
    for name in sorted(environ if environ is not None else os.environ):
        if name.startswith("BRIEFING_") and name not in known | OTHER_VARIABLES:
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
            out.append(f"unknown setting {name}" + (f" (did you mean {close[0]}?)" if close else "") + "; ignored")
    return out


def config_file(given: Path | None) -> Path | None:
    """The settings file: the one given, else briefing.toml in the working folder if there is one."""
    if given is not None:
        if not Path(given).is_file():
            raise SettingsError(f"settings file not found: {given}")
        return Path(given)
    return Path(DEFAULT_CONFIG) if Path(DEFAULT_CONFIG).is_file() else None


def load_settings(config: Path | None = None, **overrides: object) -> Settings:
    """Settings from defaults, the settings file, the environment and ``overrides`` (None values
    are ignored)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    path = config_file(config)
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"bad settings file {path}: {exc}") from None
        unknown = sorted(set(data) - set(Settings.model_fields))
        if unknown:
            close = difflib.get_close_matches(unknown[0], sorted(Settings.model_fields), n=1)
            raise SettingsError(f"bad settings file {path}: unknown setting {unknown[0]!r}"
                                + (f" (did you mean {close[0]!r}?)" if close else ""))
    token = CONFIG_FILE.set(path)
    try:
        return Settings(**given)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "settings"
        raise SettingsError(f"bad setting {where} (BRIEFING_{where.upper()}): {err['msg']}") from None
    finally:
        CONFIG_FILE.reset(token)
