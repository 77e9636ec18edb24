"""`torc-server service`: run the server under systemd, as the user or for the whole system.

`install` writes a unit file from the options given (the same ones as `torc-server run`) and
tells systemd about it; `start`, `stop`, `status` and `uninstall` go through `systemctl`.
A user unit (`--user`) goes to `~/.config/systemd/user/` and runs as the user, with its logs
in `~/.torc/logs` and its database in `~/.torc/torc.db`; a system unit goes to
`/etc/systemd/system/`, with `/var/log/torc` and `/var/lib/torc/torc.db`, runs as `--run-as`
and is confined (no new privileges, a private /tmp, /usr and /etc read-only). `--unit-dir`
writes the unit elsewhere and leaves systemd alone (for packaging and tests).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

UNIT_NAME = "torc-server.service"
USER_DEFAULTS = {"log_dir": "~/.torc/logs", "database": "~/.torc/torc.db"}
SYSTEM_DEFAULTS = {"log_dir": "/var/log/torc", "database": "/var/lib/torc/torc.db"}
SYSTEM_UNIT_DIR = Path("/etc/systemd/system")


class ServiceError(Exception):
    """What went wrong, in one line."""


@dataclass
class ServiceOptions:
    """What the unit's `torc-server run` is given."""

    user: bool = False
    log_dir: str | None = None
    database: str | None = None
    host: str = "0.0.0.0"
    port: int = 8080
    threads: int = 4
    log_level: str = "info"
    json_logs: bool = False
    https: bool = False
    tls_cert: str | None = None
    tls_key: str | None = None
    auth_file: str | None = None
    require_auth: bool = False
    enforce_access_control: bool = False
    admin_users: list[str] = field(default_factory=list)
    run_as: str | None = None  # system units: the account the server runs as

    def run_arguments(self) -> list[str]:
        defaults = USER_DEFAULTS if self.user else SYSTEM_DEFAULTS
        log_dir = _absolute(self.log_dir or defaults["log_dir"])
        database = _absolute(self.database or defaults["database"])
        args = ["run", "--log-dir", log_dir, "--database", database]
        args += ["--host", self.host, "--port", str(self.port), "--threads", str(self.threads)]
        args += ["--log-level", self.log_level]
        if self.json_logs:
            args.append("--json-logs")
        if self.https:
            args += ["--https", "--tls-cert", _absolute(self.tls_cert or "")]
            args += ["--tls-key", _absolute(self.tls_key or "")]
        if self.auth_file:
            args += ["--auth-file", _absolute(self.auth_file)]
        if self.require_auth:
            args.append("--require-auth")
        if self.enforce_access_control:
            args.append("--enforce-access-control")
        for name in self.admin_users:
            args += ["--admin-user", name]
        return args

    def working_directory(self) -> str:
        defaults = USER_DEFAULTS if self.user else SYSTEM_DEFAULTS
        return str(Path(_absolute(self.database or defaults["database"])).parent)


def _absolute(path: str) -> str:
    return str(Path(path).expanduser().absolute()) if path else path


def server_command() -> list[str]:
    """How systemd starts this installation's torc-server: the console script beside this
    Python, else the one on PATH, else this Python with `-m torc_server.cli`."""
    beside = Path(sys.executable).parent / "torc-server"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("torc-server")
    if found:
        return [str(Path(found).absolute())]
    return [sys.executable, "-m", "torc_server.cli"]


_SAFE = re.compile(r"^[A-Za-z0-9_@%+=:,./-]+$")


def quote(argument: str) -> str:
    """One ExecStart argument in systemd's syntax (specifiers `%` and variables `$` escaped)."""
    escaped = argument.replace("%", "%%").replace("$", "$$")
    if _SAFE.match(argument) and "%" not in argument:
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unit_text(options: ServiceOptions, command: list[str] | None = None) -> str:
    run, *rest = options.run_arguments()
    chunks = [[*(command or server_command()), run]]
    for argument in rest:  # one option and its value per line
        if argument.startswith("--"):
            chunks.append([argument])
        else:
            chunks[-1].append(argument)
    exec_start = " \\\n    ".join(" ".join(quote(a) for a in chunk) for chunk in chunks)
    lines = [
        "# Written by `torc-server service install`; change it with that command.",
        "[Unit]",
        "Description=Torc workflow orchestration server",
    ]
    if not options.user:
        lines += ["After=network-online.target", "Wants=network-online.target"]
    lines += [
        "",
        "[Service]",
        "Type=simple",
        f"ExecStart={exec_start}",
        f"WorkingDirectory={quote(options.working_directory())}",
        "Restart=on-failure",
        "RestartSec=5s",
        # a stop signal ends the server within seconds; this only bounds a stuck one
        "TimeoutStopSec=30s",
        "UMask=0027",
    ]
    if not options.user:
        if options.run_as:
            lines += [f"User={options.run_as}", f"Group={options.run_as}"]
        lines += [
            "NoNewPrivileges=yes",
            "PrivateTmp=yes",
            "ProtectSystem=full",
            "ProtectKernelTunables=yes",
            "ProtectControlGroups=yes",
            "RestrictSUIDSGID=yes",
        ]
    lines += [
        "",
        "[Install]",
        f"WantedBy={'default.target' if options.user else 'multi-user.target'}",
    ]
    return "\n".join(lines) + "\n"


def unit_dir(user: bool, override: Path | None = None) -> Path:
    if override is not None:
        return override
    if not user:
        return SYSTEM_UNIT_DIR
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def systemctl(user: bool, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    command = ["systemctl", *(["--user"] if user else []), *args]
    if shutil.which("systemctl") is None:
        raise ServiceError("systemctl was not found: torc-server service needs systemd (Linux)")
    done = subprocess.run(command, capture_output=True, text=True)
    if check and done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        raise ServiceError(f"`{' '.join(command)}` failed: {reason}")
    return done


def install(options: ServiceOptions, override: Path | None = None) -> list[str]:
    """Write the unit (and, in systemd's own directory, reload and enable it); the lines to
    print."""
    if options.https and not (options.tls_cert and options.tls_key):
        raise ServiceError("--https needs --tls-cert and --tls-key")
    directory = unit_dir(options.user, override)
    path = directory / UNIT_NAME
    text = unit_text(options)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    except OSError as exc:
        hint = "" if options.user else " (a system service needs root: sudo, or --user)"
        raise ServiceError(f"cannot write {path}: {exc.strerror}{hint}") from exc
    said = [f"wrote {path}"]
    if options.host in ("0.0.0.0", "::") and not options.require_auth:
        said.append(
            "warning: the service listens on all interfaces without --require-auth: anyone who "
            f"reaches port {options.port} can read and change every workflow"
        )
    if not options.user and not options.run_as:
        said.append("warning: no --run-as: the service runs as root; give it its own account")
    if override is not None:
        said.append(f"{directory} is not systemd's directory: systemd was not told about it")
        return said
    flag = " --user" if options.user else ""
    systemctl(options.user, "daemon-reload")
    systemctl(options.user, "enable", UNIT_NAME)
    said.append(f"enabled; start it with: torc-server service start{flag}")
    return said


def uninstall(user: bool, override: Path | None = None) -> list[str]:
    path = unit_dir(user, override) / UNIT_NAME
    if not path.exists():
        raise ServiceError(f"no service is installed at {path}")
    if override is None:
        systemctl(user, "disable", "--now", UNIT_NAME, check=False)
    path.unlink()
    if override is None:
        systemctl(user, "daemon-reload", check=False)
    return [f"removed {path}"]
