"""Failed logins are limited per client address and user name, on a real server and alone."""

from __future__ import annotations

import time
from pathlib import Path

from tests.auth.conftest import PASSWORDS, start_auth_server, write_htpasswd
from tests.conftest import stop_server
from torc_server.auth.throttle import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_pair_waits_until_its_oldest_failure_leaves_the_window() -> None:
    clock = Clock()
    throttle = LoginThrottle(limit=3, window=60.0, clock=clock)  # type: ignore[arg-type]
    for _ in range(2):
        throttle.failed("10.0.0.1", "bob")
        clock.now += 10
    assert throttle.retry_after("10.0.0.1", "bob") is None  # two failures: may try again
    throttle.failed("10.0.0.1", "bob")
    assert throttle.retry_after("10.0.0.1", "bob") == 40  # the first failure is 20 s old
    assert throttle.retry_after("10.0.0.2", "bob") is None  # another machine
    assert throttle.retry_after("10.0.0.1", "carol") is None  # another user
    clock.now += 40
    assert throttle.retry_after("10.0.0.1", "bob") is None
    throttle.failed("10.0.0.1", "bob")
    throttle.succeeded("10.0.0.1", "bob")
    assert throttle.retry_after("10.0.0.1", "bob") is None


def test_a_guessing_client_is_refused_without_a_password_check(tmp_path: Path) -> None:
    running = start_auth_server(tmp_path / "guess", "--require-auth")
    try:
        with running.client("bob", "guess") as guesser:
            codes = [guesser.get("/workflows").status_code for _ in range(10)]
            assert codes == [401] * 10
            refused = guesser.get("/workflows")
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) > 0
        assert "Too many failed logins" in refused.json()["error"]["message"]
        with running.client("bob") as bob:  # even the right password waits
            assert bob.get("/workflows").status_code == 429
        with running.client("carol") as carol:  # other users log in as usual
            assert carol.get("/workflows").status_code == 200
        write_htpasswd(running.htpasswd, {"bob": PASSWORDS["bob"] + "-new"})
        with running.client("bob", PASSWORDS["bob"] + "-new") as renewed:
            # a changed file forgets the failures (the server looks at it once a second)
            for _ in range(50):
                status = renewed.get("/workflows").status_code
                if status == 200:
                    break
                time.sleep(0.1)
            assert status == 200
    finally:
        stop_server(running.server)
    assert "Too many failed logins for user 'bob'" in running.log.read_text()
