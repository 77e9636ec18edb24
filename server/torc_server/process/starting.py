"""`torc-server run` from its resolved options to a serving process, in the order that keeps
mistakes visible: options checked, port found free, then (with `--daemon`) detach, PID file,
logs, serve."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from torc_server.process import logs, options, port, signals
from torc_server.process.daemon import Daemon, PidFileError, write_pid_file

log = logging.getLogger("torc_server")


def start(
    flags: dict[str, Any],
    *,
    daemon: bool = False,
    pid_file: Path | None = None,
    snapshot_interval_seconds: float | None = None,
    ignore_config: bool = False,
) -> int:
    chosen = options.resolve(
        flags,
        daemon=daemon,
        pid_file=pid_file,
        snapshot_interval_seconds=snapshot_interval_seconds,
        ignore_config=ignore_config,
    )
    auth_problem = options.auth_settings(chosen).problem()
    if auth_problem:
        raise options.OptionsError(auth_problem)
    ip = port.resolve(chosen.host)
    number = port.free_port(ip) if chosen.port == 0 else chosen.port
    port.claim(ip, number)
    if signals.pending() is not None:
        return 0  # stopped before it started
    detached = Daemon() if chosen.daemon else None
    if detached is not None:
        if chosen.pid_file is not None:
            _check_pid_file(chosen.pid_file)
        detached.detach()
    try:
        if chosen.pid_file is not None:
            write_pid_file(chosen.pid_file)
        log_file = logs.configure(
            chosen.log_level,
            chosen.log_dir,
            json_logs=chosen.json_logs,
            console=detached is None,
        )
    except (PidFileError, OSError) as exc:
        message = str(exc) if isinstance(exc, PidFileError) else f"cannot write logs: {exc}"
        if detached is not None:
            detached.failed(message)
        signals.run_cleanups()
        raise options.OptionsError(message) from exc
    if log_file is not None:
        log.info(
            "Logging to %s (%s, rotated at 10 MiB, %d old files kept)",
            log_file,
            "JSON lines" if chosen.json_logs else "text",
            logs.BACKUPS,
        )
    if chosen.origins.get("server.completion_check_interval_secs") not in (None, "default"):
        log.info(
            "completion_check_interval_secs is accepted for compatibility: dependent jobs are "
            "released as soon as the job they wait for completes"
        )

    def ready() -> None:
        if detached is not None:
            where = f"{chosen.scheme}://{chosen.host}:{number}/torc-service/v1"
            pid = f", PID file {chosen.pid_file}" if chosen.pid_file else ""
            detached.ready(f"serving at {where} in the background (logs in {log_file}{pid})")

    from torc_server.process.serving import serve

    try:
        return serve(chosen, ip, number, announce_port=chosen.port == 0, on_ready=ready)
    except (options.OptionsError, port.PortTaken) as exc:
        if detached is not None:
            detached.failed(str(exc))
        raise
    except Exception as exc:
        log.exception("the server failed")
        if detached is not None:
            detached.failed(f"the server failed: {exc}")
        raise
    finally:
        signals.run_cleanups()


def _check_pid_file(path: Path) -> None:
    """Before detaching, so that the mistake reaches the terminal."""
    import os

    directory = path.parent
    if directory.exists() and not os.access(directory, os.W_OK):
        raise options.OptionsError(
            f"cannot write the PID file {path}: no permission in {directory}; "
            "choose another --pid-file"
        )
