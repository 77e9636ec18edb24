"""`torc`: the Torc command line client."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Literal

from cyclopts import App, Parameter

from torc_cli import session
from torc_cli.session import CliError

app = App(name="torc", help="Torc: workflow orchestration for HPC.", version_flags=["--version"])


_META_VALUED = {"--url", "--username", "--password", "--format", "-f", "--log-level", "--ca-cert"}
_META_VALUED |= {"--db", "--snapshot-interval-seconds"}
_META_FLAGS = {"-s", "--standalone", "--in-memory"}
_registered: set[str] = set()


def _register(tokens: Sequence[str] = ()) -> None:
    """Attach the command groups (imported here so `torc --help` stays fast to build): only the
    named command's module when the command line names one plainly, else all of them."""
    from importlib import import_module

    from torc_cli.commands import GROUPS, MODULE_OF

    wanted = MODULE_OF.get(_command_name(tokens) or "")
    for module_name in GROUPS if wanted is None else wanted:
        if module_name in _registered:  # called again: the others are added
            continue
        _registered.add(module_name)
        module = import_module(f"torc_cli.commands.{module_name}")
        for command in getattr(module, "COMMANDS", []):
            app.command(command)


def _command_name(tokens: Sequence[str]) -> str | None:
    """The command the tokens name after the leading options, or None when anything else
    comes first (help, an unknown option, a missing value)."""
    rest = list(tokens)
    while rest and rest[0].startswith("-"):
        name, equals, _ = rest.pop(0).partition("=")
        if name in _META_VALUED:
            if not equals:
                if not rest:
                    return None
                rest.pop(0)
        elif name not in _META_FLAGS or equals:
            return None
    return rest[0] if rest else None


@app.meta.default
def launcher(
    *tokens: Annotated[str, Parameter(show=False, allow_leading_hyphen=True)],
    url: Annotated[
        str | None, Parameter(help="Torc API URL. Default: $TORC_API_URL or " + session.DEFAULT_URL)
    ] = None,
    username: Annotated[
        str | None, Parameter(help="Username for HTTP Basic authentication.")
    ] = None,
    password: Annotated[
        str | None, Parameter(help="Password; prompted when a username is given without one.")
    ] = None,
    format: Annotated[
        Literal["table", "json"] | None,
        Parameter(name=["--format", "-f"], help="Output format: table or json."),
    ] = None,
    log_level: Annotated[
        str | None, Parameter(help="Log level: error, warn, info, debug or trace.")
    ] = None,
    ca_cert: Annotated[
        str | None,
        Parameter(
            help="CA bundle (PEM) that signed an https:// server's certificate, when the system "
            "does not trust it. Default: $TORC_CA_CERT, then [client] ca_cert."
        ),
    ] = None,
    standalone: Annotated[
        bool,
        Parameter(
            name=["--standalone", "-s"],
            negative=(),
            help="Start an ephemeral server on 127.0.0.1 for this command (database in ./torc_output).",
        ),
    ] = False,
    db: Annotated[
        str | None,
        Parameter(help="Standalone mode: database file (default ./torc_output/torc.db)."),
    ] = None,
    in_memory: Annotated[
        bool, Parameter(negative=(), help="Standalone mode: keep the database in memory.")
    ] = False,
    snapshot_interval_seconds: Annotated[
        float | None,
        Parameter(help="Standalone mode: write a snapshot of the database this often."),
    ] = None,
) -> int | None:
    current = session.from_environment(url, username, password, format, log_level, ca_cert)
    if tokens[:1] != ("config",):  # `torc config` reports configuration problems itself
        from torc_cli import config

        config.warn_problems()
    if not current.url.startswith(("http://", "https://")):
        raise CliError(f"invalid --url {current.url!r}: it must start with http:// or https://")
    if current.ca_cert:
        from torc.api import tls_verify

        try:
            tls_verify(current.ca_cert)
        except ValueError as exc:
            raise CliError(f"{exc} (check --ca-cert or $TORC_CA_CERT)") from None
        # runners, Slurm allocations and jobs started from here talk to the same server
        os.environ["TORC_CA_CERT"] = os.path.abspath(current.ca_cert)
    if current.username and not current.password and sys.stdin.isatty():
        import getpass

        current.password = getpass.getpass(f"Password for {current.username}: ")
    session.set_current(current)
    level = {"warn": "WARNING", "trace": "DEBUG"}.get(current.log_level, current.log_level.upper())
    logging.basicConfig(
        level=getattr(logging, level, logging.WARNING), format="%(levelname)s %(message)s"
    )
    if level != "DEBUG":
        logging.getLogger("httpx").setLevel(logging.WARNING)
    _collect_from_now_on()
    if not (standalone or in_memory or db):
        return app(tokens)
    from torc_cli.standalone import server_for

    server = server_for(
        db, in_memory=in_memory, snapshot_interval_seconds=snapshot_interval_seconds
    )
    current.standalone = True
    try:
        current.serve_from(server.start)  # once the command first needs the server
        return app(tokens)
    finally:
        current.close()
        server.stop()


def _collect_from_now_on() -> None:
    """The command starts: the garbage collector, off while the client started
    (`torc_cli.launch`), runs again; what the start made stays out of its way."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main(argv: list[str] | None = None) -> None:
    from torc_cli import standalone

    tokens = sys.argv[1:] if argv is None else argv
    if (
        tokens
        and tokens[-1] == "--version"
        and not any(t in tokens for t in ("-s", "--standalone"))
    ):
        from torc_cli import version

        print(version.describe(tokens))
        return
    standalone.launch_early(tokens)
    _register(tokens)
    try:
        result = app.meta(
            tokens, result_action="return_value", exit_on_error=False, print_error=False
        )
    except CliError as exc:
        print(f"torc: {exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # the reader of stdout went away (`torc ... | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # a command-line mistake, or an API or connection error
        from cyclopts.exceptions import CycloptsError

        from torc import ApiError
        from torc_cli import errors

        if isinstance(exc, CycloptsError):
            print(f"torc: {errors.usage(exc)}", file=sys.stderr)
            sys.exit(2)
        if isinstance(exc, ApiError):
            print(f"torc: {errors.api(exc)}", file=sys.stderr)
            sys.exit(1)
        raise
    finally:
        standalone.stop_early()
    if isinstance(result, int):
        sys.exit(result)


if __name__ == "__main__":
    main()
