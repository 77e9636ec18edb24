"""Who may use the server: the authentication and access-control settings of `torc-server run`.

`torc-server run` fills them from its options (and the `[server]` configuration), then hands them
to the granian worker through the environment (`to_env`/`from_env`), like the other settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import ClassVar

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class AuthSettings:
    """`auth_file` None: no authentication. `require_auth`: refuse anonymous requests.
    `enforce_access_control`: users reach only their own workflows and those shared with
    their groups. `admin_users`: may manage access groups."""

    auth_file: str | None = None
    require_auth: bool = False
    enforce_access_control: bool = False
    admin_users: tuple[str, ...] = field(default_factory=tuple)

    ENV: ClassVar[dict[str, str]] = {
        "auth_file": "TORC_SERVER__AUTH_FILE",
        "require_auth": "TORC_SERVER__REQUIRE_AUTH",
        "enforce_access_control": "TORC_SERVER__ENFORCE_ACCESS_CONTROL",
        "admin_users": "TORC_SERVER__ADMIN_USERS",
    }

    @property
    def active(self) -> bool:
        """Whether any request needs looking at."""
        return self.auth_file is not None or self.enforce_access_control

    def problem(self) -> str | None:
        """Why these settings cannot serve, as one line, or None."""
        if self.auth_file is None and (self.require_auth or self.enforce_access_control):
            flag = "--require-auth" if self.require_auth else "--enforce-access-control"
            return (
                f"{flag} needs --auth-file (or $TORC_AUTH_FILE): users must log in to be told apart"
            )
        if self.auth_file is not None and not os.path.isfile(self.auth_file):
            return f"--auth-file {self.auth_file}: no such file (create it with torc-htpasswd add)"
        return None

    def to_env(self, environ: dict[str, str] | os._Environ[str] = os.environ) -> None:
        """Hand the settings to the worker process."""
        values = {
            "auth_file": os.path.abspath(self.auth_file) if self.auth_file else "",
            "require_auth": "true" if self.require_auth else "",
            "enforce_access_control": "true" if self.enforce_access_control else "",
            "admin_users": ",".join(self.admin_users),
        }
        for name, variable in self.ENV.items():
            if values[name]:
                environ[variable] = values[name]
            else:
                environ.pop(variable, None)

    @classmethod
    def from_env(cls, environ: dict[str, str] | os._Environ[str] = os.environ) -> AuthSettings:
        """From the `TORC_SERVER__*` variables `to_env` set (`torc-server run` reads the legacy
        `TORC_AUTH_FILE` itself, as the default of --auth-file)."""
        admins = environ.get(cls.ENV["admin_users"], "")
        return cls(
            auth_file=environ.get(cls.ENV["auth_file"]) or None,
            require_auth=environ.get(cls.ENV["require_auth"], "").lower() in _TRUE,
            enforce_access_control=environ.get(cls.ENV["enforce_access_control"], "").lower()
            in _TRUE,
            admin_users=tuple(name.strip() for name in admins.split(",") if name.strip()),
        )
