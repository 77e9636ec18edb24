"""What `torc-server run` is asked to do, from its flags, the environment and the files.

The precedence is the client's: command line flags, then the legacy variables the user guide
lists (`DATABASE_URL`, `TORC_LOG_DIR`, `RUST_LOG`, `TORC_AUTH_FILE`,
`TORC_COMPLETION_CHECK_INTERVAL_SECS`), then the configuration layers of `torc_cli.config`
(`TORC_SERVER__*` variables over the `TORC_CONFIG` file, `./torc.toml`, the user's and the
system's files), then the built-in defaults. A problem in the `[server]` section stops the
server with one line naming the file, line or variable: a server must not start on a setting
nobody asked for.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from torc_cli import config

if TYPE_CHECKING:
    from torc_server.auth.settings import AuthSettings

DEFAULT_DATABASE = "torc.db"
DEFAULT_PID_FILE = Path("/var/run/torc-server.pid")

# dotted key -> the legacy variable that sets it
LEGACY = {
    "server.database": "DATABASE_URL",
    "server.logging.log_dir": "TORC_LOG_DIR",
    "server.log_level": "RUST_LOG",
    "server.auth_file": "TORC_AUTH_FILE",
    "server.completion_check_interval_secs": "TORC_COMPLETION_CHECK_INTERVAL_SECS",
}


class OptionsError(Exception):
    """A setting the server cannot start with; the message says what to fix."""


@dataclass(frozen=True)
class ServerOptions:
    host: str = "localhost"
    port: int = 8080
    database: str = DEFAULT_DATABASE
    threads: int = 1
    log_level: str = "info"
    log_dir: Path | None = None
    json_logs: bool = False
    https: bool = False
    tls_cert: Path | None = None
    tls_key: Path | None = None
    auth_file: str | None = None
    require_auth: bool = False
    enforce_access_control: bool = False
    admin_users: tuple[str, ...] = ()
    completion_check_interval_secs: float = 60.0
    snapshot_interval_seconds: float | None = None
    daemon: bool = False
    pid_file: Path | None = None
    # dotted key -> where its value came from (flag, variable, file, default)
    origins: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def scheme(self) -> str:
        return "https" if self.https else "http"


def resolve(
    flags: Mapping[str, Any],
    *,
    environ: Mapping[str, str] | None = None,
    loaded: config.Config | None = None,
    daemon: bool = False,
    pid_file: Path | None = None,
    snapshot_interval_seconds: float | None = None,
    ignore_config: bool = False,
) -> ServerOptions:
    """`flags` maps dotted configuration keys (`server.port`, `server.logging.log_dir`) to the
    command line's values, None where a flag was not given. `ignore_config`: the flags and the
    defaults only (a private server, such as the one `torc -s` starts, must not pick up the
    shared server's `[server]` settings: its log directory, HTTPS, authentication)."""
    environ = os.environ if environ is None else environ
    if ignore_config:
        environ = {}
        nowhere = Path(os.devnull) / "none.toml"
        loaded = config.load(config.ConfigPaths(nowhere, None, nowhere, None), environ=environ)
    loaded = loaded or config.load(environ=environ)
    server_problems = [p for p in loaded.problems if p.key is None or p.key.startswith("server")]
    if server_problems:
        raise OptionsError(f"{server_problems[0]} (see torc config validate)")
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for dotted in _server_keys():
        flag = flags.get(dotted)
        if flag is not None:
            problem = config.flag_problem(dotted, flag)
            if problem:
                raise OptionsError(f"--{dotted.rpartition('.')[2].replace('_', '-')} {problem}")
            values[dotted], origins[dotted] = flag, "command line"
            continue
        legacy = LEGACY.get(dotted)
        if legacy and environ.get(legacy):
            values[dotted] = _legacy_value(dotted, legacy, environ[legacy])
            origins[dotted] = f"environment variable {legacy}"
            continue
        values[dotted] = loaded.get(dotted)
        origins[dotted] = loaded.origins.get(dotted, "default")
    tls_cert, tls_key = values["server.tls_cert"], values["server.tls_key"]
    options = ServerOptions(
        host=values["server.url"] or "localhost",
        port=values["server.port"],
        database=_database(values["server.database"]),
        threads=values["server.threads"],
        log_level=values["server.log_level"] or "info",
        log_dir=_path(values["server.logging.log_dir"]),
        json_logs=bool(values["server.logging.json_logs"]),
        https=bool(values["server.https"]),
        tls_cert=_path(tls_cert),
        tls_key=_path(tls_key),
        auth_file=str(_path(values["server.auth_file"])) if values["server.auth_file"] else None,
        require_auth=bool(values["server.require_auth"]),
        enforce_access_control=bool(values["server.enforce_access_control"]),
        admin_users=tuple(values["server.admin_users"] or ()),
        completion_check_interval_secs=values["server.completion_check_interval_secs"],
        snapshot_interval_seconds=snapshot_interval_seconds,
        daemon=daemon,
        pid_file=pid_file.expanduser().resolve()
        if pid_file
        else (DEFAULT_PID_FILE if daemon else None),
        origins=origins,
    )
    check(options)
    return options


def auth_settings(options: ServerOptions) -> AuthSettings:
    """What the authentication guard is given (torc_server.auth)."""
    from torc_server.auth.settings import AuthSettings

    return AuthSettings(
        auth_file=options.auth_file,
        require_auth=options.require_auth,
        enforce_access_control=options.enforce_access_control,
        admin_users=options.admin_users,
    )


def check(options: ServerOptions) -> None:
    """What must hold before anything starts (files readable, options that go together)."""
    if options.https:
        if options.tls_cert is None or options.tls_key is None:
            raise OptionsError(
                "--https needs --tls-cert and --tls-key (or tls_cert and tls_key in [server])"
            )
        for flag, path in (("--tls-cert", options.tls_cert), ("--tls-key", options.tls_key)):
            if not path.is_file() or not os.access(path, os.R_OK):
                raise OptionsError(f"{flag} {path}: no such readable file")
        _check_key_pair(options.tls_cert, options.tls_key)
    elif any(
        origin == "command line"
        for key, origin in options.origins.items()
        if key.startswith("server.tls")
    ):
        raise OptionsError("--tls-cert and --tls-key are used with --https; add --https")
    if options.daemon and options.log_dir is None:
        raise OptionsError(
            "--daemon needs --log-dir (a daemon has no console; its logs go to files there)"
        )


def _check_key_pair(cert: Path, key: Path) -> None:
    import ssl

    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(cert, key)
    except ssl.SSLError as exc:
        raise OptionsError(
            f"cannot use --tls-cert {cert} with --tls-key {key}: {exc.reason or exc}"
        ) from None


def _server_keys(schema: Mapping[str, Any] | None = None, prefix: str = "server") -> list[str]:
    schema = schema if schema is not None else config.SCHEMA["server"]
    keys = []
    for key, spec in schema.items():
        if isinstance(spec, dict):
            keys.extend(_server_keys(spec, f"{prefix}.{key}"))
        else:
            keys.append(f"{prefix}.{key}")
    return keys


def _legacy_value(dotted: str, name: str, text: str) -> Any:
    if dotted == "server.database":
        return text.removeprefix("sqlite://").removeprefix("sqlite:")
    if dotted == "server.completion_check_interval_secs":
        try:
            return float(text)
        except ValueError:
            raise OptionsError(
                f"environment variable {name} must be a number, not {text!r}"
            ) from None
    return text


def _path(value: str | None) -> Path | None:
    return Path(value).expanduser().resolve() if value else None


def _database(value: str | None) -> str:
    if value == ":memory:":
        return value
    return str(Path(value or DEFAULT_DATABASE).expanduser().resolve())


def database_setting(flag: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The database `torc-server run` would open with these flags (for `torc-server db`)."""
    environ = os.environ if environ is None else environ
    if flag:
        return _database(flag)
    if environ.get("DATABASE_URL"):
        return _database(_legacy_value("server.database", "DATABASE_URL", environ["DATABASE_URL"]))
    return _database(config.load(environ=environ).get("server.database"))
