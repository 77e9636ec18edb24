"""`Configuration` and `ApiClient`: connecting the way the old generated client did.

    from torc import ApiClient, Configuration, DefaultApi

    config = Configuration(host="http://localhost:8080/torc-service/v1",
                           username="alice", password="password")
    api = DefaultApi(ApiClient(config))

`make_api(url, username=..., password=...)` does the same in one call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from torc.api import DEFAULT_TIMEOUT, basic_auth_header
from torc_client import Client

DEFAULT_HOST = "http://localhost:8080/torc-service/v1"


@dataclass
class Configuration:
    """Where the server is and how to log in."""

    host: str = DEFAULT_HOST
    username: str | None = None
    password: str | None = None
    verify_ssl: bool = True
    ssl_ca_cert: str | None = None
    """A CA bundle to verify the server's certificate with (instead of the system's)."""
    timeout: float | None = DEFAULT_TIMEOUT
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.host.startswith(("http://", "https://")):
            raise ValueError(f"host must start with http:// or https://, got {self.host!r}")
        if self.password is not None and not self.username:
            raise ValueError("a password needs a username")


class ApiClient(Client):
    """The HTTP client for a `Configuration`; give it to `DefaultApi`."""

    def __init__(self, configuration: Configuration | None = None) -> None:
        config = configuration or Configuration()
        headers = dict(config.headers)
        if config.username:
            headers["Authorization"] = basic_auth_header(config.username, config.password or "")
        verify: bool | str = config.ssl_ca_cert or config.verify_ssl
        super().__init__(
            base_url=config.host.rstrip("/"),
            headers=headers,
            timeout=None if config.timeout is None else httpx.Timeout(config.timeout),
            verify_ssl=verify,
        )
        self.configuration = config
