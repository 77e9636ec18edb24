"""HTTP Basic authentication on a real server started with `--auth-file`."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
import pytest

from tests.auth.conftest import (
    COST,
    PASSWORDS,
    AuthServer,
    no_secret_in,
    start_auth_server,
    write_htpasswd,
)
from tests.conftest import stop_server
from torc_server.auth.htpasswd import Htpasswd, hash_password


def _refused(response: httpx.Response) -> str:
    assert response.status_code == 401, response.text
    assert response.headers["WWW-Authenticate"].startswith("Basic ")
    return response.json()["error"]["message"]


def test_optional_mode_lets_anonymous_in_and_refuses_wrong_credentials(
    optional_auth: AuthServer,
) -> None:
    with optional_auth.client(None) as anonymous:
        assert anonymous.get("/workflows").status_code == 200
    with optional_auth.client("bob") as bob:
        assert bob.get("/workflows").status_code == 200
    with (
        optional_auth.client("bob", "wrong") as wrong,
        optional_auth.client("nobody", "x") as nobody,
    ):
        # The same answer whether the user exists or not.
        assert _refused(wrong.get("/workflows")) == _refused(nobody.get("/workflows"))
    malformed = httpx.get(
        f"{optional_auth.url}/workflows", headers={"Authorization": "Bearer abc"}, timeout=10
    )
    assert "HTTP Basic" in _refused(malformed)


def test_the_workflow_belongs_to_whoever_logged_in(optional_auth: AuthServer) -> None:
    with optional_auth.client("carol") as carol:
        created = carol.post("/workflows", json={"name": "mine", "user": "someone-else"}).json()
        assert created["user"] == "carol"
        spec = {"name": "from-spec", "user": "mallory", "jobs": [{"name": "a", "command": "true"}]}
        answer = carol.post("/workflow_specs", json=spec)
        assert answer.status_code == 200, answer.text
        assert answer.json()["workflow"]["user"] == "carol"


def test_required_mode_refuses_anonymous_requests_everywhere_but_ping(
    guarded: AuthServer,
) -> None:
    with guarded.client(None) as anonymous:
        assert anonymous.get("/ping").status_code == 200
        # Litestar's automatic OPTIONS answers (no operation of the document) list methods only.
        allowed = anonymous.options("/workflows")
        assert allowed.status_code in (200, 204) and not allowed.content.strip(b"{}[] ")
        assert "Anonymous access not allowed" in _refused(anonymous.get("/workflows"))
        # The live event stream too (it answers before any event is sent).
        assert "Anonymous" in _refused(anonymous.get("/workflows/1/events/stream"))
    with (
        guarded.client("bob") as bob,
        bob.stream("GET", "/workflows/999999/events/stream") as streamed,
    ):
        assert streamed.status_code == 404  # logged in: reaches the handler


def test_a_changed_file_is_picked_up_without_a_restart(tmp_path: Path) -> None:
    running = start_auth_server(tmp_path / "reload", "--require-auth")
    try:
        with running.client("bob") as bob:
            assert bob.get("/workflows").status_code == 200  # verified and cached
            write_htpasswd(running.htpasswd, {"bob": "bob-new-password"})
            _wait_until(lambda: bob.get("/workflows").status_code == 401)  # the cache is gone
        with running.client("bob", "bob-new-password") as renewed:
            assert renewed.get("/workflows").status_code == 200
        htpasswd = Htpasswd.read(running.htpasswd)
        htpasswd.remove("alice")
        htpasswd.write()
        with running.client("alice") as alice:
            _wait_until(lambda: alice.get("/workflows").status_code == 401)
        assert running.server.process.poll() is None  # the same server all along
    finally:
        stop_server(running.server)
    log = running.log.read_text()
    assert "changed; reloading" in log
    no_secret_in(log)


def test_sighup_reloads_the_file(tmp_path: Path) -> None:
    running = start_auth_server(tmp_path / "hup", "--require-auth")
    try:
        # Rewrite the file in place keeping its size and modification time (and inode), so
        # that only SIGHUP can tell.
        path = running.htpasswd
        before = path.stat()
        htpasswd = Htpasswd.read(path)
        htpasswd.set("carol", hash_password("carol-Other-9", COST))
        with open(path, "r+") as out:
            out.write("\n".join(htpasswd.lines) + "\n")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = path.stat()
        assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
            before.st_ino,
            before.st_size,
            before.st_mtime_ns,
        )
        with running.client("carol", "carol-Other-9") as carol:
            time.sleep(1.5)  # past the server's next look at the file
            assert carol.get("/workflows").status_code == 401  # unnoticed so far
            running.server.process.send_signal(signal.SIGHUP)
            _wait_until(lambda: carol.get("/workflows").status_code == 200)
        assert running.server.process.poll() is None
    finally:
        stop_server(running.server)
    assert "Reloading htpasswd file" in running.log.read_text()


def test_auth_events_are_logged_without_secrets(tmp_path: Path) -> None:
    running = start_auth_server(tmp_path / "log", "--require-auth", "--log-level", "debug")
    try:
        with running.client("bob", "not-bobs-password") as wrong:
            wrong.get("/workflows")
        with running.client(None) as anonymous:
            anonymous.get("/workflows")
        with running.client("alice") as alice:
            alice.get("/workflows")
    finally:
        stop_server(running.server)
    log = running.log.read_text()
    assert "Loading htpasswd file from:" in log
    assert "Loaded 3 users from htpasswd file" in log
    assert "Authentication is REQUIRED for all requests" in log
    assert "Authentication failed for user 'bob'" in log
    assert "Authentication required but no credentials provided" in log
    assert "User 'alice' authenticated successfully" in log
    assert "not-bobs-password" not in log
    no_secret_in(log)


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--require-auth"], "needs --auth-file"),
        (["--enforce-access-control"], "needs --auth-file"),
        (["--auth-file", "/nonexistent/htpasswd"], "no such file"),
    ],
)
def test_settings_that_cannot_work_are_one_line_errors(
    tmp_path: Path, flags: list[str], message: str
) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "torc_server.cli",
            "run",
            "--port",
            "0",
            "-d",
            str(tmp_path / "d.db"),
            *flags,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("TORC_")},
    )
    assert done.returncode != 0
    assert message in done.stderr and "Traceback" not in done.stderr, done.stderr


def _wait_until(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the server did not pick up the change"
        time.sleep(0.1)


def test_passwords_fixture_is_what_the_server_loaded(optional_auth: AuthServer) -> None:
    assert set(Htpasswd.read(optional_auth.htpasswd).users) == set(PASSWORDS)
