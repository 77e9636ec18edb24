"""The dashboard's settings: the `[dash]` configuration section, `TORC_DASH__*`, then flags.

The settings travel from the command (`torc_dash.cli`) to the web worker process through one
environment variable, as JSON, since granian imports the app in a process of its own.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from typing import Any

SETTINGS_ENV = "TORC_DASH_SETTINGS"
LEGACY_API_URL_ENV = "TORC_API_URL"


@dataclass
class DashSettings:
    host: str = "127.0.0.1"
    port: int = 8090
    api_url: str = "http://localhost:8080/torc-service/v1"
    torc_bin: str = "torc"
    torc_server_bin: str = "torc-server"
    standalone: bool = False
    server_port: int = 0
    database: str | None = None
    completion_check_interval_secs: int = 5
    managed_server_pid: int | None = None
    """The torc-server that `--standalone` started (the command stops it on exit)."""

    def to_env(self) -> None:
        os.environ[SETTINGS_ENV] = json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> DashSettings:
        raw = os.environ.get(SETTINGS_ENV)
        if not raw:
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in json.loads(raw).items() if k in known})


def resolve(flags: dict[str, Any]) -> tuple[DashSettings, list[str]]:
    """Merge the configuration layers with the flags given (None: not given); also the
    configuration's problems, as warning lines."""
    from torc_cli import config

    loaded = config.load()
    dash = loaded.values.get("dash", {})
    values: dict[str, Any] = {}
    for f in fields(DashSettings):
        if f.name in dash:
            values[f.name] = dash[f.name]
    # the legacy client variable, when no file or TORC_DASH__API_URL set the URL
    if loaded.origins.get("dash.api_url") in (None, "default") and os.environ.get(
        LEGACY_API_URL_ENV
    ):
        values["api_url"] = os.environ[LEGACY_API_URL_ENV]
    values.update({k: v for k, v in flags.items() if v is not None})
    warnings = [str(p) for p in loaded.problems if "dash." in str(p) or "[dash]" in str(p)]
    return DashSettings(**values), warnings
