"""What every command needs: where the server is, how to log in, how to print."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from torc import DefaultApi

DEFAULT_URL = "http://localhost:8080/torc-service/v1"


class CliError(Exception):
    """A mistake the user can fix; printed as one line, exit code 1."""


@dataclass
class Session:
    url: str = DEFAULT_URL
    username: str | None = None
    password: str | None = None
    format: str = "table"
    log_level: str = "warn"
    standalone: bool = False
    ca_cert: str | None = None  # CA bundle for https:// servers the system does not trust
    _api: DefaultApi | None = field(default=None, repr=False)
    _starting: Callable[[], str] | None = field(default=None, repr=False)

    def serve_from(self, start: Callable[[], str]) -> None:
        """Talk to a server that is starting (the standalone one): `start` waits until it
        serves and answers its URL; it is called when the URL or the API is first needed, so
        that whatever the command does before (reading a spec, say) overlaps the server's
        start instead of waiting for it."""
        self._starting = start

    @property
    def json(self) -> bool:
        return self.format == "json"

    @property
    def api(self) -> DefaultApi:
        """The SDK client, created on first use."""
        if self._api is None:
            from torc import make_api

            url = self.url
            # a standalone server is plain HTTP on 127.0.0.1: no certificates to load (a
            # twentieth of a second)
            plain = self.standalone and url.startswith("http://")
            self._api = make_api(
                url,
                username=self.username,
                password=self.password,
                ca_cert=self.ca_cert,
                verify_ssl=not plain,
            )
        return self._api

    def tls_verify(self) -> Any:
        """The certificate check for clients made outside the SDK (the live event stream)."""
        from torc.api import tls_verify

        return tls_verify(self.ca_cert)

    def close(self) -> None:
        if self._api is not None:
            self._api.close()
            self._api = None

    def use(self, api: DefaultApi, url: str) -> None:
        """Talk to another server (the standalone one) from now on."""
        self._api, self.url = api, url


def from_environment(
    url: str | None,
    username: str | None,
    password: str | None,
    fmt: str | None,
    log_level: str | None,
    ca_cert: str | None = None,
) -> Session:
    """Flags first, then the legacy variables (`TORC_API_URL`, `TORC_USERNAME`,
    `TORC_PASSWORD`, `TORC_CA_CERT`), then the configuration layers (`TORC_CLIENT__*` variables, the
    `TORC_CONFIG` file, ./torc.toml, the user's and the system's files; see `torc_cli.config`),
    then the defaults."""
    from torc_cli import config

    client = config.reload().values["client"]
    username = username or os.environ.get("TORC_USERNAME") or client["username"]
    password = password or os.environ.get("TORC_PASSWORD")
    if password and not username:  # a password alone logs in as the login name
        import getpass

        username = getpass.getuser()
    return Session(
        url=url or os.environ.get("TORC_API_URL") or client["api_url"] or DEFAULT_URL,
        username=username,
        password=password,
        format=fmt or client["format"] or "table",
        log_level=log_level or client["log_level"] or "warn",
        ca_cert=ca_cert or os.environ.get("TORC_CA_CERT") or client["ca_cert"] or None,
    )


def _url(session: Session) -> str:
    start = session._starting
    if start is not None:
        session._starting = None
        session.__dict__["url"] = start()
    return session.__dict__["url"]


def _set_url(session: Session, url: str) -> None:
    session._starting = None
    session.__dict__["url"] = url


# `url` waits for a server that is starting (`serve_from`); the dataclass's own `__init__` sets
# it through the setter like any other field
Session.url = property(_url, _set_url)  # type: ignore[assignment]


# The session of the running command; set by the launcher before any command runs.
current = Session()


def get() -> Session:
    return current


def set_current(session: Session) -> None:
    global current
    current = session


def to_plain(value: Any) -> Any:
    """SDK models and lists of them as plain JSON-able values."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value
