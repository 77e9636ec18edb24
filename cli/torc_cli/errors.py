"""One-line messages for what can go wrong on the command line: a mistyped command or value, a
server that refuses the request or the login, a server that cannot be reached."""

from __future__ import annotations

from typing import Any


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def usage(exc: Any) -> str:
    """A command-line mistake (unknown command, missing argument, invalid value)."""
    return one_line(str(exc)) + " (see --help)"


def api(exc: Any) -> str:
    """A failed API call (`torc.ApiError`), with what to check when the login was refused."""
    message = one_line(str(exc))
    if exc.status == 401:
        message += (
            "; the server refused the login: check --username and --password "
            "(or $TORC_USERNAME and $TORC_PASSWORD)"
        )
    elif exc.status == 403:
        message += "; the user is not allowed to do this (check --username)"
    return message
