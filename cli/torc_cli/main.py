"""`torc`: the Torc command line client."""

from __future__ import annotations

import logging
import sys
from typing import Annotated, Literal

from cyclopts import App, Parameter

from torc_cli import session
from torc_cli.session import CliError

app = App(name="torc", help="Torc: workflow orchestration for HPC.", version_flags=["--version"])


def _register() -> None:
    """Attach the command groups (imported here so `torc --help` stays fast to build)."""
    from importlib import import_module

    from torc_cli.commands import GROUPS

    for module_name in GROUPS:
        module = import_module(f"torc_cli.commands.{module_name}")
        for command in getattr(module, "COMMANDS", []):
            app.command(command)


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
) -> int | None:
    current = session.from_environment(url, username, password, format, log_level)
    if current.username and not current.password and sys.stdin.isatty():
        import getpass

        current.password = getpass.getpass(f"Password for {current.username}: ")
    session.set_current(current)
    level = {"warn": "WARNING", "trace": "DEBUG"}.get(current.log_level, current.log_level.upper())
    logging.basicConfig(
        level=getattr(logging, level, logging.INFO), format="%(levelname)s %(message)s"
    )
    return app(tokens)


def main(argv: list[str] | None = None) -> None:
    _register()
    try:
        result = app.meta(sys.argv[1:] if argv is None else argv, result_action="return_value")
    except CliError as exc:
        print(f"torc: {exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # an API or connection error from the SDK
        from torc import ApiError

        if isinstance(exc, ApiError):
            print(f"torc: {exc}", file=sys.stderr)
            sys.exit(1)
        raise
    if isinstance(result, int):
        sys.exit(result)
