"""Every knob of the assistant, read from the environment (and an optional ``.env`` file)."""

from __future__ import annotations

import hashlib
import secrets
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from knowledge.search import Thresholds

MIN_SECRET_BYTES = 32
ASYNC_DRIVERS = ("postgresql+asyncpg", "sqlite+aiosqlite")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Settings(BaseSettings):
    """Configuration of the bot, the web panel and the answer engine."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = Field(
        None, description="Bot token from @BotFather. Without it the bot runs offline."
    )
    telegram_api_base_url: str = Field(
        "https://api.telegram.org/bot",
        description="Bot API base URL; the token is appended. Point it at a self-hosted server.",
    )
    telegram_webhook_url: str = Field(
        "",
        description="Public https URL Telegram posts updates to; set, the bot runs by webhook "
        "(its path is served by the bot's own web server) instead of long polling.",
    )
    telegram_webhook_secret: SecretStr | None = Field(
        None,
        description="Secret Telegram sends with every webhook call (1-256 of A-Z a-z 0-9 _ -); "
        "required with TELEGRAM_WEBHOOK_URL.",
    )
    telegram_max_rate: float = Field(
        30.0,
        description="Messages a second one process sends at most (Telegram allows about 30 a "
        "bot; with N replicas give each 30/N). 0: no limit.",
    )
    metrics_token: SecretStr | None = Field(
        None,
        description="When set, GET /metrics needs the header Authorization: Bearer <token>.",
    )
    log_format: str = Field(
        "text", description="text, or json: one JSON object a line (ids and timings, no texts)."
    )
    database_url: str = Field(
        "",
        description="SQLAlchemy async URL. Empty: SQLite file `asistente.db` in DATA_DIR. "
        "PostgreSQL: postgresql+asyncpg://user@host/db",
    )
    database_pool_size: int = Field(
        20,
        ge=4,
        description="PostgreSQL connections one process opens at most (a third handle updates, "
        "a quarter run short statements, the rest sessions); when all are in use it waits for "
        "one. Replicas × this ≤ max_connections − headroom.",
    )
    data_dir: Path = Field(Path("data"), description="Folder for the SQLite file and secrets.")
    pseudonym_secret: SecretStr | None = Field(
        None,
        description="Secret for the HMAC that pseudonymises Telegram user ids. Empty: generated "
        "once and kept in DATA_DIR/pseudonym.key.",
    )
    staff_telegram_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Comma-separated Telegram user ids of staff."
    )
    staff_chat_id: int | None = Field(
        None,
        description="Telegram chat (a staff group) told of new proposals and questions. Empty: "
        "each staff member in their private chat.",
    )
    default_language: str = Field("es", description="Language when nothing else tells (es/en).")
    flood_max_messages: int = Field(
        20, ge=1, le=10_000, description="Messages a citizen may send per window."
    )
    flood_window_seconds: float = Field(
        60.0, gt=0, le=86_400, description="Length of the flood window."
    )
    redis_url: str = Field(
        "",
        description="Redis (redis://host:6379/0) where replicas count flood messages together. "
        "Empty: each process counts its own.",
    )
    redis_key_prefix: str = Field(
        "asistente:", description="Prefix of this bot's keys in Redis (several bots can share one)."
    )
    answer_confidence: float = Field(
        Thresholds.confidence,
        ge=0,
        le=1,
        description="Estimated chance (0–1) the best FAQ entry is right, needed to answer.",
    )
    suggest_threshold: float = Field(
        Thresholds.suggest,
        ge=0,
        le=1,
        description="Minimum score to offer an entry as “¿Quiso decir…?”.",
    )
    review_deadline_days: int = Field(
        10, ge=1, le=120, description="Working days staff have to review a citizen's proposal."
    )
    outbox_poll_seconds: float = Field(
        5.0,
        ge=0.05,  # 0 would poll in a busy loop
        le=3600,
        description="How often the notification worker looks for due messages.",
    )
    startup_attempts: int = Field(
        6,
        ge=1,
        le=100,
        description="Tries of each startup call to the Bot API (getMe, setMyCommands, and "
        "setWebhook in webhook mode), waiting 1, 2, 4… s between them.",
    )
    log_level: str = Field("INFO", description="Python logging level.")
    web_host: str = Field("127.0.0.1", description="Address the staff panel listens on.")
    web_port: int = Field(8080, description="Port the staff panel listens on (0: any free port).")
    public_base_url: str = Field(
        "http://127.0.0.1:8080",
        description="Address people open the panel at; sign-in links use it. https makes the "
        "session cookie Secure.",
    )
    panel_secret: SecretStr | None = Field(
        None,
        description="Secret that encrypts the panel's session cookies (a long random string). "
        "Empty: generated once and kept in DATA_DIR/panel.key.",
    )
    knowledge_poll_seconds: float = Field(
        1.0,
        description="How often each process checks for knowledge-base edits made in the panel.",
    )

    @field_validator("pseudonym_secret", mode="before")
    @classmethod
    def _secret_long_enough(cls, value: object) -> object:
        raw = value.get_secret_value() if isinstance(value, SecretStr) else value
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None  # empty means "generate one and keep it", as documented
        if isinstance(raw, str) and len(raw.encode()) < MIN_SECRET_BYTES:
            # A short key can be guessed, and with it every pseudonym re-identified.
            raise ValueError(
                f"must be at least {MIN_SECRET_BYTES} bytes (e.g. `openssl rand -hex 32`), "
                "or empty to have one generated"
            )
        return value

    @field_validator("database_url")
    @classmethod
    def _parse_database_url(cls, value: str) -> str:
        if not value:
            return value
        try:
            driver = make_url(value).drivername
        except ArgumentError:
            driver = None
        if driver not in ASYNC_DRIVERS:
            raise ValueError(
                "must be a postgresql+asyncpg:// or sqlite+aiosqlite:// URL "
                "(e.g. postgresql+asyncpg://user@host/db)"
            )
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return value.upper()

    @field_validator("staff_telegram_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
            wrong = [part for part in parts if not part.isdigit()]
            if wrong:
                raise ValueError(
                    f"must be Telegram user ids separated by commas; {wrong[0]!r} is not one"
                )
            return [int(part) for part in parts]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("log_format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value not in ("text", "json"):
            raise ValueError("log_format must be 'text' or 'json'")
        return value

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in ("es", "en"):
            raise ValueError("default_language must be 'es' or 'en'")
        return value

    @property
    def thresholds(self) -> Thresholds:
        """The answer engine's decision thresholds."""
        return Thresholds(
            confidence=self.answer_confidence,
            suggest=self.suggest_threshold,
        )

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'asistente.db').as_posix()}"

    @property
    def secure_cookies(self) -> bool:
        """Whether the panel is reached over https, so cookies must be Secure."""
        return self.public_base_url.lower().startswith("https://")

    @cached_property
    def panel_key(self) -> bytes:
        """The 32-byte key of the panel's session cookies, created on first use when not set."""
        if self.panel_secret is not None:
            secret = self.panel_secret.get_secret_value().encode()
        else:
            path = self.data_dir / "panel.key"
            if path.exists():
                secret = path.read_bytes().strip()
            else:
                self.data_dir.mkdir(parents=True, exist_ok=True)
                secret = secrets.token_hex(32).encode()
                path.write_bytes(secret)
                path.chmod(0o600)
        return hashlib.sha256(secret).digest()

    @cached_property
    def pseudonym_key(self) -> bytes:
        """The HMAC key for pseudonyms, created and stored on first use when not configured."""
        if self.pseudonym_secret is not None:
            return self.pseudonym_secret.get_secret_value().encode()
        path = self.data_dir / "pseudonym.key"
        if path.exists():
            return path.read_bytes().strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32).encode()
        path.write_bytes(key)
        path.chmod(0o600)
        return key


def configuration_error(error: ValidationError) -> str:
    """One line naming each wrong setting as its environment variable, without its value."""
    problems = []
    for item in error.errors():
        name = str(item["loc"][0]).upper() if item["loc"] else "configuration"
        message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(f"{name} {message}")
    return "Configuration error: " + "; ".join(problems)
