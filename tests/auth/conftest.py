"""Servers started with real htpasswd files, and `torc` run as one of their users."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.cli.conftest import Cli, cli_env
from tests.conftest import RunningServer, start_server, stop_server, tls_context
from torc_server.auth.htpasswd import Htpasswd, hash_password

COST = 4  # the smallest bcrypt cost: the tests check behaviour, not bcrypt's speed
PASSWORDS = {"alice": "alice-Secret-1", "bob": "bob-Secret-2", "carol": "carol-Secret-3"}
ADMIN = "alice"


def write_htpasswd(path: Path, passwords: dict[str, str]) -> Path:
    htpasswd = Htpasswd.read(path, missing_ok=True)
    for user, password in passwords.items():
        htpasswd.set(user, hash_password(password, COST))
    htpasswd.write()
    return path


@dataclass
class AuthServer:
    server: RunningServer
    htpasswd: Path
    log: Path

    @property
    def url(self) -> str:
        return self.server.url

    def client(self, user: str | None, password: str | None = None) -> httpx.Client:
        """An HTTP client logged in as `user` (with their password unless one is given)."""
        auth = None if user is None else (user, password or PASSWORDS[user])
        return httpx.Client(base_url=self.url, auth=auth, timeout=30.0, verify=tls_context())

    def cli(self, tmp_path: Path, user: str | None, **env: str) -> Cli:
        """`torc` as `user`, the password in $TORC_PASSWORD (never on the command line)."""
        home = tmp_path / f"home-{user}"
        work = tmp_path / f"work-{user}"
        home.mkdir(exist_ok=True)
        work.mkdir(exist_ok=True)
        extra = {"TORC_USERNAME": user, "TORC_PASSWORD": PASSWORDS[user]} if user else {}
        return Cli(self.url, work, cli_env(self.url, home, **extra, **env))


def start_auth_server(
    directory: Path, *flags: str, env: dict[str, str] | None = None
) -> AuthServer:
    directory.mkdir(parents=True, exist_ok=True)
    htpasswd = write_htpasswd(directory / "htpasswd", PASSWORDS)
    log = directory / "server.log"
    with open(log, "w") as out:
        server = start_server(
            directory / "torc.db", "--auth-file", str(htpasswd), *flags, stderr=out, env=env
        )
    return AuthServer(server, htpasswd, log)


@pytest.fixture(scope="module")
def optional_auth(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuthServer]:
    """--auth-file only: anonymous requests pass, wrong credentials do not."""
    running = start_auth_server(tmp_path_factory.mktemp("optional"))
    yield running
    stop_server(running.server)


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuthServer]:
    """--require-auth --enforce-access-control, alice the admin."""
    running = start_auth_server(
        tmp_path_factory.mktemp("guarded"),
        "--require-auth",
        "--enforce-access-control",
        "--admin-user",
        ADMIN,
    )
    yield running
    stop_server(running.server)


def no_secret_in(text: str) -> None:
    """No password, and no Authorization header value, appears in `text`."""
    import base64

    for user, password in PASSWORDS.items():
        assert password not in text
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        assert token not in text
    assert "authorization" not in text.lower()


def environ_without_torc() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("TORC_")}
