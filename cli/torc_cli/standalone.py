"""Standalone mode (`torc -s ...`): an ephemeral torc-server on 127.0.0.1, for one command.

The server listens on a free port, keeps its database in `./torc_output/torc.db` (or `--db`, or
memory with snapshots), and is shut down when the command ends. `launch_early` starts it before
the command line is parsed (a quick look at the leading options), because the server takes most
of a second to start and the parsing, the imports and reading the spec can happen meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from torc_cli.session import CliError
from torc_server.process import private

DEFAULT_DIR = Path("torc_output")


class StandaloneServer:
    def __init__(
        self,
        database: str | None = None,
        *,
        in_memory: bool = False,
        snapshot_interval_seconds: float | None = None,
    ) -> None:
        DEFAULT_DIR.mkdir(parents=True, exist_ok=True)
        self.database = _database(database, in_memory)
        self.snapshot_interval_seconds = snapshot_interval_seconds
        self.log_path = DEFAULT_DIR / "torc_server.log"
        self.process: subprocess.Popen[str] | None = None
        self.url = ""

    def settings(self) -> tuple[str, float | None]:
        return self.database, self.snapshot_interval_seconds

    def start(self, timeout: float = 60.0) -> str:
        """Start the server (unless `launch` did) and wait until it serves; its URL."""
        if self.process is None:
            self.launch()
        assert self.process is not None
        _warm_up(self._serving)
        port = private.read_port(self.process, time.monotonic() + timeout)
        if port is None:
            self.stop()
            raise CliError(f"the standalone server did not start; see {self.log_path}")
        self.url = private.url(port)
        return self.url

    def _serving(self) -> bool:
        """Whether the server has said something (its port, or its end: stdout closed)."""
        assert self.process is not None and self.process.stdout is not None
        return bool(select.select([self.process.stdout], [], [], 0)[0])

    def launch(self) -> None:
        """Start the server's process; `start` waits for it."""
        global served
        served = True
        if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            # a SIGTERM before the runner takes over still shuts the server down (the caller's
            # `finally` runs); the runner then handles SIGTERM itself
            signal.signal(signal.SIGTERM, _exit_on_sigterm)
        command = private.command(
            self.database, snapshot_interval_seconds=self.snapshot_interval_seconds
        )
        env = dict(os.environ)
        if self.database == ":memory:":
            # the in-memory database is written to ./torc_output/torc.db when the server stops
            env.setdefault("TORC_SERVER_SNAPSHOT_PATH", str((DEFAULT_DIR / "torc.db").resolve()))
            env.setdefault("TORC_SERVER_SNAPSHOT_KEEP", "1")
        log = open(self.log_path, "a")  # noqa: SIM115 - lives as long as the server
        # SIGINT or SIGTERM while Popen runs would leave a started server that `stop` cannot
        # see: hold them until `self.process` is set, then deliver them
        held: list[int] = []
        previous = {
            signum: signal.signal(signum, lambda signum, _frame: held.append(signum))
            for signum in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            self.process = private.launch(command, stderr=log, env=env)
        finally:
            log.close()  # the child has its own copy
            for signum, handler in previous.items():
                signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        for signum in held:
            signal.raise_signal(signum)

    def stop(self) -> None:
        """SIGTERM, so that the server shuts down cleanly (an in-memory database is saved);
        a server that never served, or does not stop in time, is killed."""
        private.stop(self.process, clean=bool(self.url))


_VALUED = {"--url", "--username", "--password", "--format", "-f", "--log-level", "--db"}
_VALUED |= {"--snapshot-interval-seconds"}
_early: StandaloneServer | None = None
served = False
"""Whether this process started a standalone server (`torc_cli.launch` ends such commands)."""
_looked = False  # launch_early looks once per process


def launch_early(argv: Sequence[str]) -> None:
    """Start the standalone server now when the options before the command ask for one (`-s`,
    `--standalone`, `--db`, `--in-memory`); `server_for` hands it over once they are parsed.
    Anything unusual (help, a malformed option) is left to the parser and the normal start."""
    global _early, _looked
    if _looked:
        return
    _looked = True
    if any(token in ("--help", "-h", "--version") for token in argv):
        return
    wanted, database, in_memory, interval = False, None, False, None
    tokens = list(argv)
    while tokens and tokens[0].startswith("-"):
        name, _, value = tokens.pop(0).partition("=")
        if name in _VALUED and not value:
            if not tokens:
                return
            value = tokens.pop(0)
        if name in ("-s", "--standalone"):
            wanted = True
        elif name == "--in-memory":
            wanted = in_memory = True
        elif name == "--db":
            wanted, database = True, value
        elif name == "--snapshot-interval-seconds":
            try:
                interval = float(value)
            except ValueError:
                return
        elif name not in _VALUED:
            return
    if not wanted or not tokens:
        return
    _early = StandaloneServer(database, in_memory=in_memory, snapshot_interval_seconds=interval)
    _early.launch()


def server_for(
    database: str | None, *, in_memory: bool, snapshot_interval_seconds: float | None
) -> StandaloneServer:
    """The server `launch_early` started, when it has these settings; else a new one. Either
    stays known here, so that `stop_early` stops it whatever interrupts the command."""
    global _early
    wanted = (_database(database, in_memory), snapshot_interval_seconds)
    if _early is not None and _early.settings() == wanted:
        return _early
    if _early is not None:
        _early.stop()
    _early = StandaloneServer(
        database, in_memory=in_memory, snapshot_interval_seconds=snapshot_interval_seconds
    )
    return _early


def _database(database: str | None, in_memory: bool) -> str:
    return ":memory:" if in_memory else (database or str(DEFAULT_DIR / "torc.db"))


def stop_early() -> None:
    """Stop this process's standalone server if it still runs: one no command took over (the
    command line was wrong, or asked for help), or one a signal left behind."""
    global _early
    if _early is not None:
        _early.stop()
        _early = None


def _exit_on_sigterm(signum: int, frame: object) -> None:
    from torc_cli import interrupts

    interrupts.record(signum)
    raise SystemExit(128 + signum)


WARM_UP = (
    *("torc", "torc.spec", "httpcore", "h11", "encodings.idna", "msgspec", "torc_client.models"),
    *("torc_client.errors", "torc.manager", "torc_runner.runner", "torc_runner.oversized"),
    *("torc_runner.progress", "torc_runner.log_file", "torc.lean"),
    *(
        f"torc_client.models.{name}"
        for name in (
            *("default_error_response", "workflow_model", "workflow_status_model"),
            *("is_uninitialized_response", "list_required_existing_files_response"),
            *("list_missing_user_data_response", "list_files_response", "initialize_jobs_body"),
            *("message_response", "list_resource_requirements_response", "list_jobs_response"),
            *("job_model", "list_user_data_response", "list_job_ids_response"),
            *("compute_node_model", "workflow_action_model", "is_complete_response"),
        )
    ),
)
"""What commands import once they talk to the server (the SDK, its HTTP client, and what
`torc -s run` uses, in the order it needs them), imported while the server starts."""


def _warm_up(serving: Callable[[], bool]) -> None:
    """Import what the command will need while the server is still starting, so that the two
    overlap instead of adding up; nothing more once it serves."""
    import importlib

    for name in WARM_UP:
        if serving():
            return
        with contextlib.suppress(ImportError):  # reported where it is used
            importlib.import_module(name)
