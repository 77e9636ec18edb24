"""The server's memory of verified logins: bounded, short-lived, keyed by a hash."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path

import pytest

from tests.auth.conftest import PASSWORDS, write_htpasswd
from torc_server.auth import credentials as module
from torc_server.auth.credentials import BadCredentials, Credentials


def header(user: str, password: str) -> bytes:
    return b"Basic " + base64.b64encode(f"{user}:{password}".encode())


@pytest.fixture
def store(tmp_path: Path) -> Credentials:
    return Credentials(str(write_htpasswd(tmp_path / "htpasswd", PASSWORDS)))


def test_a_verified_login_is_remembered_by_a_hash(store: Credentials) -> None:
    alice = header("alice", PASSWORDS["alice"])
    assert store.cached(alice) is None
    assert asyncio.run(store.verify(alice)) == "alice"
    assert store.cached(alice) == "alice"
    assert store.cached(header("alice", "wrong")) is None
    (key,) = store._verified
    assert len(key) == 32 and PASSWORDS["alice"].encode() not in key and alice not in key


@pytest.mark.parametrize(
    "value", [b"Bearer xyz", b"Basic !!!", b"Basic " + base64.b64encode(b"no-colon"), b"Basic "]
)
def test_malformed_headers_are_refused(store: Credentials, value: bytes) -> None:
    with pytest.raises(BadCredentials) as refused:
        asyncio.run(store.verify(value))
    assert refused.value.user is None


def test_unknown_users_and_wrong_passwords_are_refused_alike(store: Credentials) -> None:
    for value in (header("alice", "wrong"), header("nobody", "x")):
        with pytest.raises(BadCredentials):
            asyncio.run(store.verify(value))
    assert store._verified == {}


def test_the_memory_is_bounded_and_forgets(
    store: Credentials, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(module, "CACHE_SIZE", 2)
    logins = [header(user, password) for user, password in PASSWORDS.items()]
    for login in logins:
        asyncio.run(store.verify(login))
    assert [store.cached(login) for login in logins] == [None, "bob", "carol"]
    monkeypatch.setattr(module, "CACHE_SECONDS", -1.0)
    asyncio.run(store.verify(logins[0]))
    assert store.cached(logins[0]) is None  # expired at once


def test_reload_forgets_every_login(store: Credentials) -> None:
    bob = header("bob", PASSWORDS["bob"])
    asyncio.run(store.verify(bob))
    store.reload()
    assert store.cached(bob) is None
