"""`torc-htpasswd`: manage the users of an htpasswd file for `torc-server run --auth-file`.

The file is named with `--file` (or `-f`), as the first argument, or by `$TORC_AUTH_FILE`.
Passwords are prompted for on a terminal (twice when setting one), read from stdin with
`--password-stdin`, or given with `--password` (visible to other users in the process list;
for throwaway test accounts only).
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Annotated

import cyclopts
from cyclopts import Parameter

from torc_server import __version__
from torc_server.auth.htpasswd import (
    DEFAULT_COST,
    Htpasswd,
    HtpasswdError,
    check_password,
    check_user_name,
    hash_password,
)

app = cyclopts.App(
    name="torc-htpasswd",
    help="Manage the users of an htpasswd file (bcrypt) for torc-server --auth-file.",
    version=__version__,
)

FileOption = Annotated[
    str | None,
    Parameter(
        name=["--file", "-f"],
        help="The htpasswd file (or give it as the first argument). Default: $TORC_AUTH_FILE.",
    ),
]
PasswordOption = Annotated[
    str | None,
    Parameter(help="The password (visible in the process list: prefer the prompt or stdin)."),
]
PasswordStdin = Annotated[
    bool,
    Parameter(negative=(), help="Read the password from the first line of standard input."),
]


class UsageError(Exception):
    """Printed as one line; exit code 1."""


def _file_and_user(
    file: str | None, names: tuple[str, ...], *, user: bool = True
) -> tuple[str, str]:
    """`add --file F USER`, `add F USER`, or `add USER` with $TORC_AUTH_FILE."""
    wanted = 1 if user else 0
    names_list = list(names)
    if file is None and len(names_list) == wanted + 1:
        file = names_list.pop(0)
    if file is None:
        file = os.environ.get("TORC_AUTH_FILE")
    if file is None:
        raise UsageError("name the htpasswd file: --file PATH (or $TORC_AUTH_FILE)")
    if len(names_list) != wanted:
        expected = "a user name" if user else "no user name"
        raise UsageError(
            f"expected {expected} after the file, got {' '.join(names_list) or 'none'}"
        )
    return file, (check_user_name(names_list[0]) if user else "")


def _password(given: str | None, from_stdin: bool, *, confirm: bool, user: str) -> str:
    if given is not None and from_stdin:
        raise UsageError("give either --password or --password-stdin, not both")
    if given is not None:
        password = given
    elif from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"Password for {user}: ")
        if confirm and getpass.getpass("Retype password: ") != password:
            raise UsageError("the passwords do not match; nothing changed")
    else:
        raise UsageError("no terminal to prompt for the password: use --password-stdin")
    if not password:
        raise UsageError("the password is empty")
    return password


@app.command
def add(
    *names: Annotated[str, Parameter(help="[FILE] USER")],
    file: FileOption = None,
    password: PasswordOption = None,
    password_stdin: PasswordStdin = False,
    cost: Annotated[
        int, Parameter(help="bcrypt cost, 4 to 31 (each step doubles the work).")
    ] = DEFAULT_COST,
    create: Annotated[
        bool,
        Parameter(name=["--create", "-c"], negative=(), help="Start a new file, replacing any."),
    ] = False,
) -> None:
    """Add a user, or set a user's password (bcrypt, cost 12 by default)."""
    path, user = _file_and_user(file, names)
    secret = _password(password, password_stdin, confirm=True, user=user)
    hashed = hash_password(secret, cost)
    htpasswd = Htpasswd(Path(path)) if create else Htpasswd.read(path, missing_ok=True)
    new = htpasswd.set(user, hashed)
    htpasswd.write()
    print(f"{'Added' if new else 'Updated'} user '{user}' in {path}")


@app.command(name="create")
def create_file(
    *names: Annotated[str, Parameter(help="FILE")],
    file: FileOption = None,
    force: Annotated[bool, Parameter(negative=(), help="Empty an existing file.")] = False,
) -> None:
    """Create an empty htpasswd file (mode 600)."""
    path, _ = _file_and_user(file, names, user=False)
    if os.path.exists(path) and not force:
        raise UsageError(f"{path} already exists (--force empties it)")
    Htpasswd(Path(path)).write()
    print(f"Created {path}")


@app.command
def remove(*names: Annotated[str, Parameter(help="[FILE] USER")], file: FileOption = None) -> None:
    """Remove a user."""
    path, user = _file_and_user(file, names)
    htpasswd = Htpasswd.read(path)
    if not htpasswd.remove(user):
        raise UsageError(f"no user '{user}' in {path}")
    htpasswd.write()
    print(f"Removed user '{user}' from {path}")


@app.command(name="list")
def list_users(*names: Annotated[str, Parameter(help="[FILE]")], file: FileOption = None) -> None:
    """List the users, one per line."""
    path, _ = _file_and_user(file, names, user=False)
    htpasswd = Htpasswd.read(path)
    for problem in htpasswd.problems:
        print(f"torc-htpasswd: warning: {problem}", file=sys.stderr)
    for user in htpasswd.users:
        print(user)


@app.command
def verify(
    *names: Annotated[str, Parameter(help="[FILE] USER")],
    file: FileOption = None,
    password: PasswordOption = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Check a user's password; exit 0 when it matches, 1 when not."""
    path, user = _file_and_user(file, names)
    htpasswd = Htpasswd.read(path)
    if user not in htpasswd.users:
        raise UsageError(f"no user '{user}' in {path}")
    secret = _password(password, password_stdin, confirm=False, user=user)
    if not check_password(secret, htpasswd.users[user]):
        raise UsageError(f"the password for '{user}' does not match")
    print(f"Password for '{user}' is correct")


def main() -> None:
    try:
        app(exit_on_error=False, print_error=False)
    except (UsageError, HtpasswdError) as exc:
        print(f"torc-htpasswd: {exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        from cyclopts.exceptions import CycloptsError

        if isinstance(exc, CycloptsError):
            print(f"torc-htpasswd: {' '.join(str(exc).split())} (see --help)", file=sys.stderr)
            sys.exit(2)
        raise


if __name__ == "__main__":
    main()
