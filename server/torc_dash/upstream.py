"""The torc server as the dashboard sees it: an SDK client per login.

The browser's own `Authorization` header, when it sends one, is passed through, so that each
user acts as themselves; otherwise the dashboard's login (`TORC_USERNAME`/`TORC_PASSWORD` in
its environment) is used, as `make_api` does for every torc client.
"""

from __future__ import annotations

import base64
import binascii
import functools

from torc import make_api
from torc.api import DefaultApi


def login_from_header(header: str | None) -> tuple[str, str] | None:
    """(user, password) of a Basic `Authorization` header, None without one."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "basic" or not token:
        return None
    try:
        user, _, password = base64.b64decode(token).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user, password


@functools.lru_cache(maxsize=64)
def _api(url: str, login: tuple[str, str] | None) -> DefaultApi:
    if login is None:
        return make_api(url, timeout=60)
    return make_api(url, username=login[0], password=login[1], timeout=60)


def api_for(url: str, authorization: str | None) -> DefaultApi:
    """An SDK client for `url` with the caller's login (or the dashboard's)."""
    return _api(url, login_from_header(authorization))
