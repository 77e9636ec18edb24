"""The flags of `torc-server run` that belong to operations: HTTPS, logs, the process, and
those accepted for compatibility. Each is None when not given, so that the environment and the
configuration files can set it (see `options`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from cyclopts import Group, Parameter

TRANSPORT = Group("HTTPS", sort_key=2)
LOGS = Group("Logs", sort_key=3)
PROCESS = Group("Process", sort_key=4)
COMPAT = Group("Compatibility", sort_key=6)


@Parameter(name="*")
@dataclass
class OpsFlags:
    https: Annotated[
        bool | None,
        Parameter(
            group=TRANSPORT,
            negative=(),
            help="Serve HTTPS (TLS 1.2 or newer) with --tls-cert and --tls-key. "
            "[server] https; default off.",
        ),
    ] = None
    tls_cert: Annotated[
        Path | None,
        Parameter(
            group=TRANSPORT,
            help="Certificate chain in PEM (the server's certificate first). [server] tls_cert.",
        ),
    ] = None
    tls_key: Annotated[
        Path | None,
        Parameter(group=TRANSPORT, help="Private key in PEM, unencrypted. [server] tls_key."),
    ] = None
    log_dir: Annotated[
        Path | None,
        Parameter(
            group=LOGS,
            help="Also write logs to DIR/torc-server.log, rotated at 10 MiB, 5 old files kept. "
            "[server.logging] log_dir, $TORC_LOG_DIR.",
        ),
    ] = None
    json_logs: Annotated[
        bool | None,
        Parameter(
            group=LOGS,
            negative=(),
            help="Write the log files as JSON lines (the console stays text). "
            "[server.logging] json_logs.",
        ),
    ] = None
    daemon: Annotated[
        bool,
        Parameter(
            group=PROCESS,
            negative=(),
            help="Run in the background (needs --log-dir); returns once the server answers.",
        ),
    ] = False
    pid_file: Annotated[
        Path | None,
        Parameter(
            group=PROCESS,
            help="Write the server's PID here (removed when it stops). "
            "Default with --daemon: /var/run/torc-server.pid.",
        ),
    ] = None
    ignore_config: Annotated[
        bool,
        Parameter(
            group=PROCESS,
            negative=(),
            help="Use only the command line and the defaults: no configuration file, no "
            "TORC_SERVER__* or legacy variable (for private servers, such as torc -s starts).",
        ),
    ] = False
    completion_check_interval_secs: Annotated[
        float | None,
        Parameter(
            group=COMPAT,
            help="Accepted for compatibility and ignored: this server releases dependent jobs "
            "at once, when the job they wait for completes.",
        ),
    ] = None

    def config_values(self) -> dict[str, Any]:
        """The flags given, by configuration key."""
        return {
            "server.https": self.https,
            "server.tls_cert": str(self.tls_cert) if self.tls_cert else None,
            "server.tls_key": str(self.tls_key) if self.tls_key else None,
            "server.logging.log_dir": str(self.log_dir) if self.log_dir else None,
            "server.logging.json_logs": self.json_logs,
            "server.completion_check_interval_secs": self.completion_check_interval_secs,
        }
