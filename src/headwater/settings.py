"""One settings object for the server and the CLI (environment prefix ``HEADWATER_``)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where headwater keeps its state and how it listens.

    The CLI and a running server read the same variables, so they agree on the data directory,
    the database and the keys.
    """

    model_config = SettingsConfigDict(env_prefix="HEADWATER_", env_file=".env", extra="ignore")

    data_dir: Path = Path(".headwater")
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8080
    # Keys: when unset they are generated once under data_dir/keys with 0600 permissions.
    signing_key: str | None = None
    encryption_key: str | None = None
    token_ttl_seconds: int = 86_400
    max_body_bytes: int = 4 * 1024 * 1024
    log_level: str = "info"
    # Data plane
    lake_uri: str | None = None  # default: DATA_DIR/lake; or an object-store URI (s3://…)
    lake_storage_options: dict[str, str] = {}
    landing_zone_ttl_days: int = 7
    landing_zone_max_upload_bytes: int | None = None
    scheduler_enabled: bool = True
    max_parallel_runs: int = 2
    run_lease_seconds: int = 120
    scheduler_tick_seconds: float = 0.5

    @cached_property
    def resolved_database_url(self) -> str:
        """The metadata database URL: the setting, else SQLite inside the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'headwater.db').resolve()}"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def resolved_lake_uri(self) -> str:
        return self.lake_uri or str((self.data_dir / "lake").resolve())

    @property
    def landing_zone_dir(self) -> Path:
        return (self.data_dir / "landing").resolve()

    @property
    def runs_dir(self) -> Path:
        """Per-run working files: staged rows and the rejected rows of each batch."""
        return (self.data_dir / "runs").resolve()
