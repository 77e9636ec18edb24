"""Checking HTTP Basic credentials against the htpasswd file, once per user and password.

bcrypt is slow on purpose (about a quarter of a second at cost 12) and a runner sends thousands
of requests. A verified `Authorization` header is remembered, keyed by its SHA-256 (never the
header or the password itself), for `CACHE_SECONDS`, at most `CACHE_SIZE` of them; the next
request with the same header costs a hash and a dictionary lookup. The file is looked at (its
size, modification time and inode) at most once per `STAT_SECONDS`, and on `reload()` (SIGHUP);
when it changed it is read again and every remembered login is forgotten, so a changed or
removed password stops working at once.

Nothing here logs a password or a header: only user names (quoted, so a name cannot forge log
lines) and the file's path.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import logging
import os
import time
from collections import OrderedDict

from torc_server.auth.htpasswd import Htpasswd, HtpasswdError, check_password, hash_password
from torc_server.auth.throttle import LoginThrottle

log = logging.getLogger("torc_server.auth")

CACHE_SECONDS = 600.0
CACHE_SIZE = 4096
STAT_SECONDS = 1.0


class BadCredentials(Exception):
    """The header is not HTTP Basic credentials, or they do not match; `user` when known."""

    def __init__(self, user: str | None) -> None:
        super().__init__(user)
        self.user = user


def parse_basic(header: bytes) -> tuple[str, str]:
    """User and password from an `Authorization: Basic ...` value."""
    scheme, _, token = header.strip().partition(b" ")
    if scheme.lower() != b"basic":
        raise BadCredentials(None)
    try:
        decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise BadCredentials(None) from None
    user, sep, password = decoded.partition(":")
    if not sep or not user:
        raise BadCredentials(None)
    return user, password


class TooManyFailures(Exception):
    """The user name failed to log in from this address too often lately (`throttle`)."""

    def __init__(self, user: str, retry_after: int) -> None:
        super().__init__(user)
        self.user = user
        self.retry_after = retry_after


class Credentials:
    """The users of one htpasswd file and the logins verified against it."""

    def __init__(self, path: str, *, clock: type[time.monotonic] | None = None) -> None:
        self.path = path
        self.users: dict[str, str] = {}
        self._verified: OrderedDict[bytes, tuple[str, float]] = OrderedDict()
        self._signature: tuple[int, int, int] | None = None
        self._next_stat = 0.0
        self._decoy: str | None = None  # checked for unknown users: they take as long
        self.throttle = LoginThrottle()  # forgotten with the file: old failures tell nothing
        log.info("Loading htpasswd file from: %s", path)
        self._load()

    # -- the file ------------------------------------------------------------------------------

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _load(self) -> None:
        signature = self._stat()
        try:
            htpasswd = Htpasswd.read(self.path)
        except HtpasswdError as exc:
            # Keep serving with the users already loaded: a file being replaced by hand may be
            # missing for a moment, and an empty set would lock everyone out.
            log.error("%s; keeping the %d users loaded before", exc, len(self.users))
            self._signature = signature
            return
        for problem in htpasswd.problems:
            log.warning("htpasswd: %s (line skipped)", problem)
        self.users = htpasswd.users
        self._verified.clear()
        self.throttle.clear()
        self._signature = signature
        log.info("Loaded %d users from htpasswd file", len(self.users))

    def reload(self) -> None:
        """Read the file again now (SIGHUP), forgetting every verified login."""
        log.info("Reloading htpasswd file %s", self.path)
        self._load()

    def _check_file(self, now: float) -> None:
        if now < self._next_stat:
            return
        self._next_stat = now + STAT_SECONDS
        if self._stat() != self._signature:
            log.info("htpasswd file %s changed; reloading", self.path)
            self._load()

    # -- logins --------------------------------------------------------------------------------

    def cached(self, header: bytes) -> str | None:
        """The user of a header verified a short while ago (and the file unchanged), else None."""
        now = time.monotonic()
        self._check_file(now)
        entry = self._verified.get(hashlib.sha256(header).digest())
        if entry is None or entry[1] < now:
            return None
        return entry[0]

    async def verify(self, header: bytes, address: str = "") -> str:
        """The user the header names, once bcrypt confirms the password (in a worker thread,
        so other requests go on meanwhile); `BadCredentials` otherwise, and `TooManyFailures`
        without a check when this user failed from this `address` too often lately."""
        user, password = parse_basic(header)
        wait = self.throttle.retry_after(address, user)
        if wait is not None:
            raise TooManyFailures(user, wait)
        signature = self._signature
        hashed = self.users.get(user)
        matches = await asyncio.to_thread(self._check, password, hashed)
        if hashed is None or not matches:
            self.throttle.failed(address, user)
            raise BadCredentials(user)
        self.throttle.succeeded(address, user)
        if signature == self._signature:  # the file did not change meanwhile
            self._remember(hashlib.sha256(header).digest(), user)
        log.debug("User %r authenticated successfully", user)
        return user

    def _check(self, password: str, hashed: str | None) -> bool:
        return check_password(password, hashed or self._decoy_hash())

    def _decoy_hash(self) -> str:
        """A hash of the cost the file's users have, built on first need."""
        if self._decoy is None:
            some = next(iter(self.users.values()), "$2y$12$")
            cost = int(some[4:6]) if some[4:6].isdigit() else 12
            self._decoy = hash_password("torc-decoy", cost)
        return self._decoy

    def _remember(self, key: bytes, user: str) -> None:
        self._verified[key] = (user, time.monotonic() + CACHE_SECONDS)
        self._verified.move_to_end(key)
        while len(self._verified) > CACHE_SIZE:
            self._verified.popitem(last=False)
