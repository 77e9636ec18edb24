"""`torc --version`: this client's version, and the server's when it answers."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

SERVER_TIMEOUT = 2.0
"""Seconds to wait for the server's answer; a server that does not answer is left out."""


def client_version() -> str:
    try:
        return version("torc")
    except PackageNotFoundError:  # running from a source tree that is not installed
        from torc_server import __version__

        return __version__


def describe(tokens: list[str]) -> str:
    """`torc 0.1.0`, then `server 0.1.0 (abc1234) at URL` when the server answers. The URL is
    the one the command would use (`--url`, $TORC_API_URL, the configuration)."""
    lines = [f"torc {client_version()}"]
    url = _flag(tokens, "--url")
    try:
        from torc_cli import session

        current = session.from_environment(url, _flag(tokens, "--username"), None, None, None)
        server = _server_version(current.url, current.username, current.password)
    except Exception:  # a version query never fails the command
        server = None
    if server:
        lines.append(f"server {server} at {current.url}")
    return "\n".join(lines)


def _server_version(url: str, username: str | None, password: str | None) -> str | None:
    import httpx

    auth = (username, password or "") if username else None
    response = httpx.get(f"{url.rstrip('/')}/version", timeout=SERVER_TIMEOUT, auth=auth)
    if response.status_code != 200:
        return None
    value = response.json()
    return value if isinstance(value, str) else None


def _flag(tokens: list[str], name: str) -> str | None:
    """The value of the option's last occurrence (a later one overrides)."""
    found = None
    for index, token in enumerate(tokens):
        if token == name and index + 1 < len(tokens):
            found = tokens[index + 1]
        elif token.startswith(name + "="):
            found = token.split("=", 1)[1]
    return found


_VALUED = ("--url", "--username", "--password", "--format", "-f", "--log-level", "--db")


def asked(tokens: list[str]) -> bool:
    """`--version` among the global options, before any command (`torc exec -- python
    --version` is a command's own argument)."""
    skip = False
    for token in tokens:
        if skip:
            skip = False
        elif token == "--version":
            return True
        elif token in _VALUED:
            skip = True
        elif not token.startswith("-"):
            return False
    return False
